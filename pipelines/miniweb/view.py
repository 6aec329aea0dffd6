"""A served site's articles arranged the way its pages show them.

Layouts ask this view for listing pages, related teasers and "most read"
boxes, so every choice of which article appears where is deterministic.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from pipelines.miniweb.content import MiniArticle, MiniSection, MiniSite

LISTING_PAGE_SIZE = 5  # small, so every section has at least two listing pages
HOME_TEASERS = 8
RELATED_TEASERS = 4
MOST_READ = 5


@dataclass(frozen=True, slots=True)
class SiteView:
    site: MiniSite
    base_url: str  # ends with "/"
    articles: tuple[MiniArticle, ...]  # newest first

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def in_section(self, section: MiniSection) -> tuple[MiniArticle, ...]:
        return tuple(a for a in self.articles if a.section == section.name)

    def page_count(self, section: MiniSection) -> int:
        count = len(self.in_section(section))
        return max(1, -(-count // LISTING_PAGE_SIZE))

    def listing_page(self, section: MiniSection, page: int) -> tuple[MiniArticle, ...]:
        start = (page - 1) * LISTING_PAGE_SIZE
        return self.in_section(section)[start : start + LISTING_PAGE_SIZE]

    def latest(self, count: int = HOME_TEASERS) -> tuple[MiniArticle, ...]:
        return self.articles[:count]

    def related(self, article: MiniArticle) -> tuple[MiniArticle, ...]:
        """Same-section articles nearest in time, as CMS 'tin cùng chuyên mục' boxes pick."""
        others = [a for a in self.articles if a.section == article.section and a != article]
        others.sort(key=lambda a: abs((a.published - article.published).total_seconds()))
        return tuple(others[:RELATED_TEASERS])

    def most_read(self, exclude: MiniArticle | None = None) -> tuple[MiniArticle, ...]:
        """A stable pseudo-popularity order (a checksum of the title)."""
        ranked = sorted(self.articles, key=lambda a: zlib.crc32(a.title.encode("utf-8")))
        return tuple(a for a in ranked if a != exclude)[:MOST_READ]
