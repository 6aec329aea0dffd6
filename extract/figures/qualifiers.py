"""Approximation words right before a count."""

from __future__ import annotations

import re

QUALIFIERS = {
    "hơn": "more_than",
    "trên": "more_than",
    "gần": "nearly",
    "khoảng": "about",
    "xấp xỉ": "about",
    "chừng": "about",
    "ít nhất": "at_least",
    "tối thiểu": "at_least",
}
QUALIFIER_TAIL = re.compile(
    r"(?<!\w)(?P<q>hơn|trên|gần|khoảng|xấp\s+xỉ|chừng|ít\s+nhất|tối\s+thiểu)(?:\s+là)?\s+$",
    re.IGNORECASE,
)


def qualifier_before(text: str, start: int, floor: int) -> tuple[str | None, int]:
    """(qualifier, start of its word) for the words just before `start`."""
    match = QUALIFIER_TAIL.search(text, max(floor, start - 16), start)
    if match is None:
        return None, start
    word = " ".join(match.group("q").lower().split())
    return QUALIFIERS[word], match.start()
