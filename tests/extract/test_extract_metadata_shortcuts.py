"""read_structured()'s shortcuts give what the plain readings give: a string
@type read without a list, no publisher read as no names, blank names
dropped by filter(), no itemprops read as no microdata, and only the
scripts with a type given the JSON-LD test."""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from extract import dom
from extract.structured import (
    _JSON_LD_QUERY,
    _PUBLISHER_TYPES,
    ARTICLE_TYPES,
    _json_ld_objects,
    _microdata,
    _names,
    _scan,
    _string,
    _types,
    read_structured,
)


def _types_plainly(obj: dict[str, object]) -> set[str]:
    """_types() without its string shortcut: every value made a list first."""
    value = obj.get("@type")
    values = value if isinstance(value, list) else [value]
    return {v.strip().lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _reading_plainly(objects: list[dict[str, object]]) -> tuple[object, ...]:
    """The article, the page's types and the publisher names, as
    read_structured() first read them: every object's publisher read, and
    the type sets intersected."""
    typed = [(obj, _types_plainly(obj)) for obj in objects]
    article = next((obj for obj, types in typed if types & ARTICLE_TYPES), None)
    page_types = tuple(t for _, types in typed for t in types)
    publishers: list[str] = []
    for obj, types in typed:
        publishers.extend(_names(obj.get("publisher")))
        if _PUBLISHER_TYPES & types:
            publishers.extend(_names(obj))
    names = tuple(dict.fromkeys(p for p in publishers if p))
    headline = None
    if article is not None:
        headline = _string(article.get("headline")) or _string(article.get("name"))
    return headline, page_types, names


_TYPE_NAMES = st.sampled_from(
    ["NewsArticle", " Article ", "https://schema.org/BlogPosting", "Organization", "WebSite",
     "NEWSMEDIAORGANIZATION", "Person", "", " ", "a/b/", "Thing"]
)  # fmt: skip
_TYPE_VALUES = (
    st.none() | _TYPE_NAMES | st.lists(_TYPE_NAMES | st.integers(), max_size=3) | st.integers()
)
# "\u200b" folds to nothing: a name that is dropped.
_NAME_VALUES = st.sampled_from(["Báo Dân trí", " Tin  tức ", "", " ", "a&amp;b", "\u200b", "Tin"])
_PUBLISHERS = st.recursive(
    st.none() | _NAME_VALUES | st.integers() | st.booleans(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.fixed_dictionaries({}, optional={"name": inner, "@type": _TYPE_VALUES})
    ),
    max_leaves=6,
)
_OBJECTS = st.fixed_dictionaries(
    {},
    optional={
        "@type": _TYPE_VALUES,
        "publisher": _PUBLISHERS,
        "name": _NAME_VALUES | st.none(),
        "headline": _NAME_VALUES,
    },
)


@settings(max_examples=400, deadline=None)
@given(_TYPE_VALUES)
@example(" News/Article ")
@example(["a", " A "])
def test_string_types_read_as_the_list_reading_reads_them(value: object) -> None:
    obj = {"@type": value} if value is not None else {}
    assert _types(obj) == _types_plainly(obj)


@settings(max_examples=400, deadline=None)
@given(st.lists(_OBJECTS, max_size=5))
@example([{"@type": "NewsArticle", "publisher": "Báo Dân trí"}])
@example([{"@type": "Organization", "name": "Tin", "publisher": [{"name": "Báo"}, "x"]}])
def test_json_ld_objects_read_as_the_plain_reading_reads_them(
    objects: list[dict[str, object]],
) -> None:
    scripts = "".join(
        f'<script type="application/ld+json">{json.dumps(obj)}</script>' for obj in objects
    )
    tree = LexborHTMLParser(f"<html><head>{scripts}</head><body><p>x</p></body></html>")
    swept = dom.sweep(tree)
    data = read_structured(tree, swept)
    decoded = _json_ld_objects(_scan(tree, swept).json_ld)
    headline, page_types, publishers = _reading_plainly(decoded)
    assert data.page_types == page_types
    assert data.publisher_names == publishers
    assert data.headline == headline  # the article read is the one the plain reading picks


def test_a_page_without_itemprops_has_the_microdata_of_an_empty_reading() -> None:
    none_found = _microdata([])
    tree = LexborHTMLParser('<p itemprop="x">y</p><span itemprop="headline"></span>')
    found = _scan(tree, dom.sweep(tree))
    assert found.itemprops  # an itemprop whose value is blank: read, nothing kept
    assert none_found == _microdata(found.itemprops)
    assert none_found.headline is None
    assert (none_found.published, none_found.modified, none_found.credits) == ((), (), ())


_SCRIPT_ATTRS = st.sampled_from(
    ['type="application/ld+json"', 'TYPE="Application/LD+JSON"', "type", 'type=""',
     'type="text/javascript"', 'src="/a.js"', "async", 'nonce="n"', 'data-type="x"',
     'type="application/ld+json "']
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_SCRIPT_ATTRS, max_size=3, unique=True), max_size=6))
@example([['src="/a.js"', 'type="application/ld+json"'], ["type"], []])
def test_json_ld_scripts_found_are_those_the_query_finds(scripts: list[list[str]]) -> None:
    """Only the scripts with a type are given the JSON-LD test: the others
    cannot pass it."""
    page = "".join(f"<script {' '.join(attrs)}>{{}}</script>" for attrs in scripts)
    tree = LexborHTMLParser(f"<html><head>{page}</head><body></body></html>")
    found = _scan(tree, dom.sweep(tree)).json_ld
    expected = tree.css(_JSON_LD_QUERY)
    assert [node.mem_id for node in found] == [node.mem_id for node in expected]
