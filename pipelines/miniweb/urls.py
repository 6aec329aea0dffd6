"""URL shapes of the three layout families, modelled on real regional sites.

- vccorp: `/<slug>-<3-digit prefix><yyMMddHHmmss><3 digits>.htm`, listings
  `/<section>.htm` and `/<section>/trang-N.htm` (the VCCorp CMS of provincial radio-TV).
- party: `/<section>/<slug>-post<id>.html`, listings `/<section>/` and `?page=N`.
- portal: NukeViet `/vi/news/<category>/<slug>-<id>.html`, a print view
  `/vi/news/print/<slug>-<id>.html`, listings `/vi/news/<category>/page-N`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelines.miniweb.errors import MiniWebDataError

if TYPE_CHECKING:
    from pipelines.miniweb.content import MiniArticle, MiniSite

VCCORP_ID_PREFIX = "188"
PARTY_FIRST_POST_ID = 183_417
PORTAL_FIRST_ID = 2_306

# Regexes over the full URL. They match article pages and nothing else the site
# serves (listings, print views, feeds, sitemaps, search pages).
ARTICLE_URL_PATTERNS = {
    "vccorp": r"^https?://[^/]+/[a-z0-9-]+-\d{18}\.htm$",
    "party": r"^https?://[^/]+/[a-z0-9-]+/[a-z0-9-]+-post\d+\.html$",
    "portal": r"^https?://[^/]+/vi/news/(?!print/)[a-z0-9-]+/[a-z0-9-]+-\d+\.html$",
}
FEED_PATHS = {
    "vccorp": ("/rss/home.rss",),
    "party": ("/rss/home.rss", "/rss/kinh-te.rss"),
    "portal": ("/vi/news/rss/",),
}
SITEMAP_PATHS = {
    "vccorp": ("/sitemaps/google-news.xml",),
    "party": ("/sitemap.xml",),  # an index of yearly sitemaps
    "portal": ("/sitemap.xml",),
}
SEARCH_PATHS = {"vccorp": "/tim-kiem.htm", "party": "/tim-kiem/", "portal": "/vi/seek/"}
SEARCH_QUERY = "keywords=ocop"


def article_path(site: MiniSite, article: MiniArticle, slug: str, index: int) -> str:
    """The article's path; `index` is its rank in publish order, which keeps ids rising."""
    section = site.section_named(article.section).slug
    if site.layout == "vccorp":
        stamp = article.published.strftime("%y%m%d%H%M%S")
        return f"/{slug}-{VCCORP_ID_PREFIX}{stamp}{(index * 37 + 101) % 1000:03d}.htm"
    if site.layout == "party":
        return f"/{section}/{slug}-post{PARTY_FIRST_POST_ID + index * 211}.html"
    if site.layout == "portal":
        return f"/vi/news/{section}/{slug}-{PORTAL_FIRST_ID + index * 13}.html"
    raise MiniWebDataError(f"site {site.id} has unknown layout {site.layout!r}")


def print_path(article_path_: str) -> str:
    """The portal's print view of an article."""
    return "/vi/news/print/" + article_path_.rsplit("/", 1)[-1]


def listing_path(layout: str, section_slug: str, page: int) -> str:
    if layout == "vccorp":
        return f"/{section_slug}.htm" if page == 1 else f"/{section_slug}/trang-{page}.htm"
    if layout == "party":
        return f"/{section_slug}/" if page == 1 else f"/{section_slug}/?page={page}"
    return f"/vi/news/{section_slug}/" if page == 1 else f"/vi/news/{section_slug}/page-{page}"


def section_feed_path(layout: str, section_slug: str) -> str:
    if layout == "portal":
        return f"/vi/news/rss/{section_slug}/"
    return f"/rss/{section_slug}.rss"


def yearly_sitemap_path(year: int) -> str:
    return f"/sitemaps/articles-{year}.xml"


def search_url_path(layout: str) -> str:
    return f"{SEARCH_PATHS[layout]}?{SEARCH_QUERY}"
