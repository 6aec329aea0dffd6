"""RSS/Atom feeds -> article leads with their published dates."""

from __future__ import annotations

import calendar
import io
import re
from datetime import UTC, datetime
from time import struct_time

import feedparser

from crawler.leads import Lead, aware
from crawler.urls import canonicalize


def feed_leads(body: bytes, feed_url: str) -> list[Lead]:
    """Item links of a feed we fetched ourselves, resolved against its URL, in feed order.

    The body goes in as a stream: given bytes or a string, feedparser may treat it
    as a file name or URL and read it itself.
    """
    parsed = feedparser.parse(io.BytesIO(body), resolve_relative_uris=False, sanitize_html=False)
    leads: list[Lead] = []
    for entry in parsed.entries:
        link = entry.get("link")
        url = canonicalize(link, base=feed_url) if isinstance(link, str) else None
        if url is not None:
            published = _published(entry.get("published"), entry.get("published_parsed"))
            leads.append(Lead(url, published=published))
    return leads


# An explicit zone at the end of a feed date: "+0700", "+07:00", "Z", "GMT", "ICT".
_ZONE_GIVEN = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z|\b[A-Z]{2,5})\s*$")


def _published(raw: object, parsed: struct_time | None) -> datetime | None:
    """feedparser turns every date into UTC, and reads one without a zone as UTC
    already; such a date was written in the site's own time instead."""
    if parsed is None:
        return None
    try:
        moment = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
    if isinstance(raw, str) and not _ZONE_GIVEN.search(raw.strip()):
        return aware(moment.replace(tzinfo=None))
    return moment
