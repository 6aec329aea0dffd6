"""Run one crawl of a FaultSite in this process, optionally SIGKILLing itself mid-write.

Used by test_crawl_resume.py as a subprocess: `python crawl_driver.py DB BASE_URL POINT N`.
POINT names where the process kills itself (on the N-th time it gets there):
  article-write  after an article's rows are inserted, before their transaction commits
  settle         after a URL's frontier state is written, before the commit
  leads-stored   right after a listing's leads are committed, before its validators
  none           never (the test kills the process from outside, e.g. during a fetch)
The hooks wrap our own methods here, in the child only; production code has none.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from crawl_testkit import fast_settings
from faultserver import ARTICLE_PATTERN, LISTING_PATH

from crawler.models import SiteSpec
from pipelines.config import AppConfig, SiteConfig
from pipelines.crawl_job import run_crawl
from warehouse.frontier import WarehouseLeads
from warehouse.store import Warehouse


def resume_config(base_url: str) -> AppConfig:
    spec = SiteSpec(
        "loi",
        base_url + "/",
        start_urls=(base_url + LISTING_PATH,),
        article_url_pattern=re.compile(ARTICLE_PATTERN),
        max_pages=50,
    )
    site = SiteConfig("loi", "Báo Lỗi", "Thanh Hóa", spec, None)
    return AppConfig("<fault site>", fast_settings(concurrency_per_host=1), (site,))


def die_after(owner: type, name: str, times: int) -> None:
    """Replace owner.name so that its `times`-th call completes, then the process dies."""
    original: Callable[..., Any] = getattr(owner, name)
    calls = 0

    @wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        result = original(*args, **kwargs)
        calls += 1
        if calls == times:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, name, wrapper)


KILL_POINTS: dict[str, tuple[type, str]] = {
    "article-write": (Warehouse, "_replace_children"),
    "settle": (WarehouseLeads, "settle"),
    "leads-stored": (WarehouseLeads, "add"),
}


def main(db: str, base_url: str, point: str, times: int) -> None:
    if point in KILL_POINTS:
        owner, name = KILL_POINTS[point]
        die_after(owner, name, times)
    print("crawling", flush=True)
    with Warehouse.open(db) as warehouse:
        run_crawl(resume_config(base_url), warehouse)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
