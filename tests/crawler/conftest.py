"""Fixtures for crawler tests; the helpers live in crawl_testkit.py."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The test modules import their shared helpers from crawl_testkit.py beside this file.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl_testkit import TestWeb


@pytest.fixture
def web() -> Iterator[TestWeb]:
    server = TestWeb()
    yield server
    server.close()


@pytest.fixture
def other_web() -> Iterator[TestWeb]:
    """A second server, for tests that need two hosts' worth of routes."""
    server = TestWeb()
    yield server
    server.close()
