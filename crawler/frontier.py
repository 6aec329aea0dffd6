"""The article frontier of one site: what to fetch, each URL once, at most max_pages.

Kept behind the small `Frontier` protocol because a later version stores it in
DuckDB so an interrupted run can resume; the engine only uses these methods.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Protocol


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
