"""The WARC archive end to end: the mini-web crawled by the CLI, then rebuilt offline.

One crawl (two runs: a full one and an incremental one of 304s) is shared by the
module. The server's own bytes are read while it runs; every re-extraction below
happens after it has stopped, so only the archive can supply the pages.
"""

from __future__ import annotations

import shutil
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from pipelines import reextract_job
from pipelines.cli import main
from pipelines.exit_codes import ExitCode
from pipelines.miniweb.server import MiniWeb
from pipelines.reextract_job import run_reextract
from warehouse.archive import archive_dir_for
from warehouse.lock import WarehouseLock
from warehouse.store import Warehouse

# Every stored column of the three rebuilt tables (article timestamps of the crawl included).
ARTICLE_COLUMNS = (
    "url, site_id, canonical_url, title, lead, text, published_at, modified_at, section, "
    "source_credit, language, captions, content_sha256, first_seen_at, last_seen_at"
)
TABLES = {
    "articles": f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY url",
    "article_authors": "SELECT * FROM article_authors ORDER BY ALL",
    "ocop_figures": "SELECT * FROM ocop_figures ORDER BY ALL",
}


@dataclass
class Archived:
    db: Path
    config: Path
    archive: Path
    served: dict[str, bytes]  # final URL -> the bytes the server sends for it
    tables: dict[str, list[tuple]]  # the crawl's articles, authors and figures
    article_count: int


def _fetch(url: str) -> bytes:
    assert url.startswith("http://127.0.0.1:"), url  # loopback only
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


def _tables(db: Path) -> dict[str, list[tuple]]:
    with Warehouse.open(db, read_only=True) as wh:
        return {name: wh.query(sql).rows for name, sql in TABLES.items()}


def _rows(db: Path, sql: str) -> list[tuple]:
    with Warehouse.open(db, read_only=True) as wh:
        return wh.query(sql).rows


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archived]:
    folder = tmp_path_factory.mktemp("archive")
    db, config = folder / "w.duckdb", folder / "sites.toml"
    with MiniWeb() as web:
        config.write_text(web.config_toml(min_delay_s=0.0), "utf-8")
        assert main(["crawl", "--config", str(config), "--db", str(db)]) == ExitCode.OK
        assert main(["crawl", "--config", str(config), "--db", str(db)]) == ExitCode.NOTHING_NEW
        urls = _rows(db, "SELECT DISTINCT final_url FROM pages WHERE status = 200")
        served = {url: _fetch(url) for (url,) in urls}
        article_count = len(web.articles)
    yield Archived(db, config, archive_dir_for(db), served, _tables(db), article_count)


@pytest.fixture
def copy(archived: Archived, tmp_path: Path) -> Path:
    """A private copy of the crawled warehouse, beside a copy of its archive folder."""
    db = tmp_path / "copy.duckdb"
    shutil.copyfile(archived.db, db)
    shutil.copytree(archived.archive, archive_dir_for(db))
    return db


def _delete_articles(db: Path) -> None:
    with Warehouse.open(db) as wh, wh.transaction():
        for table in ("articles", "article_authors", "ocop_figures"):
            wh.connection.execute(f"DELETE FROM {table}")


def _record_at(path: Path, offset: int) -> tuple[ArcWarcRecord, bytes]:
    with path.open("rb") as file:
        file.seek(offset)
        record = next(iter(ArchiveIterator(file)))
        return record, record.content_stream().read()


def test_crawl_writes_the_archive_beside_the_warehouse_by_default(archived: Archived) -> None:
    files = sorted(archived.archive.glob("*.warc.gz"))
    assert len(files) == 2  # one per run: a run never appends to an older file
    for path in files:
        with path.open("rb") as file:
            records = list(ArchiveIterator(file))
        assert records[0].rec_type == "warcinfo"
        assert {r.rec_headers.protocol for r in records} == {"WARC/1.0"}


def test_every_page_row_with_a_status_points_at_its_own_matching_record(
    archived: Archived,
) -> None:
    rows = _rows(
        archived.db,
        "SELECT final_url, status, warc_file, warc_offset, warc_length, bytes FROM pages "
        "WHERE status IS NOT NULL",
    )
    assert {status for _, status, *_ in rows} >= {200, 304}
    for final_url, status, name, offset, length, size in rows:
        path = archived.archive / name
        record, payload = _record_at(path, offset)
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Target-URI") == final_url
        assert record.http_headers.get_statuscode() == str(status)
        assert len(payload) == size
        assert record.http_headers.get_header("Content-Length") == str(size)
        assert record.http_headers.get_header("Content-Encoding") is None
        if status == 200:
            assert payload == archived.served[final_url]
        with path.open("rb") as file:  # the recorded length covers exactly one gzip member
            file.seek(offset + length)
            following = file.read(2)
        assert following in (b"", b"\x1f\x8b")


def test_reextract_after_deleting_the_articles_rebuilds_identical_tables_offline(
    archived: Archived, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _delete_articles(copy)
    code = main(["reextract", "--db", str(copy), "--config", str(archived.config)])
    assert code == ExitCode.OK
    assert f"re-extracted {archived.article_count} (new {archived.article_count}" in (
        capsys.readouterr().out
    )
    assert _tables(copy) == archived.tables


@pytest.mark.parametrize("batch", [reextract_job.STORE_BATCH, 7])
def test_reextract_with_a_new_extractor_version_restores_every_article_at_that_version(
    archived: Archived, copy: Path, batch: int
) -> None:
    """Stored in one batch or in several (7 leaves a remainder batch), the same rows."""
    from pipelines.config import load_config

    config = load_config(archived.config)
    with Warehouse.open(copy) as wh:
        counters = run_reextract(
            config, wh, archive_dir_for(copy), extractor_version="next", store_batch=batch
        )
    assert (counters.updated, counters.new, counters.missing_records) == (
        archived.article_count,
        0,
        0,
    )
    assert _tables(copy) == archived.tables
    assert _rows(copy, "SELECT DISTINCT extractor_version FROM articles") == [("next",)]


def test_reextract_skips_articles_already_at_the_current_version_unless_all(
    archived: Archived, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reextract", "--db", str(copy), "--config", str(archived.config)]) == 0
    assert f"already current {archived.article_count}," in capsys.readouterr().out
    args = ["reextract", "--db", str(copy), "--config", str(archived.config), "--all"]
    assert main(args) == ExitCode.OK
    assert f"unchanged {archived.article_count}," in capsys.readouterr().out
    assert _tables(copy) == archived.tables


def test_reextract_with_a_missing_warc_file_names_it_and_writes_nothing(
    archived: Archived, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _delete_articles(copy)
    (name,) = _rows(copy, "SELECT DISTINCT warc_file FROM pages WHERE role = 'article'")[0:1]
    (archive_dir_for(copy) / name[0]).unlink()
    code = main(["reextract", "--db", str(copy), "--config", str(archived.config)])
    assert code == ExitCode.BAD_INPUT
    assert f"WARC file {archive_dir_for(copy) / name[0]} is missing" in capsys.readouterr().err
    assert _rows(copy, "SELECT count(*) FROM articles") == [(0,)]


@pytest.mark.parametrize("batch", [reextract_job.STORE_BATCH, 7])
def test_reextract_with_a_truncated_warc_file_names_it_and_keeps_only_whole_articles(
    archived: Archived,
    copy: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    batch: int,
) -> None:
    """The file loses its last article record; URLs are redone in order, so exactly the
    articles whose URLs sort before that one are rebuilt, each whole, then it stops.
    The articles read before the damage are stored whatever the batch they were in."""
    monkeypatch.setattr(reextract_job, "STORE_BATCH", batch)
    _delete_articles(copy)
    records = _rows(
        copy, "SELECT url, warc_file, warc_offset FROM pages WHERE role = 'article' ORDER BY url"
    )
    lost_url, name, cut = max(records, key=lambda row: row[2])
    path = archive_dir_for(copy) / name
    path.write_bytes(path.read_bytes()[:cut])
    code = main(["reextract", "--db", str(copy), "--config", str(archived.config)])
    assert code == ExitCode.BAD_INPUT
    assert f"WARC file {path} is truncated" in capsys.readouterr().err
    rebuilt = _tables(copy)
    kept = {url for url, _, _ in records if url < lost_url}
    assert {row[0] for row in rebuilt["articles"]} == kept
    for table, rows in archived.tables.items():
        assert rebuilt[table] == [row for row in rows if row[0] in kept]


def test_reextract_of_pages_crawled_without_an_archive_reports_them_missing(
    archived: Archived, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Warehouse.open(copy) as wh:
        wh.connection.execute("UPDATE pages SET warc_file = NULL")
    code = main(["reextract", "--db", str(copy), "--config", str(archived.config), "--all"])
    assert code == ExitCode.PARTIAL
    assert f"missing records {archived.article_count};" in capsys.readouterr().out


def test_reextract_refuses_to_run_while_another_run_holds_the_warehouse(
    archived: Archived, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with WarehouseLock(copy, "ocop-news crawl --db copy"):
        code = main(["reextract", "--db", str(copy)])
    assert code == ExitCode.WAREHOUSE_BUSY
    assert "in use by another ocop-news run" in capsys.readouterr().err


def test_reextract_without_a_config_entry_for_the_site_extracts_without_a_province(
    archived: Archived, copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The shipped config knows none of the mini-web's sites: articles still rebuild."""
    text_columns = "SELECT url, title, lead, text, published_at FROM articles ORDER BY url"
    before = _rows(copy, text_columns)
    _delete_articles(copy)
    assert main(["reextract", "--db", str(copy)]) == ExitCode.OK
    assert _rows(copy, text_columns) == before
    assert _tables(copy)["article_authors"] == archived.tables["article_authors"]


def test_reextract_refuses_a_store_batch_below_one_article(archived: Archived, copy: Path) -> None:
    from pipelines.config import load_config

    config = load_config(archived.config)
    before = _tables(copy)
    with Warehouse.open(copy) as wh, pytest.raises(ValueError, match="at least 1 article"):
        run_reextract(config, wh, archive_dir_for(copy), extractor_version="next", store_batch=0)
    assert _tables(copy) == before
