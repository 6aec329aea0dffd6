"""Small helpers over selectolax nodes: attribute signatures, ancestry, hiding."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from selectolax.lexbor import LexborDocumentOptions, LexborHTMLParser, LexborNode

from extract import thresholds

# Elements whose content is never article text; removed once after metadata
# has been read.
JUNK_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "object",
    "embed",
    "canvas",
    "button",
    "select",
    "textarea",
    "input",
    "video",
    "audio",
    "map",
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Deeper than this the page is tag soup; walkers stop descending.
MAX_DEPTH = 120


def parse(html: str | bytes) -> LexborHTMLParser:
    """The page's tree, built without the DOM's mutation events.

    The events serve the live behaviours of a browser's document: lexbor's
    for HTML keep track of a <select>'s chosen <option> and fill its
    <selectedcontent> with a copy of it. The extractor reads the markup as
    the page wrote it and removes every <select> unread (JUNK_TAGS), so it
    needs none of them, and building and pruning the tree without them is
    faster (about 2% of the parse on the Vietnamese pages).
    """
    return LexborHTMLParser(html, options=LexborDocumentOptions.WO_EVENTS)


def tag_ids(names: Iterable[str]) -> frozenset[int]:
    """lexbor's ids of these tag names. Walkers compare a node's `tag_id`
    (an int) rather than its `tag` (a new string each time): half the cost,
    on every node of the page."""
    probe = LexborHTMLParser("")
    return frozenset(probe.create_node(name).tag_id for name in names)


# Text nodes, and the first element id: lexbor numbers its special nodes
# (text, comment, document...: the names starting with "-") below the
# elements, which run alphabetically from "a"; an element it does not know
# (a custom or namespaced tag) has the address of its name entry as its id,
# far above them all. tests/extract/test_extract_density.py checks this.
TEXT_ID = LexborHTMLParser("text").body.child.tag_id  # type: ignore[union-attr]
A_ID = min(tag_ids(["a"]))
BR_ID = min(tag_ids(["br"]))
_JUNK_IDS = tag_ids(JUNK_TAGS)


_META_ID, _LINK_ID, _SCRIPT_ID, _H1_ID, _TITLE_ID, _HEAD_ID = (
    min(tag_ids([name])) for name in ("meta", "link", "script", "h1", "title", "head")
)
_SWEPT_IDS = _JUNK_IDS | {_META_ID, _LINK_ID, _H1_ID, _TITLE_ID}


@dataclass(slots=True)
class Sweep:
    """What one walk over the whole page sorts out, in page order: the
    elements the metadata layer reads (<meta>, <link>, <script>), the junk
    (JUNK_TAGS, scripts included), and for the headline layer the h1s
    outside the junk and the <title>s in the head: what tree.css("h1") and
    tree.css("head title") list once the junk is gone, without a query
    (each costs a walk over the page, or the parsing of its selector)."""

    metas: list[LexborNode] = field(default_factory=list)
    links: list[LexborNode] = field(default_factory=list)
    scripts: list[LexborNode] = field(default_factory=list)
    junk: list[LexborNode] = field(default_factory=list)
    h1s: list[LexborNode] = field(default_factory=list)
    head_titles: list[LexborNode] = field(default_factory=list)


def sweep(tree: LexborHTMLParser) -> Sweep:
    """Sort the page's elements for the metadata layer and remove_junk().

    One walk over the elements comparing tag ids takes half the time of one
    CSS query for the sixteen junk tags, whose selector engine tries every
    selector on every element (sixteen walks by tag name, strip_tags(), cost
    fewer instructions but more time: each walk waits on memory); picking
    out the metadata elements in the same walk spares the metadata layer a
    query of its own, another pass over the page.
    """
    found = Sweep()
    root = tree.root
    if root is None:
        return found
    swept, junk_ids = _SWEPT_IDS, _JUNK_IDS
    for node in root.traverse():
        kind = node.tag_id
        if kind not in swept:
            continue
        if kind in junk_ids:
            found.junk.append(node)
            if kind == _SCRIPT_ID:
                found.scripts.append(node)
        elif kind == _META_ID:
            found.metas.append(node)
        elif kind == _LINK_ID:
            found.links.append(node)
        elif kind == _H1_ID:
            if not _in_junk(node):
                found.h1s.append(node)
        elif _in_head(node):
            found.head_titles.append(node)
    return found


def _in_head(title: LexborNode) -> bool:
    """Whether a <title> lies in the head. The parser makes one head, puts
    every <title> it holds straight into it (not into a <noscript> or other
    element of it) and none into the junk; an <svg>'s <title> is in the body."""
    parent = title.parent
    return parent is not None and parent.tag_id == _HEAD_ID


def _in_junk(node: LexborNode) -> bool:
    """Whether remove_junk() removes the element with a JUNK_TAGS ancestor
    (an h1 inside <noscript> or <button> is parsed as one). A page has an h1
    or two: their ancestors are asked, not the walk made to keep track."""
    parent = node.parent
    while parent is not None:
        if parent.tag_id in _JUNK_IDS:
            return True
        parent = parent.parent
    return False


def remove_junk(tree: LexborHTMLParser, junk: list[LexborNode] | None = None) -> None:
    """Remove the JUNK_TAGS elements with their content: `junk`, the list a
    sweep() of the tree found (the tree must not have changed since), or the
    tree's own. Last first, so that a nested one (<object><embed>) goes
    before its container."""
    for node in reversed(sweep(tree).junk if junk is None else junk):
        node.decompose()


def signature(node: LexborNode) -> str:
    """Lower-cased class and id of an element, for the pattern rules."""
    attrs = node.attributes
    return f"{attrs.get('class') or ''} {attrs.get('id') or ''}".lower()


def traits(node: LexborNode) -> tuple[str, bool]:
    """(signature, hidden) from one read of the attributes: walkers ask both
    of every element, and reading attributes is the costly part."""
    attrs = node.attributes
    if not attrs:
        return "", False
    hidden = hidden_attrs(attrs)
    classes, ident = attrs.get("class"), attrs.get("id")
    if not classes and not ident:  # most elements: skip the formatting
        return " ", hidden
    return f"{classes or ''} {ident or ''}".lower(), hidden


# The attributes hidden_attrs() reads: an element with none of them is shown.
HIDING_ATTRS = frozenset({"hidden", "aria-hidden", "style"})


def hidden_attrs(attrs: dict[str, str | None]) -> bool:
    """Whether the `hidden` attribute, aria-hidden or an inline style hides
    an element (most elements have none of the three: three lookups)."""
    if "hidden" in attrs:
        return True
    aria = attrs.get("aria-hidden")
    if aria is not None and aria.lower() == "true":
        return True
    style = attrs.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def ancestors(node: LexborNode) -> list[LexborNode]:
    chain = []
    current = node.parent
    while current is not None and current.tag not in ("html", "-document"):
        chain.append(current)
        current = current.parent
    return chain


def is_inside(node: LexborNode, container: LexborNode) -> bool:
    target = container.mem_id
    current: LexborNode | None = node
    while current is not None:
        if current.mem_id == target:
            return True
        current = current.parent
    return False


def common_ancestor(first: LexborNode, second: LexborNode) -> LexborNode | None:
    seen = {first.mem_id} | {a.mem_id for a in ancestors(first)}
    current: LexborNode | None = second
    while current is not None:
        if current.mem_id in seen:
            return current
        current = current.parent
    return None


def matches_itself(node: LexborNode, selector: str) -> bool:
    """Whether the element itself matches the selector: css_matches() also
    says yes for a match anywhere inside it, while a query from the element
    lists the element first when it matches."""
    first = node.css_first(selector)
    return first is not None and first.mem_id == node.mem_id


@dataclass(slots=True)
class ElementText:
    """An element's text (text_lexbor()), read at most once, and only when a
    stage needs it: the whole page's text is one of the costlier reads, and
    the stages that may want it (density's wrapper rule, the charset check
    of the article region) are far apart in the flow."""

    node: LexborNode | None
    text: str | None = None

    def read(self) -> str:
        if self.text is None:
            self.text = self.node.text_lexbor() if self.node is not None else ""
        return self.text


def text_len(node: LexborNode) -> int:
    """len(node.text(deep=True, separator="")) of an element, at about half
    the cost: lexbor copies its text content into one buffer, where
    selectolax's walk calls back for every text node. (They differ on a
    comment node alone, whose text content is its data; tests compare the two.)"""
    return len(node.text_lexbor())


def link_text_len(node: LexborNode, text_len: int) -> int:
    """Characters of text inside the links below `node` (whose text is
    `text_len` long). A CSS query costs more than a walk of a small subtree,
    so only larger ones, which hold more elements, are queried."""
    if text_len > thresholds.WALK_LINKS_UNDER_CHARS:
        return sum(map(len, map(LexborNode.text_lexbor, node.css("a"))))
    total = 0
    for element in node.traverse():  # a loop: a generator's frame costs more
        if element.tag_id == A_ID:
            total += len(element.text_lexbor())
    return total
