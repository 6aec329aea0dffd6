"""Throughput of the OCOP figure extractor on one core (articles per second).

    python bench/figures_speed.py [--rounds N]

Times `extract_figures` over the mini-web's article documents and over the
seed page (../shared/seed, read as a page with `figures_from_page_text`, the
way the CLI reads text files). No reference tool exists for OCOP figures, so
there is nothing to compare against: the numbers are for tracking over time.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from extract.figures import extract_figures, figures_from_page_text
from extract.models import document_text
from pipelines.miniweb.content import load_articles, site_by_id

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "000_9bbf225047970910.txt"
SEED_PUBLISHED = date(2023, 12, 27)


def rate(calls: list[Callable[[], object]], rounds: int) -> float:
    """Calls per second, best of `rounds` passes (the least disturbed one)."""
    for call in calls:
        call()  # warm caches: compiled patterns, the unit lists
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for call in calls:
            call()
        best = min(best, time.perf_counter() - started)
    return len(calls) / best


def miniweb_calls() -> list[Callable[[], object]]:
    calls: list[Callable[[], object]] = []
    for article in load_articles():
        text = document_text(article.title, article.lead, article.paragraphs)
        published = article.published.date()
        province = site_by_id(article.site_id).province

        def call(
            text: str = text,
            published: date = published,
            province: str = province,
            title: str = article.title,
        ) -> object:
            return extract_figures(text, published=published, province=province, headline=title)

        calls.append(call)
    return calls


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed passes (best one counts)")
    args = parser.parse_args(argv)
    print("no reference tool exists for OCOP figures: absolute rates only")
    calls = miniweb_calls()
    print(f"mini-web documents ({len(calls)}): {rate(calls, args.rounds):,.0f} articles/s")
    if SEED.is_file():
        page = SEED.read_text("utf-8")
        seed_page = [lambda: figures_from_page_text(page, published=SEED_PUBLISHED)]
        seed_text = [lambda: extract_figures(page, published=SEED_PUBLISHED)]
        rounds = args.rounds * 20
        print(f"seed page (page reading): {rate(seed_page, rounds):,.0f} articles/s")
        whole = rate(seed_text, rounds)
        print(f"seed page (extract_figures on the whole text): {whole:,.0f} articles/s")
    else:
        print("seed: ../shared/seed is not present beside the repo, skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
