"""What the side-by-side benchmarks share: which reference tools are installed, and
how pages per second are timed (the same loop for every tool)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from pipelines.allocator import set_up_malloc

# Each tool is timed for at least this long (pages_per_second).
MIN_TIMED_SECONDS = 2.0

P = TypeVar("P")
R = TypeVar("R")


def add_allocator_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--malloc-defaults",
        action="store_true",
        help="leave glibc's malloc as it starts, not as the ocop-news command sets it",
    )


def set_up_process(malloc_defaults: bool) -> None:
    """Set the process up as the ocop-news command sets itself up: freed
    memory kept for the next page (pipelines/allocator.py). The setting is
    process-wide, so every tool timed in this run runs under it."""
    print(f"malloc: {set_up_malloc(os.environ, malloc_defaults)}")


def installed(
    candidates: Sequence[tuple[str, Callable[[P], R]]], probe: P
) -> list[tuple[str, Callable[[P], R]]]:
    """The reference extractors that import; the others are named on stderr."""
    available = []
    for name, extractor in candidates:
        try:
            extractor(probe)
        except ImportError:
            print(f"{name}: not installed (pip install '.[bench]')", file=sys.stderr)
            continue
        available.append((name, extractor))
    return available


def pages_per_second(
    extractor: Callable[[P], object],
    pages: Sequence[P],
    repeat: int,
    min_seconds: float = MIN_TIMED_SECONDS,
) -> float:
    """Pages per second over `repeat` passes over the pages, and more passes
    until `min_seconds` have gone by. Every tool is timed the same way; the
    floor is there for the fast ones, whose few passes would otherwise last
    a fraction of a second, where one stall of the machine weighs ten
    times what it weighs in a slow tool's run."""
    start = time.perf_counter()
    passes = 0
    while passes < repeat or time.perf_counter() - start < min_seconds:
        for page in pages:
            extractor(page)
        passes += 1
    return passes * len(pages) / (time.perf_counter() - start)


def speed_line(rates: dict[str, float], ours: str = "ocop-news") -> str:
    """Our pages per second as a multiple of each reference tool's."""
    mine = rates[ours]
    others = [(name, rate) for name, rate in rates.items() if name != ours]
    ratios = [f"{mine / rate:.1f}x as fast as {name}" for name, rate in others]
    return f"speed: {ours} is " + ", ".join(ratios) if ratios else ""
