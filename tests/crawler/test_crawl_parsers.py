"""Feeds and sitemaps parsed from bytes we fetched ourselves."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from crawler.errors import BodyTooLargeError
from crawler.feeds import feed_leads
from crawler.sitemaps import SitemapError, parse_sitemap

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kinh te</title>
<item><title>OCOP 1</title><link>https://bao.example.vn/ocop-1.html?utm_source=rss</link>
<pubDate>Tue, 10 Jun 2025 09:30:00 +0700</pubDate></item>
<item><title>OCOP 2</title><link>/ocop-2.html</link></item>
<item><title>no link</title></item>
</channel></rss>"""

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://bao.example.vn/old.html</loc><lastmod>2024-01-01</lastmod></url>
 <url><loc>https://bao.example.vn/new.html</loc>
  <news:news><news:publication><news:name>Bao</news:name><news:language>vi</news:language>
  </news:publication><news:publication_date>2025-06-10T08:00:00+07:00</news:publication_date>
  <news:title>OCOP</news:title></news:news></url>
 <url><loc>https://bao.example.vn/undated.html</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <sitemap><loc>https://bao.example.vn/sitemap-2024.xml</loc><lastmod>2024-12-31</lastmod></sitemap>
 <sitemap><loc>https://bao.example.vn/sitemap-2025.xml</loc><lastmod>2025-06-01</lastmod></sitemap>
</sitemapindex>"""


def test_feed_leads_resolve_links_and_keep_published_dates_in_utc() -> None:
    leads = feed_leads(RSS, "https://bao.example.vn/rss/kinh-te.rss")
    assert [lead.url for lead in leads] == [
        "https://bao.example.vn/ocop-1.html",
        "https://bao.example.vn/ocop-2.html",
    ]
    assert leads[0].published == datetime(2025, 6, 10, 2, 30, tzinfo=UTC)
    assert leads[1].published is None


def test_feed_body_that_looks_like_a_file_name_is_not_opened() -> None:
    assert feed_leads(b"/etc/hostname", "https://bao.example.vn/rss") == []


def test_news_sitemap_gives_publication_dates_and_newest_first_order() -> None:
    content = parse_sitemap(SITEMAP, "https://bao.example.vn/sitemap.xml", 10_000)
    assert [lead.url.rsplit("/", 1)[1] for lead in content.pages] == [
        "new.html",
        "old.html",
        "undated.html",
    ]
    assert content.pages[0].published == datetime(2025, 6, 10, 1, 0, tzinfo=UTC)
    assert content.pages[1].published is None  # lastmod is not a publication date
    assert content.children == ()


def test_sitemap_index_lists_children_newest_first() -> None:
    content = parse_sitemap(INDEX, "https://bao.example.vn/sitemap.xml", 10_000)
    assert [child.url for child in content.children] == [
        "https://bao.example.vn/sitemap-2025.xml",
        "https://bao.example.vn/sitemap-2024.xml",
    ]


def test_gzipped_sitemap_file_is_read_under_the_size_cap() -> None:
    content = parse_sitemap(gzip.compress(SITEMAP), "https://bao.example.vn/s.xml.gz", 10_000)
    assert len(content.pages) == 3
    with pytest.raises(BodyTooLargeError):
        parse_sitemap(gzip.compress(SITEMAP), "https://bao.example.vn/s.xml.gz", 100)


def test_sitemap_with_entity_expansion_is_refused() -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">
    <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><urlset><url><loc>&b;</loc></url></urlset>"""
    with pytest.raises(SitemapError):
        parse_sitemap(bomb, "https://bao.example.vn/sitemap.xml", 10_000)


def test_html_served_as_sitemap_is_reported_as_not_a_sitemap() -> None:
    with pytest.raises(SitemapError):
        parse_sitemap(b"<html><body>404</body></html>", "https://bao.example.vn/s.xml", 10_000)


def test_feed_dates_without_a_zone_are_read_in_vietnam_time() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><link>/a-1.html</link><pubDate>Wed, 27 Dec 2023 10:00:00 +0700</pubDate></item>
<item><link>/a-2.html</link><pubDate>2023-12-27 10:00:00</pubDate></item>
<item><link>/a-3.html</link><pubDate>Wed, 27 Dec 2023 03:00:00 GMT</pubDate></item>
</channel></rss>"""
    leads = feed_leads(feed, "http://127.0.0.1:8000/rss")
    instants = {lead.published.astimezone(UTC) for lead in leads if lead.published}
    assert instants == {datetime(2023, 12, 27, 3, 0, tzinfo=UTC)}
    assert len(leads) == 3


def test_sitemap_dates_without_a_zone_are_read_in_vietnam_time() -> None:
    sitemap = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://127.0.0.1:8000/a-1.html</loc><lastmod>2023-12-27T10:00:00</lastmod></url>
</urlset>"""
    (lead,) = parse_sitemap(sitemap, "http://127.0.0.1:8000/sitemap.xml", 10_000_000).pages
    assert lead.modified is not None
    assert lead.modified.astimezone(UTC) == datetime(2023, 12, 27, 3, 0, tzinfo=UTC)
