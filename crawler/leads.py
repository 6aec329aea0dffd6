"""What discovery hands on: a URL and what its source said about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from crawler.constants import SOURCE_TIME_ZONE


@dataclass(frozen=True, slots=True)
class Lead:
    url: str  # canonical
    published: datetime | None = None  # from a feed item or <news:publication_date>
    modified: datetime | None = None  # sitemap <lastmod>; used only to fetch newest first


def newest_first(leads: list[Lead]) -> list[Lead]:
    """Newest (by published, else modified) first; undated ones keep source order, last.

    max_pages cuts the list, and for news the recent items are the ones worth the budget.
    """

    def key(lead: Lead) -> float:
        when = lead.published or lead.modified
        return -when.timestamp() if when is not None else float("inf")

    return sorted(leads, key=key)


SOURCE_ZONE = ZoneInfo(SOURCE_TIME_ZONE)


def aware(moment: datetime) -> datetime:
    """Sources that give no offset are read in the sites' own zone, so dates compare."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=SOURCE_ZONE)
