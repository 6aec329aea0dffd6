"""Decoding: header, BOM, meta anywhere in the head, detection, Vietnamese fix-ups."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract import thresholds
from extract.charset import _HEAD_END, _META_CHARSET, _codec_name, decode_html, meta_charset
from extract.errors import ExtractError

VIETNAMESE = "Chiến sự đẩy giá hoa nhập khẩu"


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 writes most tone marks as combining characters."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tones = [c for c in parts if c in TONE_MARKS]
            base = "".join(c for c in parts if c not in TONE_MARKS)
            out += unicodedata.normalize("NFC", base).encode("cp1258")
            out += "".join(tones).encode("cp1258")
    return bytes(out)


def test_meta_charset_after_a_long_head_is_honoured() -> None:
    head = "<style>" + "x" * 200_000 + "</style>"
    page = f'<html><head>{head}<meta charset="windows-1258"></head><body>đ</body></html>'
    text = decode_html(cp1258(page))
    assert text.endswith("<body>đ</body></html>")


def test_header_charset_wins_over_detection() -> None:
    page = cp1258(f"<html><body>{VIETNAMESE}</body></html>")
    text = decode_html(page, (("Content-Type", "text/html; charset=windows-1258"),))
    assert VIETNAMESE in text


def test_latin1_header_on_utf8_bytes_decodes_as_utf8() -> None:
    page = f"<p>{VIETNAMESE}</p>".encode()
    assert VIETNAMESE in decode_html(page, (("content-type", "text/html; charset=ISO-8859-1"),))


def test_bom_decides_the_encoding() -> None:
    assert VIETNAMESE in decode_html(b"\xef\xbb\xbf<p>" + VIETNAMESE.encode() + b"</p>")


def test_output_is_nfc_and_eth_becomes_d_with_stroke_in_vietnamese() -> None:
    decomposed = "<p>Ðà Nẵng tiếng Vie\u0302\u0323t</p>".encode()
    text = decode_html(decomposed)
    assert "Đà Nẵng" in text and "Việt" in text


def test_undeclared_legacy_bytes_are_detected() -> None:
    page = cp1258("<p>" + VIETNAMESE * 20 + "</p>")
    text = decode_html(page)
    assert "<p>" in text and "\ufffd" not in text


@pytest.mark.parametrize("body", [b"", b"   ", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50])
def test_empty_or_binary_input_raises_a_clear_extract_error(body: bytes) -> None:
    with pytest.raises(ExtractError, match=r"empty|binary"):
        decode_html(body)


def _meta_charset_within_the_head(body: bytes) -> str | None:
    """The plain computation meta_charset() replaces: find the end of the
    head first, then the first declaration before it."""
    head_end = _HEAD_END.search(body, 0, thresholds.META_SCAN_LIMIT)
    limit = head_end.start() if head_end else thresholds.META_SCAN_LIMIT
    for found in _META_CHARSET.finditer(body, 0, limit):
        name = _codec_name(found.group(1).decode("ascii", "ignore"))
        if name:
            return name
    return None


_HEAD_PIECES = [
    b'<meta charset="utf-8">', b"<META CHARSET=windows-1258>", b"<meta charset=bogus-x>",
    b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
    b"<meta name=x ", b"<meta ", b"charset=", b"utf-8", b"koi8-r", b" ", b">", b'"', b"x",
    b"</head>", b"</HEAD \n>", b"</head", b"<body>", b"<BODY class=a>", b"<bodyx>", b"<body",
    b"<", b"<title>t</title>", b"<meta <body charset=utf-8>", b"<meta x=</head> charset=cp1258>",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_HEAD_PIECES), max_size=14))
def test_meta_charset_is_the_first_declaration_before_the_head_ends(pieces: list[bytes]) -> None:
    body = b"".join(pieces)
    assert meta_charset(body) == _meta_charset_within_the_head(body)


def _meta_charset_by_pattern(body: bytes) -> str | None:
    """meta_charset() as the pattern alone computes it: every match of
    _META_CHARSET in turn, where meta_charset() tries it only where it can match."""
    for found in _META_CHARSET.finditer(body, 0, thresholds.META_SCAN_LIMIT):
        name = _codec_name(found.group(1).decode("ascii", "ignore"))
        if name:
            return None if _HEAD_END.search(body, 0, found.end()) else name
    return None


# Pieces that put "charset" at the edge of a declaration's reach (400
# characters after "<meta"), across the chunks meta_charset() lower-cases
# the top of the page in and past them, in mixed case and after stray ">".
_LONG_PIECES = [
    *_HEAD_PIECES, b"<MeTa ", b"ChArSeT = 'Utf-8'", b"CHARSET=koi8-r", b"<meta" + b"a" * 395,
    b"aaaa", b"aaaaa", b"aaaaaa", b"x" * 1015, b"x" * 4085, b"x" * 30_000,
    b"<meta <meta charset=bogus>", b"charset=cp1252", b'<meta content="a>b" charset=utf-8>',
    b"<script>charset</script>",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LONG_PIECES), max_size=16))
def test_meta_charset_tries_the_pattern_wherever_it_can_match(pieces: list[bytes]) -> None:
    body = b"".join(pieces)
    assert meta_charset(body) == _meta_charset_by_pattern(body)


# Where the chunks meta_charset() lower-cases end: 1 KB, then 4 KB, 16 KB...
# each overlapping the one before by six bytes, up to 64 KB.
_CHUNK_EDGES = [1024, 1018 + 4096, 5108 + 16_384, 65_536]


@pytest.mark.parametrize("where", [e + d for e in _CHUNK_EDGES for d in range(-9, 3)])
def test_meta_charset_finds_a_declaration_across_a_chunk_edge(where: int) -> None:
    body = b"x" * (where - len(b"<meta ")) + b'<meta CharSet="koi8-r"></head>'
    assert body.index(b"CharSet") == where
    assert meta_charset(body) == _meta_charset_by_pattern(body) == "koi8-r"


@pytest.mark.parametrize("where", [65_536 - d for d in (0, 1, 200, 405, 406, 420)])
@pytest.mark.parametrize("gap", [0, 390, 399, 400, 401])
def test_meta_charset_finds_a_declaration_begun_before_the_lowered_top(
    where: int, gap: int
) -> None:
    body = b"x" * where + b"<meta " + b"a" * gap + b'charset="koi8-r">'
    assert meta_charset(body) == _meta_charset_by_pattern(body)


@pytest.mark.parametrize(("gap", "found"), [(399, "koi8-r"), (400, None)])
def test_meta_charset_honours_the_reach_of_a_declaration(gap: int, found: str | None) -> None:
    body = b"<meta " + b"a" * gap + b"charset=koi8-r>"
    assert meta_charset(body) == _meta_charset_by_pattern(body) == found
