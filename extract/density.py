"""Find the article container by text density: the subtree with the most prose net of chrome.

Named rule BEST_NET_PROSE: every block of text on the page (a paragraph-like
unit, see blocks.py) gets a value: prose counts for its characters outside
links, link lists and short chrome lines count against. Each element scores
the sum of the values below it, and the best-scoring element is the
container. Because sibling sections add up in their common parent, a how-to
split into steps, a story split into slides or a body interrupted by a
figure is found whole; because link lists and chrome count against, the
winner stops below the page frame. Among equal scores the innermost wins.

Boilerplate-named regions (comments, related, share...) and <header> /
<footer> elements are not walked: their link text counts against, their
prose counts for nothing (unless WRAPPER_NOT_BOILERPLATE, blocks.py). A
teaser (a headline-length link) costs extra, so that a box of teasers with
sapos does not add up to prose. Unlike blocks.BlockWalker, <br> does not end
a block here: a list typed with line breaks (an ad's specification, a poem)
is one unit of prose, not many chrome lines.

Rule SIBLING_SECTIONS then adds the winner's nearly pure prose siblings
(a story continued after an inline box).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from extract import dom, thresholds
from extract.blocks import BLOCK_IDS, SKIP_IDS

_SENTENCE_END_CHARS = frozenset(".!?:;…”\"')")
# Page header and footer: their prose (address, licence) is not the article's.
_FRAME_IDS = dom.tag_ids(("header", "footer"))
# What the walk does with an element (DensityScorer._verdict).
_ENTER, _HIDDEN, _BOILERPLATE = 0, 1, 2
# Never containers themselves (<body> is: text may sit right in it).
_ROOT_TAGS = frozenset({"html", "-document"})


def block_value(chars: int, link_chars: int, ends_sentence: bool) -> float:
    """What one block says about the element holding it (positive: prose)."""
    own = chars - link_chars
    if chars >= thresholds.TEASER_MIN_CHARS and link_chars >= chars * thresholds.TEASER_LINK_SHARE:
        # A headline-length link is a teaser: its sapo below must not make a
        # box of teasers look like prose.
        return -thresholds.LINK_TEXT_PENALTY * chars - thresholds.TEASER_PENALTY
    if chars and link_chars / chars > thresholds.MAX_LINK_DENSITY:
        return -thresholds.LINK_TEXT_PENALTY * chars
    if own >= thresholds.PROSE_BLOCK_CHARS or (
        own >= thresholds.MIN_SCORED_PARAGRAPH_CHARS and ends_sentence
    ):
        return float(own) - link_chars
    return -thresholds.CHROME_TEXT_PENALTY * chars


@dataclass(frozen=True, slots=True)
class KnownContainers:
    """class, id and itemprop values that CMSs give the article-text element."""

    classes: frozenset[str]
    ids: frozenset[str]
    itemprops: frozenset[str]

    def matches(self, classes: str | None, ident: str | None, itemprop: str | None) -> bool:
        if classes and not self.classes.isdisjoint(classes.split()):
            return True
        return ident in self.ids or itemprop in self.itemprops


class DensityScorer:
    """One walk over the page body; `best()` is the BEST_NET_PROSE container.

    A block's value is booked on the innermost element walked into (its
    "own" tally) and summed up the tree once at the end: the same totals as
    charging every enclosing element, without a loop over the chain per block.
    """

    def __init__(
        self,
        skip: re.Pattern[str],
        protect: Callable[[int], int],
        known: KnownContainers | None = None,
        text_len: int | None = None,
    ) -> None:
        self._skip = skip
        # How much text makes a boilerplate-named element a wrapper, given
        # the walked root's text length (WRAPPER_NOT_BOILERPLATE); the length
        # is read when needed unless the caller knows it (`text_len`).
        # `protect` must never fall as the length grows: a size below
        # protect(text seen so far) is then below protect(whole length).
        self._protect = protect
        self._protect_chars = protect(text_len) if text_len is not None else None
        self._root: LexborNode | None = None
        # Elements that look like `known` containers: the walk reads every
        # attribute anyway, so a page-wide CSS query for them is not needed.
        self._known = known
        self._verdicts: dict[str, bool] = {}
        self._start()

    def _start(self) -> None:
        """The state of one walk (a wrong guess makes a second one)."""
        self.marked: list[LexborNode] = []
        # Text already accounted for (closed blocks, skipped elements): a
        # lower bound of the root's text length.
        self._seen = 0
        # Sizes of elements skipped before the root's text length was known.
        self._guesses: list[int] = []
        # Per element walked into, in the order entered (a parent before its
        # children): the node, its walked parent's index, its depth, and the
        # value and prose of the blocks directly in it.
        self._nodes: list[LexborNode] = []
        self._parents: list[int] = []
        self._depths: list[int] = []
        self._score: list[float] = []
        self._prose: list[int] = []
        self._blocks = 0

    def best(self, root: LexborNode) -> tuple[LexborNode, ...]:
        """The winning container, with its SIBLING_SECTIONS, in page order."""
        self._score_page(root)
        if self._guessed_wrong():
            self._start()
            self._score_page(root)
        score, prose, depths = self._totals()
        winner = max(range(len(score)), key=lambda i: (round(score[i], 3), depths[i]))
        if prose[winner] < thresholds.MIN_SCORED_PARAGRAPH_CHARS:
            return ()
        return self._with_siblings(winner, score, prose)

    def _score_page(self, root: LexborNode) -> None:
        self._root = root
        self._enter(root, -1, 0)
        self._walk(root)

    def _is_wrapper_size(self, size: int, pending: int) -> bool:
        """Whether a boilerplate-named element of `size` characters (and few
        links) is a wrapper.

        The root's text length decides, but reading it costs a whole-page
        text: the text walked so far bounds it from below, which settles most
        elements. Small ones it does not settle (near the top of the page)
        are guessed not to be wrappers, and _guessed_wrong() checks the
        guesses after the walk; for a large one the length is read.
        """
        if self._protect_chars is None:
            if size < self._protect(self._seen + pending + size):
                return False
            if size <= thresholds.WRAPPER_GUESS_MAX_CHARS:
                self._guesses.append(size)
                return False
            self._protect_chars = self._protect(self._text_len())
        return size >= self._protect_chars

    def _guessed_wrong(self) -> bool:
        """Whether a guess was wrong; the root's text length is then known
        and the page is walked again."""
        floor = self._protect(self._seen)
        unsettled = [size for size in self._guesses if size >= floor]
        if not unsettled:
            return False
        if self._protect_chars is None:
            self._protect_chars = self._protect(self._text_len())
        return max(unsettled) >= self._protect_chars

    def _text_len(self) -> int:
        root = self._root
        return len(root.text(deep=True, separator="")) if root is not None else 0

    def _totals(self) -> tuple[list[float], list[int], list[int]]:
        score, prose, parents = self._score, self._prose, self._parents
        for index in range(len(parents) - 1, 0, -1):  # children before their parents
            parent = parents[index]
            score[parent] += score[index]
            prose[parent] += prose[index]
        return score, prose, self._depths

    def _with_siblings(
        self, winner: int, score: list[float], prose: list[int]
    ) -> tuple[LexborNode, ...]:
        """Rule SIBLING_SECTIONS: a story cut into sibling blocks by an inline box
        (related links, an ad) continues in the siblings that are nearly pure
        prose; the box between them stays out."""
        index = {node.mem_id: i for i, node in enumerate(self._nodes)}
        best = score[winner]
        node = self._nodes[winner]
        # The siblings are those of the outermost element holding no prose
        # beyond the winner's (a section around a step list, with its heading).
        top = node
        while top.parent is not None and _get(prose, index, top.parent.mem_id) == prose[winner]:
            top = top.parent
        parent = top.parent
        if parent is None or parent.tag in _ROOT_TAGS or parent.tag == "body":
            return (node,)
        floor = thresholds.SIBLING_MIN_SHARE * best
        kept = []
        top_id = top.mem_id
        for child in parent.iter():
            key = child.mem_id
            value = _get(score, index, key) or 0.0
            if key == top_id or (
                value >= floor
                and value >= thresholds.SIBLING_PURITY * (_get(prose, index, key) or 0)
            ):
                kept.append(child)
        return tuple(kept) if len(kept) > 1 else (node,)

    def _walk(self, root: LexborNode) -> None:
        """Walk below `root` in page order, booking every block on its element.

        The hottest loop of the extractor: every node of the page passes
        here, so it is one loop with an explicit stack rather than a call per
        element, the block being read is kept in locals, and child/next links
        are followed (cheaper than node.iter()). A stack frame says where to
        resume when an element's children are done: its next sibling, the
        innermost walked block element there (`owner`), how many walked
        elements enclose it (`length`), whether it is inside a link, and the
        element's own index when it was walked into as a block (its pending
        text is booked on it).
        """
        stack: list[tuple[LexborNode | None, int, int, bool, int]] = []
        owner, length, in_link = 0, 1, False
        chars = link_chars = 0
        last_text = ""
        child = root.child
        while True:
            if child is None or self._blocks >= thresholds.MAX_WALK_BLOCKS:
                if not stack:
                    break
                child, owner, length, in_link, walked = stack.pop()
                if walked >= 0 and chars:
                    self._book(walked, chars, link_chars, last_text)
                    chars = link_chars = 0
                continue
            kind = child.tag_id
            if kind == dom.TEXT_ID:
                text = child.text_content
                if text and not text.isspace():
                    size = len(text.strip())
                    chars += size
                    if in_link:
                        link_chars += size
                    last_text = text
            elif kind >= dom.A_ID and kind not in SKIP_IDS:
                verdict = self._verdict(child, kind)
                if verdict == _BOILERPLATE:
                    penalty = self._boilerplate_penalty(child, chars)
                    if penalty is None:  # a wrapper of the article after all
                        verdict = _ENTER
                    else:
                        if chars:
                            self._book(owner, chars, link_chars, last_text)
                            chars = link_chars = 0
                        self._score[owner] -= penalty
                if verdict == _ENTER:
                    if kind in BLOCK_IDS:
                        if chars:
                            self._book(owner, chars, link_chars, last_text)
                            chars = link_chars = 0
                        walked = self._enter(child, owner, length)
                        stack.append((child.next, owner, length, in_link, walked))
                        owner, length = walked, length + 1
                        child = child.child if length <= dom.MAX_DEPTH else None
                    else:
                        stack.append((child.next, owner, length, in_link, -1))
                        in_link = in_link or kind == dom.A_ID
                        child = child.child
                    continue
            child = child.next
        if chars:
            self._book(0, chars, link_chars, last_text)

    def _verdict(self, element: LexborNode, kind: int) -> int:
        """_ENTER, _HIDDEN or _BOILERPLATE (by name or as the page frame)."""
        attrs = element.attributes
        if not attrs:  # about half the elements: nothing to ask then
            return _BOILERPLATE if kind in _FRAME_IDS else _ENTER
        get = attrs.get
        classes, ident = get("class"), get("id")
        if self._known is not None and self._known.matches(classes, ident, get("itemprop")):
            self.marked.append(element)
        if dom.hidden_attrs(attrs):
            return _HIDDEN
        if kind in _FRAME_IDS or ((classes or ident) and self._skips(classes, ident)):
            return _BOILERPLATE
        return _ENTER

    def _boilerplate_penalty(self, element: LexborNode, pending: int) -> float | None:
        """What a boilerplate-looking element costs the block holding it (its
        link text), or None when rule WRAPPER_NOT_BOILERPLATE walks it as a
        wrapper. `pending` is the text of the block being read."""
        # is_wrapper() inline: its link count is the penalty's, read once.
        size = len(element.text(deep=True, separator=""))
        links = dom.link_text_len(element, size) if size else 0
        if links <= size * thresholds.WRAPPER_LINK_DENSITY and self._is_wrapper_size(size, pending):
            return None
        self._seen += size
        return thresholds.LINK_TEXT_PENALTY * links

    def _skips(self, classes: str | None, ident: str | None) -> bool:
        """Whether the class or the id is a boilerplate name. The pattern's
        words never span the space between the two, so each is asked on its
        own: pages repeat a few class strings many times (ids far less), and
        each string is matched once."""
        return bool(classes and self._skips_name(classes)) or bool(
            ident and self._skips_name(ident)
        )

    def _skips_name(self, name: str) -> bool:
        verdict = self._verdicts.get(name)
        if verdict is None:
            verdict = self._verdicts[name] = bool(self._skip.search(name.lower()))
        return verdict

    def _enter(self, element: LexborNode, parent: int, depth: int) -> int:
        self._nodes.append(element)
        self._parents.append(parent)
        self._depths.append(depth)
        self._score.append(0.0)
        self._prose.append(0)
        return len(self._nodes) - 1

    def _book(self, owner: int, chars: int, link_chars: int, last_text: str) -> None:
        """End a block: book its value on the element holding it."""
        self._blocks += 1
        self._seen += chars
        value = block_value(chars, link_chars, ends_sentence(last_text))
        self._score[owner] += value
        if value > 0:
            self._prose[owner] += chars - link_chars


def ends_sentence(text: str) -> bool:
    """Whether the text ends with sentence punctuation (closing quotes allowed)."""
    text = text.rstrip()
    return bool(text) and text[-1] in _SENTENCE_END_CHARS


def _get(values: list, index: dict[int, int], key: int) -> object | None:  # type: ignore[type-arg]
    position = index.get(key)
    return values[position] if position is not None else None
