"""Opening a warehouse written by an older schema upgrades it whole, keeping its data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from warehouse.errors import SchemaTooNewError, WarehouseError, WarehouseOpenError
from warehouse.schema import MIGRATIONS, SCHEMA_VERSION
from warehouse.store import Warehouse


def _write_old_warehouse(path: Path, version: int) -> None:
    """A file as the release with schema `version` left it, holding one site and article."""
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version "
        "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMPTZ)"
    )
    for migration in MIGRATIONS[:version]:
        for statement in migration.statements:
            con.execute(statement)
        con.execute(
            "INSERT INTO schema_version VALUES (?, ?, ?)",
            [migration.version, migration.description, datetime.now(UTC)],
        )
    now = datetime.now(UTC)
    con.execute(
        "INSERT INTO sites VALUES ('alpha', 'Alpha', 'Nghệ An', 'http://127.0.0.1:1/', ?)", [now]
    )
    con.execute(
        "INSERT INTO articles (url, site_id, title, text, content_sha256, extractor_version, "
        "first_seen_at, last_seen_at) "
        "VALUES ('u1', 'alpha', 'Tiêu đề', 'Thân bài', 'h', 'v0', ?, ?)",
        [now, now],
    )
    con.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_older_warehouse_is_upgraded_to_the_current_schema_with_its_rows(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "old.duckdb"
    _write_old_warehouse(path, version)
    with Warehouse.open(path) as wh:
        assert wh.schema_version() == SCHEMA_VERSION
        assert wh.query("SELECT url, title FROM articles").rows == [("u1", "Tiêu đề")]
        versions = [
            row[0] for row in wh.query("SELECT version FROM schema_version ORDER BY 1").rows
        ]
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_first_released_schema_upgrades_and_then_takes_new_crawls(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    _write_old_warehouse(path, 1)
    with Warehouse.open(path) as wh:
        run = wh.begin_run("crawl", ["alpha"])
        tables = {
            row[0] for row in wh.query("SELECT table_name FROM information_schema.tables").rows
        }
    assert run >= 1
    assert {"frontier", "crawl_sources"} <= tables


def test_read_only_open_of_an_old_warehouse_asks_for_a_writable_open_first(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _write_old_warehouse(path, 1)
    with pytest.raises(WarehouseOpenError, match="open it once for writing"):
        Warehouse.open(path, read_only=True)


def test_warehouse_from_a_newer_release_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    _write_old_warehouse(path, SCHEMA_VERSION)
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version VALUES (?, 'future', now())", [SCHEMA_VERSION + 1])
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="upgrade ocop-news"):
        Warehouse.open(path)
    assert path.read_bytes() == before


def test_failed_upgrade_leaves_the_file_at_its_old_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from warehouse import schema, store

    path = tmp_path / "v1.duckdb"
    _write_old_warehouse(path, 1)
    broken = schema.Migration(SCHEMA_VERSION + 1, "broken", ("CREATE TABLE oops (",))
    monkeypatch.setattr(store, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(WarehouseError, match="rolled back"):
        Warehouse.open(path)
    con = duckdb.connect(str(path), read_only=True)
    versions = con.execute("SELECT max(version) FROM schema_version").fetchone()
    tables = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    con.close()
    assert versions == (1,)
    assert "frontier" not in tables
