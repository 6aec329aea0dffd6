"""Score the figure extractor on labelled text files.

    python tools/eval_figures.py TEXT_DIR GOLD.jsonl [TEXT_DIR GOLD.jsonl ...]

Each gold line names a file of TEXT_DIR; the file is read the way the CLI's
`figures` command reads text files (`figures_from_page_text`, with the line's
`published` and outlet `province`). Prints the strict and loose scores, one
row per kind, and year/place accuracy over the strict matches. Pairs of
arguments let one run cover several sets (the repo's passages, an exported
mini-web, the seed in ../shared/seed).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from extract.figures import figures_from_page_text
from extract.figures.evaluation import FigureScore, GoldArticle, load_gold, score_figures
from extract.models import Figure


def predicted_pairs(
    text_dir: Path, gold: Sequence[GoldArticle]
) -> Iterator[tuple[tuple[Figure, ...], tuple[object, ...]]]:
    for article in gold:
        text = (text_dir / article.file).read_text("utf-8")
        figures = figures_from_page_text(
            text, published=article.published, province=article.province
        )
        yield figures, article.figures


def report(score: FigureScore) -> str:
    rows = [f"articles {score.articles}"]
    for name, prf in (("strict", score.strict), ("loose", score.loose)):
        rows.append(
            f"{name:8s} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}  "
            f"(tp {prf.true_positives}, fp {prf.false_positives}, fn {prf.false_negatives})"
        )
    for row in score.per_kind:
        prf = row.score
        rows.append(
            f"  {row.kind:13s} P {prf.precision:.3f}  R {prf.recall:.3f}  F1 {prf.f1:.3f}  "
            f"support {prf.support}"
        )
    year = score.year_accuracy
    place = score.place_accuracy
    rows.append(f"year accuracy {year:.3f}" if year is not None else "year accuracy n/a")
    rows.append(f"place accuracy {place:.3f}" if place is not None else "place accuracy n/a")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="+", help="TEXT_DIR GOLD.jsonl, repeated")
    args = parser.parse_args(argv)
    if len(args.pairs) % 2:
        parser.error("give TEXT_DIR GOLD.jsonl pairs")
    pairs = []
    for text_dir, gold_file in zip(args.pairs[::2], args.pairs[1::2], strict=True):
        pairs.extend(predicted_pairs(Path(text_dir), load_gold(gold_file)))
    print(report(score_figures(pairs)))  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
