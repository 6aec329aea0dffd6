"""Write the mini-web's labelled articles as an evaluation set for the figure extractor.

    python -m pipelines.miniweb.gold OUT_DIR

writes OUT_DIR/<id>.txt (the article document: headline, lead and body
paragraphs separated by blank lines, as `extract.models.document_text` builds
it) and OUT_DIR/gold.jsonl (one gold line per article, the format of
`extract.figures.evaluation.load_gold`). Score it with
`ocop-news eval figures OUT_DIR OUT_DIR/gold.jsonl`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract.figures.evaluation import GoldArticle, gold_line
from extract.models import document_text
from pipelines.miniweb.content import MiniArticle, article_id, load_articles, site_by_id

GOLD_FILE = "gold.jsonl"


def gold_of(article: MiniArticle, file: str) -> GoldArticle:
    province = site_by_id(article.site_id).province
    return GoldArticle(file, article.published.date(), province, article.figures)


def export(out_dir: Path) -> int:
    """Write every article and the gold file; returns how many articles."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    articles = load_articles()
    for article in articles:
        file = f"{article.site_id}-{article_id(article)}.txt"
        text = document_text(article.title, article.lead, article.paragraphs)
        (out_dir / file).write_text(text + "\n", "utf-8")
        lines.append(gold_line(gold_of(article, file)))
    (out_dir / GOLD_FILE).write_text("\n".join(lines) + "\n", "utf-8")
    return len(articles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, help="folder to write the .txt files and gold.jsonl")
    args = parser.parse_args(argv)
    count = export(args.out_dir)
    print(f"wrote {count} articles and {args.out_dir / GOLD_FILE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
