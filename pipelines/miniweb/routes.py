"""Every resource of one served site, rendered once, keyed by request path.

Each resource carries the validators a real CMS sends (ETag, Last-Modified),
so crawlers can be tested on conditional requests.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType

from pipelines.miniweb import feeds, layout_party, layout_portal, layout_vccorp, urls
from pipelines.miniweb.chrome import PIXEL_GIF
from pipelines.miniweb.content import MiniArticle, MiniSite
from pipelines.miniweb.view import SiteView

HTML_UTF8 = "text/html; charset=utf-8"
HTML_BARE = "text/html"  # the portal declares its charset only in <meta charset>
RSS_TYPE = "application/rss+xml; charset=utf-8"
XML_TYPE = "application/xml; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
GIF_TYPE = "image/gif"
IMAGE_PREFIX = "/images/"
LAYOUTS: dict[str, ModuleType] = {
    "vccorp": layout_vccorp,
    "party": layout_party,
    "portal": layout_portal,
}


@dataclass(frozen=True, slots=True)
class Resource:
    body: bytes
    content_type: str
    last_modified: datetime | None
    etag: str
    status: int = 200
    has_today: bool = False  # carries today's-date tokens to fill per request


def _resource(
    body: str, content_type: str, last_modified: datetime | None, *, status: int = 200
) -> Resource:
    data = body.encode("utf-8")
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:20]
    is_html = content_type.startswith("text/html")
    # HTML pages show today's date, so their bytes change daily: a weak validator.
    etag = f'W/"{digest}"' if is_html else f'"{digest}"'
    return Resource(data, content_type, last_modified, etag, status, has_today=is_html)


class SiteRoutes:
    """Path (with query string) -> Resource for one site at one base URL."""

    def __init__(self, site: MiniSite, base_url: str, articles: tuple[MiniArticle, ...]) -> None:
        ordered = tuple(sorted(articles, key=lambda a: a.published, reverse=True))
        self.view = SiteView(site, base_url, ordered)
        self.layout = LAYOUTS[site.layout]
        self._routes: dict[str, Resource] = {}
        self._build()
        self.not_found = _resource(self.layout.not_found(self.view), self._html, None, status=404)
        self._image = Resource(PIXEL_GIF, GIF_TYPE, None, '"pixel"')

    @property
    def _html(self) -> str:
        return HTML_BARE if self.view.site.layout == "portal" else HTML_UTF8

    def lookup(self, path: str) -> Resource:
        """The resource for a request target; search pages answer any query."""
        if path in self._routes:
            return self._routes[path]
        bare = path.split("?", 1)[0]
        if bare == urls.SEARCH_PATHS[self.view.site.layout]:
            return self._routes[urls.search_url_path(self.view.site.layout)]
        if bare.startswith(IMAGE_PREFIX):
            return self._image
        return self.not_found

    def listing_paths(self) -> tuple[str, ...]:
        layout = self.view.site.layout
        return tuple(
            urls.listing_path(layout, s.slug, page)
            for s in self.view.site.sections
            for page in range(1, self.view.page_count(s) + 1)
        )

    def _add(self, path: str, resource: Resource) -> None:
        self._routes[path] = resource

    def _build(self) -> None:
        view, layout, html = self.view, self.view.site.layout, self._html
        articles = view.articles
        self._add("/", _resource(self.layout.home(view), html, feeds.newest(articles[:8])))
        for section in view.site.sections:
            for page in range(1, view.page_count(section) + 1):
                shown = view.listing_page(section, page)
                body = self.layout.listing(view, section, page)
                self._add(
                    urls.listing_path(layout, section.slug, page),
                    _resource(body, html, feeds.newest(shown)),
                )
        for article in articles:
            body = self.layout.article_page(view, article)
            self._add(article.path, _resource(body, html, article.published))
            if layout == "portal":
                printed = layout_portal.print_page(view, article)
                self._add(
                    urls.print_path(article.path), _resource(printed, html, article.published)
                )
        self._add(
            urls.search_url_path(layout), _resource(self.layout.search_page(view), html, None)
        )
        self._build_feeds()
        self._build_sitemaps()
        self._add("/robots.txt", _resource(feeds.robots(view), TEXT_TYPE, None))

    def _build_feeds(self) -> None:
        view, layout = self.view, self.view.site.layout
        newest = feeds.newest(view.articles)
        home_feed = feeds.rss(view, view.site.name, "/", view.articles)
        self._add(urls.FEED_PATHS[layout][0], _resource(home_feed, RSS_TYPE, newest))
        for section in view.site.sections:
            members = view.in_section(section)
            body = feeds.rss(
                view,
                f"{section.name} - {view.site.name}",
                urls.listing_path(layout, section.slug, 1),
                members,
            )
            path = urls.section_feed_path(layout, section.slug)
            self._add(path, _resource(body, RSS_TYPE, feeds.newest(members)))

    def _build_sitemaps(self) -> None:
        view, layout = self.view, self.view.site.layout
        newest = feeds.newest(view.articles)
        if layout == "vccorp":
            body = feeds.news_sitemap(view)
            self._add(urls.SITEMAP_PATHS[layout][0], _resource(body, XML_TYPE, newest))
        elif layout == "party":
            self._add("/sitemap.xml", _resource(feeds.sitemap_index(view), XML_TYPE, newest))
            for year in feeds.article_years(view):
                members = [a for a in view.articles if a.published.year == year]
                body = feeds.urlset(view, members, ())
                self._add(
                    urls.yearly_sitemap_path(year),
                    _resource(body, XML_TYPE, feeds.newest(members)),
                )
        else:
            pages = ("/", *self.listing_paths())
            body = feeds.urlset(view, view.articles, pages)
            self._add("/sitemap.xml", _resource(body, XML_TYPE, newest))
