"""Keep the memory one page's extraction frees for the next page (glibc).

Extracting a page allocates a few megabytes (lexbor's tree, the texts read
from it) and frees them all when it returns. glibc's malloc hands the top of
its heap back to the kernel once more than its trim threshold is free there,
and maps blocks above its mmap threshold afresh and unmaps them when freed.
Both start at 128 KB and rise only as far as the largest mapped block freed
so far. Depending on where a page's blocks land in the heap, the next page
may fault all that memory in again: in a process of its own, extracting the
Vietnamese news corpus took about 210 page faults a page and a fifth of the
extraction time (the English pages, a third the size, about 5 a page).

keep_freed_memory() sets both to KEEP_FREED_BYTES, the ceiling glibc's own
adjustment stops at on 64-bit machines, so the memory stays in the process
and the next page reuses it. The demo crawl's peak memory is the same either
way (128-129 MiB); the process only stops shrinking between pages. Setting
them turns glibc's adjustment off for the whole process, which is why the
ceiling is the value.

The setting is process-wide, so it is made by whoever owns the process: the
ocop-news command when it starts (unless told --malloc-defaults, or the
operator set malloc tunables in the environment, which then win), and the
benchmarks, for every tool they time. C libraries without glibc's mallopt()
(musl, macOS, Windows) are left as they are.
"""

from __future__ import annotations

import ctypes
from collections.abc import Mapping

# Freed memory kept at the top of the heap, and the block size below which
# blocks come from the heap rather than fresh mappings: 32 MiB, the most
# glibc's own adjustment reaches on 64-bit machines.
KEEP_FREED_BYTES = 32 * 1024 * 1024
# mallopt() parameter numbers, from glibc's <malloc.h>.
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
# mallopt() takes a C int.
_MAX_LIMIT = 2**31 - 1
# Environment variables through which an operator tunes glibc's malloc.
_OPERATOR_VARIABLES = (
    "MALLOC_TRIM_THRESHOLD_",
    "MALLOC_MMAP_THRESHOLD_",
    "MALLOC_TOP_PAD_",
    "MALLOC_MMAP_MAX_",
)
_TUNABLES_PREFIX = "glibc.malloc."


def keep_freed_memory(limit: int = KEEP_FREED_BYTES) -> bool:
    """Have glibc keep up to `limit` bytes of freed memory and serve blocks
    below `limit` from it. False when the C library has no mallopt() or
    refuses a value; when it refuses the second, the first stays set."""
    if not 0 < limit <= _MAX_LIMIT:
        raise ValueError(f"a malloc limit must be 1 to {_MAX_LIMIT} bytes, not {limit}")
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # no glibc, or no C library to load
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt(_M_TRIM_THRESHOLD, limit) == 1 and mallopt(_M_MMAP_THRESHOLD, limit) == 1


def operator_tuned(environ: Mapping[str, str]) -> bool:
    """Whether the environment tunes glibc's malloc itself."""
    tunables = environ.get("GLIBC_TUNABLES", "")
    return any(v in environ for v in _OPERATOR_VARIABLES) or _TUNABLES_PREFIX in tunables


def set_up_malloc(environ: Mapping[str, str], defaults: bool = False) -> str:
    """Keep freed memory unless asked not to or the operator tuned malloc;
    a line saying what was done, for the log."""
    if defaults:
        return "glibc defaults (--malloc-defaults)"
    if operator_tuned(environ):
        return "the environment's malloc settings (left as they are)"
    if keep_freed_memory():
        return "freed memory kept for the next page"
    return "the C library's defaults (no mallopt() that takes the setting)"
