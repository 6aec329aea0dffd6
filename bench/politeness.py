"""Politeness against a site that asks for it: ocop-news vs Scrapy, same site, same run.

A small news site on 127.0.0.1 says in robots.txt `Crawl-delay: 1` and answers the
first request for one article with `503` and `Retry-After: 3`. Each crawler reads
its listing and articles from a fresh copy of the site; the site logs when every
request arrived, and the table shows what each crawler did with the two requests:

- the shortest gap between two requests (Crawl-delay asks for at least 1 s);
- how long it waited before asking again for the article that answered 503
  (Retry-After asks for at least 3 s).

Scrapy runs with the settings of a new Scrapy project (robots.txt obeyed), in a
child process so that its reactor stays out of ours.

    pip install '.[bench]'
    python bench/politeness.py
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crawler.engine import Crawler
from crawler.models import CrawlSettings, SiteSpec

LOOPBACK = "127.0.0.1"
CRAWL_DELAY_S = 1
RETRY_AFTER_S = 3
ARTICLES = 6
BUSY_ARTICLE = "/tin-tuc/bai-2.html"
ARTICLE_PATTERN = r"/tin-tuc/bai-\d+\.html$"
LISTING = "/tin-tuc/"
# Arrival times are taken by the site's own threads: a gap this much short of
# the asked one still counts as kept.
TIMING_SLACK_S = 0.05
# Our crawler's own pause between requests is left at zero: the site's
# robots.txt alone has to slow it down.
OUR_SETTINGS = CrawlSettings(
    allow_private_addresses=(LOOPBACK,),
    default_min_delay_s=0.0,
    timeout_s=10.0,
    max_retry_after_s=10.0,
)


@dataclass
class PoliteSite:
    """The site and its request log (path, seconds since the site started)."""

    hits: list[tuple[str, float]] = field(default_factory=list)
    busy_answered: bool = False

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self.server = ThreadingHTTPServer((LOOPBACK, 0), _handler(self))
        self.server.daemon_threads = True
        self.base = f"http://{LOOPBACK}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def record(self, path: str) -> None:
        with self._lock:
            self.hits.append((path, time.monotonic() - self._started))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _page(title: str, body: str) -> bytes:
    return (
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body>{body}</body></html>"
    ).encode()


def _article(number: int) -> bytes:
    text = "".join(
        f"<p>Đoạn {n}: huyện vừa tổ chức đánh giá, phân hạng sản phẩm OCOP đợt {number}.</p>"
        for n in range(5)
    )
    title = f"Bài {number}: sản phẩm OCOP"
    return _page(title, f"<article><h1>{title}</h1>{text}</article>")


def _reply(site: PoliteSite, path: str) -> tuple[int, dict[str, str], bytes]:
    if path == "/robots.txt":
        robots = f"User-agent: *\nCrawl-delay: {CRAWL_DELAY_S}\nAllow: /\n".encode()
        return 200, {"Content-Type": "text/plain"}, robots
    if path == LISTING:
        links = "".join(
            f'<li><a href="/tin-tuc/bai-{n}.html">Bài {n}</a></li>' for n in range(1, ARTICLES + 1)
        )
        return 200, {"Content-Type": "text/html; charset=utf-8"}, _page("Tin tức", links)
    found = re.fullmatch(r"/tin-tuc/bai-(\d+)\.html", path)
    if found is None or not 1 <= int(found.group(1)) <= ARTICLES:
        return 404, {}, b"not found"
    with site._lock:
        busy = path == BUSY_ARTICLE and not site.busy_answered
        site.busy_answered = site.busy_answered or busy
    if busy:
        return 503, {"Retry-After": str(RETRY_AFTER_S)}, b"busy"
    return 200, {"Content-Type": "text/html; charset=utf-8"}, _article(int(found.group(1)))


def _handler(site: PoliteSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.record(self.path)
            status, headers, body = _reply(site, self.path)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def crawl_with_ocop_news(site: PoliteSite) -> None:
    spec = SiteSpec(
        id="polite",
        base_url=site.base + "/",
        start_urls=(site.base + LISTING,),
        article_url_pattern=re.compile(ARTICLE_PATTERN),
        max_pages=ARTICLES + 2,
    )
    crawler = Crawler(OUR_SETTINGS, [spec])

    async def run() -> None:
        async for _ in crawler.run():
            pass

    asyncio.run(run())


def crawl_with_scrapy(site: PoliteSite) -> None:
    """Scrapy in a child process (this file with --scrapy-child)."""
    subprocess.run(
        [sys.executable, __file__, "--scrapy-child", site.base + LISTING],
        check=True,
        timeout=120,
    )


def _scrapy_child(start_url: str) -> None:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class NewsSpider(scrapy.Spider):
        name = "news"
        start_urls = (start_url,)

        def parse(self, response):  # type: ignore[no-untyped-def]
            for href in response.css("a::attr(href)").getall():
                if re.search(ARTICLE_PATTERN, href):
                    yield response.follow(href, callback=self.article)

        def article(self, response):  # type: ignore[no-untyped-def]
            yield {"url": response.url, "title": response.css("h1::text").get()}

    # What `scrapy startproject` writes into a new project's settings.
    process = CrawlerProcess({"ROBOTSTXT_OBEY": True, "LOG_LEVEL": "ERROR"})
    process.crawl(NewsSpider)
    process.start()


@dataclass(frozen=True)
class Behaviour:
    requests: int
    shortest_gap_s: float
    retry_wait_s: float | None  # None: the busy article was never asked again


def behaviour(hits: list[tuple[str, float]]) -> Behaviour:
    times = sorted(at for _, at in hits)
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    busy = [at for path, at in hits if path == BUSY_ARTICLE]
    retry = busy[1] - busy[0] if len(busy) > 1 else None
    return Behaviour(len(hits), min(gaps, default=0.0), retry)


def _verdict(waited: float | None, asked: float) -> str:
    return "kept" if waited is not None and waited >= asked - TIMING_SLACK_S else "ignored"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scrapy-child", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scrapy_child:
        _scrapy_child(args.scrapy_child)
        return 0
    tools = [("ocop-news", crawl_with_ocop_news)]
    try:
        import scrapy  # noqa: F401
    except ImportError:
        print("scrapy: not installed (pip install '.[bench]')", file=sys.stderr)
    else:
        tools.append(("scrapy", crawl_with_scrapy))
    print(f"site: robots.txt Crawl-delay {CRAWL_DELAY_S} s; {BUSY_ARTICLE} answers 503 once, ")
    print(f"      Retry-After {RETRY_AFTER_S} s; {ARTICLES} articles behind one listing\n")
    print(
        f"{'crawler':<10} {'requests':>8} {'shortest gap':>13} {'Crawl-delay':>12} "
        f"{'retry after 503':>16} {'Retry-After':>12}"
    )
    for name, crawl in tools:
        site = PoliteSite()
        try:
            crawl(site)
        finally:
            site.close()
        seen = behaviour(site.hits)
        wait = f"{seen.retry_wait_s:.2f} s" if seen.retry_wait_s is not None else "never"
        delay_ok = _verdict(seen.shortest_gap_s, CRAWL_DELAY_S)
        retry_ok = _verdict(seen.retry_wait_s, RETRY_AFTER_S)
        print(
            f"{name:<10} {seen.requests:>8} {seen.shortest_gap_s:>11.2f} s {delay_ok:>12} "
            f"{wait:>16} {retry_ok:>12}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
