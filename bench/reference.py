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

# Each tool is timed for at least this long in all (timed_rates), in this
# many turns taken with the other tools.
MIN_TIMED_SECONDS = 2.0
TIMING_ROUNDS = 4

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


def timed_rates(
    extractors: Sequence[tuple[str, Callable[[P], object]]],
    pages: Sequence[P],
    repeat: int,
    rounds: int = TIMING_ROUNDS,
    min_seconds: float = MIN_TIMED_SECONDS,
) -> dict[str, float]:
    """Pages per second of each tool over at least `repeat` passes and
    `min_seconds`, the tools taking turns: each round times every tool for
    its share of both, and a tool's rate is all its pages over all its time.

    The machine's speed drifts over seconds (other tenants of the host, the
    CPU's clock): tools timed one after another each meet a different spell
    of it, and a slow spell moved the ratio of two tools by a tenth and more
    between runs of the benchmarks. Taking turns, every tool meets every spell."""
    passes_each = -(-repeat // rounds)  # rounded up
    seconds_each = min_seconds / rounds
    done = dict.fromkeys((name for name, _ in extractors), 0)
    spent = dict.fromkeys(done, 0.0)
    for _ in range(rounds):
        for name, extractor in extractors:
            passes, seconds = _timed_passes(extractor, pages, passes_each, seconds_each)
            done[name] += passes * len(pages)
            spent[name] += seconds
    return {name: done[name] / spent[name] for name in done}


def _timed_passes(
    extractor: Callable[[P], object], pages: Sequence[P], repeat: int, min_seconds: float
) -> tuple[int, float]:
    """(passes, seconds): `repeat` passes over the pages, and more until
    `min_seconds` have gone by."""
    start = time.perf_counter()
    passes = 0
    while passes < repeat or time.perf_counter() - start < min_seconds:
        for page in pages:
            extractor(page)
        passes += 1
    return passes, time.perf_counter() - start


def speed_line(rates: dict[str, float], ours: str = "ocop-news") -> str:
    """Our pages per second as a multiple of each reference tool's."""
    mine = rates[ours]
    others = [(name, rate) for name, rate in rates.items() if name != ours]
    ratios = [f"{mine / rate:.1f}x as fast as {name}" for name, rate in others]
    return f"speed: {ours} is " + ", ".join(ratios) if ratios else ""
