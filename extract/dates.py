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

from extract import thresholds

VIETNAM_TZ = timezone(timedelta(hours=7))
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


def _zone(sign: str | None, hours: str | None, minutes: str | None) -> timezone:
    if not sign or hours is None:
        return UTC
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-offset if sign == "-" else offset)


def _build(
    year: int, month: int, day: int, hour: int, minute: int, second: int, tz: timezone
) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


def _read_iso(text: str) -> ParsedDate | None:
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
    zone = _ZONE.search(rest)
    if zone and zone.group(0).strip("() ").upper() not in ("", "G", "U"):
        tz = _zone(zone.group(1), zone.group(2), zone.group(3)) if zone.group(1) else UTC
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
    found = _RELATIVE.search(text)
    if not found or now is None:
        return None
    unit = found.group(2).lower()
    step = _RELATIVE_UNITS.get(unit) or _RELATIVE_UNITS.get(unit.rstrip("s"))
    if step is None:
        return None
    anchor = now if now.tzinfo else now.replace(tzinfo=VIETNAM_TZ)
    return ParsedDate(anchor - int(found.group(1)) * step, step < timedelta(days=1))


_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": VIETNAM_TZ_NAME,
    "PREFER_DATES_FROM": "past",
}


def _read_with_dateparser(text: str, now: datetime | None) -> ParsedDate | None:
    import dateparser  # deferred: importing it costs about a second

    settings = dict(_DATEPARSER_SETTINGS)
    if now is not None:
        settings["RELATIVE_BASE"] = now.replace(tzinfo=None)
    try:
        when = dateparser.parse(text, languages=["vi", "en"], settings=settings)
    except (ValueError, OverflowError, TypeError, AttributeError, KeyError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=VIETNAM_TZ)
    has_time = bool(_TIME.search(text)) or (when.hour, when.minute) != (0, 0)
    return ParsedDate(when, has_time)
