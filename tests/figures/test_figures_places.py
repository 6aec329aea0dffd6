"""Place rules: clause, parenthesis, paragraph carry-over, headline, outlet; anaphors."""

from __future__ import annotations

import pytest
from figures_testkit import doc, only

from extract.figures import canonical_province


def _place(figure: object) -> tuple[object, object, object]:
    return figure.place_text, figure.place_level, figure.province  # type: ignore[attr-defined]


def test_explicit_place_in_the_clause() -> None:
    text = doc("Tin OCOP", "Năm 2023, tỉnh Hòa Bình công nhận 64 sản phẩm OCOP.")
    assert _place(only(text)) == ("tỉnh Hòa Bình", "province", "Hòa Bình")


def test_district_in_parentheses_after_the_noun_phrase() -> None:
    text = doc("Tin OCOP", "Năm 2023, có 5 sản phẩm OCOP (huyện Nông Cống) được công nhận.")
    assert _place(only(text)) == ("huyện Nông Cống", "district", "Thanh Hóa")


def test_address_chain_keeps_the_most_specific_unit() -> None:
    text = doc(
        "Tin OCOP",
        "Chủ tịch UBND xã Yên Lạc, huyện Yên Định, tỉnh Thanh Hoá cho biết "
        "xã đã có 4 sản phẩm OCOP.",
    )
    assert _place(only(text)) == ("xã Yên Lạc", "commune", "Thanh Hóa")


def test_toan_huyen_resolves_to_the_nearest_district() -> None:
    text = doc(
        "Tin OCOP",
        "Huyện Tiên Du (Bắc Ninh) có nhiều làng nghề. Năm 2023, toàn huyện có 26 sản phẩm OCOP.",
    )
    assert _place(only(text)) == ("Huyện Tiên Du", "district", "Bắc Ninh")


def test_toan_tinh_without_antecedent_uses_the_outlet_province() -> None:
    text = doc("Tin OCOP", "Năm 2023, toàn tỉnh có 300 sản phẩm OCOP.")
    assert _place(only(text, province="Nghe An")) == ("toàn tỉnh", "province", "Nghệ An")


def test_paragraph_carry_over_skips_an_issuing_office() -> None:
    text = doc(
        "Phú Thọ: nhiều sản phẩm OCOP mới",
        "Giám đốc Sở Nông nghiệp tỉnh Vĩnh Phúc cho biết: năm 2024, chúng tôi công nhận "
        "44 sản phẩm OCOP.",
    )
    assert _place(only(text)) == ("Phú Thọ", "province", "Phú Thọ")


def test_headline_place_is_the_fallback() -> None:
    text = doc("Gia Lai có thêm sản phẩm OCOP", "Năm 2023, tỉnh công nhận 41 sản phẩm OCOP.")
    assert _place(only(text)) == ("Gia Lai", "province", "Gia Lai")


def test_outlet_province_is_the_last_fallback() -> None:
    text = doc("Thêm sản phẩm OCOP", "Năm 2023, đã công nhận 41 sản phẩm OCOP.")
    assert _place(only(text, province="Đồng Tháp")) == (None, "province", "Đồng Tháp")


def test_ca_nuoc_is_national_without_province() -> None:
    text = doc("Tin OCOP Nghệ An", "Đến nay, cả nước có hơn 16.000 sản phẩm OCOP.")
    assert _place(only(text, province="Nghệ An")) == ("cả nước", "national", None)


def test_other_province_in_the_clause_gets_that_province() -> None:
    text = doc("Tin OCOP Nghệ An", "Trong khi đó, tỉnh Hà Tĩnh đã có 420 sản phẩm OCOP.")
    assert only(text, province="Nghệ An").province == "Hà Tĩnh"


def test_central_city_is_a_province_and_ordinary_city_a_district() -> None:
    a = only(doc("OCOP", "Năm 2023, thành phố Cần Thơ công nhận 12 sản phẩm OCOP."))
    b = only(doc("OCOP", "Năm 2023, thành phố Thanh Hóa công nhận 12 sản phẩm OCOP."))
    assert (a.place_level, a.province) == ("province", "Cần Thơ")
    assert (b.place_level, b.province) == ("district", "Thanh Hóa")


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Thanh Hoá", "Thanh Hóa"),
        ("tỉnh Khánh Hoà", "Khánh Hòa"),
        ("thanh hoa", "Thanh Hóa"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thừa Thiên Huế", "Huế"),
        ("Bắc Kạn", "Bắc Kạn"),  # merged into Thái Nguyên in 2025, still a name
        ("Đắk Lắk", "Đắk Lắk"),
        ("Atlantis", None),
    ],
)
def test_canonical_province_names(written: str, canonical: str | None) -> None:
    assert canonical_province(written) == canonical
