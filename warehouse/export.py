"""Parquet export, hive-partitioned by site and publish month, plus a CSV of the figures.

The export is built in a temporary folder beside the target and renamed into
place, so a reader never sees half an export; the previous export stays whole
until the new one is complete, and stays in place when the export fails. Only
an empty folder or an earlier export is ever replaced.

Exports are incremental by partition: a manifest records a fingerprint of each
(site, month) partition (the URLs, content hashes and extractor versions of
its articles, which cover their authors and figures). Partitions whose
fingerprint did not change are hard-linked from the previous export instead of
being written again; only changed months cost a write.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.errors import ExportError, ExportTargetError
from warehouse.store import Warehouse

UNKNOWN_MONTH = "unknown"  # partition of articles without a publish time
MANIFEST_NAME = "_manifest.json"
MANIFEST_VERSION = 1
FIGURES_CSV_NAME = "ocop_figures.csv"
PARTITION_COLUMNS = ("site_id", "month")

# Each exported dataset: its folder name and the query that produces it, with
# the partition columns `site_id` and `month` last.
_MONTH = f"coalesce(strftime(a.published_at, '%Y-%m'), '{UNKNOWN_MONTH}')"
PARTITIONED_QUERIES: dict[str, str] = {
    "articles": f"SELECT a.* EXCLUDE (site_id), a.site_id, {_MONTH} AS month FROM articles a",
    "article_authors": (
        f"SELECT au.*, a.site_id, {_MONTH} AS month "
        "FROM article_authors au JOIN articles a ON a.url = au.article_url"
    ),
    "ocop_figures": (
        f"SELECT f.*, a.site_id, {_MONTH} AS month "
        "FROM ocop_figures f JOIN articles a ON a.url = f.article_url"
    ),
}
PLAIN_QUERIES: dict[str, str] = {
    "sites": "SELECT * FROM sites",
    "crawl_runs": "SELECT * FROM crawl_runs",
}
FINGERPRINT_SQL = f"""
SELECT a.site_id, {_MONTH} AS month,
       md5(string_agg(a.url || ' ' || a.content_sha256 || ' ' || a.extractor_version, ','
                      ORDER BY a.url)) AS fingerprint
FROM articles a GROUP BY ALL
"""
# Spreadsheet users get the figures with their article beside them.
FIGURES_CSV_SQL = """
SELECT a.site_id, a.published_at, a.title, f.article_url, f.ordinal, f.value, f.subject, f.kind,
       f.min_stars, f.max_stars, f.qualifier, f.year, f.place_text, f.place_level, f.province,
       f.sentence
FROM ocop_figures f JOIN articles a ON a.url = f.article_url
ORDER BY a.site_id, a.published_at, f.article_url, f.ordinal
"""

Partition = tuple[str, str]  # (site_id, month)


@dataclass(frozen=True, slots=True)
class ExportSummary:
    out_dir: Path
    rows: dict[str, int]
    partitions_written: int
    partitions_reused: int


def export_parquet(warehouse: Warehouse, out_dir: str | Path) -> ExportSummary:
    """Write every dataset to `out_dir`, reusing unchanged partitions of the last export."""
    target = Path(out_dir).resolve()
    _check_target(target, warehouse.path.resolve())
    con = warehouse.connection
    current = _fingerprints(con)
    previous = _read_manifest(target)
    reused = {p for p, fingerprint in current.items() if previous.get(p) == fingerprint}
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        reused = _link_reused(target, staging, reused)
        changed = sorted(set(current) - reused)
        rows = _write_datasets(con, staging, changed)
        _write_manifest(staging, current)
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportSummary(target, rows, len(changed), len(reused))


def _check_target(target: Path, database: Path) -> None:
    """Only a new, empty or earlier-export folder is ever replaced: anything else
    (a home folder, the warehouse's own folder) would be deleted by the swap."""
    if target.exists() and not target.is_dir():
        raise ExportTargetError(f"{target} exists and is not a folder: choose another --out")
    if not target.parent.is_dir():
        raise ExportTargetError(f"folder {target.parent} does not exist: create it first")
    if database.is_relative_to(target):
        raise ExportTargetError(
            f"{target} holds the warehouse {database}: export to a folder of its own"
        )
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST_NAME).is_file():
        raise ExportTargetError(
            f"{target} holds files that are not an ocop-news export (no {MANIFEST_NAME}): "
            "export to a new or empty folder; an export replaces its folder whole"
        )


def _fingerprints(con: duckdb.DuckDBPyConnection) -> dict[Partition, str]:
    return {
        (site, month): digest for site, month, digest in con.execute(FINGERPRINT_SQL).fetchall()
    }


def _read_manifest(target: Path) -> dict[Partition, str]:
    """The previous export's fingerprints; empty when there is none or it is unreadable."""
    try:
        data = json.loads((target / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {}
    return {
        (item["site_id"], item["month"]): item["fingerprint"]
        for item in data.get("partitions", [])
        if isinstance(item, dict) and {"site_id", "month", "fingerprint"} <= item.keys()
    }


def _write_manifest(staging: Path, current: dict[Partition, str]) -> None:
    partitions = [
        {"site_id": site, "month": month, "fingerprint": fingerprint}
        for (site, month), fingerprint in sorted(current.items())
    ]
    manifest = {"version": MANIFEST_VERSION, "partitions": partitions}
    (staging / MANIFEST_NAME).write_text(json.dumps(manifest, indent=1), "utf-8")


def _partition_dir(root: Path, dataset: str, partition: Partition) -> Path:
    site, month = partition
    return root / dataset / f"site_id={site}" / f"month={month}"


def _link_reused(target: Path, staging: Path, reused: set[Partition]) -> set[Partition]:
    """Hard-link unchanged partitions into the new export; a partition missing from
    the old export (deleted by hand, say) is written again instead."""
    linked = set()
    for partition in reused:
        sources = [_partition_dir(target, d, partition) for d in PARTITIONED_QUERIES]
        present = [s for s in sources if s.is_dir()]
        if not present:
            continue
        for source in present:
            destination = staging / source.relative_to(target)
            shutil.copytree(source, destination, copy_function=_link_or_copy)
        linked.add(partition)
    return linked


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, destination)


def _write_datasets(
    con: duckdb.DuckDBPyConnection, staging: Path, changed: list[Partition]
) -> dict[str, int]:
    rows: dict[str, int] = {}
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE export_changed (site_id VARCHAR, month VARCHAR)")
        if changed:
            con.executemany("INSERT INTO export_changed VALUES (?, ?)", [list(p) for p in changed])
        for name, query in PARTITIONED_QUERIES.items():
            rows[name] = _count(con, query)
            selected = f"SELECT * FROM ({query}) SEMI JOIN export_changed USING (site_id, month)"
            if changed and _count(con, selected):
                con.execute(
                    f"COPY ({selected}) TO '{_sql_path(staging / name)}' "
                    f"(FORMAT parquet, PARTITION_BY ({', '.join(PARTITION_COLUMNS)}), "
                    "OVERWRITE_OR_IGNORE)"
                )
        for name, query in PLAIN_QUERIES.items():
            rows[name] = _count(con, query)
            path = _sql_path(staging / f"{name}.parquet")
            con.execute(f"COPY ({query}) TO '{path}' (FORMAT parquet)")
        csv_path = _sql_path(staging / FIGURES_CSV_NAME)
        con.execute(f"COPY ({FIGURES_CSV_SQL}) TO '{csv_path}' (FORMAT csv, HEADER)")
    except duckdb.Error as exc:
        raise ExportError(f"export failed, previous export left in place: {exc}") from exc
    finally:
        con.execute("DROP TABLE IF EXISTS export_changed")
    return rows


def _swap_into_place(staging: Path, target: Path) -> None:
    """Two renames: the old export aside, the new one in; the old one is removed last.

    Between the renames (microseconds) the folder is absent, never half-written;
    if the second rename fails, the old export is put back.
    """
    retired: Path | None = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        retired.rmdir()
        target.rename(retired)
    try:
        staging.rename(target)
    except BaseException:
        if retired is not None:
            retired.rename(target)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def _count(con: duckdb.DuckDBPyConnection, query: str) -> int:
    row = con.execute(f"SELECT count(*) FROM ({query})").fetchone()
    return int(row[0]) if row else 0


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
