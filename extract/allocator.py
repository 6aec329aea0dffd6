"""Keep the memory one page's extraction frees for the next page (glibc).

Extracting a page allocates a few megabytes (lexbor's tree, the texts read
from it) and frees them all when it returns. By default glibc's malloc hands
the top of its heap back to the kernel as soon as 128 KB are free there, and
maps blocks from 128 KB up afresh and unmaps them when freed: the next page
then faults all that memory in again. On the Vietnamese news corpus that is
about 210 page faults a page and a fifth of the extraction time on a virtual
machine (English pages, a third the size, fault about 5 times a page).

keep_freed_memory() raises both limits, so the memory stays in the process
and the next page reuses it. Peak memory does not grow, since the next page
takes the same blocks; the process only stops shrinking between pages, which
a crawl or a re-extraction does not need.

The setting is process-wide, so it is made by whoever owns the process: the
ocop-news command when it starts, and the benchmarks, for every tool they
time. C libraries without glibc's mallopt() (musl, macOS, Windows) are left
as they are.
"""

from __future__ import annotations

import ctypes

from extract import thresholds

# mallopt() parameter numbers, from glibc's <malloc.h>.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def keep_freed_memory(limit: int = thresholds.KEEP_FREED_BYTES) -> bool:
    """Have glibc keep up to `limit` bytes of freed memory, and serve blocks
    below `limit` from that memory; False when the C library has no
    mallopt() or refuses a value."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # no glibc, or no C library to load
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt(_M_MMAP_THRESHOLD, limit) == 1 and mallopt(_M_TRIM_THRESHOLD, limit) == 1
