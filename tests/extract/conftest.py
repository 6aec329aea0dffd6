"""Shared paths for extractor tests: ../shared beside the repo, skipped when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
VN_NEWS = SHARED / "corpus" / "vn-news"
CEED = SHARED / "corpus" / "ceed-articles"


@pytest.fixture(scope="session")
def vn_news() -> Path:
    if not (VN_NEWS / "labels.jsonl").is_file():
        pytest.skip("../shared/corpus/vn-news is not present beside the repo")
    return VN_NEWS


@pytest.fixture(scope="session")
def ceed() -> Path:
    if not (CEED / "ground-truth.json").is_file():
        pytest.skip("../shared/corpus/ceed-articles is not present beside the repo")
    return CEED
