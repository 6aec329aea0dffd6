"""Parquet export, hive-partitioned by site and publish month.

The export is written into a temporary folder beside the target and renamed
into place, so a reader never sees half an export; the previous export stays
whole until the new one is complete.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse.errors import ExportError
from warehouse.store import Warehouse

UNKNOWN_MONTH = "unknown"  # partition of articles without a publish time

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
PARTITION_COLUMNS = ("site_id", "month")


@dataclass(frozen=True, slots=True)
class ExportSummary:
    out_dir: Path
    rows: dict[str, int]


def export_parquet(warehouse: Warehouse, out_dir: str | Path) -> ExportSummary:
    """Write every dataset to `out_dir` (replacing a previous export atomically)."""
    target = Path(out_dir).resolve()
    if target.exists() and not target.is_dir():
        raise ExportError(f"{target} exists and is not a folder: choose another --out")
    if not target.parent.is_dir():
        raise ExportError(f"folder {target.parent} does not exist: create it first")
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        rows = _write_datasets(warehouse.connection, staging)
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportSummary(target, rows)


def _write_datasets(con: duckdb.DuckDBPyConnection, staging: Path) -> dict[str, int]:
    rows: dict[str, int] = {}
    try:
        for name, query in PARTITIONED_QUERIES.items():
            rows[name] = _count(con, query)
            if rows[name]:
                con.execute(
                    f"COPY ({query}) TO '{_sql_path(staging / name)}' "
                    f"(FORMAT parquet, PARTITION_BY ({', '.join(PARTITION_COLUMNS)}))"
                )
        for name, query in PLAIN_QUERIES.items():
            rows[name] = _count(con, query)
            con.execute(
                f"COPY ({query}) TO '{_sql_path(staging / f'{name}.parquet')}' (FORMAT parquet)"
            )
    except duckdb.Error as exc:
        raise ExportError(f"export failed, previous export left in place: {exc}") from exc
    return rows


def _swap_into_place(staging: Path, target: Path) -> None:
    """Rename the finished export over the old one; the old one is removed last."""
    retired: Path | None = None
    if target.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        retired.rmdir()
        target.rename(retired)
    staging.rename(target)
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def _count(con: duckdb.DuckDBPyConnection, query: str) -> int:
    row = con.execute(f"SELECT count(*) FROM ({query})").fetchone()
    return int(row[0]) if row else 0


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
