"""Commands on local files: extract (HTML pages) and figures (plain text)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from pipelines.errors import InputError
from pipelines.exit_codes import ExitCode

if TYPE_CHECKING:
    from pipelines.file_commands import FileOutcome


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the `ocop-news` parser."""
    _add_extract(commands)
    _add_figures(commands)


def _add_extract(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "extract",
        help="extract articles from saved HTML files (JSON lines on stdout)",
        description="Extract headline, lead, text, publish time, authors, section, source "
        "credit and OCOP figures from saved HTML pages; one JSON object a line.",
    )
    p.add_argument("files", nargs="+", metavar="FILE.html")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--url", help="the page's URL (one file only)")
    group.add_argument(
        "--url-map", metavar="MAP.json", help="JSON object from file name to page URL"
    )
    p.set_defaults(handler=_run_extract)


def _run_extract(args: argparse.Namespace) -> int:
    from pipelines.file_commands import extract_files, load_url_map

    url_map = load_url_map(args.url_map)
    return _print_outcomes(extract_files(args.files, args.url, url_map))


def _add_figures(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "figures",
        help="extract OCOP figures from plain-text files (JSON lines on stdout)",
        description="Read OCOP figures (counts, star classes, kinds, years, places) from "
        "plain-text article files; one JSON object a line with `file` and `figures`.",
    )
    p.add_argument("files", nargs="+", metavar="FILE.txt")
    p.add_argument(
        "--published",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the article's publish date (resolves 'năm nay', running totals)",
    )
    p.add_argument("--province", metavar="NAME", help="the outlet's province (place fallback)")
    p.set_defaults(handler=_run_figures)


def _run_figures(args: argparse.Namespace) -> int:
    from extract.figures import canonical_province
    from pipelines.file_commands import figures_files

    province = None
    if args.province is not None:
        province = canonical_province(args.province)
        if province is None:
            raise InputError(
                f"--province {args.province!r} is not a Vietnamese province "
                "(before or after the 2025 reorganisation)"
            )
    return _print_outcomes(figures_files(args.files, args.published, province))


def _print_outcomes(outcomes: Iterable[FileOutcome]) -> int:
    failed = 0
    for outcome in outcomes:
        if outcome.error is not None:
            failed += 1
            print(f"ocop-news: {outcome.error}", file=sys.stderr)
            continue
        print(json.dumps(outcome.record, ensure_ascii=False), flush=True)
    return ExitCode.BAD_INPUT if failed else ExitCode.OK


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in YYYY-MM-DD form") from None
