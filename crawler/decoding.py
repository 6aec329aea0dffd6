"""Content-Encoding decoding under a size cap, chunk by chunk.

httpx would decompress for us, but a 50 KB gzip body can expand to gigabytes; here
every chunk's output is bounded before it is produced, so a compression bomb is
stopped as soon as it passes the cap.
"""

from __future__ import annotations

import zlib
from typing import Protocol

from crawler.constants import ACCEPT_ENCODINGS
from crawler.errors import BodyTooLargeError, ContentDecodingError

try:  # optional: brotli is only advertised when it can be decoded
    import brotli
except ImportError:  # pragma: no cover - depends on the environment
    brotli = None

_GZIP_WBITS = 16 + zlib.MAX_WBITS
_ZLIB_WBITS = zlib.MAX_WBITS
_RAW_DEFLATE_WBITS = -zlib.MAX_WBITS
_IDENTITY = frozenset({"", "identity"})


def accept_encoding() -> str:
    """The Accept-Encoding header value: only encodings this module can decode."""
    names = (*ACCEPT_ENCODINGS, "br") if brotli is not None else ACCEPT_ENCODINGS
    return ", ".join(names)


class BodyDecoder(Protocol):
    def feed(self, chunk: bytes) -> bytes: ...

    def finish(self) -> bytes: ...


class CappedBody:
    """Collects a raw body through an optional decoder, refusing more than `limit` bytes."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        self.limit = limit
        self.raw_size = 0
        self._decoder = make_decoder(content_encoding, limit)
        self._parts: list[bytes] = []
        self._size = 0

    def feed(self, chunk: bytes) -> None:
        self.raw_size += len(chunk)
        if self.raw_size > self.limit:
            raise BodyTooLargeError(f"body exceeds {self.limit} bytes")
        self._keep(self._decoder.feed(chunk) if self._decoder else chunk)

    def finish(self) -> bytes:
        if self._decoder is not None:
            self._keep(self._decoder.finish())
        return b"".join(self._parts)

    def _keep(self, data: bytes) -> None:
        self._size += len(data)
        if self._size > self.limit:
            raise BodyTooLargeError(f"decompressed body exceeds {self.limit} bytes")
        self._parts.append(data)


def make_decoder(content_encoding: str | None, limit: int) -> BodyDecoder | None:
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c not in _IDENTITY]
    if not codings:
        return None
    if len(codings) > 1:
        raise ContentDecodingError(f"stacked content-encodings {content_encoding!r} not supported")
    coding = codings[0]
    if coding in ("gzip", "x-gzip"):
        return ZlibDecoder(_GZIP_WBITS, limit)
    if coding == "deflate":
        return ZlibDecoder(_ZLIB_WBITS, limit, raw_fallback=True)
    if coding == "br" and brotli is not None:
        return BrotliDecoder(limit)
    raise ContentDecodingError(f"unsupported content-encoding {coding!r}")


def gunzip_capped(data: bytes, limit: int) -> bytes:
    """Decompress a gzip file (e.g. sitemap.xml.gz) fetched as-is, under `limit`."""
    decoder = ZlibDecoder(_GZIP_WBITS, limit)
    return decoder.feed(data) + decoder.finish()


class ZlibDecoder:
    """gzip (several members allowed) or deflate (zlib-wrapped or raw, as servers differ)."""

    def __init__(self, wbits: int, limit: int, *, raw_fallback: bool = False) -> None:
        self._wbits = wbits
        self._limit = limit
        self._raw_fallback = raw_fallback
        self._started = False
        self._produced = 0
        self._inflater = zlib.decompressobj(wbits)

    def feed(self, chunk: bytes) -> bytes:
        out: list[bytes] = []
        data = chunk
        while data:
            data = self._inflate(data, out)
        return b"".join(out)

    def finish(self) -> bytes:
        try:
            return self._inflater.flush()
        except zlib.error as exc:
            raise ContentDecodingError(f"corrupt compressed body: {exc}") from None

    def _inflate(self, data: bytes, out: list[bytes]) -> bytes:
        """Inflate what `data` allows without passing the cap; return input still to feed."""
        room = self._limit - self._produced + 1  # one byte over the cap proves the overflow
        try:
            piece = self._inflater.decompress(data, room)
        except zlib.error as exc:
            if self._raw_fallback and not self._started:
                self._raw_fallback = False
                self._inflater = zlib.decompressobj(_RAW_DEFLATE_WBITS)
                return data
            raise ContentDecodingError(f"corrupt compressed body: {exc}") from None
        self._started = True
        self._produced += len(piece)
        out.append(piece)
        if self._produced > self._limit:
            raise BodyTooLargeError(f"decompressed body exceeds {self._limit} bytes")
        if self._inflater.unconsumed_tail:
            return self._inflater.unconsumed_tail
        if self._inflater.eof and self._inflater.unused_data:
            rest = self._inflater.unused_data
            self._inflater = zlib.decompressobj(self._wbits)  # next gzip member
            return rest
        return b""


class BrotliDecoder:
    def __init__(self, limit: int) -> None:
        assert brotli is not None
        self._limit = limit
        self._produced = 0
        self._inflater = brotli.Decompressor()

    def feed(self, chunk: bytes) -> bytes:
        out: list[bytes] = []
        data = chunk
        while True:
            room = self._limit - self._produced + 1
            try:
                piece = self._inflater.process(data, output_buffer_limit=room)
            except brotli.error as exc:
                raise ContentDecodingError(f"corrupt brotli body: {exc}") from None
            self._produced += len(piece)
            out.append(piece)
            if self._produced > self._limit:
                raise BodyTooLargeError(f"decompressed body exceeds {self._limit} bytes")
            data = b""
            if self._inflater.can_accept_more_data():
                return b"".join(out)

    def finish(self) -> bytes:
        if not self._inflater.is_finished():
            raise ContentDecodingError("truncated brotli body")
        return b""
