"""XML sitemaps (plain, gzipped, index, Google News) -> page leads and child sitemaps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from crawler.constants import GZIP_MAGIC
from crawler.decoding import gunzip_capped
from crawler.errors import CrawlError
from crawler.leads import Lead, aware, newest_first
from crawler.urls import canonicalize


class SitemapError(CrawlError):
    """The sitemap is not well-formed XML or not a sitemap; check the URL in the site config."""


@dataclass(frozen=True, slots=True)
class SitemapContent:
    pages: tuple[Lead, ...]  # newest first
    children: tuple[Lead, ...]  # sitemaps listed by an index, newest first


def parse_sitemap(body: bytes, sitemap_url: str, limit: int) -> SitemapContent:
    """Read a sitemap; `limit` caps the size of a gzipped one after decompression."""
    if body.startswith(GZIP_MAGIC):
        body = gunzip_capped(body, limit)
    try:
        root = fromstring(body)
    except (ParseError, DefusedXmlException) as exc:
        raise SitemapError(f"sitemap {sitemap_url} is not readable XML: {exc}") from None
    kind = _local(root.tag)
    if kind == "sitemapindex":
        children = _entries(root, "sitemap", sitemap_url)
        return SitemapContent((), tuple(newest_first(children)))
    if kind == "urlset":
        return SitemapContent(tuple(newest_first(_entries(root, "url", sitemap_url))), ())
    raise SitemapError(f"{sitemap_url} is not a sitemap (root element <{kind}>)")


def _entries(root: Element, tag: str, sitemap_url: str) -> list[Lead]:
    leads: list[Lead] = []
    for entry in root:
        if _local(entry.tag) != tag:
            continue
        fields = _fields(entry)
        url = canonicalize(fields.get("loc", ""), base=sitemap_url)
        if url is not None:
            published = _w3c_date(fields.get("publication_date"))
            leads.append(Lead(url, published=published, modified=_w3c_date(fields.get("lastmod"))))
    return leads


def _fields(entry: Element) -> dict[str, str]:
    """Text of the entry's leaf elements by local name, <news:news> children included."""
    found: dict[str, str] = {}
    for element in entry.iter():
        if element is not entry and len(element) == 0 and element.text:
            found.setdefault(_local(element.tag), element.text.strip())
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _w3c_date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return aware(datetime.fromisoformat(text.strip()))
    except ValueError:
        return None
