"""Breakdowns: counts that split an earlier count ("17 sản phẩm, trong đó 1 ...").

A count is a part when a breakdown opener ("trong đó", "gồm", "bao gồm", an
opening parenthesis) stands between it and the count before it, or when the
count before it is already a part of the same breakdown (siblings: "1 sản
phẩm 4 sao và 16 sản phẩm 3 sao"). A closing parenthesis, a "nâng tổng số"
or a count of a linked producer ends a breakdown. A sentence opening with
"Trong đó," breaks down the last count of the sentence before. Parts take the
kind, year and place of their parent unless they carry their own (extractor).
"""

from __future__ import annotations

import re

OPENER = re.compile(r"trong\s+đó|bao\s+gồm|(?<!\w)gồm(?!\w)|\(", re.I)
CLOSER = re.compile(r"\)")
ENDS_BREAKDOWN = re.compile(r"nâng\s+tổng", re.I)


def opener_between(text: str, start: int, end: int) -> int | None:
    """Offset of the last breakdown opener in text[start:end], if any."""
    last = None
    for match in OPENER.finditer(text, start, end):
        last = match.start()
    return last


def closes_between(text: str, start: int, end: int) -> bool:
    return CLOSER.search(text, start, end) is not None or (
        ENDS_BREAKDOWN.search(text, start, end) is not None
    )


def first_opener_after(text: str, start: int, end: int) -> int:
    """Where a count's own noun phrase stops: its breakdown opener or `end`."""
    match = OPENER.search(text, start, end)
    return match.start() if match else end
