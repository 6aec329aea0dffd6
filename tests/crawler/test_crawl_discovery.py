"""Discovery over real HTTP on 127.0.0.1: robots, feeds, sitemaps, listings, budgets."""

from __future__ import annotations

import gzip
import itertools
import re
from datetime import UTC, datetime

from crawl_testkit import Hit, Reply, TestWeb, by_hit, by_role, crawl, fast_settings

from crawler.models import SiteSpec

ARTICLE = re.compile(r"/tin/\d+\.html$")


def site(web: TestWeb, **fields: object) -> SiteSpec:
    return SiteSpec("test", web.base + "/", article_url_pattern=ARTICLE, **fields)  # type: ignore[arg-type]


def add_articles(web: TestWeb, *numbers: int) -> None:
    for number in numbers:
        web.page(f"/tin/{number}.html", f"<html><h1>Tin {number}</h1></html>")


def rss(web: TestWeb, *items: tuple[str, str | None]) -> str:
    entries = "".join(
        f"<item><title>t</title><link>{web.url(path)}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "")
        + "</item>"
        for path, date in items
    )
    channel = f"<channel><title>x</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


def urlset(web: TestWeb, *paths: str, news_date: str | None = None) -> str:
    news = (
        "<news:news><news:publication><news:name>x</news:name><news:language>vi</news:language>"
        f"</news:publication><news:publication_date>{news_date}</news:publication_date></news:news>"
        if news_date
        else ""
    )
    urls = "".join(f"<url><loc>{web.url(path)}</loc>{news}</url>" for path in paths)
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )


def article_paths(web: TestWeb) -> list[str]:
    return sorted(path for path in web.paths() if path.startswith("/tin/"))


def test_robots_is_fetched_first_and_its_disallow_is_honoured(web: TestWeb) -> None:
    web.page("/robots.txt", "User-agent: *\nDisallow: /tin/2.html\n", "text/plain")
    web.page(
        "/rss.xml", rss(web, ("/tin/1.html", None), ("/tin/2.html", None)), "application/rss+xml"
    )
    add_articles(web, 1, 2)
    results, crawler = crawl(fast_settings(), [site(web, feeds=(web.url("/rss.xml"),))])
    assert web.paths()[0] == "/robots.txt"
    assert article_paths(web) == ["/tin/1.html"]
    assert crawler.stats.robots_disallowed == 1
    assert [r.role for r in results].count("robots") == 1


def test_robots_crawl_delay_spaces_requests_to_the_host(web: TestWeb) -> None:
    web.page("/robots.txt", "User-agent: ocop-news\nCrawl-delay: 0.4\n", "text/plain")
    web.page("/rss.xml", rss(web, *((f"/tin/{n}.html", None) for n in range(1, 4))))
    add_articles(web, 1, 2, 3)
    crawl(fast_settings(concurrency_per_host=2), [site(web, feeds=(web.url("/rss.xml"),))])
    starts = [hit.at for hit in web.hits]
    assert len(starts) == 5
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.4  # once robots.txt is read, every request waits the delay


def test_robots_for_another_agent_does_not_apply(web: TestWeb) -> None:
    web.page("/robots.txt", "User-agent: otherbot\nDisallow: /\n", "text/plain")
    web.page("/rss.xml", rss(web, ("/tin/1.html", None)))
    add_articles(web, 1)
    crawl(fast_settings(), [site(web, feeds=(web.url("/rss.xml"),))])
    assert article_paths(web) == ["/tin/1.html"]


def test_robots_server_error_means_nothing_is_crawled(web: TestWeb) -> None:
    web.routes["/robots.txt"] = Reply(500, b"oops")
    web.page("/rss.xml", rss(web, ("/tin/1.html", None)))
    crawl(fast_settings(max_attempts=1), [site(web, feeds=(web.url("/rss.xml"),))])
    assert web.paths() == ["/robots.txt"]


def test_feed_items_become_article_fetches_with_published_hints(web: TestWeb) -> None:
    web.page(
        "/rss.xml",
        rss(web, ("/tin/1.html", "Tue, 10 Jun 2025 09:30:00 +0700"), ("/tin/2.html", None)),
        "application/rss+xml",
    )
    add_articles(web, 1, 2)
    results, _ = crawl(fast_settings(), [site(web, feeds=(web.url("/rss.xml"),))])
    articles = {r.url: r for r in by_role(results, "article")}
    first = articles[web.url("/tin/1.html")]
    assert first.ok and b"Tin 1" in first.body
    assert first.hinted_published == datetime(2025, 6, 10, 2, 30, tzinfo=UTC)
    assert first.discovered_from == web.url("/rss.xml")
    assert articles[web.url("/tin/2.html")].hinted_published is None


def test_sitemap_index_recursion_and_news_dates(web: TestWeb) -> None:
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{web.url('/news.xml')}</loc></sitemap>"
        f"<sitemap><loc>{web.url('/old.xml.gz')}</loc></sitemap></sitemapindex>"
    )
    web.page("/sitemap.xml", index, "application/xml")
    web.page("/news.xml", urlset(web, "/tin/1.html", news_date="2025-06-10T08:00:00+07:00"))
    web.page(
        "/old.xml.gz",
        gzip.compress(urlset(web, "/tin/2.html", "/gioi-thieu").encode()),
        "application/gzip",
    )
    add_articles(web, 1, 2)
    results, _ = crawl(fast_settings(), [site(web, sitemaps=(web.url("/sitemap.xml"),))])
    articles = {r.url: r for r in by_role(results, "article")}
    assert set(articles) == {web.url("/tin/1.html"), web.url("/tin/2.html")}
    assert articles[web.url("/tin/1.html")].hinted_published == datetime(2025, 6, 10, 1, tzinfo=UTC)
    assert len(by_role(results, "sitemap")) == 3
    assert "/gioi-thieu" not in web.paths()  # not an article URL by the site's pattern


def test_sitemap_index_nesting_stops_at_the_depth_cap(web: TestWeb) -> None:
    for level in range(5):
        child = web.url(f"/index-{level + 1}.xml")
        web.page(
            f"/index-{level}.xml",
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{child}</loc></sitemap></sitemapindex>",
        )
    crawl(fast_settings(), [site(web, sitemaps=(web.url("/index-0.xml"),))])
    assert [p for p in web.paths() if p.startswith("/index")] == [
        "/index-0.xml",
        "/index-1.xml",
        "/index-2.xml",
    ]


def listing_page(number: int, last: int) -> str:
    pager = " ".join(f'<a href="/kinh-te?page={n}">{n}</a>' for n in range(1, last + 1))
    items = (
        f'<a href="/tin/{number * 10 + 1}.html">a</a><a href="/tin/{number * 10 + 2}.html">b</a>'
    )
    other_section = "<a href='/the-thao'>x</a>"
    return f"<html><body>{items}<div class='pager'>{pager}</div>{other_section}</body></html>"


def test_listing_pagination_is_followed_to_the_page_limit(web: TestWeb) -> None:
    web.page("/kinh-te", listing_page(1, 8))
    for number in range(2, 9):
        web.page(f"/kinh-te?page={number}", listing_page(number, 8))
    add_articles(web, *(n * 10 + k for n in range(1, 9) for k in (1, 2)))
    results, _ = crawl(
        fast_settings(max_listing_pages=3), [site(web, start_urls=(web.url("/kinh-te"),))]
    )
    listings = [r.url for r in by_role(results, "listing")]
    assert sorted(listings) == sorted(
        web.url(p) for p in ("/kinh-te", "/kinh-te?page=2", "/kinh-te?page=3")
    )
    assert article_paths(web) == sorted(
        f"/tin/{n * 10 + k}.html" for n in (1, 2, 3) for k in (1, 2)
    )
    assert "/the-thao" not in web.paths()


def test_max_pages_caps_article_fetches_per_site(web: TestWeb) -> None:
    web.page("/sitemap.xml", urlset(web, *(f"/tin/{n}.html" for n in range(1, 11))))
    add_articles(web, *range(1, 11))
    results, _ = crawl(
        fast_settings(), [site(web, sitemaps=(web.url("/sitemap.xml"),), max_pages=3)]
    )
    assert len(by_role(results, "article")) == 3
    assert len(article_paths(web)) == 3


def test_one_article_found_by_feed_sitemap_and_listing_is_fetched_once(web: TestWeb) -> None:
    web.page("/rss.xml", rss(web, ("/tin/1.html?utm_source=rss&utm_medium=feed", None)))
    web.page("/sitemap.xml", urlset(web, "/tin/1.html", news_date="2025-06-10"))
    web.page("/kinh-te", '<a href="tin/1.html#top">x</a><a href="/tin/./1.html?fbclid=abc">y</a>')
    add_articles(web, 1)
    results, _ = crawl(
        fast_settings(),
        [
            site(
                web,
                feeds=(web.url("/rss.xml"),),
                sitemaps=(web.url("/sitemap.xml"),),
                start_urls=(web.url("/kinh-te"),),
            )
        ],
    )
    assert len(by_role(results, "article")) == 1
    assert web.paths().count("/tin/1.html") == 1


def test_known_articles_are_skipped_unless_refresh(web: TestWeb) -> None:
    web.page("/rss.xml", rss(web, ("/tin/1.html", None), ("/tin/2.html", None)))
    add_articles(web, 1, 2)
    known = {web.url("/tin/1.html")}
    spec = site(web, feeds=(web.url("/rss.xml"),))
    _, crawler = crawl(fast_settings(), [spec], is_known=known.__contains__)
    assert article_paths(web) == ["/tin/2.html"]
    assert crawler.stats.skipped_known == 1
    web.hits.clear()
    crawl(fast_settings(), [spec], is_known=known.__contains__, refresh=True)
    assert article_paths(web) == ["/tin/1.html", "/tin/2.html"]


def test_conditional_get_304_is_reported_and_not_parsed(web: TestWeb) -> None:
    @by_hit
    def feed(hit: Hit) -> Reply:
        if hit.headers.get("if-none-match") == '"v1"':
            return Reply(304)
        body = rss(web, ("/tin/1.html", None)).encode()
        return Reply(200, body, {"ETag": '"v1"', "Last-Modified": "Tue, 10 Jun 2025 01:00:00 GMT"})

    web.routes["/rss.xml"] = feed
    add_articles(web, 1)
    spec = site(web, feeds=(web.url("/rss.xml"),))
    first, _ = crawl(fast_settings(), [spec])
    fetched = by_role(first, "feed")[0]
    assert (fetched.etag, fetched.last_modified) == ('"v1"', "Tue, 10 Jun 2025 01:00:00 GMT")
    web.hits.clear()
    validators = {fetched.url: (fetched.etag, fetched.last_modified)}
    second, crawler = crawl(fast_settings(), [spec], validators=validators)
    feed_result = by_role(second, "feed")[0]
    assert feed_result.status == 304 and feed_result.error is None and feed_result.body == b""
    assert web.hits_for("/rss.xml")[0].headers["if-modified-since"] == fetched.last_modified
    assert by_role(second, "article") == []
    assert crawler.stats.not_modified == 1


def test_links_to_other_hosts_are_not_fetched(web: TestWeb) -> None:
    web.page("/kinh-te", '<a href="http://localhost:1/tin/1.html">x</a><a href="/tin/2.html">y</a>')
    add_articles(web, 2)
    results, _ = crawl(fast_settings(), [site(web, start_urls=(web.url("/kinh-te"),))])
    assert [r.url for r in by_role(results, "article")] == [web.url("/tin/2.html")]


def test_unreadable_sources_are_logged_and_the_crawl_goes_on(web: TestWeb) -> None:
    web.page("/sitemap.xml", "<html>not a sitemap</html>", "application/xml")
    web.page("/rss.xml", b"\x00\xff garbage", "application/rss+xml")
    web.page("/kinh-te", b"\x89PNG\r\n\x1a\n binary", "image/png")
    web.page("/the-thao", '<a href="/tin/7.html">ok</a>')
    add_articles(web, 7)
    spec = site(
        web,
        feeds=("ftp://example.invalid/feed", web.url("/rss.xml")),
        sitemaps=(web.url("/sitemap.xml"),),
        start_urls=(web.url("/kinh-te"), web.url("/the-thao")),
    )
    results, crawler = crawl(fast_settings(), [spec])
    assert [r.url for r in by_role(results, "article")] == [web.url("/tin/7.html")]
    assert crawler.stats.failed == 0


def test_sitemaps_named_in_robots_are_read_when_none_are_configured(web: TestWeb) -> None:
    web.page(
        "/robots.txt",
        "User-agent: *\nDisallow:\n"
        f"Sitemap: {web.url('/sitemap.xml')}\n"
        "Sitemap: http://127.0.0.2:9/elsewhere.xml\n",  # another host: never fetched
        "text/plain",
    )
    web.page("/sitemap.xml", urlset(web, "/tin/1.html", "/tin/2.html"), "application/xml")
    add_articles(web, 1, 2)
    results, _ = crawl(fast_settings(), [site(web, start_urls=(web.url("/"),))])
    assert article_paths(web) == ["/tin/1.html", "/tin/2.html"]
    assert [r.url for r in results if r.role == "sitemap"] == [web.url("/sitemap.xml")]


def test_configured_sitemaps_take_the_place_of_those_in_robots(web: TestWeb) -> None:
    web.page("/robots.txt", f"User-agent: *\nSitemap: {web.url('/robots-map.xml')}\n", "text/plain")
    web.page("/robots-map.xml", urlset(web, "/tin/1.html"), "application/xml")
    web.page("/mine.xml", urlset(web, "/tin/2.html"), "application/xml")
    add_articles(web, 1, 2)
    crawl(fast_settings(), [site(web, sitemaps=(web.url("/mine.xml"),))])
    assert "/robots-map.xml" not in web.paths()
    assert article_paths(web) == ["/tin/2.html"]
