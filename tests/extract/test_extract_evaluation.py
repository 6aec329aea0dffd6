"""The scoring functions behave as ../shared/spec/scoring.md defines them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from extract.evaluation import (
    authors_match,
    body_score,
    page_score,
    same_day,
    same_minute,
    title_matches,
)

VN = timezone(timedelta(hours=7))


def test_title_match_ignores_case_spacing_and_normal_form() -> None:
    assert title_matches("Giá  vàng\u00a0GIẢM", "giá vàng giảm")
    assert title_matches("Cafe\u0301", "Café")
    assert not title_matches("Giá vàng giảm - VnExpress", "Giá vàng giảm")


def test_author_sets_compare_as_sets_after_normalisation() -> None:
    assert authors_match(["Nghi Vũ", "Nhật Xuân"], ["nhật xuân", "NGHI VŨ"])
    assert not authors_match(["Nhật Xuân"], ["Nhật Xuân", "Nghi Vũ"])
    assert authors_match([], [])


def test_same_minute_needs_the_same_instant_across_zones() -> None:
    label = datetime(2026, 3, 7, 8, 1, tzinfo=VN)
    assert same_minute(datetime(2026, 3, 7, 1, 1, 53, tzinfo=UTC), label)
    assert not same_minute(datetime(2026, 3, 7, 8, 1, tzinfo=UTC), label)
    assert not same_minute(None, label)


def test_same_day_reads_the_day_in_the_label_zone() -> None:
    label = datetime(2026, 3, 7, 0, 5, tzinfo=VN)
    assert same_day(datetime(2026, 3, 6, 17, 30, tzinfo=UTC), label)
    assert not same_day(datetime(2026, 3, 6, 16, 30, tzinfo=UTC), label)


def test_page_score_counts_shingles_with_multiplicity() -> None:
    gold = "one two three four five"
    perfect = page_score(gold, gold)
    assert (perfect.precision, perfect.recall) == (1.0, 1.0)
    half = page_score("one two three four", gold)  # 1 of 2 gold shingles
    assert half.precision == 1.0 and half.recall == 0.5
    assert page_score("", gold).recall == 0.0


def test_body_f1_is_computed_from_mean_precision_and_recall() -> None:
    score = body_score([("a b c d", "a b c d"), ("", "w x y z")])
    assert score.precision == 0.5 and score.recall == 0.5
    assert abs(score.f1 - 0.5) < 1e-9
