"""A plain-text dump of a whole page -> the article's own lines.

The dump (like the seed file) holds page chrome around the article: a
hotline line above the headline, byline and date lines, image captions
("... - Ảnh 1."), and after the article the source credit, the comment box
and related-article teasers with their own times ("09:44 , 19/03/2026").
Dropped lines are blanked rather than removed so that figure offsets index
the caller's text unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.figures.caseless import caseless, compile_caseless

# Lines above the headline that are not it.
_CHROME_LINE = re.compile(
    r"^\s*(?:đường\s+dây\s+nóng|hotline|điện\s+thoại|email|liên\s+hệ|trang\s+chủ|đăng\s+nhập)\b"
    r"|^[\s\d.:/,\-–|()+]*$",
    re.I,
)
# Where the article ends.
_ARTICLE_END = re.compile(
    r"^\s*(?:nguồn\s*:|theo\s+[^\n]{0,60}$|ý\s+kiến\s+bạn\s+đọc|bình\s+luận|xem\s+thêm\s+bình\s+luận"
    r"|tin\s+liên\s+quan|tin\s+cùng\s+chuyên\s+mục|bài\s+viết\s+liên\s+quan|đọc\s+thêm|xem\s+thêm"
    r"|tin\s+khác|tin\s+mới|gửi\s+bình\s+luận|từ\s+khóa|tags?\s*:)",
    re.I,
)
# A teaser's time stamp: "09:44 , 19/03/2026" or "19/03/2026 09:44" alone on a line.
_TEASER_TIME = re.compile(
    r"^\s*(?:\d{1,2}:\d{2}\s*,?\s*\d{1,2}/\d{1,2}/\d{4}|\d{1,2}/\d{1,2}/\d{4}\s*,?\s*\d{1,2}:\d{2})\s*$"
)
_DATE_LINE = re.compile(
    r"^\s*(?:(?:thứ\s+\w+|chủ\s+nhật)\s*,?\s*)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
    r"(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\(?GMT[+\-]\d+\)?)?\s*$",
    re.I,
)
# A caption: "... - Ảnh 1." at the end of the line or "Ảnh:" at its start. Two
# caseless patterns, the first literal-led, so that long body lines are passed
# over quickly (the optional dash before "Ảnh" changes no line's verdict).
_CAPTION_END = compile_caseless(r"Ảnh\s*\d+\s*\.?\s*$")
_CAPTION_START = compile_caseless(r"\s*Ảnh\s*(?:minh\s+họa)?\s*:")
# A byline: two to eight capitalised words, names joined by "-", ",", "và".
_BYLINE = re.compile(
    r"^\s*(?:(?:Bài|Ảnh|Bài\s+và\s+ảnh|Tin|Video)\s*:\s*)?"
    r"[A-ZĐÀ-Ỹ][\w]*(?:\s*(?:[-–,&]|\bvà\b)?\s*[A-ZĐÀ-Ỹ][\w]*){1,7}\s*$"
)
_MAX_BYLINE_CHARS = 60


@dataclass(frozen=True, slots=True)
class PageArticle:
    text: str  # same length as the page text; chrome blanked
    headline: str | None


def article_of_page(page: str) -> PageArticle:
    lines = page.splitlines(keepends=True)
    keep = [True] * len(lines)
    headline_index = _headline_index(lines)
    for i in range(headline_index or 0):
        keep[i] = False
    end = _article_end(lines, headline_index or 0)
    for i in range(end, len(lines)):
        keep[i] = False
    following = _next_lines(lines, end)
    for i in range((headline_index or 0) + 1, end):
        line = lines[i].strip()
        if not line:
            continue
        if _is_chrome_inside(line, following[i]):
            keep[i] = False
    text = "".join(line if kept else _blank(line) for line, kept in zip(lines, keep, strict=True))
    headline = lines[headline_index].strip() if headline_index is not None else None
    return PageArticle(text, headline)


def _headline_index(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if line.strip() and not _CHROME_LINE.search(line):
            return i
    return None


def _article_end(lines: list[str], start: int) -> int:
    seen_dateline = False
    for i in range(start + 1, len(lines)):
        if _ARTICLE_END.match(lines[i]):
            return i
        if _TEASER_TIME.match(lines[i]) or _DATE_LINE.match(lines[i]):
            if not seen_dateline:
                seen_dateline = True  # the article's own date line comes first
                continue
            # the teaser's title (often printed twice) sits above its time
            j = i
            while (
                j - 1 > start and lines[j - 1].strip() and not lines[j - 1].rstrip().endswith(".")
            ):
                j -= 1
            while j - 1 > start and not lines[j - 1].strip():
                j -= 1
            return _drop_title_lines(lines, j, start)
    return len(lines)


def _drop_title_lines(lines: list[str], end: int, start: int) -> int:
    """Step back over short unpunctuated lines above a teaser (its titles)."""
    j = end
    while j - 1 > start:
        line = lines[j - 1].strip()
        if not line:
            j -= 1
            continue
        if len(line) < 160 and not line.endswith((".", "!", "?", '"', "”")):
            j -= 1
            continue
        break
    return j


def _next_lines(lines: list[str], end: int) -> list[str]:
    """For each line before `end`, the next non-empty line (stripped), or ""."""
    following = [""] * end
    upcoming = next((ln.strip() for ln in lines[end:] if ln.strip()), "")
    for i in range(end - 1, -1, -1):
        following[i] = upcoming
        upcoming = lines[i].strip() or upcoming
    return following


def _is_caption(line: str) -> bool:
    folded = caseless(line)
    return bool(_CAPTION_END.search(folded) or _CAPTION_START.match(folded))


def _is_chrome_inside(line: str, following: str) -> bool:
    if _is_caption(line) or _DATE_LINE.match(line) or _TEASER_TIME.match(line):
        return True
    if len(line) <= _MAX_BYLINE_CHARS and _BYLINE.match(line) and not line.endswith("."):
        return True
    # a photo caption that repeats the start of the next paragraph
    return bool(following) and following != line and following.startswith(line)


def _blank(line: str) -> str:
    """Spaces of the line's length, its line break kept (offsets stay valid)."""
    body = line.rstrip("\r\n")
    return " " * len(body) + line[len(body) :]
