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

from selectolax.lexbor import LexborNode

from extract import dom, thresholds
from extract.blocks import BLOCK_TAGS, SKIP_TAGS

_SENTENCE_END_CHARS = frozenset(".!?:;…”\"')")
# Page header and footer: their prose (address, licence) is not the article's.
_FRAME_TAGS = frozenset({"header", "footer"})
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


class DensityScorer:
    """One walk over the page body; `best()` is the BEST_NET_PROSE container.

    A block's value is booked on the innermost element walked into (its
    "own" tally) and summed up the tree once at the end: the same totals as
    charging every enclosing element, without a loop over the chain per block.
    """

    def __init__(
        self,
        skip: re.Pattern[str],
        protect_chars: int,
        mark: Callable[[dict[str, str | None]], bool] | None = None,
    ) -> None:
        self._skip = skip
        self._protect_chars = protect_chars
        # Elements whose attributes `mark` accepts, in page order: the walk
        # reads every attribute anyway, so a page-wide CSS query for them
        # (known CMS containers) is not needed.
        self._mark = mark
        self.marked: list[LexborNode] = []
        self._verdicts: dict[str, bool] = {}
        # Per element walked into, in the order entered (a parent before its
        # children): the node, its walked parent's index, its depth, and the
        # value and prose of the blocks directly in it.
        self._nodes: list[LexborNode] = []
        self._parents: list[int] = []
        self._depths: list[int] = []
        self._score: list[float] = []
        self._prose: list[int] = []
        # The block being read.
        self._chars = 0
        self._link_chars = 0
        self._last_text = ""
        self._blocks = 0

    def best(self, root: LexborNode) -> tuple[LexborNode, ...]:
        """The winning container, with its SIBLING_SECTIONS, in page order."""
        self._enter(root, -1, 0)
        self._visit(root, 0, 1, False)
        self._close(0)
        score, prose, depths = self._totals()
        winner = max(range(len(score)), key=lambda i: (round(score[i], 3), depths[i]))
        if prose[winner] < thresholds.MIN_SCORED_PARAGRAPH_CHARS:
            return ()
        return self._with_siblings(winner, score, prose)

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

    def _visit(self, node: LexborNode, owner: int, length: int, in_link: bool) -> None:
        """Walk `node`'s children; `owner` is the innermost walked block element,
        `length` how many walked elements enclose it."""
        # The hottest loop of the extractor: every node of the page passes
        # here, so attribute reads and calls are kept inline and child/next
        # links are followed (cheaper than node.iter()).
        if length > dom.MAX_DEPTH:
            return
        child = node.child
        while child is not None:
            if self._blocks >= thresholds.MAX_WALK_BLOCKS:
                return
            tag = child.tag
            if tag == "-text":
                text = child.text_content
                if text and not text.isspace():
                    size = len(text.strip())
                    self._chars += size
                    if in_link:
                        self._link_chars += size
                    self._last_text = text
            elif tag and tag[0] != "-" and tag not in SKIP_TAGS:
                self._element(child, tag, owner, length, in_link)
            child = child.next

    def _element(self, child: LexborNode, tag: str, owner: int, length: int, in_link: bool) -> None:
        attrs = child.attributes
        signature = ""
        if attrs:  # about half the elements have none: nothing to ask then
            if self._mark is not None and self._mark(attrs):
                self.marked.append(child)
            signature, hidden = dom.traits_of(attrs)
            if hidden:
                return
        if tag in _FRAME_TAGS or (signature and self._skips(signature)):
            # is_wrapper() inline: its link count is the penalty's, read once.
            size = len(child.text(deep=True, separator=""))
            links = sum(len(a.text(deep=True, separator="")) for a in child.css("a")) if size else 0
            if size < self._protect_chars or links > size * thresholds.WRAPPER_LINK_DENSITY:
                if self._chars:
                    self._close(owner)
                self._score[owner] -= thresholds.LINK_TEXT_PENALTY * links
                return
        if tag in BLOCK_TAGS:
            if self._chars:
                self._close(owner)
            inner = self._enter(child, owner, length)
            self._visit(child, inner, length + 1, in_link)
            if self._chars:
                self._close(inner)
        else:
            self._visit(child, owner, length, in_link or tag == "a")

    def _skips(self, signature: str) -> bool:
        # Pages repeat a few class names many times: ask the pattern once each.
        verdict = self._verdicts.get(signature)
        if verdict is None:
            verdict = self._verdicts[signature] = bool(self._skip.search(signature))
        return verdict

    def _enter(self, element: LexborNode, parent: int, depth: int) -> int:
        self._nodes.append(element)
        self._parents.append(parent)
        self._depths.append(depth)
        self._score.append(0.0)
        self._prose.append(0)
        return len(self._nodes) - 1

    def _close(self, owner: int) -> None:
        """End the current block: book its value on the element holding it."""
        if not self._chars:
            return
        self._blocks += 1
        chars, link_chars = self._chars, self._link_chars
        value = block_value(chars, link_chars, ends_sentence(self._last_text))
        self._score[owner] += value
        if value > 0:
            self._prose[owner] += chars - link_chars
        self._chars = self._link_chars = 0
        self._last_text = ""


def ends_sentence(text: str) -> bool:
    """Whether the text ends with sentence punctuation (closing quotes allowed)."""
    text = text.rstrip()
    return bool(text) and text[-1] in _SENTENCE_END_CHARS


def _get(values: list, index: dict[int, int], key: int) -> object | None:  # type: ignore[type-arg]
    position = index.get(key)
    return values[position] if position is not None else None
