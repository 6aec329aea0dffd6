"""The mini-web: our synthetic regional news sites, served on 127.0.0.1.

Each site gets its own ThreadingHTTPServer on a free loopback port, so each
is its own host:port "origin" with its own robots.txt, as on the real web.

    with MiniWeb() as web:
        config_text = web.config_toml()
        ...crawl web.sites...
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from pipelines.miniweb import urls
from pipelines.miniweb.chrome import fill_today, vietnam_now
from pipelines.miniweb.content import MiniArticle, MiniSite, load_articles, load_sites
from pipelines.miniweb.errors import MiniWebStateError
from pipelines.miniweb.routes import Resource, SiteRoutes

HOST = "127.0.0.1"
SHUTDOWN_POLL_S = 0.05  # how often serve_forever checks for stop(): keeps stop() quick
CRAWLER_DEFAULTS = {
    "user_agent": "ocop-news-demo/0.1",
    "timeout_s": 10,
    "max_body_bytes": 5_000_000,
    "concurrency_per_host": 2,
    "max_listing_pages": 5,
}
SITE_MAX_PAGES = 200


@dataclass(frozen=True, slots=True)
class MiniSiteInfo:
    id: str
    name: str
    province: str
    base_url: str  # "http://127.0.0.1:PORT/"
    start_urls: tuple[str, ...]  # home page and every section's first listing page
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]
    article_url_pattern: str  # matches article URLs only (not listings, print views, feeds)


class _Handler(BaseHTTPRequestHandler):
    """Serves one site's prerendered resources; `routes` is set on a per-site subclass."""

    routes: SiteRoutes
    record: list[str]
    protocol_version = "HTTP/1.1"
    server_version = "MiniWeb/1.0"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Silent: tests and the demo must not spray access logs on stderr."""

    def _answer(self, *, send_body: bool) -> None:
        self.record.append(self.path)
        resource = self.routes.lookup(self.path)
        if resource.status == 200 and _not_modified(resource, self.headers):
            self.send_response(304)
            self._validators(resource)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = resource.body
        if resource.has_today:
            body = fill_today(body, vietnam_now())
        self.send_response(resource.status)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(len(body)))
        self._validators(resource)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _validators(self, resource: Resource) -> None:
        if resource.status != 200:
            return
        self.send_header("ETag", resource.etag)
        if resource.last_modified is not None:
            self.send_header("Last-Modified", http_date(resource.last_modified))


def http_date(moment: datetime) -> str:
    """An IMF-fixdate ('Wed, 27 Dec 2023 03:00:00 GMT') as HTTP validators need."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def _not_modified(resource: Resource, headers: object) -> bool:
    """RFC 9110: If-None-Match decides when present; else If-Modified-Since."""
    if_none_match = headers.get("If-None-Match")  # type: ignore[attr-defined]
    if if_none_match is not None:
        wanted = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in wanted or resource.etag.removeprefix("W/") in wanted
    since = headers.get("If-Modified-Since")  # type: ignore[attr-defined]
    if since is None or resource.last_modified is None:
        return False
    try:
        threshold = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    if threshold.tzinfo is None:
        return False
    return resource.last_modified.replace(microsecond=0) <= threshold


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up mid-answer is normal for crawlers; anything else is a bug."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass(slots=True)
class _Running:
    site: MiniSite
    routes: SiteRoutes
    server: ThreadingHTTPServer
    thread: threading.Thread
    record: list[str]
    info: MiniSiteInfo


class MiniWeb:
    """All mini-web sites, each on its own loopback port, for as long as the context lasts."""

    def __init__(self) -> None:
        self._running: list[_Running] = []

    def __enter__(self) -> MiniWeb:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        if self._running:
            raise MiniWebStateError("the mini-web is already running: call stop() first")
        articles = load_articles()
        try:
            for site in load_sites():
                own = tuple(a for a in articles if a.site_id == site.id)
                self._running.append(_serve(site, own))
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        for running in self._running:
            running.server.shutdown()
            running.server.server_close()
            running.thread.join()
        self._running = []

    @property
    def sites(self) -> tuple[MiniSiteInfo, ...]:
        return tuple(r.info for r in self._served())

    @property
    def articles(self) -> tuple[MiniArticle, ...]:
        return load_articles()

    def url_of(self, article: MiniArticle) -> str:
        for running in self._served():
            if running.site.id == article.site_id:
                return running.routes.view.url(article.path)
        raise MiniWebStateError(f"no mini-web site {article.site_id!r} is being served")

    def requested_paths(self, site_id: str) -> tuple[str, ...]:
        """Every request target the site has answered so far (for politeness tests)."""
        for running in self._served():
            if running.site.id == site_id:
                return tuple(running.record)
        raise MiniWebStateError(f"no mini-web site {site_id!r} is being served")

    def config_toml(self, min_delay_s: float = 0.0) -> str:
        """A sites config in our TOML format that crawls exactly these sites."""
        crawler = dict(CRAWLER_DEFAULTS, min_delay_s=min_delay_s)
        lines = ["[crawler]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in crawler.items()]
        lines.append(f"allow_private_addresses = {_toml_value([HOST])}")
        for info in self.sites:
            lines += [
                "",
                "[[sites]]",
                f"id = {_toml_value(info.id)}",
                f"name = {_toml_value(info.name)}",
                f"province = {_toml_value(info.province)}",
                f"base_url = {_toml_value(info.base_url)}",
                f"start_urls = {_toml_value(list(info.start_urls))}",
                f"feeds = {_toml_value(list(info.feeds))}",
                f"sitemaps = {_toml_value(list(info.sitemaps))}",
                f"article_url_pattern = '{info.article_url_pattern}'",
                f"max_pages = {SITE_MAX_PAGES}",
                f"min_delay_s = {_toml_value(min_delay_s)}",
            ]
        return "\n".join(lines) + "\n"

    def _served(self) -> list[_Running]:
        if not self._running:
            raise MiniWebStateError("the mini-web is not running: use `with MiniWeb() as web:`")
        return self._running


def _toml_value(value: object) -> str:
    """TOML basic strings, numbers and arrays share JSON's syntax for these values."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _serve(site: MiniSite, articles: tuple[MiniArticle, ...]) -> _Running:
    server = _QuietServer((HOST, 0), _Handler)
    base_url = f"http://{HOST}:{server.server_address[1]}/"
    routes = SiteRoutes(site, base_url, articles)
    record: list[str] = []
    server.RequestHandlerClass = type(
        f"_{site.id}Handler", (_Handler,), {"routes": routes, "record": record}
    )
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": SHUTDOWN_POLL_S},
        name=f"miniweb-{site.id}",
        daemon=True,
    )
    thread.start()
    return _Running(site, routes, server, thread, record, _info(site, routes))


def _info(site: MiniSite, routes: SiteRoutes) -> MiniSiteInfo:
    view = routes.view
    first_listings = tuple(
        view.url(urls.listing_path(site.layout, s.slug, 1)) for s in site.sections
    )
    return MiniSiteInfo(
        id=site.id,
        name=site.name,
        province=site.province,
        base_url=view.base_url,
        start_urls=(view.url("/"), *first_listings),
        feeds=tuple(view.url(p) for p in urls.FEED_PATHS[site.layout]),
        sitemaps=tuple(view.url(p) for p in urls.SITEMAP_PATHS[site.layout]),
        article_url_pattern=urls.ARTICLE_URL_PATTERNS[site.layout],
    )
