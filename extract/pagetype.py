"""Article or not: listing and home pages look like articles to naive extractors.

og:type is unreliable (several listing pages say "article"), so the decision
uses the page's shape: an article has running text in its body; a listing
has many headline-length teaser links and little text of its own.

Named rules, in order (the first that applies decides):
- LONG_RUN: a long run of prose with no teaser inside is an article.
- TEASERS_UNDER_HEADLINE / TEASERS_IN_BODY: teasers where the body should be.
- TOO_LITTLE_TEXT: almost no running text (listing when the page is full
  of teasers, else empty).
- NO_ARTICLE_HEADLINE: no visible headline element and no article-typed
  metadata, on a page full of teasers: what text there is is the footer or
  a section blurb. A home page when the URL is the site root.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import thresholds
from extract.blocks import Block
from extract.body import is_teaser
from extract.text import visible_len

# Teaser links between the headline and the body: an article has none (its
# dateline, byline and lead sit there); a listing has its teasers there.
MAX_TEASERS_UNDER_HEADLINE = 3
# A container whose dropped teaser blocks rival its prose blocks is a list.
MIN_CONTAINER_TEASERS = 6
CONTAINER_TEASER_SHARE = 0.5
# Front-page paths: "/", "/index.html", "/trang-chu.htm" (Vietnamese "home page").
_ROOT_PATH = re.compile(r"/?(?:(?:index|default|home|trang-?chu)\.\w{2,5})?/?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageShape:
    # Running text of the body's blocks; 0 when a long run settles the page.
    body_chars: int
    prose_blocks: int
    container_teasers: int
    teasers_under_headline: int
    longest_run: int
    # Headline-length links anywhere on the page; 0 when a long run settles the page.
    page_teasers: int
    has_headline: bool
    visible_headline: bool  # the headline is an element on the page, not only metadata
    article_metadata: bool  # JSON-LD/microdata typed as an article
    # The URL is the site's front page; False when a long run settles the page.
    site_root: bool


def measure(
    blocks: list[Block],
    container_teasers: int,
    longest_run: int,
    header_after_headline: list[Block],
    has_headline: bool,
    tree: LexborHTMLParser,
    visible_headline: bool = True,
    article_metadata: bool = True,
    url: str = "",
) -> PageShape:
    # Only the rules after LONG_RUN read the body's running text, the page's
    # teasers (counting reads every link) and whether the URL is the site's
    # root (a listing there is the home page): a long run settles the page
    # before them.
    short_run = longest_run < thresholds.ARTICLE_RUN_CHARS
    return PageShape(
        body_chars=sum(len(b.text) - b.link_chars for b in blocks) if short_run else 0,
        prose_blocks=len(blocks),
        container_teasers=container_teasers,
        teasers_under_headline=sum(1 for b in header_after_headline if is_teaser(b)),
        longest_run=longest_run,
        page_teasers=_page_teasers(tree) if short_run else 0,
        has_headline=has_headline,
        visible_headline=visible_headline,
        article_metadata=article_metadata,
        site_root=short_run and is_site_root(url),
    )


def is_site_root(url: str) -> bool:
    try:
        path = urlsplit(url).path
    except ValueError:  # a malformed URL ("https://[::1") names no front page
        return False
    return bool(url) and _ROOT_PATH.fullmatch(path) is not None


def _page_teasers(tree: LexborHTMLParser) -> int:
    # A listing page holds hundreds of links: lexbor's own text content of a
    # link equals link.text() (an element's text is its text nodes' either
    # way) and costs less than selectolax's walk over them.
    return sum(map(_is_teaser_text, map(LexborNode.text_lexbor, tree.css("a[href]"))))


def _is_teaser_text(text: str) -> bool:
    # Most links (menus, tags) are shorter than 20 characters, and
    # visible_len() never exceeds len(): the cheapest test goes first.
    return len(text) >= 20 and len(text.split()) >= 5 and visible_len(text) >= 20


def rejection(shape: PageShape) -> tuple[str, str] | None:
    """(page_type, reason) when the page is not an article, else None.

    A page of teasers at the site's root URL is the home page, else a listing.
    """
    refused = _refusal(shape)
    if refused is not None and refused[0] == "listing" and shape.site_root:
        return "home", refused[1]
    return refused


def _refusal(shape: PageShape) -> tuple[str, str] | None:
    if shape.longest_run >= thresholds.ARTICLE_RUN_CHARS:
        return None if shape.has_headline else ("other", "no headline found")
    if shape.teasers_under_headline >= MAX_TEASERS_UNDER_HEADLINE:
        return "listing", f"{shape.teasers_under_headline} teaser links under the headline"
    if shape.container_teasers >= MIN_CONTAINER_TEASERS and (
        shape.container_teasers >= shape.prose_blocks * CONTAINER_TEASER_SHARE
    ):
        return "listing", (
            f"{shape.container_teasers} teasers beside {shape.prose_blocks} paragraphs"
        )
    if shape.body_chars < thresholds.MIN_ARTICLE_CHARS:
        kind = "listing" if shape.page_teasers >= thresholds.MIN_LISTING_TEASERS else "empty"
        return kind, f"only {shape.body_chars} characters of running text"
    if not shape.has_headline:
        kind = "listing" if shape.page_teasers >= thresholds.MIN_LISTING_TEASERS else "other"
        return kind, "no headline found"
    if (
        not shape.visible_headline
        and not shape.article_metadata
        and shape.page_teasers >= thresholds.MIN_LISTING_TEASERS
    ):
        return "listing", (
            f"no visible headline nor article metadata beside {shape.page_teasers} teaser links"
        )
    return None
