"""RSS 2.0 feeds, sitemaps (news, index, plain) and robots.txt of a served site."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from xml.sax.saxutils import escape

from pipelines.miniweb import urls
from pipelines.miniweb.chrome import esc, image_path, rfc822
from pipelines.miniweb.content import MiniArticle, article_id
from pipelines.miniweb.view import SiteView

FEED_ITEMS = 15  # real feeds carry the latest items only
XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def rss(view: SiteView, title: str, link_path: str, articles: Iterable[MiniArticle]) -> str:
    items = list(articles)[:FEED_ITEMS]
    built = max((a.published for a in items), default=None)
    build_date = f"<lastBuildDate>{rfc822(built)}</lastBuildDate>" if built else ""
    body = "".join(_rss_item(view, a) for a in items)
    return (
        XML_HEAD + '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>{escape(title)}</title><link>{escape(view.url(link_path))}</link>"
        f"<description>{escape(view.site.name)} - tin tức {escape(view.site.province)}"
        "</description><language>vi</language>"
        f"<copyright>{escape(view.site.name)}</copyright>{build_date}{body}</channel></rss>\n"
    )


def _rss_item(view: SiteView, article: MiniArticle) -> str:
    url = view.url(article.path)
    if view.site.layout == "vccorp":
        # VCCorp feeds put a linked thumbnail before the sapo, as HTML in CDATA.
        img = view.url(image_path(view.site.id, article_id(article), 0))
        description = (
            f'<![CDATA[<a href="{url}"><img src="{img}" alt="{esc(article.title)}"></a>'
            f"{esc(article.lead)}]]>"
        )
    else:
        description = escape(article.lead)
    return (
        f"<item><title>{escape(article.title)}</title><link>{escape(url)}</link>"
        f'<guid isPermaLink="true">{escape(url)}</guid>'
        f"<description>{description}</description>"
        f"<category>{escape(article.section)}</category>"
        f"<pubDate>{rfc822(article.published)}</pubDate></item>"
    )


def news_sitemap(view: SiteView) -> str:
    """A Google News sitemap: every article with its publication date."""
    entries = "".join(
        f"<url><loc>{escape(view.url(a.path))}</loc><news:news><news:publication>"
        f"<news:name>{escape(view.site.name)}</news:name><news:language>vi</news:language>"
        f"</news:publication><news:publication_date>{a.published.isoformat()}"
        f"</news:publication_date><news:title>{escape(a.title)}</news:title></news:news></url>"
        for a in view.articles
    )
    return (
        XML_HEAD + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{entries}</urlset>\n"
    )


def article_years(view: SiteView) -> list[int]:
    return sorted({a.published.year for a in view.articles}, reverse=True)


def sitemap_index(view: SiteView) -> str:
    entries = []
    for year in article_years(view):
        newest = max(a.published for a in view.articles if a.published.year == year)
        entries.append(
            f"<sitemap><loc>{escape(view.url(urls.yearly_sitemap_path(year)))}</loc>"
            f"<lastmod>{newest.isoformat()}</lastmod></sitemap>"
        )
    return (
        XML_HEAD + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{''.join(entries)}</sitemapindex>\n"
    )


def urlset(view: SiteView, articles: Iterable[MiniArticle], extra_paths: Iterable[str]) -> str:
    """A plain sitemap: pages first (no date), then articles with lastmod."""
    entries = [
        f"<url><loc>{escape(view.url(p))}</loc><changefreq>daily</changefreq></url>"
        for p in extra_paths
    ]
    entries += [
        f"<url><loc>{escape(view.url(a.path))}</loc>"
        f"<lastmod>{a.published.isoformat()}</lastmod></url>"
        for a in articles
    ]
    return (
        XML_HEAD + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{''.join(entries)}</urlset>\n"
    )


def robots(view: SiteView) -> str:
    """Search pages are linked from every page but closed to crawlers."""
    layout = view.site.layout
    lines = ["User-agent: *", f"Disallow: {urls.SEARCH_PATHS[layout]}"]
    if layout == "portal":
        lines += ["Disallow: /admin/", "Disallow: /vi/users/"]
    else:
        lines += ["Disallow: /api/"]
    lines += ["", *(f"Sitemap: {view.url(p)}" for p in urls.SITEMAP_PATHS[layout])]
    return "\n".join(lines) + "\n"


def newest(articles: Iterable[MiniArticle]) -> datetime | None:
    return max((a.published for a in articles), default=None)
