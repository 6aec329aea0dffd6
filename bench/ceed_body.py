"""Body text on the 50 English ceed pages: ocop-news vs trafilatura vs newspaper4k.

Scores the body with the shingle metric of ../shared/spec/scoring.md (mean
precision, mean recall, F1 of the means) and times each extractor on the
same pages in the same process (one core).

    pip install '.[bench]'
    python bench/ceed_body.py [--repeat 3] [--pages]

--pages also prints each page's F1 per extractor, worst of ours first.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reference import (
    add_allocator_option,
    installed,
    set_up_process,
    speed_line,
    timed_rates,
)

from extract.article import extract_article
from extract.evaluation import BodyScore, body_score, page_score
from extract.models import Article, PageContext

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus" / "ceed-articles"


@dataclass(frozen=True, slots=True)
class Page:
    key: str
    url: str
    html: bytes
    gold: str


def load_pages() -> list[Page]:
    truth = json.loads((CORPUS / "ground-truth.json").read_text("utf-8"))
    return [
        Page(key, item["url"], (CORPUS / f"{key}.html").read_bytes(), item["articleBody"])
        for key, item in sorted(truth.items(), key=lambda kv: int(kv[0]))
    ]


def ours(page: Page) -> str:
    result = extract_article(page.html, PageContext(url=page.url))
    if not isinstance(result, Article):
        return ""
    return "\n".join(([result.lead] if result.lead else []) + list(result.paragraphs))


def trafilatura_body(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html) or ""


def newspaper_body(page: Page) -> str:
    import newspaper

    article = newspaper.Article(page.url, language="en", fetch_images=False)
    article.download(input_html=page.html.decode("utf-8", errors="replace"))
    article.parse()
    return article.text or ""


def accuracy(extractor: Callable[[Page], str], pages: list[Page]) -> tuple[BodyScore, list[float]]:
    texts = [extractor(page) for page in pages]
    score = body_score(zip(texts, (p.gold for p in pages), strict=True))
    per_page = [_f1(text, page.gold) for text, page in zip(texts, pages, strict=True)]
    return score, per_page


def _f1(predicted: str, gold: str) -> float:
    score = page_score(predicted, gold)
    p, r = score.precision, score.recall
    return 2 * p * r / (p + r) if p + r else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="timing passes over the pages")
    parser.add_argument("--pages", action="store_true", help="print per-page F1 too")
    add_allocator_option(parser)
    args = parser.parse_args(argv)
    set_up_process(args.malloc_defaults)
    if not (CORPUS / "ground-truth.json").is_file():
        print(f"skipped: {CORPUS} is absent", file=sys.stderr)
        return 0
    warnings.filterwarnings("ignore")
    pages = load_pages()
    references = [("trafilatura", trafilatura_body), ("newspaper4k", newspaper_body)]
    rows = [("ocop-news", ours), *installed(references, pages[0])]
    print(f"{'extractor':<12} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>9}")
    per_page: dict[str, list[float]] = {}
    scores: dict[str, BodyScore] = {}
    for name, extractor in rows:
        scores[name], per_page[name] = accuracy(extractor, pages)
    rates = timed_rates(rows, pages, args.repeat)
    for name, score in scores.items():
        print(
            f"{name:<12} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f}"
            f" {rates[name]:>9.1f}"
        )
    print(speed_line(rates))
    if args.pages:
        names = list(per_page)
        print("\npage  " + "  ".join(f"{n:>11}" for n in names))
        for i in sorted(range(len(pages)), key=lambda i: per_page["ocop-news"][i]):
            cells = "  ".join(f"{per_page[n][i]:>11.3f}" for n in names)
            print(f"{pages[i].key:>4}  {cells}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
