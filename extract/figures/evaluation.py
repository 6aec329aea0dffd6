"""Scoring extracted OCOP figures against gold labels (spec "How extraction is scored").

Per article, predicted and gold figures are compared as sets of the strict key
(value, subject, kind, min_stars, max_stars): a figure restated twice counts
once. Precision, recall and F1 are micro-averaged (counts summed over all
articles). The loose score compares (value, subject) alone. Year and place
(province + place_level) are scored as accuracy over the strict matches: a
matched key is right when any predicted figure with that key carries the gold
figure's year (place), since restatements of one figure may differ.

`load_gold` reads the gold file of the evaluation set: one JSON object a line
with `file`, `published` (YYYY-MM-DD or null), `province` (the outlet's or
null) and `figures` (the spec's fields except sentence and offsets).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

from extract.errors import ExtractError
from extract.models import FIGURE_FIELDS, KINDS, PLACE_LEVELS, QUALIFIERS, SUBJECTS

StrictKey = tuple[int, str, str, int | None, int | None]
LooseKey = tuple[int, str]
# The spec's fields less where the figure stands (sentence and offsets).
GOLD_FIGURE_FIELDS = tuple(f for f in FIGURE_FIELDS if f not in ("sentence", "start", "end"))


class GoldFileError(ExtractError):
    """A gold file that cannot be read as the evaluation set's JSON lines."""


class GoldLike(Protocol):
    """What scoring reads of a figure: `Figure` and `GoldFigureRecord` both have
    these attributes."""

    @property
    def value(self) -> int: ...
    @property
    def subject(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def min_stars(self) -> int | None: ...
    @property
    def max_stars(self) -> int | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def place_level(self) -> str | None: ...
    @property
    def province(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class GoldFigureRecord:
    """One labelled figure of a gold line (the spec's fields without offsets)."""

    value: int
    subject: str
    kind: str
    min_stars: int | None
    max_stars: int | None
    qualifier: str | None
    year: int | None
    place_text: str | None
    place_level: str | None
    province: str | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    file: str  # the text file's name, relative to the text folder
    published: date | None
    province: str | None  # the outlet's province
    figures: tuple[GoldFigureRecord, ...]


@dataclass(frozen=True, slots=True)
class PRF:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """Gold figures (distinct keys) this row is about."""
        return self.true_positives + self.false_negatives


@dataclass(frozen=True, slots=True)
class KindRow:
    kind: str
    score: PRF


@dataclass(frozen=True, slots=True)
class FigureScore:
    strict: PRF
    loose: PRF
    per_kind: tuple[KindRow, ...]  # in models.KINDS order, kinds seen in gold or prediction
    matched: int  # strict matches: the base of the two accuracies
    year_correct: int
    place_correct: int
    articles: int

    @property
    def year_accuracy(self) -> float | None:
        return self.year_correct / self.matched if self.matched else None

    @property
    def place_accuracy(self) -> float | None:
        return self.place_correct / self.matched if self.matched else None


def strict_key(figure: GoldLike) -> StrictKey:
    return (figure.value, figure.subject, figure.kind, figure.min_stars, figure.max_stars)


def score_figures(pairs: Iterable[tuple[Sequence[GoldLike], Sequence[GoldLike]]]) -> FigureScore:
    """Score (predicted, gold) figure lists, one pair per article."""
    tp = fp = fn = 0
    loose_tp = loose_fp = loose_fn = 0
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    matched = year_ok = place_ok = articles = 0
    for predicted, gold in pairs:
        articles += 1
        by_key_pred = _by_key(predicted)
        by_key_gold = _by_key(gold)
        hits = by_key_pred.keys() & by_key_gold.keys()
        tp += len(hits)
        fp += len(by_key_pred.keys() - hits)
        fn += len(by_key_gold.keys() - hits)
        for key in by_key_pred.keys() | by_key_gold.keys():
            row = per_kind[key[2]]
            row[0 if key in hits else 1 if key in by_key_pred else 2] += 1
        for key in hits:
            matched += 1
            wanted = by_key_gold[key][0]
            year_ok += any(p.year == wanted.year for p in by_key_pred[key])
            place_ok += any(_place(p) == _place(wanted) for p in by_key_pred[key])
        loose_pred = {(f.value, f.subject) for f in predicted}
        loose_gold = {(f.value, f.subject) for f in gold}
        loose_tp += len(loose_pred & loose_gold)
        loose_fp += len(loose_pred - loose_gold)
        loose_fn += len(loose_gold - loose_pred)
    rows = tuple(KindRow(k, PRF(*per_kind[k])) for k in KINDS if k in per_kind)
    return FigureScore(
        strict=PRF(tp, fp, fn),
        loose=PRF(loose_tp, loose_fp, loose_fn),
        per_kind=rows,
        matched=matched,
        year_correct=year_ok,
        place_correct=place_ok,
        articles=articles,
    )


def _by_key(figures: Sequence[GoldLike]) -> dict[StrictKey, list[GoldLike]]:
    grouped: dict[StrictKey, list[GoldLike]] = {}
    for figure in figures:
        grouped.setdefault(strict_key(figure), []).append(figure)
    return grouped


def _place(figure: GoldLike) -> tuple[str | None, str | None]:
    return figure.province, figure.place_level


# -- gold file -------------------------------------------------------------------------


def load_gold(path: str | Path) -> list[GoldArticle]:
    """The gold lines of `path`; blank lines are skipped."""
    path = Path(path)
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise GoldFileError(f"cannot read the gold file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise GoldFileError(f"the gold file {path} is not UTF-8 text") from None
    articles = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            articles.append(gold_article(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise GoldFileError(
                f"{path}, line {number}: not a gold line ({exc}); each line must be a JSON "
                "object with file, published (YYYY-MM-DD or null), province and figures"
            ) from None
    return articles


def gold_article(raw: dict[str, object]) -> GoldArticle:
    """One parsed gold line; ValueError/KeyError/TypeError say what is wrong."""
    published = raw["published"]
    province = raw.get("province")
    figures = raw["figures"]
    if not isinstance(raw["file"], str) or not isinstance(figures, list):
        raise TypeError("file must be a string and figures a list")
    if province is not None and not isinstance(province, str):
        raise TypeError("province must be a string or null")
    return GoldArticle(
        file=raw["file"],
        published=date.fromisoformat(published) if isinstance(published, str) else None,
        province=province,
        figures=tuple(gold_figure(f) for f in figures),
    )


def gold_figure(raw: dict[str, object]) -> GoldFigureRecord:
    unknown = set(raw) - set(GOLD_FIGURE_FIELDS)
    if unknown:
        raise ValueError(f"unknown figure fields {sorted(unknown)}")
    record = GoldFigureRecord(**{name: raw.get(name) for name in GOLD_FIGURE_FIELDS})  # type: ignore[arg-type]
    _check(record)
    return record


def _check(record: GoldFigureRecord) -> None:
    if not isinstance(record.value, int) or isinstance(record.value, bool):
        raise ValueError(f"value {record.value!r} is not an integer")
    for name, allowed in (
        ("subject", SUBJECTS),
        ("kind", KINDS),
        ("qualifier", (*QUALIFIERS, None)),
        ("place_level", (*PLACE_LEVELS, None)),
    ):
        if getattr(record, name) not in allowed:
            raise ValueError(f"{name} {getattr(record, name)!r} is not one of {allowed}")
    stars = (record.min_stars, record.max_stars)
    if (stars[0] is None) != (stars[1] is None):
        raise ValueError("min_stars and max_stars are both set or both null")
    if stars[0] is not None and not (1 <= stars[0] <= stars[1] <= 5):  # type: ignore[operator]
        raise ValueError(f"star class {stars} is not 1 <= min <= max <= 5")


def gold_line(article: GoldArticle) -> str:
    """The JSON line of a gold article (the inverse of `gold_article`)."""
    return json.dumps(
        {
            "file": article.file,
            "published": article.published.isoformat() if article.published else None,
            "province": article.province,
            "figures": [{n: getattr(f, n) for n in GOLD_FIGURE_FIELDS} for f in article.figures],
        },
        ensure_ascii=False,
    )
