"""Compressed bodies are decoded under a cap that stops bombs early."""

from __future__ import annotations

import gzip
import zlib

import pytest

from crawler.decoding import CappedBody
from crawler.errors import BodyTooLargeError, ContentDecodingError

CAP = 100_000


def chunks(data: bytes, size: int = 1024) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def test_gzip_bomb_is_stopped_before_the_compressed_input_is_used_up() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)  # about 50 KB expanding to 50 MB
    body = CappedBody("gzip", CAP)
    pieces = chunks(bomb)
    fed = 0
    with pytest.raises(BodyTooLargeError, match="decompressed body exceeds 100000 bytes"):
        for piece in pieces:
            fed += 1
            body.feed(piece)
    assert fed < len(pieces) // 10


def test_gzip_with_several_members_is_decoded_completely() -> None:
    body = CappedBody("gzip", CAP)
    for piece in chunks(gzip.compress(b"mot ") + gzip.compress(b"hai"), 7):
        body.feed(piece)
    assert body.finish() == b"mot hai"


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS])
def test_deflate_is_decoded_with_or_without_zlib_wrapper(wbits: int) -> None:
    packer = zlib.compressobj(wbits=wbits)
    body = CappedBody("deflate", CAP)
    body.feed(packer.compress(b"OCOP 4 sao") + packer.flush())
    assert body.finish() == b"OCOP 4 sao"


def test_brotli_bomb_is_stopped_at_the_cap() -> None:
    brotli = pytest.importorskip("brotli")  # optional: "br" is only advertised when installed
    body = CappedBody("br", CAP)
    with pytest.raises(BodyTooLargeError):
        body.feed(brotli.compress(b"\0" * 10_000_000))


def test_plain_body_over_the_cap_is_refused() -> None:
    body = CappedBody(None, 10)
    body.feed(b"0123456789")
    with pytest.raises(BodyTooLargeError, match="body exceeds 10 bytes"):
        body.feed(b"x")


def test_unknown_or_corrupt_encoding_is_reported() -> None:
    with pytest.raises(ContentDecodingError, match="unsupported content-encoding"):
        CappedBody("compress", CAP)
    body = CappedBody("gzip", CAP)
    with pytest.raises(ContentDecodingError, match="corrupt"):
        body.feed(b"\x1f\x8bnot really gzip data")
