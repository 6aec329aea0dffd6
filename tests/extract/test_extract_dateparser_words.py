"""The dateparser short cut: a string judged to hold a word dateparser lacks
must be one that dateparser itself cannot read (it is not asked any more)."""

from __future__ import annotations

import string

import dateparser
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from extract.dates import (
    _DATEPARSER_LANGUAGES,
    _DATEPARSER_SETTINGS,
    has_word_dateparser_lacks,
    parse_date,
)


def dateparser_reads(text: str) -> bool:
    """What the fallback asked before the short cut existed."""
    found = dateparser.parse(
        text, languages=_DATEPARSER_LANGUAGES, settings=dict(_DATEPARSER_SETTINGS)
    )
    return found is not None


# The shapes of datelines that reach the fallback on English pages
# ("PTI | Updated: Sep 28, 2016, 05.54 PM IST"), from their parts.
_MONTHS = st.sampled_from(
    ["Sep", "Sep.", "Sept", "September", "aug", "AUGUST", "Mar", "may", "Dec.", "thg", "thang"]
)
_CLOCKS = st.builds(
    "{}{}{:02d}{}".format,
    st.integers(0, 23),
    st.sampled_from([":", ".", "h", " giờ "]),
    st.integers(0, 59),
    st.sampled_from(["", " AM", " PM", " am", " p.m.", "h", " IST", " ICT", " GMT+07:00"]),
)
_DATES = st.builds("{} {}, {}".format, _MONTHS, st.integers(1, 31), st.integers(1990, 2030))
_YEARS = st.integers(1990, 2030)
_DATES |= st.builds("{}/{}/{}".format, st.integers(1, 31), st.integers(1, 12), _YEARS)
_DATES |= st.builds("{} {}".format, _MONTHS, st.integers(1, 31))  # a year may stand apart
_DATES |= st.builds(
    "{} {}, {}".format, _MONTHS, st.integers(1, 31), st.sampled_from(["MMXVI", "MMX", "mmxx"])
)
# Words dateparser reads, or drops before reading ("Updated on:", the text
# after "GMT+07:00"), or reads as a year ("MMXVI").
_KNOWN = st.sampled_from(
    [
        "on", "at", "the", "of", "ago", "today", "yesterday", "IST", "EST", "ICT", "GMT+7",
        "UTC", "GMT+07:00", "UTC+0700", "MMXVI", "MMX", "copyright", "Q1", "2016", "PM", "in",
        "2 days ago", "noon", "Updated on:", "Published on:", "on:", "Thứ", "lúc", "ngày", "u",
    ]
)  # fmt: skip
# Words it lacks: agency and section names beside a dateline, and any word.
_UNKNOWN = st.sampled_from(
    ["PTI", "TOI Tech", "IANS", "Reuters", "By Jennifer Earl", "CBS News", "Updated:", "Tech"]
) | st.text(alphabet=string.ascii_letters, min_size=1, max_size=8)
_SEPARATORS = st.sampled_from([" ", " | ", ", ", " - ", ": ", " · ", "|"])


@st.composite
def datelines(draw: st.DrawFn) -> str:
    """A dateline of words dateparser knows with one or two words slipped in
    anywhere: the strings where knowing a word decides the answer."""
    parts = draw(st.lists(_KNOWN, max_size=2))
    parts.append(draw(_DATES))
    if draw(st.booleans()):
        parts.append(draw(_CLOCKS))
    parts += draw(st.lists(_KNOWN, max_size=2))
    for word in draw(st.lists(_UNKNOWN, max_size=2)):
        parts.insert(draw(st.integers(0, len(parts))), word)
    return "".join(draw(_SEPARATORS) + part for part in parts).strip()


@settings(max_examples=300, deadline=None)
@given(datelines())
def test_a_dateline_with_a_word_dateparser_lacks_is_one_dateparser_cannot_read(
    text: str,
) -> None:
    lacks = has_word_dateparser_lacks(text)
    event(f"judged unreadable: {lacks}")
    if lacks:
        assert not dateparser_reads(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.ascii_letters + string.digits + " .,:-|/+()", max_size=40))
def test_any_ascii_text_judged_unreadable_is_unreadable_to_dateparser(text: str) -> None:
    if has_word_dateparser_lacks(text):
        assert not dateparser_reads(text)


@pytest.mark.parametrize(
    "text",
    [
        "PTI | Updated: Sep 28, 2016, 05.54 PM IST",
        "| TOI Tech | Updated: Aug 27, 2016, 10.35 AM IST",
        "By Jennifer Earl CBS News September 27, 2016, 3:08 PM",
    ],
)
def test_english_datelines_with_agency_names_skip_dateparser(text: str) -> None:
    assert has_word_dateparser_lacks(text)
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Sep. 28, 2016, 4:38 AM",
        "Updated on: Sep 28, 2016",  # dateparser drops what stands before "on:"
        "Thứ Tư, 07 tháng 3, 2026",
        "Sep 28, 2016 GMT+7 Reuters",
    ],
)
def test_strings_dateparser_may_read_still_go_to_it(text: str) -> None:
    assert not has_word_dateparser_lacks(text)


def test_the_short_cut_steps_aside_when_dateparsers_data_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A dateparser release that lays out its private data differently must
    # not break extraction: every string then goes to dateparser again.
    import extract.dates as dates

    def moved() -> list[str]:
        raise AttributeError("no _get_dictionary in this release")

    monkeypatch.setattr(dates, "_dateparser_entries", moved)
    dates._dateparser_words.cache_clear()
    try:
        assert not has_word_dateparser_lacks("PTI | Updated: Sep 28, 2016, 05.54 PM IST")
    finally:
        monkeypatch.undo()
        dates._dateparser_words.cache_clear()
    assert has_word_dateparser_lacks("PTI | Updated: Sep 28, 2016, 05.54 PM IST")
