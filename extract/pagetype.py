"""Article or not: listing and home pages look like articles to naive extractors.

og:type is unreliable (several listing pages say "article"), so the decision
uses the page's shape: an article has running text in its body; a listing
has many headline-length teaser links and little text of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

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


@dataclass(frozen=True, slots=True)
class PageShape:
    body_chars: int
    prose_blocks: int
    container_teasers: int
    teasers_under_headline: int
    longest_run: int
    page_teasers: int  # headline-length links anywhere on the page
    has_headline: bool


def measure(
    blocks: list[Block],
    container_teasers: int,
    longest_run: int,
    header_after_headline: list[Block],
    has_headline: bool,
    tree: LexborHTMLParser,
) -> PageShape:
    return PageShape(
        body_chars=sum(len(b.text) - b.link_chars for b in blocks),
        prose_blocks=len(blocks),
        container_teasers=container_teasers,
        teasers_under_headline=sum(1 for b in header_after_headline if is_teaser(b)),
        longest_run=longest_run,
        page_teasers=sum(1 for link in tree.css("a[href]") if _is_teaser_text(link.text())),
        has_headline=has_headline,
    )


def _is_teaser_text(text: str) -> bool:
    return len(text.split()) >= 5 and visible_len(text) >= 20


def rejection(shape: PageShape) -> tuple[str, str] | None:
    """(page_type, reason) when the page is not an article, else None."""
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
        return "other", "no headline found"
    return None
