"""Number formats, and the trap families that are never figures."""

from __future__ import annotations

import pytest
from figures_testkit import doc, keys, only

from extract.figures import parse_number

HEAD = "OCOP Quảng Ninh"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Năm 2023, tỉnh công nhận 07 sản phẩm OCOP.", 7),
        ("Cả nước hiện có 1.234 sản phẩm OCOP.", 1234),
        ("Năm 2023, huyện có 6/6 sản phẩm OCOP được công nhận.", 6),
        ("Hai sản phẩm OCOP của tỉnh vừa đạt 5 sao.", 2),
    ],
)
def test_number_formats(sentence: str, value: int) -> None:
    assert only(doc(HEAD, sentence)).value == value


def test_parse_number_reads_digits_dots_and_words() -> None:
    assert parse_number("03") == 3
    assert parse_number("2.167") == 2167
    assert parse_number("Hai") == 2
    assert parse_number("1,5") is None


@pytest.mark.parametrize(
    "sentence",
    [
        # document numbers, with and without suffix
        "Theo Quyết định số 1523/QĐ-UBND, tỉnh ghi nhận sản phẩm OCOP mới.",
        "Căn cứ Quyết định 148 sản phẩm OCOP được phân cấp đánh giá.",
        # dates, including the dotted day.month
        "Ngày 12/3/2024 là hạn nộp hồ sơ OCOP, ngày 30.9 là hạn chót.",
        # ordinals and rounds
        "Đây là lần thứ 3 sản phẩm OCOP của tỉnh được vinh danh.",
        # durations
        "Sau 5 năm triển khai chương trình OCOP, tỉnh đã có nhiều đổi mới.",
        # localities, dossiers and groups
        "Có 9 huyện và 40 hồ sơ tham gia chương trình OCOP năm nay.",
        # scores: điểm as points
        "Sản phẩm OCOP phải đạt từ 70 điểm trở lên.",
        # money, area, percent
        "Mỗi sản phẩm OCOP được hỗ trợ 50 triệu đồng, vùng nguyên liệu 120 ha, tăng 15%.",
        # phone numbers and addresses
        "Liên hệ điểm bán OCOP: 0238 3844 555, số 12 đường Lê Lợi.",
        # digits inside names
        "Gạo VD20 và rượu Làng Vân 36 là sản phẩm OCOP.",
        # percentages of products
        "Có 67,3% sản phẩm OCOP đạt 3 sao.",
        # a range is not a count
        "Mỗi huyện xây dựng 2-3 sản phẩm OCOP, tối đa từ 4 đến 5 sản phẩm.",
        # one of a group, the only one
        "Đây là 1 trong 4 sản phẩm OCOP 5 sao của tỉnh.",
        # per-locality quota
        "Mỗi xã có ít nhất 1 sản phẩm OCOP.",
        # change against an earlier year
        "Số sản phẩm OCOP tăng 25 sản phẩm so với năm 2022.",
        # negative results
        "Có 4 sản phẩm không đạt điểm tối thiểu để xếp hạng OCOP.",
        # products outside the programme
        "Tỉnh có 14 sản phẩm nông sản đặc trưng bên cạnh sản phẩm OCOP.",
        # products on e-commerce and at fairs
        "Có 80 sản phẩm OCOP được đưa lên sàn thương mại điện tử.",
        "Hội chợ trưng bày 200 sản phẩm OCOP của các tỉnh.",
    ],
)
def test_trap_sentences_give_no_figure(sentence: str) -> None:
    assert keys(doc(HEAD, sentence)) == []


def test_article_without_ocop_gives_nothing() -> None:
    assert keys(doc("Tin nông nghiệp", "Tỉnh công nhận 40 sản phẩm tiêu biểu.")) == []


def test_digit_inside_ward_name_is_not_a_count() -> None:
    assert keys(doc(HEAD, "Phường 4 sản phẩm OCOP chưa có.")) == []
