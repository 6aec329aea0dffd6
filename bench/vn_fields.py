"""Article fields on the labelled Vietnamese pages: ocop-news vs trafilatura vs newspaper4k.

Scores headline, author set and publish time (day, and instant to the minute
with its zone) by ../shared/spec/scoring.md, and pages per second of each
extractor on the same pages in the same process (one core).

    pip install '.[bench]'
    python bench/vn_fields.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reference import (
    add_allocator_option,
    installed,
    set_up_process,
    speed_line,
    timed_rates,
)

from extract.article import extract_article
from extract.evaluation import authors_match, same_day, same_minute, title_matches
from extract.models import Article, PageContext

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "vn-news"


@dataclass(frozen=True, slots=True)
class Extracted:
    title: str | None
    authors: tuple[str, ...]
    published: datetime | None


@dataclass(slots=True)
class FieldScore:
    titles: int = 0
    authors: int = 0
    days: int = 0
    instants: int = 0


@dataclass(frozen=True, slots=True)
class Page:
    file: str
    url: str
    html: bytes
    label: dict


def load_pages() -> list[Page]:
    pages = []
    for line in (CORPUS / "labels.jsonl").read_text("utf-8").splitlines():
        label = json.loads(line)
        pages.append(
            Page(label["file"], label["url"], (CORPUS / label["file"]).read_bytes(), label)
        )
    return pages


def ours(page: Page) -> Extracted:
    result = extract_article(page.html, PageContext(url=page.url))
    if not isinstance(result, Article):
        return Extracted(None, (), None)
    return Extracted(result.title, result.authors, result.published_at)


def trafilatura_fields(page: Page) -> Extracted:
    import trafilatura

    doc = trafilatura.bare_extraction(
        page.html,
        url=page.url,
        with_metadata=True,
        date_extraction_params={"extensive_search": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"},
    )
    if doc is None:
        return Extracted(None, (), None)
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return Extracted(doc.title, authors, _parse_loose(doc.date))


def newspaper_fields(page: Page) -> Extracted:
    import newspaper

    article = newspaper.Article(page.url, language="vi", fetch_images=False)
    article.download(input_html=page.html.decode("utf-8", errors="replace"))
    article.parse()
    return Extracted(article.title, tuple(article.authors), article.publish_date)


def _zoned(when: datetime | None) -> bool:
    """An instant counts only with its zone: a naive time is not an instant."""
    return when is not None and when.tzinfo is not None


def _parse_loose(text: str | None) -> datetime | None:
    if not text:
        return None
    for fmt in ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def accuracy(extractor: Callable[[Page], Extracted], pages: list[Page]) -> FieldScore:
    score = FieldScore()
    for page in pages:
        got = extractor(page)
        published = datetime.fromisoformat(page.label["published"])
        score.titles += title_matches(got.title, page.label["title"])
        score.authors += authors_match(got.authors, page.label["authors"])
        score.days += same_day(got.published, published)
        score.instants += _zoned(got.published) and same_minute(got.published, published)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing passes over the pages")
    add_allocator_option(parser)
    args = parser.parse_args(argv)
    set_up_process(args.malloc_defaults)
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} is absent", file=sys.stderr)
        return 0
    warnings.filterwarnings("ignore")
    pages = load_pages()
    references = [("trafilatura", trafilatura_fields), ("newspaper4k", newspaper_fields)]
    rows = [("ocop-news", ours), *installed(references, pages[0])]
    n = len(pages)
    print(f"{'extractor':<12} {'title':>7} {'authors':>8} {'day':>5} {'instant':>8} {'pages/s':>9}")
    scores = {name: accuracy(extractor, pages) for name, extractor in rows}
    rates = timed_rates(rows, pages, args.repeat)
    for name, score in scores.items():
        print(
            f"{name:<12} {score.titles:>4}/{n} {score.authors:>5}/{n} {score.days:>2}/{n} "
            f"{score.instants:>5}/{n} {rates[name]:>9.1f}"
        )
    print(speed_line(rates))
    return 0


if __name__ == "__main__":
    sys.exit(main())
