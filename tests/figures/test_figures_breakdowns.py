"""Breakdowns: parts inherit kind, year and place; own markers win."""

from __future__ import annotations

from figures_testkit import doc, keys, run

HEAD = "OCOP Bắc Giang"


def test_trong_do_parts_inherit_the_parents_kind() -> None:
    text = doc(
        HEAD,
        "Năm 2023, tỉnh công nhận thêm 23 sản phẩm OCOP, trong đó 2 sản phẩm 4 sao và "
        "21 sản phẩm 3 sao.",
    )
    assert keys(text) == [
        (23, "product", "recognized", None, None),
        (2, "product", "recognized", 4, 4),
        (21, "product", "recognized", 3, 3),
    ]


def test_parenthetical_breakdown() -> None:
    text = doc(
        HEAD,
        "Toàn tỉnh hiện có 410 sản phẩm OCOP (trong đó 1 sản phẩm 5 sao, 90 sản phẩm 4 sao, "
        "319 sản phẩm 3 sao).",
    )
    assert keys(text) == [
        (410, "product", "total", None, None),
        (1, "product", "total", 5, 5),
        (90, "product", "total", 4, 4),
        (319, "product", "total", 3, 3),
    ]


def test_new_sentence_trong_do_refers_back_to_the_previous_count() -> None:
    text = doc(
        HEAD,
        "Đợt 2 năm 2023, UBND tỉnh công nhận 18 sản phẩm OCOP. Trong đó, 11 sản phẩm mới và "
        "7 sản phẩm được đánh giá lại.",
    )
    assert keys(text) == [
        (18, "product", "recognized", None, None),
        (11, "product", "recognized", None, None),
        (7, "product", "rerecognized", None, None),
    ]
    assert {f.year for f in run(text)} == {2023}


def test_con_lai_remainder_is_not_read_as_a_count() -> None:
    text = doc(
        HEAD,
        "Năm 2023, tỉnh công nhận 40 sản phẩm OCOP, trong đó có 6 sản phẩm 4 sao, còn lại 3 sao.",
    )
    assert keys(text) == [
        (40, "product", "recognized", None, None),
        (6, "product", "recognized", 4, 4),
    ]


def test_potential_five_star_inside_a_total_stays_a_candidate() -> None:
    text = doc(
        HEAD,
        "Toàn tỉnh hiện có 52 sản phẩm OCOP 4 sao, trong đó 2 sản phẩm tiềm năng 5 sao.",
    )
    assert keys(text) == [
        (52, "product", "total", 4, 4),
        (2, "product", "candidate", 5, 5),
    ]


def test_part_takes_parent_place_and_year() -> None:
    text = doc(
        HEAD,
        "Năm 2022, huyện Lục Ngạn có 12 sản phẩm OCOP được công nhận, trong đó 3 sản phẩm 4 sao.",
    )
    parent, part = run(text)
    assert (part.year, part.place_text, part.province) == (2022, "huyện Lục Ngạn", "Bắc Giang")
    assert (parent.year, parent.place_text) == (part.year, part.place_text)


def test_nang_tong_so_ends_a_breakdown() -> None:
    text = doc(
        HEAD,
        "Năm 2023, tỉnh công nhận 30 sản phẩm OCOP, trong đó 4 sản phẩm 4 sao, nâng tổng số "
        "sản phẩm OCOP của tỉnh lên 360 sản phẩm.",
    )
    assert keys(text)[-1] == (360, "product", "total", None, None)
