"""Every fault of the fault server, driven through a real crawl into a real DuckDB file.

One site lists an article per fault; the crawl must finish, and afterwards every
listed URL is in the frontier as fetched, waiting for a retry or failed (or refused)
with its reason, and exactly the readable articles are stored, once each.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from crawl_testkit import Reply, fast_settings
from faultserver import (
    ARTICLE_PATTERN,
    CALENDAR_START,
    LISTING_PATH,
    FaultSite,
    article_html,
    article_title,
    gzip_bomb,
    huge,
    malformed,
    mislabelled,
    redirect,
    reset,
    slow,
    status,
    then_ok,
    truncated,
    with_calendar,
)

from crawler.models import CrawlSettings, SiteSpec
from pipelines.config import AppConfig, SiteConfig
from pipelines.crawl_job import CrawlOutcome, run_crawl
from warehouse.store import Warehouse

BOMB_BYTES = 50_000_000
HUGE_PAGE_BYTES = 50 * 1024 * 1024
CAP_BYTES = 1_000_000


@dataclass(frozen=True)
class Expect:
    state: str
    reason: str | None = None  # a regular expression the stored reason must match
    stored: bool = False  # an article row is expected


EXPECTED: dict[str, Expect] = {
    "binh-thuong": Expect("fetched", stored=True),
    "cham": Expect("fetched", stored=True),
    "treo": Expect("retry", r"^timeout after 2 attempts$"),
    "ngat": Expect("retry", r"^connection error .* after 2 attempts$"),
    "loi-500": Expect("retry", r"^HTTP 500 after 2 attempts$"),
    "qua-tai-503": Expect("fetched", stored=True),
    "gioi-han-429": Expect("retry", r"exceeds max_retry_after_s"),
    "cat-cut": Expect("retry", r"^connection error .*(incomplete|closed)"),
    "bom-gzip": Expect("failed", rf"^decompressed body exceeds {CAP_BYTES} bytes$"),
    "vong-lap": Expect("failed", r"^redirect loop"),
    "ra-ngoai": Expect("failed", r"^redirect leaves site hosts \(to ::1\)$"),
    "dia-chi-cam": Expect("failed", r"^blocked address 127\.0\.0\.2 "),
    "trang-50mb": Expect("failed", rf"^body exceeds {CAP_BYTES} bytes$"),
    "sai-ma-1258": Expect("fetched", stored=True),
    "sai-ma-latin1": Expect("fetched", stored=True),
    "hong-html": Expect("fetched", stored=True),
    "cam-robots": Expect("refused", r"^disallowed by robots\.txt$"),
    "mat-tich": Expect("failed", r"^HTTP 404$"),
}


def build_site() -> FaultSite:
    site = FaultSite()
    page = FaultSite.article_reply
    routes = {
        "binh-thuong": None,
        "cham": slow(0.3, page("cham")),
        "treo": slow(3.0, page("treo")),  # beyond timeout_s on every attempt
        "ngat": reset,
        "loi-500": status(500),
        "qua-tai-503": then_ok(status(503, "1"), page("qua-tai-503")),
        "gioi-han-429": status(429, "3600"),
        "cat-cut": truncated(article_html("cat-cut").encode()),
        "bom-gzip": gzip_bomb(BOMB_BYTES),
        "vong-lap": redirect("/tin-tuc/vong-lap-2.html"),
        "ra-ngoai": redirect(f"http://[::1]:{site.port}/tin-tuc/binh-thuong.html"),
        "dia-chi-cam": redirect(f"http://127.0.0.2:{site.port}/tin-tuc/binh-thuong.html"),
        "trang-50mb": huge(HUGE_PAGE_BYTES),
        "sai-ma-1258": mislabelled(article_html("sai-ma-1258"), "windows-1258", "utf-8"),
        "sai-ma-latin1": mislabelled(article_html("sai-ma-latin1"), "utf-8", "iso-8859-1"),
        "hong-html": Reply(200, malformed("hong-html").body, {"Content-Type": "text/html"}),
        "cam-robots": None,
        "mat-tich": Reply(404, b"not found"),
    }
    for slug, route in routes.items():
        site.add_article(slug, route)
    site.routes["/tin-tuc/vong-lap-2.html"] = redirect("/tin-tuc/vong-lap.html")
    site.disallow("/tin-tuc/cam-robots")
    site.publish()
    return site


def settings(**overrides: object) -> CrawlSettings:
    values: dict[str, object] = dict(
        timeout_s=1.0,
        max_attempts=2,
        max_retry_after_s=2.0,
        max_body_bytes=CAP_BYTES,
        circuit_breaker_failures=1000,  # each fault judged alone; the breaker has its own test
    )
    values.update(overrides)
    return fast_settings(**values)


def config_for(site: FaultSite, crawl_settings: CrawlSettings, **spec: object) -> AppConfig:
    fields: dict[str, object] = {
        "start_urls": (site.url(LISTING_PATH),),
        "article_url_pattern": re.compile(ARTICLE_PATTERN),
        "extra_hosts": ("127.0.0.2",),  # on the site, but not an allowed address
        "max_pages": 50,
    }
    fields.update(spec)
    site_spec = SiteSpec("loi", site.base + "/", **fields)  # type: ignore[arg-type]
    site_config = SiteConfig("loi", "Báo Lỗi", "Thanh Hóa", site_spec, None)
    return AppConfig("<fault site>", crawl_settings, (site_config,))


@dataclass
class Crawled:
    site: FaultSite
    db: Path
    first: CrawlOutcome
    second: CrawlOutcome
    paths_of_second_run: list[str]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    site = build_site()
    db = tmp_path_factory.mktemp("faults") / "w.duckdb"
    config = config_for(site, settings())
    try:
        with Warehouse.open(db) as warehouse:
            first = run_crawl(config, warehouse)
        seen = len(site.paths())
        with Warehouse.open(db) as warehouse:
            second = run_crawl(config, warehouse)
        yield Crawled(site, db, first, second, site.paths()[seen:])
    finally:
        site.close()


def rows(db: Path, sql: str) -> list[tuple]:
    with Warehouse.open(db, read_only=True) as warehouse:
        return warehouse.query(sql).rows


def frontier(crawled: Crawled) -> dict[str, tuple[str, str | None]]:
    found = rows(crawled.db, "SELECT url, state, reason FROM frontier")
    return {
        url.rsplit("/", 1)[-1].removesuffix(".html"): (state, reason)
        for url, state, reason in found
    }


def test_every_listed_url_ends_in_a_final_state_with_its_reason(crawled: Crawled) -> None:
    states = frontier(crawled)
    assert set(states) == set(EXPECTED)
    for slug, expect in EXPECTED.items():
        state, reason = states[slug]
        assert state == expect.state, (slug, state, reason)
        if expect.reason is None:
            assert reason is None, (slug, reason)
        else:
            assert reason is not None and re.search(expect.reason, reason), (slug, reason)


def test_exactly_the_readable_articles_are_stored_once_with_their_true_titles(
    crawled: Crawled,
) -> None:
    stored = rows(crawled.db, "SELECT url, title FROM articles ORDER BY url")
    expected = {
        crawled.site.url(f"/tin-tuc/{slug}.html"): article_title(slug)
        for slug, expect in EXPECTED.items()
        if expect.stored
    }
    assert dict(stored) == expected  # the mislabelled charsets decode to the real Vietnamese
    assert len(stored) == len(expected)


def test_robots_disallowed_article_is_never_requested(crawled: Crawled) -> None:
    assert crawled.site.hits_for("/tin-tuc/cam-robots.html") == []


def test_long_retry_after_schedules_the_retry_no_sooner_than_the_server_asked(
    crawled: Crawled,
) -> None:
    ((retry_at, fetched_at),) = rows(
        crawled.db,
        "SELECT f.retry_at, p.fetched_at FROM frontier f JOIN pages p ON p.url = f.url "
        "WHERE f.url LIKE '%gioi-han-429%' AND p.run_id = 1",
    )
    assert retry_at - fetched_at >= timedelta(seconds=3600)


def test_crawl_finishes_as_partial_and_counts_every_failure(crawled: Crawled) -> None:
    assert crawled.first.status == "partial"
    not_fetched = [s for s, e in EXPECTED.items() if e.state in ("retry", "failed")]
    assert crawled.first.counters.pages_failed == len(not_fetched)


def test_second_run_sends_only_a_conditional_listing_request_and_no_article_request(
    crawled: Crawled,
) -> None:
    assert crawled.paths_of_second_run == ["/robots.txt", LISTING_PATH]
    (listing_hit,) = crawled.site.hits_for(LISTING_PATH)[1:]
    assert listing_hit.headers.get("if-none-match") is not None
    assert crawled.second.counters.pages_not_modified == 1
    assert crawled.second.counters.articles_new == 0


def test_a_due_retry_is_fetched_by_the_next_run_once_the_fault_is_gone(
    crawled: Crawled, tmp_path: Path
) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(crawled.db.read_bytes())
    with Warehouse.open(db) as warehouse:
        warehouse.connection.execute(
            "UPDATE frontier SET retry_at = now() - INTERVAL 1 MINUTE WHERE state = 'retry'"
        )
    for slug in ("treo", "ngat", "loi-500", "gioi-han-429", "cat-cut"):
        crawled.site.routes[f"/tin-tuc/{slug}.html"] = FaultSite.article_reply(slug)
    with Warehouse.open(db) as warehouse:
        third = run_crawl(config_for(crawled.site, settings()), warehouse)
    assert third.counters.articles_new == 5
    states = dict(rows(db, "SELECT state, count(*) FROM frontier GROUP BY state"))
    assert "retry" not in states and "pending" not in states


def test_calendar_trap_is_cut_at_max_listing_pages_and_its_articles_are_kept(
    tmp_path: Path,
) -> None:
    site = FaultSite()
    with_calendar(site)
    site.publish()
    try:
        config = config_for(
            site, settings(max_listing_pages=4), start_urls=(site.url(CALENDAR_START),)
        )
        with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
            outcome = run_crawl(config, warehouse)
        calendar_pages = [p for p in site.paths() if p.startswith("/lich/") and p.endswith("/")]
        assert calendar_pages == [
            "/lich/2024/01/",
            "/lich/2024/02/",
            "/lich/2024/03/",
            "/lich/2024/04/",
        ]
        assert outcome.status == "succeeded"
        states = rows(tmp_path / "w.duckdb", "SELECT state, count(*) FROM frontier GROUP BY ALL")
        assert states == [("fetched", 4)]
    finally:
        site.close()


def test_open_circuit_leaves_the_remaining_urls_scheduled_for_retry(tmp_path: Path) -> None:
    site = FaultSite()
    for number in range(6):
        site.add_article(f"hong-{number}", status(500))
    site.publish()
    try:
        config = config_for(
            site, fast_settings(max_attempts=1, circuit_breaker_failures=2, concurrency_per_host=1)
        )
        with Warehouse.open(tmp_path / "w.duckdb") as warehouse:
            run_crawl(config, warehouse)
        found = rows(tmp_path / "w.duckdb", "SELECT state, reason FROM frontier ORDER BY url")
        assert [state for state, _ in found] == ["retry"] * 6
        assert sum(reason == "circuit open" for _, reason in found) == 4
        assert len(site.article_paths()) == 2  # the open circuit sent nothing more
    finally:
        site.close()
