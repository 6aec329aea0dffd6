"""Read-only snapshots: how analysts query while a crawl writes.

DuckDB lets one process write a file; a reader of the live file is either
refused while the writer holds it or, where DuckDB allows concurrent readers,
shown the run in progress, half its pages loaded. After each run the crawl
copies the finished warehouse to a snapshot file and renames it into place:
readers open the snapshot read-only, are never blocked by the crawl, and only
ever see whole runs. A reader that has
the old snapshot open keeps reading it until it reopens.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from warehouse.errors import WarehouseError
from warehouse.store import Warehouse


def write_snapshot(warehouse: Warehouse, target: str | Path) -> Path:
    """Copy the warehouse, as of now, to `target` atomically."""
    target = Path(target).resolve()
    if target == warehouse.path.resolve():
        raise WarehouseError("the snapshot must be another file than the warehouse itself")
    if not target.parent.is_dir():
        raise WarehouseError(f"folder {target.parent} does not exist: create it first")
    try:
        # After a checkpoint the database file alone holds every committed row.
        warehouse.connection.execute("CHECKPOINT")
    except duckdb.Error as exc:
        raise WarehouseError(f"cannot checkpoint {warehouse.path} for a snapshot: {exc}") from exc
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(warehouse.path, temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
