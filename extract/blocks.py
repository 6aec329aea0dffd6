"""Walk a subtree in reading order and cut it into text blocks (paragraph-like units).

A block ends at every block-level element or <br>; inline text (links,
emphasis) stays inside its block. Each block knows how much of its text sat
inside links, which is how navigation and teaser lists are told from prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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
# dom's ids as this module's names: one lookup each in the hot loop, not two.
_TEXT_ID, _FIRST_ELEMENT_ID, _A_ID, _BR_ID = dom.TEXT_ID, dom.A_ID, dom.A_ID, dom.BR_ID
# What the walk asks of an element's kind before its children: kinds that
# are no element (below the first element's), left out, or <br>.
_RARE_IDS = frozenset(range(_FIRST_ELEMENT_ID)) - {_TEXT_ID} | SKIP_IDS | {_BR_ID}
_NO_NAME = (False, False)
_CAPTION_NAME = (True, False)
_CAPTION_SIGNATURE = re.compile(r"caption|image[-_]?desc|photo[-_]?desc|img[-_]?desc|chu-?thich")


def is_caption_name(lowered: str) -> bool:
    """Whether a lower-cased class or id names a caption (_CAPTION_SIGNATURE).

    Every match of the pattern holds "caption", "desc" or "thich": a name
    holding none of them (nearly all names) is told by three substring
    tests, several times cheaper than the search (tests/extract/
    test_extract_block_walk.py checks that the two agree)."""
    return (
        "caption" in lowered or "desc" in lowered or "thich" in lowered
    ) and _CAPTION_SIGNATURE.search(lowered) is not None


def _verdict(caption: bool, boilerplate: bool) -> tuple[bool, bool]:
    """(caption, boilerplate), as _NO_NAME itself when both are False: the
    walk tells most elements by that identity alone."""
    return (caption, boilerplate) if caption or boilerplate else _NO_NAME


def is_wrapper(node: LexborNode, min_chars: int) -> bool:
    """Rule WRAPPER_NOT_BOILERPLATE: a boilerplate-looking name ("article-body
    share-enabled", "ad-details" of a classified ad) on an element holding at
    least `min_chars` of text with few links wraps content: walk it."""
    return _is_wrapper_sized(node, dom.text_len(node), min_chars)


def _is_wrapper_sized(node: LexborNode, size: int, min_chars: int) -> bool:
    """is_wrapper() of a node whose text is `size` characters long."""
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
    marked: int | None = None  # the index of the first block BlockWalker's `mark` took


class BlockWalker:
    """Collects blocks below `root`, skipping what `skip` says is boilerplate.

    `skip` is searched in each lower-cased class and id with a space added
    at each end: a pattern of words standing between separators or a name's
    ends (body.separated_words, which the spaces leave alike) or its form
    for padded names (body.padded_separated_words, which finds them faster).
    `stop` (optional) ends the walk when reached: used to read the header
    region above an article body. `mark` (optional) picks a block by its
    node (the headline's); the walk ends `after_mark` blocks after the first
    one it picks, when no more are wanted.
    """

    def __init__(
        self,
        skip: re.Pattern[str] | None = None,
        stop: LexborNode | None = None,
        skip_hidden: bool = True,
        protect: Callable[[int], int] | None = None,
        mark: Callable[[LexborNode], bool] | None = None,
        after_mark: int = 0,
    ) -> None:
        self._skip = skip
        # A boilerplate-looking element holding `protect(the root's text
        # length)` characters of text is a wrapper of the article itself
        # ("article-body share-enabled"), not boilerplate. `protect` never
        # falls as the length grows, so the text read before the element
        # bounds it from below, which settles most elements (see
        # _not_wrapper); the root is measured only when it does not.
        self._protect = protect
        self._protect_chars: int | None = None
        # The raw texts of the blocks flushed (the text read so far; kept
        # only for `protect`), and how many of them _read_floor() has
        # counted into _read_chars.
        self._read: list[str] = []
        self._read_counted = 0
        self._read_chars = 0
        # Whether every text read is a text node's own (see _add).
        self._read_exact = True
        self._root: LexborNode | None = None
        self._stop_id = stop.mem_id if stop is not None else None
        # Only an element of the stop's kind can be the stop: its id, one
        # more attribute read, is asked of those alone.
        self._stop_kind = stop.tag_id if stop is not None else None
        self._skip_hidden = skip_hidden
        self._mark, self._after_mark = mark, after_mark
        self._limit = thresholds.MAX_WALK_BLOCKS
        # The text of the block being read, and the part of it inside links.
        self._parts: list[str] = []
        self._link_parts: list[str] = []
        self.result = Collected()
        self._verdicts: dict[str, tuple[bool, bool]] = {}
        self._name_verdicts: dict[str | tuple[str | None, str], tuple[bool, bool]] = {}

    def walk(self, root: LexborNode) -> Collected:
        self._root = root
        self._walk(root.child if not self._stopped() else None, [], False)
        self._flush(root.tag or "div", root)
        return self.result

    def enters(self, node: LexborNode, depth: int) -> bool:
        """Whether the walk, reaching element `node` `depth` levels below its
        root, reads its children one by one: not passing it by, ending at
        it, setting its text apart as a caption or reading it whole as too
        deep. walk_from() asks it of its start and every element above. A
        boilerplate-named element is said not to (it may be a wrapper, read
        after all: see _not_wrapper), which only ever costs a slower walk."""
        kind = node.tag_id
        if kind < _FIRST_ELEMENT_ID or kind in SKIP_IDS or kind in _CAPTION_IDS:
            return False
        if kind == _BR_ID or node.child is None or depth > dom.MAX_DEPTH:
            return False
        if kind == self._stop_kind and node.mem_id == self._stop_id:
            return False
        attrs = node.attributes
        if not attrs:
            return True
        if (
            self._skip_hidden
            and ("hidden" in attrs or "aria-hidden" in attrs or "style" in attrs)
            and dom.hidden_attrs(attrs)
        ):
            return False
        classes, ident = attrs.get("class"), attrs.get("id")
        return not (classes or ident) or self._names(classes, ident) == _NO_NAME

    def walk_from(self, root: LexborNode, start: LexborNode) -> Collected:
        """The blocks walk(root) reads from block element `start` on.

        walk(root) enters `start` with no text pending when it enters it and
        every element between it and `root` (enters()): text read before is
        flushed on entering a block. From there it reads as it would from
        the frames of those elements, the state rebuilt here; the blocks it
        read before are left out (and so not counted towards the limit)."""
        chain: list[LexborNode] = []
        node = start.parent
        while node is not None and node.mem_id != root.mem_id:
            chain.append(node)
            node = node.parent
        stack: list[tuple[LexborNode | None, bool, LexborNode | None]] = []
        in_link = False
        for node in reversed(chain):
            if node.tag_id in BLOCK_IDS:
                stack.append((node.next, in_link, node))
            else:
                stack.append((node.next, in_link, None))
                in_link = in_link or node.tag_id == _A_ID
        stack.append((start.next, in_link, start))
        self._root = root
        self._walk(start.child, stack, in_link)
        self._flush(root.tag or "div", root)
        return self.result

    def _walk(
        self,
        child: LexborNode | None,
        stack: list[tuple[LexborNode | None, bool, LexborNode | None]],
        in_link: bool,
    ) -> None:
        """Read the text from `child` on in page order into blocks, `stack`
        holding the frames of the elements it stands in.

        Hot loop, run on every node of the body and of the header region:
        one loop with an explicit stack rather than a call per element,
        child/next links followed (cheaper than node.iter()), text straight
        into the buffer, and what an element's attributes say asked inline
        (a method call per element cost more than the asking). A stack frame
        says where to resume when an element's children are done: its next
        sibling, the link state there, and the element itself when it is a
        block (the text it ends is flushed as its block). The stack is as
        deep as the walk.

        The walk ends at the stop node (asked of elements of its kind only)
        or at its limit of blocks, which only a flush can reach and so is
        asked after flushes.
        """
        result = self.result
        blocks = result.blocks
        parts, link_parts = self._parts, self._link_parts
        stop_id, stop_kind, skip_hidden = self._stop_id, self._stop_kind, self._skip_hidden
        verdicts = self._name_verdicts
        max_depth = dom.MAX_DEPTH
        rare = _RARE_IDS if stop_kind is None else _RARE_IDS | {stop_kind}
        while True:
            if child is None:
                if not stack:
                    return
                child, in_link, ended = stack.pop()
                if ended is not None and parts:
                    self._flush(ended.tag or "div", ended)
                    if len(blocks) >= self._limit:
                        return self._unwind(stack)
                continue
            kind = child.tag_id
            if kind == _TEXT_ID:
                # Whitespace that would open a block folds away: most text
                # nodes are the line breaks between tags, which lexbor tells
                # (ASCII spaces only) without making a string of them.
                if parts or not child.is_empty_text_node:
                    text = child.text_content
                    if text and (parts or not text.isspace()):
                        parts.append(text)
                        if in_link:
                            link_parts.append(text)
                child = child.next
                continue
            if kind in rare:
                # Not an element, left out, the stop's kind or <br>: one
                # lookup rules all four out for the other elements.
                if kind < _FIRST_ELEMENT_ID or kind in SKIP_IDS:
                    child = child.next
                    continue
                if kind == stop_kind and child.mem_id == stop_id:
                    self._flush("div", child)
                    result.reached_stop = True
                    return self._unwind(stack)
                if kind == _BR_ID:
                    self._flush("br", child)
                    if len(blocks) >= self._limit:
                        return self._unwind(stack)
                    child = child.next
                    continue
            first = child.child
            if first is None and not parts:
                # An empty element between blocks (an image, an icon) holds
                # no text and has none to end: whatever its attributes say,
                # it changes nothing. Reading them is the costly part.
                child = child.next
                continue
            # About half the elements have no attributes: nothing to ask then.
            verdict = _NO_NAME
            attrs = child.attributes
            if attrs:
                if (
                    skip_hidden
                    and ("hidden" in attrs or "aria-hidden" in attrs or "style" in attrs)
                    and dom.hidden_attrs(attrs)
                ):
                    child = child.next
                    continue
                classes, ident = attrs.get("class"), attrs.get("id")
                if classes or ident:
                    # Pages repeat a few class strings many times: each
                    # pair is judged once per walk.
                    key = classes if ident is None else (classes, ident)
                    verdict = verdicts.get(key)
                    if verdict is None:
                        verdict = verdicts[key] = self._names(classes, ident)
            # Most elements are neither named nor made captions by their tag.
            if verdict is not _NO_NAME or kind in _CAPTION_IDS:
                caption, boilerplate = verdict
                if caption or kind in _CAPTION_IDS:
                    self._caption(child)
                    if len(blocks) >= self._limit:
                        return self._unwind(stack)
                    child = child.next
                    continue
                if boilerplate and self._not_wrapper(child):
                    child = child.next
                    continue
            if kind in BLOCK_IDS:
                stack.append((child.next, in_link, child))
                if parts:
                    self._flush("div", child)
                    if len(blocks) >= self._limit:
                        # The block just opened ends where it stands.
                        return self._enter_and_end(child, in_link, stack)
            else:
                stack.append((child.next, in_link, None))
                in_link = in_link or kind == _A_ID
            if len(stack) > max_depth:
                self._add(child.text(deep=True, separator=" "), in_link)
                child = None
            else:
                child = first

    def _enter_and_end(
        self,
        child: LexborNode,
        in_link: bool,
        stack: list[tuple[LexborNode | None, bool, LexborNode | None]],
    ) -> None:
        """The limit of blocks was reached on entering block `child` (its
        frame already stacked): what the walk would still have read of it
        before ending (its whole text, when it stands too deep), then the end."""
        if len(stack) > dom.MAX_DEPTH:
            self._add(child.text(deep=True, separator=" "), in_link)
        self._unwind(stack)

    def _stopped(self) -> bool:
        return self.result.reached_stop or len(self.result.blocks) >= self._limit

    def _unwind(self, stack: list[tuple[LexborNode | None, bool, LexborNode | None]]) -> None:
        """End the walk early: the blocks still open end where they stand."""
        while stack:
            ended = stack.pop()[2]
            if ended is not None and self._parts:
                self._flush(ended.tag or "div", ended)

    def _caption(self, node: LexborNode) -> None:
        """A caption ends the block; its text is set apart."""
        self._flush("div", node)
        text = fold(node.text(deep=True, separator=" "))
        if text:
            self.result.captions.append(text)

    def _names(self, classes: str | None, ident: str | None) -> tuple[bool, bool]:
        """(caption, boilerplate) of a class and id. Neither pattern's words
        span the space between the two, so each is asked on its own (and
        each name once)."""
        if self._skip is None:
            # Only a caption's name matters (the header walk): both names
            # asked at once cost less than a verdict of each. Most elements
            # have no id: their class is asked alone (the space the two are
            # joined with is no part of a caption's name).
            named = f"{classes or ''} {ident}" if ident is not None else classes or ""
            return _CAPTION_NAME if is_caption_name(named.lower()) else _NO_NAME
        verdict = self._name(classes) if classes else _NO_NAME
        if ident:
            id_verdict = self._name(ident)
            if id_verdict is not _NO_NAME:
                verdict = (verdict[0] or id_verdict[0], verdict[1] or id_verdict[1])
        return verdict

    def _name(self, name: str) -> tuple[bool, bool]:
        verdict = self._verdicts.get(name)
        if verdict is None:
            lowered = name.lower()
            verdict = self._verdicts[name] = _verdict(
                is_caption_name(lowered),
                self._skip is not None and self._skip.search(f" {lowered} ") is not None,
            )
        return verdict

    def _not_wrapper(self, node: LexborNode) -> bool:
        if self._protect is None or self._root is None:
            return True
        if self._protect_chars is not None:
            return not is_wrapper(node, self._protect_chars)
        text = node.text_lexbor()
        size = len(text)
        # The root's text holds the text read so far and, apart from it, the
        # element's: it is at least as long as the two (see _read_floor).
        floor = self._read_floor() + (size if "\ufffd" not in text else 0)
        if size < self._protect(floor):
            return True
        self._protect_chars = self._protect(dom.text_len(self._root))
        return not _is_wrapper_sized(node, size, self._protect_chars)

    def _read_floor(self) -> int:
        """How many characters of the text read so far the root's text
        (read at once) holds at least.

        lexbor decodes each text node alone, and bytes that are not UTF-8 as
        U+FFFD: a sequence cut between two text nodes makes more characters
        read apart than at once. Text without U+FFFD is whole UTF-8, which
        reads alike both ways; only such text is counted."""
        if not self._read_exact:
            return 0
        read = self._read
        for index in range(self._read_counted, len(read)):
            if "\ufffd" not in read[index]:
                self._read_chars += len(read[index])
        self._read_counted = len(read)
        return self._read_chars

    def _add(self, text: str, in_link: bool) -> None:
        # A whole element's text, joined with spaces that are no text node's.
        self._read_exact = False
        if text:
            self._parts.append(text)
            if in_link:
                self._link_parts.append(text)

    def _flush(self, tag: str, node: LexborNode) -> None:
        parts = self._parts
        if not parts:
            return
        # The walk holds on to these lists: emptied, not replaced.
        joined = "".join(parts)
        parts_count = len(parts)
        parts.clear()
        link_parts = self._link_parts
        if link_parts:
            # Link text is the parts read inside links, in order: as many of
            # them as parts means the whole block is link text (a menu line,
            # a teaser), folded once.
            whole_link = len(link_parts) == parts_count
            link_text = "" if whole_link else "".join(link_parts)
            link_parts.clear()
        else:
            whole_link, link_text = False, ""
        if self._protect is not None:  # only _not_wrapper() asks what was read
            self._read.append(joined)
        # Most flushes hold only the line breaks between tags.
        if joined.isspace():
            return
        text = fold(joined)
        if text:
            size = len(text)
            link_chars = size if whole_link else len(fold(link_text)) if link_text else 0
            blocks = self.result.blocks
            blocks.append(Block(text, link_chars if link_chars < size else size, tag, node))
            if self._mark is not None and self._mark(node):
                self._mark = None
                self.result.marked = len(blocks) - 1
                self._limit = min(self._limit, len(blocks) + self._after_mark)
