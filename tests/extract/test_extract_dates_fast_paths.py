"""The date readers' fast paths give what the plain readings give."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract import dates, published
from extract.structured import StructuredData, meta_value

_DIGITS = st.text("0123456789", min_size=1, max_size=1)


def _digits(count: int) -> st.SearchStrategy[str]:
    return st.lists(_DIGITS, min_size=count, max_size=count).map("".join)


# Machine-written times with any digits, so that out-of-range fields occur,
# and shapes just beside the fast path's (fractions, spaces, short fields).
_ISO_TEXTS = st.tuples(
    _digits(4),
    st.sampled_from(["-", "/"]),
    _digits(2),
    _digits(2),
    st.sampled_from(["", "T", " ", "t"]),
    st.tuples(_digits(2), _digits(2), _digits(2)).map(":".join),
    st.sampled_from(["", ".000", ",5"]),
    st.sampled_from(["", "Z", "+", "-", " +", "z"]),
    st.sampled_from(["", "07:00", "0700", "00:00", "05:30", "99:00", "07:60", "7"]),
).map(lambda p: f"{p[0]}-{p[2]}{p[1]}{p[3]}{p[4]}{p[5] if p[4] else ''}{p[6]}{p[7]}{p[8]}")


def _outcome(read: Callable[[str], dates.ParsedDate | None], text: str) -> tuple[object, ...]:
    try:
        found = read(text)
    except ValueError as error:
        return ("raises", type(error))
    if found is None:
        return (None,)
    return (found.when, found.when.utcoffset(), found.has_time)


@settings(max_examples=600, deadline=None)
@given(_ISO_TEXTS | st.text(alphabet="0123456789-T:+Z .", max_size=30) | st.text(max_size=30))
@example("2026-03-07T08:06:00+07:00")
@example("2026-03-07T08:06:00")
@example("2017-02-22")
@example("2016-09-28T19:08:15Z")
@example("2017-02-04T19:08:18+0000")
@example("2026-03-07T24:00:00")
@example("2026-03-07T08:06:00+07:60")
@example("2026-02-30")
def test_the_iso_fast_path_reads_as_the_full_pattern(text: str) -> None:
    assert _outcome(dates._read_iso, text) == _outcome(dates.read_iso_by_pattern, text)


def test_zones_equal_the_offset_they_name() -> None:
    # Every sign, hour and minute field the patterns can capture that matters:
    # Vietnam's own offset comes from a constant, the rest are built.
    for sign in ("+", "-", "", None):
        for hours in map(str, range(31)):
            for minutes in (None, "0", "00", "30", "59", "60"):
                assert _offset_of_zone(sign, hours, minutes) == _plain_offset(sign, hours, minutes)


def _offset_of_zone(sign: str | None, hours: str, minutes: str | None) -> object:
    zone = dates._zone(sign, hours, minutes)
    return None if zone is None else zone.utcoffset(None)


def _plain_offset(sign: str | None, hours: str, minutes: str | None) -> object:
    if not sign:
        return timedelta(0)
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    try:
        return timezone(-offset if sign == "-" else offset).utcoffset(None)
    except ValueError:  # a day or more: no zone has it
        return None


def test_only_t_and_its_capital_match_a_t_case_insensitively() -> None:
    # _read_dmy skips the zone search on text without a T or t.
    pattern = re.compile("t", re.IGNORECASE)
    assert {c for c in map(chr, range(0x110000)) if pattern.fullmatch(c)} == {"t", "T"}


_META_VALUES = st.lists(
    st.sampled_from(["", " ", "2026-03-07T08:06:00+07:00", "&amp;", "x", "07/03/2026"]),
    max_size=3,
).map(tuple)


@given(
    st.dictionaries(
        st.sampled_from([*published.PUBLISHED_META[:4], "date", "other"]),
        _META_VALUES,
        max_size=4,
    )
)
def test_meta_values_are_the_folded_non_empty_contents_in_name_order(
    raw_meta: dict[str, tuple[str, ...]],
) -> None:
    # choose_times() reads them one by one and stops at the first time.
    data = StructuredData(raw_meta=raw_meta)
    names = published.PUBLISHED_META
    plain = [meta_value(raw) for name in names for raw in raw_meta.get(name, ())]
    plain = [value for value in plain if value]
    assert list(data.iter_meta(*names)) == plain
    assert data.first_meta(*names) == (plain[0] if plain else None)


def test_a_relative_date_without_a_fetch_time_is_none() -> None:
    assert dates.parse_date("5 phút trước", fallback=False) is None
    now = datetime(2026, 3, 7, 10, 0, tzinfo=dates.VIETNAM_TZ)
    found = dates.parse_date("5 phút trước", now=now, fallback=False)
    assert found is not None and found.when == now - timedelta(minutes=5)


@given(
    st.sampled_from(["GMT", "gmt", "Gmt", "UTC", "utc", "uTc"]),
    st.sampled_from(["+", "-"]),
    st.integers(0, 12),
    st.sampled_from(["", "(", "Thứ bảy, ", "Cập nhật "]),
)
def test_a_dateline_zone_in_any_case_sets_the_offset(
    name: str, sign: str, hours: int, before: str
) -> None:
    found = dates.parse_date(f"{before}07/03/2026 08:06 {name}{sign}{hours}", fallback=False)
    offset = timedelta(hours=-hours if sign == "-" else hours)
    assert found is not None and found.when.utcoffset() == offset


# Times as pages write them, and values no reader takes; few enough that a
# page gives one value twice (datePublished equal to dateModified).
_STRUCTURED_TIMES = st.lists(
    st.sampled_from(
        ["2026-03-07T08:06:00+07:00", "2026-03-08", "07/03/2026 08:06", "", "x", "2126-01-01"]
    ),
    max_size=3,
).map(tuple)


def _first_time(values: list[str], now: datetime | None) -> dates.ParsedDate | None:
    """The first value parse_date() reads, each read on its own."""
    return next(
        (f for f in (dates.parse_date(v, now=now, fallback=False) for v in values) if f), None
    )


@given(
    _STRUCTURED_TIMES,
    _STRUCTURED_TIMES,
    st.dictionaries(
        st.sampled_from(["article:published_time", "date", "article:modified_time"]),
        _STRUCTURED_TIMES,
        max_size=3,
    ),
    st.sampled_from([None, datetime(2026, 3, 9, tzinfo=dates.VIETNAM_TZ)]),
)
def test_structured_times_are_those_of_reading_every_value_on_its_own(
    published_values: tuple[str, ...],
    modified_values: tuple[str, ...],
    raw_meta: dict[str, tuple[str, ...]],
    now: datetime | None,
) -> None:
    # choose_times() reads a value both lists hold once.
    data = StructuredData(published=published_values, modified=modified_values, raw_meta=raw_meta)
    first = _first_time([*data.published, *data.iter_meta(*published.PUBLISHED_META)], now)
    last = _first_time([*data.modified, *data.iter_meta(*published.MODIFIED_META)], now)
    times = published.choose_times(data, [], now)
    assert (times.published, times.modified) == (
        first.when if first else None,
        last.when if last else None,
    )
