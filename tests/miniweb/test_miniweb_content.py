"""The mini-web's source data: enough articles, well-formed gold figures, fixed dates."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest

from extract.models import KINDS, PLACE_LEVELS, QUALIFIERS, SUBJECTS, document_text
from pipelines.miniweb.content import GoldFigure, MiniArticle, load_articles, load_sites, slugify

MIN_ARTICLES_PER_SITE = 20
FIRST_YEAR, LAST_YEAR = 2023, 2026
SPELLED = {1: "một", 2: "hai", 3: "ba", 4: "bốn", 5: "năm"}
VIETNAM = timedelta(hours=7)
ARTICLES = load_articles()


def _document(article: MiniArticle) -> str:
    return document_text(article.title, article.lead, article.paragraphs)


def _written_forms(value: int) -> list[str]:
    """How a count can be printed: 7, 07, 1.234, or a number word."""
    forms = [str(value), f"{value:02d}", f"{value:,}".replace(",", ".")]
    if value in SPELLED:
        forms.append(SPELLED[value])
    return forms


def test_every_site_has_at_least_twenty_articles() -> None:
    counts = Counter(a.site_id for a in ARTICLES)
    assert {s.id for s in load_sites()} == set(counts)
    assert min(counts.values()) >= MIN_ARTICLES_PER_SITE, counts


def test_publish_times_are_fixed_vietnam_times_spread_over_the_years() -> None:
    assert all(a.published.utcoffset() == VIETNAM for a in ARTICLES)
    years = {a.published.year for a in ARTICLES}
    assert years == set(range(FIRST_YEAR, LAST_YEAR + 1))
    assert len({(a.published.hour, a.published.minute) for a in ARTICLES}) > len(ARTICLES) // 2


def test_most_articles_are_about_ocop_and_a_few_are_not() -> None:
    for site in load_sites():
        own = [a for a in ARTICLES if a.site_id == site.id]
        without = [a for a in own if not a.figures]
        assert 1 <= len(without) <= len(own) // 3, site.id
        assert all("OCOP" not in _document(a) for a in without if "ocop" not in a.path)


@pytest.mark.parametrize("figure", [f for a in ARTICLES for f in a.figures], ids=str)
def test_gold_figures_use_the_spec_vocabulary(figure: GoldFigure) -> None:
    assert figure.value > 0
    assert figure.subject in SUBJECTS and figure.kind in KINDS
    assert figure.qualifier is None or figure.qualifier in QUALIFIERS
    assert (figure.min_stars is None) == (figure.max_stars is None)
    if figure.min_stars is not None:
        assert 1 <= figure.min_stars <= figure.max_stars <= 5
    assert figure.year is None or 2015 <= figure.year <= 2030
    assert figure.place_level in PLACE_LEVELS and figure.place_text
    assert (figure.province is None) == (figure.place_level == "national")


def test_every_gold_figure_value_is_written_in_its_article() -> None:
    for article in ARTICLES:
        text = _document(article).lower()
        for figure in article.figures:
            forms = _written_forms(figure.value)
            pattern = r"(?<![\d.,/])(" + "|".join(map(re.escape, forms)) + r")(?![\d/]|[.,]\d)"
            assert re.search(pattern, text), f"{article.title}: {figure.value} not in the text"


def test_gold_place_texts_are_written_in_their_articles() -> None:
    for article in ARTICLES:
        text = _document(article)
        for figure in article.figures:
            assert figure.place_text in text, f"{article.title}: {figure.place_text!r}"


def test_article_paths_are_unique_and_carry_the_title_slug() -> None:
    assert len({(a.site_id, a.path) for a in ARTICLES}) == len(ARTICLES)
    for article in ARTICLES:
        assert slugify(article.title) in article.path


def test_slugify_drops_diacritics_and_d_stroke() -> None:
    assert slugify("Đồng Tháp có thêm 12 sản phẩm OCOP 4 sao") == (
        "dong-thap-co-them-12-san-pham-ocop-4-sao"
    )


def test_authors_are_names_and_agency_copy_has_a_credit() -> None:
    for article in ARTICLES:
        assert article.authors or article.source_credit, article.title
        for name in article.authors:
            assert name == name.strip() and name[:1].isupper() and not name.isupper()
