"""`ocop-news eval`: score extraction against labelled pages."""

from __future__ import annotations

import argparse
import sys

from pipelines.exit_codes import ExitCode
from pipelines.tables import write_rows


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the `ocop-news` parser."""
    _add_eval(commands)


def _add_eval(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "eval",
        help="score extraction against labelled pages",
        description="Score our extraction by ../shared/spec/scoring.md.",
    )
    kinds = p.add_subparsers(title="what to score", required=True, metavar="WHAT")
    fields = kinds.add_parser(
        "fields",
        help="headline, authors and publish time against a labels.jsonl",
        description="LABELS is JSON lines with file (relative to DIR), url, title, authors "
        "and published (ISO 8601 with offset).",
    )
    fields.add_argument("dir", metavar="DIR")
    fields.add_argument("labels", metavar="LABELS")
    fields.set_defaults(handler=_run_eval_fields)
    body = kinds.add_parser(
        "body",
        help="body text against human-extracted ground truth (shingle F1)",
        description="GROUND_TRUTH is a JSON object from page id to {url, articleBody}; "
        "DIR holds <id>.html.",
    )
    body.add_argument("dir", metavar="DIR")
    body.add_argument("ground_truth", metavar="GROUND_TRUTH")
    body.set_defaults(handler=_run_eval_body)
    figures = kinds.add_parser(
        "figures",
        help="OCOP figures against a gold JSONL file (precision, recall, F1 per kind)",
        description="GOLD is JSON lines with file (relative to TEXT_DIR), published "
        "(YYYY-MM-DD), province (the outlet's, or null) and figures (spec fields). Scores "
        "by ../shared/spec/ocop-figures.md: strict (value, subject, kind, stars) sets per "
        "article, the loose (value, subject) score, one row per kind, and year and place "
        "accuracy over matched figures.",
    )
    figures.add_argument("text_dir", metavar="TEXT_DIR")
    figures.add_argument("gold", metavar="GOLD.jsonl")
    figures.set_defaults(handler=_run_eval_figures)


def _run_eval_fields(args: argparse.Namespace) -> int:
    from pipelines.evaluate import evaluate_fields

    report = evaluate_fields(args.dir, args.labels)
    names = ("title", "authors", "day", "instant")
    rows = [(r.file, *("yes" if getattr(r, n) else "NO" for n in names)) for r in report.rows]
    n = len(report.rows)
    rows.append(("total", *(f"{report.total(name)}/{n}" for name in names)))
    write_rows(sys.stdout, ("file", *names), rows, "table")
    return ExitCode.OK


def _run_eval_body(args: argparse.Namespace) -> int:
    from pipelines.evaluate import evaluate_body

    score = evaluate_body(args.dir, args.ground_truth)
    rows = [(score.pages, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")]
    write_rows(sys.stdout, ("pages", "precision", "recall", "f1"), rows, "table")
    return ExitCode.OK


def _run_eval_figures(args: argparse.Namespace) -> int:
    from pipelines.evaluate import evaluate_figures

    score = evaluate_figures(args.text_dir, args.gold)
    rows = [("strict", score.strict), ("loose (value, subject)", score.loose)]
    rows += [(f"  {row.kind}", row.score) for row in score.per_kind]
    table = [
        (name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}", prf.support)
        for name, prf in rows
    ]
    write_rows(sys.stdout, ("score", "precision", "recall", "f1", "support"), table, "table")
    year, place = score.year_accuracy, score.place_accuracy
    print(f"articles: {score.articles}  matched figures: {score.matched}")
    print(f"year accuracy:  {'n/a' if year is None else f'{year:.3f}'}")
    print(f"place accuracy: {'n/a' if place is None else f'{place:.3f}'}")
    return ExitCode.OK
