"""Parquet export: hive partitions by site and month, read back by DuckDB; atomic swap."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from warehouse import export
from warehouse.errors import ExportError, ExportTargetError
from warehouse.export import export_parquet
from warehouse.records import SiteRecord
from warehouse.store import Warehouse

from .test_store import _article

VN = timezone(timedelta(hours=7))


@pytest.fixture
def filled(tmp_path: Path) -> Warehouse:
    wh = Warehouse.open(tmp_path / "w.duckdb")
    wh.upsert_sites(
        [
            SiteRecord("site-a", "A", None, "http://127.0.0.1:1/"),
            SiteRecord("site-b", "B", None, "http://127.0.0.1:2/"),
        ]
    )
    seen = datetime.now(VN)
    wh.store_article("site-a", "u1", _article(), seen, "v1")
    wh.store_article(
        "site-b",
        "u2",
        replace(_article(), published_at=datetime(2024, 3, 5, 8, 0, tzinfo=VN)),
        seen,
        "v1",
    )
    wh.store_article("site-b", "u3", replace(_article(), published_at=None), seen, "v1")
    yield wh
    wh.close()


def test_export_partitions_articles_by_site_and_publish_month(
    filled: Warehouse, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    summary = export_parquet(filled, out)
    assert summary.rows["articles"] == 3
    partitions = sorted(
        p.relative_to(out / "articles").parent.as_posix()
        for p in (out / "articles").rglob("*.parquet")
    )
    assert partitions == [
        "site_id=site-a/month=2023-12",
        "site_id=site-b/month=2024-03",
        "site_id=site-b/month=unknown",
    ]


def test_exported_rows_read_back_with_duckdb_equal_the_warehouse(
    filled: Warehouse, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    export_parquet(filled, out)
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT url, title, site_id, month FROM read_parquet('{out}/articles/**/*.parquet', "
        "hive_partitioning = true) ORDER BY url"
    ).fetchall()
    figures = con.execute(
        f"SELECT count(*), sum(value) FROM read_parquet('{out}/ocop_figures/**/*.parquet', "
        "hive_partitioning = true)"
    ).fetchone()
    sites = con.execute(f"SELECT count(*) FROM '{out}/sites.parquet'").fetchone()
    con.close()
    assert [r[0] for r in rows] == ["u1", "u2", "u3"]
    assert rows[0][2:] == ("site-a", "2023-12")
    assert figures == (6, 3 * (12 + 13))
    assert sites == (2,)


def test_reexport_replaces_the_previous_export_whole(filled: Warehouse, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_parquet(filled, out)
    (out / "stale.txt").write_text("from an old export")
    export_parquet(filled, out)
    assert not (out / "stale.txt").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export")] == []


def test_export_to_a_file_path_fails_and_leaves_the_file(filled: Warehouse, tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("keep me")
    with pytest.raises(ExportError, match="not a folder"):
        export_parquet(filled, target)
    assert target.read_text() == "keep me"


def test_second_export_without_changes_reuses_every_partition_as_hard_links(
    filled: Warehouse, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    first = export_parquet(filled, out)
    inodes = {p.relative_to(out): p.stat().st_ino for p in out.rglob("*.parquet")}
    second = export_parquet(filled, out)
    assert (first.partitions_written, first.partitions_reused) == (3, 0)
    assert (second.partitions_written, second.partitions_reused) == (0, 3)
    partitioned = {k: v for k, v in inodes.items() if "=" in str(k)}
    assert partitioned
    for relative, inode in partitioned.items():
        assert (out / relative).stat().st_ino == inode, relative


def test_changed_article_rewrites_only_its_month(filled: Warehouse, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_parquet(filled, out)
    changed = replace(_article(title="Tin đã sửa"), published_at=datetime(2024, 3, 5, tzinfo=VN))
    filled.store_article("site-b", "u2", changed, datetime.now(VN), "v1")
    summary = export_parquet(filled, out)
    assert (summary.partitions_written, summary.partitions_reused) == (1, 2)
    con = duckdb.connect()
    titles = con.execute(
        f"SELECT url, title FROM read_parquet('{out}/articles/**/*.parquet', "
        "hive_partitioning = true) ORDER BY url"
    ).fetchall()
    con.close()
    assert titles[1] == ("u2", "Tin đã sửa")
    assert len(titles) == 3


def test_export_writes_figures_csv_for_spreadsheets(filled: Warehouse, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_parquet(filled, out)
    with (out / "ocop_figures.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6
    assert {"site_id", "title", "value", "kind", "year", "province"} <= rows[0].keys()
    assert rows[0]["province"] == "Thanh Hóa"


def test_export_refuses_a_folder_holding_other_files_and_deletes_nothing(
    filled: Warehouse, tmp_path: Path
) -> None:
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(ExportTargetError, match="not an ocop-news export"):
        export_parquet(filled, folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_export_refuses_the_folder_that_holds_the_warehouse(
    filled: Warehouse, tmp_path: Path
) -> None:
    with pytest.raises(ExportTargetError, match="holds the warehouse"):
        export_parquet(filled, tmp_path)
    assert filled.path.is_file()


def test_failed_export_leaves_the_previous_export_in_place(
    filled: Warehouse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export"
    export_parquet(filled, out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    filled.store_article("site-b", "u4", _article(title="Mới"), datetime.now(VN), "v1")
    monkeypatch.setitem(export.PLAIN_QUERIES, "sites", "SELECT * FROM no_such_table")
    with pytest.raises(ExportError, match="previous export left in place"):
        export_parquet(filled, out)
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export")] == []
