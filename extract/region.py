"""The article header region: the lines between the headline and the body.

Datelines and bylines live here (or just above the headline). Reading only
this region is what keeps the page header's "today" date, teaser times and
dates inside the body text out of the published time.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from extract import dom, thresholds
from extract.blocks import Block, BlockWalker

# How far up from the headline the region may start when no body was found.
_MAX_CLIMB = 4


def header_blocks(
    headline: LexborNode | None, body: LexborNode | None, first_paragraph: LexborNode | None
) -> list[Block]:
    """Lines near the headline, up to (not into) the body.

    The body starts at its container or, when the container also holds the
    headline, at its first paragraph.
    """
    if headline is None:
        return _above_body(body) if body is not None else []
    if body is not None and not dom.is_inside(headline, body):
        root = dom.common_ancestor(headline, body)
        if root is not None and root.tag not in ("body", "html"):
            return _window(_lines(root, stop=body), headline)
    if body is not None:
        body = first_paragraph
    root = headline
    for _ in range(_MAX_CLIMB):
        if root.parent is None or root.parent.tag in ("body", "html"):
            break
        root = root.parent
    return _window(_lines(root, stop=body), headline)


def _lines(root: LexborNode, stop: LexborNode | None) -> list[Block]:
    return BlockWalker(stop=stop, skip_hidden=False).walk(root).blocks


def _window(blocks: list[Block], headline: LexborNode) -> list[Block]:
    index = next(
        (i for i, b in enumerate(blocks) if dom.is_inside(b.node, headline)),
        None,
    )
    if index is None:
        return blocks[: thresholds.HEADER_TEXT_NODES_AFTER]
    start = max(index - thresholds.HEADER_TEXT_NODES_BEFORE, 0)
    return blocks[start : index + 1 + thresholds.HEADER_TEXT_NODES_AFTER]


def _above_body(body: LexborNode) -> list[Block]:
    parent = body.parent
    if parent is None:
        return []
    return _lines(parent, stop=body)[-thresholds.HEADER_TEXT_NODES_BEFORE :]


def headline_index(blocks: list[Block], headline: LexborNode | None) -> int | None:
    if headline is None:
        return None
    return next((i for i, b in enumerate(blocks) if dom.is_inside(b.node, headline)), None)
