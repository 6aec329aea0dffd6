"""The `ocop-news` command.

Each subcommand parses its options, runs one job and maps our exceptions to
a one-line message on stderr and a documented exit code.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence

from pipelines.allocator import set_up_malloc
from pipelines.commands import crawling, evaluation, files, reading
from pipelines.errors import ConfigError, InputError, PipelineError
from pipelines.exit_codes import ExitCode
from pipelines.logs import LOG_FORMATS, configure_logging
from warehouse.errors import (
    ArchiveReadError,
    ExportTargetError,
    QueryError,
    SchemaTooNewError,
    WarehouseError,
    WarehouseLockedError,
    WarehouseOpenError,
)

Handler = Callable[[argparse.Namespace], int]
_log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.log_format, args.verbose)
    # Pages reuse the memory the previous page freed (pipelines/allocator.py).
    _log.debug("malloc: %s", set_up_malloc(os.environ, args.malloc_defaults))
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
    parser.add_argument(
        "--malloc-defaults",
        action="store_true",
        help="leave glibc's malloc as it starts (by default, freed memory is kept for reuse)",
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    for family in (crawling, files, reading, evaluation):
        family.register(commands)
    return parser


def _fail(message: str, code: ExitCode) -> int:
    print(f"ocop-news: {message}", file=sys.stderr)
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
