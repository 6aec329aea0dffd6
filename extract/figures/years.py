"""The year a figure is about.

Year marks are found once per document:
- stated: "năm 2023", "đợt 2 năm 2023", "tháng 3/2023", "30/6/2024";
- period: "giai đoạn 2021-2025" is its end year; "đến năm 2025" is 2025;
- relative to the publish date: "năm nay", "năm tới"/"năm sau", "năm ngoái";
- now: "hiện nay", "đến nay", "đến thời điểm này", "từ năm 2019 đến nay" (the
  start year of a "since" phrase is not the figure's year);
- unknown future: "thời gian tới" (a target's year is then null).
Dates inside a legal reference ("Quyết định 148/QĐ-TTg ngày 24/02/2023") are
dropped: a quoted legal basis never sets the year.

Resolution for one figure (years.resolve):
1. a stated/period/relative mark in its clause, nearest to the number;
2. else the nearest such mark earlier in its sentence;
3. a target: "thời gian tới" in the sentence is null; else a carried year
   only if it lies after the publish year; else null;
4. a total or rank whose sentence says "now": the publish year;
5. else the last mark earlier in the document (the lead's year carries);
6. else the publish year (null without one).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date

from extract.figures.segment import Span

STATED = "stated"
NOW = "now"
FUTURE_UNKNOWN = "future_unknown"
_FIRST_YEAR, _LAST_YEAR = 1990, 2100

# A legal reference right before a date: that date is the document's, not the
# figure's ("Quyết định 148/QĐ-TTg ngày 24/02/2023"). Matched on lower-case text.
_DOCUMENT_REF_BEFORE = re.compile(
    r"(?:quyết\s+định|qđ|kế\s+hoạch|nghị\s+quyết|thông\s+tư|nghị\s+định|chỉ\s+thị|công\s+văn"
    r"|văn\s+bản)\s*(?:số\s*)?\d+[^,;]{0,80}$"
)
_LEGAL_LOOKBACK = 120
# One scan per mark family, each led by a literal so the regex engine can skip
# ahead quickly; all run on the lower-cased text.
_YEAR_WORD = re.compile(
    r"năm\s+(?:(?P<year>\d{4})(?!\d)|(?P<this>nay)|(?P<next>tới|sau)(?!\s+(?:nữa|đó))"
    r"|(?P<last>ngoái|trước))"
)
_PERIOD = re.compile(r"giai\s+đoạn\s+\d{4}\s*[-–—]\s*(?P<year>\d{4})(?!\d)")
_MONTH = re.compile(r"tháng\s+\d{1,2}\s*[/.\-]\s*(?P<year>\d{4})(?!\d)")
_DATE = re.compile(r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?P<year>\d{4})(?!\d)")
_NOW = re.compile(r"hiện\s*(?:nay|tại|có|đang|,)|đến\s+(?:nay|thời\s+điểm\s+này)|tới\s+nay")
_FUTURE_UNKNOWN = re.compile(r"thời\s+gian\s+tới")
# "từ năm 2019 đến nay": the start year of a "since" phrase is "now", not 2019.
_SINCE_TAIL = re.compile(r"\s+(?:đến|tới)\s+nay")


@dataclass(frozen=True, slots=True)
class YearMark:
    start: int
    end: int
    kind: str  # STATED, NOW or FUTURE_UNKNOWN
    year: int | None


def find_marks(lowered: str, published: date | None) -> list[YearMark]:
    """Year marks of a document; `lowered` is its lower-cased text."""
    pub = published.year if published else None
    marks: list[YearMark] = []
    for match in _YEAR_WORD.finditer(lowered):
        if match.group("year"):
            if _SINCE_TAIL.match(lowered, match.end()):
                marks.append(YearMark(match.start(), match.end(), NOW, pub))
            else:
                _add_stated(marks, match.start(), match.end(), int(match.group("year")))
        elif pub is not None:
            offset = 0 if match.group("this") else 1 if match.group("next") else -1
            marks.append(YearMark(match.start(), match.end(), STATED, pub + offset))
    for match in _PERIOD.finditer(lowered):
        _add_stated(marks, match.start(), match.end(), int(match.group("year")))
    for pattern in (_MONTH, _DATE):
        for match in pattern.finditer(lowered):
            if not _DOCUMENT_REF_BEFORE.search(
                lowered, max(0, match.start() - _LEGAL_LOOKBACK), match.start()
            ):
                _add_stated(marks, match.start(), match.end(), int(match.group("year")))
    marks.extend(YearMark(m.start(), m.end(), NOW, pub) for m in _NOW.finditer(lowered))
    unknown = _FUTURE_UNKNOWN.finditer(lowered)
    marks.extend(YearMark(m.start(), m.end(), FUTURE_UNKNOWN, None) for m in unknown)
    marks.sort(key=lambda m: m.start)
    return _without_overlaps(marks)


def _add_stated(marks: list[YearMark], start: int, end: int, year: int) -> None:
    if _FIRST_YEAR <= year <= _LAST_YEAR:
        marks.append(YearMark(start, end, STATED, year))


def _without_overlaps(marks: list[YearMark]) -> list[YearMark]:
    """ "tháng 3/2023" also holds a date-like tail; keep the first, longest mark."""
    kept: list[YearMark] = []
    for mark in marks:
        if kept and mark.start < kept[-1].end:
            continue
        kept.append(mark)
    return kept


class YearIndex:
    def __init__(self, marks: list[YearMark], published: date | None) -> None:
        self._marks = marks
        self._starts = [m.start for m in marks]
        self._published = published.year if published else None

    def resolve(self, kind: str, number_start: int, clause: Span, sentence: Span) -> int | None:
        in_sentence = self._between(sentence.start, sentence.end)
        stated = [m for m in in_sentence if m.kind == STATED]
        in_clause = [m for m in stated if clause.start <= m.start < clause.end]
        if in_clause:
            return min(in_clause, key=lambda m: _distance(m, number_start)).year
        earlier = [m for m in stated if m.end <= number_start]
        if earlier:
            return earlier[-1].year
        carried = self._carried(sentence.start)
        if kind == "target":
            if any(m.kind == FUTURE_UNKNOWN for m in in_sentence):
                return None
            if carried is not None and (self._published is None or carried > self._published):
                return carried
            return None
        if kind in ("total", "rank") and any(m.kind == NOW for m in in_sentence):
            return self._published
        return carried if carried is not None else self._published

    def _between(self, start: int, end: int) -> list[YearMark]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self._marks[lo:hi]

    def _carried(self, before: int) -> int | None:
        index = bisect.bisect_left(self._starts, before)
        for mark in reversed(self._marks[:index]):
            if mark.kind == STATED:
                return mark.year
        return None


def _distance(mark: YearMark, position: int) -> int:
    return position - mark.end if mark.end <= position else mark.start - position
