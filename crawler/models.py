"""Typed inputs and outputs of the crawl stage.

The crawler fetches and discovers; it knows nothing of extraction or DuckDB.
`pipelines/` builds `SiteSpec`/`CrawlSettings` from the sites config and
consumes the `FetchResult`s the engine yields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

# Why a URL was fetched. `article` pages are what extraction runs on.
Role = Literal["robots", "feed", "sitemap", "listing", "article"]

DEFAULT_USER_AGENT = "ocop-news/0.1 (OCOP news research crawler)"


@dataclass(frozen=True, slots=True)
class CrawlSettings:
    user_agent: str = DEFAULT_USER_AGENT
    timeout_s: float = 20.0
    max_body_bytes: int = 5_000_000
    concurrency_per_host: int = 2
    # False: refuse private, loopback and link-local targets. True: allow them.
    # A tuple of addresses or networks ("127.0.0.1", "10.0.0.0/8"): allow those only.
    allow_private_addresses: bool | tuple[str, ...] = False
    max_redirects: int = 5
    default_min_delay_s: float = 1.0
    max_listing_pages: int = 5  # pagination depth per listing
    # Added by the crawler helper: retry, breaker and sitemap limits (defaults suit production).
    max_attempts: int = 3  # per URL, for 429/5xx/connection errors/timeouts
    backoff_base_s: float = 1.0  # first backoff wait; doubles per attempt, with jitter
    backoff_max_s: float = 60.0
    max_retry_after_s: float = 120.0  # a longer Retry-After fails the URL instead of waiting
    circuit_breaker_failures: int = 5  # consecutive failed URLs on a host before it is skipped
    max_sitemap_bytes: int = 50_000_000  # the sitemap protocol's own limit (uncompressed)


@dataclass(frozen=True, slots=True)
class SiteSpec:
    id: str
    base_url: str
    start_urls: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    article_url_pattern: re.Pattern[str] | None = None
    max_pages: int = 200
    min_delay_s: float | None = None  # None: CrawlSettings.default_min_delay_s
    # Added by the crawler helper: more host names that belong to the site (sub-sites,
    # a CDN host). The host of base_url, its www./bare twin and the hosts of the
    # configured start_urls, feeds and sitemaps always belong to it.
    extra_hosts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One fetch attempt, successful or not."""

    site_id: str
    url: str  # the URL requested (canonical form)
    final_url: str  # after redirects
    role: Role
    status: int | None  # None when no HTTP response arrived
    fetched_at: datetime
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # why the fetch failed, in words
    depth: int = 0
    discovered_from: str | None = None
    hinted_published: datetime | None = None  # from a feed or news sitemap
    # Added by the frontier helper: whether a later run may succeed (timeouts, 429, 5xx,
    # an open circuit), and the server's Retry-After when it asked for longer than we wait.
    retryable: bool = False
    retry_after_s: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300


@dataclass(slots=True)
class CrawlStats:
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    skipped_known: int = 0
    robots_disallowed: int = 0
    failures_by_reason: dict[str, int] = field(default_factory=dict)
