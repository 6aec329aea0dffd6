"""The DuckDB warehouse: opening, migrating, loading and reading.

DuckDB allows one writing process per file. Every load is a transaction of
its own (an article with its authors and figures, a batch of articles, a batch
of page rows), so a run that dies leaves whole rows only.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from extract.models import FIGURE_FIELDS, Article
from warehouse.errors import QueryError, SchemaTooNewError, WarehouseError, WarehouseOpenError
from warehouse.lock import WarehouseLock, lock_path, read_holder
from warehouse.records import (
    ArticleRecord,
    LoadOutcome,
    PageRecord,
    RunCounters,
    SiteRecord,
    SiteRunCounters,
)
from warehouse.schema import MIGRATIONS, SCHEMA_VERSION

# Timestamps are shown in Vietnam time: the zone every source writes in.
DISPLAY_TIME_ZONE = "Asia/Ho_Chi_Minh"
VALIDATOR_ROLES = ("feed", "sitemap", "listing")
# Rows per INSERT statement: one statement per row costs about a millisecond
# each in DuckDB, while a statement with tens of thousands of parameters is
# slow to bind.
MAX_ROWS_PER_INSERT = 500
_ARTICLE_UPSERT = (
    "INSERT INTO articles VALUES {values} "
    "ON CONFLICT (url) DO UPDATE SET site_id = excluded.site_id, "
    "canonical_url = excluded.canonical_url, title = excluded.title, "
    "lead = excluded.lead, text = excluded.text, published_at = excluded.published_at, "
    "modified_at = excluded.modified_at, section = excluded.section, "
    "source_credit = excluded.source_credit, language = excluded.language, "
    "captions = excluded.captions, content_sha256 = excluded.content_sha256, "
    "extractor_version = excluded.extractor_version, "
    "last_seen_at = greatest(articles.last_seen_at, excluded.last_seen_at)"
)


@dataclass(frozen=True, slots=True)
class QueryResult:
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


class Warehouse:
    """A DuckDB file holding sites, crawl runs, pages, articles and figures."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: Path,
        read_only: bool,
        lock: WarehouseLock | None = None,
    ) -> None:
        self._con = con
        self.path = path
        self.read_only = read_only
        self._lock = lock
        self._transaction_depth = 0
        self._after_commit: list[Callable[[], None]] = []

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(
        cls, path: str | Path, *, read_only: bool = False, command: str = "ocop-news"
    ) -> Warehouse:
        """Open (and, when writable, create or upgrade) the warehouse at `path`.

        A writable open first takes the warehouse lock (see warehouse/lock.py), so a
        second writer fails at once with WarehouseLockedError naming the holder.
        """
        path = Path(path)
        if read_only and not path.is_file():
            raise WarehouseOpenError(
                f"no warehouse at {path}: run `ocop-news crawl --db {path}` first"
            )
        if not path.parent.is_dir():
            raise WarehouseOpenError(
                f"folder {path.parent} does not exist: create it or choose another --db path"
            )
        lock = None if read_only else WarehouseLock(path, command).acquire()
        try:
            con = duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            if lock is not None:
                lock.release()
            raise WarehouseOpenError(_open_failure_message(path, exc)) from exc
        warehouse = cls(con, path, read_only, lock)
        try:
            warehouse._set_time_zone()
            if read_only:
                warehouse._check_version_readable()
            else:
                warehouse.migrate()
        except BaseException:
            warehouse.close()
            raise
        return warehouse

    def close(self) -> None:
        try:
            self._con.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Warehouse:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _set_time_zone(self) -> None:
        self._con.execute(f"SET TimeZone = '{DISPLAY_TIME_ZONE}'")

    # -- schema --------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self._scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        )
        if not exists:
            return 0
        return int(self._scalar("SELECT coalesce(max(version), 0) FROM schema_version"))

    def _check_version_readable(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"{self.path} has schema version {version}, newer than this ocop-news "
                f"({SCHEMA_VERSION}): upgrade ocop-news"
            )
        if version < SCHEMA_VERSION:
            raise WarehouseOpenError(
                f"{self.path} has schema version {version}; open it once for writing "
                f"(e.g. `ocop-news crawl --db {self.path}`) to upgrade it to {SCHEMA_VERSION}"
            )

    def migrate(self) -> None:
        """Apply every migration newer than the file's version."""
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMPTZ)"
        )
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise SchemaTooNewError(
                f"{self.path} has schema version {current}, newer than this ocop-news "
                f"({SCHEMA_VERSION}): upgrade ocop-news"
            )
        pending = [m for m in MIGRATIONS if m.version > current]
        if not pending:
            return
        # All pending migrations in one transaction: a failed upgrade leaves the
        # file exactly at its old version, never between two.
        try:
            with self.transaction():
                for migration in pending:
                    for statement in migration.statements:
                        self._con.execute(statement)
                    self._con.execute(
                        "INSERT INTO schema_version VALUES (?, ?, ?)",
                        [migration.version, migration.description, _now()],
                    )
        except duckdb.Error as exc:
            raise WarehouseError(
                f"upgrading {self.path} from schema version {current} to {SCHEMA_VERSION} "
                f"failed and was rolled back (the file is unchanged); please report: {exc}"
            ) from exc

    # -- loading ---------------------------------------------------------------

    def upsert_sites(self, sites: Iterable[SiteRecord]) -> None:
        now = _now()
        with self.transaction():
            for site in sites:
                self._con.execute(
                    "INSERT INTO sites VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                    "name = excluded.name, province = excluded.province, "
                    "base_url = excluded.base_url, updated_at = excluded.updated_at",
                    [site.id, site.name, site.province, site.base_url, now],
                )

    def begin_run(self, command: str, site_ids: Sequence[str]) -> int:
        """A new run; runs still marked running were killed (this process holds the lock)."""
        with self.transaction():
            self._con.execute("UPDATE crawl_runs SET status = 'abandoned' WHERE status = 'running'")
            run_id = int(self._scalar("SELECT nextval('crawl_run_ids')"))
            self._con.execute(
                "INSERT INTO crawl_runs (id, started_at, status, command, sites) "
                "VALUES (?, ?, 'running', ?, ?)",
                [run_id, _now(), command, list(site_ids)],
            )
        return run_id

    def finish_run(
        self,
        run_id: int,
        status: str,
        counters: RunCounters,
        per_site: Mapping[str, SiteRunCounters] | None = None,
    ) -> None:
        """Close a run with its totals and each site's counters, in one transaction."""
        columns = counters.as_columns()
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self.transaction():
            self._con.execute(
                f"UPDATE crawl_runs SET finished_at = ?, status = ?, {assignments} WHERE id = ?",
                [_now(), status, *columns.values(), run_id],
            )
            for site_id, site in (per_site or {}).items():
                self._insert_run_site(run_id, site_id, site)

    def _insert_run_site(self, run_id: int, site_id: str, site: SiteRunCounters) -> None:
        columns = site.as_columns()
        names = ", ".join(columns)
        marks = ", ".join("?" for _ in columns)
        reasons = json.dumps(site.failures_by_reason, ensure_ascii=False, sort_keys=True)
        self._con.execute(
            f"INSERT OR REPLACE INTO crawl_run_sites (run_id, site_id, failures_by_reason, "
            f"{names}) VALUES (?, ?, ?, {marks})",
            [run_id, site_id, reasons, *columns.values()],
        )

    def record_pages(self, run_id: int, pages: Sequence[PageRecord]) -> None:
        if not pages:
            return
        rows = [
            [
                run_id,
                p.site_id,
                p.url,
                p.final_url,
                p.role,
                p.status,
                p.fetched_at,
                p.content_type,
                p.bytes,
                p.etag,
                p.last_modified,
                p.error,
                p.warc_file,
                p.warc_offset,
                p.warc_length,
            ]
            for p in pages
        ]
        with self.transaction():
            self._con.executemany(
                f"INSERT INTO pages ({', '.join(_PAGE_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in _PAGE_COLUMNS)})",
                rows,
            )

    def store_article(
        self,
        site_id: str,
        url: str,
        article: Article,
        seen_at: datetime,
        extractor_version: str,
    ) -> LoadOutcome:
        """Insert or update one article with its authors and figures, atomically.

        An article whose extracted content and extractor version are unchanged
        only gets its `last_seen_at` moved, so reloading a crawl is idempotent.
        """
        record = ArticleRecord(site_id, url, article, seen_at)
        return self.store_articles([record], extractor_version)[0]

    def store_articles(
        self, records: Sequence[ArticleRecord], extractor_version: str
    ) -> list[LoadOutcome]:
        """Store articles as store_article would one after the other, in one
        transaction: all of them or none.

        Each statement covers the whole batch (DuckDB spends about a
        millisecond per statement, six per article when stored one by one).
        A key repeated in the batch starts a new run of statements, so the
        later article sees the earlier one as stored.
        """
        outcomes: list[LoadOutcome] = []
        with self.transaction():
            for run in _distinct_keys(records):
                outcomes.extend(self._store_run(run, extractor_version))
        return outcomes

    def _store_run(
        self, records: Sequence[ArticleRecord], extractor_version: str
    ) -> list[LoadOutcome]:
        """Store articles whose keys are all different."""
        where, keys = _keys_filter("url", [r.url for r in records])
        stored = {
            url: (digest, version)
            for url, digest, version in self._con.execute(
                f"SELECT url, content_sha256, extractor_version FROM articles WHERE {where}", keys
            ).fetchall()
        }
        digests = [content_digest(r.article) for r in records]
        outcomes: list[LoadOutcome] = []
        seen: list[ArticleRecord] = []
        written: list[tuple[ArticleRecord, str]] = []
        for record, digest in zip(records, digests, strict=True):
            previous = stored.get(record.url)
            if previous == (digest, extractor_version):
                outcomes.append("unchanged")
                seen.append(record)
            else:
                outcomes.append("new" if previous is None else "updated")
                written.append((record, digest))
        self._move_last_seen(seen)
        self._write_articles(written, extractor_version)
        self._replace_children([record for record, _ in written])
        return outcomes

    def _move_last_seen(self, records: Sequence[ArticleRecord]) -> None:
        if not records:
            return
        if len(records) == 1:  # a point update: cheaper than joining a one-row list
            self._con.execute(
                "UPDATE articles SET last_seen_at = greatest(last_seen_at, ?) WHERE url = ?",
                [records[0].seen_at, records[0].url],
            )
            return
        self._con.execute(
            "UPDATE articles SET last_seen_at = greatest(articles.last_seen_at, seen.at) "
            "FROM (SELECT unnest(?::VARCHAR[]) AS url, unnest(?::TIMESTAMPTZ[]) AS at) AS seen "
            "WHERE articles.url = seen.url",
            [[r.url for r in records], [r.seen_at for r in records]],
        )

    def _write_articles(
        self, written: Sequence[tuple[ArticleRecord, str]], extractor_version: str
    ) -> None:
        rows = [
            (
                record.url,
                record.site_id,
                record.article.canonical_url,
                record.article.title,
                record.article.lead,
                record.article.text,
                record.article.published_at,
                record.article.modified_at,
                record.article.section,
                record.article.source_credit,
                record.article.language,
                list(record.article.captions),
                digest,
                extractor_version,
                record.seen_at,
                record.seen_at,
            )
            for record, digest in written
        ]
        self._insert_rows("articles", rows, _ARTICLE_UPSERT)

    def _replace_children(self, records: Sequence[ArticleRecord]) -> None:
        if not records:
            return
        where, keys = _keys_filter("article_url", [r.url for r in records])
        for table in ("article_authors", "ocop_figures"):
            self._con.execute(f"DELETE FROM {table} WHERE {where}", keys)
        authors = [
            (r.url, position, name)
            for r in records
            for position, name in enumerate(r.article.authors)
        ]
        self._insert_rows("article_authors", authors)
        figures = [
            (r.url, ordinal, *(getattr(f, name) for name in FIGURE_FIELDS))
            for r in records
            for ordinal, f in enumerate(r.article.figures)
        ]
        self._insert_rows("ocop_figures", figures)

    def _insert_rows(
        self, table: str, rows: Sequence[tuple[object, ...]], statement: str | None = None
    ) -> None:
        """Multi-row INSERTs of up to MAX_ROWS_PER_INSERT rows: DuckDB's executemany
        runs one statement per row, which made storing the slowest step of a crawl.
        `statement` (with a {values} slot) replaces the plain INSERT."""
        if not rows:
            return
        template = statement or f"INSERT INTO {table} VALUES {{values}}"
        marks = "(" + ", ".join("?" for _ in rows[0]) + ")"
        for first in range(0, len(rows), MAX_ROWS_PER_INSERT):
            part = rows[first : first + MAX_ROWS_PER_INSERT]
            values = ", ".join(marks for _ in part)
            self._con.execute(
                template.format(values=values), [value for row in part for value in row]
            )

    # -- reading ---------------------------------------------------------------

    def known_article_urls(self) -> set[str]:
        return {row[0] for row in self._con.execute("SELECT url FROM articles").fetchall()}

    def validators(self) -> dict[str, tuple[str | None, str | None]]:
        """ETag/Last-Modified per feed, sitemap and listing URL whose leads are all stored.

        Read from `crawl_sources`, not `pages`: a page row is written before its links
        are stored, and a conditional request on a source whose leads were lost in a
        killed run would answer 304 and hide them for good.
        """
        rows = self._con.execute(
            "SELECT url, etag, last_modified FROM crawl_sources "
            "WHERE etag IS NOT NULL OR last_modified IS NOT NULL"
        ).fetchall()
        return {url: (etag, modified) for url, etag, modified in rows}

    def query(self, sql: str, parameters: Sequence[object] | None = None) -> QueryResult:
        try:
            cursor = self._con.execute(sql, parameters or [])
        except duckdb.Error as exc:
            raise QueryError(f"query failed: {exc}") from exc
        description = cursor.description or []
        rows = cursor.fetchall() if description else []
        return QueryResult(tuple(d[0] for d in description), rows)

    def count_rows(self, table: str) -> int:
        if table not in _TABLES:
            raise WarehouseError(f"unknown table {table!r}; tables: {', '.join(_TABLES)}")
        return int(self._scalar(f"SELECT count(*) FROM {table}"))

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The raw connection, for exports and read-only analysis."""
        return self._con

    # -- helpers ---------------------------------------------------------------

    def _scalar(self, sql: str, parameters: Sequence[object] | None = None) -> Any:
        row = self._con.execute(sql, parameters or []).fetchone()
        return None if row is None else row[0]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all; nested uses join the outer one."""
        if self._transaction_depth:
            self._transaction_depth += 1
            try:
                yield
            finally:
                self._transaction_depth -= 1
            return
        self._con.execute("BEGIN TRANSACTION")
        self._transaction_depth = 1
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            self._after_commit.clear()
            raise
        finally:
            self._transaction_depth = 0
        self._con.execute("COMMIT")
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run `callback` once the current transaction commits (now, outside one);
        a rollback drops it. For in-memory state that must follow the database."""
        if self._transaction_depth:
            self._after_commit.append(callback)
        else:
            callback()


# In the order record_pages passes them; named so that later migrations may add columns.
_PAGE_COLUMNS = (
    "run_id",
    "site_id",
    "url",
    "final_url",
    "role",
    "status",
    "fetched_at",
    "content_type",
    "bytes",
    "etag",
    "last_modified",
    "error",
    "warc_file",
    "warc_offset",
    "warc_length",
)

_TABLES = (
    "sites",
    "crawl_runs",
    "pages",
    "articles",
    "article_authors",
    "ocop_figures",
    "ocop_facts",
    "frontier",
    "crawl_sources",
)


def _keys_filter(column: str, keys: list[str]) -> tuple[str, list[object]]:
    """A WHERE condition for rows whose `column` is one of `keys`, with its
    parameters: one key is a point look-up (about half the cost of matching a
    one-item list, which matters for a crawl's one-by-one stores)."""
    if len(keys) == 1:
        return f"{column} = ?", [keys[0]]
    return f"{column} IN (SELECT unnest(?::VARCHAR[]))", [keys]


def _distinct_keys(records: Sequence[ArticleRecord]) -> Iterator[list[ArticleRecord]]:
    """Consecutive runs of records in which no key repeats."""
    run: list[ArticleRecord] = []
    keys: set[str] = set()
    for record in records:
        if record.url in keys:
            yield run
            run, keys = [], set()
        run.append(record)
        keys.add(record.url)
    if run:
        yield run


def content_digest(article: Article) -> str:
    """A hash of everything stored for an article, to tell updates from re-reads."""
    payload = {
        "canonical_url": article.canonical_url,
        "title": article.title,
        "lead": article.lead,
        "text": article.text,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "modified_at": article.modified_at.isoformat() if article.modified_at else None,
        "authors": list(article.authors),
        "section": article.section,
        "source_credit": article.source_credit,
        "language": article.language,
        "captions": list(article.captions),
        "figures": [f.as_record() for f in article.figures],
    }
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _open_failure_message(path: Path, exc: duckdb.Error) -> str:
    text = str(exc)
    if "lock" in text.lower():
        holder = read_holder(lock_path(path))
        who = f" ({holder.describe()})" if holder is not None else ""
        return (
            f"{path} is in use by another process{who} (DuckDB allows one writer): wait for "
            f"it to finish, or query a Parquet export instead. Details: {text}"
        )
    return f"cannot open {path} as a DuckDB warehouse: {text}"
