"""The header walk read from near the headline (extract/region.py
_near_window, BlockWalker.walk_from) keeps the lines the walk from the start
of the region keeps, on any page.

Generated pages put long menus, captions, <br>, hidden and boilerplate-named
elements and characters cut mid-byte-sequence before a headline nested at
any depth, with the stop node anywhere; the thresholds are made small so
that the near start, its moving back and the block limit all come into play.
"""

from __future__ import annotations

from unittest.mock import patch

from hypothesis import event, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom, region, thresholds
from extract.blocks import Block

Row = tuple[str, int, str, int]

_TAGS = (
    "div", "p", "span", "a", "b", "h2", "ul", "li", "nav", "figure", "figcaption",
    "section", "td", "br", "img", "span", "a", "em",
)  # fmt: skip
_VOID = {"br", "img"}
_CLASSES = (None, "menu", "caption", "photo-desc", "share", "ad-banner", "story")
_STYLES = (None, "display:none")
# Text pieces, a few of them bytes that are not UTF-8 (a character cut in two).
_WORDS = (
    b"Tin", b" ", b"\n  ", b"\xc2\xa0", b"s\xe1\xba\xa3n ph\xe1\xba\xa9m", b"OCOP", b"&nbsp;",
    b"\xe2\x80\x8b", b"Tin", b" ", b"\n  ", b"OCOP", b"Tin", b"\n  ", b"OCOP",
    b"\xe1", b"\xe1\xba", b"\xa1", b"\xff",
)  # fmt: skip

_text = st.lists(st.sampled_from(_WORDS), max_size=4).map(b"".join)


@st.composite
def _element(draw: st.DrawFn, children: st.SearchStrategy[bytes]) -> bytes:
    tag = draw(st.sampled_from(_TAGS))
    attrs = ""
    for name, values in (("class", _CLASSES), ("style", _STYLES)):
        value = draw(st.sampled_from(values))
        if value is not None:
            attrs += f' {name}="{value}"'
    if draw(st.integers(0, 9)) == 0:
        attrs += ' aria-hidden="true"'
    if tag in _VOID:
        return f"<{tag}{attrs}>".encode()
    inner = b"".join(draw(st.lists(children, max_size=4)))
    return f"<{tag}{attrs}>".encode() + inner + f"</{tag}>".encode()


_chunk = st.recursive(_text, _element, max_leaves=12)


@st.composite
def _menu(draw: st.DrawFn) -> bytes:
    items = draw(st.integers(0, 60) | st.integers(10, 60))
    link = draw(st.sampled_from([b"<a href='/'>Menu</a>", b"Item", b"<b>x</b><br>y"]))
    lines = b"".join(b"<li>" + link + b"</li>" for _ in range(items))
    return b"<ul class='nav-menu'>" + lines + b"</ul>"


_before = st.lists(st.one_of(_menu(), _chunk), max_size=4).map(b"".join)
_WRAPPERS = (b"div", b"section", b"span", b"a", b"article", b"header", b"p")


@st.composite
def pages(draw: st.DrawFn) -> bytes:
    """A headline `depth` elements deep, with content before it at every level."""
    headline = b"<h1 id='hl'>Headline " + draw(_text) + b"</h1>"
    for _ in range(draw(st.integers(0, 6))):
        tag = draw(st.sampled_from(_WRAPPERS))
        name = draw(st.sampled_from([b""] * 6 + [b" class='caption'", b" class='share'"]))
        headline = draw(_before) + b"<" + tag + name + b">" + headline + b"</" + tag + b">"
        headline += draw(_before)
    return b"<html><body><div>" + draw(_before) + headline + draw(_before) + b"</div></body></html>"


def rows(blocks: list[Block]) -> list[Row]:
    return [(b.text, b.link_chars, b.tag, b.node.mem_id) for b in blocks]


def lines(window: region.Window, headline: LexborNode) -> list[Block]:
    """The lines of a window, whose index of the headline's line must be the
    one found by asking every line whether it ended inside the headline."""
    blocks, index = window
    plain = next((i for i, b in enumerate(blocks) if dom.is_inside(b.node, headline)), None)
    assert index == plain
    return blocks


def _elements(root: LexborNode) -> list[LexborNode]:
    return [n for n in root.traverse() if n.tag_id >= dom.A_ID]


@settings(max_examples=600, deadline=None)
@given(
    pages(),
    st.integers(0, 10),
    st.sampled_from(["none", "after", "after", "anywhere"]),
    st.integers(0, 10_000),
    st.one_of(st.integers(1, 40), st.integers(1, 400)),
    st.one_of(st.just(thresholds.MAX_WALK_BLOCKS), st.integers(14, 300)),
)
def test_header_window_read_from_near_the_headline_is_the_window_of_the_whole_walk(
    html: bytes, climb: int, stop_at: str, pick: int, start_chars: int, limit: int
) -> None:
    tree = LexborHTMLParser(html)
    headline = tree.css_first("#hl")
    assert headline is not None and tree.body is not None
    root = headline
    for _ in range(climb):
        if root.parent is None or root.parent.tag == "html":
            break
        root = root.parent
    nodes = _elements(tree.body)
    if stop_at == "after":
        # The body's usual place: after the headline (or the headline's last line).
        ids = [n.mem_id for n in nodes]
        nodes = nodes[ids.index(headline.mem_id) + 1 :] or nodes
    stop = nodes[pick % len(nodes)] if stop_at != "none" else None
    with (
        patch.object(thresholds, "HEADER_START_CHARS", start_chars),
        patch.object(thresholds, "MAX_WALK_BLOCKS", limit),
    ):
        near = region._near_window(root, stop, headline)
        whole = lines(region._whole_window(root, stop, headline), headline)
        assert rows(lines(region._window(root, stop, headline), headline)) == rows(whole)
    event("read from near the headline" if near is not None else "read whole")
    if near is not None:
        assert rows(lines(near, headline)) == rows(whole)


def _menu_page(items: int, cut: bytes = b"") -> tuple[LexborNode, LexborNode]:
    menu = b"".join(b"<li><a href='/'>Item" + cut + b"</a></li>" for _ in range(items))
    html = b"<html><body><div><ul>" + menu + b"</ul><div><h1>Headline</h1><p>Dateline</p>"
    tree = LexborHTMLParser(html + b"</div></div></body></html>")
    headline = tree.css_first("h1")
    assert headline is not None and headline.parent is not None
    root = headline.parent.parent
    assert root is not None
    return root, headline


def test_header_walk_behind_a_long_menu_starts_near_the_headline() -> None:
    root, headline = _menu_page(200)
    window = region._near_window(root, None, headline)
    assert window is not None
    near = lines(window, headline)
    assert rows(near) == rows(lines(region._whole_window(root, None, headline), headline))
    assert [b.text for b in near] == ["Item"] * 12 + ["Headline", "Dateline"]
    assert window[1] == 12


def test_header_walk_from_inside_a_link_counts_the_link_text_as_the_whole_walk_does() -> None:
    # The start stands inside a link that also holds the headline: the walk
    # from there must know it reads link text.
    menu = b"".join(b"<li>Item</li>" for _ in range(150))
    html = b"<html><body><div><a href='/'><ul>" + menu + b"</ul><div><h1>Headline</h1></div></a>"
    tree = LexborHTMLParser(html + b"<p>Body</p></div></body></html>")
    headline = tree.css_first("h1")
    assert headline is not None and tree.body is not None and tree.body.child is not None
    root = tree.body.child
    window = region._near_window(root, None, headline)
    assert window is not None
    near = lines(window, headline)
    assert rows(near) == rows(lines(region._whole_window(root, None, headline), headline))
    assert all(b.link_chars == len(b.text) for b in near[:13])


def test_header_walk_that_the_block_limit_ends_before_the_headline_is_read_whole() -> None:
    # Forty menu lines before the headline and a limit of thirty: the whole
    # walk ends inside the menu, so its window is the menu's first lines.
    root, headline = _menu_page(40)
    with patch.object(thresholds, "MAX_WALK_BLOCKS", 30):
        assert region._near_window(root, None, headline) is None
        window = lines(region._window(root, None, headline), headline)
    assert [b.text for b in window] == ["Item"] * 30


def test_header_walk_after_characters_cut_between_text_nodes_is_read_whole() -> None:
    # Each menu line ends in the first byte of a character: decoded at once
    # and apart the text differs, so the text before the start bounds nothing.
    root, headline = _menu_page(200, cut=b"\xe1")
    assert region._near_window(root, None, headline) is None
    window = lines(region._window(root, None, headline), headline)
    assert [b.text for b in window][-2:] == ["Headline", "Dateline"]
