"""Year rules: stated, rounds, relative to the publish date, periods, legal references."""

from __future__ import annotations

from datetime import date

from figures_testkit import doc, only

HEAD = "OCOP Lâm Đồng"


def test_stated_year_in_the_clause() -> None:
    assert only(doc(HEAD, "Năm 2022, tỉnh công nhận 55 sản phẩm OCOP.")).year == 2022


def test_round_year_kept_when_published_next_year() -> None:
    text = doc(HEAD, "Kết quả đợt 3 năm 2023, tỉnh công nhận 17 sản phẩm OCOP.")
    assert only(text, published=date(2024, 1, 9)).year == 2023


def test_nam_nay_is_the_publish_year() -> None:
    text = doc(HEAD, "Năm nay, tỉnh công nhận 20 sản phẩm OCOP.")
    assert only(text, published=date(2024, 10, 2)).year == 2024


def test_nam_toi_target_is_the_next_year() -> None:
    text = doc(HEAD, "Năm tới, tỉnh phấn đấu có thêm 30 sản phẩm OCOP.")
    assert only(text, published=date(2024, 10, 2)).year == 2025


def test_running_total_without_year_takes_the_publish_year() -> None:
    text = doc(HEAD, "Hiện nay, toàn tỉnh có 400 sản phẩm OCOP.")
    assert only(text, published=date(2025, 3, 1)).year == 2025


def test_running_total_without_any_date_is_null() -> None:
    assert only(doc(HEAD, "Hiện nay, toàn tỉnh có 400 sản phẩm OCOP."), published=None).year is None


def test_period_takes_its_end_year() -> None:
    text = doc(HEAD, "Giai đoạn 2021-2025, tỉnh phấn đấu có 450 sản phẩm OCOP.")
    assert only(text).year == 2025


def test_den_nam_target_year() -> None:
    text = doc(HEAD, "Tỉnh phấn đấu đến năm 2030 có 600 sản phẩm OCOP.")
    assert only(text, published=date(2024, 1, 1)).year == 2030


def test_thoi_gian_toi_target_is_null() -> None:
    text = doc(HEAD, "Năm 2023 đã qua. Trong thời gian tới, tỉnh phấn đấu có 50 sản phẩm OCOP.")
    assert only(text, published=date(2024, 1, 1)).year is None


def test_legal_reference_date_never_sets_the_year() -> None:
    text = doc(
        HEAD,
        "Năm 2024, thực hiện Quyết định 148/QĐ-TTg ngày 24/02/2023, huyện đã công nhận "
        "9 sản phẩm OCOP.",
    )
    assert only(text, published=date(2024, 8, 1)).year == 2024


def test_since_year_is_not_the_figures_year() -> None:
    text = doc(HEAD, "Từ năm 2019 đến nay, tỉnh đã có 300 sản phẩm OCOP.")
    assert only(text, published=date(2024, 8, 1)).year == 2024


def test_lead_year_carries_to_later_sentences() -> None:
    text = doc(
        HEAD, "Năm 2022 là năm bản lề của chương trình OCOP.", "Tỉnh công nhận 33 sản phẩm OCOP."
    )
    assert only(text, published=date(2023, 2, 1)).year == 2022
