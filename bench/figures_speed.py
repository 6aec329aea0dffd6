"""Throughput of the OCOP figure extractor on one core (articles per second).

    python bench/figures_speed.py [--rounds N]

Three workloads, each with its words per article so that rates compare:
- the seed article: `extract_figures` over the seed's article document only
  (headline, lead and body joined as `document_text` joins them, no page
  chrome), the way the pipeline calls it after body extraction;
- the seed page: `figures_from_page_text` over the whole plain-text page
  (../shared/seed), the way the CLI reads text files: page cutting included;
- the mini-web's article documents (short synthetic articles).
No reference tool exists for OCOP figures, so there is nothing to compare
against: the numbers are for tracking over time.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from extract.figures import extract_figures, figures_from_page_text
from extract.figures.page import article_of_page
from extract.models import document_text
from pipelines.miniweb.content import load_articles, site_by_id

SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seed" / "000_9bbf225047970910.txt"
SEED_PUBLISHED = date(2023, 12, 27)
# Single-article workloads are timed in more passes than the mini-web's 64.
SINGLE_ARTICLE_ROUNDS = 20


@dataclass(frozen=True, slots=True)
class Workload:
    name: str
    calls: list[Callable[[], object]]
    words_per_article: float


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


def miniweb() -> Workload:
    calls: list[Callable[[], object]] = []
    words = 0
    for article in load_articles():
        text = document_text(article.title, article.lead, article.paragraphs)
        words += len(text.split())
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
    return Workload(f"mini-web documents ({len(calls)})", calls, words / len(calls))


def seed_article(page: str) -> Workload:
    """The seed's article document: the page cutter's lines, joined as a document."""
    cut = article_of_page(page)
    lines = [" ".join(line.split()) for line in cut.text.splitlines() if line.strip()]
    text = document_text(lines[0], None, tuple(lines[1:]))

    def call() -> object:
        return extract_figures(text, published=SEED_PUBLISHED, headline=lines[0])

    return Workload("seed article (extract_figures)", [call], len(text.split()))


def seed_page(page: str) -> Workload:
    def call() -> object:
        return figures_from_page_text(page, published=SEED_PUBLISHED)

    return Workload("seed page (figures_from_page_text)", [call], len(page.split()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed passes (best one counts)")
    args = parser.parse_args(argv)
    print("no reference tool exists for OCOP figures: absolute rates only")
    workloads = [(miniweb(), args.rounds)]
    if SEED.is_file():
        page = SEED.read_text("utf-8")
        single = args.rounds * SINGLE_ARTICLE_ROUNDS
        workloads += [(seed_article(page), single), (seed_page(page), single)]
    else:
        print("seed: ../shared/seed is not present beside the repo, skipped")
    for workload, rounds in workloads:
        per_second = rate(workload.calls, rounds)
        print(
            f"{workload.name}: {per_second:,.0f} articles/s"
            f" ({workload.words_per_article:,.0f} words per article)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
