"""The extractor glue's fast paths give exactly what their plain forms give.

Each test restates one fast path in its straightforward form (as it was
written before the fast path) and compares the two on adversarial text.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from figures_testkit import plain_sentences, trimmed
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.figures import extractor, places, segment, years
from extract.figures.caseless import caseless
from extract.figures.normalize import lowered, normalize
from extract.figures.numbers import NumberToken
from extract.figures.places import Mention, PlaceIndex, Unit
from extract.figures.segment import Span, closed_blocks, paragraphs
from extract.figures.stars import Stars
from extract.models import FIGURE_FIELDS, Figure

_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\t",
        "\u00a0",
        "\u2003",
        "\n",
        "\n\n",
        " \n \n ",
        ". ",
        ".",
        "! ",
        "? ",
        "…",
        ", ",
        "TP. ",
        "Có 5 sản phẩm",
        "năm 2023",
        "năm nay",
        "so với năm 2022",
        "so với cuối năm 2021",
        "được công nhận năm 2021",
        "công nhận từ năm 2020",
        "từ năm 2019 đến nay",
        "ngày 30/6/2024",
        "tháng 3/2023",
        "giai đoạn 2021-2025",
        "tỉnh Thanh Hóa",
        "Thanh Hóa",
        "huyện Thiệu Hóa",
        "xã Thiệu Đô",
        "thị trấn Yên Cát",
        "thành phố Vinh",
        "TP Vinh",
        "tx. Bỉm Sơn",
        "Phường 4",
        "Quận 1",
        "toàn huyện 28 sản phẩm",
        "toàn tỉnh",
        "hợp tác xã",
        "Hợp tác xã Yên",
        "cả nước",
        "Hà Nội",
        "thực hiện",
        "đến nay",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=30).map("".join)


def _paragraphs_plain(text: str) -> list[Span]:
    """segment.paragraphs as written before: a blank test by copy and strip."""
    spans: list[Span] = []
    start = 0
    for match in segment._PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append(trimmed(text, start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append(trimmed(text, start, len(text)))
    return spans


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.integers(0, 400))
@example("  \n\n \u2003 \n\nCó 5 sản phẩm. ", 0)
@example("a.  \u00a0 Có 5 sản phẩm", 3)
def test_paragraphs_and_sentences_skip_blank_stretches_as_strip_does(text: str, until: int) -> None:
    found = paragraphs(text)
    assert found == _paragraphs_plain(text)
    for paragraph in found:
        limit = paragraph.start + until
        assert segment.sentences(text, paragraph, until=limit) == plain_sentences(
            text, paragraph, limit
        )


def _find_marks_plain(lowered_text: str, published: date | None, end: int) -> list[years.YearMark]:
    """years.find_marks with its look-behind words tested on copied windows."""
    y = years
    pub = published.year if published else None
    marks: list[years.YearMark] = []
    for match in y._YEAR_WORD.finditer(lowered_text, 0, end):
        s, e = match.span()
        window = lowered_text[max(0, s - y._BASELINE_LOOKBACK) : s]
        if y._BASELINE_BEFORE_WORD in window and y._BASELINE_BEFORE.search(
            lowered_text, max(0, s - y._BASELINE_LOOKBACK), s
        ):
            continue
        which = match.lastgroup
        if which == "year":
            if y._SINCE_TAIL.match(lowered_text, e):
                marks.append(y.YearMark(s, e, y.NOW, pub))
                continue
            year = int(match.group("year"))
            if y._FIRST_YEAR <= year <= y._LAST_YEAR:
                start = max(0, s - y._ORIGIN_LOOKBACK)
                origin = y._ORIGIN_BEFORE_WORD in lowered_text[start:s] and (
                    y._ORIGIN_BEFORE.search(lowered_text, start, s) is not None
                )
                marks.append(y.YearMark(s, e, y.STATED, year, origin))
        elif pub is not None:
            offset = 0 if which == "this" else 1 if which == "next" else -1
            marks.append(y.YearMark(s, e, y.STATED, pub + offset))
    for match in y._PERIOD.finditer(lowered_text, 0, end):
        y._add_stated(marks, match.start(), match.end(), int(match.group("year")))
    for start, stop, year in y._dates(lowered_text, end):
        if not y._legal_reference_before(lowered_text, start):
            y._add_stated(marks, start, stop, year)
    if pub is not None:
        for pattern in y._YEAR_END:
            found = pattern.finditer(lowered_text, 0, end)
            marks.extend(y.YearMark(m.start(), m.end(), y.STATED, pub) for m in found)
    for pattern in y._NOW:
        for m in pattern.finditer(lowered_text, 0, end):
            s = m.start()
            if s and lowered_text[s - 1].isalnum():
                continue
            if not lowered_text.endswith(y._NOT_NOW_BEFORE, max(0, s - 6), s):
                marks.append(y.YearMark(m.start(), m.end(), y.NOW, pub))
    unknown = y._FUTURE_UNKNOWN.finditer(lowered_text, 0, end)
    marks.extend(y.YearMark(m.start(), m.end(), y.FUTURE_UNKNOWN, None) for m in unknown)
    marks.sort(key=lambda m: m.start)
    return y._without_overlaps(marks)


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.sampled_from([None, date(2023, 12, 27)]))
@example("so với năm 2022", date(2023, 1, 1))
@example("xx so với năm 2022", None)
@example("công nhận năm 2021", None)
def test_year_words_test_their_look_behind_words_as_on_a_copied_window(
    text: str, published: date | None
) -> None:
    low = lowered(text)
    assert years.find_marks(low, published) == _find_marks_plain(low, published, len(low))


def _index(text: str) -> PlaceIndex:
    low = lowered(text)
    blocks = closed_blocks(low, paragraphs(text)) if text.strip() else []
    return PlaceIndex(text, low, caseless(text, low), blocks, range(len(blocks)), [], None)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.integers(0, 600), st.integers(0, 200))
@example("  tỉnh Thanh Hóa.\n\nhuyện Thiệu Hóa.", 0, 10)
def test_mentions_between_two_offsets_read_as_block_of_and_read_give_them(
    text: str, start: int, length: int
) -> None:
    index = _index(text)
    if not index._blocks:
        return
    start = min(start, len(text))
    end = start + length
    block = index._block_of(start)
    found = index._read(block)
    starts = index._starts[block]
    plain = found[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    assert index._between(start, end) == plain


def _named_mention_plain(text: str, start: int, word: str, name: re.Match[str]) -> Mention | None:
    unit = places._named_unit(places._ABBREVIATED_UNITS.get(word, word), name.group(1))
    if unit is None:
        return None
    written = text[start : name.start(1)] + unit[0]
    return Mention(start, start + len(written), (Unit(written, unit[1], unit[2]),), "subject")


def _named_plain(text: str) -> list[Mention]:
    """The named units of places._unit_words, each made by a call of its own."""
    low = lowered(text)
    named: list[Mention] = []
    for match in places._UNIT_WORD.finditer(low):
        s, e = match.span()
        if (s > 0 and low[s - 1].isalnum()) or (e < len(low) and low[e].isalnum()):
            continue
        word = " ".join(match.group().split())
        window = max(0, s - 14)
        if low.find("tác", window, s) >= 0 and places._NOT_A_UNIT_BEFORE.search(low, window, s):
            continue
        name = places._NAME.match(text, e, len(text))
        if name is not None and (not name.group(1)[0].isdigit() or word in places._NUMBERED_UNITS):
            mention = _named_mention_plain(text, s, word, name)
            if mention is not None:
                named.append(mention)
    return named


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example("toàn huyện 28 sản phẩm và Phường 4")
@example("Hợp tác xã Yên và xã Thiệu Đô")
def test_named_units_are_those_one_call_per_unit_makes(text: str) -> None:
    named, _ = places._unit_words(text, lowered(text), 0, len(text), 0, len(text))
    assert named == _named_plain(text)


_PLACES = st.none() | st.builds(
    Unit,
    st.none() | st.sampled_from(["tỉnh Thanh Hóa", "cả nước", "huyện Thiệu Hóa"]),
    st.sampled_from(["national", "province", "district", "commune"]),
    st.none() | st.sampled_from(["Thanh Hóa", "Nghệ An"]),
)
_STARS: st.SearchStrategy[Stars | None] = st.none() | st.tuples(
    st.integers(3, 5), st.integers(3, 5)
)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 999),
    st.sampled_from(["product", "producer", "outlet"]),
    st.sampled_from(["total", "recognized", "target", "rank"]),
    _STARS,
    st.none() | st.sampled_from(["more_than", "nearly"]),
    st.none() | st.integers(2000, 2030),
    _PLACES,
    st.none() | st.sampled_from(["Thanh Hóa", "Hà Nội"]),
    st.sampled_from(["Thanh Hoa\u0301 có 5 sản phẩm.", "Thanh Hóa có 5 sản phẩm."]),
)
def test_figures_made_positionally_hold_what_keywords_would_give(
    value: int,
    subject: str,
    kind: str,
    stars: Stars | None,
    qualifier: str | None,
    year: int | None,
    place: Unit | None,
    default: str | None,
    text: str,
) -> None:
    norm = normalize(text)
    low = lowered(norm.text)
    index = PlaceIndex(norm.text, low, caseless(norm.text, low), [], [], [], default)
    doc = extractor._Document(
        norm.text, low, index, years.YearIndex([], None), extractor._Spans([])
    )
    token = NumberToken(value, 12, 13, subject, 22, is_ratio=False)
    count = extractor._Count(token, Span(0, 24), 0, 0, 24, subject, kind=kind)
    count.stars, count.qualifier, count.year, count.place = stars, qualifier, year, place
    province = None
    if place is not None and place.level != "national":
        province = place.province or index.context_province
    expected = Figure(
        value=value,
        subject=subject,  # type: ignore[arg-type]
        kind=kind,  # type: ignore[arg-type]
        min_stars=stars[0] if stars else None,
        max_stars=stars[1] if stars else None,
        qualifier=qualifier,  # type: ignore[arg-type]
        year=year,
        place_text=place.text if place else None,
        place_level=place.level if place else None,  # type: ignore[arg-type]
        province=province,
        sentence=text,
        start=norm.original(12),
        end=norm.original(13),
    )
    assert extractor._figure(doc, count, text, norm) == expected


def test_figure_fields_are_in_the_order_the_positional_call_gives_them() -> None:
    assert tuple(f for f in Figure.__dataclass_fields__) == FIGURE_FIELDS
