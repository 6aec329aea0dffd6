"""Paragraphs, sentences and clauses, as spans of the normalised text.

Clauses are what the place and kind rules are scoped to ("attribute per
clause, never per sentence"): commas, semicolons and colons outside
parentheses end a clause, so "(xã A, huyện B)" stays with its noun phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from extract.figures.charclass import UPPER

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
# A sentence ends at . ! ? or an ellipsis followed by space and a capital,
# digit or opening quote; an ellipsis glued to the next word ("phẩm…huyện")
# also ends one.
# The pattern opens with one character class (the look-behinds pick the branch)
# so the regex engine skips ahead to candidates instead of trying the whole
# alternation at every character.
_SENTENCE_END = re.compile(
    r"[.!?…\n](?:(?<=[.!?])[.!?]*[\"”’)\]]*\s+"
    rf"(?=[\"“‘(]?[{UPPER}\d])|(?<=…)[\"”’)\]]*\s*(?=\S)|(?<=\n)\n*)"
)
# The "." branch of _SENTENCE_END, led by a literal (the engine skips ahead to
# each period): the same matches in a paragraph without "!", "?", "…" or a
# line break, which is most of them.
_SENTENCE_END_DOT = re.compile(rf"\.[.!?]*[\"”’)\]]*\s+(?=[\"“‘(]?[{UPPER}\d])")
# Abbreviations whose period does not end a sentence ("TP. Hồ Chí Minh").
_ABBREVIATION = re.compile(rf"(?:\b(?:TP|Tp|TX|TT|TS|ThS|PGS|GS|BS|KS|Th|St)|\b[{UPPER}])\.$")
# Only the last few characters before a period can hold an abbreviation; the
# character before the window is still seen by the pattern's \b.
_LONGEST_ABBREVIATION = 3
# A paragraph ending in a sentence mark holds no place mention that runs on
# into the next paragraph; "TP." (the name may follow across the break) is the
# exception.
_CLOSED_ENDINGS = frozenset('.!?…"”’)]:;')
_OPEN_ABBREVIATIONS = ("tp.", "tx.", "tt.")
_CLAUSE_MARK = re.compile(r"[,;:()](?:(?<=[()])|(?=\s|$))")
# The comma branch of _CLAUSE_MARK, led by a literal: a class-led scan tries
# every character, a literal-led one skips ahead to the next comma.
_CLAUSE_COMMA = re.compile(r",(?=\s|$)")


# Values, though not frozen: an article builds hundreds of spans, and a frozen
# dataclass sets each field through object.__setattr__ (about 2.5 times the
# cost of a plain one). The same holds for the other per-article records of
# the figure rules (KindContext, NumberToken, YearMark, Unit, Mention); no rule
# assigns to their fields.
@dataclass(slots=True)
class Span:
    start: int
    end: int


def paragraphs(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        _add_trimmed(spans, text, start, match.start())
        start = match.end()
    _add_trimmed(spans, text, start, len(text))
    return spans


def sentences(text: str, paragraph: Span, until: int | None = None) -> list[Span]:
    """The paragraph's sentences; with `until`, only those starting at or
    before it (the caller needs no sentence after its last count)."""
    spans: list[Span] = []
    until = paragraph.end if until is None else until
    start = paragraph.start
    ends = _SENTENCE_END
    if (
        text.find("\n", start, paragraph.end) < 0
        and text.find("…", start, paragraph.end) < 0
        and text.find("?", start, paragraph.end) < 0
        and text.find("!", start, paragraph.end) < 0
    ):
        ends = _SENTENCE_END_DOT
    for match in ends.finditer(text, paragraph.start, paragraph.end):
        dot = match.start()
        if text[dot] == "." and _ABBREVIATION.search(
            text, max(start, dot - _LONGEST_ABBREVIATION), dot + 1
        ):
            continue
        _add_trimmed(spans, text, start, dot + len(match.group().rstrip()))
        start = match.end()
        if start > until:
            return spans
    _add_trimmed(spans, text, start, paragraph.end)
    return spans


@dataclass(slots=True)
class Clauses:
    """A sentence's clauses as parallel start and end offsets. Most clauses
    hold no count, so a Span is made only for one that is asked for."""

    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> Span:
        """The clause at `index` (an int: a slice would pair lists, not offsets)."""
        if not isinstance(index, int):
            raise TypeError(f"clause index must be an int, not {type(index).__name__}")
        return Span(self.starts[index], self.ends[index])

    def __iter__(self) -> Iterator[Span]:
        return map(Span, self.starts, self.ends)


def clauses(text: str, sentence: Span) -> Clauses:
    start, end = sentence.start, sentence.end
    if (
        text.find(";", start, end) < 0
        and text.find(":", start, end) < 0
        and text.find("(", start, end) < 0
        and text.find(")", start, end) < 0
    ):
        return _comma_clauses(text, start, end)
    starts: list[int] = []
    ends: list[int] = []
    depth = 0
    for match in _CLAUSE_MARK.finditer(text, sentence.start, end):
        mark = match.group()
        if mark == "(":
            depth += 1
        elif mark == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            if match.start() > start:
                starts.append(start)
                ends.append(match.start())
            start = match.end()
    if end > start:
        starts.append(start)
        ends.append(end)
    return Clauses(starts, ends)


def _comma_clauses(text: str, start: int, end: int) -> Clauses:
    """`clauses` for a sentence whose only marks are commas (most): no parentheses
    to track, and a literal scan instead of the character-class one."""
    starts: list[int] = []
    ends: list[int] = []
    for match in _CLAUSE_COMMA.finditer(text, start, end):
        comma = match.start()
        if comma > start:
            starts.append(start)
            ends.append(comma)
        start = comma + 1
    if end > start:
        starts.append(start)
        ends.append(end)
    return Clauses(starts, ends)


def closed_blocks(low: str, paragraphs: Sequence[Span]) -> list[Span]:
    """Runs of paragraphs that no place mention (places.py) crosses out of.

    `low` is the lower-cased text. The mentions found block by block are the
    ones found over the whole text, so a block without counts is read only
    when an anaphor looks back into it.
    """
    blocks: list[Span] = []
    start: int | None = None
    for paragraph in paragraphs:
        start = paragraph.start if start is None else start
        if _closed(low, paragraph.end):
            blocks.append(Span(start, paragraph.end))
            start = None
    if start is not None:
        blocks.append(Span(start, paragraphs[-1].end))
    return blocks


def _closed(low: str, end: int) -> bool:
    return low[end - 1] in _CLOSED_ENDINGS and not low.endswith(_OPEN_ABBREVIATIONS, 0, end)


def _add_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    """Append text[start:end] without its outer whitespace, unless that leaves
    nothing (str.strip and str.isspace agree on what whitespace is): no copy
    of the stretch is made to ask whether it is blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))
