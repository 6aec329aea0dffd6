"""The shortcuts of extract/authors.py choose what the plain rules they shorten choose."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from extract.authors import (
    _BYLINE_CANDIDATES,
    _is_byline,
    _SiteNames,
    _visible_byline,
    site_names,
)
from extract.bylines import Credit, names_from_structured, parse_credit
from extract.structured import StructuredData
from extract.text import fold, squash

_URL = "https://www.baodautu.vn/a"
_DATA = StructuredData(publisher_names=("Báo Đầu tư",), raw_meta={"og:site_name": ("baodautu",)})
# Byline classes (one found by two of the query's tests), others, and texts
# naming people, a source, the site, nothing, each possibly repeated.
_CLASSES = ["author", "author-byline", "tac-gia", "AUTHOR", "contact", "box", "byline writer"]
_TEXTS = [
    "Nguyên Minh",
    "Minh Chiến",
    "Theo TTXVN",
    "Báo Đầu tư",
    "baodautu",
    "Xem thêm",
    "",
    "<span>Hà Thu</span> (tổng hợp)",
    "NHẬT XUÂN và 1 tác giả khác",
]
_TAGS = ["div", "span", "p", "img"]


@st.composite
def _bylines(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        tag = draw(st.sampled_from(_TAGS))
        classes = draw(st.sampled_from(_CLASSES))
        text = draw(st.sampled_from(_TEXTS))
        parts.append(
            f'<{tag} class="{classes}">'
            if tag == "img"
            else f'<{tag} class="{classes}">{text}</{tag}>'
        )
    return "".join(parts)


def _plain_visible_byline(region, sites: list[str]) -> Credit | None:  # type: ignore[no-untyped-def]
    fallback: Credit | None = None
    for node in region.css(_BYLINE_CANDIDATES):
        if node.tag in ("img", "meta", "link") or not _is_byline(node):
            continue
        text = fold(node.text(deep=True, separator=" "))
        if not text or squash(text) in sites:
            continue
        credit = parse_credit(text)
        if credit is None:
            continue
        if credit.authors:
            return credit
        fallback = fallback or credit
    return fallback


@settings(max_examples=300, deadline=None)
@given(_bylines())
def test_visible_byline_passing_texts_read_before_is_the_plain_choice(body: str) -> None:
    tree = LexborHTMLParser(f"<html><body><article>{body}</article></body></html>")
    region = tree.css_first("article")
    found = _visible_byline(region, _SiteNames(_DATA, _URL))
    assert found == _plain_visible_byline(region, site_names(_DATA, _URL))


def test_site_names_made_on_first_use_are_the_page_site_names() -> None:
    sites = _SiteNames(_DATA, _URL)
    assert sites.get() == site_names(_DATA, _URL)
    assert sites.get() is sites.get()


@given(st.lists(st.sampled_from(_TEXTS[:5])))
def test_no_structured_names_give_no_names_whatever_the_site_names(sites: list[str]) -> None:
    # What leaves the site names unmade when a page has no structured or meta author.
    assert names_from_structured([], sites) == ()
