"""The crawl-wide fetch path: politeness, retries, circuit breaker, robots.txt, statistics.

Every fetch of every role goes through `CrawlSession.fetch`, so the rules apply
equally to robots.txt, feeds, sitemaps, listings and articles.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from crawler.constants import HTTP_NOT_MODIFIED, ROBOTS_MAX_BYTES
from crawler.fetcher import Attempt, Fetcher, FetchRequest
from crawler.models import CrawlSettings, CrawlStats, FetchResult
from crawler.politeness import CircuitBreaker, HostGates, backoff_delay
from crawler.robots import RobotsPolicy, agent_token, policy_from_fetch, robots_url
from crawler.urls import host_of, origin_of

log = logging.getLogger(__name__)

CIRCUIT_OPEN = "circuit open"


@dataclass(frozen=True, slots=True)
class SiteScope:
    """What the session needs to know about the site a request belongs to."""

    site_id: str
    hosts: frozenset[str]
    min_delay_s: float


class CrawlSession:
    def __init__(
        self,
        settings: CrawlSettings,
        fetcher: Fetcher,
        stats: CrawlStats,
        emit: Callable[[FetchResult], Awaitable[None]],
    ) -> None:
        self._settings = settings
        self._fetcher = fetcher
        self._stats = stats
        self._emit = emit
        self._gates = HostGates(settings.concurrency_per_host)
        self._breaker = CircuitBreaker(settings.circuit_breaker_failures)
        self._agent = agent_token(settings.user_agent)
        self._robots: dict[str, RobotsPolicy] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    async def fetch(self, request: FetchRequest, scope: SiteScope) -> FetchResult:
        """Fetch politely with bounded retries; the result is also emitted and counted."""
        host = host_of(request.url) or ""
        gate = self._gates.gate(host, scope.min_delay_s)
        attempt_number = 0
        while True:
            attempt_number += 1
            if self._breaker.is_open(host):
                return await self._finish(self._circuit_open(request), CIRCUIT_OPEN)
            async with gate.slot():
                if self._breaker.is_open(host):
                    return await self._finish(self._circuit_open(request), CIRCUIT_OPEN)
                attempt = await self._fetcher.fetch(request, scope.hosts)
            wait = self._retry_wait(attempt, attempt_number)
            if wait is None:
                return await self._conclude(attempt, attempt_number, host)
            if attempt.retry_after_s is not None:
                gate.pause_until(time.monotonic() + wait)  # the whole host asked us to wait
            log.info("retrying %s in %.1f s (%s)", request.url, wait, attempt.reason)
            await asyncio.sleep(wait)

    def count_known(self) -> None:
        self._stats.skipped_known += 1

    async def robots_allows(self, url: str, scope: SiteScope) -> bool:
        """Whether robots.txt of `url`'s origin lets us fetch it (fetched once per origin)."""
        policy = await self._robots_policy(url, scope)
        if policy.allows(url, self._agent):
            return True
        self._stats.robots_disallowed += 1
        log.info("robots.txt disallows %s", url)
        return False

    async def robots_sitemaps(self, url: str, scope: SiteScope) -> tuple[str, ...]:
        """The sitemaps robots.txt of `url`'s origin names (the origin's robots.txt is
        fetched once either way)."""
        policy = await self._robots_policy(url, scope)
        return policy.sitemaps(robots_url(url))

    async def _robots_policy(self, url: str, scope: SiteScope) -> RobotsPolicy:
        origin = origin_of(url)
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            policy = self._robots.get(origin)
            if policy is None:
                request = FetchRequest(
                    scope.site_id, robots_url(url), "robots", max_bytes=ROBOTS_MAX_BYTES
                )
                policy = policy_from_fetch(await self.fetch(request, scope))
                self._robots[origin] = policy
                host = host_of(url) or ""
                self._gates.gate(host, scope.min_delay_s).raise_min_delay(
                    policy.delay_s(self._agent)
                )
            return policy

    def _retry_wait(self, attempt: Attempt, attempt_number: int) -> float | None:
        """Seconds to wait before asking again, or None when this attempt is the last."""
        if not attempt.transient or attempt_number >= self._settings.max_attempts:
            return None
        if attempt.retry_after_s is not None:
            if attempt.retry_after_s > self._settings.max_retry_after_s:
                return None
            return attempt.retry_after_s
        settings = self._settings
        return backoff_delay(attempt_number, settings.backoff_base_s, settings.backoff_max_s)

    async def _conclude(self, attempt: Attempt, attempt_number: int, host: str) -> FetchResult:
        result = attempt.result
        if not attempt.transient:
            if result.status is not None:
                self._breaker.record_success(host)  # the host answered, even if with a 404
            return await self._finish(result, attempt.reason)
        self._breaker.record_failure(host)
        error = result.error or "failed"
        too_long = attempt.retry_after_s is not None and (
            attempt.retry_after_s > self._settings.max_retry_after_s
        )
        if too_long:
            error = (
                f"{error} (Retry-After {attempt.retry_after_s:.0f} s exceeds "
                f"max_retry_after_s {self._settings.max_retry_after_s:.0f})"
            )
        elif attempt_number > 1:
            error = f"{error} after {attempt_number} attempts"
        failed = replace(result, error=error, retryable=True, retry_after_s=attempt.retry_after_s)
        return await self._finish(failed, attempt.reason)

    async def _finish(self, result: FetchResult, reason: str | None) -> FetchResult:
        stats = self._stats
        if result.error is not None:
            stats.failed += 1
            key = reason or "failed"
            stats.failures_by_reason[key] = stats.failures_by_reason.get(key, 0) + 1
            log.warning("%s %s failed: %s", result.role, result.url, result.error)
        elif result.status == HTTP_NOT_MODIFIED:
            stats.not_modified += 1
        else:
            stats.fetched += 1
        await self._emit(result)  # waits while the consumer is behind
        return result

    @staticmethod
    def _circuit_open(request: FetchRequest) -> FetchResult:
        return FetchResult(
            site_id=request.site_id,
            url=request.url,
            final_url=request.url,
            role=request.role,
            status=None,
            fetched_at=datetime.now(UTC),
            error=CIRCUIT_OPEN,
            retryable=True,  # the host may be back by the next run
            depth=request.depth,
            discovered_from=request.discovered_from,
            hinted_published=request.hinted_published,
        )
