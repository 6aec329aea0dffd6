"""End-to-end crawl throughput and memory: the mini-web into a fresh warehouse.

Crawls the bundled mini-web (three sites on 127.0.0.1, no delays) into a new
DuckDB file, several times, and prints pages per second, articles per second
and the process's peak memory. It measures our whole pipeline (fetch, discover,
extract, figures, load, WARC archive); no reference crawler runs here.

    python bench/crawl_miniweb.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from reference import add_allocator_option, set_up_process

from pipelines.config import parse_config
from pipelines.crawl_job import run_crawl
from pipelines.miniweb.server import MiniWeb
from warehouse.archive import WarcArchive
from warehouse.store import Warehouse


def crawl_once(web: MiniWeb, folder: Path) -> tuple[int, int, float]:
    config = parse_config(web.config_toml(min_delay_s=0.0), "<mini-web>")
    db = folder / "bench.duckdb"
    start = time.perf_counter()
    with Warehouse.open(db) as warehouse, WarcArchive(folder / "warc") as archive:
        outcome = run_crawl(config, warehouse, archive=archive)
    elapsed = time.perf_counter() - start
    c = outcome.counters
    return c.pages_fetched + c.pages_not_modified + c.pages_failed, c.articles_new, elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="fresh crawls to time")
    add_allocator_option(parser)
    args = parser.parse_args(argv)
    set_up_process(args.malloc_defaults)
    print(
        f"{'run':>4} {'pages':>6} {'articles':>9} {'seconds':>8} {'pages/s':>8} {'articles/s':>11}"
    )
    with MiniWeb() as web:
        for run in range(1, args.repeat + 1):
            with tempfile.TemporaryDirectory() as folder:
                pages, articles, elapsed = crawl_once(web, Path(folder))
            print(
                f"{run:>4} {pages:>6} {articles:>9} {elapsed:>8.2f} {pages / elapsed:>8.1f} "
                f"{articles / elapsed:>11.1f}"
            )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak_mib:.0f} MiB")
    print("reference crawlers: none run here (no equivalent pipeline to compare end to end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
