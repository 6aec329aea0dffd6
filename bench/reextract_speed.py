"""Re-extraction throughput: the mini-web's WARC archive rebuilt into its warehouse.

Crawls the bundled mini-web (three sites on 127.0.0.1, no delays) once into a
fresh warehouse with its WARC archive, then re-extracts every archived article
under a new extractor version (so every article is rewritten), several times:
once storing articles one by one (a transaction each, as before batching) and
once in STORE_BATCH batches. Also prints extraction alone over the same
archived responses, the floor a re-extraction cannot beat. No reference tool
has a re-extraction pipeline to compare with.

    python bench/reextract_speed.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from reference import add_allocator_option, set_up_process

from extract.article import extract_article
from extract.models import PageContext
from pipelines import reextract_job
from pipelines.config import AppConfig, parse_config
from pipelines.crawl_job import run_crawl
from pipelines.miniweb.server import MiniWeb
from warehouse.archive import WarcArchive, read_response
from warehouse.archived_pages import newest_article_pages
from warehouse.store import Warehouse


def build_archive(folder: Path) -> tuple[AppConfig, Path, Path]:
    with MiniWeb() as web:
        config = parse_config(web.config_toml(min_delay_s=0.0), "<mini-web>")
        db, warc = folder / "bench.duckdb", folder / "warc"
        with Warehouse.open(db) as warehouse, WarcArchive(warc) as archive:
            run_crawl(config, warehouse, archive=archive)
    return config, db, warc


def reextract_rate(config: AppConfig, db: Path, warc: Path, batch: int, repeat: int) -> float:
    """Articles per second, best of `repeat` full re-extractions."""
    best, count = float("inf"), 0
    with Warehouse.open(db) as warehouse:
        for run in range(repeat):
            started = time.perf_counter()
            counters = reextract_job.run_reextract(
                config,
                warehouse,
                warc,
                everything=True,
                extractor_version=f"bench-{batch}-{run}",
                store_batch=batch,
            )
            best = min(best, time.perf_counter() - started)
            count = counters.reextracted
    return count / best


def extraction_rate(db: Path, warc: Path, repeat: int) -> float:
    with Warehouse.open(db, read_only=True) as warehouse:
        pages = [page for page, _ in newest_article_pages(warehouse, "none")]
    responses = [(page.url, read_response(warc, page.location)) for page in pages if page.location]
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for url, response in responses:
            extract_article(response.body, PageContext(url=url, headers=response.headers))
        best = min(best, time.perf_counter() - started)
    return len(responses) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="re-extractions to time (best)")
    add_allocator_option(parser)
    args = parser.parse_args(argv)
    set_up_process(args.malloc_defaults)
    logging.disable(logging.INFO)  # the job logs a line per run
    with tempfile.TemporaryDirectory() as folder:
        config, db, warc = build_archive(Path(folder))
        one_by_one = reextract_rate(config, db, warc, 1, args.repeat)
        batched = reextract_rate(config, db, warc, reextract_job.STORE_BATCH, args.repeat)
        extraction = extraction_rate(db, warc, args.repeat)
    print(f"re-extract, one transaction per article: {one_by_one:7.1f} articles/s")
    print(
        f"re-extract, {reextract_job.STORE_BATCH} articles per transaction: "
        f"{batched:7.1f} articles/s ({batched / one_by_one:.1f}x)"
    )
    print(f"extraction alone (no storing):          {extraction:7.1f} articles/s")
    print("reference tools: none has a re-extraction pipeline to compare with")
    return 0


if __name__ == "__main__":
    sys.exit(main())
