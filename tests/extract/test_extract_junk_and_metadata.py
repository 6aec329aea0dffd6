"""dom.sweep()'s walk over tag ids (junk and metadata elements) and
read_structured()'s JSON-LD test find exactly what the CSS queries they
replace find, and the metadata layer's faster forms (meta grouping, the
JSON-LD walk) give what their plain forms give."""

from __future__ import annotations

import html
from collections.abc import Iterator

from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from extract import dom
from extract.structured import (
    _JSON_LD_QUERY,
    _MAX_DEPTH,
    _MICRODATA_PROPS,
    _canonical_href,
    _is_json_ld,
    _meta_tags,
    _scan,
    _string,
    _walk,
)
from extract.text import fold, unescape_all


def _remove_junk_by_query(tree: LexborHTMLParser) -> None:
    for node in reversed(tree.css(", ".join(dom.JUNK_TAGS))):
        node.decompose()


_JUNK_OPEN = [f"<{tag}>" for tag in dom.JUNK_TAGS] + ["<SCRIPT type=x>", "<svg><style>", "<math>"]
_PLAIN = ["<div>", "</div>", "<p>", "</p>", "<a href=/x>", "</a>", "chữ ", "<br>", "<head>"]
_CLOSE = [f"</{tag}>" for tag in dom.JUNK_TAGS] + ["</svg>", "</math>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_JUNK_OPEN + _PLAIN + _CLOSE), max_size=40))
def test_junk_removal_leaves_the_tree_the_junk_query_leaves(pieces: list[str]) -> None:
    page = "".join(pieces)
    fast, plain = LexborHTMLParser(page), LexborHTMLParser(page)
    dom.remove_junk(fast)
    _remove_junk_by_query(plain)
    assert fast.html == plain.html


_HEADINGS = ["<h1>", "</h1>", "<H1 class=t>", "<h2>", "</h2>", "<template>", "</template>"]
_TITLES = ["<title>T</title>", "<TITLE>", "</title>", "</head>", "<body>", "<html>", "<frameset>"]
_FOREIGN = ["<svg>", "<math>", "<foreignObject>", '<annotation-xml encoding="text/html">', "<mi>"]
_HEADLINE_PIECES = _JUNK_OPEN + _PLAIN + _CLOSE + _HEADINGS + _TITLES + _FOREIGN


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HEADLINE_PIECES), max_size=40))
def test_swept_headline_elements_are_what_their_queries_find_once_the_junk_is_gone(
    pieces: list[str],
) -> None:
    # h1s inside junk (<noscript>, <button>, <object>...) go with it.
    tree = LexborHTMLParser("".join(pieces))
    swept = dom.sweep(tree)
    h1s = [node.mem_id for node in swept.h1s]
    titles = [node.mem_id for node in swept.head_titles]
    dom.remove_junk(tree, swept.junk)
    assert h1s == [node.mem_id for node in tree.css("h1")]
    assert titles == [node.mem_id for node in tree.css("head title")]


_TYPES = [
    "application/ld+json", "Application/LD+JSON", " application/ld+json", "application/ld+json ",
    "application/ld&#43;json", "text/javascript", "", "application/json", "application/ld+jso",
    "appli\u212aation/ld+json", "applicat\u0130on/ld+json", "APPLICATION/LD+JSON",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_TYPES) | st.text(max_size=22))
def test_json_ld_test_agrees_with_the_selector(kind: str) -> None:
    tree = LexborHTMLParser(f'<script type="{html.escape(kind)}">{{}}</script>')
    script = tree.tags("script")[0]
    assert _is_json_ld(script.attributes) == dom.matches_itself(script, _JSON_LD_QUERY)


def _scan_by_query(tree: LexborHTMLParser) -> tuple[object, ...]:
    """What one query over the page gave: metas, canonical, JSON-LD, itemprops."""
    metas, json_ld, itemprops, canonical = [], [], [], None
    for node in tree.css(f":is(meta, link[rel], {_JSON_LD_QUERY}, [itemprop])"):
        attrs = node.attributes
        if node.tag == "meta":
            metas.append(attrs)
        elif node.tag == "link":
            if canonical is None and "rel" in attrs:
                canonical = _canonical_href(attrs)
        elif node.tag == "script" and dom.matches_itself(node, _JSON_LD_QUERY):
            json_ld.append(node.mem_id)
        prop = attrs.get("itemprop")
        if prop in _MICRODATA_PROPS:
            itemprops.append((prop, node.mem_id))
    return metas, canonical, json_ld, itemprops


_METADATA = [
    '<meta name="author" content="Lan">', '<meta property="og:title" content="Tin">',
    '<meta itemprop="datePublished" content="2025-01-02">', "<meta charset=utf-8>",
    '<link rel="canonical" href="/a">', '<link rel="Canonical alternate" href=" /b ">',
    '<link rel="stylesheet" href="/c.css">', '<link href="/d">', '<link rel=canonical>',
    '<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
    '<script type="APPLICATION/LD+JSON" itemprop="author">{}</script>', "<script>x</script>",
    '<span itemprop="author">Hoa</span>', '<h1 itemprop="headline">Tiêu đề</h1>',
    '<time itemprop="dateModified" datetime="2025-02-03">3/2</time>', '<p itemprop="x">y</p>',
    "<p>chữ</p>", "<body>", "</head>", "<svg><meta name=s content=v></svg>",
    '<link rel="CANONICAL" href="/e">', '<link rel="noncanonical" href="/f">',
    '<link rel="canonical\u2003next" href="/g">', '<link rel="canon\u0130cal" href="/h">',
    '<link rel="canonical" href="">', '<link rel="canonical" itemprop="author" href="/i">',
    '<svg><link rel="canonical" href="/j"></svg>', '<link rel="icon" itemprop="headline">',
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_METADATA), max_size=25))
def test_metadata_scan_finds_what_the_metadata_query_finds(pieces: list[str]) -> None:
    tree = LexborHTMLParser("<html><head>" + "".join(pieces) + "</body></html>")
    swept = dom.sweep(tree)
    found = _scan(tree, swept)
    fast = (
        [node.attributes for node in swept.metas],
        found.canonical,
        [node.mem_id for node in found.json_ld],
        [(prop, node.mem_id) for prop, node in found.itemprops],
    )
    assert fast == _scan_by_query(tree)


def _meta_tags_plainly(metas: list[dict[str, str | None]]) -> dict[str, tuple[str, ...]]:
    """_meta_tags() as first written: lists by name, made tuples at the end."""
    found: dict[str, list[str]] = {}
    for attrs in metas:
        value = attrs.get("content")
        if not value:
            continue
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key:
            found.setdefault(key.strip().lower(), []).append(value)
    return {k: tuple(v) for k, v in found.items()}


_META_ATTRS = st.sampled_from(["name", "property", "itemprop", "content", "charset", "NAME"])
_META_VALUES = st.sampled_from(["og:title", "OG:Title ", "author", "", "a&amp;b", "Tin", " x "])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(_META_ATTRS, _META_VALUES, max_size=4), max_size=12))
def test_meta_tags_group_contents_as_the_plain_grouping_does(metas: list[dict[str, str]]) -> None:
    page = "".join(
        "<meta " + " ".join(f'{k}="{html.escape(v)}"' for k, v in attrs.items()) + ">"
        for attrs in metas
    )
    tree = LexborHTMLParser(f"<html><head>{page}</head></html>")
    nodes = dom.sweep(tree).metas
    fast = _meta_tags(nodes)
    plain = _meta_tags_plainly([node.attributes for node in nodes])
    assert fast == plain
    assert list(fast) == list(plain)  # the layers read the first name of several


def _walk_plainly(data: object, depth: int) -> Iterator[dict[str, object]]:
    """_walk() as first written: nested generators."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            yield from _walk_plainly(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _walk_plainly(graph, depth + 1)
        for key in ("mainEntity", "mainEntityOfPage", "hasPart"):
            value = data.get(key)
            if isinstance(value, dict | list):
                yield from _walk_plainly(value, depth + 1)


_LD_KEYS = st.sampled_from(["@type", "@graph", "mainEntity", "mainEntityOfPage", "hasPart", "name"])
_LD = st.recursive(
    st.none() | st.sampled_from(["NewsArticle", "x", 3]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_LD_KEYS, inner, max_size=4),
    max_leaves=40,
)


@settings(max_examples=300, deadline=None)
@given(_LD)
def test_json_ld_walk_finds_the_objects_the_plain_walk_finds(data: object) -> None:
    found: list[dict[str, object]] = []
    _walk(data, 0, found)
    plain = list(_walk_plainly(data, 0))
    assert [id(obj) for obj in found] == [id(obj) for obj in plain]


def test_json_ld_walk_stops_at_the_depth_limit_as_the_plain_walk_does() -> None:
    data: object = {"@type": "Article"}
    for _ in range(_MAX_DEPTH + 3):
        data = [{"@type": "Thing", "hasPart": data}]
    found: list[dict[str, object]] = []
    _walk(data, 0, found)
    assert found == list(_walk_plainly(data, 0))
    assert {"@type": "Article"} not in found


def test_the_page_tree_is_built_without_the_selectedcontent_copy() -> None:
    """dom.parse() turns the DOM's mutation events off: a <selectedcontent>
    keeps what the markup put in it (nothing), not a copy of the option."""
    markup = (
        "<select><button><selectedcontent></selectedcontent></button>"
        "<option>a</option><option selected>b</option></select>"
    )
    assert LexborHTMLParser(markup).css_first("selectedcontent").text() == "b"
    assert dom.parse(markup).css_first("selectedcontent").text() == ""


_TREE_PIECES = [
    '<div id="x" class="a b">',
    "</div>",
    '<p class="b">',
    "</p>",
    '<a href="/x" itemprop="url">',
    "</a>",
    "<table><tr><td>",
    "</td></tr></table>",
    "<select><option selected>o",
    "</select>",
    "<template>t",
    "</template>",
    '<input value="v">',
    "<svg><title>s</title>",
    "</svg>",
    "<!-- c -->",
    "chữ ",
    "<br>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TREE_PIECES), max_size=40))
def test_the_page_tree_without_events_is_the_tree_with_them(pieces: list[str]) -> None:
    """Without <selectedcontent>, the events change nothing the extractor
    reads: the same markup, ids and classes (lexbor keeps those on the
    element itself), and the same nodes after junk removal."""
    markup = "".join(pieces)
    plain, fast = LexborHTMLParser(markup), dom.parse(markup)
    assert fast.html == plain.html
    for query in ("#x", ".b", "[itemprop]"):
        assert [n.html for n in fast.css(query)] == [n.html for n in plain.css(query)]
    assert [n.id for n in fast.css("div")] == [n.id for n in plain.css("div")]
    dom.remove_junk(plain)
    dom.remove_junk(fast)
    assert fast.html == plain.html


def _string_plainly(value: object) -> str | None:
    """_string() as first written: the list, then the number, then the string test."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    return fold(unescape_all(value)) or None


_LD_TEXT = st.sampled_from(["", " ", "Tin  mới ", "a&amp;b", "&amp;#7871;", "Báo\u00a0Dân trí"])
_LD_SCALAR = (
    st.none() | st.booleans() | st.integers() | st.floats() | _LD_TEXT | st.text(max_size=8)
)
_LD_VALUE = st.recursive(
    _LD_SCALAR,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_LD_TEXT, inner, max_size=2),
    max_leaves=10,
)


@settings(max_examples=300, deadline=None)
@given(_LD_VALUE)
@example(True)
@example(7)
@example(["", [" x"], " Tin ", 2])
def test_json_ld_strings_read_strings_first_as_the_plain_reading_does(value: object) -> None:
    assert _string(value) == _string_plainly(value)
