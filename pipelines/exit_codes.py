"""Exit codes of the `ocop-news` command, documented in the README."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FATAL = 1  # an unexpected error; the message says what to report
    BAD_INPUT = 2  # invalid config, option, file or SQL: fix the input and rerun
    PARTIAL = 3  # the run finished but some pages failed (see the `pages` table)
    NOTHING_NEW = 4  # the run succeeded and found no new or changed article
    WAREHOUSE_BUSY = 5  # another process holds the warehouse
    UNHEALTHY = 6  # `status --check` found a site with a problem
