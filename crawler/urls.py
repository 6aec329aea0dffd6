"""One spelling per URL, so one article has one key across feeds, sitemaps and listings.

Percent-escapes follow RFC 3986 normalisation: escapes of unreserved characters and of
UTF-8 text are decoded (the text is NFC-normalised, since Vietnamese pages mix composed
and decomposed diacritics), then everything that needs escaping is escaped again with
upper-case hex. Escaped reserved characters ("%2F", "%26") stay escaped because decoding
them would change the URL's meaning.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import quote, unquote, unquote_to_bytes, urljoin, urlsplit, urlunsplit

from crawler.constants import (
    ALLOWED_SCHEMES,
    DEFAULT_PORTS,
    TRACKING_PARAM_PREFIXES,
    TRACKING_PARAMS,
)

_ESCAPE_RUN = re.compile(r"((?:%[0-9A-Fa-f]{2})+)")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
# ASCII characters whose escaped form must survive normalisation.
_KEEP_ESCAPED = frozenset(chr(code) for code in range(128)) - _UNRESERVED
_PATH_SAFE = "!$&'()*+,;=:@"  # RFC 3986 pchar minus unreserved (always safe for quote)
_QUERY_SAFE = _PATH_SAFE + "/?"
_HOST_PATTERN = re.compile(
    r"^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$"
)
_STRIPPED_CHARS = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL


def canonicalize(url: str, base: str | None = None) -> str | None:
    """The canonical form of `url` (resolved against `base`), or None if it is not http(s)."""
    text = _STRIPPED_CHARS.sub("", url).strip(" \x00\x0b\x0c")
    if not text:
        return None
    try:
        if base is not None:
            text = urljoin(base, text)
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        if scheme not in ALLOWED_SCHEMES:
            return None
        host = _canonical_host(parts.hostname)
        port = parts.port
    except (ValueError, UnicodeError):
        return None
    if host is None:
        return None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    try:
        path = _canonical_path(parts.path)
        query = _canonical_query(parts.query)
    except UnicodeError:
        return None
    return urlunsplit((scheme, netloc, path, query, ""))


def host_of(url: str) -> str | None:
    """The host name of a canonical URL (no port, IPv6 without brackets)."""
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def origin_of(url: str) -> str:
    """scheme://host[:port] of a canonical URL, the key robots.txt rules apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def host_twin(host: str) -> str:
    """The www./bare counterpart of a host name, which sites treat as the same site."""
    return host.removeprefix("www.") if host.startswith("www.") else f"www.{host}"


def _canonical_host(hostname: str | None) -> str | None:
    if not hostname:
        return None
    host = hostname.rstrip(".").lower()
    if ":" in host:  # IPv6 literal
        try:
            return f"[{ipaddress.IPv6Address(host).compressed}]"
        except ValueError:
            return None
    if not host.isascii():
        host = host.encode("idna").decode("ascii")
    return host if _HOST_PATTERN.match(host) else None


def _canonical_path(path: str) -> str:
    segments = [_normalize_component(segment, _PATH_SAFE) for segment in path.split("/")]
    return _remove_dot_segments("/".join(segments)) or "/"


def _canonical_query(query: str) -> str:
    kept = [
        _normalize_component(part, _QUERY_SAFE)
        for part in query.split("&")
        if part and not _is_tracking_param(part)
    ]
    return "&".join(kept)


def _is_tracking_param(part: str) -> bool:
    name = unquote(part.partition("=")[0]).strip().lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PARAM_PREFIXES)


def _normalize_component(text: str, safe: str) -> str:
    """Decode escapes of unreserved and non-ASCII characters, NFC, escape again."""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            decoded = unicodedata.normalize("NFC", "".join(pending))
            out.append(quote(decoded, safe=safe, errors="surrogateescape"))
            pending.clear()

    for index, piece in enumerate(_ESCAPE_RUN.split(text)):
        if index % 2 == 0:
            pending.append(piece)
            continue
        for char in unquote_to_bytes(piece).decode("utf-8", errors="surrogateescape"):
            if char in _KEEP_ESCAPED:
                flush()
                out.append(f"%{ord(char):02X}")
            else:
                pending.append(char)
    flush()
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, so "/a/./b/../c" and "/a/c" are one key."""
    if "." not in path:
        return path
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    return "/".join(output)
