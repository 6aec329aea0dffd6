"""Reading while crawling: a snapshot is never blocked by the writer and holds whole runs only."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from warehouse.errors import WarehouseError
from warehouse.records import RunCounters, SiteRecord
from warehouse.snapshot import write_snapshot
from warehouse.store import Warehouse

from .test_store import _article

VN = timezone(timedelta(hours=7))
READER = """
import json, sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
runs = con.execute("SELECT status FROM crawl_runs ORDER BY id").fetchall()
articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
print(json.dumps({"runs": [r[0] for r in runs], "articles": articles}))
"""


def _read_in_another_process(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", READER, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_reader_queries_the_snapshot_while_a_run_is_writing(tmp_path: Path) -> None:
    db, snapshot = tmp_path / "w.duckdb", tmp_path / "snapshot.duckdb"
    with Warehouse.open(db) as writer:
        writer.upsert_sites([SiteRecord("a", "A", None, "http://127.0.0.1:1/")])
        first = writer.begin_run("crawl", ["a"])
        writer.store_article("a", "u1", _article(), datetime.now(VN), "v1")
        writer.finish_run(first, "succeeded", RunCounters(articles_new=1))
        write_snapshot(writer, snapshot)

        writer.begin_run("crawl", ["a"])  # a second run is now under way
        writer.store_article("a", "u2", _article(title="Tin thứ hai"), datetime.now(VN), "v1")

        live = _read_in_another_process(db)
        reader = _read_in_another_process(snapshot)
    # The live file, where it can be read at all, shows the run in progress.
    if live.returncode == 0:
        assert json.loads(live.stdout)["runs"] == ["succeeded", "running"]
    assert reader.returncode == 0, reader.stderr
    assert json.loads(reader.stdout) == {"runs": ["succeeded"], "articles": 1}


def test_snapshot_is_replaced_whole_and_readers_of_the_old_one_keep_it(tmp_path: Path) -> None:
    db, snapshot = tmp_path / "w.duckdb", tmp_path / "snapshot.duckdb"
    with Warehouse.open(db) as writer:
        writer.upsert_sites([SiteRecord("a", "A", None, "http://127.0.0.1:1/")])
        write_snapshot(writer, snapshot)
        with Warehouse.open(snapshot, read_only=True) as old_reader:
            writer.store_article("a", "u1", _article(), datetime.now(VN), "v1")
            write_snapshot(writer, snapshot)
            assert old_reader.count_rows("articles") == 0
    with Warehouse.open(snapshot, read_only=True) as new_reader:
        assert new_reader.count_rows("articles") == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_snapshot_onto_the_warehouse_itself_is_refused(tmp_path: Path) -> None:
    with Warehouse.open(tmp_path / "w.duckdb") as writer, pytest.raises(WarehouseError):
        write_snapshot(writer, tmp_path / "w.duckdb")
