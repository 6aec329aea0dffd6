"""The article frontier: what to fetch, each URL once, at most max_pages per site and run.

`MemoryFrontier` orders one run's work. `LeadStore` is where the frontier outlives the
run: every discovered article URL is kept with its state (pending, fetched, retry at a
time, failed with a reason, refused by robots.txt), so a run killed at any moment
resumes its pending URLs next time. The crawler only knows this protocol; the warehouse
implements it, and the pipeline settles each fetched URL in the same transaction that
stores its article, so "fetched" is never recorded for an article that was not stored.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum
from typing import Literal, Protocol

from crawler.constants import HTTP_NOT_MODIFIED, LEAD_MAX_RUNS, LEAD_RETRY_BASE_S, LEAD_RETRY_MAX_S
from crawler.models import FetchResult

LeadState = Literal["pending", "fetched", "retry", "failed", "refused"]


class Offer(Enum):
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"  # already offered by another source (or the same one)
    KNOWN = "known"  # already stored and this is not a refresh run
    FULL = "full"  # the site's max_pages budget is spent


@dataclass(frozen=True, slots=True)
class ArticleLead:
    url: str  # canonical
    discovered_from: str | None = None
    depth: int = 0
    published: datetime | None = None


class Frontier(Protocol):
    @property
    def full(self) -> bool: ...

    def offer(self, lead: ArticleLead) -> Offer: ...

    def pop(self) -> ArticleLead | None: ...

    def pending(self) -> int: ...


class MemoryFrontier:
    """In-memory frontier; the budget counts accepted URLs, so known ones cost nothing."""

    def __init__(
        self, max_pages: int, is_known: Callable[[str], bool], *, refresh: bool = False
    ) -> None:
        self._max_pages = max_pages
        self._is_known = is_known
        self._refresh = refresh
        self._seen: set[str] = set()
        self._queued: dict[str, ArticleLead] = {}
        self._order: deque[str] = deque()
        self._accepted = 0

    @property
    def full(self) -> bool:
        return self._accepted >= self._max_pages

    def offer(self, lead: ArticleLead) -> Offer:
        if lead.url in self._seen:
            self._add_missing_date(lead)
            return Offer.DUPLICATE
        if not self._refresh and self._is_known(lead.url):
            self._seen.add(lead.url)
            return Offer.KNOWN
        if self.full:
            return Offer.FULL
        self._seen.add(lead.url)
        self._queued[lead.url] = lead
        self._order.append(lead.url)
        self._accepted += 1
        return Offer.ACCEPTED

    def pop(self) -> ArticleLead | None:
        if not self._order:
            return None
        return self._queued.pop(self._order.popleft())

    def pending(self) -> int:
        return len(self._order)

    def _add_missing_date(self, lead: ArticleLead) -> None:
        """A listing found it first, the sitemap knows its date: keep the date hint."""
        queued = self._queued.get(lead.url)
        if queued is not None and queued.published is None and lead.published is not None:
            self._queued[lead.url] = replace(queued, published=lead.published)


# -- the frontier across runs ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SourceValidators:
    """A feed, sitemap or listing page whose leads are all stored, with its validators."""

    url: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class Settlement:
    """The state an article URL takes after a fetch."""

    url: str
    state: LeadState
    attempts: int  # fetches so far, over all runs
    reason: str | None = None
    retry_at: datetime | None = None


class LeadStore(Protocol):
    """Durable frontier state, shared by the sites of a crawl."""

    def resume(self, site_id: str) -> Sequence[ArticleLead]:
        """Leads left pending by earlier runs and retries now due, oldest first."""
        ...

    def is_settled(self, url: str) -> bool:
        """Fetched, failed for good or waiting for a later retry: not to fetch in this run."""
        ...

    def add(self, site_id: str, leads: Sequence[ArticleLead]) -> None:
        """Keep newly discovered leads as pending (leads already stored keep their state)."""
        ...

    def refuse(self, site_id: str, url: str, reason: str) -> None:
        """Record a discovered URL we may not fetch (it is checked again next run)."""
        ...

    def source_done(self, site_id: str, source: SourceValidators) -> None:
        """Every lead of `source` is stored: its validators may now make the next run's
        request conditional (a 304 then cannot hide a lead that was never kept)."""
        ...


class NullLeadStore:
    """No durable state: each run discovers from scratch (tests, one-off crawls)."""

    def resume(self, site_id: str) -> Sequence[ArticleLead]:
        return ()

    def is_settled(self, url: str) -> bool:
        return False

    def add(self, site_id: str, leads: Sequence[ArticleLead]) -> None:
        pass

    def refuse(self, site_id: str, url: str, reason: str) -> None:
        pass

    def source_done(self, site_id: str, source: SourceValidators) -> None:
        pass


def settlement(result: FetchResult, attempts_before: int) -> Settlement:
    """Fetched; retry in a later run (transient failure, runs left); or failed with reason."""
    attempts = attempts_before + 1
    if result.ok or result.status == HTTP_NOT_MODIFIED:
        return Settlement(result.url, "fetched", attempts)
    reason = result.error or f"HTTP {result.status}"
    if not result.retryable or attempts >= LEAD_MAX_RUNS:
        if result.retryable:
            reason = f"{reason} (gave up after {attempts} runs)"
        return Settlement(result.url, "failed", attempts, reason)
    wait_s = min(LEAD_RETRY_MAX_S, LEAD_RETRY_BASE_S * 2 ** (attempts - 1))
    if result.retry_after_s is not None:
        wait_s = max(wait_s, result.retry_after_s)
    retry_at = result.fetched_at + timedelta(seconds=wait_s)
    return Settlement(result.url, "retry", attempts, reason, retry_at)
