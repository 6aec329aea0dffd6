"""`ocop-news report`: a self-contained HTML file whose charts add up the right facts."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from extract.models import Article, Figure
from pipelines.cli import main
from pipelines.exit_codes import ExitCode
from pipelines.report.data import NO_CLASS, recognised_by_stars, totals_and_targets
from warehouse.records import RunCounters, SiteRecord
from warehouse.store import Warehouse

VN = timezone(timedelta(hours=7))


def _figure(value: int, kind: str, stars: int | None, province: str = "Thanh Hóa") -> Figure:
    return Figure(
        value,
        "product",
        kind,
        stars,
        stars,
        None,
        2024,
        f"tỉnh {province}",  # type: ignore[arg-type]
        "province",
        province,
        "câu",
        0,
        2,
    )


def _article(*figures: Figure) -> Article:
    return Article(
        "u",
        None,
        "Tiêu đề",
        None,
        ("Đoạn.",),
        datetime(2024, 5, 6, 9, 0, tzinfo=VN),
        None,
        ("Minh An",),
        None,
        None,
        (),
        "vi",
        figures,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path) as wh:
        wh.upsert_sites(
            [
                SiteRecord("a", "A", "Thanh Hóa", "http://127.0.0.1:1/"),
                SiteRecord("b", "B", "Thanh Hóa", "http://127.0.0.1:2/"),
            ]
        )
        seen = datetime.now(VN)
        # A round of 17 broken down as 1 four-star and 16 three-star, reported by two outlets.
        round_ = _article(
            _figure(17, "recognized", None),
            _figure(1, "recognized", 4),
            _figure(16, "recognized", 3),
            _figure(600, "total", None),
            _figure(650, "target", None),
        )
        wh.store_article("a", "a1", round_, seen, "v1")
        wh.store_article("b", "b1", replace(round_, title="Khác"), seen, "v1")
        wh.store_article("b", "b2", _article(_figure(9, "recognized", None, "Nghệ An")), seen, "v1")
        run = wh.begin_run("crawl", ["a", "b"])
        wh.finish_run(run, "succeeded", RunCounters(pages_fetched=10, pages_failed=1))
    return path


def test_star_chart_counts_each_fact_once_and_never_double_counts_a_breakdown(db: Path) -> None:
    with Warehouse.open(db, read_only=True) as wh:
        chart = recognised_by_stars(wh)
    bars = {g.label: {s.series: s.value for s in g.segments} for g in chart.groups}
    assert bars["Thanh Hóa 2024"] == {"3 sao": 16, "4 sao": 1, NO_CLASS: 0}
    assert bars["Nghệ An 2024"] == {"3 sao": 0, "4 sao": 0, NO_CLASS: 9}


def test_totals_chart_sets_the_total_beside_its_target(db: Path) -> None:
    with Warehouse.open(db, read_only=True) as wh:
        chart = totals_and_targets(wh)
    assert chart.rows == [("Thanh Hóa", 2024, 600, 650)]
    assert [g.label for g in chart.groups] == ["Thanh Hóa 2024 total", "Thanh Hóa 2024 target"]


def test_report_is_one_self_contained_file_with_four_charts_and_their_tables(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "--out", str(out)]) == ExitCode.OK
    html = out.read_text("utf-8")
    assert html.count("<svg") == 4
    assert html.count("<table>") == 4
    assert "<script" not in html
    assert re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html) is None
    assert "<td>Thanh Hóa</td><td>2024</td><td>600</td><td>650</td>" in html
    assert out.stat().st_mode & 0o044, "the report must be readable by others like any file"


def test_report_on_a_missing_warehouse_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["report", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "r.html")]
    )
    assert code == ExitCode.BAD_INPUT
    assert not (tmp_path / "r.html").exists()


def _isolated_network_available() -> bool:
    """Chromium looks up Google hosts at start; it runs only in an empty network namespace."""
    if shutil.which("chromium") is None or shutil.which("unshare") is None:
        return False
    done = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)
    return done.returncode == 0


@pytest.mark.skipif(
    not _isolated_network_available(),
    reason="needs Debian's chromium and `unshare -n` (root) to run it without any network",
)
def test_report_renders_its_charts_in_headless_chromium_without_console_errors(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "--out", str(out)]) == ExitCode.OK
    shot = tmp_path / "report.png"
    blank = tmp_path / "blank.png"
    (tmp_path / "blank.html").write_text("<!DOCTYPE html><html><body></body></html>", "utf-8")
    for page, picture in ((out, shot), (tmp_path / "blank.html", blank)):
        done = subprocess.run(
            [
                "unshare",
                "-n",
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                f"--user-data-dir={tmp_path / 'profile'}",
                "--enable-logging=stderr",
                "--window-size=1200,2400",
                f"--screenshot={picture}",
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert picture.is_file(), done.stderr[-2000:]
        # Only the page's own messages count: Chromium's built-in pages
        # (chrome://..., chrome-untrusted://...) log notes of their own, e.g. on
        # a machine without network or on a first start.
        console = [
            line
            for line in done.stderr.splitlines()
            if "CONSOLE" in line and f"source: {page.as_uri()}" in line
        ]
        assert console == [], console
    # Charts draw far more than an empty page: the screenshot is much larger.
    assert shot.stat().st_size > 5 * blank.stat().st_size


def test_star_chart_counts_one_value_where_outlets_disagree(db: Path) -> None:
    with Warehouse.open(db) as wh:
        wh.upsert_sites([SiteRecord("c", "C", "Nghệ An", "http://127.0.0.1:3/")])
        seen = datetime.now(VN)
        # Two more outlets report 10 where site b reported 9: 10 wins, 9 is not added.
        for key in ("c1", "c2"):
            wh.store_article(
                "c", key, _article(_figure(10, "recognized", None, "Nghệ An")), seen, "v1"
            )
        chart = recognised_by_stars(wh)
    bars = {g.label: {s.series: s.value for s in g.segments} for g in chart.groups}
    assert bars["Nghệ An 2024"][NO_CLASS] == 10
