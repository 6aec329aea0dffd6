"""Commands that read a warehouse: export, query, status, report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.errors import InputError
from pipelines.exit_codes import ExitCode
from pipelines.tables import FORMATS, write_rows


def register(commands: argparse._SubParsersAction) -> None:
    """Add this module's subcommands to the `ocop-news` parser."""
    _add_export(commands)
    _add_query(commands)
    _add_status(commands)
    _add_report(commands)


def _add_export(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "export",
        help="export the warehouse to Parquet, partitioned by site and publish month",
        description="Write articles, authors and figures as Parquet, hive-partitioned by "
        "site_id and month (YYYY-MM), plus sites and crawl_runs, and ocop_figures.csv for "
        "spreadsheets. Only partitions that changed since the last export are written; the "
        "export is built in a temporary folder and renamed into place, and only a new or "
        "empty folder or an earlier export is ever replaced.",
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
    p.add_argument(
        "--check",
        action="store_true",
        help=f"exit {int(ExitCode.UNHEALTHY)} when any site has a problem (for monitoring)",
    )
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
    if args.check and any(site.problems for site in report.sites):
        return ExitCode.UNHEALTHY
    return ExitCode.OK


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
