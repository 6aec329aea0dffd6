"""The figure scorer and the gold-file loader, on hand-made cases."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extract.figures.evaluation import (
    GoldArticle,
    GoldFigureRecord,
    GoldFileError,
    gold_line,
    load_gold,
    score_figures,
)


def _fig(
    value: int, kind: str = "total", stars: int | None = None, **kw: object
) -> GoldFigureRecord:
    fields: dict[str, object] = {
        "value": value,
        "subject": "product",
        "kind": kind,
        "min_stars": stars,
        "max_stars": stars,
        "qualifier": None,
        "year": 2024,
        "place_text": "tỉnh Nghệ An",
        "place_level": "province",
        "province": "Nghệ An",
    }
    fields.update(kw)
    return GoldFigureRecord(**fields)  # type: ignore[arg-type]


def test_perfect_prediction_scores_one_everywhere() -> None:
    gold = [_fig(10, "recognized"), _fig(300)]
    score = score_figures([(gold, gold)])
    assert (score.strict.precision, score.strict.recall, score.strict.f1) == (1.0, 1.0, 1.0)
    assert (score.year_accuracy, score.place_accuracy) == (1.0, 1.0)


def test_a_figure_restated_twice_counts_once() -> None:
    predicted = [_fig(10, "recognized"), _fig(10, "recognized")]
    score = score_figures([(predicted, [_fig(10, "recognized")])])
    assert (score.strict.true_positives, score.strict.false_positives) == (1, 0)


def test_wrong_kind_is_a_strict_miss_but_a_loose_hit() -> None:
    score = score_figures([([_fig(10, "total")], [_fig(10, "recognized")])])
    assert (score.strict.true_positives, score.strict.false_positives) == (0, 1)
    assert score.strict.false_negatives == 1
    assert score.loose.true_positives == 1
    assert score.year_accuracy is None  # no strict match: nothing to measure


def test_micro_average_sums_counts_over_articles() -> None:
    first = ([_fig(1), _fig(2)], [_fig(1)])  # one false positive
    second = ([_fig(3)], [_fig(3), _fig(4)])  # one false negative
    score = score_figures([first, second])
    assert (score.strict.precision, score.strict.recall) == (2 / 3, 2 / 3)
    assert score.articles == 2


def test_per_kind_rows_give_support_and_scores() -> None:
    predicted = [_fig(5, "target"), _fig(7, "expired")]
    gold = [_fig(5, "target"), _fig(8, "expired"), _fig(9, "expired")]
    rows = {r.kind: r.score for r in score_figures([(predicted, gold)]).per_kind}
    assert rows["target"].f1 == 1.0 and rows["target"].support == 1
    assert rows["expired"].support == 2 and rows["expired"].precision == 0.0
    assert list(rows) == ["target", "expired"]  # models.KINDS order, seen kinds only


def test_year_and_place_accuracy_over_matches_only() -> None:
    predicted = [_fig(5, year=2023), _fig(6, province="Hà Tĩnh"), _fig(99)]
    gold = [_fig(5), _fig(6)]
    score = score_figures([(predicted, gold)])
    assert score.matched == 2
    assert (score.year_accuracy, score.place_accuracy) == (0.5, 0.5)


def test_place_accuracy_compares_province_and_level_not_the_written_text() -> None:
    predicted = [_fig(5, place_text="toàn tỉnh")]
    assert score_figures([(predicted, [_fig(5)])]).place_accuracy == 1.0


def test_gold_file_round_trips(tmp_path: Path) -> None:
    article = GoldArticle("a.txt", date(2024, 5, 1), "Nghệ An", (_fig(12, "upgraded", 4),))
    path = tmp_path / "gold.jsonl"
    path.write_text(gold_line(article) + "\n\n", "utf-8")
    assert load_gold(path) == [article]


@pytest.mark.parametrize(
    "figure",
    [
        {"value": 3, "subject": "product", "kind": "made_up"},
        {"value": "3", "subject": "product", "kind": "total"},
        {"value": 3, "subject": "product", "kind": "total", "min_stars": 4, "max_stars": 3},
        {"value": 3, "subject": "product", "kind": "total", "colour": "red"},
    ],
)
def test_bad_gold_lines_name_the_line(tmp_path: Path, figure: dict[str, object]) -> None:
    line = {"file": "a.txt", "published": None, "province": None, "figures": [figure]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(line) + "\n", "utf-8")
    with pytest.raises(GoldFileError, match="line 1"):
        load_gold(path)


def test_missing_gold_file_says_which(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="cannot read"):
        load_gold(tmp_path / "absent.jsonl")
