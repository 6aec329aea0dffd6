"""The year a figure is about.

Year marks are found once per document:
- stated: "năm 2023", "đợt 2 năm 2023", "tháng 3/2023", "30/6/2024"; a
  change's baseline ("so với cuối năm 2022") is no mark;
- period: "giai đoạn 2021-2025" is its end year; "đến năm 2025" is 2025;
- relative to the publish date: "năm nay", "năm tới"/"năm sau", "năm ngoái",
  "đến cuối năm" / "hết năm" with no year written;
- now: "hiện", "hiện nay", "đến nay", "đến thời điểm này", "từ năm 2019 đến nay" (the
  start year of a "since" phrase is not the figure's year);
- unknown future: "thời gian tới" (a target's year is then null).
Dates inside a legal reference ("Quyết định 148/QĐ-TTg ngày 24/02/2023") are
dropped: a quoted legal basis never sets the year.

An expiry's or a renewal's year is when it happened: "được công nhận năm 2021"
next to it is the products' origin and is skipped for those two kinds.

Resolution for one figure (years.resolve):
1. a stated/period/relative mark in its clause, nearest to the number;
2. else the nearest such mark earlier in its sentence;
3. a target: "thời gian tới" in the sentence is null; else a carried year
   only if it lies after the publish year; else null;
4. a figure whose sentence says "now" ("hiện", "đến nay"): the publish year;
5. else the last mark earlier in the document (the lead's year carries);
6. else the publish year (null without one).
"""

from __future__ import annotations

import bisect
import operator
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
# The words _DOCUMENT_REF_BEFORE starts with: looked for with str.rfind first,
# so the pattern runs only where one of them is near.
_DOCUMENT_WORDS = ("quyết", "qđ", "hoạch", "nghị", "thông", "thị", "văn")
# One scan per mark family, each led by a literal so the regex engine can skip
# ahead quickly; all run on the lower-cased text.
_YEAR_WORD = re.compile(
    r"năm\s+(?:(?P<year>\d{4})(?!\d)|(?P<this>nay)|(?P<next>tới|sau)(?!\s+(?:nữa|đó))"
    r"|(?P<last>ngoái|trước))"
)
_PERIOD = re.compile(r"giai\s+đoạn\s+\d{4}\s*[-–—]\s*(?P<year>\d{4})(?!\d)")
_MONTH = re.compile(r"tháng\s+\d{1,2}\s*[/.\-]\s*(?P<year>\d{4})(?!\d)")
# A full date "30/6/2024", "12-3-2024": found from its year (a literal "20"
# scan is fast), then the day and month are checked right before it.
_DAY_MONTH_BEFORE = re.compile(r"(?<!\d)\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*$")
_DAY_MONTH_CHARS = 12
# Most years stand after "năm", not after "/", "." or "-": the look-behinds (tried only
# where a year matched) keep the years with a separator and at most
# _DAY_MONTH_CHARS - 1 spaces right before them, so that the day and month are
# looked for only there. One fixed-width look-behind per count of spaces.
_DATE_YEAR = re.compile(
    r"20\d\d(?!\d)(?:"
    + "|".join(rf"(?<=[/.\-]\s{{{spaces}}}20\d\d)" for spaces in range(_DAY_MONTH_CHARS))
    + ")"
)
# "hiện" (now) but not "thực hiện", "xuất hiện", "hiện đại", ...; one
# literal-led pattern each (an alternation scans every character).
_NOW = (
    re.compile(r"hiện(?!\w)(?!\s+(?:đại|tượng|thực|vật|trạng|diện))"),
    re.compile(r"đến\s+(?:nay|thời\s+điểm\s+này)"),
    re.compile(r"tới\s+nay"),
)
_NOT_NOW_BEFORE = ("thực ", "thể ", "xuất ", "phát ")
# "đến cuối năm", "hết năm" with no year written: the end of the publish year.
_YEAR_END = tuple(
    re.compile(rf"{word}\s+năm(?!\s*(?:\d|nay|tới|sau|ngoái|trước|học|thứ|đó|này))(?!\w)")
    for word in ("cuối", "hết")
)
_FUTURE_UNKNOWN = re.compile(r"thời\s+gian\s+tới")
_ORIGIN_BEFORE = re.compile(r"công\s+nhận\s+(?:từ\s+|vào\s+|trong\s+)?$")
# Kinds whose year is when the lapse or renewal happened, not the origin year.
_AFTER_ORIGIN_KINDS = frozenset({"expired", "rerecognized"})
_BASELINE_BEFORE = re.compile(r"so\s+với\s+(?:cùng\s+kỳ\s+)?(?:cuối\s+|đầu\s+|hết\s+)?$")
_BASELINE_LOOKBACK = 30
_ORIGIN_LOOKBACK = 24
# A word each of the two patterns above needs: most years have neither near,
# and a substring test settles that faster than the pattern's search.
_BASELINE_BEFORE_WORD = "với"
_ORIGIN_BEFORE_WORD = "nhận"
# "từ năm 2019 đến nay": the start year of a "since" phrase is "now", not 2019.
_SINCE_TAIL = re.compile(r"\s+(?:đến|tới)\s+nay")
_START = operator.attrgetter("start")


# Not frozen: built for every year mark (see segment.Span on why).
@dataclass(slots=True)
class YearMark:
    start: int
    end: int
    kind: str  # STATED, NOW or FUTURE_UNKNOWN
    year: int | None
    origin: bool = False  # "được công nhận (từ) năm 2021": when the products were first rated


def find_marks(lowered: str, published: date | None, end: int | None = None) -> list[YearMark]:
    """Year marks of a document up to `end`; `lowered` is its lower-cased text."""
    pub = published.year if published else None
    end = len(lowered) if end is None else end
    marks: list[YearMark] = []
    for match in _YEAR_WORD.finditer(lowered, 0, end):
        s, e = match.span()
        window = s - _BASELINE_LOOKBACK if s > _BASELINE_LOOKBACK else 0
        if lowered.find(_BASELINE_BEFORE_WORD, window, s) >= 0 and (
            _BASELINE_BEFORE.search(lowered, window, s)
        ):
            continue  # "so với cuối năm 2022": the baseline of a change, never carried
        which = match.lastgroup
        if which == "year":
            if _SINCE_TAIL.match(lowered, e):
                marks.append(YearMark(s, e, NOW, pub))
                continue
            year = int(match.group("year"))
            if _FIRST_YEAR <= year <= _LAST_YEAR:
                window = s - _ORIGIN_LOOKBACK if s > _ORIGIN_LOOKBACK else 0
                origin = lowered.find(_ORIGIN_BEFORE_WORD, window, s) >= 0 and (
                    _ORIGIN_BEFORE.search(lowered, window, s) is not None
                )
                marks.append(YearMark(s, e, STATED, year, origin))
        elif pub is not None:
            offset = 0 if which == "this" else 1 if which == "next" else -1
            marks.append(YearMark(s, e, STATED, pub + offset))
    for match in _PERIOD.finditer(lowered, 0, end):
        _add_stated(marks, match.start(), match.end(), int(match.group("year")))
    for start, stop, year in _dates(lowered, end):
        if not _legal_reference_before(lowered, start):
            _add_stated(marks, start, stop, year)
    if pub is not None:
        for pattern in _YEAR_END:
            found = pattern.finditer(lowered, 0, end)
            marks.extend(YearMark(m.start(), m.end(), STATED, pub) for m in found)
    for pattern in _NOW:
        for m in pattern.finditer(lowered, 0, end):
            s = m.start()
            if s and lowered[s - 1].isalnum():
                continue
            if not lowered.endswith(_NOT_NOW_BEFORE, max(0, s - 6), s):
                marks.append(YearMark(m.start(), m.end(), NOW, pub))
    unknown = _FUTURE_UNKNOWN.finditer(lowered, 0, end)
    marks.extend(YearMark(m.start(), m.end(), FUTURE_UNKNOWN, None) for m in unknown)
    marks.sort(key=_START)
    return _without_overlaps(marks)


def _legal_reference_before(lowered: str, start: int) -> bool:
    window = max(0, start - _LEGAL_LOOKBACK)
    first = min(
        (i for i in (lowered.rfind(w, window, start) for w in _DOCUMENT_WORDS) if i >= 0),
        default=-1,
    )
    if first < 0:
        return False
    return _DOCUMENT_REF_BEFORE.search(lowered, max(window, first - 12), start) is not None


def _dates(lowered: str, end: int) -> list[tuple[int, int, int]]:
    """(start, end, year) of "tháng 3/2023" and of full dates."""
    found = [(m.start(), m.end(), int(m.group("year"))) for m in _MONTH.finditer(lowered, 0, end)]
    for match in _DATE_YEAR.finditer(lowered, 0, end):
        s = match.start()
        day_month = _DAY_MONTH_BEFORE.search(lowered, max(0, s - _DAY_MONTH_CHARS), s)
        if day_month is not None:
            found.append((day_month.start(), match.end(), int(match.group())))
    return found


def _add_stated(
    marks: list[YearMark], start: int, end: int, year: int, origin: bool = False
) -> None:
    if _FIRST_YEAR <= year <= _LAST_YEAR:
        marks.append(YearMark(start, end, STATED, year, origin))


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
        # A sentence's marks, and its stated ones, by (start, end, after origin):
        # the counts of one sentence share them.
        self._sentences: dict[tuple[int, int, bool], tuple[list[YearMark], list[YearMark]]] = {}

    def resolve(self, kind: str, number_start: int, clause: Span, sentence: Span) -> int | None:
        in_sentence, stated = self._sentence_marks(sentence, kind in _AFTER_ORIGIN_KINDS)
        if stated:
            mark = _clause_year(stated, clause, number_start)
            if mark is not None:
                return mark.year
        if kind == "target":
            if any(m.kind == FUTURE_UNKNOWN for m in in_sentence):
                return None
            carried = self._carried(sentence.start)
            if carried is not None and (self._published is None or carried > self._published):
                return carried
            return None
        if any(m.kind == NOW for m in in_sentence):
            return self._published
        carried = self._carried(sentence.start)
        return carried if carried is not None else self._published

    def _sentence_marks(
        self, sentence: Span, after_origin: bool
    ) -> tuple[list[YearMark], list[YearMark]]:
        """The sentence's marks and its stated ones (an origin year left out when
        `after_origin`)."""
        key = (sentence.start, sentence.end, after_origin)
        found = self._sentences.get(key)
        if found is None:
            in_sentence = self._between(sentence.start, sentence.end)
            stated = [
                m for m in in_sentence if m.kind == STATED and not (m.origin and after_origin)
            ]
            found = self._sentences[key] = (in_sentence, stated)
        return found

    def _between(self, start: int, end: int) -> list[YearMark]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self._marks[lo:hi]

    def _carried(self, before: int) -> int | None:
        marks = self._marks
        for index in range(bisect.bisect_left(self._starts, before) - 1, -1, -1):
            if marks[index].kind == STATED:
                return marks[index].year
        return None


def _clause_year(stated: list[YearMark], clause: Span, number_start: int) -> YearMark | None:
    """The stated mark in the clause nearest the number (the first of equals), else
    the last one of the sentence ending before the number."""
    nearest: YearMark | None = None
    best = 0
    for mark in stated:
        if clause.start <= mark.start < clause.end:
            distance = _distance(mark, number_start)
            if nearest is None or distance < best:
                nearest, best = mark, distance
    if nearest is not None:
        return nearest
    for mark in reversed(stated):
        if mark.end <= number_start:
            return mark
    return None


def _distance(mark: YearMark, position: int) -> int:
    return position - mark.end if mark.end <= position else mark.start - position
