"""extract.allocator: freed memory kept for the next page under glibc.

The setting is process-wide, so its effect is measured in child processes:
one extracting with glibc's defaults, one after keep_freed_memory(), each
counting the page faults of the same extractions (a count, not a time).
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest

_REPO = Path(__file__).resolve().parents[2]
_GLIBC = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"
needs_glibc = pytest.mark.skipif(not _GLIBC, reason="mallopt() is glibc's")

# A page the size of a Vietnamese news page with its inline CSS: parsing it
# allocates a few megabytes, freed when the extraction returns.
_CHILD = """
import json, resource, sys
from extract.allocator import keep_freed_memory
from extract.article import extract_article
from extract.models import PageContext

kept = keep_freed_memory() if sys.argv[1] == "keep" else None
css = "".join(f".c{i} {{ color: #{i % 999:03d}; margin: {i % 7}px }}\\n" for i in range(12000))
paragraphs = "".join(
    f"<p>Đoạn văn thứ {i} kể chuyện phiên chợ quê, đủ dài để được đọc là văn xuôi.</p>"
    for i in range(300)
)
page = (
    f"<html><head><title>Chợ quê</title><style>{css}</style></head><body>"
    f"<h1>Phiên chợ quê ngày cuối năm</h1><article>{paragraphs}</article></body></html>"
).encode()
context = PageContext(url="https://example.com/cho-que")
for _ in range(3):
    extract_article(page, context)
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    extract_article(page, context)
faults = (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 20
print(json.dumps({"kept": kept, "faults_per_page": faults}))
"""


def _faults_per_page(mode: str) -> dict[str, object]:
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
def test_kept_freed_memory_spares_the_next_pages_their_page_faults() -> None:
    default = _faults_per_page("default")
    kept = _faults_per_page("keep")
    assert kept["kept"] is True
    # glibc's defaults fault the freed megabytes in again on every page
    # (about 240 faults a page here); kept, the next page reuses them.
    assert kept["faults_per_page"] <= max(5.0, float(default["faults_per_page"]) / 10)
