"""The `ocop-news` command.

Each subcommand parses its options, runs one job and maps our exceptions to
a one-line message on stderr and a documented exit code.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.errors import ConfigError, InputError, PipelineError
from pipelines.exit_codes import ExitCode
from pipelines.logs import LOG_FORMATS, configure_logging
from pipelines.tables import FORMATS, write_rows
from warehouse.errors import (
    ArchiveReadError,
    ExportTargetError,
    QueryError,
    SchemaTooNewError,
    WarehouseError,
    WarehouseLockedError,
    WarehouseOpenError,
)

if TYPE_CHECKING:
    from pipelines.crawl_job import CrawlOutcome
    from pipelines.file_commands import FileOutcome

log = logging.getLogger("ocop_news")

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.log_format, args.verbose)
    handler: Handler = args.handler
    try:
        return handler(args)
    except (ConfigError, InputError) as exc:
        return _fail(str(exc), ExitCode.BAD_INPUT)
    except WarehouseLockedError as exc:
        return _fail(str(exc), ExitCode.WAREHOUSE_BUSY)
    except WarehouseOpenError as exc:
        code = ExitCode.WAREHOUSE_BUSY if "in use" in str(exc) else ExitCode.BAD_INPUT
        return _fail(str(exc), code)
    except (SchemaTooNewError, QueryError, ExportTargetError, ArchiveReadError) as exc:
        return _fail(str(exc), ExitCode.BAD_INPUT)  # the user can fix the input and rerun
    except (WarehouseError, PipelineError) as exc:
        return _fail(str(exc), ExitCode.FATAL)  # a run-time failure (disk full, a bug)
    except KeyboardInterrupt:
        return _fail("interrupted; everything stored so far is kept", ExitCode.FATAL)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ocop-news",
        description="Crawl Vietnamese regional news about the OCOP programme into DuckDB.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail")
    parser.add_argument(
        "--log-format",
        choices=LOG_FORMATS,
        default="text",
        help="log lines on stderr: text, or one JSON object per event for log collectors",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    _add_demo(commands)
    _add_crawl(commands)
    _add_reextract(commands)
    _add_extract(commands)
    _add_figures(commands)
    _add_export(commands)
    _add_query(commands)
    _add_eval(commands)
    _add_report(commands)
    _add_status(commands)
    return parser


# -- demo --------------------------------------------------------------------------


def _add_demo(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "demo",
        help="crawl the bundled local mini-web into ./ocop-demo.duckdb and Parquet",
        description="Serve the bundled mini-web on 127.0.0.1, crawl it into "
        "./ocop-demo.duckdb (rebuilt each run), export Parquet to ./ocop-demo-parquet/, "
        "write the HTML report ./ocop-demo-report.html and print a summary with every "
        "article and figure found.",
    )
    p.add_argument("--dir", default=".", help="folder for the demo outputs (default: .)")
    p.set_defaults(handler=_run_demo)


def _run_demo(args: argparse.Namespace) -> int:
    from pipelines.demo import run_demo

    workdir = Path(args.dir)
    if not workdir.is_dir():
        raise InputError(f"--dir {workdir} is not a folder")
    result = run_demo(workdir)
    sys.stdout.write(result.report)
    sys.stdout.write(
        f"\nwarehouse: {result.db_path}\nparquet:   {result.parquet_dir}/\n"
        f"report:    {result.report_path} (open it in a browser)\n"
        f"try: ocop-news query --db {result.db_path} "
        '"SELECT province, year, kind, sum(value) FROM ocop_figures GROUP BY ALL ORDER BY ALL"\n'
    )
    return ExitCode.OK if result.crawl.status == "succeeded" else ExitCode.PARTIAL


# -- crawl -------------------------------------------------------------------------


def _add_crawl(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "crawl",
        help="crawl the configured sites into a DuckDB warehouse",
        description="Crawl the sites of a config (default: the shipped list of real regional "
        "sites) into a DuckDB warehouse. Incremental: known articles are not fetched again "
        "unless --refresh; feeds, sitemaps and listings use conditional requests.",
    )
    p.add_argument("--config", help="sites config TOML (default: the shipped real-site list)")
    p.add_argument("--db", required=True, help="DuckDB warehouse file (created if missing)")
    p.add_argument(
        "--site",
        action="append",
        dest="sites",
        metavar="ID",
        help="crawl only this site id (repeatable)",
    )
    p.add_argument(
        "--refresh",
        action="store_true",
        help="fetch again the known articles that this run's feeds, sitemaps and listings list",
    )
    p.add_argument(
        "--archive",
        metavar="DIR",
        help="folder for the WARC archive of every response (default: <db>.warc/ beside the "
        "warehouse); `ocop-news reextract` rebuilds articles from it",
    )
    p.add_argument(
        "--snapshot",
        metavar="FILE",
        help="after the run, copy the warehouse to FILE atomically: analysts query FILE "
        "read-only while the next crawl writes",
    )
    p.set_defaults(handler=_run_crawl)


def _run_crawl(args: argparse.Namespace) -> int:
    from pipelines.config import load_config
    from pipelines.crawl_job import run_crawl
    from pipelines.progress import PageProgress
    from warehouse.archive import WarcArchive, archive_dir_for
    from warehouse.snapshot import write_snapshot
    from warehouse.store import Warehouse

    config = load_config(args.config).select(args.sites)
    archive_dir = args.archive or archive_dir_for(args.db)
    with Warehouse.open(args.db, command=_command_line()) as warehouse:
        archive = WarcArchive(archive_dir, user_agent=config.crawler.user_agent)
        with archive, PageProgress() as progress:
            outcome = run_crawl(
                config,
                warehouse,
                refresh=args.refresh,
                on_page=progress.on_page,
                archive=archive,
            )
        if args.snapshot:
            write_snapshot(warehouse, args.snapshot)
    code = crawl_exit_code(outcome)
    c = outcome.counters
    summary = (
        f"run {outcome.run_id} {outcome.status}: pages fetched {c.pages_fetched}, "
        f"not modified {c.pages_not_modified}, failed {c.pages_failed}; articles new "
        f"{c.articles_new}, updated {c.articles_updated}, unchanged {c.articles_unchanged}; "
        f"figures {c.figures}; exit code {int(code)}"
    )
    fields = {"event": "run", "run_id": outcome.run_id, "status": outcome.status}
    log.info(summary, extra={**fields, **c.as_columns(), "exit_code": int(code)})
    print(summary)
    return code


def crawl_exit_code(outcome: CrawlOutcome) -> ExitCode:
    """Failed pages first (worth a look), then "nothing new" (no article added or changed)."""
    c = outcome.counters
    if outcome.status != "succeeded":
        return ExitCode.PARTIAL
    if c.articles_new + c.articles_updated == 0:
        return ExitCode.NOTHING_NEW
    return ExitCode.OK


# -- reextract ---------------------------------------------------------------------


def _add_reextract(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "reextract",
        help="rebuild articles, authors and figures from the WARC archive (no network)",
        description="Re-run extraction over the newest archived response of each article URL "
        "and store the results with the current extractor version. Only articles stored by "
        "another extractor version are redone, unless --all. Never uses the network.",
    )
    p.add_argument("--db", required=True, help="DuckDB warehouse file")
    p.add_argument(
        "--config",
        help="sites config TOML whose provinces and selectors to use (default: the shipped "
        "list); sites missing from it are extracted without a province",
    )
    p.add_argument("--archive", metavar="DIR", help="WARC archive folder (default: <db>.warc/)")
    p.add_argument(
        "--all",
        action="store_true",
        dest="everything",
        help="re-extract every archived article, also those at the current version",
    )
    p.set_defaults(handler=_run_reextract)


def _run_reextract(args: argparse.Namespace) -> int:
    from pipelines.config import load_config
    from pipelines.reextract_job import run_reextract
    from warehouse.archive import archive_dir_for
    from warehouse.store import Warehouse

    config = load_config(args.config)
    archive_dir = Path(args.archive or archive_dir_for(args.db))
    if not Path(args.db).is_file():
        raise InputError(f"no warehouse at {args.db}: check the --db path")
    with Warehouse.open(args.db, command=_command_line()) as warehouse:
        c = run_reextract(config, warehouse, archive_dir, everything=args.everything)
    code = ExitCode.PARTIAL if c.missing_records else ExitCode.OK
    summary = (
        f"re-extracted {c.reextracted} (new {c.new}, updated {c.updated}), unchanged "
        f"{c.unchanged}, already current {c.current}, not articles {c.not_articles}, missing "
        f"records {c.missing_records}; figures {c.figures}; exit code {int(code)}"
    )
    log.info(summary, extra={"event": "reextract", **c.as_columns(), "exit_code": int(code)})
    print(summary)
    return code


# -- extract -----------------------------------------------------------------------


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


# -- figures -----------------------------------------------------------------------


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


# -- export ------------------------------------------------------------------------


def _add_export(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "export",
        help="export the warehouse to Parquet, partitioned by site and publish month",
        description="Write articles, authors and figures as Parquet, hive-partitioned by "
        "site_id and month (YYYY-MM), plus sites and crawl_runs, and ocop_figures.csv for "
        "spreadsheets. Only partitions that changed since the last export are written; the "
        "export is built in a temporary folder and renamed into place.",
    )
    p.add_argument("--db", required=True, help="DuckDB warehouse file")
    p.add_argument("--out", required=True, help="output folder: new, empty, or an earlier export")
    p.set_defaults(handler=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from warehouse.export import export_parquet
    from warehouse.store import Warehouse

    with Warehouse.open(args.db, read_only=True) as warehouse:
        summary = export_parquet(warehouse, args.out)
    rows = ", ".join(f"{name} {count}" for name, count in summary.rows.items())
    print(
        f"exported to {summary.out_dir}: {rows}; partitions written "
        f"{summary.partitions_written}, unchanged and reused {summary.partitions_reused}"
    )
    return ExitCode.OK


# -- query -------------------------------------------------------------------------


def _add_query(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "query",
        help="run SQL against the warehouse (read-only)",
        description="Run one SQL statement against the warehouse, opened read-only.",
    )
    p.add_argument("--db", required=True, help="DuckDB warehouse file")
    p.add_argument("sql", help="the SQL statement")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format")
    p.set_defaults(handler=_run_query)


def _run_query(args: argparse.Namespace) -> int:
    from warehouse.store import Warehouse

    with Warehouse.open(args.db, read_only=True) as warehouse:
        result = warehouse.query(args.sql)
    write_rows(sys.stdout, result.columns, result.rows, args.format)
    return ExitCode.OK


# -- status ------------------------------------------------------------------------


def _add_status(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "status",
        help="show the last runs and the health of each site",
        description="The last runs with their counters, and per site: last successful "
        "fetch, error rate over its last runs, new articles per day, and problems: sites "
        "that fail, went silent, or whose extraction degraded (a sudden drop in articles "
        "with authors or figures signals a redesign).",
    )
    p.add_argument("--db", required=True, help="DuckDB warehouse file (or its snapshot)")
    p.set_defaults(handler=_run_status)


def _run_status(args: argparse.Namespace) -> int:
    from pipelines.status import read_status
    from warehouse.store import Warehouse

    with Warehouse.open(args.db, read_only=True) as warehouse:
        report = read_status(warehouse)
    print("Last runs")
    write_rows(sys.stdout, report.runs.columns, report.runs.rows, "table")
    print("Sites")
    rows = [
        (
            site.site_id,
            site.last_success,
            "" if site.error_rate is None else f"{site.error_rate:.0%}",
            f"{site.articles_per_day:.2f}",
            site.last_new_article,
            "; ".join(site.problems) or "ok",
        )
        for site in report.sites
    ]
    columns = ("site", "last success", "error rate", "new articles/day", "last new", "health")
    write_rows(sys.stdout, columns, rows, "table")
    return ExitCode.OK


# -- report ------------------------------------------------------------------------


def _add_report(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "report",
        help="write one self-contained HTML report with charts",
        description="Charts of OCOP products recognised per province and year by star class, "
        "totals against targets, articles per site per week and crawl health, each with "
        "the table behind it, in one HTML file that needs no network to open.",
    )
    p.add_argument("--db", required=True, help="DuckDB warehouse file")
    p.add_argument("--out", required=True, metavar="REPORT.html", help="HTML file to write")
    p.set_defaults(handler=_run_report)


def _run_report(args: argparse.Namespace) -> int:
    from pipelines.report.page import write_report
    from warehouse.store import Warehouse

    out = Path(args.out)
    if not out.parent.is_dir():
        raise InputError(f"folder {out.parent} does not exist: create it first")
    with Warehouse.open(args.db, read_only=True) as warehouse:
        written = write_report(warehouse, out)
    print(f"report written to {written}")
    return ExitCode.OK


# -- eval --------------------------------------------------------------------------


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


# -- helpers -----------------------------------------------------------------------


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


def _command_line() -> str:
    """This process's command line, for the lock holder's description."""
    return " ".join(["ocop-news", *sys.argv[1:]])[:200]


def _fail(message: str, code: ExitCode) -> int:
    print(f"ocop-news: {message}", file=sys.stderr)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
