"""End to end over real HTTP: the mini-web crawled into a real DuckDB file.

One crawl is shared by the tests of this module (it is the slow part); each
test checks one promise of the pipeline against the mini-web's source data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from extract.models import document_text
from pipelines.cli import main
from pipelines.config import parse_config
from pipelines.crawl_job import CrawlOutcome, run_crawl
from pipelines.exit_codes import ExitCode
from pipelines.miniweb.server import MiniWeb
from warehouse.store import Warehouse

VIETNAM_OFFSET = timedelta(hours=7)


@dataclass
class Crawled:
    web: MiniWeb
    db: Path
    first: CrawlOutcome
    second: CrawlOutcome
    counts_after_first: dict[str, int]
    counts_after_second: dict[str, int]


COUNTED = ("articles", "article_authors", "ocop_figures", "sites")


def _counts(db: Path) -> dict[str, int]:
    with Warehouse.open(db, read_only=True) as wh:
        return {table: wh.count_rows(table) for table in COUNTED}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    db = tmp_path_factory.mktemp("crawl") / "w.duckdb"
    with MiniWeb() as web:
        config = parse_config(web.config_toml(min_delay_s=0.0), "<mini-web>")
        with Warehouse.open(db) as wh:
            first = run_crawl(config, wh)
        after_first = _counts(db)
        with Warehouse.open(db) as wh:
            second = run_crawl(config, wh)
        yield Crawled(web, db, first, second, after_first, _counts(db))


def _rows(db: Path, sql: str) -> list[tuple]:
    with Warehouse.open(db, read_only=True) as wh:
        return wh.query(sql).rows


def test_every_miniweb_article_is_stored_once(crawled: Crawled) -> None:
    expected = {crawled.web.url_of(a) for a in crawled.web.articles}
    stored = {row[0] for row in _rows(crawled.db, "SELECT url FROM articles")}
    assert stored == expected


def test_stored_titles_and_publish_instants_match_the_source(crawled: Crawled) -> None:
    stored = {
        url: (title, published)
        for url, title, published in _rows(
            crawled.db, "SELECT url, title, published_at FROM articles"
        )
    }
    for article in crawled.web.articles:
        title, published = stored[crawled.web.url_of(article)]
        assert title == article.title
        assert published == article.published
        assert published.utcoffset() == VIETNAM_OFFSET


def test_stored_author_lists_match_the_source(crawled: Crawled) -> None:
    rows = _rows(
        crawled.db,
        "SELECT article_url, list(name ORDER BY position) FROM article_authors GROUP BY ALL",
    )
    stored = dict(rows)
    for article in crawled.web.articles:
        assert tuple(stored.get(crawled.web.url_of(article), [])) == article.authors


def test_figures_are_found_in_ocop_articles(crawled: Crawled) -> None:
    with_gold = [a for a in crawled.web.articles if a.figures]
    assert with_gold, "the mini-web must hold OCOP figures"
    counts = dict(_rows(crawled.db, "SELECT article_url, count(*) FROM ocop_figures GROUP BY ALL"))
    found = [a for a in with_gold if counts.get(crawled.web.url_of(a), 0) > 0]
    assert len(found) >= 0.9 * len(with_gold)


def test_second_crawl_adds_no_rows_and_fetches_no_known_article(crawled: Crawled) -> None:
    assert crawled.counts_after_second == crawled.counts_after_first
    assert crawled.second.counters.articles_new == 0
    article_fetches = _rows(
        crawled.db,
        f"SELECT count(*) FROM pages WHERE role = 'article' AND run_id = {crawled.second.run_id}",
    )
    assert article_fetches == [(0,)]


def test_runs_are_recorded_with_status_and_counters(crawled: Crawled) -> None:
    rows = _rows(crawled.db, "SELECT id, status, articles_new FROM crawl_runs ORDER BY id")
    assert [r[1] for r in rows] == ["succeeded", "succeeded"]
    assert rows[0][2] == len(crawled.web.articles)


def test_every_fetch_attempt_is_recorded_in_pages(crawled: Crawled) -> None:
    roles = dict(_rows(crawled.db, "SELECT role, count(*) FROM pages GROUP BY role"))
    assert roles.get("robots", 0) >= len(crawled.web.sites)
    assert roles.get("feed", 0) >= 1 and roles.get("sitemap", 0) >= 1
    assert roles.get("listing", 0) >= len(crawled.web.sites)
    assert roles["article"] == len(crawled.web.articles)


def test_cli_export_writes_parquet_that_duckdb_reads_back(
    crawled: Crawled, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "parquet"
    assert main(["export", "--db", str(crawled.db), "--out", str(out)]) == ExitCode.OK
    con = duckdb.connect()
    exported = con.execute(
        f"SELECT count(*), count(DISTINCT site_id) FROM read_parquet("
        f"'{out}/articles/**/*.parquet', hive_partitioning = true)"
    ).fetchone()
    figures = con.execute(
        f"SELECT count(*) FROM read_parquet('{out}/ocop_figures/**/*.parquet', "
        "hive_partitioning = true)"
    ).fetchone()
    con.close()
    assert exported == (len(crawled.web.articles), len(crawled.web.sites))
    assert figures == (crawled.counts_after_second["ocop_figures"],)


def test_cli_query_answers_figures_per_province_as_json(
    crawled: Crawled, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "query",
            "--db",
            str(crawled.db),
            "--format",
            "json",
            "SELECT province, count(*) AS n FROM ocop_figures WHERE province IS NOT NULL "
            "GROUP BY province ORDER BY province",
        ]
    )
    assert code == ExitCode.OK
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    provinces = {site.province for site in crawled.web.sites}
    assert provinces <= {line["province"] for line in lines}


def test_every_stored_figure_points_at_its_number_in_the_article_document(
    crawled: Crawled,
) -> None:
    rows = _rows(
        crawled.db,
        'SELECT a.title, a.lead, a.text, f.value, f.sentence, f."start", f."end" '
        "FROM ocop_figures f JOIN articles a ON a.url = f.article_url",
    )
    assert rows
    for title, lead, text, value, sentence, start, end in rows:
        document = document_text(title, lead, tuple(text.split("\n\n")))
        written = document[start:end]
        assert written in sentence
        if written.replace(".", "").isdigit():
            assert int(written.replace(".", "")) == value


def test_stored_lead_body_and_source_credit_match_the_source(crawled: Crawled) -> None:
    stored = {
        row[0]: row[1:]
        for row in _rows(crawled.db, "SELECT url, lead, text, source_credit FROM articles")
    }
    for article in crawled.web.articles:
        lead, text, credit = stored[crawled.web.url_of(article)]
        assert (lead, credit) == (article.lead, article.source_credit), article.path
        assert text == "\n\n".join(article.paragraphs), article.path


def test_each_run_records_every_site_s_share(crawled: Crawled) -> None:
    rows = _rows(
        crawled.db,
        "SELECT run_id, count(*), sum(articles_new), sum(pages_fetched) "
        "FROM crawl_run_sites GROUP BY run_id ORDER BY run_id",
    )
    first, second = rows
    assert first[1:3] == (len(crawled.web.sites), len(crawled.web.articles))
    assert first[3] == crawled.first.counters.pages_fetched
    assert second[2] == 0
