"""Properties: any input is safe, offsets always point at the reported number."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.figures import extract_figures, figures_from_page_text, parse_number

_PIECES = st.sampled_from(
    [
        "OCOP",
        " ",
        ", ",
        ". ",
        "\n\n",
        "sản phẩm",
        "3 sao",
        "từ 3 sao trở lên",
        "trong đó",
        "(",
        ")",
        "12",
        "03",
        "1.234",
        "6/6",
        "Hai",
        "hơn",
        "công nhận thêm",
        "nâng tổng số",
        "phấn đấu",
        "năm 2023",
        "huyện Thiệu Hóa",
        "tỉnh Thanh Hoá",
        "toàn tỉnh",
        "chủ thể",
        "của",
        "đứng thứ 2",
        "cả nước",
        "điểm bán",
        "Trong đó, ",
        "tiềm năng 5 sao",
        "…",
        "Quyết định 148",
        "ngày 24/02/2023",
        "e\u0301",
        "Ho\u0301a",
    ]
)
_TEXTS = st.one_of(st.text(), st.lists(_PIECES, max_size=40).map("".join))


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_any_text_never_raises_and_offsets_hold_the_value(text: str) -> None:
    for figure in extract_figures(text, province="Thanh Hoá"):
        assert 0 <= figure.start < figure.end <= len(text)
        assert parse_number(text[figure.start : figure.end]) == figure.value


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_page_text_never_raises_and_offsets_hold_the_value(text: str) -> None:
    for figure in figures_from_page_text(text):
        assert parse_number(text[figure.start : figure.end]) == figure.value
