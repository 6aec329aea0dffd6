"""`ocop-news status`: the last runs and the health of each site.

A scheduled crawl fails quietly in two ways: a site stops answering or stops
publishing (it goes silent), or it changes its layout and the extractor
degrades (articles suddenly lose their authors or figures). Both show here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from warehouse.store import QueryResult, Warehouse

RECENT_RUNS = 10
ERROR_RATE_RUNS = 5  # the error rate covers each site's last N runs
ARTICLE_RATE_DAYS = 30
SILENT_AFTER_DAYS = 14  # no new article for this long, after having had some
HIGH_ERROR_RATE = 0.5
DEGRADED_RECENT_DAYS = 7  # compare the last week's articles...
DEGRADED_BASELINE_DAYS = 60  # ...with the two months before it
DEGRADED_MIN_ARTICLES = 5  # in each window, before a share is trusted
DEGRADED_SHARE_RATIO = 0.5  # a share falling below half its baseline is a drop
BASELINE_START_DAYS = DEGRADED_RECENT_DAYS + DEGRADED_BASELINE_DAYS

RUNS_SQL = f"""
SELECT id, started_at, finished_at, status, pages_fetched, pages_not_modified, pages_failed,
       articles_new, articles_updated, figures
FROM crawl_runs ORDER BY id DESC LIMIT {RECENT_RUNS}
"""

SITES_SQL = f"""
WITH site_runs AS (
    SELECT s.*, r.started_at,
           row_number() OVER (PARTITION BY s.site_id ORDER BY s.run_id DESC) AS recency
    FROM crawl_run_sites s JOIN crawl_runs r ON r.id = s.run_id
),
errors AS (
    SELECT site_id,
           max(started_at) FILTER (WHERE pages_fetched > 0) AS last_success,
           sum(pages_failed) FILTER (WHERE recency <= {ERROR_RATE_RUNS}) AS failed,
           sum(pages_fetched + pages_not_modified + pages_failed)
               FILTER (WHERE recency <= {ERROR_RATE_RUNS}) AS attempted
    FROM site_runs GROUP BY site_id
),
windows AS (
    SELECT a.site_id, a.first_seen_at,
           a.first_seen_at >= p.now - INTERVAL {ARTICLE_RATE_DAYS} DAY AS in_rate_window,
           a.first_seen_at >= p.now - INTERVAL {DEGRADED_RECENT_DAYS} DAY AS in_week,
           a.first_seen_at < p.now - INTERVAL {DEGRADED_RECENT_DAYS} DAY
               AND a.first_seen_at >= p.now - INTERVAL {BASELINE_START_DAYS} DAY AS in_baseline,
           (SELECT count(*) FROM article_authors au WHERE au.article_url = a.url) > 0
               AS has_authors,
           (SELECT count(*) FROM ocop_figures f WHERE f.article_url = a.url) > 0 AS has_figures
    FROM articles a, (SELECT ?::TIMESTAMPTZ AS now) p
),
shares AS (
    SELECT site_id,
           count(*) FILTER (WHERE in_rate_window) AS recent_articles,
           max(first_seen_at) AS last_new_article,
           count(*) FILTER (WHERE in_week) AS week_articles,
           avg(has_authors::INTEGER) FILTER (WHERE in_week) AS week_authors,
           avg(has_figures::INTEGER) FILTER (WHERE in_week) AS week_figures,
           count(*) FILTER (WHERE in_baseline) AS base_articles,
           avg(has_authors::INTEGER) FILTER (WHERE in_baseline) AS base_authors,
           avg(has_figures::INTEGER) FILTER (WHERE in_baseline) AS base_figures
    FROM windows GROUP BY site_id
)
SELECT s.id, e.last_success, e.failed, e.attempted, h.recent_articles, h.last_new_article,
       h.week_articles, h.week_authors, h.week_figures,
       h.base_articles, h.base_authors, h.base_figures
FROM sites s
LEFT JOIN errors e ON e.site_id = s.id
LEFT JOIN shares h ON h.site_id = s.id
ORDER BY s.id
"""


@dataclass(frozen=True, slots=True)
class SiteHealth:
    site_id: str
    last_success: datetime | None
    error_rate: float | None
    articles_per_day: float
    last_new_article: datetime | None
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class StatusReport:
    runs: QueryResult
    sites: tuple[SiteHealth, ...]


def read_status(warehouse: Warehouse, now: datetime | None = None) -> StatusReport:
    now = now or datetime.now(UTC)
    rows = warehouse.query(SITES_SQL, [now]).rows
    return StatusReport(warehouse.query(RUNS_SQL), tuple(_health(row, now) for row in rows))


def _health(row: tuple, now: datetime) -> SiteHealth:
    (site_id, last_success, failed, attempted, recent, last_new, week_n, week_authors,
     week_figures, base_n, base_authors, base_figures) = row  # fmt: skip
    error_rate = (failed or 0) / attempted if attempted else None
    problems = []
    if error_rate is not None and error_rate >= HIGH_ERROR_RATE:
        problems.append(f"{error_rate:.0%} of recent pages failed")
    if last_new is not None and now - last_new > timedelta(days=SILENT_AFTER_DAYS):
        problems.append(f"silent: no new article for {(now - last_new).days} days")
    if last_success is None and attempted:
        problems.append("never fetched a page successfully")
    if (week_n or 0) >= DEGRADED_MIN_ARTICLES and (base_n or 0) >= DEGRADED_MIN_ARTICLES:
        for name, recent_share, base_share in (
            ("authors", week_authors, base_authors),
            ("figures", week_figures, base_figures),
        ):
            if base_share and recent_share < DEGRADED_SHARE_RATIO * base_share:
                problems.append(
                    f"extraction degraded? articles with {name} fell from {base_share:.0%} "
                    f"to {recent_share:.0%}"
                )
    return SiteHealth(
        site_id,
        last_success,
        error_rate,
        (recent or 0) / ARTICLE_RATE_DAYS,
        last_new,
        tuple(problems),
    )
