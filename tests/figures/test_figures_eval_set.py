"""The labelled evaluation set: own passages, the mini-web's articles and the seed.

Each set is scored the way `ocop-news eval figures` scores it (page-text
reading, the outlet province of each gold line); the done-when targets are
strict F1 >= 0.95 and year/place accuracy >= 0.95 over matched figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.figures.evaluation import FigureScore, load_gold
from extract.models import KINDS
from pipelines.evaluate import evaluate_figures
from pipelines.miniweb import gold as miniweb_gold

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "figures" / "data"
SEED_DIR = REPO / ".." / "shared" / "seed"


TARGET = 0.95


def _score(text_dir: Path, gold_file: Path) -> FigureScore:
    return evaluate_figures(text_dir, gold_file)


def _report(score: FigureScore) -> str:
    kinds = ", ".join(f"{row.kind} {row.score.f1:.3f}" for row in score.per_kind)
    return (
        f"strict F1 {score.strict.f1:.3f}; year {score.year_accuracy}; "
        f"place {score.place_accuracy}; per kind: {kinds}"
    )


def _assert_meets_targets(score: FigureScore) -> None:
    assert score.strict.f1 >= TARGET, _report(score)
    assert (score.year_accuracy or 0) >= TARGET, _report(score)
    assert (score.place_accuracy or 0) >= TARGET, _report(score)


def test_own_passages_meet_the_targets() -> None:
    _assert_meets_targets(_score(DATA / "passages", DATA / "gold.jsonl"))


def test_own_passages_cover_every_kind() -> None:
    kinds = {f.kind for a in load_gold(DATA / "gold.jsonl") for f in a.figures}
    assert kinds == set(KINDS)


def test_every_passage_file_has_exactly_one_gold_line() -> None:
    files = sorted(p.name for p in (DATA / "passages").glob("*.txt"))
    assert sorted(a.file for a in load_gold(DATA / "gold.jsonl")) == files


def test_exported_miniweb_meets_the_targets(tmp_path: Path) -> None:
    count = miniweb_gold.export(tmp_path)
    assert count == len(load_gold(tmp_path / "gold.jsonl")) >= 60
    _assert_meets_targets(_score(tmp_path, tmp_path / "gold.jsonl"))


def test_seed_meets_the_targets() -> None:
    if not SEED_DIR.is_dir():
        pytest.skip("../shared/seed is not present beside the repo")
    score = _score(SEED_DIR, DATA / "seed_gold.jsonl")
    assert score.strict.f1 == 1.0, _report(score)
    assert (score.year_accuracy, score.place_accuracy) == (1.0, 1.0)
