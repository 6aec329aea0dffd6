"""Bytes to text: the HTTP header, a BOM, the page's own <meta>, then detection.

httpx (and most clients) ignore <meta charset>, and several Vietnamese sites
declare their encoding only there, so the page bytes are decoded here rather
than trusting a decoded string from the crawler.

UTF-8 pages are not decoded at all: the HTML parser reads UTF-8 bytes itself,
and checking a whole page for invalid bytes and legacy-font Đ costs more than
a tenth of an extraction. The rule (applied by extract_article):

1. parser_input() hands the parser the bytes of every page that declares
   UTF-8 or declares nothing, unchecked.
2. Only what the article is read from is checked (suspect_text): the texts
   it keeps, the metadata (meta tags, JSON-LD, canonical link, language) and
   the text of the article's region around headline and body, where names
   are picked and dropped. The parser turns an invalid byte into U+FFFD,
   and U+00D0/U+00F0 is a legacy-font Đ. A page refused as not an article
   is checked too, as its refusal rests on text lengths and link counts.
3. When they are suspect, checked_parser_input() decides as before the rule:
   invalid UTF-8 is decoded again from detection and Đ is repaired
   (decode_html), and the page is extracted again from that.

So a page whose bytes are invalid only where the article does not look (a
script, a menu outside the article) is read as the UTF-8 it declares, where it used to be decoded
by detection as a whole.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator

from extract import thresholds
from extract.errors import ExtractError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
# Both <meta charset="x"> and <meta http-equiv=Content-Type content="...; charset=x">.
_META_CHARSET = re.compile(
    rb"<meta[^>]{0,400}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE | re.DOTALL
)
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.IGNORECASE)
# What _META_CHARSET opens with, and the word it looks for at most
# _META_REACH characters after the opening's start ("<meta" and 400).
_META_OPEN = re.compile(rb"<meta", re.IGNORECASE)
_CHARSET_WORD = b"charset"
_META_REACH = 5 + 400
# From a "<meta" to the end of the "charset" it may be followed by.
_META_SPAN = _META_REACH + len(_CHARSET_WORD)
# meta_charset() lower-cases the top of the page, in chunks of this many
# bytes and growing, up to _LOWERED_SCAN bytes; the pattern scans the rest.
_FIRST_CHUNK = 1024
_LOWERED_SCAN = 65_536
# Browsers (WHATWG) read these labels as windows-1252, a superset.
_LATIN1_LABELS = {"latin_1", "iso8859_1", "ascii"}
# Letters that only Vietnamese uses among Latin scripts: their presence means
# U+00D0 (Icelandic eth) in the text is a mis-encoded Vietnamese Đ.
_VIETNAMESE_LETTERS = re.compile("[ăâêôơưđĂÂÊÔƠƯĐạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")


def header_charset(headers: tuple[tuple[str, str], ...]) -> str | None:
    for name, value in headers:
        if name.lower() == "content-type":
            found = _HEADER_CHARSET.search(value)
            if found:
                return _codec_name(found.group(1))
    return None


def meta_charset(body: bytes) -> str | None:
    """The first charset a <meta> declares anywhere in the head.

    The end of the head is looked for only up to the declaration found:
    heads hold up to 300 KB of inline CSS and scripts while the declaration
    is near their top, and looking for the end first cost a pass over all of
    it. A declaration holds no ">" and its "charset=value" no "<", so an end
    of the head that begins before the declaration ends lies wholly before
    that end, where the bounded search finds it (the charset tests compare
    this with the plain order).

    The declarations are the matches _META_CHARSET.finditer() gives, but the
    pattern is only tried where it can match (_declaration_starts()): its
    lazy scan for "charset" walks every character of every <meta> tag, and
    a head holds dozens of them before the declaration.
    """
    limit = min(len(body), thresholds.META_SCAN_LIMIT)
    lowered_end = min(limit, _LOWERED_SCAN)
    resume = 0  # where finditer() would go on looking after a match
    for start in _declaration_starts(body, lowered_end):
        if start < resume:
            continue
        found = _META_CHARSET.match(body, start, limit)
        if found is None:
            continue
        resume = found.end()
        name = _codec_name(found.group(1).decode("ascii", "ignore"))
        if name:
            return _unless_head_ended(body, found, name)
    if lowered_end == limit:
        return None
    # A page without a declaration near its top: the pattern goes on from
    # the first "<meta" whose "charset" may lie beyond what was lower-cased.
    for found in _META_CHARSET.finditer(body, max(resume, lowered_end - _META_SPAN), limit):
        name = _codec_name(found.group(1).decode("ascii", "ignore"))
        if name:
            return _unless_head_ended(body, found, name)
    return None


def _unless_head_ended(body: bytes, found: re.Match[bytes], name: str) -> str | None:
    """`name`, unless the head ended before the declaration `found`."""
    return None if _HEAD_END.search(body, 0, found.end()) is not None else name


def _declaration_starts(body: bytes, limit: int) -> Iterator[int]:
    """In increasing order, every "<meta" (in any case) in body[:limit] where
    _META_CHARSET may match: those followed, within _META_REACH characters
    and before any ">", by "charset" in some case. Each "charset" is found in
    lower-cased text (one C pass, where the pattern walks character by
    character); the "<meta" it belongs to can only stand in the stretch of at
    most _META_REACH characters after the last ">" before it. A start found
    for a later "charset" cannot lie before one found for an earlier one
    (its stretch would hold the earlier "charset" too), so the starts come
    out in order once repeats are dropped."""
    last = -1
    for word in _charset_words(body, limit):
        low = max(word - _META_REACH, 0)
        low = max(low, body.rfind(b">", low, word) + 1)
        for opening in _META_OPEN.finditer(body, low, word):
            start = opening.start()
            if start > last:
                last = start
                yield start


def _charset_words(body: bytes, limit: int) -> Iterator[int]:
    """Where "charset", in any case, begins in body[:limit], in order. The
    text is lower-cased in growing chunks that overlap by a word's length
    less one, as the declaration is usually near the top of the page."""
    start, size = 0, _FIRST_CHUNK
    overlap = len(_CHARSET_WORD) - 1
    while start < limit:
        end = min(start + size, limit)
        lowered = body[start:end].lower()
        at = lowered.find(_CHARSET_WORD)
        while at != -1:
            yield start + at
            at = lowered.find(_CHARSET_WORD, at + 1)
        if end == limit:
            return
        start, size = end - overlap, size * 4


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    if name.replace("-", "_") in _LATIN1_LABELS:
        return "cp1252"
    # A page cannot really be UTF-16 if it was found by an ASCII scan.
    return "utf-8" if name.startswith("utf-16") or name.startswith("utf-32") else name


def _bom_codec(body: bytes) -> str | None:
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    return None


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect(body: bytes) -> str | None:
    from charset_normalizer import from_bytes  # deferred: import is slow

    best = from_bytes(body[: thresholds.DETECTION_SAMPLE]).best()
    return _codec_name(best.encoding) if best is not None else None


def choose_codec(body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> str:
    """Which codec decodes this page: header, BOM, meta, then detection."""
    bom = _bom_codec(body)
    if bom:
        return bom
    declared = header_charset(headers) or meta_charset(body)
    # Rule: servers often default to a Latin-1 header for UTF-8 pages; bytes
    # that are valid UTF-8 with non-ASCII content are UTF-8.
    if declared == "cp1252" and not body.isascii() and _is_utf8(body):
        return "utf-8"
    if declared:
        return declared
    if body.isascii() or _is_utf8(body):
        return "utf-8"
    return _detect(body) or "utf-8"


def decode_html(body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> str:
    """The page as NFC text; raises ExtractError for binary or empty input."""
    if not body or body.isspace():
        raise ExtractError("the page body is empty: nothing to extract")
    sample = body[:4096]
    if _bom_codec(body) is None and sample.count(0) > len(sample) * thresholds.BINARY_NUL_RATIO:
        raise ExtractError("the page body is binary data, not HTML; check the URL's content type")
    codec = choose_codec(body, headers)
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        # A declared charset that does not fit the bytes: let detection decide,
        # and keep whatever decodes, replacing the broken bytes.
        codec = _detect(body) or codec
        text = body.decode(codec, errors="replace")
    return fix_vietnamese(unicodedata.normalize("NFC", text))


def parser_input(body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> str | bytes:
    """What to hand the HTML parser first: the bytes themselves, unchecked,
    when the page declares UTF-8 or nothing; else checked_parser_input().

    The texts extracted from the bytes must then pass suspect_text(), or the
    page be extracted again from checked_parser_input() (module docstring).
    """
    if not body or body.isspace():
        raise ExtractError("the page body is empty: nothing to extract")
    if _bom_codec(body) is not None or b"\x00" in body[:4096]:
        return decode_html(body, headers)
    if (header_charset(headers) or meta_charset(body)) in (None, "utf-8"):
        return body
    return checked_parser_input(body, headers)


def checked_parser_input(body: bytes, headers: tuple[tuple[str, str], ...] = ()) -> str | bytes:
    """What to hand the HTML parser: the bytes themselves when they are plain
    UTF-8 (the parser reads UTF-8 natively), else the text of decode_html().

    Normalising a whole page to NFC costs more than parsing it; every text
    the extractor keeps goes through text.fold(), which normalises it, so
    the page need not be. Pages with U+00D0/U+00F0 (legacy-font Đ) take the
    decode_html() path, which repairs them.
    """
    if not body or body.isspace():
        raise ExtractError("the page body is empty: nothing to extract")
    if _bom_codec(body) is not None or b"\x00" in body[:4096]:
        return decode_html(body, headers)
    if choose_codec(body, headers) != "utf-8":
        return decode_html(body, headers)
    if body.isascii():
        return body
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return decode_html(body, headers)
    return decode_html(body, headers) if "\u00d0" in text or "\u00f0" in text else body


def suspect_text(texts: Iterable[str]) -> bool:
    """Whether texts read from unchecked bytes hold a sign that the page
    must be decoded with checked_parser_input(): U+FFFD, which the parser
    puts for invalid UTF-8, or a legacy-font Đ."""
    text = "\n".join(texts)
    return "\ufffd" in text or "\u00d0" in text or "\u00f0" in text


def fix_vietnamese(text: str) -> str:
    """Map U+00D0/U+00F0 (eth) to Đ/đ in Vietnamese text (legacy-font typing)."""
    if ("\u00d0" in text or "\u00f0" in text) and _VIETNAMESE_LETTERS.search(text):
        return text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    return text
