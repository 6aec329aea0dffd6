"""A crawl killed with SIGKILL at several points resumes to exactly the uninterrupted result.

The crawl runs in a child process (crawl_driver.py) against a FaultSite on 127.0.0.1;
it is killed while fetching (from outside, once the server sees the slow request) or
inside a warehouse write (the child kills itself mid-transaction). The next run, in
this process, must end with the same articles, authors and figures as a crawl that
was never interrupted, every URL fetched, and the killed run marked abandoned.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from crawl_driver import resume_config
from faultserver import FaultSite, slow

from pipelines.crawl_job import run_crawl
from warehouse.store import Warehouse

DRIVER = Path(__file__).resolve().parent / "crawl_driver.py"
SLOW_SLUG = "cham"
ARTICLES = 8
WAIT_FOR_HIT_S = 60.0  # a bound on waiting for the child, not an assertion


@pytest.fixture(scope="module")
def site() -> Iterator[FaultSite]:
    server = FaultSite()
    for number in range(ARTICLES):
        server.add_article(f"bai-{number}")
    # Long enough that the child is surely still fetching when the test kills it.
    server.add_article(SLOW_SLUG, slow(2.0, FaultSite.article_reply(SLOW_SLUG)))
    server.publish()
    yield server
    server.close()


def snapshot(db: Path) -> dict[str, object]:
    with Warehouse.open(db, read_only=True) as warehouse:
        return {
            "articles": warehouse.query("SELECT url, title, text FROM articles ORDER BY url").rows,
            "authors": warehouse.query(
                "SELECT article_url, position, name FROM article_authors ORDER BY ALL"
            ).rows,
            "figures": warehouse.query(
                "SELECT article_url, ordinal, value FROM ocop_figures ORDER BY ALL"
            ).rows,
        }


@pytest.fixture(scope="module")
def uninterrupted(site: FaultSite, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = tmp_path_factory.mktemp("whole") / "w.duckdb"
    with Warehouse.open(db) as warehouse:
        run_crawl(resume_config(site.base), warehouse)
    result = snapshot(db)
    assert len(result["articles"]) == ARTICLES + 1  # type: ignore[arg-type]
    return result


def start_child(db: Path, site: FaultSite, point: str, times: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(db), site.base, point, str(times)],
        stdout=subprocess.PIPE,
        text=True,
    )


def kill_when_slow_page_is_requested(child: subprocess.Popen[str], site: FaultSite) -> None:
    path = f"/tin-tuc/{SLOW_SLUG}.html"
    before = len(site.hits_for(path))
    deadline = time.monotonic() + WAIT_FOR_HIT_S
    while len(site.hits_for(path)) == before and child.poll() is None:
        assert time.monotonic() < deadline, "the child never requested the slow page"
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)


@pytest.mark.parametrize(
    ("point", "times"),
    [
        ("none", 0),  # killed from outside while a response is in flight
        ("article-write", 1),
        ("article-write", 4),
        ("settle", 3),
        ("leads-stored", 1),
    ],
)
def test_killed_crawl_resumes_to_the_uninterrupted_result(
    site: FaultSite,
    uninterrupted: dict[str, object],
    tmp_path: Path,
    point: str,
    times: int,
) -> None:
    db = tmp_path / "w.duckdb"
    child = start_child(db, site, point, times)
    if point == "none":
        kill_when_slow_page_is_requested(child, site)
    assert child.wait(timeout=120) == -signal.SIGKILL
    partial = snapshot(db)
    assert len(partial["articles"]) < ARTICLES + 1  # type: ignore[arg-type]

    with Warehouse.open(db) as warehouse:
        run_crawl(resume_config(site.base), warehouse)

    assert snapshot(db) == uninterrupted
    with Warehouse.open(db, read_only=True) as warehouse:
        states = warehouse.query("SELECT state, count(*) FROM frontier GROUP BY ALL").rows
        runs = warehouse.query("SELECT status FROM crawl_runs ORDER BY id").rows
    assert states == [("fetched", ARTICLES + 1)]
    assert runs == [("abandoned",), ("succeeded",)]
