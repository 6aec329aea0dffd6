"""Whole-page text: headline after a hotline, chrome and teasers left out."""

from __future__ import annotations

from datetime import date

from extract.figures import figures_from_page_text

PAGE = """Hotline: 0203 3825 111

Hà Giang có thêm 19 sản phẩm OCOP

Năm 2024, UBND tỉnh Hà Giang đã công nhận 19 sản phẩm OCOP đạt 3 sao.

Minh Anh - Quốc Việt

14/11/2024 08:30

Sản phẩm OCOP của Hà Giang- Ảnh 1.

Tỉnh phấn đấu năm 2025 có thêm 25 sản phẩm OCOP.

Nguồn: Báo Hà Giang

Ý kiến bạn đọc

Xã bên có 40 sản phẩm OCOP 3 sao

10:15 , 02/12/2025

Tin khác về 77 sản phẩm OCOP.
"""


def test_page_text_keeps_body_figures_and_drops_teasers() -> None:
    figures = figures_from_page_text(PAGE, published=date(2024, 11, 14))
    rows = [(f.value, f.kind, f.min_stars, f.year) for f in figures]
    # the headline's "19 sản phẩm" is the body's figure restated: one figure
    assert rows == [(19, "recognized", 3, 2024), (25, "target", None, 2025)]
    assert all(PAGE[f.start : f.end] == str(f.value) for f in figures)


def test_page_text_without_chrome_still_works() -> None:
    figures = figures_from_page_text("Tin OCOP\n\nTỉnh hiện có 90 sản phẩm OCOP.")
    assert [f.value for f in figures] == [90]
