"""The cheap superset queries of headline.py and authors.py find exactly what their
full selector lists find, in quirks and in standards mode."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from extract import dom
from extract.authors import (
    _BYLINE_CANDIDATES,
    _SOURCE_CLASS_TESTS,
    _SOURCE_WORDS,
    AUTHOR_LINK_SELECTOR,
    BYLINE_SELECTOR,
    SOURCE_SELECTOR,
    _author_links,
    _is_byline,
    _is_source,
    _source_element,
)
from extract.authors import (
    _BYLINE_CANDIDATES_NO_ITEMPROP as _BYLINE_NO_ITEMPROP,
)
from extract.bylines import parse_credit, source_name
from extract.dom import matches_itself, traits
from extract.headline import (
    TITLE_CLASSES,
    TITLE_SELECTORS,
    _choose,
    _matches_any,
    _metadata_titles,
    _similar_words,
    _title_elements,
    _visible_titles,
    _word_set,
    find_headline,
    similar,
)
from extract.pagetype import _page_teasers
from extract.structured import StructuredData, read_structured
from extract.text import fold, visible_len
from extract.thresholds import MAX_HEADLINE_LEN, MIN_HEADLINE_LEN

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


# Between class names: HTML's spaces, and characters only str.split() or
# only Unicode take for spaces.
_CLASS_GAPS = [" ", "  ", "\t", "\n", "\x0c", "\r", "\x0b", "\x1c", "\xa0", "\u2003"]
_HEAD_PARTS = [
    "<title>Tiêu đề trang báo</title>",
    '<meta itemprop="headline" content="Tiêu đề trong metadata">',
    '<link class="title-detail headline" href="/a">',
    '<meta class="article-title" name="x" content="y">',
    # The parser keeps <noframes> in the head, with its text.
    '<noframes class="post-title">Tiêu đề trong noframes</noframes>',
]


@st.composite
def _title_pages(draw: st.DrawFn) -> str:
    head = "".join(draw(st.lists(st.sampled_from(_HEAD_PARTS), max_size=3)))
    parts = []
    for i in range(draw(st.integers(1, 6))):
        tag = draw(st.sampled_from(["h1", "h2", "div", "span", "p"]))
        names = draw(st.lists(st.sampled_from(_TITLE_NAMES), max_size=3))
        gaps = draw(st.lists(st.sampled_from(_CLASS_GAPS), min_size=len(names) + 1))
        classes = gaps[0] + "".join(name + gap for name, gap in zip(names, gaps[1:], strict=False))
        attrs = f' class="{classes}"' if names else ""
        attrs += draw(st.sampled_from(["", ' itemprop="headline"', ' style="display:none"']))
        parts.append(f"<{tag}{attrs}>Tiêu đề bài báo số {i}</{tag}>")
    doctype = "<!DOCTYPE html>" if draw(st.booleans()) else ""
    return f"{doctype}<html><head>{head}</head><body>{''.join(parts)}</body></html>"


def _plain_visible_titles(tree: LexborHTMLParser) -> list[tuple[int, str]]:
    """_visible_titles as the full selector list over the whole page gives it."""
    found = []
    for node in tree.css(", ".join(TITLE_SELECTORS)):
        if node.tag in ("meta", "title", "html", "body"):
            continue
        text = fold(node.text(deep=True, separator=" "))
        hidden = traits(node)[1]
        if MIN_HEADLINE_LEN <= len(text) <= MAX_HEADLINE_LEN and not hidden:
            found.append((node, text))
    found.sort(key=lambda item: item[0].tag != "h1")
    return [(node.mem_id, text) for node, text in found]


@settings(max_examples=300, deadline=None)
@given(_title_pages())
def test_visible_titles_are_the_title_selectors_matches_anywhere_on_the_page(html: str) -> None:
    tree = LexborHTMLParser(html)
    found = [(node.mem_id, text) for node, text in _visible_titles(tree)]
    assert found == _plain_visible_titles(tree)


_LINK_ATTRS = [
    *(' href="/tac-gia/nhat-xuan"', ' href="/TAC-GIA/x"', ' href="/author/a/"'),
    ' href="/authors/"',
    *(' href="/news/1"', ' href="https://x.vn/author/b"', ' href="/authority/"', ""),
    *(' rel="author"', ' rel="AUTHOR"', ' rel="author nofollow"', ' rel="nofollow"', ""),
    *(' title="Hà Thu"', ""),
]
_LINK_TEXTS = ["Nhật Xuân", "Hà Thu", "", "Theo TTXVN", "Xem thêm"]


@st.composite
def _links(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        tag = draw(st.sampled_from(["a", "a", "a", "span", "link"]))
        attrs = "".join(draw(st.lists(st.sampled_from(_LINK_ATTRS), max_size=3)))
        parts.append(f"<{tag}{attrs}>{draw(st.sampled_from(_LINK_TEXTS))}</{tag}>")
    return "".join(parts)


def _plain_author_links(html: str) -> tuple[str, ...]:
    """_author_links with the selector list, each link as often as it reports it."""
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    names: list[str] = []
    for link in tree.body.css(AUTHOR_LINK_SELECTOR):
        text = fold(link.text(deep=True, separator=" ")) or fold(link.attributes.get("title") or "")
        credit = parse_credit(text) if text else None
        if credit is not None:
            names.extend(credit.authors)
    return tuple(dict.fromkeys(names))


@settings(max_examples=200, deadline=None)
@given(st.booleans(), _links())
def test_author_links_are_the_author_link_selectors_matches(doctype: bool, body: str) -> None:
    html = _page(doctype, body)
    tree = LexborHTMLParser(html)
    assert _author_links(tree.body) == _plain_author_links(html)


_BYLINE_NAMES = [
    *("author", "Author", "AUTHOR", "aUthor", "post-author", "authorbox", "AuthorName"),
    *("byline", "BYLINE", "tac-gia", "TacGia", "tacgia", "writer", "reporter", "signature"),
    *("TAC-GIA", "Tac-gia", "tac_gia", "contact", "stack", "xtacgiax"),
    *("title", "box", "authority"),
]
_BYLINE_ATTRS = [
    *(' rel="author"', ' rel="AUTHOR"', ' itemprop="author"', ' itemprop="Author"'),
    *(' id="author"', ' id="AUTHOR-box"', ' id="x"'),
]


def _once(nodes: list) -> list[int]:
    """Node ids, an element listed twice in a row (once per selector) once."""
    ids: list[int] = []
    for node in nodes:
        if not ids or ids[-1] != node.mem_id:
            ids.append(node.mem_id)
    return ids


@settings(max_examples=300, deadline=None)
@given(st.booleans(), _elements(_BYLINE_NAMES, _BYLINE_ATTRS))
def test_byline_candidates_kept_are_the_byline_selectors_matches(doctype: bool, body: str) -> None:
    tree = LexborHTMLParser(_page(doctype, body))
    assert tree.body is not None
    kept = [node for node in tree.body.css(_BYLINE_CANDIDATES) if _is_byline(node)]
    assert _once(kept) == _once(tree.body.css(BYLINE_SELECTOR))


def _plain_page_teasers(tree: LexborHTMLParser) -> int:
    return sum(
        1
        for link in tree.css("a[href]")
        if len(link.text().split()) >= 5 and visible_len(link.text()) >= 20
    )


_TEASER_TEXTS = [
    "Trang chủ",
    "Sản phẩm OCOP 4 sao của tỉnh",
    "OCOP\u00a0products\u00a0of\u00a0the\u00a0year 2025",
    "a b c d e",
    "a  b  c  d  e  f  g  h  i",
    "abcd efgh ijkl mnop qrst",
    "abcd efgh ijkl mnop qrs",
    "Một  hai  ba  bốn  năm",
    "   ",
    "<b>Mỗi xã</b> một <i>sản phẩm</i> được công nhận",
    "<!-- note --><span>Hàng trăm sản phẩm đạt ba sao</span>",
]


_TEASER_TAGS = [("<a href='/x'>", "</a>"), ("<a>", "</a>"), ("<span>", "</span>")]


_TEASER_LINKS = st.tuples(st.sampled_from(_TEASER_TAGS), st.sampled_from(_TEASER_TEXTS))


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEASER_LINKS, max_size=8))
def test_page_teaser_count_is_the_plain_count_of_teaser_links(
    links: list[tuple[tuple[str, str], str]],
) -> None:
    body = "".join(f"{opening}{text}{closing}" for (opening, closing), text in links)
    tree = LexborHTMLParser(_page(False, body))
    assert _page_teasers(tree) == _plain_page_teasers(tree)


# itemprop values in the spellings a page may use; the queries leave an
# [itemprop="..."] test out when the metadata scan saw no such value.
_ITEMPROPS = ["headline", "HEADLINE", "Headline", " headline", "author", "AUTHOR"]
_ITEMPROPS += ["sourceOrganization", "SOURCEORGANIZATION", "name", ""]


def _itemprop_attrs() -> list[str]:
    return ["", *(f' itemprop="{value}"' for value in _ITEMPROPS), " itemprop"]


def _scanned(html: str) -> tuple[LexborHTMLParser, StructuredData]:
    tree = LexborHTMLParser(html)
    return tree, read_structured(tree)


@settings(max_examples=300, deadline=None)
@given(st.booleans(), _elements(_TITLE_NAMES, _itemprop_attrs()))
def test_title_candidates_without_an_itemprop_headline_are_the_title_selectors_matches(
    doctype: bool, body: str
) -> None:
    tree, data = _scanned(_page(doctype, body))
    found = _title_elements(tree, itemprop=data.may_have_itemprop("headline"))
    ids = [node.mem_id for node, count in found for _ in range(count)]
    assert ids == [node.mem_id for node in tree.css(", ".join(TITLE_SELECTORS))]


@settings(max_examples=600, deadline=None)
@given(st.booleans(), _elements(_SOURCE_NAMES, _itemprop_attrs()))
def test_source_without_an_itemprop_source_is_the_source_selectors_match(
    doctype: bool, body: str
) -> None:
    html = _page(doctype, body)
    tree, data = _scanned(html)
    itemprop = data.may_have_itemprop("sourceOrganization")
    assert _source_element(tree.body, itemprop=itemprop) == _plain_source(html)


@settings(max_examples=300, deadline=None)
@given(st.booleans(), _elements(_BYLINE_NAMES, [*_BYLINE_ATTRS, *_itemprop_attrs()]))
def test_byline_candidates_without_an_itemprop_author_are_the_byline_selectors_matches(
    doctype: bool, body: str
) -> None:
    tree, data = _scanned(_page(doctype, body))
    assert tree.body is not None
    query = _BYLINE_CANDIDATES if data.may_have_itemprop("author") else _BYLINE_NO_ITEMPROP
    kept = [node for node in tree.body.css(query) if _is_byline(node)]
    assert _once(kept) == _once(tree.body.css(BYLINE_SELECTOR))


def test_unscanned_metadata_may_have_any_itemprop() -> None:
    assert StructuredData().may_have_itemprop("headline")
    assert not StructuredData(itemprop_names=frozenset({"name"})).may_have_itemprop("Headline")


# Attributes the tests of SOURCE_SELECTOR and BYLINE_SELECTOR read, in the
# spellings the selector engine may or may not take for theirs.
_TESTED_ATTRS = [
    *(' data-field="source"', ' data-field="Source"', ' data-field="source "'),
    *(' itemprop="sourceOrganization"', ' itemprop="sourceorganization"', ' itemprop="author"'),
    *(' itemprop="Author"', ' rel="author"', ' rel="AUTHOR"', ' rel="authOR"', ' rel="author x"'),
    *(' rel="\u212aauthor"', ' id="author"', ' id="my-author-box"', ' id="AUTHOR"', " rel"),
]


@st.composite
def _attribute_pages(draw: st.DrawFn, names: list[str]) -> str:
    """Elements whose classes are `names` apart by any kind of space, with
    _TESTED_ATTRS."""
    parts = []
    for _ in range(draw(st.integers(1, 6))):
        tag = draw(st.sampled_from(["div", "span", "p", "ul"]))
        chosen = draw(st.lists(st.sampled_from(names), max_size=3))
        gaps = draw(st.lists(st.sampled_from(_CLASS_GAPS), min_size=len(chosen) + 1))
        classes = gaps[0] + "".join(n + g for n, g in zip(chosen, gaps[1:], strict=False))
        attrs = f' class="{classes}"' if chosen else ""
        attrs += "".join(draw(st.lists(st.sampled_from(_TESTED_ATTRS), max_size=2, unique=True)))
        parts.append(f"<{tag}{attrs}><b class='x'>Nguồn: Báo Nông thôn</b></{tag}>")
    doctype = "<!DOCTYPE html>" if draw(st.booleans()) else ""
    return f"{doctype}<html><body>{''.join(parts)}</body></html>"


@settings(max_examples=400, deadline=None)
@given(_attribute_pages(_SOURCE_NAMES))
def test_source_test_on_attributes_is_the_source_selectors_answer(html: str) -> None:
    tree = LexborHTMLParser(html)
    for node in tree.css("body *"):
        assert _is_source(node, node.attributes) == matches_itself(node, SOURCE_SELECTOR)


@settings(max_examples=400, deadline=None)
@given(_attribute_pages(_BYLINE_NAMES))
def test_byline_test_on_attributes_is_the_byline_selectors_answer(html: str) -> None:
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    for node in tree.body.css(_BYLINE_CANDIDATES):
        assert _is_byline(node) == matches_itself(node, BYLINE_SELECTOR)


_TITLE_WORDS = ["Sản", "phẩm", "OCOP", "ocop", "tỉnh", "Báo", "Dân", "trí", "-", "|", "2025"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_TITLE_WORDS), max_size=6).map(" ".join), max_size=5))
def test_word_sets_read_once_compare_titles_as_similar_does(titles: list[str]) -> None:
    # find_headline() reads each title's words once into one table, then
    # compares every pair from it.
    known: dict[str, set[str]] = {}
    for first in titles:
        for second in titles:
            found = _similar_words(_word_set(first, known), _word_set(second, known))
            assert found == similar(first, second)


# Titles with words, and with none but a mark that casefolds to a letter.
_TITLES = st.lists(st.sampled_from([*_TITLE_WORDS, "\u0345", "—"]), max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_TITLES, st.lists(_TITLES, max_size=4), st.data())
def test_a_text_matches_the_metadata_as_when_every_title_is_compared(
    text: str, metadata: list[str], data: st.DataObject
) -> None:
    # _matches_any() answers a text that is one of the titles without words.
    if metadata and data.draw(st.booleans()):
        text = data.draw(st.sampled_from(metadata))
    found = _matches_any(text, metadata, {})
    assert found == any(similar(text, title) for title in metadata)


_HEADLINE_WORDINGS = [
    "Hà Tĩnh có thêm 12 sản phẩm OCOP",
    "Hà Tĩnh có thêm 12 sản phẩm OCOP - Báo Hà Tĩnh",
    "Thanh Hóa công nhận 35 sản phẩm OCOP năm 2025",
    "Tin tức trong ngày",
]
_HEADLINE_ATTRS = ["", ' class="title-detail"', ' class="logo"', " hidden", ' itemprop="headline"']


@st.composite
def _headline_pages(draw: st.DrawFn) -> str:
    """Pages with several h1s and other title candidates, whose texts may or
    may not say what the metadata says."""
    metas = draw(st.lists(st.sampled_from(_HEADLINE_WORDINGS), max_size=2))
    head = "".join(f'<meta property="og:title" content="{m}">' for m in metas)
    if draw(st.booleans()):
        head += f"<title>{draw(st.sampled_from(_HEADLINE_WORDINGS))}</title>"
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        tag = draw(st.sampled_from(["h1", "h1", "h2", "div"]))
        attrs = draw(st.sampled_from(_HEADLINE_ATTRS))
        parts.append(f"<{tag}{attrs}>{draw(st.sampled_from(_HEADLINE_WORDINGS))}</{tag}>")
    return f"<html><head>{head}</head><body>{''.join(parts)}</body></html>"


@settings(max_examples=300, deadline=None)
@given(_headline_pages())
def test_an_h1_matching_metadata_is_the_headline_every_candidate_would_give(html: str) -> None:
    tree, data = _scanned(html)
    url = "https://baohatinh.vn/a.html"
    found = find_headline(tree, data, url)
    plain = _choose(tree, data, url, _metadata_titles(tree, data), {})
    assert (found is None) == (plain is None)
    if found is not None and plain is not None:
        same_node = (found.node is None and plain.node is None) or (
            found.node is not None
            and plain.node is not None
            and found.node.mem_id == plain.node.mem_id
        )
        assert (found.text, found.rule) == (plain.text, plain.rule) and same_node


_JUNK_H1S = ["", "<object><h1>{}</h1></object>", "<button><h1>{}</h1></button>"]


@settings(max_examples=300, deadline=None)
@given(_headline_pages(), st.sampled_from(_JUNK_H1S))
def test_the_swept_h1s_and_titles_give_the_headline_their_queries_give(
    html: str, junk: str
) -> None:
    html = html.replace("<body>", "<body>" + junk.format(_HEADLINE_WORDINGS[0]))
    tree = LexborHTMLParser(html)
    swept = dom.sweep(tree)
    data = read_structured(tree, swept)
    dom.remove_junk(tree, swept.junk)
    url = "https://baohatinh.vn/a.html"
    fast, plain = find_headline(tree, data, url, swept), find_headline(tree, data, url)
    assert (fast is None) == (plain is None)
    if fast is not None and plain is not None:
        assert (fast.text, fast.rule) == (plain.text, plain.rule)
        assert (fast.node is None) == (plain.node is None)
        assert fast.node is None or plain.node is None or fast.node.mem_id == plain.node.mem_id
