"""The crawler's `LeadStore` in DuckDB: the `frontier` and `crawl_sources` tables.

Every write is its own transaction unless the caller already holds one (the crawl
job settles a URL inside the transaction that stores its page row and article).
The set of settled URLs is read once and kept in memory, because the crawler asks
about every link it sees and a query per link would dominate a large crawl.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from crawler.frontier import ArticleLead, Settlement, SourceValidators
from warehouse.store import Warehouse

# States that keep a URL from being fetched again (a due retry is resumed instead).
_SETTLED_STATES = ("fetched", "failed")


class WarehouseLeads:
    """Implements crawler.frontier.LeadStore over a writable Warehouse."""

    def __init__(self, warehouse: Warehouse, now: datetime | None = None) -> None:
        self._warehouse = warehouse
        self._con = warehouse.connection
        self._now = now or datetime.now(UTC)
        rows = self._con.execute(
            "SELECT url FROM frontier WHERE state IN (?, ?) OR (state = 'retry' AND retry_at > ?)",
            [*_SETTLED_STATES, self._now],
        ).fetchall()
        self._settled = {url for (url,) in rows}

    # -- LeadStore -----------------------------------------------------------------

    def resume(self, site_id: str) -> list[ArticleLead]:
        rows = self._con.execute(
            "SELECT url, discovered_from, depth, published_hint FROM frontier "
            "WHERE site_id = ? AND (state = 'pending' OR (state = 'retry' AND retry_at <= ?)) "
            "ORDER BY discovered_at, url",
            [site_id, self._now],
        ).fetchall()
        return [
            ArticleLead(url, source, depth, published) for url, source, depth, published in rows
        ]

    def is_settled(self, url: str) -> bool:
        return url in self._settled

    def add(self, site_id: str, leads: Sequence[ArticleLead]) -> None:
        if not leads:
            return
        now = _now()
        rows = [
            [lead.url, site_id, lead.discovered_from, lead.depth, lead.published, now, now]
            for lead in dict((lead.url, lead) for lead in leads).values()
        ]
        with self._warehouse.transaction():
            # A URL robots.txt refused before and now allows becomes pending again.
            self._con.executemany(
                "INSERT INTO frontier (url, site_id, state, discovered_from, depth, "
                "published_hint, discovered_at, updated_at) "
                "VALUES (?, ?, 'pending', ?, ?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET state = 'pending', reason = NULL, "
                "updated_at = excluded.updated_at WHERE frontier.state = 'refused'",
                rows,
            )

    def refuse(self, site_id: str, url: str, reason: str) -> None:
        now = _now()
        with self._warehouse.transaction():
            self._con.execute(
                "INSERT INTO frontier (url, site_id, state, reason, discovered_at, updated_at) "
                "VALUES (?, ?, 'refused', ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET state = 'refused', reason = excluded.reason, "
                "updated_at = excluded.updated_at WHERE frontier.state IN ('pending', 'refused')",
                [url, site_id, reason, now, now],
            )

    def source_done(self, site_id: str, source: SourceValidators) -> None:
        with self._warehouse.transaction():
            self._con.execute(
                "INSERT INTO crawl_sources VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "site_id = excluded.site_id, etag = excluded.etag, "
                "last_modified = excluded.last_modified, updated_at = excluded.updated_at",
                [source.url, site_id, source.etag, source.last_modified, _now()],
            )

    # -- settling (called by the crawl job) ------------------------------------------

    def attempts(self, url: str) -> int:
        row = self._con.execute("SELECT attempts FROM frontier WHERE url = ?", [url]).fetchone()
        return 0 if row is None else int(row[0])

    def settle(self, site_id: str, settled: Settlement, lead: ArticleLead | None = None) -> None:
        """Record a fetched URL's new state; `lead` fills the row when it was never added."""
        now = _now()
        source = lead.discovered_from if lead else None
        depth = lead.depth if lead else 0
        published = lead.published if lead else None
        with self._warehouse.transaction():
            self._con.execute(
                "INSERT INTO frontier VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET state = excluded.state, "
                "attempts = excluded.attempts, retry_at = excluded.retry_at, "
                "reason = excluded.reason, updated_at = excluded.updated_at",
                [
                    settled.url,
                    site_id,
                    settled.state,
                    source,
                    depth,
                    published,
                    now,
                    settled.attempts,
                    settled.retry_at,
                    settled.reason,
                    now,
                ],
            )
        # The in-memory view changes only once the row is committed: a rolled-back
        # fetch stays unsettled and is offered again.
        if settled.state == "pending":
            self._warehouse.after_commit(lambda: self._settled.discard(settled.url))
        else:
            self._warehouse.after_commit(lambda: self._settled.add(settled.url))


def _now() -> datetime:
    return datetime.now(UTC)
