"""OCOP figures: counts, star classes, kinds, years and places in article text.

Spec: ../shared/spec/ocop-figures.md. Rules, one module each: numbers (what
is a count), subjects, traps (what is not a figure), kinds, stars,
qualifiers, breakdown, years, places (with admin: the unit lists); extractor
wires them and page cuts a whole page's text down to the article.
"""

from __future__ import annotations

from datetime import date

from extract.figures.admin import canonical_province
from extract.figures.extractor import extract
from extract.figures.numbers import parse_number
from extract.figures.page import article_of_page
from extract.models import Figure

__all__ = ["canonical_province", "extract_figures", "figures_from_page_text", "parse_number"]


def extract_figures(
    text: str,
    *,
    published: date | None = None,
    province: str | None = None,
    headline: str | None = None,
) -> tuple[Figure, ...]:
    """The OCOP figures of an article document (headline, lead, body paragraphs).

    `published` resolves "năm nay", "năm tới" and running totals; `province`
    is the outlet's province, the last fallback for a figure's place;
    `headline`, when given, is the headline (else the first paragraph is).
    Offsets index `text`.
    """
    return extract(text, published, province, headline)


def figures_from_page_text(
    text: str,
    *,
    published: date | None = None,
    province: str | None = None,
) -> tuple[Figure, ...]:
    """The OCOP figures of a plain-text dump of a whole article page.

    Page chrome (hotline, byline and date lines, captions, the source credit,
    comments and teasers) is left out; offsets index `text`.
    """
    article = article_of_page(text)
    return extract(article.text, published, province, article.headline)
