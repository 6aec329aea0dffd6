"""`ocop-news status`: per-site health flags failing, silent and degraded sites."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from extract.models import Article, Figure
from pipelines.cli import main
from pipelines.exit_codes import ExitCode
from pipelines.status import read_status
from warehouse.records import RunCounters, SiteRecord, SiteRunCounters
from warehouse.store import Warehouse

NOW = datetime(2026, 6, 30, 12, 0, tzinfo=UTC)
FIGURE = Figure(5, "product", "recognized", 3, 3, None, 2026, None, None, None, "câu", 0, 1)


def _article(title: str, authors: tuple[str, ...], figures: tuple[Figure, ...]) -> Article:
    return Article(
        "u", None, title, None, ("Đoạn.",), None, None, authors, None, None, (), "vi", figures
    )


def _store(wh: Warehouse, site: str, days_ago: int, n: int, authors: bool, figures: bool) -> None:
    for i in range(n):
        article = _article(
            f"{site}-{days_ago}-{i}", ("Minh An",) if authors else (), (FIGURE,) if figures else ()
        )
        wh.store_article(
            site, f"{site}/{days_ago}/{i}", article, NOW - timedelta(days=days_ago), "v1"
        )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path) as wh:
        wh.upsert_sites(
            [
                SiteRecord(s, s, None, f"http://127.0.0.1:{i}/")
                for i, s in enumerate(("healthy", "silent", "redesigned", "failing"), 1)
            ]
        )
        _store(wh, "healthy", 2, 6, True, True)
        _store(wh, "healthy", 20, 6, True, True)
        _store(wh, "silent", 40, 6, True, True)
        _store(wh, "redesigned", 20, 6, True, True)
        _store(wh, "redesigned", 2, 6, False, True)  # the byline vanished last week
        run = wh.begin_run("crawl", ["healthy", "failing"])
        failing = SiteRunCounters(pages_fetched=1)
        for _ in range(4):
            failing.count_failure("HTTP 503")
        wh.finish_run(
            run,
            "partial",
            RunCounters(pages_fetched=11, pages_failed=4),
            {"healthy": SiteRunCounters(pages_fetched=10), "failing": failing},
        )
    return path


def _problems(db: Path) -> dict[str, tuple[str, ...]]:
    with Warehouse.open(db, read_only=True) as wh:
        return {site.site_id: site.problems for site in read_status(wh, now=NOW).sites}


def test_healthy_site_has_no_problem(db: Path) -> None:
    assert _problems(db)["healthy"] == ()


def test_site_without_new_articles_for_weeks_is_silent(db: Path) -> None:
    assert _problems(db)["silent"] == ("silent: no new article for 40 days",)


def test_sudden_loss_of_bylines_flags_degraded_extraction(db: Path) -> None:
    (problem,) = _problems(db)["redesigned"]
    assert problem.startswith("extraction degraded? articles with authors fell from 100% to 0%")


def test_site_whose_pages_mostly_fail_is_flagged_with_its_error_rate(db: Path) -> None:
    assert _problems(db)["failing"] == ("80% of recent pages failed",)


def test_run_records_keep_per_site_failures_by_reason(db: Path) -> None:
    with Warehouse.open(db, read_only=True) as wh:
        rows = wh.query(
            "SELECT site_id, pages_failed, failures_by_reason FROM crawl_run_sites ORDER BY site_id"
        ).rows
    assert rows == [("failing", 4, '{"HTTP 503": 4}'), ("healthy", 0, "{}")]


def test_status_command_prints_runs_and_site_health(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--db", str(db)]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "Last runs" in out and "partial" in out
    assert "healthy" in out and "80% of recent pages failed" in out


def test_status_check_exits_6_when_a_site_has_a_problem(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["status", "--db", str(db), "--check"]) == ExitCode.UNHEALTHY
    healthy = tmp_path / "healthy.duckdb"
    with Warehouse.open(healthy) as wh:
        wh.upsert_sites([SiteRecord("healthy", "healthy", None, "http://127.0.0.1:1/")])
    assert main(["status", "--db", str(healthy), "--check"]) == ExitCode.OK
