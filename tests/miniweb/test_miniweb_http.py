"""The mini-web over real HTTP on 127.0.0.1: pages, feeds, sitemaps, robots, validators.

One MiniWeb serves the whole module (starting it renders every page once).
"""

from __future__ import annotations

import html
import re
import signal
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from email.utils import format_datetime, parsedate_to_datetime

import feedparser
import httpx
import pytest
from defusedxml import ElementTree
from protego import Protego

from pipelines.config import parse_config
from pipelines.miniweb import urls
from pipelines.miniweb.chrome import dmy, vietnam_now
from pipelines.miniweb.content import MiniArticle, load_sites
from pipelines.miniweb.server import MiniSiteInfo, MiniWeb

SITE_IDS = [site.id for site in load_sites()]
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HREF = re.compile(r'href="([^"#]+)"')


@pytest.fixture(scope="module")
def web() -> Iterator[MiniWeb]:
    with MiniWeb() as served:
        yield served


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as http:
        yield http


def _site(web: MiniWeb, site_id: str) -> MiniSiteInfo:
    return next(s for s in web.sites if s.id == site_id)


def _articles(web: MiniWeb, site_id: str) -> list[MiniArticle]:
    return [a for a in web.articles if a.site_id == site_id]


def _links(page_url: str, text: str) -> set[str]:
    return {str(httpx.URL(page_url).join(html.unescape(h))) for h in HREF.findall(text)}


def _sitemap_locs(client: httpx.Client, url: str) -> set[str]:
    """All <loc>s of a sitemap, following a sitemap index one level down."""
    root = ElementTree.fromstring(client.get(url).content)
    locs = {loc.text for loc in root.iter(f"{SITEMAP_NS}loc")}
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        return set().union(*(_sitemap_locs(client, child) for child in locs))
    return locs


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_listings_and_their_numbered_pages_link_every_article(
    web: MiniWeb, client: httpx.Client, site_id: str
) -> None:
    site = _site(web, site_id)
    home = client.get(site.base_url)
    assert home.status_code == 200 and site.name in home.text
    linked: set[str] = set()
    for listing in site.start_urls[1:]:
        first = client.get(listing)
        assert first.status_code == 200
        numbered = sorted(u for u in _links(listing, first.text) if _PAGE_N.search(u))
        assert any(_PAGE_N.search(u).group(1) == "2" for u in numbered), listing
        for page_url in [listing, *numbered]:
            page = client.get(page_url)
            assert page.status_code == 200, page_url
            linked |= _links(page_url, _listing_part(page.text))
    assert {web.url_of(a) for a in _articles(web, site_id)} <= linked


_PAGE_N = re.compile(r"(?:trang-|[?&]page=|/page-)(\d+)(?:\.htm)?$")


def _listing_part(page: str) -> str:
    """The listing itself, without the 'most read' box that every page repeats."""
    return re.split(r"Đọc nhiều|Thống kê truy cập", page)[0]


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_feeds_parse_as_rss_with_vietnam_offset_dates_of_the_source(
    web: MiniWeb, client: httpx.Client, site_id: str
) -> None:
    by_url = {web.url_of(a): a for a in _articles(web, site_id)}
    for feed_url in _site(web, site_id).feeds:
        response = client.get(feed_url)
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.version == "rss20" and parsed.entries
        for entry in parsed.entries:
            assert entry.published.endswith("+0700")
            assert parsedate_to_datetime(entry.published) == by_url[entry.link].published


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_sitemaps_list_every_article_of_the_site(
    web: MiniWeb, client: httpx.Client, site_id: str
) -> None:
    locs: set[str] = set()
    for sitemap in _site(web, site_id).sitemaps:
        locs |= _sitemap_locs(client, sitemap)
    assert {web.url_of(a) for a in _articles(web, site_id)} <= locs


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_robots_closes_the_search_page_that_every_page_links_to(
    web: MiniWeb, client: httpx.Client, site_id: str
) -> None:
    site = _site(web, site_id)
    robots = Protego.parse(client.get(site.base_url + "robots.txt").text)
    home = client.get(site.base_url).text
    searches = [u for u in _links(site.base_url, home) if not robots.can_fetch(u, "ocop-news")]
    assert searches, "the home page must link a page that robots.txt disallows"
    assert all(robots.can_fetch(u, "ocop-news") for u in site.start_urls + site.feeds)
    assert set(robots.sitemaps) == set(site.sitemaps)
    assert robots.crawl_delay("ocop-news") is None


def test_every_article_answers_200_with_its_title_lead_and_paragraphs(
    web: MiniWeb, client: httpx.Client
) -> None:
    for article in web.articles:
        response = client.get(web.url_of(article))
        assert response.status_code == 200, article.path
        page = response.text
        for text in (article.title, article.lead, *article.paragraphs, *article.captions):
            assert html.escape(text) in page, f"{article.path}: missing {text[:40]!r}"


@pytest.mark.parametrize("site_id", SITE_IDS)
def test_article_pattern_matches_article_urls_and_no_other_served_url(
    web: MiniWeb, client: httpx.Client, site_id: str
) -> None:
    site = _site(web, site_id)
    pattern = re.compile(site.article_url_pattern)
    articles = {web.url_of(a) for a in _articles(web, site_id)}
    assert all(pattern.search(u) for u in articles)
    seen: set[str] = set(site.start_urls) | set(site.feeds) | set(site.sitemaps)
    for page in [*site.start_urls, *sorted(articles)[:3]]:
        seen |= _links(page, client.get(page).text)
    for sitemap in site.sitemaps:
        seen |= _sitemap_locs(client, sitemap)
    others = {u for u in seen if u.startswith(site.base_url)} - articles
    assert others, "the site must serve pages besides articles"
    assert not [u for u in others if pattern.search(u)]


def test_portal_links_a_print_view_that_the_article_pattern_rejects(
    web: MiniWeb, client: httpx.Client
) -> None:
    site = _site(web, "ntmdatto")
    article = _articles(web, "ntmdatto")[0]
    printed = web.url_of(article).replace(article.path, urls.print_path(article.path))
    assert printed in _links(web.url_of(article), client.get(web.url_of(article)).text)
    response = client.get(printed)
    assert response.status_code == 200 and html.escape(article.paragraphs[0]) in response.text
    assert not re.search(site.article_url_pattern, printed)


@pytest.mark.parametrize("kind", ["feed", "sitemap", "listing", "article"])
def test_conditional_requests_get_304_and_stale_validators_get_200(
    web: MiniWeb, client: httpx.Client, kind: str
) -> None:
    for site in web.sites:
        url = {
            "feed": site.feeds[0],
            "sitemap": site.sitemaps[0],
            "listing": site.start_urls[1],
            "article": web.url_of(_articles(web, site.id)[0]),
        }[kind]
        first = client.get(url)
        etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
        assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
        assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
        older = format_datetime(parsedate_to_datetime(modified).replace(year=2000), usegmt=True)
        assert client.get(url, headers={"If-Modified-Since": older}).status_code == 200
        assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_unknown_paths_get_a_404_page(web: MiniWeb, client: httpx.Client) -> None:
    for site in web.sites:
        response = client.get(site.base_url + "khong-co-trang-nay.htm")
        assert response.status_code == 404 and "<html" in response.text


def test_the_portal_declares_its_charset_only_in_the_page(
    web: MiniWeb, client: httpx.Client
) -> None:
    site = _site(web, "ntmdatto")
    response = client.get(web.url_of(_articles(web, site.id)[0]))
    assert response.headers["Content-Type"] == "text/html"
    assert b'<meta charset="utf-8">' in response.content[:200]
    others = [s for s in web.sites if s.id != site.id]
    assert all("charset=utf-8" in client.get(s.base_url).headers["Content-Type"] for s in others)


def test_page_headers_show_todays_date_not_the_publish_date(
    web: MiniWeb, client: httpx.Client
) -> None:
    today = dmy(vietnam_now())
    for article in web.articles[:: max(1, len(web.articles) // 6)]:
        assert today in client.get(web.url_of(article)).text


def test_config_toml_parses_and_names_every_served_site(web: MiniWeb) -> None:
    text = web.config_toml(min_delay_s=0.25)
    raw = tomllib.loads(text)
    assert raw["crawler"]["allow_private_addresses"] == ["127.0.0.1"]
    assert raw["crawler"]["min_delay_s"] == 0.25
    config = parse_config(text, "<mini-web>")
    assert [s.id for s in config.sites] == [s.id for s in web.sites]
    for parsed, served in zip(config.sites, web.sites, strict=True):
        assert parsed.spec.base_url == served.base_url
        assert parsed.spec.feeds == served.feeds
        assert parsed.province == served.province


def test_stop_closes_every_port() -> None:
    with MiniWeb() as served:
        bases = [s.base_url for s in served.sites]
    for base in bases:
        with pytest.raises(httpx.ConnectError):
            httpx.get(base, timeout=2)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("inherited", ["default", "ignored"])
def test_module_entry_point_prints_site_urls_and_stops_on_ctrl_c(inherited: str) -> None:
    # "ignored": started from a script's background job, which hands its
    # children SIGINT ignored; Ctrl+C must stop the server all the same.
    process = subprocess.Popen(
        [sys.executable, "-m", "pipelines.miniweb"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ignore_sigint if inherited == "ignored" else None,
    )
    try:
        assert process.stdout is not None
        lines = []
        for line in process.stdout:
            lines.append(line)
            if "Ctrl+C" in line:
                break
        assert sum("http://127.0.0.1:" in line for line in lines) >= len(SITE_IDS)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
