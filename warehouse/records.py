"""Rows the pipelines hand to the warehouse (besides extract.models.Article)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Literal

from extract.models import Article

LoadOutcome = Literal["new", "updated", "unchanged"]


@dataclass(frozen=True, slots=True)
class SiteRecord:
    id: str
    name: str
    province: str | None
    base_url: str


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One article to store under its key `url`, seen (fetched) at `seen_at`."""

    site_id: str
    url: str
    article: Article
    seen_at: datetime


@dataclass(frozen=True, slots=True)
class PageRecord:
    """One fetch attempt, as stored in `pages`."""

    site_id: str
    url: str
    final_url: str | None
    role: str
    status: int | None
    fetched_at: datetime
    content_type: str | None
    bytes: int
    etag: str | None
    last_modified: str | None
    error: str | None
    # The response's WARC record (warehouse/archive.py); None when nothing was archived.
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None


@dataclass(slots=True)
class RunCounters:
    pages_fetched: int = 0
    pages_not_modified: int = 0
    pages_failed: int = 0
    articles_new: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    not_articles: int = 0
    figures: int = 0

    def count_outcome(self, outcome: LoadOutcome) -> None:
        name = f"articles_{outcome}"
        setattr(self, name, getattr(self, name) + 1)

    def as_columns(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(slots=True)
class SiteRunCounters(RunCounters):
    """One site's share of a run, with its failed pages counted by reason."""

    failures_by_reason: dict[str, int] = field(default_factory=dict)

    def count_failure(self, reason: str) -> None:
        self.pages_failed += 1
        self.failures_by_reason[reason] = self.failures_by_reason.get(reason, 0) + 1

    def as_columns(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(RunCounters)}
