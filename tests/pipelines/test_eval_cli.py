"""`ocop-news eval`: scores printed from real pages; broken label files are clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.cli import main
from pipelines.exit_codes import ExitCode

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
PAGE = (
    "<html><head><title>Tin</title>"
    '<meta property="article:published_time" content="2024-05-02T08:15:00+07:00"></head>'
    "<body><article><h1>Thêm 12 sản phẩm OCOP 3 sao</h1><p class='author'>Minh An</p>"
    + "<p>Huyện vừa công nhận thêm 12 sản phẩm OCOP đạt 3 sao trong đợt 1 năm 2024.</p>" * 6
    + "</article></body></html>"
)


def test_eval_fields_scores_a_labelled_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.html").write_text(PAGE, "utf-8")
    label = {
        "file": "a.html",
        "url": "http://127.0.0.1/a-1.html",
        "title": "Thêm 12 sản phẩm OCOP 3 sao",
        "authors": ["Somebody Else"],
        "published": "2024-05-02T08:15:00+07:00",
    }
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(label, ensure_ascii=False) + "\n", "utf-8")
    assert main(["eval", "fields", str(tmp_path), str(labels)]) == ExitCode.OK
    out = capsys.readouterr().out
    total = next(line for line in out.splitlines() if "total" in line)
    assert [cell.strip() for cell in total.strip("│ ").split("│")] == [
        "total",
        "1/1",
        "0/1",
        "1/1",
        "1/1",
    ]


def test_eval_fields_with_a_broken_label_line_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"file": "a.html"}\nnot json\n', "utf-8")
    assert main(["eval", "fields", str(tmp_path), str(labels)]) == ExitCode.BAD_INPUT
    assert "labels.jsonl:2: not a JSON object" in capsys.readouterr().err


def test_eval_body_on_ceed_pages_beats_trafilatura_published_score(
    capsys: pytest.CaptureFixture[str],
) -> None:
    ceed = SHARED / "corpus" / "ceed-articles"
    if not (ceed / "ground-truth.json").is_file():
        pytest.skip("../shared/corpus/ceed-articles is absent")
    assert main(["eval", "body", str(ceed), str(ceed / "ground-truth.json")]) == ExitCode.OK
    row = capsys.readouterr().out.splitlines()[-2]
    pages, _precision, _recall, f1 = (cell.strip() for cell in row.strip("│ ").split("│"))
    assert pages == "50"
    assert float(f1) > 0.917  # trafilatura 2.x on these pages (spec/scoring.md)
