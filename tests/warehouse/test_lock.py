"""One writer per warehouse, proved with real processes: the second run is told who holds it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.exit_codes import ExitCode
from warehouse.errors import WarehouseLockedError
from warehouse.lock import lock_path
from warehouse.store import Warehouse

HOLDER_SCRIPT = """
import sys
from warehouse.store import Warehouse
warehouse = Warehouse.open(sys.argv[1], command="holder-run")
print("ready", flush=True)
sys.stdin.read()  # hold until the test closes our stdin (or kills us)
warehouse.close()
"""

CONFIG = """
[crawler]
allow_private_addresses = ["127.0.0.1"]
[[sites]]
id = "nowhere"
name = "Nowhere"
base_url = "http://127.0.0.1:9/"
start_urls = ["http://127.0.0.1:9/"]
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A separate process that holds tmp_path/w.duckdb open for writing."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER_SCRIPT, str(tmp_path / "w.duckdb")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_second_crawl_exits_busy_and_names_the_holding_run(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    config = tmp_path / "sites.toml"
    config.write_text(CONFIG)
    second = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "crawl",
            "--db",
            str(tmp_path / "w.duckdb"),
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == ExitCode.WAREHOUSE_BUSY
    assert f"pid {holder.pid}" in second.stderr
    assert socket.gethostname() in second.stderr
    assert "holder-run" in second.stderr
    assert "started 20" in second.stderr  # the holder's start time, ISO 8601


def test_second_writer_in_another_process_gets_a_lock_error_not_a_duckdb_one(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(WarehouseLockedError, match=f"pid {holder.pid}"):
        Warehouse.open(tmp_path / "w.duckdb")


def test_lock_of_a_killed_run_does_not_block_the_next_run(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert lock_path(tmp_path / "w.duckdb").exists()  # the file stays; the OS lock went away
    with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
        assert warehouse.count_rows("articles") == 0


def test_lock_is_released_when_the_holder_closes_the_warehouse(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0
    with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
        assert warehouse.schema_version() >= 1
