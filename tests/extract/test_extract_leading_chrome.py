"""The sapo and the body's first blocks (extract/article.py _lead_without_chrome)
come out as the plain rule gives them: datelines and credits dropped before
the sapo is taken and again after, whichever blocks stand there."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from extract.article import _drop_leading_chrome, _lead_without_chrome
from extract.blocks import Block
from extract.body import split_lead

_TEXTS = (
    "Thứ tư, 12/03/2025 08:15 GMT+7",
    "12/03/2025",
    "Nguyễn Văn An",
    "Bài và ảnh: Minh Hà",
    "Theo TTXVN",
    "Tỉnh có 120 sản phẩm OCOP đạt 3 sao trở lên trong năm 2025 vừa qua.",
    "Tính đến ngày 31/12/2025, toàn tỉnh có 1.019 sản phẩm OCOP.",
    "Chương trình OCOP giúp nông dân tăng thu nhập và mở rộng thị trường tiêu thụ.",
    "Ngắn",
)
_TREE = LexborHTMLParser(
    "<html><body><div class='sapo'><p>s</p></div><div class='story'><p>p</p></div></body></html>"
)
_LEAD_NODE = _TREE.css_first(".sapo p")
_PLAIN_NODE = _TREE.css_first(".story p")

_blocks = st.lists(
    st.tuples(st.sampled_from(_TEXTS), st.booleans()).map(
        lambda pair: Block(pair[0], 0, "p", _LEAD_NODE if pair[1] else _PLAIN_NODE)
    ),
    max_size=9,
)


def plain(blocks: list[Block], header: list[Block]) -> tuple[str | None, list[Block]]:
    """The rule as first written: drop, take the sapo, drop again."""
    lead, blocks = split_lead(_drop_leading_chrome(blocks)[0], header)
    return lead, _drop_leading_chrome(blocks)[0]


@settings(max_examples=300, deadline=None)
@given(_blocks, _blocks)
def test_sapo_and_first_blocks_are_those_of_dropping_chrome_before_and_after_the_sapo(
    blocks: list[Block], header: list[Block]
) -> None:
    lead, kept = _lead_without_chrome(blocks, header)
    expected_lead, expected = plain(blocks, header)
    assert lead == expected_lead
    assert [b.text for b in kept] == [b.text for b in expected]


def test_chrome_after_three_dropped_lines_is_dropped_by_the_second_pass() -> None:
    lines = ["12/03/2025", "Nguyễn Văn An", "12/03/2025", "Nguyễn Văn An"]
    story = "Chương trình OCOP giúp nông dân tăng thu nhập và mở rộng thị trường tiêu thụ."
    blocks = [Block(text, 0, "p", _PLAIN_NODE) for text in [*lines, story]]
    lead, kept = _lead_without_chrome(blocks, [])
    assert lead is None
    assert [b.text for b in kept] == [story]
    assert [b.text for b in plain(blocks, [])[1]] == [story]
