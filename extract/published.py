"""Publish and modify times: structured metadata checked against the visible dateline.

Named rules:
- STRUCTURED_AGREES: metadata (JSON-LD datePublished, article:published_time,
  itemprop, pubdate) agrees with the visible dateline -> metadata (it has
  seconds and an explicit zone).
- VISIBLE_WINS: they disagree and the dateline has a time of day -> the
  dateline (metadata is then often UTC written without a zone, or the
  creation time of a draft).
- STRUCTURED_ONLY / VISIBLE_ONLY: only one source exists.
Zone-less values are Vietnam time (dates.VIETNAM_TZ).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain

from extract import thresholds
from extract.blocks import Block
from extract.dates import ParsedDate, parse_date
from extract.structured import StructuredData

PUBLISHED_META = (
    "article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "og:published_time",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "sailthru.date",
    "parsely-pub-date",
)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
MODIFIED_META = ("article:modified_time", "datemodified", "og:updated_time", "dcterms.modified")


@dataclass(frozen=True, slots=True)
class PublishTimes:
    published: datetime | None
    modified: datetime | None
    rule: str


def choose_times(
    data: StructuredData, header: list[Block], fetched_at: datetime | None
) -> PublishTimes:
    # An article never updated gives its publish time as its modify time
    # too, in the same words: each distinct value is read once.
    read: dict[str, ParsedDate | None] = {}
    structured = _first_parsed(
        chain(data.published, data.iter_meta(*PUBLISHED_META)), fetched_at, read
    )
    modified = _first_parsed(chain(data.modified, data.iter_meta(*MODIFIED_META)), fetched_at, read)
    # With a structured time, the visible dateline only confirms it: the
    # dateparser pass (a hundred times slower) is not worth it.
    visible = visible_dateline(header, fetched_at, wordy=structured is None)
    modified_at = modified.when if modified else None
    if structured and visible:
        if _agrees(structured, visible):
            return PublishTimes(structured.when, modified_at, "STRUCTURED_AGREES")
        if visible.has_time:
            return PublishTimes(visible.when, modified_at, "VISIBLE_WINS")
        return PublishTimes(structured.when, modified_at, "STRUCTURED_AGREES")
    if structured:
        return PublishTimes(structured.when, modified_at, "STRUCTURED_ONLY")
    if visible:
        return PublishTimes(visible.when, modified_at, "VISIBLE_ONLY")
    return PublishTimes(None, modified_at, "NONE")


def _first_parsed(
    values: Iterable[str], now: datetime | None, read: dict[str, ParsedDate | None]
) -> ParsedDate | None:
    """The first of `values` that parse_date() reads (without its dateparser
    fallback). `read` holds the values read before, with what they gave."""
    for value in values:
        if value in read:
            found = read[value]
        else:
            found = read[value] = parse_date(value, now=now, fallback=False)
        if found is not None:
            return found
    return None


def _agrees(structured: ParsedDate, visible: ParsedDate) -> bool:
    if not visible.has_time:
        vn = structured.when.astimezone(visible.when.tzinfo)
        return vn.date() == visible.when.date()
    return abs(structured.when - visible.when) <= _AGREEMENT


_AGREEMENT = timedelta(minutes=thresholds.DATE_AGREEMENT_MINUTES)


def visible_dateline(
    header: list[Block], now: datetime | None, *, wordy: bool = True
) -> ParsedDate | None:
    """The dateline near the headline: the first date line with a time of day,
    else the first date line. `wordy` also tries dateparser on short lines."""
    lines = [
        b.text
        for b in header
        if len(b.text) <= thresholds.MAX_DATE_TEXT_LEN
        and b.link_density <= 0.5
        and not b.is_heading
    ]
    day_only: ParsedDate | None = None
    for text in lines:
        found = parse_date(text, now=now, fallback=False)
        if found is None:
            continue
        if found.has_time:
            return found
        day_only = day_only or found
    if day_only is not None or not wordy:
        return day_only
    # Slow path: wordy datelines ("March 7, 2026") only on short lines with a year.
    for text in lines:
        if len(text) <= thresholds.MAX_DATEPARSER_LEN and _YEAR.search(text):
            found = parse_date(text, now=now)
            if found is not None:
                return found
    return None
