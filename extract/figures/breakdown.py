"""Breakdowns: counts that split an earlier count ("17 sản phẩm, trong đó 1 ...").

A count is a part when a breakdown opener ("trong đó", "gồm", "bao gồm", an
opening parenthesis) stands between it and the count before it, or when the
count before it is already a part of the same breakdown (siblings: "1 sản
phẩm 4 sao và 16 sản phẩm 3 sao"). A closing parenthesis, a "nâng tổng số"
or a count of a linked producer ends a breakdown. A sentence opening with
"Trong đó," (or "Các sản phẩm ... gồm 2 ...") breaks down an earlier count:
the most recent one whose value the parts add up to, else the last one (the
parts add up in most articles; "Trong đó, 31 mới, 9 đánh giá lại và 6 nâng
hạng" after "46 sản phẩm ... Hội đồng đã chấm điểm 52 sản phẩm" splits 46).
"trong (số) 06 sản phẩm có 04 ..." names its whole by value. Parts take the
kind, year and place of their parent unless they carry their own (extractor).
"""

from __future__ import annotations

import re

from extract.figures.caseless import compile_caseless, word_start

# "Trong đó, ..." / "Các sản phẩm được công nhận gồm 2 ...": a sentence splitting an earlier count.
SENTENCE_OPENER = re.compile(
    r"\s*(?:Trong\s+đó|Trong\s+số\s+(?:này|đó)|Cụ\s+thể"
    r"|Các\s+sản\s+phẩm[^,.;:\d]{0,30}?\s(?:bao\s+gồm|gồm)\s+(?=\d))",
)
NAMED_WHOLE = compile_caseless(
    word_start("trong") + r"\s+(?:số\s+)?(?P<n>\d{1,3}(?:\.\d{3})+|\d{1,5})\s+sản\s+phẩm"
)
OPENER = compile_caseless(rf"trong\s+đó|bao\s+gồm|{word_start('gồm')}(?!\w)|\(")
CLOSER = re.compile(r"\)")
ENDS_BREAKDOWN = compile_caseless(r"nâng\s+tổng")


def opener_between(text: str, start: int, end: int) -> int | None:
    """Offset of the last breakdown opener in text[start:end], if any."""
    last = None
    match = OPENER.search(text, start, end)
    while match is not None:  # finditer's walk (no empty match) without its iterator
        last = match.start()
        match = OPENER.search(text, match.end(), end)
    return last


def closes_between(text: str, start: int, end: int) -> bool:
    return CLOSER.search(text, start, end) is not None or (
        ENDS_BREAKDOWN.search(text, start, end) is not None
    )


def first_opener_after(text: str, start: int, end: int) -> int:
    """Where a count's own noun phrase stops: its breakdown opener or `end`."""
    match = OPENER.search(text, start, end)
    return match.start() if match else end


def opens_breakdown_sentence(text: str, sentence_start: int) -> bool:
    return SENTENCE_OPENER.match(text, sentence_start) is not None


def named_whole(text: str, start: int, end: int) -> int | None:
    """The value of "trong (số) N sản phẩm" before the first count, if written."""
    match = NAMED_WHOLE.search(text, start, end)
    if match is None:
        return None
    return int(match.group("n").replace(".", ""))
