"""Progress display: a live bar on a terminal, one log line per page otherwise."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipelines.crawl_job import PageEvent

log = logging.getLogger("ocop_news.crawl")


class PageProgress:
    """Context manager with an `on_page` callback for `run_crawl`."""

    def __init__(self, *, live: bool | None = None) -> None:
        self.live = sys.stderr.isatty() if live is None else live
        self.pages = 0
        self.articles = 0
        self._progress: Progress | None = None
        self._task = None

    def __enter__(self) -> PageProgress:
        if self.live:
            self._progress = Progress(
                TextColumn("[bold]crawling"),
                BarColumn(bar_width=None),
                MofNCompleteColumn(),
                TextColumn("pages · {task.fields[articles]} articles · {task.fields[last]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task("crawl", total=None, articles=0, last="")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(exc_type, exc, tb)

    def on_page(self, event: PageEvent) -> None:
        self.pages += 1
        if event.outcome is not None:
            self.articles += 1
        if self._progress is not None and self._task is not None:
            self._progress.update(
                self._task,
                completed=self.pages,
                articles=self.articles,
                last=f"{event.site_id}: {event.url[-60:]}",
            )
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


# Without a terminal, one log line per this many items (and one at the end).
COUNT_LOG_EVERY = 1000


class CountProgress:
    """Progress of a known number of items: a bar on a terminal, a log line per
    COUNT_LOG_EVERY items otherwise (a scheduler's log must not get one per item)."""

    def __init__(self, label: str, total: int, *, live: bool | None = None) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.live = sys.stderr.isatty() if live is None else live
        self._progress: Progress | None = None
        self._task = None

    def __enter__(self) -> CountProgress:
        if self.live and self.total:
            self._progress = Progress(
                TextColumn(f"[bold]{self.label}"),
                BarColumn(bar_width=None),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.__enter__()
            self._task = self._progress.add_task(self.label, total=self.total)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.__exit__(exc_type, exc, tb)
        elif self.total and self.done % COUNT_LOG_EVERY:
            self._log()

    def advance(self) -> None:
        self.done += 1
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self.done)
        elif self.done % COUNT_LOG_EVERY == 0:
            self._log()

    def _log(self) -> None:
        log.info("%s: %d of %d", self.label, self.done, self.total)
