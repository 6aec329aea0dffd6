"""`ocop-news eval`: score our extraction against labelled pages.

The scoring rules live in `extract/evaluation.py` (fields, body) and
`extract/figures/evaluation.py` (figures); this module reads the label files,
runs the extractor and prints the scores as tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from extract.article import extract_article
from extract.evaluation import (
    BodyScore,
    authors_match,
    body_score,
    same_day,
    same_minute,
    title_matches,
)
from extract.figures import figures_from_page_text
from extract.figures.evaluation import FigureScore, GoldFileError, load_gold, score_figures
from extract.models import Article, PageContext
from pipelines.errors import InputError


@dataclass(frozen=True, slots=True)
class FieldRow:
    file: str
    title: bool
    authors: bool
    day: bool
    instant: bool


@dataclass(frozen=True, slots=True)
class FieldReport:
    rows: tuple[FieldRow, ...]

    def total(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)


def evaluate_fields(pages_dir: str | Path, labels_path: str | Path) -> FieldReport:
    """Headline, author set and publish day/instant per labelled page."""
    root = Path(pages_dir)
    rows = []
    for label in _read_jsonl(labels_path):
        _require_keys(label, ("file", "url", "title", "authors", "published"), labels_path)
        body = _read_page(root / label["file"])
        result = extract_article(body, PageContext(url=label["url"]))
        rows.append(_field_row(label, result if isinstance(result, Article) else None))
    return FieldReport(tuple(rows))


def _field_row(label: dict[str, Any], article: Article | None) -> FieldRow:
    published = _parse_instant(label["published"])
    got = article.published_at if article else None
    return FieldRow(
        file=label["file"],
        title=title_matches(article.title if article else None, label["title"]),
        authors=authors_match(article.authors if article else (), label["authors"]),
        day=same_day(got, published),
        instant=got is not None and got.tzinfo is not None and same_minute(got, published),
    )


def evaluate_body(pages_dir: str | Path, ground_truth_path: str | Path) -> BodyScore:
    """Body text against human-extracted ground truth ({id: {url, articleBody}})."""
    truth = _read_json(ground_truth_path)
    if not isinstance(truth, dict):
        raise InputError(f"{ground_truth_path} must be a JSON object from page id to record")
    return body_score(_body_pairs(Path(pages_dir), truth, ground_truth_path))


def _body_pairs(root: Path, truth: dict[str, Any], source: str | Path) -> Iterator[tuple[str, str]]:
    for page_id, record in truth.items():
        if not isinstance(record, dict) or "articleBody" not in record:
            raise InputError(f"{source}: record {page_id!r} has no articleBody")
        body = _read_page(root / f"{page_id}.html")
        result = extract_article(body, PageContext(url=record.get("url") or f"file:{page_id}"))
        predicted = result.text if isinstance(result, Article) else ""
        yield predicted, record["articleBody"]


def evaluate_figures(text_dir: str | Path, gold_path: str | Path) -> FigureScore:
    """OCOP figures of text files against gold lines, read as `ocop-news figures` reads them."""
    try:
        gold = load_gold(gold_path)
    except GoldFileError as exc:
        raise InputError(str(exc)) from None
    root = Path(text_dir)
    pairs = []
    for article in gold:
        try:
            text = (root / article.file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read {root / article.file}: {exc}") from None
        found = figures_from_page_text(text, published=article.published, province=article.province)
        pairs.append((found, article.figures))
    return score_figures(pairs)


def _parse_instant(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise InputError(f"label published {text!r} is not ISO 8601") from None


def _read_page(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read page {path}: {exc.strerror or exc}") from None


def _read_json(path: str | Path) -> Any:
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is not valid JSON: {exc}") from None


def _read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not a JSON object: {exc}") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{number}: not a JSON object")
        records.append(record)
    return records


def _require_keys(record: dict[str, Any], keys: tuple[str, ...], source: str | Path) -> None:
    missing = [key for key in keys if key not in record]
    if missing:
        raise InputError(f"{source}: a label lacks {', '.join(missing)}")
