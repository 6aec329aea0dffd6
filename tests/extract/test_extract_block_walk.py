"""The block walk (extract/blocks.py) and the header region (extract/region.py)
read what a plain recursive walk reads, on any tree.

BlockWalker's hot loop takes shortcuts (whitespace text nodes told by lexbor,
empty elements passed over unread, verdicts cached per class and id, the
header walk ending once it has the lines it keeps); PlainWalker below is the
rule written plainly, and generated pages must give both the same blocks.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom, thresholds
from extract.blocks import (
    _CAPTION_SIGNATURE,
    _RARE_IDS,
    BLOCK_IDS,
    CAPTION_TAGS,
    SKIP_IDS,
    BlockWalker,
    is_caption_name,
)
from extract.body import BOILERPLATE, wrapper_chars
from extract.region import header_window
from extract.text import fold

Row = tuple[str, int, str, int]  # a block as text, link characters, tag, node id
_CAPTION_IDS = dom.tag_ids(CAPTION_TAGS)


class PlainWalker:
    """The block rule, one call per node: a block ends at every block element
    and <br>; captions are set apart; hidden and boilerplate-named elements
    (unless they wrap much of the root's text) are left out; the walk ends at
    `stop`, and blocks still open end where they stand."""

    def __init__(
        self, skip: re.Pattern[str] | None, stop: LexborNode | None, skip_hidden: bool
    ) -> None:
        self.skip, self.stop, self.skip_hidden = skip, stop, skip_hidden
        self.parts: list[str] = []
        self.link_parts: list[str] = []
        self.blocks: list[tuple[str, int, str, LexborNode]] = []
        self.captions: list[str] = []
        self.stopped = False
        self.protect = 0

    def walk(self, root: LexborNode) -> PlainWalker:
        self.protect = wrapper_chars(len(root.text(deep=True, separator="")))
        self.children(root, in_link=False, depth=0)
        self.flush(root.tag or "div", root)
        return self

    def rows(self) -> list[Row]:
        return [(text, links, tag, node.mem_id) for text, links, tag, node in self.blocks]

    def children(self, parent: LexborNode, in_link: bool, depth: int) -> None:
        child = parent.child
        while (
            child is not None and not self.stopped and len(self.blocks) < thresholds.MAX_WALK_BLOCKS
        ):
            self.visit(child, in_link, depth)
            child = child.next

    def visit(self, node: LexborNode, in_link: bool, depth: int) -> None:
        kind = node.tag_id
        if kind == dom.TEXT_ID:
            text = node.text_content or ""
            if text and (self.parts or not text.isspace()):
                self.add(text, in_link)
            return
        if kind < dom.A_ID or kind in SKIP_IDS:
            return
        if self.stop is not None and node.mem_id == self.stop.mem_id:
            self.flush("div", node)
            self.stopped = True
            return
        if kind == dom.BR_ID:
            self.flush("br", node)
            return
        self.element(node, kind, in_link, depth)

    def element(self, node: LexborNode, kind: int, in_link: bool, depth: int) -> None:
        attrs = node.attributes
        if self.skip_hidden and dom.hidden_attrs(attrs):
            return
        names = f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()
        if kind in _CAPTION_IDS or _CAPTION_SIGNATURE.search(names):
            self.flush("div", node)
            caption = fold(node.text(deep=True, separator=" "))
            if caption:
                self.captions.append(caption)
            return
        boilerplate = self.skip is not None and self.skip.search(names)
        if boilerplate and not is_wrapper(node, self.protect):
            return
        block = kind in BLOCK_IDS
        if block:
            self.flush("div", node)
        if depth + 1 > dom.MAX_DEPTH:
            self.add(node.text(deep=True, separator=" "), in_link)
        else:
            inner_link = in_link if block else in_link or kind == dom.A_ID
            self.children(node, inner_link, depth + 1)
        if block:
            self.flush(node.tag or "div", node)

    def add(self, text: str, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link_parts.append(text)

    def flush(self, tag: str, node: LexborNode) -> None:
        text = fold("".join(self.parts))
        links = len(fold("".join(self.link_parts)))
        self.parts, self.link_parts = [], []
        if text:
            self.blocks.append((text, min(links, len(text)), tag, node))


def is_wrapper(node: LexborNode, min_chars: int) -> bool:
    """Rule WRAPPER_NOT_BOILERPLATE as written: much text, little of it in links."""
    size = len(node.text(deep=True, separator=""))
    links = sum(len(a.text(deep=True, separator="")) for a in node.css("a"))
    return size >= min_chars and links <= size * thresholds.WRAPPER_LINK_DENSITY


def plain_lines(root: LexborNode, stop: LexborNode | None) -> list[tuple[str, LexborNode]]:
    blocks = PlainWalker(None, stop, skip_hidden=False).walk(root).blocks
    return [(text, node) for text, _, _, node in blocks]


def plain_window(
    lines: list[tuple[str, LexborNode]], headline: LexborNode
) -> list[tuple[str, LexborNode]]:
    index = next((i for i, (_, n) in enumerate(lines) if dom.is_inside(n, headline)), None)
    if index is None:
        return lines[: thresholds.HEADER_TEXT_NODES_AFTER]
    start = max(index - thresholds.HEADER_TEXT_NODES_BEFORE, 0)
    return lines[start : index + 1 + thresholds.HEADER_TEXT_NODES_AFTER]


def plain_header(
    headline: LexborNode, body: LexborNode | None, first: LexborNode | None
) -> list[tuple[str, LexborNode]]:
    """header_window's choice of region, with the plain walk and window."""
    if body is not None and not dom.is_inside(headline, body):
        root = dom.common_ancestor(headline, body)
        if root is not None and root.tag not in ("body", "html"):
            return plain_window(plain_lines(root, body), headline)
    stop = first if body is not None else None
    root = headline
    for _ in range(4):
        if root.parent is None or root.parent.tag in ("body", "html"):
            break
        root = root.parent
    return plain_window(plain_lines(root, stop), headline)


# Pages built from the kinds of nodes the walk treats differently (inline
# ones more often: text runs across them).
_TAGS = (
    "div", "p", "span", "a", "b", "h1", "h2", "ul", "li", "nav", "figure",
    "figcaption", "section", "table", "td", "br", "img", "hr",
    "span", "a", "b", "em", "a", "span",
)  # fmt: skip
_VOID = {"br", "img", "hr"}
_CLASSES = (None, "", "story", "caption", "share", "related-news", "article-body share-enabled")
_IDS = (None, "lead", "photo-desc", "sidebar")
_STYLES = (None, "display:none", "color: red")
_WORDS = (
    "Tin", " ", "  ", "\n", "\n  ", "\t", "\xa0", "\x0b", "\x0c", "\u200b", "sản phẩm",
    "OCOP", "e\u0302", "&nbsp;", "4 sao",
)  # fmt: skip

_text = st.lists(st.sampled_from(_WORDS), max_size=4).map("".join)


@st.composite
def _element(draw: st.DrawFn, children: st.SearchStrategy[str]) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = ""
    for name, values in (("class", _CLASSES), ("id", _IDS), ("style", _STYLES)):
        value = draw(st.sampled_from(values))
        if value is not None:
            attrs += f' {name}="{value}"'
    if draw(st.integers(0, 9)) == 0:
        attrs += " hidden"
    if tag in _VOID:
        return f"<{tag}{attrs}>"
    inner = "".join(draw(st.lists(children, max_size=4)))
    return f"<{tag}{attrs}>{inner}</{tag}>"


pages = st.recursive(_text, _element, max_leaves=40).map(
    lambda body: f"<html><body><div>{body}</div><p>Tail text</p></body></html>"
)


def rows(blocks: list) -> list[Row]:
    return [(b.text, b.link_chars, b.tag, b.node.mem_id) for b in blocks]


def elements(root: LexborNode) -> list[LexborNode]:
    return [n for n in root.traverse() if n.tag_id >= dom.A_ID]


@settings(max_examples=300, deadline=None)
@given(pages)
def test_body_walk_gives_the_blocks_and_captions_of_the_plain_walk(html: str) -> None:
    root = LexborHTMLParser(html).body
    assert root is not None
    plain = PlainWalker(BOILERPLATE, None, skip_hidden=True).walk(root)
    walked = BlockWalker(skip=BOILERPLATE, protect=wrapper_chars).walk(root)
    assert rows(walked.blocks) == plain.rows()
    assert walked.captions == plain.captions


# Bytes that are not UTF-8: a character cut in two (lexbor keeps such bytes
# and each text node is decoded alone, with U+FFFD for what is not UTF-8).
_CUT = (b"\xe1", b"\xe1\xba", b"\xa1", b"\xba\xa1", b"\xff", "\ufffd".encode())


@settings(max_examples=300, deadline=None)
@given(pages, st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(_CUT)), max_size=8))
def test_body_walk_of_bytes_cut_mid_character_gives_the_blocks_of_the_plain_walk(
    html: str, cuts: list[tuple[int, bytes]]
) -> None:
    data = bytearray(html.encode())
    for at, cut in cuts:
        place = at % (len(data) + 1)
        data[place:place] = cut
    root = LexborHTMLParser(bytes(data)).body
    if root is None:
        return
    plain = PlainWalker(BOILERPLATE, None, skip_hidden=True).walk(root)
    walked = BlockWalker(skip=BOILERPLATE, protect=wrapper_chars).walk(root)
    assert rows(walked.blocks) == plain.rows()
    assert walked.captions == plain.captions


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 300), min_size=1, max_size=4),
    st.integers(0, 300),
    st.integers(0, 60),
    st.sampled_from(["share", "article-body share-enabled", "related-news"]),
    st.text(alphabet="aạ \n", max_size=20),
)
def test_a_boilerplate_named_box_is_walked_as_a_wrapper_when_the_plain_rule_says(
    before: list[int], box: int, links: int, name: str, filler: str
) -> None:
    # Paragraphs before and after the box make the text read when the box
    # is met (which bounds the root's text from below) and the text after it.
    paragraphs = [f"<p>{filler}{'w' * size}</p>" for size in before]
    html = (
        "<html><body><div>"
        + "".join(paragraphs[:-1])
        + f'<div class="{name}">{"b" * box}<a href="/">{"l" * links}</a></div>'
        + paragraphs[-1]
        + "</div></body></html>"
    )
    root = LexborHTMLParser(html).body
    assert root is not None
    plain = PlainWalker(BOILERPLATE, None, skip_hidden=True).walk(root)
    walked = BlockWalker(skip=BOILERPLATE, protect=wrapper_chars).walk(root)
    assert rows(walked.blocks) == plain.rows()


def test_text_read_before_a_wrapper_bounds_the_root_only_where_it_is_whole_utf8() -> None:
    # Each pair of text nodes holds one character cut in two: read apart they
    # make two U+FFFD, the root's text read at once one "ạ". Counted, the text
    # read would make the root look long enough for the "share" box (a fifth
    # of the root's text, few links) not to be a wrapper.
    cut = b"<b>\xe1\xba</b><b>\xa1</b>" * 100
    box = b'<div class="share">' + b"x" * 40 + b"</div>"
    root = LexborHTMLParser(b"<html><body><p>" + cut + b"</p>" + box + b"</body></html>").body
    assert root is not None
    plain = PlainWalker(BOILERPLATE, None, skip_hidden=True).walk(root)
    walked = BlockWalker(skip=BOILERPLATE, protect=wrapper_chars).walk(root)
    assert rows(walked.blocks) == plain.rows()
    assert walked.blocks[-1].text == "x" * 40


@settings(max_examples=300, deadline=None)
@given(pages, st.integers(0, 10_000))
def test_walk_to_a_stop_gives_the_blocks_of_the_plain_walk(html: str, pick: int) -> None:
    root = LexborHTMLParser(html).body
    assert root is not None
    stop = elements(root)[pick % len(elements(root))]
    plain = PlainWalker(None, stop, skip_hidden=False).walk(root)
    walked = BlockWalker(stop=stop, skip_hidden=False).walk(root)
    assert rows(walked.blocks) == plain.rows()
    assert walked.reached_stop == plain.stopped


@settings(max_examples=300, deadline=None)
@given(pages, st.integers(0, 10_000), st.integers(0, 10_000), st.booleans())
def test_header_region_is_the_plain_window_around_the_headline(
    html: str, pick_headline: int, pick_body: int, with_body: bool
) -> None:
    root = LexborHTMLParser(html).body
    assert root is not None
    nodes = elements(root)
    headline = nodes[pick_headline % len(nodes)]
    body = nodes[pick_body % len(nodes)] if with_body else None
    first = body.child if body is not None and body.child is not None else body
    header, at = header_window(headline, body, first)
    expected = plain_header(headline, body, first)
    assert [(b.text, b.node.mem_id) for b in header] == [(t, n.mem_id) for t, n in expected]
    # The walk's own index of the headline's line, as asking every line finds it.
    index = next((i for i, (_, n) in enumerate(expected) if dom.is_inside(n, headline)), None)
    assert at == index


def test_header_walk_ends_once_it_has_the_lines_after_the_headline() -> None:
    after = thresholds.HEADER_TEXT_NODES_AFTER
    lines = "".join(f"<p>Line {i}</p>" for i in range(after + 30))
    tree = LexborHTMLParser(f"<html><body><div><h1>Title</h1>{lines}</div></body></html>")
    headline = tree.css_first("h1")
    header, _ = header_window(headline, None, None)
    assert [b.text for b in header] == ["Title", *(f"Line {i}" for i in range(after))]


def test_a_big_headline_element_is_found_the_slow_way_with_the_same_answer() -> None:
    words = "".join(f"<span>w{i} </span>" for i in range(100))
    tree = LexborHTMLParser(f"<html><body><div><p>Before</p><h1>{words}</h1></div></body></html>")
    headline = tree.css_first("h1")
    header, at = header_window(headline, None, None)
    assert [b.text for b in header] == ["Before", " ".join(f"w{i}" for i in range(100))]
    assert at == 1


def test_an_empty_caption_classed_element_inside_text_ends_the_block() -> None:
    html = '<html><body><div>First half<img class="caption">second half</div></body></html>'
    root = LexborHTMLParser(html).body
    assert root is not None
    walked = BlockWalker(skip=BOILERPLATE, protect=wrapper_chars).walk(root)
    assert [b.text for b in walked.blocks] == ["First half", "second half"]


def test_space_between_two_inline_elements_stays_in_the_block() -> None:
    html = "<html><body><p><b>Tin</b>\n<i>OCOP</i> <a href='/'>mới</a></p></body></html>"
    root = LexborHTMLParser(html).body
    assert root is not None
    walked = BlockWalker(skip=BOILERPLATE, protect=wrapper_chars).walk(root)
    assert [(b.text, b.link_chars) for b in walked.blocks] == [("Tin OCOP mới", 3)]


def test_an_id_makes_a_caption_of_an_element_whose_class_says_nothing() -> None:
    html = (
        '<html><body><div class="story">One</div><div class="story" id="photo-desc">Two</div>'
        '<div class="story" id="sidebar">Three</div>'
        f"<p>{'A long paragraph of the story itself. ' * 5}</p></body></html>"
    )
    root = LexborHTMLParser(html).body
    assert root is not None
    walked = BlockWalker(skip=BOILERPLATE, protect=wrapper_chars).walk(root)
    assert [b.text for b in walked.blocks][:-1] == ["One"]
    assert walked.captions == ["Two"]


_LIMIT = thresholds.MAX_WALK_BLOCKS
_DEEP = dom.MAX_DEPTH


@pytest.mark.parametrize(
    ("html", "count"),
    [
        # The limit is reached as a paragraph ends; the text after it is not read.
        (
            "<h1>Title</h1>"
            + "".join(f"<div><p>a{i}</p>b{i}</div>" for i in range(_LIMIT // 2 + 5)),
            _LIMIT,
        ),
        # The limit is reached as a paragraph, a line break or a caption
        # starts: what follows is not read.
        ("<p>x</p>" * (_LIMIT - 1) + "x<p>y</p>", _LIMIT),
        ("<p>x</p>" * (_LIMIT - 1) + "x<br>y", _LIMIT),
        ("<p>x</p>" * (_LIMIT - 1) + "x<figcaption>c</figcaption>y", _LIMIT),
        # The limit is reached as a block starts too deep to walk: its text,
        # read whole, ends as one more block.
        (
            "<p>x</p>" * (_LIMIT - 1) + "<div>" * _DEEP + "x<p>deep</p>" + "</div>" * _DEEP,
            _LIMIT + 1,
        ),
    ],
)
def test_walk_ends_at_the_block_limit_like_the_plain_walk(html: str, count: int) -> None:
    root = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    assert root is not None
    plain = PlainWalker(BOILERPLATE, None, skip_hidden=True).walk(root)
    walked = BlockWalker(skip=BOILERPLATE, protect=wrapper_chars).walk(root)
    assert len(walked.blocks) == count
    assert rows(walked.blocks) == plain.rows()


def test_markup_nested_past_the_depth_limit_is_read_as_one_text() -> None:
    depth = dom.MAX_DEPTH + 10
    html = "<div>" * depth + "Deep <p>text</p> here" + "</div>" * depth
    root = LexborHTMLParser(f"<html><body>{html}<p>After</p></body></html>").body
    assert root is not None
    plain = PlainWalker(BOILERPLATE, None, skip_hidden=True).walk(root)
    walked = BlockWalker(skip=BOILERPLATE, protect=wrapper_chars).walk(root)
    assert rows(walked.blocks) == plain.rows()
    assert [b.text for b in walked.blocks] == ["Deep text here", "After"]


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map("".join))
def test_lexbor_calls_a_text_node_empty_only_when_python_calls_it_space(text: str) -> None:
    # The walk skips the text nodes lexbor calls empty without reading them.
    tree = LexborHTMLParser(f"<html><body><b>x</b>{text}<i>y</i></body></html>")
    node = tree.css_first("b").next  # type: ignore[union-attr]
    if node is not None and node.tag_id == dom.TEXT_ID and node.is_empty_text_node:
        assert (node.text_content or "").isspace()


# Pieces of class names: the caption pattern's words, parts of them, and
# what may stand between them.
_NAME_PIECES = (
    "caption", "capt", "ion", "image", "img", "photo", "desc", "des", "c", "chu", "thich",
    "chu-thich", "-", "_", " ", "x", "box", "IMAGE", "Desc",
)  # fmt: skip


@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=8).map("".join))
def test_caption_name_test_agrees_with_the_caption_pattern(name: str) -> None:
    lowered = name.lower()
    assert is_caption_name(lowered) == bool(_CAPTION_SIGNATURE.search(lowered))


@pytest.mark.parametrize(
    "html",
    [
        "<p><a href='/x'>  Tin \n  tức  </a></p>",
        "<p><a>One</a> <a>two</a></p>",
        "<p>Lead <a>link</a></p>",
        "<p><a>link</a> tail</p>",
    ],
)
def test_link_characters_are_counted_as_the_plain_walk_counts_them(html: str) -> None:
    root = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    assert root is not None
    plain = PlainWalker(None, None, skip_hidden=True).walk(root)
    assert rows(BlockWalker().walk(root).blocks) == plain.rows()


def test_the_walk_asks_again_of_exactly_the_kinds_it_passes_by_or_ends_at() -> None:
    # One lookup in _RARE_IDS stands for the tests of non-element kinds, left
    # out kinds and <br>: every tag id lexbor may give is checked.
    for kind in range(4096):
        rare = (kind < dom.A_ID and kind != dom.TEXT_ID) or kind in SKIP_IDS or kind == dom.BR_ID
        assert (kind in _RARE_IDS) == rare
