"""The file commands on ../shared: the labelled pages and the seed article.

Skipped cleanly when ../shared is not beside the repository (a user's clone).
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from extract.evaluation import authors_match, same_minute, title_matches
from pipelines.cli import main
from pipelines.exit_codes import ExitCode

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
VN_NEWS = SHARED / "corpus" / "vn-news"
SEED = SHARED / "seed" / "000_9bbf225047970910.txt"

# The worked example of ../shared/spec/ocop-figures.md: (value, kind, stars, year, place_text,
# place_level); every figure is about products in Thanh Hóa.
SEED_FIGURES = {
    (156, "recognized", None, 2023, "tỉnh Thanh Hóa", "province"),
    (2, "rank", None, 2023, "Thanh Hóa", "province"),
    (3, "recognized", 3, 2023, "thị trấn Yên Cát", "commune"),
    (5, "total", 3, 2023, "thị trấn Yên Cát", "commune"),
    (15, "recognized", None, 2023, "huyện Thiệu Hóa", "district"),
    (28, "total", None, 2023, "huyện Thiệu Hóa", "district"),
    (15, "target", None, 2024, "huyện Thiệu Hóa", "district"),
    (1, "target", 5, 2024, "huyện Thiệu Hóa", "district"),
    (120, "target", None, 2024, "Thanh Hóa", "province"),
}


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_extract_command_matches_every_label_of_the_vn_news_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not (VN_NEWS / "labels.jsonl").is_file():
        pytest.skip("../shared/corpus/vn-news is absent")
    labels = _json_lines((VN_NEWS / "labels.jsonl").read_text("utf-8"))
    files = [str(VN_NEWS / label["file"]) for label in labels]
    url_map = tmp_path / "urls.json"
    url_map.write_text(
        json.dumps({f: label["url"] for f, label in zip(files, labels, strict=True)}), "utf-8"
    )
    assert main(["extract", *files, "--url-map", str(url_map)]) == ExitCode.OK
    records = {r["file"]: r for r in _json_lines(capsys.readouterr().out)}
    for file, label in zip(files, labels, strict=True):
        record = records[file]
        assert record["url"] == label["url"]
        assert title_matches(record["title"], label["title"]), file
        assert authors_match(record["authors"], label["authors"]), file
        published = datetime.fromisoformat(record["published_at"])
        assert published.tzinfo is not None, file
        assert same_minute(published, datetime.fromisoformat(label["published"])), file


def test_figures_command_on_the_seed_returns_exactly_the_worked_example(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if not SEED.is_file():
        pytest.skip("../shared/seed is absent")
    assert main(["figures", str(SEED), "--published", "2023-12-27"]) == ExitCode.OK
    (record,) = _json_lines(capsys.readouterr().out)
    assert record["file"] == str(SEED)
    figures = record["figures"]
    found = {
        (f["value"], f["kind"], f["min_stars"], f["year"], f["place_text"], f["place_level"])
        for f in figures
    }
    assert len(figures) == len(SEED_FIGURES)
    assert found == SEED_FIGURES
    assert all(f["subject"] == "product" and f["province"] == "Thanh Hóa" for f in figures)
    assert all(f["min_stars"] == f["max_stars"] for f in figures)
    text = SEED.read_text("utf-8")
    for f in figures:
        assert text[f["start"] : f["end"]].lstrip("0") == str(f["value"])
        assert text[f["start"] : f["end"]] in f["sentence"]
