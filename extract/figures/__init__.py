"""OCOP figures: counts, star classes, kinds, years and places in article text.

TEMPORARY placeholder while the extractor is being written (same session).
"""

from __future__ import annotations

from datetime import date

from extract.models import Figure


def extract_figures(
    text: str,
    *,
    published: date | None = None,
    province: str | None = None,
    headline: str | None = None,
) -> tuple[Figure, ...]:
    return ()
