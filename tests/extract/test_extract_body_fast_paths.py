"""The fast paths of the body's collection (body.py, blocks.py's names,
article.py's chrome drop, pagetype.py's measures) give what the plain
computations give: each is compared with its plain form on generated pages,
lines and names."""

from __future__ import annotations

import re
from dataclasses import replace
from unittest.mock import patch

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import body, dom, thresholds
from extract.article import _MAX_LEADING_CHROME, _drop_leading_chrome, _is_dateline
from extract.blocks import _CAPTION_SIGNATURE, Block, BlockWalker, is_caption_name
from extract.body import (
    _PADDED_BOILERPLATE,
    BOILERPLATE,
    LEAD_SIGNATURE,
    _best_of,
    _holds_most_of,
    _lone_known_holds,
    is_teaser,
)
from extract.bylines import parse_credit
from extract.pagetype import _page_teasers, is_site_root, measure, rejection

# Prose of both scripts, with the spaces visible_len() tells apart.
_PROSE = (
    "The council approved the plan for certified products. ",
    "Tỉnh có 1.019 sản phẩm OCOP được công nhận\xa0từ 3 sao trở lên. ",
    "Người dân\u3000 vùng cao\n\t  ",
    "\u200b",
)
_LINK = '<a href="/x">Xem thêm tin liên quan</a>'
_NODE: LexborNode = LexborHTMLParser("<p>x</p>").css_first("p")  # type: ignore[assignment]


@st.composite
def nested_stories(draw: st.DrawFn) -> str:
    """A known container inside a wrapper, each with prose and links of any
    amount: the container holds from none to all of the wrapper's prose,
    on both sides of the rule's share and of its least size."""

    def text(most: int) -> str:
        parts = draw(st.lists(st.sampled_from([*_PROSE, _LINK]), max_size=most))
        return "".join(f"<p>{part}</p>" if part in _PROSE[:2] else part for part in parts)

    inner = f'<div class="detail-content">{text(12)}</div>'
    return f"<html><body><article>{text(4)}{inner}{text(4)}</article></body></html>"


def _nested_pairs(tree: LexborHTMLParser) -> list[tuple[LexborNode, LexborNode]]:
    assert tree.body is not None
    elements = [node for node in tree.body.traverse() if node.tag_id >= dom.A_ID]
    return [
        (inner, outer)
        for outer in elements
        for inner in elements
        if inner.mem_id != outer.mem_id and dom.is_inside(inner, outer)
    ]


def plain_lone_known_holds(node: LexborNode, winner: LexborNode) -> bool:
    """_best_of() then _holds_most_of() of the one known container, its text measured whole."""
    texts: dict[int, int] = {}
    known = _best_of([node], texts)
    return known is not None and _holds_most_of(known, (winner,), texts[node.mem_id])


@settings(max_examples=300, deadline=None)
@given(nested_stories(), st.sampled_from((0.01, 0.3, 1.0, 2.0, 50.0)))
def test_a_lone_known_container_replaces_the_winner_as_when_measured_whole(
    html: str, slack: float
) -> None:
    # Whatever prefix the guess measures first (from a few characters to the
    # whole text), the answer is the whole text's.
    with patch.object(body, "_PREFIX_SLACK", slack):
        for inner, outer in _nested_pairs(LexborHTMLParser(html)):
            assert _lone_known_holds(inner, outer) == plain_lone_known_holds(inner, outer)


# Words and the spaces between them, about a headline's length in all.
_WORD = st.sampled_from(["Tin", "liên", "quan", "x" * 9])
_WORDS = st.lists(
    st.tuples(_WORD, st.sampled_from([" ", "\xa0", ""])),
    max_size=9,
).map(lambda pairs: "".join(word + space for word, space in pairs))


def plain_is_teaser(block: Block) -> bool:
    text = block.text
    return len(text) >= 25 and len(text.split()) >= 5 and block.link_density >= 0.8


@settings(max_examples=300)
@given(_WORDS, st.floats(0.0, 1.0))
def test_a_teaser_is_told_as_its_plain_definition_tells_it(text: str, share: float) -> None:
    block = Block(text, round(share * len(text)), "p", _NODE)
    assert is_teaser(block) == plain_is_teaser(block)


# Datelines, bylines, a source line, lines that are both or neither, prose.
_CHROME = (
    "Thứ tư, 12/03/2025 08:15 GMT+7",
    "12/03/2025",
    "Nguyễn Văn An",
    "Nguyễn Văn An 12/03/2025",
    "Theo TTXVN",
    "Tính đến ngày 31/12/2025, toàn tỉnh có 1.019 sản phẩm OCOP.",
    "Chương trình OCOP giúp nông dân tăng thu nhập và mở rộng thị trường tiêu thụ.",
)


def plain_drop_leading_chrome(blocks: list[Block]) -> list[Block]:
    """Every leading line asked both whether it is a dateline and a credit."""
    dropped = 0
    while blocks and dropped < _MAX_LEADING_CHROME:
        text = blocks[0].text
        is_dateline = _is_dateline(text)
        credit = parse_credit(text) if len(text) <= 60 else None
        if not is_dateline and not (credit and credit.authors and not credit.source):
            return blocks
        blocks = blocks[1:]
        dropped += 1
    return blocks


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_CHROME), max_size=6))
def test_leading_chrome_is_dropped_as_when_every_line_is_asked_both_ways(
    texts: list[str],
) -> None:
    blocks = [Block(text, 0, "p", _NODE) for text in texts]
    kept, _ = _drop_leading_chrome(blocks)
    assert [b.text for b in kept] == [b.text for b in plain_drop_leading_chrome(blocks)]


_TEASER = "<a href='/t'>Tỉnh có thêm năm sản phẩm OCOP bốn sao</a>"
_LISTING = LexborHTMLParser(f"<html><body>{_TEASER * 12}<p>{_PROSE[1]}</p></body></html>")
_URLS = (
    "https://baotinh.vn/",
    "https://baotinh.vn/trang-chu.htm",
    "https://baotinh.vn/tin/a-1.htm",
)
_RUNS = st.sampled_from((0, 100, thresholds.ARTICLE_RUN_CHARS - 1, thresholds.ARTICLE_RUN_CHARS))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from((_PROSE[0], _PROSE[1], "Xem thêm tin liên quan về OCOP")), max_size=8),
    st.integers(0, 9),
    st.one_of(_RUNS, st.integers(0, 3000)),
    st.integers(0, 4),
    st.tuples(st.booleans(), st.booleans(), st.booleans()),
    st.sampled_from(_URLS),
)
def test_a_page_is_refused_as_when_every_measure_is_taken(
    texts: list[str],
    container_teasers: int,
    longest_run: int,
    teasers: int,
    flags: tuple[bool, bool, bool],
    url: str,
) -> None:
    blocks = [Block(text, len(text) if "liên" in text else 0, "p", _NODE) for text in texts]
    header = [Block("Xem thêm tin liên quan về OCOP hôm nay", 38, "a", _NODE)] * teasers
    has_headline, visible, typed = flags
    shape = measure(
        blocks, container_teasers, longest_run, header, has_headline, _LISTING, visible, typed, url
    )
    plain = replace(
        shape,
        body_chars=sum(len(b.text) - b.link_chars for b in blocks),
        page_teasers=_page_teasers(_LISTING),
        site_root=is_site_root(url),
    )
    assert rejection(shape) == rejection(plain)


# LEAD_SIGNATURE as the rule reads: "lead" at the start or after a separator.
_PLAIN_LEAD = re.compile(
    r"sapo|(?:^|[\s_-])lead|summary|description|intro|chapeau|excerpt|standfirst|"
    r"abstract|subtitle|sub-title|teaser|hometext"
)
_NAME_PIECES = st.sampled_from(
    ["lead", "l", "ead", "le", "ad", "-", "_", " ", "\t", "\xa0", "x", "é", "sapo", "sub-title"]
)


@settings(max_examples=500)
@given(st.lists(_NAME_PIECES, max_size=8).map("".join))
def test_the_lead_pattern_finds_a_lead_name_where_the_plain_pattern_does(name: str) -> None:
    assert bool(LEAD_SIGNATURE.search(name)) == bool(_PLAIN_LEAD.search(name))


_CAPTION_PIECES = st.sampled_from(
    ["caption", "CAPTION", "image", "-", "_", "desc", "chu", "thich", " ", "ΑΣ", "İ", "\u212a", "x"]
)
_NAMES = st.one_of(st.none(), st.lists(_CAPTION_PIECES, max_size=5).map("".join))


@settings(max_examples=500)
@given(_NAMES, _NAMES)
def test_the_header_walk_tells_a_caption_by_its_names_as_the_pattern_does(
    classes: str | None, ident: str | None
) -> None:
    assume(classes or ident)  # the walk asks only elements with a class or an id
    plain = _CAPTION_SIGNATURE.search(f"{classes or ''} {ident or ''}".lower()) is not None
    assert BlockWalker()._names(classes, ident) == (plain, False)


_BOX_PIECES = st.sampled_from(
    ["share", "Share", "ads", "advert", "box", "tin", "lien-quan", "-", "_", " ", "\n", "x", "é"]
)


@settings(max_examples=500)
@given(st.lists(_BOX_PIECES, max_size=6).map("".join))
def test_the_body_walk_judges_a_name_as_the_flat_boilerplate_pattern_does(name: str) -> None:
    # The walk asks the padded pattern of the name with a space at each end.
    lowered = name.lower()
    plain = (is_caption_name(lowered), BOILERPLATE.search(lowered) is not None)
    assert BlockWalker(skip=_PADDED_BOILERPLATE)._name(name) == plain
    assert BlockWalker(skip=BOILERPLATE)._name(name) == plain
