"""The crawl job: config -> crawler -> extract -> warehouse.

Each fetched page is recorded as it arrives, and each article is stored with
its authors and figures in one transaction, so a run that is interrupted
keeps everything it finished.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from crawler.engine import Crawler, site_hosts
from crawler.frontier import ArticleLead, settlement
from crawler.models import CrawlStats, FetchResult
from crawler.urls import canonicalize, host_of
from extract.article import extract_article
from extract.errors import ExtractError
from extract.models import Article, PageContext
from extract.version import EXTRACTOR_VERSION
from pipelines.config import AppConfig, SiteConfig
from warehouse.archive import HttpResponse, RecordLocation, WarcArchive
from warehouse.frontier import WarehouseLeads
from warehouse.records import LoadOutcome, PageRecord, RunCounters, SiteRecord, SiteRunCounters
from warehouse.store import Warehouse

log = logging.getLogger(__name__)

HTTP_NOT_MODIFIED = 304


@dataclass(frozen=True, slots=True)
class PageEvent:
    """What happened to one fetched page, for progress display."""

    site_id: str
    url: str
    role: str
    status: int | None
    error: str | None
    outcome: LoadOutcome | None  # for stored articles
    title: str | None = None


@dataclass(frozen=True, slots=True)
class CrawlOutcome:
    run_id: int
    status: str  # succeeded | partial | failed
    counters: RunCounters
    stats: CrawlStats


def run_crawl(
    config: AppConfig,
    warehouse: Warehouse,
    *,
    command: str = "crawl",
    refresh: bool = False,
    on_page: Callable[[PageEvent], None] | None = None,
    archive: WarcArchive | None = None,
) -> CrawlOutcome:
    """Crawl every site of `config` into `warehouse` and record the run.

    With an `archive`, every response that has an HTTP status is written to it first.
    """
    warehouse.upsert_sites(
        SiteRecord(s.id, s.name, s.province, s.spec.base_url) for s in config.sites
    )
    run_id = warehouse.begin_run(command, [s.id for s in config.sites])
    job = _CrawlJob(config, warehouse, run_id, on_page or (lambda event: None), archive)
    crawler = Crawler(
        config.crawler,
        [s.spec for s in config.sites],
        is_known=job.known_urls.__contains__,
        validators=warehouse.validators(),
        refresh=refresh,
        leads=job.leads,
    )
    try:
        asyncio.run(job.consume(crawler))
    except BaseException:
        _record_failed_run(warehouse, run_id, job)
        raise
    status = "partial" if job.counters.pages_failed else "succeeded"
    warehouse.finish_run(run_id, status, job.counters, job.per_site)
    return CrawlOutcome(run_id, status, job.counters, crawler.stats)


def _record_failed_run(warehouse: Warehouse, run_id: int, job: _CrawlJob) -> None:
    """Mark the run failed, if the warehouse still can: the crawl's own error is the one
    to report, not a second one from a broken connection."""
    try:
        warehouse.finish_run(run_id, "failed", job.counters, job.per_site)
    except Exception:
        log.exception("could not mark run %d as failed; the next run marks it abandoned", run_id)


class _CrawlJob:
    def __init__(
        self,
        config: AppConfig,
        warehouse: Warehouse,
        run_id: int,
        on_page: Callable[[PageEvent], None],
        archive: WarcArchive | None = None,
    ) -> None:
        self.sites = {site.id: site for site in config.sites}
        self.archive = archive
        self.warehouse = warehouse
        self.run_id = run_id
        self.on_page = on_page
        self.counters = RunCounters()
        self.per_site: dict[str, SiteRunCounters] = {}
        self.known_urls = warehouse.known_article_urls()
        self.leads = WarehouseLeads(warehouse)

    async def consume(self, crawler: Crawler) -> None:
        async for result in crawler.run():
            self.handle(result)

    def handle(self, result: FetchResult) -> None:
        """Page row, article and frontier state of one fetch, committed together.

        The WARC record is written first: a page row never points at a missing record.
        """
        location = self.archive_response(result)
        article = self.extract(result) if result.role == "article" and result.ok else None
        outcome: LoadOutcome | None = None
        with self.warehouse.transaction():
            self.warehouse.record_pages(self.run_id, [page_record(result, location)])
            if article is not None:
                outcome = self.store(result, article)
            if result.role == "article":
                self.settle(result)
        self.count_page(result)
        self.on_page(
            PageEvent(
                result.site_id,
                result.url,
                result.role,
                result.status,
                result.error,
                outcome,
                article.title if article is not None else None,
            )
        )

    def archive_response(self, result: FetchResult) -> RecordLocation | None:
        """Archive any answer with a status (304s and errors too); failures without one
        are only in `pages`."""
        if self.archive is None or result.status is None:
            return None
        response = HttpResponse(
            url=result.final_url or result.url,
            status=result.status,
            headers=result.headers,
            body=result.body,
            fetched_at=result.fetched_at,
        )
        return self.archive.write(response)

    def count_page(self, result: FetchResult) -> None:
        site = self.site_counters(result.site_id)
        if result.error is not None:
            self.counters.pages_failed += 1
            site.count_failure(failure_reason(result.error))
        elif result.status == HTTP_NOT_MODIFIED:
            self.counters.pages_not_modified += 1
            site.pages_not_modified += 1
        else:
            # An answer without an error, e.g. a missing robots.txt (no rules), is a fetch.
            self.counters.pages_fetched += 1
            site.pages_fetched += 1

    def site_counters(self, site_id: str) -> SiteRunCounters:
        if site_id not in self.per_site:
            self.per_site[site_id] = SiteRunCounters()
        return self.per_site[site_id]

    def settle(self, result: FetchResult) -> None:
        lead = ArticleLead(
            result.url, result.discovered_from, result.depth, result.hinted_published
        )
        settled = settlement(result, self.leads.attempts(result.url))
        self.leads.settle(result.site_id, settled, lead)

    def extract(self, result: FetchResult) -> Article | None:
        site = self.sites[result.site_id]
        try:
            extracted = extract_article(result.body, page_context(result, site))
        except ExtractError as exc:
            log.warning("not extracted: %s: %s", result.url, exc)
            self.count_not_article(result.site_id)
            return None
        except Exception:  # a bug on one page must not stop a years-long scheduled job
            log.exception("extractor failed on %s; please report this page", result.url)
            self.count_not_article(result.site_id)
            return None
        if not isinstance(extracted, Article):
            log.info("not an article: %s (%s)", result.url, extracted.reason)
            self.count_not_article(result.site_id)
            return None
        return with_publish_hint(extracted, result.hinted_published)

    def count_not_article(self, site_id: str) -> None:
        self.counters.not_articles += 1
        self.site_counters(site_id).not_articles += 1

    def store(self, result: FetchResult, article: Article) -> LoadOutcome:
        key = article_key(result, article, self.sites[result.site_id])
        outcome = self.warehouse.store_article(
            result.site_id, key, article, result.fetched_at, EXTRACTOR_VERSION
        )
        for counters in (self.counters, self.site_counters(result.site_id)):
            counters.count_outcome(outcome)
            if outcome != "unchanged":
                counters.figures += len(article.figures)
        return outcome


def article_key(result: FetchResult, article: Article, site: SiteConfig) -> str:
    """The URL an article is stored under: one article, one key.

    Rule CANONICAL_WHEN_PLAUSIBLE: the page's <link rel=canonical>, canonicalised,
    when it stays on the site's hosts and still looks like an article URL of the
    site (some sites point every page's canonical at the home page); otherwise
    the URL that was fetched.
    """
    canonical = canonicalize(article.canonical_url or "", base=result.final_url or result.url)
    if canonical is None or canonical == result.url:
        return result.url
    if host_of(canonical) not in site_hosts(site.spec):
        return result.url
    pattern = site.spec.article_url_pattern
    if pattern is not None and not pattern.search(canonical):
        return result.url
    return canonical


# "HTTP 503 after 3 attempts" and "HTTP 503 (Retry-After 3600 s exceeds ...)" are
# one reason; the details stay in pages.error.
_REASON_DETAILS = re.compile(r"\s+after \d+ attempts.*$|\s*[(:].*$")


def failure_reason(error: str) -> str:
    return _REASON_DETAILS.sub("", error).strip() or error


def page_context(result: FetchResult, site: SiteConfig) -> PageContext:
    return PageContext(
        url=result.final_url or result.url,
        headers=result.headers,
        fetched_at=result.fetched_at,
        province=site.province,
        overrides=site.selectors,
    )


def with_publish_hint(article: Article, hint: datetime | None) -> Article:
    """Fill a missing publish time from the feed or news sitemap that listed the page."""
    if article.published_at is not None or hint is None or hint.tzinfo is None:
        return article
    return replace(article, published_at=hint)


def page_record(result: FetchResult, location: RecordLocation | None = None) -> PageRecord:
    return PageRecord(
        site_id=result.site_id,
        url=result.url,
        final_url=result.final_url,
        role=result.role,
        status=result.status,
        fetched_at=result.fetched_at,
        content_type=result.content_type,
        bytes=len(result.body),
        etag=result.etag,
        last_modified=result.last_modified,
        error=result.error,
        warc_file=location.file if location else None,
        warc_offset=location.offset if location else None,
        warc_length=location.length if location else None,
    )
