"""What the side-by-side benchmarks share: which reference tools are installed, and
how pages per second are timed (the same loop for every tool)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import TypeVar

P = TypeVar("P")
R = TypeVar("R")


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


def pages_per_second(extractor: Callable[[P], object], pages: Sequence[P], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for page in pages:
            extractor(page)
    return repeat * len(pages) / (time.perf_counter() - start)
