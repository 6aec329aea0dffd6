"""RSS/Atom feeds -> article leads with their published dates."""

from __future__ import annotations

import calendar
import io
from datetime import UTC, datetime
from time import struct_time

import feedparser

from crawler.leads import Lead
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
            leads.append(Lead(url, published=_utc(entry.get("published_parsed"))))
    return leads


def _utc(parsed: struct_time | None) -> datetime | None:
    """feedparser gives published dates as UTC struct_time."""
    if parsed is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
