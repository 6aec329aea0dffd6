"""Which archived responses an article re-extraction reads, from the `pages` table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from warehouse.archive import RecordLocation
from warehouse.store import Warehouse


@dataclass(frozen=True, slots=True)
class ArchivedArticlePage:
    """The newest successful fetch of one article URL, and where its response is archived."""

    site_id: str
    url: str  # as requested: the frontier's key
    final_url: str | None
    fetched_at: datetime  # UTC
    published_hint: datetime | None  # from the feed or news sitemap that listed it
    location: RecordLocation | None  # None: fetched while no archive was kept


# Per article URL its newest 2xx fetch that has a WARC record, else its newest 2xx
# fetch (which then has none). `current` is true when an article row already holds
# this page's extraction at the wanted extractor version, found under the fetched
# URL, the final URL or the page's canonical URL (crawl_job.article_key's choices).
_NEWEST_ARTICLE_PAGES = """
    WITH ranked AS (
        SELECT site_id, url, final_url, fetched_at, warc_file, warc_offset, warc_length,
               row_number() OVER (
                   PARTITION BY url ORDER BY warc_file IS NOT NULL DESC, fetched_at DESC
               ) AS newest
        FROM pages
        WHERE role = 'article' AND status BETWEEN 200 AND 299 AND error IS NULL
    )
    SELECT r.site_id, r.url, r.final_url, r.fetched_at, f.published_hint,
           r.warc_file, r.warc_offset, r.warc_length,
           EXISTS (
               SELECT 1 FROM articles a
               WHERE a.extractor_version = ?
                 AND (a.url IN (r.url, r.final_url) OR a.canonical_url IN (r.url, r.final_url))
           ) AS current
    FROM ranked r LEFT JOIN frontier f ON f.url = r.url
    WHERE r.newest = 1
    ORDER BY r.url
"""


def newest_article_pages(
    warehouse: Warehouse, extractor_version: str
) -> list[tuple[ArchivedArticlePage, bool]]:
    """Each article URL's newest archived 2xx page, with whether it is at `extractor_version`."""
    rows = warehouse.connection.execute(_NEWEST_ARTICLE_PAGES, [extractor_version]).fetchall()
    return [
        (
            ArchivedArticlePage(
                site_id=site_id,
                url=url,
                final_url=final_url,
                fetched_at=fetched_at.astimezone(UTC),
                published_hint=hint,
                location=RecordLocation(file, offset, length) if file is not None else None,
            ),
            bool(current),
        )
        for site_id, url, final_url, fetched_at, hint, file, offset, length, current in rows
    ]
