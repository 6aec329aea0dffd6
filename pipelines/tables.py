"""Rendering query results as a terminal table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "json")
MAX_CELL_CHARS = 80  # table cells longer than this are cut with an ellipsis


def write_rows(
    out: TextIO, columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str
) -> None:
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_plain(value) for value in row] for row in rows)
    elif fmt == "json":
        for row in rows:
            record = {name: _jsonable(value) for name, value in zip(columns, row, strict=True)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        out.write(render_table(columns, rows))


def render_table(
    columns: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None
) -> str:
    table = Table(title=title, show_lines=False)
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(value) for value in row))
    buffer = io.StringIO()
    Console(file=buffer, width=200, color_system=None, soft_wrap=False).print(table)
    return buffer.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")  # readable; CSV/JSON keep it all
    text = _plain(value)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        return json.dumps(_jsonable(value), ensure_ascii=False)
    return str(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value
