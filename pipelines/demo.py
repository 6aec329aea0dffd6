"""`ocop-news demo`: crawl the local mini-web end to end.

The mini-web listens on fresh loopback ports each time, so its URLs (the
article keys) change from run to run; the demo therefore builds its
warehouse (and the WARC archive of every response) anew beside the old one
and swaps them in when complete. Real crawls (`ocop-news crawl`) are
incremental instead. The demo's sites config is written beside them, so that
`ocop-news reextract` can rebuild the warehouse from the archive offline with
the sites' provinces.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pipelines.config import parse_config
from pipelines.crawl_job import CrawlOutcome, run_crawl
from pipelines.miniweb.server import MiniWeb
from pipelines.progress import PageProgress
from pipelines.report.page import write_report
from pipelines.tables import render_table
from warehouse.archive import WarcArchive, archive_dir_for
from warehouse.export import ExportSummary, export_parquet
from warehouse.lock import lock_path
from warehouse.store import Warehouse

DEMO_DB_NAME = "ocop-demo.duckdb"
DEMO_PARQUET_NAME = "ocop-demo-parquet"
DEMO_REPORT_NAME = "ocop-demo-report.html"
DEMO_CONFIG_NAME = "ocop-demo-sites.toml"
DEMO_MIN_DELAY_S = 0.0  # our own loopback server: no need to wait between requests
SUMMARY_TABLES = ("sites", "pages", "articles", "article_authors", "ocop_figures")

ARTICLES_SQL = """
SELECT a.site_id AS site, a.title, a.published_at,
       coalesce((SELECT string_agg(name, ', ' ORDER BY position) FROM article_authors au
                 WHERE au.article_url = a.url), '') AS authors,
       (SELECT count(*) FROM ocop_figures f WHERE f.article_url = a.url) AS figures
FROM articles a ORDER BY a.site_id, a.published_at
"""

FIGURES_SQL = """
SELECT a.site_id AS site, left(a.title, 48) AS article, f.value, f.subject, f.kind,
       CASE WHEN f.min_stars IS NULL THEN ''
            WHEN f.min_stars = f.max_stars THEN f.min_stars || '★'
            ELSE f.min_stars || '-' || f.max_stars || '★' END AS stars,
       f.qualifier, f.year, f.place_text, f.province
FROM ocop_figures f JOIN articles a ON a.url = f.article_url
ORDER BY a.site_id, a.published_at, f.ordinal
"""


@dataclass(frozen=True, slots=True)
class DemoResult:
    db_path: Path
    archive_dir: Path
    config_path: Path
    parquet_dir: Path
    report_path: Path
    crawl: CrawlOutcome
    export: ExportSummary
    counts: dict[str, int]
    report: str


def run_demo(workdir: Path, *, live_progress: bool | None = None) -> DemoResult:
    db_path = workdir / DEMO_DB_NAME
    building = workdir / f".{DEMO_DB_NAME}.building"
    _remove_database(building)
    with MiniWeb() as web:
        toml = web.config_toml(min_delay_s=DEMO_MIN_DELAY_S)
        config = parse_config(toml, "<mini-web>")
        with (
            Warehouse.open(building) as warehouse,
            WarcArchive(archive_dir_for(building), user_agent=config.crawler.user_agent) as archive,
            PageProgress(live=live_progress) as progress,
        ):
            crawl = run_crawl(
                config, warehouse, command="demo", on_page=progress.on_page, archive=archive
            )
    # The build's lock was released on close; its file would only clutter the folder.
    lock_path(building).unlink(missing_ok=True)
    _remove_database(db_path)
    os.replace(building, db_path)
    os.replace(archive_dir_for(building), archive_dir_for(db_path))
    config_path = workdir / DEMO_CONFIG_NAME
    config_path.write_text(toml, "utf-8")
    with Warehouse.open(db_path, read_only=True) as warehouse:
        export = export_parquet(warehouse, workdir / DEMO_PARQUET_NAME)
        report_path = write_report(warehouse, workdir / DEMO_REPORT_NAME)
        counts = {table: warehouse.count_rows(table) for table in SUMMARY_TABLES}
        report = _report(warehouse, counts)
    return DemoResult(
        db_path,
        archive_dir_for(db_path),
        config_path,
        workdir / DEMO_PARQUET_NAME,
        report_path,
        crawl,
        export,
        counts,
        report,
    )


def _report(warehouse: Warehouse, counts: dict[str, int]) -> str:
    articles = warehouse.query(ARTICLES_SQL)
    figures = warehouse.query(FIGURES_SQL)
    summary = (
        f"sites: {counts['sites']}  pages: {counts['pages']}  articles: {counts['articles']}  "
        f"authors: {counts['article_authors']}  figures: {counts['ocop_figures']}\n"
    )
    return (
        summary
        + "\nArticles\n"
        + _article_list(articles.rows)
        + render_table(figures.columns, figures.rows, title="OCOP figures")
    )


def _article_list(rows: list[tuple]) -> str:
    """One block per article: long Vietnamese titles stay whole, unlike in a table."""
    lines = []
    for site, title, published, authors, figures in rows:
        when = published.isoformat() if published is not None else "no publish time"
        lines.append(f"[{site}] {when}  {title}")
        lines.append(f"    authors: {authors or '-'} · figures: {figures}")
    return "\n".join(lines) + "\n\n"


def _remove_database(path: Path) -> None:
    """A DuckDB file with its write-ahead log and its WARC archive."""
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)
    shutil.rmtree(archive_dir_for(path), ignore_errors=True)
