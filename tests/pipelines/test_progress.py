"""Progress off a terminal: a log line per thousand items and one at the end, not one per item."""

from __future__ import annotations

import logging

import pytest

from pipelines.progress import COUNT_LOG_EVERY, CountProgress


def test_count_progress_without_a_terminal_logs_sparsely(caplog: pytest.LogCaptureFixture) -> None:
    total = 2 * COUNT_LOG_EVERY + 5
    with caplog.at_level(logging.INFO), CountProgress("re-extracting", total, live=False) as p:
        for _ in range(total):
            p.advance()
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [
        f"re-extracting: {COUNT_LOG_EVERY} of {total}",
        f"re-extracting: {2 * COUNT_LOG_EVERY} of {total}",
        f"re-extracting: {total} of {total}",
    ]
