"""Approximation words right before a count."""

from __future__ import annotations

from extract.figures.caseless import compile_caseless, word_start

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
QUALIFIER_TAIL = compile_caseless(
    rf"(?P<q>{word_start('hơn')}|{word_start('trên')}|{word_start('gần')}|{word_start('khoảng')}"
    rf"|{word_start('xấp')}\s+xỉ|{word_start('chừng')}|{word_start('ít')}\s+nhất"
    rf"|{word_start('tối')}\s+thiểu)(?:\s+là)?\s+$"
)


def qualifier_before(text: str, start: int, floor: int) -> tuple[str | None, int]:
    """(qualifier, start of its word) for the words just before `start`."""
    match = QUALIFIER_TAIL.search(text, max(floor, start - 16), start)
    if match is None:
        return None, start
    word = " ".join(match.group("q").lower().split())
    return QUALIFIERS[word], match.start()
