"""Walk a subtree in reading order and cut it into text blocks (paragraph-like units).

A block ends at every block-level element or <br>; inline text (links,
emphasis) stays inside its block. Each block knows how much of its text sat
inside links, which is how navigation and teaser lists are told from prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from extract import dom, thresholds
from extract.text import fold

BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt",
        "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
        "figure", "figcaption", "address", "hr", "form", "fieldset", "center", "details",
        "summary", "caption",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CAPTION_TAGS = frozenset({"figcaption", "caption"})
# Containers that never hold article prose.
SKIP_TAGS = frozenset({"nav", "aside", "head", "title", "meta", "link", "base"})
_CAPTION_SIGNATURE = re.compile(r"caption|image[-_]?desc|photo[-_]?desc|img[-_]?desc|chu-?thich")


def is_wrapper(node: LexborNode, min_chars: int) -> bool:
    """Rule WRAPPER_NOT_BOILERPLATE: a boilerplate-looking name ("article-body
    share-enabled", "ad-details" of a classified ad) on an element holding at
    least `min_chars` of text with few links wraps content: walk it."""
    size = len(node.text(deep=True, separator=""))
    if size < min_chars:
        return False
    links = sum(len(a.text(deep=True, separator="")) for a in node.css("a"))
    return links <= size * thresholds.WRAPPER_LINK_DENSITY


@dataclass(slots=True)
class Block:
    text: str
    link_chars: int
    tag: str
    node: LexborNode

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0

    @property
    def is_heading(self) -> bool:
        return self.tag in HEADING_TAGS


@dataclass(slots=True)
class Collected:
    blocks: list[Block] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    reached_stop: bool = False


@dataclass(slots=True)
class _Buffer:
    parts: list[str] = field(default_factory=list)
    link_parts: list[str] = field(default_factory=list)


class BlockWalker:
    """Collects blocks below `root`, skipping what `skip` says is boilerplate.

    `stop` (optional) ends the walk when reached: used to read the header
    region above an article body.
    """

    def __init__(
        self,
        skip: re.Pattern[str] | None = None,
        stop: LexborNode | None = None,
        skip_hidden: bool = True,
        protect_chars: int | None = None,
    ) -> None:
        self._skip = skip
        # A boilerplate-looking element holding this much text is a wrapper of
        # the article itself ("article-body share-enabled"), not boilerplate.
        self._protect_chars = protect_chars
        self._stop_id = stop.mem_id if stop is not None else None
        self._skip_hidden = skip_hidden
        self._buffer = _Buffer()
        self.result = Collected()
        self._captions: dict[str, bool] = {}
        self._skipped: dict[str, bool] = {}

    def walk(self, root: LexborNode) -> Collected:
        self._visit(root, False, 0)
        self._flush(root.tag or "div", root)
        return self.result

    def _visit(self, node: LexborNode, in_link: bool, depth: int) -> None:
        if depth > dom.MAX_DEPTH:
            self._add(node.text(deep=True, separator=" "), in_link)
            return
        result = self.result
        blocks = result.blocks
        # Hot loop: child/next links are cheaper to follow than node.iter(),
        # and text goes straight into the buffer.
        child = node.child
        while child is not None:
            if result.reached_stop or len(blocks) >= thresholds.MAX_WALK_BLOCKS:
                return
            tag = child.tag
            if tag == "-text":
                text = child.text_content
                if text:
                    buffer = self._buffer
                    buffer.parts.append(text)
                    if in_link:
                        buffer.link_parts.append(text)
            elif tag and tag[0] != "-" and tag not in SKIP_TAGS:
                self._element(child, tag, in_link, depth)
            child = child.next

    def _element(self, child: LexborNode, tag: str, in_link: bool, depth: int) -> None:
        if self._stop_id is not None and child.mem_id == self._stop_id:
            self._flush("div", child)
            self.result.reached_stop = True
            return
        if tag == "br":
            self._flush("br", child)
            return
        signature, hidden = dom.traits_of(child.attributes)
        if hidden and self._skip_hidden:
            return
        if tag in CAPTION_TAGS or (signature and self._is_caption(signature)):
            self._flush("div", child)
            caption = fold(child.text(deep=True, separator=" "))
            if caption:
                self.result.captions.append(caption)
            return
        if signature and self._is_boilerplate(child, signature):
            return
        if tag in BLOCK_TAGS:
            if self._buffer.parts:  # mostly empty: skip the call
                self._flush("div", child)
            self._visit(child, in_link, depth + 1)
            if self._buffer.parts:
                self._flush(tag, child)
        else:
            self._visit(child, in_link or tag == "a", depth + 1)

    def _is_caption(self, signature: str) -> bool:
        # Pages repeat a few class names many times: ask each pattern once each.
        verdict = self._captions.get(signature)
        if verdict is None:
            verdict = self._captions[signature] = bool(_CAPTION_SIGNATURE.search(signature))
        return verdict

    def _is_boilerplate(self, node: LexborNode, signature: str) -> bool:
        if self._skip is None:
            return False
        skipped = self._skipped.get(signature)
        if skipped is None:
            skipped = self._skipped[signature] = bool(self._skip.search(signature))
        if not skipped:
            return False
        return self._protect_chars is None or not is_wrapper(node, self._protect_chars)

    def _add(self, text: str, in_link: bool) -> None:
        if text:
            self._buffer.parts.append(text)
            if in_link:
                self._buffer.link_parts.append(text)

    def _flush(self, tag: str, node: LexborNode) -> None:
        buffer = self._buffer
        if not buffer.parts:
            return
        joined = "".join(buffer.parts)
        link_parts = buffer.link_parts
        buffer.parts, buffer.link_parts = [], []
        # Most flushes hold only the line breaks between tags.
        if joined.isspace():
            return
        text = fold(joined)
        link_chars = len(fold("".join(link_parts))) if link_parts else 0
        if text:
            self.result.blocks.append(Block(text, min(link_chars, len(text)), tag, node))
