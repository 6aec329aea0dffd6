"""Star forms and approximation words."""

from __future__ import annotations

import pytest
from figures_testkit import doc, keys, only

HEAD = "OCOP Hà Tĩnh"


@pytest.mark.parametrize(
    ("phrase", "stars"),
    [
        ("11 sản phẩm OCOP 3 sao", (3, 3)),
        ("11 sản phẩm đạt chuẩn OCOP 4 sao", (4, 4)),
        ("11 sản phẩm đạt hạng 3 sao", (3, 3)),
        ("11 sản phẩm OCOP 3-4 sao", (3, 4)),
        ("11 sản phẩm OCOP 3 sao, 4 sao", (3, 4)),
        ("11 sản phẩm OCOP từ 3 đến 4 sao", (3, 4)),
        ("11 sản phẩm OCOP đạt từ 3 sao trở lên", (3, 5)),
        ("11 sản phẩm OCOP cấp quốc gia", (5, 5)),
        ("11 sản phẩm OCOP", (None, None)),
        ("11 sản phẩm OCOP cấp tỉnh", (None, None)),
    ],
)
def test_star_forms(phrase: str, stars: tuple[int | None, int | None]) -> None:
    figure = only(doc(HEAD, f"Năm 2023, tỉnh công nhận {phrase}."))
    assert (figure.min_stars, figure.max_stars) == stars


def test_inverted_star_before_the_count() -> None:
    figure = only(doc(HEAD, "Kết quả đánh giá năm 2023: hạng 4 sao có 6 sản phẩm OCOP."))
    assert (figure.value, figure.min_stars, figure.max_stars) == (6, 4, 4)


def test_star_class_without_count_is_not_a_figure() -> None:
    assert keys(doc(HEAD, "Tuy vậy, sản phẩm OCOP 4 sao của tỉnh còn rất ít.")) == []


@pytest.mark.parametrize(
    ("word", "qualifier"),
    [
        ("hơn", "more_than"),
        ("trên", "more_than"),
        ("gần", "nearly"),
        ("khoảng", "about"),
        ("xấp xỉ", "about"),
        ("ít nhất", "at_least"),
        ("tối thiểu", "at_least"),
    ],
)
def test_qualifiers(word: str, qualifier: str) -> None:
    figure = only(doc(HEAD, f"Toàn tỉnh hiện có {word} 300 sản phẩm OCOP."))
    assert (figure.value, figure.qualifier) == (300, qualifier)


def test_exact_count_has_no_qualifier() -> None:
    assert only(doc(HEAD, "Toàn tỉnh hiện có 300 sản phẩm OCOP.")).qualifier is None
