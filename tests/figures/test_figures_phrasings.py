"""Rules added for phrasings the mini-web gold showed; every sentence is written for these tests."""

from __future__ import annotations

from datetime import date

from figures_testkit import doc, keys, only, run

HEAD = "Tin OCOP Ninh Bình"


def test_category_parts_take_their_own_markers_after_a_conjunction() -> None:
    text = doc(
        HEAD,
        "Năm 2024, tỉnh công nhận 40 sản phẩm OCOP 4 sao, gồm 25 sản phẩm công nhận mới, "
        "9 sản phẩm đánh giá lại và 6 sản phẩm nâng hạng từ 3 sao.",
    )
    assert keys(text) == [
        (40, "product", "recognized", 4, 4),
        (25, "product", "recognized", 4, 4),
        (9, "product", "rerecognized", 4, 4),
        (6, "product", "upgraded", 4, 4),
    ]


def test_trong_do_sentence_splits_the_count_its_parts_add_up_to() -> None:
    text = doc(
        HEAD,
        "UBND tỉnh công nhận 20 sản phẩm OCOP đợt 1 năm 2024. Trước đó, Hội đồng đã chấm "
        "điểm 27 sản phẩm. Trong đó, 14 sản phẩm mới và 6 sản phẩm được công nhận lại.",
    )
    assert keys(text)[1:] == [
        (27, "product", "candidate", None, None),
        (14, "product", "recognized", None, None),
        (6, "product", "rerecognized", None, None),
    ]


def test_trong_n_san_pham_names_the_whole_it_splits() -> None:
    text = doc(
        HEAD,
        "Huyện Kim Sơn trao chứng nhận 05 sản phẩm OCOP 3 sao.",
        "Trong 05 sản phẩm có 03 sản phẩm được công nhận mới và 02 sản phẩm được đánh giá lại.",
    )
    assert keys(text) == [
        (5, "product", "recognized", 3, 3),
        (3, "product", "recognized", 3, 3),
        (2, "product", "rerecognized", 3, 3),
    ]


def test_breakdown_opened_by_cac_san_pham_gom_refers_back() -> None:
    text = doc(
        HEAD,
        "Năm 2023, tỉnh công nhận thêm 30 sản phẩm OCOP.",
        "Các sản phẩm được công nhận gồm 4 sản phẩm 4 sao và 26 sản phẩm 3 sao.",
    )
    assert keys(text)[1:] == [
        (4, "product", "recognized", 4, 4),
        (26, "product", "recognized", 3, 3),
    ]


def test_nang_tong_so_with_the_noun_before_the_number() -> None:
    text = doc(
        HEAD, "Năm 2024, huyện Yên Mô có thêm 4 sản phẩm OCOP, nâng tổng số sản phẩm lên 22."
    )
    assert keys(text) == [
        (4, "product", "recognized", None, None),
        (22, "product", "total", None, None),
    ]


def test_plan_categories_are_targets_with_the_destination_class() -> None:
    text = doc(
        HEAD,
        "Năm 2025, tỉnh phấn đấu công nhận mới 50 sản phẩm, đánh giá lại 30 sản phẩm và "
        "nâng hạng 10 sản phẩm lên 4 sao.",
    )
    assert keys(text) == [
        (50, "product", "target", None, None),
        (30, "product", "target", None, None),
        (10, "product", "target", 4, 4),
    ]


def test_enumerated_sections_take_the_heading_kind_and_class() -> None:
    text = doc(
        HEAD,
        "1. Công nhận sản phẩm đạt hạng 4 sao, gồm 02 sản phẩm: Cá kho; Miến lươn.",
        "2. Công nhận lại sản phẩm đạt hạng 3 sao, gồm 03 sản phẩm: Dê núi; Cơm cháy; Rượu.",
        "3. Đề nghị Trung ương đánh giá 5 sao đối với 01 sản phẩm: Cơm cháy.",
    )
    assert keys(text) == [
        (2, "product", "recognized", 4, 4),
        (3, "product", "rerecognized", 3, 3),
        (1, "product", "candidate", 5, 5),
    ]


def test_proposal_to_the_national_council_is_a_candidate() -> None:
    text = doc(
        HEAD,
        "Tỉnh đã gửi hồ sơ đề nghị Hội đồng cấp Trung ương đánh giá, công nhận 3 sản phẩm 5 sao.",
    )
    assert keys(text) == [(3, "product", "candidate", 5, 5)]


def test_expiry_given_as_a_reason_does_not_make_a_renewal_expired() -> None:
    text = doc(HEAD, "Năm 2024, tỉnh đánh giá lại 8 sản phẩm OCOP do hết thời hạn.")
    assert keys(text) == [(8, "product", "rerecognized", None, None)]


def test_renewal_verb_before_the_count_beats_an_expiry_modifier() -> None:
    text = doc(HEAD, "Năm 2023, tỉnh công nhận lại 13 sản phẩm OCOP hết thời hạn.")
    assert keys(text) == [(13, "product", "rerecognized", None, None)]


def test_not_taking_part_in_renewal_is_expired_and_registering_is_a_candidate() -> None:
    text = doc(
        HEAD,
        "Năm 2024, tỉnh có 30 sản phẩm OCOP hết hạn.",
        "Trong đó, 19 sản phẩm đăng ký đánh giá lại, 11 sản phẩm không tham gia đánh giá lại.",
    )
    assert keys(text)[1:] == [
        (19, "product", "candidate", None, None),
        (11, "product", "expired", None, None),
    ]


def test_round_with_a_year_and_duoc_cong_nhan_is_a_recognition() -> None:
    text = doc(HEAD, "Năm 2024, toàn tỉnh có 57 sản phẩm được công nhận OCOP.")
    assert keys(text) == [(57, "product", "recognized", None, None)]


def test_stock_word_keeps_duoc_cong_nhan_a_total() -> None:
    text = doc(HEAD, "Đến nay, toàn tỉnh có 410 sản phẩm được công nhận OCOP.")
    assert keys(text) == [(410, "product", "total", None, None)]


def test_merged_province_moi_is_not_a_new_round() -> None:
    text = doc(HEAD, "Tỉnh Ninh Bình mới có 820 sản phẩm OCOP từ 3 sao trở lên.")
    assert keys(text) == [(820, "product", "total", 3, 5)]


def test_ket_qua_opener_makes_a_recognition() -> None:
    text = doc(HEAD, "Hội đồng chấm điểm 30 sản phẩm. Kết quả, có 24 sản phẩm đạt OCOP 3 sao.")
    assert keys(text) == [
        (30, "product", "candidate", None, None),
        (24, "product", "recognized", 3, 3),
    ]


def test_progress_against_the_years_plan_is_a_recognition() -> None:
    text = doc(HEAD, "Đến nay, tỉnh đã công nhận 41 sản phẩm OCOP, đạt 68% kế hoạch năm.")
    assert keys(text) == [(41, "product", "recognized", None, None)]


def test_star_class_without_tu_before_tro_len() -> None:
    text = doc(HEAD, "Năm 2025, huyện phấn đấu có thêm 05 sản phẩm OCOP đạt 3 sao trở lên.")
    assert keys(text) == [(5, "product", "target", 3, 5)]


def test_upgrade_origin_class_is_no_class_of_the_count() -> None:
    text = doc(
        HEAD,
        "Năm 2024, tỉnh công nhận 12 sản phẩm OCOP 4 sao, trong đó 3 sản phẩm nâng hạng từ 3 sao.",
    )
    assert keys(text)[1] == (3, "product", "upgraded", 4, 4)


def test_bare_diem_is_an_outlet_only_inside_an_outlet_breakdown() -> None:
    text = doc(
        HEAD,
        "Toàn tỉnh có 15 điểm giới thiệu và bán sản phẩm OCOP, trong đó 04 điểm tại thành phố "
        "Tam Điệp. Sản phẩm phải đạt 70 điểm trở lên.",
    )
    assert keys(text) == [(15, "outlet", "total", None, None), (4, "outlet", "total", None, None)]
    assert run(text)[1].place_level == "district"


def test_producers_after_a_list_of_product_names_belong_to_the_count() -> None:
    text = doc(
        HEAD,
        "Năm 2024, huyện công nhận 6 sản phẩm OCOP gồm miến, mắm tép và rượu, của 4 chủ thể.",
    )
    assert keys(text) == [
        (6, "product", "recognized", None, None),
        (4, "producer", "recognized", None, None),
    ]


def test_list_items_share_the_first_items_kind() -> None:
    text = doc(HEAD, "Năm 2024, tỉnh công nhận 3 sản phẩm OCOP 4 sao, 17 sản phẩm 3 sao.")
    assert keys(text) == [(3, "product", "recognized", 4, 4), (17, "product", "recognized", 3, 3)]


def test_name_list_between_count_and_verb_keeps_the_verbs_kind_and_class() -> None:
    text = doc(HEAD, "Cụ thể, 2 sản phẩm miến dong, cá kho được nâng hạng lên 4 sao.")
    assert keys(text) == [(2, "product", "upgraded", 4, 4)]


def test_headline_restatement_counts_once() -> None:
    text = doc(
        "Kim Sơn có thêm 6 sản phẩm OCOP",
        "Năm 2024, huyện Kim Sơn công nhận 6 sản phẩm đạt OCOP 3 sao.",
    )
    assert keys(text) == [(6, "product", "recognized", 3, 3)]


def test_classless_restatement_in_the_body_counts_once() -> None:
    text = doc(
        HEAD,
        "Năm 2024, huyện Kim Sơn công nhận 7 sản phẩm đạt OCOP 3 sao.",
        "Theo quyết định, 7 sản phẩm được công nhận gồm miến, mắm và rượu.",
    )
    assert keys(text) == [(7, "product", "recognized", 3, 3)]


def test_headline_only_figure_stays() -> None:
    text = doc("Cả nước có hơn 17.000 sản phẩm OCOP", "Chương trình OCOP tiếp tục lan tỏa.")
    figure = only(text)
    assert (figure.value, figure.qualifier, figure.place_level) == (17000, "more_than", "national")


def test_baseline_year_of_a_change_is_not_carried() -> None:
    text = doc(
        HEAD,
        "Năm 2024, tỉnh có 300 sản phẩm OCOP. So với cuối năm 2023, số sản phẩm tăng 40 sản phẩm.",
        "Bên cạnh đó, 5 sản phẩm đã hết thời hạn công nhận.",
    )
    assert [(f.value, f.year) for f in run(text)] == [(300, 2024), (5, 2024)]


def test_expiry_year_is_when_it_lapsed_not_the_origin_year() -> None:
    text = doc(HEAD, "Có 9 sản phẩm OCOP được công nhận năm 2021 đã hết hiệu lực từ tháng 5/2024.")
    assert only(text).year == 2024


def test_hien_sentence_gives_the_publish_year_over_a_carried_target_year() -> None:
    text = doc(
        HEAD,
        "Tỉnh phấn đấu đến năm 2030 có 700 sản phẩm OCOP. Hiện toàn tỉnh có 512 sản phẩm OCOP.",
    )
    assert [(f.value, f.year) for f in run(text, published=date(2025, 4, 2))] == [
        (700, 2030),
        (512, 2025),
    ]


def test_den_cuoi_nam_is_the_publish_year() -> None:
    text = doc(HEAD, "Dự kiến đến cuối năm, toàn tỉnh sẽ có khoảng 600 sản phẩm OCOP.")
    assert only(text, published=date(2026, 5, 4)).year == 2026


def test_sentence_opening_tai_x_names_its_topic_not_a_venue() -> None:
    text = doc("Cả nước có 16.000 sản phẩm OCOP", "Tại Ninh Bình, hiện có 400 sản phẩm OCOP.")
    assert run(text)[-1].province == "Ninh Bình"


def test_dan_dau_ca_nuoc_is_a_scope_not_the_place() -> None:
    text = doc(HEAD, "Thành phố Hà Nội hiện dẫn đầu cả nước với 3.100 sản phẩm OCOP.")
    assert (only(text).province, only(text).place_level) == ("Hà Nội", "province")


def test_headline_opening_with_a_district_of_the_outlet_province() -> None:
    text = doc("Kim Sơn: 4 sản phẩm OCOP hết hạn", "Năm 2025, 4 sản phẩm OCOP hết hạn công nhận.")
    figure = only(text, province="Ninh Bình")
    assert (figure.place_text, figure.place_level, figure.province) == (
        "Kim Sơn",
        "district",
        "Ninh Bình",
    )


def test_xep_hang_3_sao_is_a_class_not_a_rank() -> None:
    assert keys(doc(HEAD, "Sản phẩm đạt 70 điểm trở lên được xếp hạng 3 sao OCOP.")) == []
