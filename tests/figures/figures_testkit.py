"""Helpers for the figure tests: run the extractor and compare the scored fields."""

from __future__ import annotations

from datetime import date

from extract.figures import extract_figures
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
