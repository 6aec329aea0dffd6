"""Shared pieces of page chrome: escaping, Vietnamese date formats, today's date.

Pages are rendered once at start-up, but real sites print *today's* date in
their header (a classic trap for publish-date extractors). Rendered pages
therefore carry placeholder tokens that `fill_today` replaces on every request.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

# Monday first, as datetime.weekday() counts.
WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
TODAY_TOKENS = {
    "vccorp": b"@@MINIWEB_TODAY_VCCORP@@",
    "party": b"@@MINIWEB_TODAY_PARTY@@",
    "portal": b"@@MINIWEB_TODAY_PORTAL@@",
}
YEAR_TOKEN = b"@@MINIWEB_YEAR@@"
VIETNAM_TIME = timezone(timedelta(hours=7), "ICT")
PIXEL_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def weekday(moment: datetime, *, lower: bool = False) -> str:
    """'Thứ Tư'; NukeViet portals write 'Thứ tư' (only the first letter capital)."""
    name = WEEKDAYS[moment.weekday()]
    return name[:1] + name[1:].lower() if lower else name


def dmy(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y")


def hm(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def local_iso(moment: datetime) -> str:
    """ISO 8601 with no zone, as VCCorp metadata writes Vietnam local time."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def rfc822(moment: datetime) -> str:
    """RSS pubDate: 'Wed, 27 Dec 2023 10:00:00 +0700'."""
    return format_datetime(moment)


def today_token(layout: str) -> str:
    return TODAY_TOKENS[layout].decode("ascii")


def year_token() -> str:
    return YEAR_TOKEN.decode("ascii")


def vietnam_now() -> datetime:
    """The sites' clock: Vietnamese pages show the date in Vietnam, whatever the host's zone."""
    return datetime.now(VIETNAM_TIME)


def fill_today(body: bytes, now: datetime) -> bytes:
    """Put today's date (in each layout's header style) and year into a rendered page."""
    texts = {
        "vccorp": f"{weekday(now)}, ngày {dmy(now)}",
        "party": f"{weekday(now)}, {dmy(now)}",
        "portal": f"Hôm nay: {weekday(now, lower=True)} - {dmy(now)}",
    }
    for layout, token in TODAY_TOKENS.items():
        body = body.replace(token, esc(texts[layout]).encode("utf-8"))
    return body.replace(YEAR_TOKEN, str(now.year).encode("ascii"))


def image_slots(paragraph_count: int, image_count: int) -> list[int]:
    """After which paragraph (index) each image goes: spread evenly through the body."""
    if paragraph_count == 0:
        return [0] * image_count
    step = max(1, paragraph_count // (image_count + 1))
    return [min(paragraph_count - 1, step * (i + 1) - 1) for i in range(image_count)]


def image_path(site_id: str, article_key: str, number: int) -> str:
    return f"/images/{site_id}/{article_key}-{number}.jpg"
