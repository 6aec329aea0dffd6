"""Date strings (Vietnamese visible datelines and machine formats) to aware datetimes.

Compiled patterns cover the shapes Vietnamese news pages use; `dateparser`
is the fallback only, because it is about a hundred times slower. Strings
without a zone are Vietnam time (UTC+07:00, no daylight saving since 1975).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache

from extract import thresholds

_VIETNAM_MINUTES = 7 * 60
# datetime.timezone takes offsets strictly under a day.
_MINUTES_A_DAY = 24 * 60
VIETNAM_TZ = timezone(timedelta(minutes=_VIETNAM_MINUTES))
VIETNAM_TZ_NAME = "Asia/Ho_Chi_Minh"

_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?(?![\d:])"
)
_DMY = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
_WORDY_DMY = re.compile(
    r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*(?:năm|,|/)?\s*(\d{4})", re.IGNORECASE
)
_ZONE = re.compile(
    r"\(?\s*(?:GMT|UTC)\s*(?:([+-])\s*(\d{1,2})(?::?(\d{2}))?)?\s*\)?", re.IGNORECASE
)
_TIME = re.compile(
    r"(?<![\d/.,-])(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{2})(?!\d)"
    r"(?:\s*(?:phút|p\b))?(?::(\d{2}))?(?:\s*(AM|PM|SA|CH)\b)?",
    re.IGNORECASE,
)
_RELATIVE = re.compile(
    r"(\d+)\s*(giây|phút|giờ|tiếng|ngày|tuần|tháng|năm|seconds?|minutes?|mins?|hours?|"
    r"days?|weeks?)\s*(?:trước|ago)",
    re.IGNORECASE,
)
# The shapes nearly every machine-written time has ("2026-03-07T08:06:00+07:00",
# "2016-09-28T19:08:15Z", "2017-02-22"): datetime.fromisoformat() reads them
# with the result _ISO and _build give, in a third of their time (_read_iso).
_PLAIN_ISO = re.compile(
    r"\d{4}-\d\d-\d\d(?P<time>T\d\d:\d\d:\d\d(?P<zone>Z|[+-]\d\d:?\d\d)?)?", re.ASCII
)
_EPOCH = re.compile(r"\s*(\d{10})(?:\d{3})?\s*")
_RFC822 = re.compile(r"\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}")
_DIGIT = re.compile(r"\d")

_RELATIVE_UNITS: dict[str, timedelta] = {
    "giây": timedelta(seconds=1),
    "phút": timedelta(minutes=1),
    "giờ": timedelta(hours=1),
    "tiếng": timedelta(hours=1),
    "ngày": timedelta(days=1),
    "tuần": timedelta(weeks=1),
    "tháng": timedelta(days=30),
    "năm": timedelta(days=365),
    "second": timedelta(seconds=1),
    "minute": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "hour": timedelta(hours=1),
    "day": timedelta(days=1),
    "week": timedelta(weeks=1),
}


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """A date read from text; `has_time` is False when only the day was given."""

    when: datetime
    has_time: bool


def parse_date(
    text: str, *, now: datetime | None = None, fallback: bool = True
) -> ParsedDate | None:
    """Read the first date in `text`; None when there is none or it is implausible."""
    if not text or not _DIGIT.search(text):
        return None
    for reader in (_read_iso, _read_epoch, _read_dmy, _read_rfc822):
        found = reader(text)
        if found is not None:
            return found if _plausible(found.when, now) else None
    relative = _read_relative(text, now)
    if relative is not None:
        return relative
    if fallback and len(text) <= thresholds.MAX_DATEPARSER_LEN:
        found = _read_with_dateparser(text, now)
        if found is not None and _plausible(found.when, now):
            return found
    return None


def _plausible(when: datetime, now: datetime | None) -> bool:
    latest = (now or datetime.now(UTC)).year + 1
    return thresholds.EARLIEST_YEAR <= when.year <= latest


def _zone(sign: str | None, hours: str | None, minutes: str | None) -> timezone | None:
    """The zone an offset names; None for an offset no zone has (a day or
    more: "+99:00", "GMT+30"), which makes the time unreadable rather than
    wrong."""
    if not sign or hours is None:
        return UTC
    offset = int(hours) * 60 + int(minutes or 0)
    if offset == _VIETNAM_MINUTES and sign == "+":
        return VIETNAM_TZ  # the zone nearly every page gives: no new object
    if offset >= _MINUTES_A_DAY:
        return None
    return timezone(timedelta(minutes=-offset if sign == "-" else offset))


def _build(
    year: int, month: int, day: int, hour: int, minute: int, second: int, tz: timezone
) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


def _read_iso(text: str) -> ParsedDate | None:
    if "-" not in text:  # _ISO needs one
        return None
    plain = _PLAIN_ISO.fullmatch(text)
    if plain is not None:
        # What is left out is Vietnam time, at midnight when the time is.
        if plain["time"] is None:
            full = text + "T00:00:00+07:00"
        else:
            full = text if plain["zone"] else text + "+07:00"
        try:
            return ParsedDate(datetime.fromisoformat(full), plain["time"] is not None)
        except ValueError:  # a field out of range: the full reading decides
            pass
    return read_iso_by_pattern(text)


def read_iso_by_pattern(text: str) -> ParsedDate | None:
    """_read_iso without its fast path (tests compare the two)."""
    found = _ISO.search(text)
    if not found:
        return None
    year, month, day, hour, minute, second, zone = found.groups()
    tz = VIETNAM_TZ
    if zone:
        if zone == "Z":
            tz = UTC
        else:
            digits = zone[1:].replace(":", "")
            tz = _zone(zone[0], digits[:2], digits[2:4] or "0")
            if tz is None:
                return None
    when = _build(
        int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0), tz
    )
    return ParsedDate(when, hour is not None) if when else None


def _read_epoch(text: str) -> ParsedDate | None:
    found = _EPOCH.fullmatch(text)
    if not found:
        return None
    return ParsedDate(datetime.fromtimestamp(int(found.group(1)), VIETNAM_TZ), True)


def _read_dmy(text: str) -> ParsedDate | None:
    found = _DMY.search(text)
    if found:
        day, month, year = int(found.group(1)), int(found.group(3)), int(found.group(4))
    else:
        found = _WORDY_DMY.search(text)
        if not found:
            return None
        day, month, year = (int(g) for g in found.groups())
    if month > 12 >= day:  # month-first (US) order
        day, month = month, day
    rest = text[: found.start()] + " " + text[found.end() :]
    tz = VIETNAM_TZ
    # Both zone names hold a T, which under IGNORECASE matches only T and t.
    zone = _ZONE.search(rest) if "T" in rest or "t" in rest else None
    if zone and zone.group(0).strip("() ").upper() not in ("", "G", "U"):
        named = _zone(zone.group(1), zone.group(2), zone.group(3)) if zone.group(1) else UTC
        if named is None:
            return None
        tz = named
        rest = rest[: zone.start()] + " " + rest[zone.end() :]
    clock = _TIME.search(rest)
    hour = minute = second = 0
    if clock:
        hour, minute = int(clock.group(1)), int(clock.group(2))
        second = int(clock.group(3) or 0)
        meridiem = (clock.group(4) or "").upper()
        if meridiem in ("PM", "CH") and hour < 12:
            hour += 12
        elif meridiem in ("AM", "SA") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59 or second > 59:
            clock = None
            hour = minute = second = 0
    when = _build(year, month, day, hour, minute, second, tz)
    return ParsedDate(when, clock is not None) if when else None


def _read_rfc822(text: str) -> ParsedDate | None:
    if not _RFC822.search(text):
        return None
    try:
        when = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=VIETNAM_TZ)
    return ParsedDate(when, True)


def _read_relative(text: str, now: datetime | None) -> ParsedDate | None:
    if now is None:  # relative to nothing
        return None
    found = _RELATIVE.search(text)
    if not found:
        return None
    unit = found.group(2).lower()
    step = _RELATIVE_UNITS.get(unit) or _RELATIVE_UNITS.get(unit.rstrip("s"))
    if step is None:
        return None
    anchor = now if now.tzinfo else now.replace(tzinfo=VIETNAM_TZ)
    return ParsedDate(anchor - int(found.group(1)) * step, step < timedelta(days=1))


_DATEPARSER_LANGUAGES = ["vi", "en"]
_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": VIETNAM_TZ_NAME,
    "PREFER_DATES_FROM": "past",
}


def _read_with_dateparser(text: str, now: datetime | None) -> ParsedDate | None:
    import dateparser  # deferred: importing it costs about a second

    if has_word_dateparser_lacks(text):
        return None
    settings = dict(_DATEPARSER_SETTINGS)
    if now is not None:
        settings["RELATIVE_BASE"] = now.replace(tzinfo=None)
    try:
        when = dateparser.parse(text, languages=_DATEPARSER_LANGUAGES, settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=VIETNAM_TZ)
    has_time = bool(_TIME.search(text)) or (when.hour, when.minute) != (0, 0)
    return ParsedDate(when, has_time)


# dateparser drops these before it looks words up ("Updated on: Sep 28",
# everything after a "GMT+07:00" offset), so their neighbours prove nothing.
_DATEPARSER_DROPS = ("on:", "gmt", "utc")
_ASCII_WORD = re.compile(r"[a-z]+")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
# dateparser reads Roman numerals as years ("MMXVI"); words of these letters,
# in any case, are left to it.
_ROMAN_LETTERS = frozenset("mdclxvi")


def has_word_dateparser_lacks(text: str) -> bool:
    """Whether `text` holds a word that dateparser knows in neither Vietnamese
    nor English, so that it would return None (after about a millisecond).

    dateparser reads a string in a language only when every word of it is in
    that language's dictionary (Locale.is_applicable); a known word must
    start and end at a non-letter, so an ASCII word that is not part of any
    dictionary entry, time-zone name or pattern of dateparser's stays an
    unknown token ("PTI | Updated: Sep 28, 2016, 05.54 PM IST": "pti").
    Only ASCII text is judged (NFKD could join a word with its neighbours),
    and not text where dateparser first drops parts (_DATEPARSER_DROPS).
    tests/extract/test_extract_dateparser_words.py compares this with dateparser.
    """
    if not text.isascii():
        return False
    lowered = text.lower()
    if any(drop in lowered for drop in _DATEPARSER_DROPS):
        return False
    known = _dateparser_words()
    if known is None:  # the installed dateparser's data could not be read
        return False
    return any(
        word not in known and not _ROMAN_LETTERS.issuperset(word)
        for word in _ASCII_WORD.findall(lowered)
    )


@cache  # built once per process from the installed dateparser's own data
def _dateparser_words() -> str | None:
    """The letter runs of every word dateparser may read or drop while
    deciding whether a language applies, casefolded, one a line: a word is
    known when it is part of a line. Patterns also give their letters run
    together, so that "centur(?:y|ies)" still knows "century". Runs inside
    longer ones are left out (a search of the text costs its length)."""
    try:  # private data: a dateparser release may lay it out differently
        entries = _dateparser_entries()
    except (ImportError, AttributeError, TypeError, KeyError, ValueError):
        return None  # no gate then: every string goes to dateparser, as before
    entries += ["".join(filter(str.isalpha, entry)) for entry in entries]
    runs = {run for entry in entries for run in _LETTER_RUN.findall(entry.casefold())}
    words = "\n"
    for run in sorted(runs, key=len, reverse=True):
        if run not in words:
            words += run + "\n"
    return words


def _dateparser_entries() -> list[str]:
    """Dictionary entries, locale data, time-zone names and patterns of the
    installed dateparser, for vi and en."""
    import dateparser.date
    from dateparser.conf import settings as defaults
    from dateparser.languages.loader import default_loader
    from dateparser.timezones import timezone_info_list

    settings = defaults.replace(mod_settings=dict(_DATEPARSER_SETTINGS), **_DATEPARSER_SETTINGS)
    entries: list[str] = []
    for locale in default_loader.get_locales(languages=_DATEPARSER_LANGUAGES):
        entries += map(str, locale._get_dictionary(settings))
        entries += _strings_in(locale.info)
    entries += _strings_in(timezone_info_list)
    entries += [
        value.pattern
        for value in vars(dateparser.date).values()
        if isinstance(getattr(value, "pattern", None), str)
    ]
    return entries


def _strings_in(data: object) -> list[str]:
    """The strings anywhere in nested dicts, lists and tuples (keys too)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for key, value in data.items() for s in _strings_in(key) + _strings_in(value)]
    if isinstance(data, list | tuple):
        return [s for item in data for s in _strings_in(item)]
    return []
