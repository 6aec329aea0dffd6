"""Commands that crawl: demo, crawl, reextract."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.errors import InputError
from pipelines.exit_codes import ExitCode

if TYPE_CHECKING:
    from pipelines.crawl_job import CrawlOutcome

log = logging.getLogger("ocop_news")


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the `ocop-news` parser."""
    _add_demo(commands)
    _add_crawl(commands)
    _add_reextract(commands)


def _add_demo(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "demo",
        help="crawl the bundled local mini-web into ./ocop-demo.duckdb, Parquet and a report",
        description="Serve the bundled mini-web on 127.0.0.1, crawl it into "
        "./ocop-demo.duckdb (rebuilt each run) with a WARC archive of every response in "
        "./ocop-demo.duckdb.warc/, export Parquet to ./ocop-demo-parquet/, write the HTML "
        "report ./ocop-demo-report.html and the demo's sites config ./ocop-demo-sites.toml, "
        "and print a summary with every article and figure found.",
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
        f"\nwarehouse: {result.db_path}\narchive:   {result.archive_dir}/ (WARC, every response)\n"
        f"parquet:   {result.parquet_dir}/\n"
        f"report:    {result.report_path} (open it in a browser)\n"
        f"try: ocop-news query --db {result.db_path} "
        '"SELECT province, year, kind, sum(value) FROM ocop_figures GROUP BY ALL ORDER BY ALL"\n'
        f"and: ocop-news reextract --db {result.db_path} --config {result.config_path} --all "
        "(rebuilds articles and figures from the archive, offline)\n"
    )
    return ExitCode.OK if result.crawl.status == "succeeded" else ExitCode.PARTIAL


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


def _command_line() -> str:
    """This process's command line, for the lock holder's description."""
    return " ".join(["ocop-news", *sys.argv[1:]])[:200]
