"""Re-extraction: articles, authors and figures rebuilt from the WARC archive, offline.

For each article URL the newest archived 2xx response is read back and extracted
exactly as the crawl did (same PageContext, same publish-time hint, same article
key), then stored with the current extractor version, STORE_BATCH articles per
transaction (storing them one by one took most of a re-extraction's time). A
run that stops part-way leaves whole articles only; a rerun redoes the rest.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields
from pathlib import Path

from crawler.models import FetchResult
from extract.article import extract_article
from extract.errors import ExtractError
from extract.models import Article, PageContext
from extract.version import EXTRACTOR_VERSION
from pipelines.config import AppConfig, SiteConfig
from pipelines.crawl_job import article_key, page_context, with_publish_hint
from pipelines.progress import CountProgress
from warehouse.archive import read_response
from warehouse.archived_pages import ArchivedArticlePage, newest_article_pages
from warehouse.errors import ArchiveReadError
from warehouse.records import ArticleRecord
from warehouse.store import Warehouse

log = logging.getLogger(__name__)
# Articles stored per warehouse transaction.
STORE_BATCH = 200


@dataclass(slots=True)
class ReextractCounters:
    new: int = 0  # stored where no article row was
    updated: int = 0  # stored over a row of another version or content
    unchanged: int = 0  # re-extracted to exactly what was stored
    current: int = 0  # skipped: already at this extractor version (no --all)
    not_articles: int = 0  # the archived page no longer extracts as an article
    missing_records: int = 0  # fetched while no archive was kept: nothing to read
    figures: int = 0  # figures of the new and updated articles

    @property
    def reextracted(self) -> int:
        return self.new + self.updated

    def as_columns(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def run_reextract(
    config: AppConfig,
    warehouse: Warehouse,
    archive_dir: str | Path,
    *,
    everything: bool = False,
    extractor_version: str | None = None,
    store_batch: int | None = None,
) -> ReextractCounters:
    """Re-extract archived article pages not yet at the extractor version (all if `everything`),
    storing `store_batch` articles (default STORE_BATCH) per transaction.

    Raises ArchiveReadError before writing anything when a WARC file is missing, and
    part-way (keeping the articles already stored) when a record is damaged.
    """
    version = extractor_version or EXTRACTOR_VERSION
    batch_size = STORE_BATCH if store_batch is None else store_batch
    if batch_size < 1:
        raise ValueError(f"store_batch must be at least 1 article, not {batch_size}")
    archive_dir = Path(archive_dir)
    sites = {site.id: site for site in config.sites}
    counters = ReextractCounters()
    todo: list[ArchivedArticlePage] = []
    for page, current in newest_article_pages(warehouse, version):
        if page.location is None:
            counters.missing_records += 1
        elif current and not everything:
            counters.current += 1
        else:
            todo.append(page)
    check_files_exist(archive_dir, todo)
    _reextract_pages(warehouse, archive_dir, todo, sites, version, counters, batch_size)
    return counters


def _reextract_pages(
    warehouse: Warehouse,
    archive_dir: Path,
    todo: list[ArchivedArticlePage],
    sites: dict[str, SiteConfig],
    version: str,
    counters: ReextractCounters,
    batch_size: int,
) -> None:
    batch: list[ArticleRecord] = []
    with CountProgress("re-extracting", len(todo)) as progress:
        try:
            for page in todo:
                record = _reextract_one(archive_dir, page, sites.get(page.site_id), counters)
                if record is not None:
                    batch.append(record)
                if len(batch) >= batch_size:
                    _store(warehouse, batch, version, counters)
                    batch = []
                progress.advance()
        except ArchiveReadError:
            # Keep what was read before the damage; should this store fail too,
            # its error is the one the user sees (the archive error is chained).
            _store(warehouse, batch, version, counters)
            raise
        _store(warehouse, batch, version, counters)


def check_files_exist(archive_dir: Path, pages: list[ArchivedArticlePage]) -> None:
    """Fail before any write when a WARC file is gone, naming it and counting the rest."""
    names = sorted({page.location.file for page in pages if page.location is not None})
    missing = [name for name in names if not (archive_dir / name).is_file()]
    if not missing:
        return
    others = f" (and {len(missing) - 1} more WARC files)" if len(missing) > 1 else ""
    raise ArchiveReadError(
        f"WARC file {archive_dir / missing[0]} is missing{others}: restore it, or pass the "
        "folder that holds the archive with --archive; nothing was re-extracted"
    )


def _reextract_one(
    archive_dir: Path,
    page: ArchivedArticlePage,
    site: SiteConfig | None,
    counters: ReextractCounters,
) -> ArticleRecord | None:
    """The article to store for one archived page; None (counted) when it is none."""
    assert page.location is not None
    response = read_response(archive_dir, page.location)
    result = FetchResult(
        site_id=page.site_id,
        url=page.url,
        final_url=page.final_url or page.url,
        role="article",
        status=response.status,
        fetched_at=page.fetched_at,  # the page row's, to the microsecond, as the crawl had it
        headers=response.headers,
        body=response.body,
        hinted_published=page.published_hint,
    )
    article = _extract(result, site)
    if article is None:
        counters.not_articles += 1
        return None
    key = article_key(result, article, site) if site is not None else result.url
    return ArticleRecord(page.site_id, key, article, page.fetched_at)


def _store(
    warehouse: Warehouse, batch: list[ArticleRecord], version: str, counters: ReextractCounters
) -> None:
    outcomes = warehouse.store_articles(batch, version) if batch else []
    for record, outcome in zip(batch, outcomes, strict=True):
        setattr(counters, outcome, getattr(counters, outcome) + 1)
        if outcome != "unchanged":
            counters.figures += len(record.article.figures)


def _extract(result: FetchResult, site: SiteConfig | None) -> Article | None:
    """As the crawl extracts; a site no longer in the config gets no province or selectors."""
    context = (
        page_context(result, site)
        if site is not None
        else PageContext(url=result.final_url, headers=result.headers, fetched_at=result.fetched_at)
    )
    try:
        extracted = extract_article(result.body, context)
    except ExtractError as exc:
        log.warning("not extracted: %s: %s", result.url, exc)
        return None
    except Exception:  # one bad page must not stop a rebuild of years of articles
        log.exception("extractor failed on %s; please report this page", result.url)
        return None
    if not isinstance(extracted, Article):
        log.info("not an article: %s (%s)", result.url, extracted.reason)
        return None
    return with_publish_hint(extracted, result.hinted_published)
