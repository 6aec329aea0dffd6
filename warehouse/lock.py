"""One writer per warehouse: a lock file beside the DuckDB file that names its holder.

DuckDB refuses a second writing process with a terse message; this lock is taken
first, so the second run learns which run (pid, host, start time) holds the file.
The lock is an OS advisory lock (flock) on `<db>.lock`: the kernel drops it when
the holder dies, even by SIGKILL, so a stale lock can never block a cron run. The
file's text is only a description of the holder, rewritten by each new holder.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from warehouse.errors import WarehouseLockedError

LOCK_SUFFIX = ".lock"
# A new holder writes its description right after taking the lock; a reader that
# finds the file empty waits this long for it before calling the holder unknown.
HOLDER_READ_ATTEMPTS = 5
HOLDER_READ_PAUSE_S = 0.05


@dataclass(frozen=True, slots=True)
class LockHolder:
    pid: int
    host: str
    started_at: str  # ISO 8601, UTC
    command: str

    def describe(self) -> str:
        return (
            f"pid {self.pid} on host {self.host}, started {self.started_at} "
            f"(command: {self.command})"
        )


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + LOCK_SUFFIX)


class WarehouseLock:
    """Held from `acquire()` to `release()`; raises WarehouseLockedError when taken."""

    def __init__(self, db_path: Path, command: str = "ocop-news") -> None:
        self.path = lock_path(db_path)
        self._command = command
        self._fd: int | None = None

    def acquire(self) -> WarehouseLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise WarehouseLockedError(locked_message(self.path)) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._describe_self(fd)
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)  # no stale description left for a reader to trust
        finally:
            os.close(fd)  # closing drops the flock

    def __enter__(self) -> WarehouseLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    def _describe_self(self, fd: int) -> None:
        holder = LockHolder(
            pid=os.getpid(),
            host=socket.gethostname(),
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
            command=self._command,
        )
        text = json.dumps(
            {
                "pid": holder.pid,
                "host": holder.host,
                "started_at": holder.started_at,
                "command": holder.command,
            }
        ).encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, text, 0)  # one small write: readers see all of it or none


def read_holder(path: Path) -> LockHolder | None:
    """The description the current holder wrote, or None when unreadable."""
    for _ in range(HOLDER_READ_ATTEMPTS):
        try:
            data = json.loads(path.read_text("utf-8"))
            return LockHolder(
                int(data["pid"]), str(data["host"]), str(data["started_at"]), str(data["command"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            time.sleep(HOLDER_READ_PAUSE_S)
    return None


def locked_message(path: Path) -> str:
    holder = read_holder(path)
    who = holder.describe() if holder is not None else "a process that left no description"
    db = path.with_name(path.name.removesuffix(LOCK_SUFFIX))
    return (
        f"{db} is in use by another ocop-news run: {who}. Wait for it to finish "
        "(or stop it); the lock is released automatically when that process ends."
    )
