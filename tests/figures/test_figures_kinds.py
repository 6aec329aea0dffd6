"""One test per kind, with sentences written for these tests."""

from __future__ import annotations

from figures_testkit import doc, keys

HEAD = "Tin OCOP tỉnh Nghệ An"


def test_recognized_from_cong_nhan_them() -> None:
    text = doc(HEAD, "Tháng 4 vừa qua, UBND tỉnh Nghệ An công nhận thêm 42 sản phẩm OCOP.")
    assert keys(text) == [(42, "product", "recognized", None, None)]


def test_total_from_hien_co() -> None:
    text = doc(HEAD, "Toàn tỉnh hiện có 610 sản phẩm OCOP đạt từ 3 sao trở lên.")
    assert keys(text) == [(610, "product", "total", 3, 5)]


def test_total_when_sentence_opens_with_den_nay_and_says_cong_nhan() -> None:
    text = doc(HEAD, "Đến nay, tỉnh đã công nhận 480 sản phẩm OCOP.")
    assert keys(text) == [(480, "product", "total", None, None)]


def test_target_from_phan_dau() -> None:
    text = doc(HEAD, "Năm 2025, tỉnh phấn đấu có thêm 60 sản phẩm OCOP.")
    assert keys(text) == [(60, "product", "target", None, None)]


def test_projection_se_co_is_a_target() -> None:
    text = doc(HEAD, "Dự kiến đến cuối năm, toàn tỉnh sẽ có 700 sản phẩm OCOP.")
    assert keys(text)[0][2] == "target"


def test_rerecognized_from_danh_gia_lai() -> None:
    text = doc(HEAD, "Hội đồng đã đánh giá lại 12 sản phẩm OCOP hết thời hạn công nhận năm 2021.")
    # "hết thời hạn" is the reason for the re-evaluation here, yet expiry wins
    # only when it is the count's own event: this sentence is ambiguous on
    # purpose and must at least not be a recognition.
    assert keys(text)[0][2] in {"rerecognized", "expired"}


def test_rerecognized_from_cong_nhan_lai() -> None:
    text = doc(HEAD, "Đợt này, tỉnh công nhận lại 9 sản phẩm OCOP 3 sao.")
    assert keys(text) == [(9, "product", "rerecognized", 3, 3)]


def test_upgraded_takes_the_destination_class() -> None:
    text = doc(HEAD, "Năm nay, tỉnh đã nâng hạng 4 sản phẩm OCOP từ 3 sao lên 4 sao.")
    assert keys(text) == [(4, "product", "upgraded", 4, 4)]


def test_planned_upgrade_is_a_target_with_destination_class() -> None:
    text = doc(HEAD, "Năm 2025, tỉnh đặt mục tiêu nâng cấp 2 sản phẩm 4 sao lên 5 sao.")
    assert keys(text) == [(2, "product", "target", 5, 5)]


def test_candidate_from_tham_gia_danh_gia() -> None:
    text = doc(HEAD, "Có 75 sản phẩm OCOP tham gia đánh giá, phân hạng đợt 1.")
    assert keys(text) == [(75, "product", "candidate", None, None)]


def test_potential_five_star_is_a_five_star_candidate() -> None:
    text = doc(HEAD, "Tỉnh có 3 sản phẩm OCOP tiềm năng 5 sao.")
    assert keys(text) == [(3, "product", "candidate", 5, 5)]


def test_rank_from_dung_thu() -> None:
    text = doc(HEAD, "Nghệ An hiện đứng thứ 4 cả nước về số lượng sản phẩm OCOP.")
    assert keys(text) == [(4, "product", "rank", None, None)]


def test_expired_from_het_han() -> None:
    text = doc(HEAD, "Có 21 sản phẩm OCOP đã hết hạn công nhận nhưng chưa đánh giá.")
    assert keys(text) == [(21, "product", "expired", None, None)]


def test_nang_tong_so_makes_the_count_before_it_new_and_its_own_count_total() -> None:
    text = doc(HEAD, "Hiện, xã có 2 sản phẩm OCOP 3 sao, nâng tổng số sản phẩm lên 7 sản phẩm.")
    assert keys(text) == [
        (2, "product", "recognized", 3, 3),
        (7, "product", "total", None, None),
    ]


def test_vuot_ke_hoach_is_not_a_target() -> None:
    text = doc(HEAD, "Năm 2023, tỉnh vượt kế hoạch khi công nhận 88 sản phẩm OCOP.")
    assert keys(text) == [(88, "product", "recognized", None, None)]


def test_producer_count_linked_to_products_shares_their_star_class() -> None:
    text = doc(HEAD, "Tỉnh công nhận 30 sản phẩm của 19 chủ thể đạt 4 sao.")
    assert keys(text) == [
        (30, "product", "recognized", 4, 4),
        (19, "producer", "recognized", 4, 4),
    ]


def test_producer_count_without_class_has_none() -> None:
    text = doc(HEAD, "Tỉnh công nhận 30 sản phẩm OCOP của 19 chủ thể.")
    assert keys(text) == [
        (30, "product", "recognized", None, None),
        (19, "producer", "recognized", None, None),
    ]


def test_outlet_count_is_an_outlet() -> None:
    text = doc(HEAD, "Toàn tỉnh hiện có 35 điểm giới thiệu và bán sản phẩm OCOP.")
    assert keys(text) == [(35, "outlet", "total", None, None)]
