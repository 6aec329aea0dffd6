"""Date strings seen on Vietnamese news pages parse to the right aware instant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.dates import VIETNAM_TZ, parse_date

NOW = datetime(2026, 3, 7, 10, 0, tzinfo=UTC)


def vn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM_TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ bảy, 07/03/2026 - 08:07", vn(2026, 3, 7, 8, 7)),
        ("07-03-2026 - 09:40 AM", vn(2026, 3, 7, 9, 40)),
        ("07-03-2026 - 00:01 AM", vn(2026, 3, 7, 0, 1)),
        ("07/03/2026 08:06 GMT+7", vn(2026, 3, 7, 8, 6)),
        ("Chủ nhật, 13/2/2022, 16:08 (GMT+7)", vn(2022, 2, 13, 16, 8)),
        ("10h00 ngày 27/12/2023", vn(2023, 12, 27, 10, 0)),
        ("10 giờ 00 phút, ngày 27/12/2023", vn(2023, 12, 27, 10, 0)),
        ("Cập nhật lúc 15:20 21/03/2024", vn(2024, 3, 21, 15, 20)),
        ("09:44 , 19/03/2026", vn(2026, 3, 19, 9, 44)),
        ("27/12/2023 10:00", vn(2023, 12, 27, 10, 0)),
        ("Thứ Tư, 27/12/2023 - 10:00", vn(2023, 12, 27, 10, 0)),
        ("Thứ tư - 31/01/2024 16:33", vn(2024, 1, 31, 16, 33)),
        ("07/03/2026 08:52 (GMT+07:00)", vn(2026, 3, 7, 8, 52)),
        ("07/03/2026 03:30 PM", vn(2026, 3, 7, 15, 30)),
        ("2026-03-07T08:52:11.000 +07:00", vn(2026, 3, 7, 8, 52, 11)),
        ("2026-03-07T00:01:00", vn(2026, 3, 7, 0, 1)),
        ("2026-03-07T01:07:18Z", vn(2026, 3, 7, 8, 7, 18)),
        ("Sat, 07 Mar 2026 08:07:00 +0700", vn(2026, 3, 7, 8, 7)),
        ("2 giờ trước", vn(2026, 3, 7, 15, 0)),
        ("March 7, 2026 10:15 am", vn(2026, 3, 7, 10, 15)),
    ],
)
def test_known_page_formats_parse_to_the_instant(text: str, expected: datetime) -> None:
    found = parse_date(text, now=NOW)
    assert found is not None
    assert found.when == expected
    assert found.when.tzinfo is not None


def test_a_date_without_time_says_so() -> None:
    found = parse_date("Thứ Bảy, Ngày 07 tháng 03 năm 2026,", now=NOW)
    assert found is not None and not found.has_time
    assert found.when.date() == vn(2026, 3, 7).date()


@pytest.mark.parametrize("text", ["", "hello", "Tổng đài 1900 1234", "Trang 3", "© 1890"])
def test_text_without_a_plausible_date_gives_none(text: str) -> None:
    assert parse_date(text, now=NOW) is None


def test_relative_dates_need_a_fetch_time() -> None:
    assert parse_date("5 phút trước", fallback=False) is None


moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2026, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=VIETNAM_TZ)
)


@settings(max_examples=150, deadline=None)
@given(
    moments,
    st.sampled_from(
        [
            "{d:%d/%m/%Y %H:%M}",
            "{d:%H:%M} , {d:%d/%m/%Y}",
            "Thứ hai, {d:%d/%m/%Y} - {d:%H:%M}",
            "{d:%Hh%M} ngày {d:%d/%m/%Y}",
            "{d:%d-%m-%Y} - {d:%I:%M %p}",
            "{d:%d/%m/%Y %H:%M} GMT+7",
            "{d:%Y-%m-%dT%H:%M:%S}+07:00",
            "{d:%Y-%m-%dT%H:%M:%S.000} +07:00",
        ]
    ),
)
def test_rendered_vietnamese_formats_round_trip(moment: datetime, pattern: str) -> None:
    found = parse_date(pattern.format(d=moment), now=NOW, fallback=False)
    assert found is not None and found.when == moment


@settings(max_examples=100, deadline=None)
@given(moments, st.integers(min_value=-11, max_value=12))
def test_iso_offsets_give_the_same_instant(moment: datetime, hours: int) -> None:
    zone = timezone(timedelta(hours=hours))
    shifted = moment.astimezone(zone)
    found = parse_date(shifted.isoformat(), fallback=False)
    assert found is not None and found.when == moment


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_never_raises(text: str) -> None:
    found = parse_date(text, now=NOW, fallback=False)
    assert found is None or found.when.tzinfo is not None


@pytest.mark.parametrize(
    "text",
    ["2026-03-07T08:00:00+99:00", "2026-03-07 08:00-2400", "07/03/2026 08:00 GMT+30"],
)
def test_an_offset_of_a_day_or_more_makes_the_time_unreadable(text: str) -> None:
    assert parse_date(text, now=NOW) is None


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from("+-"),
    st.integers(min_value=0, max_value=99),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["2026-03-07T08:00:00{}{:02d}:{:02d}", "07/03/2026 08:00 GMT{}{}:{:02d}"]),
)
def test_any_written_offset_gives_a_zoned_time_or_none(
    sign: str, hours: int, minutes: int, shape: str
) -> None:
    found = parse_date(shape.format(sign, hours, minutes), now=NOW, fallback=False)
    if hours * 60 + minutes >= 24 * 60:
        assert found is None
    else:
        assert found is not None and found.when.utcoffset() is not None
