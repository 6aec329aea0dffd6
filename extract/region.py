"""The article header region: the lines between the headline and the body.

Datelines and bylines live here (or just above the headline). Reading only
this region is what keeps the page header's "today" date, teaser times and
dates inside the body text out of the published time.
"""

from __future__ import annotations

from collections.abc import Callable

from selectolax.lexbor import LexborNode

from extract import dom, thresholds
from extract.blocks import Block, BlockWalker

# How far up from the headline the region may start when no body was found.
_MAX_CLIMB = 4
# A headline is an element with a few nodes inside; one holding more than
# this is asked the slow way (see _headline_test).
_MAX_HEADLINE_NODES = 64


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
            return _window(root, body, headline)
    if body is not None:
        body = first_paragraph
    root = headline
    for _ in range(_MAX_CLIMB):
        if root.parent is None or root.parent.tag in ("body", "html"):
            break
        root = root.parent
    return _window(root, body, headline)


def _lines(root: LexborNode, stop: LexborNode | None) -> list[Block]:
    return BlockWalker(stop=stop, skip_hidden=False).walk(root).blocks


def _window(root: LexborNode, stop: LexborNode | None, headline: LexborNode) -> list[Block]:
    """The lines of `root` (up to `stop`) around the headline's; the walk
    ends once it has the lines wanted after it."""
    after = thresholds.HEADER_TEXT_NODES_AFTER
    walker = BlockWalker(
        stop=stop, skip_hidden=False, mark=_headline_test(headline), after_mark=after
    )
    collected = walker.walk(root)
    blocks, index = collected.blocks, collected.marked
    if index is None:
        return blocks[:after]
    start = max(index - thresholds.HEADER_TEXT_NODES_BEFORE, 0)
    return blocks[start : index + 1 + after]


def _above_body(body: LexborNode) -> list[Block]:
    parent = body.parent
    if parent is None:
        return []
    return _lines(parent, stop=body)[-thresholds.HEADER_TEXT_NODES_BEFORE :]


def headline_index(blocks: list[Block], headline: LexborNode | None) -> int | None:
    """The index of the first block that ended at the headline or inside it."""
    if headline is None:
        return None
    inside = _headline_test(headline)
    return next((i for i, b in enumerate(blocks) if inside(b.node)), None)


def _headline_test(headline: LexborNode) -> Callable[[LexborNode], bool]:
    """Whether a node is the headline or inside it (dom.is_inside).

    Nearly two hundred blocks can stand before the headline's, each ended
    deep in the page: climbing from each to the page root cost more than
    reading the region. A headline has a few nodes; their ids are asked.
    """
    ids: set[int] = set()
    for node in headline.traverse(include_text=True):
        if len(ids) >= _MAX_HEADLINE_NODES:
            return lambda node: dom.is_inside(node, headline)
        ids.add(node.mem_id)
    return lambda node: node.mem_id in ids
