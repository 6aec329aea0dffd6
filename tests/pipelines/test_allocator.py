"""pipelines.allocator: freed memory kept for reuse under glibc.

The setting is process-wide, so it is tried in child processes, one with
glibc's defaults and one after keep_freed_memory(), each counting the page
faults (a count, not a time) of allocating 16 MiB in small blocks again
after freeing it: handed back to the kernel, the memory faults in again.
What that saves a page's extraction depends on where the page's blocks land
in the heap; the benchmarks measure it (their --malloc-defaults option).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.allocator import keep_freed_memory, operator_tuned, set_up_malloc

_REPO = Path(__file__).resolve().parents[2]
_GLIBC = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"
needs_glibc = pytest.mark.skipif(not _GLIBC, reason="mallopt() is glibc's")

# Blocks this small come from the heap, not from mappings of their own; freed
# together they end up at the heap's top, which glibc trims by default.
_CHILD = """
import ctypes, json, resource, sys
from pipelines.allocator import keep_freed_memory

kept = keep_freed_memory() if sys.argv[1] == "keep" else None
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = (ctypes.c_size_t,)
libc.free.argtypes = (ctypes.c_void_p,)
BLOCK, COUNT = 4096, 4096

def round_trip():
    blocks = [libc.malloc(BLOCK) for _ in range(COUNT)]
    for block in blocks:
        ctypes.memset(block, 1, BLOCK)
    for block in reversed(blocks):
        libc.free(block)

round_trip()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
round_trip()
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
print(json.dumps({"kept": kept, "faults": faults}))
"""


def _faults(mode: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode],
        cwd=_REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


@needs_glibc
def test_freed_memory_is_kept_for_the_next_allocations() -> None:
    default, kept = _faults("default"), _faults("keep")
    assert kept["kept"] is True
    # Kept, the 4,096 pages are reused as they are; by default glibc trims
    # them off and every one faults in again (4,080 here).
    assert int(kept["faults"]) < 100, (default, kept)


@pytest.mark.parametrize("limit", [0, -1, 2**31, 2**40])
def test_a_limit_mallopt_cannot_take_is_refused_before_anything_is_set(limit: int) -> None:
    # mallopt() takes a C int: a larger value would wrap around silently.
    with pytest.raises(ValueError, match="malloc limit"):
        keep_freed_memory(limit)


@pytest.mark.parametrize(
    ("environ", "tuned"),
    [
        ({}, False),
        ({"GLIBC_TUNABLES": "glibc.cpu.hwcaps=-AVX2"}, False),
        ({"GLIBC_TUNABLES": "glibc.malloc.trim_threshold=1048576"}, True),
        ({"MALLOC_TRIM_THRESHOLD_": "1048576"}, True),
        ({"MALLOC_MMAP_THRESHOLD_": "65536"}, True),
        ({"MALLOC_TOP_PAD_": "0"}, True),
    ],
)
def test_an_operators_malloc_settings_are_recognised(environ: dict[str, str], tuned: bool) -> None:
    assert operator_tuned(environ) is tuned


def test_asked_for_defaults_or_tuned_by_the_operator_malloc_is_left_alone() -> None:
    assert "defaults" in set_up_malloc({}, defaults=True)
    assert "left as they are" in set_up_malloc({"MALLOC_TOP_PAD_": "0"})


def _cli_log(folder: Path, *options: str, tuning: dict[str, str] | None = None) -> str:
    text = folder / "news.txt"
    text.write_text("Huyện A có 5 sản phẩm OCOP.", encoding="utf-8")
    # The run's own malloc tuning only: none inherited from this environment.
    environ = {k: v for k, v in os.environ.items() if not operator_tuned({k: v})}
    done = subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "-v", *options, "figures", str(text)],
        cwd=_REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**environ, **(tuning or {})},
    )
    return done.stderr


@needs_glibc
def test_the_command_keeps_freed_memory_unless_told_or_tuned_otherwise(tmp_path: Path) -> None:
    assert "malloc: freed memory kept for the next page" in _cli_log(tmp_path)
    assert "malloc: glibc defaults" in _cli_log(tmp_path, "--malloc-defaults")
    tuned = _cli_log(tmp_path, tuning={"MALLOC_TOP_PAD_": "131072"})
    assert "malloc: the environment's malloc settings" in tuned
