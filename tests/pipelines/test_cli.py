"""The `ocop-news` command: help everywhere, bad input exits non-zero and touches nothing."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.exit_codes import ExitCode
from warehouse.records import SiteRecord
from warehouse.store import Warehouse

COMMANDS = ("demo", "crawl", "extract", "figures", "export", "query")
VN = timezone(timedelta(hours=7))


@pytest.fixture
def stored_db(tmp_path: Path) -> Path:
    """A warehouse holding one site and one run, closed again."""
    path = tmp_path / "w.duckdb"
    with Warehouse.open(path) as wh:
        wh.upsert_sites([SiteRecord("alpha", "Alpha", "Nghệ An", "http://127.0.0.1:9/")])
        wh.begin_run("seed", ["alpha"])
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_console_script_prints_help_for_every_command() -> None:
    for command in COMMANDS:
        done = subprocess.run(
            [sys.executable, "-m", "pipelines.cli", command, "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert "usage: ocop-news " + command in done.stdout


def test_crawl_with_missing_config_exits_2_and_leaves_warehouse_untouched(
    stored_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(stored_db)
    code = main(["crawl", "--config", str(tmp_path / "absent.toml"), "--db", str(stored_db)])
    assert code == ExitCode.BAD_INPUT
    assert "absent.toml does not exist" in capsys.readouterr().err
    assert _digest(stored_db) == before


def test_crawl_with_invalid_config_names_line_and_key(
    stored_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[crawler]\ntimeout_s = "soon"\n[[sites]]\nid = "a"\n', "utf-8")
    before = _digest(stored_db)
    code = main(["crawl", "--config", str(config), "--db", str(stored_db)])
    assert code == ExitCode.BAD_INPUT
    assert f"{config}:2: timeout_s must be a number" in capsys.readouterr().err
    assert _digest(stored_db) == before


def test_crawl_with_unknown_site_id_lists_known_ids_and_touches_nothing(
    stored_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(stored_db)
    code = main(["crawl", "--db", str(stored_db), "--site", "no-such-site"])
    assert code == ExitCode.BAD_INPUT
    err = capsys.readouterr().err
    assert "unknown site id(s) no-such-site" in err and "baothanhhoa" in err
    assert _digest(stored_db) == before


def test_extract_reports_unreadable_file_and_still_extracts_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Tin</title></head><body><article><h1>Tiêu đề bài viết</h1>"
        + "<p>Nội dung bài báo khá dài để trở thành một đoạn văn bản thật sự.</p>" * 8
        + "</article></body></html>",
        "utf-8",
    )
    code = main(["extract", str(tmp_path / "missing.html"), str(page)])
    captured = capsys.readouterr()
    assert code == ExitCode.BAD_INPUT
    assert "cannot read" in captured.err and "missing.html" in captured.err
    record = json.loads(captured.out.strip())
    assert record["file"] == str(page)


def test_extract_with_url_and_several_files_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["extract", "a.html", "b.html", "--url", "http://127.0.0.1/x"])
    assert code == ExitCode.BAD_INPUT
    assert "--url names one page" in capsys.readouterr().err


def test_extract_with_broken_url_map_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url_map = tmp_path / "map.json"
    url_map.write_text("[1, 2]", "utf-8")
    code = main(["extract", "a.html", "--url-map", str(url_map)])
    assert code == ExitCode.BAD_INPUT
    assert "must be a JSON object" in capsys.readouterr().err


def test_figures_rejects_a_date_that_is_not_iso(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["figures", "x.txt", "--published", "27/12/2023"])
    assert exited.value.code == 2
    assert "not a date in YYYY-MM-DD form" in capsys.readouterr().err


def test_figures_rejects_an_unknown_province(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Tỉnh có thêm 5 sản phẩm OCOP.", "utf-8")
    code = main(["figures", str(text), "--province", "Atlantis"])
    assert code == ExitCode.BAD_INPUT
    assert "not a Vietnamese province" in capsys.readouterr().err


def test_query_prints_csv_and_json(stored_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["query", "--db", str(stored_db), "SELECT id, province FROM sites", "--format", "csv"])
        == ExitCode.OK
    )
    assert capsys.readouterr().out == "id,province\nalpha,Nghệ An\n"
    assert (
        main(["query", "--db", str(stored_db), "SELECT id FROM sites", "--format", "json"])
        == ExitCode.OK
    )
    assert json.loads(capsys.readouterr().out) == {"id": "alpha"}


def test_query_with_bad_sql_exits_2_with_the_database_message(
    stored_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["query", "--db", str(stored_db), "SELECT nope FROM sites"])
    assert code == ExitCode.BAD_INPUT
    assert "query failed" in capsys.readouterr().err


def test_query_cannot_modify_the_warehouse(
    stored_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _digest(stored_db)
    code = main(["query", "--db", str(stored_db), "DELETE FROM sites"])
    assert code == ExitCode.BAD_INPUT
    assert "read-only" in capsys.readouterr().err.lower()
    assert _digest(stored_db) == before


def test_query_of_missing_warehouse_says_to_crawl_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["query", "--db", str(tmp_path / "none.duckdb"), "SELECT 1"])
    assert code == ExitCode.BAD_INPUT
    assert "run `ocop-news crawl" in capsys.readouterr().err
