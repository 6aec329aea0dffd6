"""The cheap superset queries of headline.py and authors.py find exactly what their
full selector lists find, in quirks and in standards mode."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from extract.authors import _SOURCE_CLASS_TESTS, _SOURCE_WORDS, SOURCE_SELECTOR, _source_element
from extract.bylines import source_name
from extract.headline import TITLE_CLASSES, TITLE_SELECTORS, _title_elements

_TITLE_NAMES = [
    *TITLE_CLASSES,
    *(name.upper() for name in TITLE_CLASSES[:3]),
    *("Headline", "subtitle", "mytitle", "title", "xtitle_detail", "head-line", "tieu-de"),
]
_SOURCE_NAMES = [
    *("source", "Source", "news-source", "article-source-x", "source-name", "xsource"),
    *("nguon", "NGUON", "nguon-tin", "nguontin", "resource", "author"),
]
_TAGS = ["h1", "h2", "div", "span", "p", "meta", "img", "link"]


@st.composite
def _elements(draw: st.DrawFn, names: list[str], extra: list[str]) -> str:
    parts = []
    for i in range(draw(st.integers(1, 8))):
        tag = draw(st.sampled_from(_TAGS))
        classes = " ".join(draw(st.lists(st.sampled_from(names), max_size=3)))
        attrs = f' class="{classes}"' if classes else ""
        attrs += draw(st.sampled_from(["", *extra]))
        inner = f"Nguồn: Báo Nông thôn {i}" if draw(st.booleans()) else ""
        parts.append(
            f"<{tag}{attrs}>{inner}</{tag}>" if tag not in ("img", "meta") else f"<{tag}{attrs}>"
        )
    return "".join(parts)


def _page(doctype: bool, body: str) -> str:
    return ("<!DOCTYPE html>" if doctype else "") + f"<html><body>{body}</body></html>"


@settings(max_examples=200, deadline=None)
@given(
    st.booleans(),
    _elements(_TITLE_NAMES, [' itemprop="headline"', ' itemprop="HEADLINE"', ' itemprop="name"']),
)
def test_title_candidates_are_the_title_selectors_matches(doctype: bool, body: str) -> None:
    tree = LexborHTMLParser(_page(doctype, body))
    found = [node.mem_id for node, count in _title_elements(tree) for _ in range(count)]
    assert found == [node.mem_id for node in tree.css(", ".join(TITLE_SELECTORS))]


def _plain_source(html: str) -> str | None:
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    for node in tree.body.css(SOURCE_SELECTOR):
        if node.tag in ("meta", "link", "img"):
            continue
        name = source_name(node.attributes.get("content") or node.text(deep=True, separator=" "))
        if name:
            return name
    return None


@settings(max_examples=200, deadline=None)
@given(
    st.booleans(),
    _elements(
        _SOURCE_NAMES,
        [' data-field="source"', ' itemprop="sourceOrganization"', ' content="Theo TTXVN"'],
    ),
)
def test_source_candidates_are_the_source_selectors_matches(doctype: bool, body: str) -> None:
    html = _page(doctype, body)
    tree = LexborHTMLParser(html)
    assert _source_element(tree.body) == _plain_source(html)


def test_every_source_class_test_holds_a_word_the_superset_looks_for() -> None:
    # The superset query asks for the words: a class test without one of
    # them would never be reached.
    assert all(any(word in value for word in _SOURCE_WORDS) for _, value in _SOURCE_CLASS_TESTS)
