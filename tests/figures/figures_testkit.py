"""Helpers for the figure tests: run the extractor and compare the scored fields."""

from __future__ import annotations

from datetime import date

from extract.figures import extract_figures, segment
from extract.figures.segment import Span
from extract.models import Figure

PUBLISHED = date(2024, 5, 20)

Key = tuple[int, str, str, int | None, int | None]


def run(text: str, **kwargs: object) -> tuple[Figure, ...]:
    kwargs.setdefault("published", PUBLISHED)
    return extract_figures(text, **kwargs)  # type: ignore[arg-type]


def keys(text: str, **kwargs: object) -> list[Key]:
    """(value, subject, kind, min_stars, max_stars): the fields the spec scores."""
    return [(f.value, f.subject, f.kind, f.min_stars, f.max_stars) for f in run(text, **kwargs)]


def only(text: str, **kwargs: object) -> Figure:
    figures = run(text, **kwargs)
    assert len(figures) == 1, figures
    return figures[0]


def doc(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def trimmed(text: str, start: int, end: int) -> Span:
    """The stretch without its leading and trailing whitespace (the plain form
    the segment fast paths are checked against)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def plain_sentences(text: str, paragraph: Span, until: int | None = None) -> list[Span]:
    """segment.sentences without its fast paths: every end found by
    _SENTENCE_END, each stretch copied to ask whether it is blank."""
    spans: list[Span] = []
    start = paragraph.start
    until = paragraph.end if until is None else until
    for match in segment._SENTENCE_END.finditer(text, paragraph.start, paragraph.end):
        dot = match.start()
        if text[dot] == "." and segment._ABBREVIATION.search(text, max(start, dot - 3), dot + 1):
            continue
        end = match.start() + len(match.group().rstrip())
        if text[start:end].strip():
            spans.append(trimmed(text, start, end))
        start = match.end()
        if start > until:
            return spans
    if text[start : paragraph.end].strip():
        spans.append(trimmed(text, start, paragraph.end))
    return spans
