"""Progress display: a live bar on a terminal, log lines otherwise.

A scheduler's log gets one line per fetched page (each is an event worth
keeping) but only one line per COUNT_LOG_EVERY items of a long local job.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from pipelines.crawl_job import PageEvent

log = logging.getLogger("ocop_news.crawl")

# Without a terminal, one log line per this many items (and one at the end).
COUNT_LOG_EVERY = 1000


class _LiveBar:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, live: bool | None) -> None:
        self.live = sys.stderr.isatty() if live is None else live
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def _start(self, label: str, total: int | None, *extra: ProgressColumn, **fields: Any) -> None:
        if not self.live:
            return
        self._progress = Progress(
            TextColumn(f"[bold]{label}"),
            BarColumn(bar_width=None),
            MofNCompleteColumn(),
            *extra,
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._progress.__enter__()
        self._task = self._progress.add_task(label, total=total, **fields)

    def _update(self, **fields: Any) -> bool:
        """Move the bar; False when there is no bar (the caller logs instead)."""
        if self._progress is None or self._task is None:
            return False
        self._progress.update(self._task, **fields)
        return True

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(exc_type, exc, tb)
        self._finish()

    def _finish(self) -> None:
        """What to log when the job ends without a bar."""


class PageProgress(_LiveBar):
    """Context manager with an `on_page` callback for `run_crawl`."""

    def __init__(self, *, live: bool | None = None) -> None:
        super().__init__(live)
        self.pages = 0
        self.articles = 0

    def __enter__(self) -> PageProgress:
        columns = TextColumn("pages · {task.fields[articles]} articles · {task.fields[last]}")
        self._start("crawling", None, columns, articles=0, last="")
        return self

    def on_page(self, event: PageEvent) -> None:
        self.pages += 1
        if event.outcome is not None:
            self.articles += 1
        last = f"{event.site_id}: {event.url[-60:]}"
        if self._update(completed=self.pages, articles=self.articles, last=last):
            return
        state = event.error or (f"HTTP {event.status}" if event.status else "no response")
        suffix = f" [{event.outcome}] {event.title}" if event.outcome else ""
        fields = {
            "event": "page",
            "site_id": event.site_id,
            "role": event.role,
            "url": event.url,
            "status": event.status,
            "error": event.error,
            "outcome": event.outcome,
        }
        log.info("%s %s %s %s%s", event.site_id, event.role, state, event.url, suffix, extra=fields)


class CountProgress(_LiveBar):
    """Progress of a known number of items, logged every COUNT_LOG_EVERY items off a terminal."""

    def __init__(self, label: str, total: int, *, live: bool | None = None) -> None:
        super().__init__(live)
        self.label = label
        self.total = total
        self.done = 0

    def __enter__(self) -> CountProgress:
        if self.total:
            self._start(self.label, self.total)
        return self

    def advance(self) -> None:
        self.done += 1
        if not self._update(completed=self.done) and self.done % COUNT_LOG_EVERY == 0:
            self._log()

    def _finish(self) -> None:
        if self._progress is None and self.done % COUNT_LOG_EVERY:
            self._log()

    def _log(self) -> None:
        log.info("%s: %d of %d", self.label, self.done, self.total)
