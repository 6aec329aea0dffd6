"""The body's block filters (extract/body.py) keep their plain definitions
behind their shortcuts: prose has a letter or digit and few links; a long
block that repeats an earlier one (casefolded) is dropped."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import thresholds
from extract.blocks import Block, BlockWalker
from extract.body import (
    _KEY_START,
    _PADDED_BOILERPLATE,
    _dedupe,
    _is_prose,
    collect_body,
    wrapper_chars,
)

_NODE: LexborNode = LexborHTMLParser("<p>x</p>").css_first("p")  # type: ignore[assignment]

# Casefolding makes "ß" two letters and "ǅ" another; "." and "…" are not
# letters; "x" repeated brings a text near the short-block length.
_PIECES = st.sampled_from(["ß", "SS", "ss", "Ǆ", "ǆ", "A", "a", ".", "…", " ", "- ", "x" * 39])
_texts = st.lists(_PIECES, min_size=1, max_size=8).map("".join)


def plain_is_prose(block: Block) -> bool:
    if not any(c.isalnum() for c in block.text):
        return False
    if len(block.text) < thresholds.SHORT_BLOCK_CHARS:
        return block.link_density <= thresholds.MAX_SHORT_BLOCK_LINK_DENSITY
    return block.link_density <= thresholds.MAX_LINK_DENSITY


def plain_dedupe(blocks: list[Block]) -> list[Block]:
    seen: set[str] = set()
    kept = []
    for block in blocks:
        key = block.text.casefold()
        if len(key) > thresholds.SHORT_BLOCK_CHARS and key in seen:
            continue
        seen.add(key)
        kept.append(block)
    return kept


@given(_texts, st.integers(0, 200))
def test_prose_is_a_text_with_a_letter_or_digit_and_few_links(text: str, links: int) -> None:
    block = Block(text, min(links, len(text)), "p", _NODE)
    assert _is_prose(block) == plain_is_prose(block)


@given(st.lists(_texts, max_size=8))
def test_only_repeats_of_long_blocks_casefolded_are_dropped(texts: list[str]) -> None:
    blocks = [Block(text, 0, "p", _NODE) for text in texts]
    assert _dedupe(blocks) == plain_dedupe(blocks)


def test_casefolding_never_makes_or_takes_a_space() -> None:
    # _dedupe compares only blocks with as many spaces.
    assert " ".casefold() == " "
    assert not any(" " in chr(c).casefold() for c in range(sys.maxunicode + 1) if c != 32)


@given(st.text())
def test_the_start_of_a_casefold_is_the_casefold_of_the_start(text: str) -> None:
    # _dedupe tells texts apart by the starts of their casefolds, made from
    # the starts of the texts.
    assert text[:_KEY_START].casefold()[:_KEY_START] == text.casefold()[:_KEY_START]


def test_repeats_that_casefold_alike_only_past_their_first_characters_are_dropped() -> None:
    # "ß" and "SS" casefold alike ("ss"): the starts compared are the
    # casefolds', not the texts'; "Straße" and "STRASSE" start alike only so.
    tail = " ".join(["x" * 20] * 4)
    for first, second in (
        ("ß", "SS"),
        ("SS", "ß"),
        ("Straße ", "STRASSE "),
        ("STRASSE ", "Straße "),
    ):
        texts = [first + tail, second + tail, second.lower() + tail.upper()]
        blocks = [Block(text, 0, "p", _NODE) for text in texts]
        assert [b.text for b in _dedupe(blocks)] == [texts[0]]
        assert _dedupe(blocks) == plain_dedupe(blocks)


def test_a_short_block_whose_casefold_is_long_still_drops_its_repeats() -> None:
    long = "ß" * (thresholds.SHORT_BLOCK_CHARS // 2 + 1)
    blocks = [Block(text, 0, "p", _NODE) for text in (long, long.upper(), "s" * len(long) * 2)]
    assert [b.text for b in _dedupe(blocks)] == [long]


def test_a_block_whose_casefold_is_exactly_short_is_kept_each_time() -> None:
    # 79 characters, 80 once casefolded ("ß" -> "ss"): not long enough to drop.
    text = "x" * (thresholds.SHORT_BLOCK_CHARS - 2) + "ß"
    blocks = [Block(t, 0, "p", _NODE) for t in (text, text, text.upper())]
    assert [b.text for b in _dedupe(blocks)] == [text, text, text.upper()]


# Paragraphs whose text, or part of it, sits inside a link.
_paragraphs = st.lists(
    st.tuples(_texts, _texts, st.sampled_from(["", "link", "part"])), min_size=1, max_size=8
)


def _page(paragraphs: list[tuple[str, str, str]]) -> str:
    lines = []
    for text, more, link in paragraphs:
        if link == "link":
            lines.append(f"<p><a href='#'>{text}</a></p>")
        elif link == "part":
            lines.append(f"<p>{text}<a href='#'>{more}</a></p>")
        else:
            lines.append(f"<p>{text}</p>")
    return f"<div>{''.join(lines)}</div>"


@given(_paragraphs)
def test_the_body_keeps_the_blocks_the_plain_filters_keep(
    paragraphs: list[tuple[str, str, str]],
) -> None:
    # collect_body tells most prose blocks before calling _is_prose.
    root = LexborHTMLParser(_page(paragraphs)).css_first("div")
    assert root is not None
    walked = BlockWalker(skip=_PADDED_BOILERPLATE, protect=wrapper_chars).walk(root)
    expected = plain_dedupe([b for b in walked.blocks if plain_is_prose(b)])
    kept = collect_body((root,)).blocks
    assert [(b.text, b.link_chars) for b in kept] == [(b.text, b.link_chars) for b in expected]
