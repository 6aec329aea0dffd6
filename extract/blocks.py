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
BLOCK_IDS = dom.tag_ids(BLOCK_TAGS)
SKIP_IDS = dom.tag_ids(SKIP_TAGS)
_CAPTION_IDS = dom.tag_ids(CAPTION_TAGS)
_NO_NAME = (False, False)
_CAPTION_SIGNATURE = re.compile(r"caption|image[-_]?desc|photo[-_]?desc|img[-_]?desc|chu-?thich")


def is_wrapper(node: LexborNode, min_chars: int) -> bool:
    """Rule WRAPPER_NOT_BOILERPLATE: a boilerplate-looking name ("article-body
    share-enabled", "ad-details" of a classified ad) on an element holding at
    least `min_chars` of text with few links wraps content: walk it."""
    size = len(node.text(deep=True, separator=""))
    if size < min_chars:
        return False
    return dom.link_text_len(node, size) <= size * thresholds.WRAPPER_LINK_DENSITY


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
        self._verdicts: dict[str, tuple[bool, bool]] = {}

    def walk(self, root: LexborNode) -> Collected:
        self._walk(root)
        self._flush(root.tag or "div", root)
        return self.result

    def _walk(self, root: LexborNode) -> None:
        """Read the text below `root` in page order into blocks.

        Hot loop: one loop with an explicit stack rather than a call per
        element, child/next links followed (cheaper than node.iter()), and
        text straight into the buffer. A stack frame says where to resume when
        an element's children are done: its next sibling, the link state and
        depth there, and the element itself when it is a block (the text it
        ends is flushed as its block).
        """
        result = self.result
        blocks = result.blocks
        buffer = self._buffer
        stack: list[tuple[LexborNode | None, bool, int, LexborNode | None, str]] = []
        in_link, depth = False, 0
        child = root.child
        while True:
            if child is None or result.reached_stop or len(blocks) >= thresholds.MAX_WALK_BLOCKS:
                if not stack:
                    return
                child, in_link, depth, ended, ended_tag = stack.pop()
                if ended is not None and buffer.parts:
                    self._flush(ended_tag, ended)
                continue
            kind = child.tag_id
            if kind == dom.TEXT_ID:
                text = child.text_content
                # Whitespace that would open a block folds away: most text
                # nodes are the line breaks between tags.
                if text and (buffer.parts or not text.isspace()):
                    buffer.parts.append(text)
                    if in_link:
                        buffer.link_parts.append(text)
            elif kind >= dom.A_ID and kind not in SKIP_IDS and self._enters(child, kind):
                if kind in BLOCK_IDS:
                    if buffer.parts:
                        self._flush("div", child)
                    stack.append((child.next, in_link, depth, child, child.tag or "div"))
                else:
                    stack.append((child.next, in_link, depth, None, ""))
                    in_link = in_link or kind == dom.A_ID
                depth += 1
                if depth > dom.MAX_DEPTH:
                    self._add(child.text(deep=True, separator=" "), in_link)
                    child = None
                else:
                    child = child.child
                continue
            child = child.next

    def _enters(self, child: LexborNode, kind: int) -> bool:
        """Whether the walk goes into `child`; a stop, a line break or a
        caption ends the block instead (a caption's text is set apart)."""
        if self._stop_id is not None and child.mem_id == self._stop_id:
            self._flush("div", child)
            self.result.reached_stop = True
            return False
        if kind == dom.BR_ID:
            self._flush("br", child)
            return False
        attrs = child.attributes
        caption = boilerplate = False
        if attrs:  # about half the elements have none: nothing to ask then
            get = attrs.get
            if self._skip_hidden and dom.hidden_attrs(attrs):
                return False
            classes, ident = get("class"), get("id")
            if classes or ident:
                caption, boilerplate = self._names(classes, ident)
        if kind in _CAPTION_IDS or caption:
            self._flush("div", child)
            text = fold(child.text(deep=True, separator=" "))
            if text:
                self.result.captions.append(text)
            return False
        return not (boilerplate and self._not_wrapper(child))

    def _names(self, classes: str | None, ident: str | None) -> tuple[bool, bool]:
        """(caption, boilerplate) of a class and id. Neither pattern's words
        span the space between the two, so each is asked on its own: pages
        repeat a few class strings many times, and each is matched once."""
        caption, boilerplate = self._name(classes) if classes else _NO_NAME
        if ident:
            id_caption, id_boilerplate = self._name(ident)
            caption, boilerplate = caption or id_caption, boilerplate or id_boilerplate
        return caption, boilerplate

    def _name(self, name: str) -> tuple[bool, bool]:
        verdict = self._verdicts.get(name)
        if verdict is None:
            lowered = name.lower()
            verdict = self._verdicts[name] = (
                bool(_CAPTION_SIGNATURE.search(lowered)),
                self._skip is not None and bool(self._skip.search(lowered)),
            )
        return verdict

    def _not_wrapper(self, node: LexborNode) -> bool:
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
