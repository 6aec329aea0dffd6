"""Pure scoring functions of ../shared/spec/scoring.md, for tests and the CLI.

Field scores compare one extracted value with one label; body scores use
the article-extraction-benchmark shingle metric. Nothing here reads files.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from extract.dates import VIETNAM_TZ
from extract.text import match_key

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


def title_matches(extracted: str | None, label: str) -> bool:
    return extracted is not None and match_key(extracted) == match_key(label)


def authors_match(extracted: Iterable[str], label: Iterable[str]) -> bool:
    return {match_key(a) for a in extracted} == {match_key(a) for a in label}


def same_day(extracted: datetime | None, label: datetime) -> bool:
    """Same calendar day, read in the label's zone (zone-less means Vietnam time)."""
    if extracted is None:
        return False
    zone = label.tzinfo or VIETNAM_TZ
    return _aware(extracted).astimezone(zone).date() == _aware(label).date()


def same_minute(extracted: datetime | None, label: datetime) -> bool:
    """Same instant to the minute; both must carry (or imply) a zone."""
    if extracted is None:
        return False
    a = _aware(extracted).replace(second=0, microsecond=0)
    b = _aware(label).replace(second=0, microsecond=0)
    return a == b


def _aware(when: datetime) -> datetime:
    return when if when.tzinfo is not None else when.replace(tzinfo=VIETNAM_TZ)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    """Shares of true positives, false positives and false negatives (sum 1)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def page_score(predicted: str, gold: str) -> PageScore:
    pred, true = shingles(predicted), shingles(gold)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(1.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


@dataclass(frozen=True, slots=True)
class BodyScore:
    precision: float
    recall: float
    pages: int

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def body_score(pairs: Iterable[tuple[str, str]]) -> BodyScore:
    """(predicted, gold) pairs to mean precision, mean recall and F1 of the means."""
    scores = [page_score(p, g) for p, g in pairs]
    if not scores:
        return BodyScore(0.0, 0.0, 0)
    precision = sum(s.precision for s in scores) / len(scores)
    recall = sum(s.recall for s in scores) / len(scores)
    return BodyScore(precision, recall, len(scores))
