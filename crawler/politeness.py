"""Being a good guest: per-host slots and delays, backoff, Retry-After, circuit breaker."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from crawler.constants import BACKOFF_JITTER_FLOOR


class HostGate:
    """At most `concurrency` requests at once to one host, spaced by `min_delay_s`.

    A request starts no sooner than `min_delay_s` after the previous start and
    after the previous end, so the server sees at least that gap between requests
    even when one response is slow (the stricter reading of robots.txt Crawl-delay).
    """

    def __init__(self, concurrency: int, min_delay_s: float) -> None:
        self.min_delay_s = min_delay_s
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._turn = asyncio.Lock()
        self._last_activity: float | None = None  # latest request start or end
        self._paused_until = 0.0

    def raise_min_delay(self, delay_s: float) -> None:
        self.min_delay_s = max(self.min_delay_s, delay_s)

    def pause_until(self, monotonic_deadline: float) -> None:
        """Hold every request to this host until then (the server asked us to wait)."""
        self._paused_until = max(self._paused_until, monotonic_deadline)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._slots:
            async with self._turn:
                await self._wait_turn()
                self._last_activity = time.monotonic()
            try:
                yield
            finally:
                self._last_activity = time.monotonic()

    async def _wait_turn(self) -> None:
        while True:
            ready_at = self._paused_until
            if self._last_activity is not None:
                ready_at = max(ready_at, self._last_activity + self.min_delay_s)
            wait = ready_at - time.monotonic()
            if wait <= 0:
                return
            await asyncio.sleep(wait)


class HostGates:
    """One gate per host, created on first use."""

    def __init__(self, concurrency: int) -> None:
        self._concurrency = concurrency
        self._gates: dict[str, HostGate] = {}

    def gate(self, host: str, min_delay_s: float) -> HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = HostGate(self._concurrency, min_delay_s)
        else:
            gate.raise_min_delay(min_delay_s)  # two sites on one host: the slower rule wins
        return gate


class CircuitBreaker:
    """Stops asking a host that keeps failing: after `threshold` consecutive failed URLs."""

    def __init__(self, threshold: int) -> None:
        self._threshold = max(1, threshold)
        self._consecutive: dict[str, int] = {}

    def is_open(self, host: str) -> bool:
        return self._consecutive.get(host, 0) >= self._threshold

    def record_success(self, host: str) -> None:
        if not self.is_open(host):
            self._consecutive[host] = 0

    def record_failure(self, host: str) -> None:
        self._consecutive[host] = self._consecutive.get(host, 0) + 1


def backoff_delay(attempt: int, base_s: float, max_s: float) -> float:
    """Wait before retry number `attempt` (1-based): exponential, jittered, never zero."""
    ceiling = min(max_s, base_s * 2 ** (attempt - 1))
    return random.uniform(BACKOFF_JITTER_FLOOR * ceiling, ceiling)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
