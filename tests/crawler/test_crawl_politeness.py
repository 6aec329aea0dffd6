"""Retry-After parsing, backoff bounds and the circuit breaker's counting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawler.politeness import CircuitBreaker, backoff_delay, parse_retry_after

NOW = datetime(2025, 6, 10, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("1", 1.0),
        (" 120 ", 120.0),
        ("Tue, 10 Jun 2025 12:00:30 GMT", 30.0),
        ("Tue, 10 Jun 2025 11:00:00 GMT", 0.0),  # in the past: go now
        ("soon", None),
        ("-5", None),
        (None, None),
    ],
)
def test_parse_retry_after_reads_seconds_and_http_dates(
    header: str | None, seconds: float | None
) -> None:
    assert parse_retry_after(header, now=NOW) == seconds


@pytest.mark.parametrize("attempt", [1, 2, 3, 8])
def test_backoff_grows_is_never_zero_and_respects_the_cap(attempt: int) -> None:
    waits = [backoff_delay(attempt, 1.0, 5.0) for _ in range(50)]
    ceiling = min(5.0, 2 ** (attempt - 1))
    assert all(ceiling / 2 <= wait <= ceiling for wait in waits)


def test_circuit_opens_after_consecutive_failures_and_success_resets_count() -> None:
    breaker = CircuitBreaker(3)
    breaker.record_failure("h")
    breaker.record_failure("h")
    breaker.record_success("h")
    breaker.record_failure("h")
    breaker.record_failure("h")
    assert not breaker.is_open("h")
    breaker.record_failure("h")
    assert breaker.is_open("h")
    assert not breaker.is_open("other")
