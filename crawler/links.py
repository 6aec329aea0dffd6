"""Links on a listing page: the articles it lists and the next pages of the listing.

A link is a further page of the listing when it points at the same listing with a
page number: "?page=2", "/trang-2", "/page/2", "-trang-2.html", or a bare number
("/toan-tinh/2.html") whose link text is the number too. rel=next always counts.
Other same-site links (other sections, tags) are not followed in this version.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from crawler.constants import (
    ARTICLE_URL_GUESS,
    BARE_NUMBER_SEGMENT,
    PAGE_MARKER_SEGMENTS,
    PAGE_QUERY_PARAMS,
    PAGE_SEGMENT_PATTERN,
    PAGE_SUFFIX_PATTERN,
    PAGER_TEXT_PATTERN,
)
from crawler.urls import canonicalize, host_of

_EXTENSION = re.compile(r"\.(?:html?|aspx?|php)$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageLink:
    url: str  # canonical
    text: str
    rel: frozenset[str]


@dataclass(frozen=True, slots=True)
class PagePosition:
    """Where a URL sits in a paginated listing."""

    listing: str  # the URL with its page marker removed, extension and trailing "/" dropped
    number: int | None  # page number, None when the URL carries none
    explicit: bool  # the marker says "page" ("?page=", "trang-"), not just a bare number


@dataclass(frozen=True, slots=True)
class ListingLinks:
    articles: tuple[str, ...]  # in page order, no duplicates
    next_pages: tuple[str, ...]  # lowest page number first


def listing_links(
    body: bytes,
    page_url: str,
    *,
    listing_url: str,
    article_pattern: re.Pattern[str] | None,
    site_hosts: Collection[str],
    content_type: str | None = None,
) -> ListingLinks:
    """Articles and pagination links on `page_url`, a page of the listing `listing_url`."""
    listing = page_position(listing_url).listing
    articles: dict[str, None] = {}
    pages: dict[str, int] = {}
    for link in page_links(body, page_url, content_type):
        if link.url == page_url or host_of(link.url) not in site_hosts:
            continue
        if article_pattern is not None and article_pattern.search(link.url):
            articles.setdefault(link.url)
            continue
        number = _pager_number(link, listing)
        if number is not None:
            pages[link.url] = min(number, pages.get(link.url, number))
        elif article_pattern is None and ARTICLE_URL_GUESS.search(urlsplit(link.url).path):
            articles.setdefault(link.url)
    ordered = sorted(pages, key=pages.__getitem__)
    return ListingLinks(tuple(articles), tuple(ordered))


def page_links(body: bytes, page_url: str, content_type: str | None = None) -> Iterator[PageLink]:
    """Every <a href> and <link href> of an HTML page, canonicalised (honours <base href>)."""
    tree = LexborHTMLParser(_decode(body, content_type))
    base = page_url
    base_node = tree.css_first("base[href]")
    if base_node is not None:
        base = canonicalize(base_node.attributes.get("href") or "", base=page_url) or page_url
    for node in tree.css("a[href], link[href]"):
        url = canonicalize(node.attributes.get("href") or "", base=base)
        if url is None:
            continue
        rel = frozenset((node.attributes.get("rel") or "").lower().split())
        text = _SPACES.sub(" ", node.text(deep=True, separator=" ")).strip()
        if not text:
            text = (node.attributes.get("aria-label") or node.attributes.get("title") or "").strip()
        yield PageLink(url, text, rel)


def page_position(url: str) -> PagePosition:
    parts = urlsplit(url)
    query, query_number = _strip_page_param(parts.query)
    segments = parts.path.rstrip("/").split("/")
    number, explicit = query_number, query_number is not None
    if number is None:
        segments, number, explicit = _strip_page_segment(segments)
    path = _EXTENSION.sub("", "/".join(segments)).rstrip("/")
    listing = f"{parts.scheme}://{parts.netloc}{path}" + (f"?{query}" if query else "")
    return PagePosition(listing, number, explicit)


def _pager_number(link: PageLink, listing: str) -> int | None:
    """The page number `link` leads to if it is a further page of `listing`."""
    position = page_position(link.url)
    text_match = PAGER_TEXT_PATTERN.match(link.text)
    if "next" in link.rel and position.listing == listing:
        return position.number or 2
    if position.listing != listing or position.number is None or position.number < 2:
        return None
    if position.explicit or text_match is not None:
        return position.number
    return None


def _strip_page_param(query: str) -> tuple[str, int | None]:
    kept: list[str] = []
    number: int | None = None
    for part in query.split("&") if query else []:
        name, _, value = part.partition("=")
        if number is None and unquote(name).lower() in PAGE_QUERY_PARAMS and value.isdigit():
            number = int(value)
        else:
            kept.append(part)
    return "&".join(kept), number


def _strip_page_segment(segments: list[str]) -> tuple[list[str], int | None, bool]:
    last = segments[-1]
    if match := PAGE_SEGMENT_PATTERN.match(last):
        return segments[:-1], int(match.group(1)), True
    if len(segments) >= 2 and segments[-2].lower() in PAGE_MARKER_SEGMENTS and last.isdigit():
        return segments[:-2], int(last), True
    if match := PAGE_SUFFIX_PATTERN.match(last):
        return [*segments[:-1], match.group(1)], int(match.group(2)), True
    if len(segments) >= 2 and (match := BARE_NUMBER_SEGMENT.match(last)):
        return segments[:-1], int(match.group(1)), False
    return segments, None, False


def _decode(body: bytes, content_type: str | None) -> str:
    match = _CHARSET.search(content_type or "")
    encoding = match.group(1) if match else "utf-8"
    try:
        return body.decode(encoding, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")
