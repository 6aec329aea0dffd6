"""The fast paths of places.py and years.py give exactly what the plain forms give.

Year marks: full dates are looked for only after a separator (a look-behind
per count of spaces), and the baseline and origin patterns run only where
their word is near. Places: a run of consecutive blocks with counts is read
in one pass, and a role skips the organisation heads in a clause without a
capital letter. Each is checked against the plain form on adversarial text.
"""

from __future__ import annotations

import re
from datetime import date

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.figures import places, years
from extract.figures.normalize import lowered
from extract.figures.places import find_mentions
from extract.figures.segment import closed_blocks, paragraphs
from extract.figures.years import YearMark, find_marks

_YEAR_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        "\n\n",
        "/",
        ".",
        "-",
        ",",
        "1",
        "12",
        "30/6/",
        "2023",
        "2024",
        "20",
        "202",
        "năm",
        "năm nay",
        "năm tới",
        "so với",
        "so với cuối",
        "công nhận",
        "được công nhận từ",
        "đến nay",
        "tháng 3/",
        "giai đoạn 2021-",
        "Quyết định số 12/QĐ-UBND ngày",
        "hiện",
        "thực hiện",
        "cuối năm",
        "thời gian tới",
        "sản phẩm",
    ]
)
_YEAR_TEXTS = st.lists(_YEAR_PIECES, max_size=24).map("".join)


def _plain_dates(low: str, end: int) -> list[tuple[int, int, int]]:
    """Full dates as first written: every "20dd" year, then a separator checked by hand."""
    found = [(m.start(), m.end(), int(m.group("year"))) for m in years._MONTH.finditer(low, 0, end)]
    for match in re.finditer(r"20\d\d(?!\d)", low[:end]):
        s = match.start()
        window = max(0, s - years._DAY_MONTH_CHARS)
        j = s - 1
        while j >= window and low[j].isspace():
            j -= 1
        if j < window or low[j] not in "/.-":
            continue
        day_month = years._DAY_MONTH_BEFORE.search(low, window, s)
        if day_month is not None:
            found.append((day_month.start(), match.end(), int(match.group())))
    return found


def _plain_year_words(low: str, pub: int | None, end: int) -> list[YearMark]:
    """The "năm ..." marks with the baseline and origin patterns run at every year."""
    marks: list[YearMark] = []
    for match in years._YEAR_WORD.finditer(low, 0, end):
        s, e = match.span()
        if years._BASELINE_BEFORE.search(low, max(0, s - 30), s):
            continue
        if match.group("year"):
            if years._SINCE_TAIL.match(low, e):
                marks.append(YearMark(s, e, years.NOW, pub))
            elif 1990 <= int(match.group("year")) <= 2100:
                origin = years._ORIGIN_BEFORE.search(low, max(0, s - 24), s) is not None
                marks.append(YearMark(s, e, years.STATED, int(match.group("year")), origin))
        elif pub is not None:
            offset = 0 if match.group("this") else 1 if match.group("next") else -1
            marks.append(YearMark(s, e, years.STATED, pub + offset))
    return marks


@settings(max_examples=400, deadline=None)
@given(_YEAR_TEXTS)
@example("ngày 30/6/ 2024")
@example("12 - 3 -          2024")
@example("1/2/2023/2024")
@example("so với cuối năm 2022, năm 2023")
def test_full_dates_found_after_a_separator_are_those_of_every_year(text: str) -> None:
    low = lowered(text)
    assert years._dates(low, len(low)) == _plain_dates(low, len(low))


@settings(max_examples=400, deadline=None)
@given(_YEAR_TEXTS, st.sampled_from([None, date(2024, 6, 1)]))
@example("được công nhận từ năm 2021, so với năm 2020", date(2024, 6, 1))
def test_year_word_marks_skip_only_years_without_the_baseline_or_origin_word(
    text: str, published: date | None
) -> None:
    low = lowered(text)
    pub = published.year if published else None
    want = _plain_year_words(low, pub, len(low))
    got = [m for m in find_marks(low, published) if low.startswith("năm", m.start)]
    kept_starts = {m.start for m in got}
    # find_marks also drops a mark overlapping an earlier one: only those may be missing.
    assert got == [m for m in want if m.start in kept_starts]
    assert kept_starts <= {m.start for m in want}
    every = find_marks(low, published)
    for mark in want:
        if mark.start not in kept_starts:
            assert any(m.start < mark.start < m.end for m in every)


_PLACE_PIECES = st.sampled_from(
    [
        " ",
        ", ",
        ". ",
        ".",
        "\n\n",
        "(",
        ")",
        "tỉnh",
        "Thanh Hóa",
        "huyện",
        "Thiệu Hóa",
        "xã",
        "thị trấn",
        "Yên Cát",
        "TP.",
        "Hà Nội",
        "toàn",
        "cả nước",
        "của",
        "tại",
        "sau",
        "Sở",
        "Văn phòng",
        "UBND",
        "sản phẩm",
    ]
)
_PLACE_TEXTS = st.lists(
    st.lists(_PLACE_PIECES, max_size=8).map("".join), min_size=1, max_size=6
).map("\n\n".join)


@settings(max_examples=300, deadline=None)
@given(_PLACE_TEXTS, st.data())
@example("Ở xã Thiệu Đô, huyện Thiệu Hóa.\n\ntoàn huyện có 5.\n\nTỉnh Thanh Hóa.", None)
def test_a_run_of_blocks_read_in_one_pass_gives_the_mentions_block_by_block(
    text: str, data: st.DataObject | None
) -> None:
    paras = paragraphs(text)
    if not paras:
        return
    low = lowered(text)
    blocks = closed_blocks(low, paras)
    reach = (0, blocks[-1].end)
    first = 0 if data is None else data.draw(st.integers(0, len(blocks) - 1))
    last = len(blocks) - 1 if data is None else data.draw(st.integers(first, len(blocks) - 1))
    one_pass = find_mentions(
        text, blocks[first].start, blocks[last].end, low=low, reach=reach, with_roles=False
    )
    by_block = [
        mention
        for block in blocks[first : last + 1]
        for mention in find_mentions(
            text, block.start, block.end, low=low, reach=reach, with_roles=False
        )
    ]
    assert one_pass == by_block


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="VănphòSởBaHTXĐàiTỉnhủy UBND,.()", max_size=40))
def test_a_clause_without_capitals_holds_no_organisation_head(clause: str) -> None:
    if clause.islower():
        assert places._ORG_HEAD.search(clause) is None
