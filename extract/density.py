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
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from extract import dom, thresholds
from extract.blocks import BLOCK_IDS, SKIP_IDS

_SENTENCE_END_CHARS = frozenset(".!?:;…”\"')")
# Page header and footer: their prose (address, licence) is not the article's.
_FRAME_IDS = dom.tag_ids(("header", "footer"))
# What a class string or an id says (DensityScorer._class_name_flags), as bits.
_KNOWN_NAME, _SKIP_NAME = 1, 2
# Never containers themselves (<body> is: text may sit right in it).
_ROOT_TAGS = frozenset({"html", "-document"})
# The attributes asked of an element after its names; few elements have
# any: itemprop (a known container) and those that can hide it (dom.hidden_attrs).
_RARE_ATTRS = dom.HIDING_ATTRS | {"itemprop"}


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
        # `skip` is searched for in a lower-cased class string or id with a
        # space added at each end: a pattern of names between separators
        # finds the same names in it, and a faster one can be given
        # (body.padded_separated_words).
        self._skip = skip
        # How much text makes a boilerplate-named element a wrapper, given
        # the walked root's text length (WRAPPER_NOT_BOILERPLATE); the length
        # is read when needed unless the caller knows it (`text_len`).
        # `protect` must never fall as the length grows: a size below
        # protect(text seen so far) is then below protect(whole length).
        self._protect = protect
        self._protect_chars = protect(text_len) if text_len is not None else None
        self._root_text = dom.ElementText(None)
        # Elements that look like `known` containers: the walk reads every
        # attribute anyway, so a page-wide CSS query for them is not needed.
        self._itemprops = known.itemprops if known is not None else frozenset()
        self._known_classes = known.classes if known is not None else frozenset()
        self._known_ids = known.ids if known is not None else frozenset()
        # The flags of each class string and id met (None: no such attribute).
        self._class_flags: dict[str | None, int] = {None: 0}
        self._id_flags: dict[str | None, int] = {None: 0}
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

    def best(
        self, root: LexborNode, root_text: dom.ElementText | None = None
    ) -> tuple[LexborNode, ...]:
        """The winning container, with its SIBLING_SECTIONS, in page order.
        `root_text` is the root's text when a later stage may want it too:
        read through it, the root's text is read once for both."""
        self._root_text = root_text if root_text is not None else dom.ElementText(root)
        self._score_page(root)
        if self._guessed_wrong():
            self._start()
            self._score_page(root)
        score, prose, depths = self._totals()
        winner = _innermost_best(score, depths)
        if prose[winner] < thresholds.MIN_SCORED_PARAGRAPH_CHARS:
            return ()
        return self._with_siblings(winner, score, prose)

    def _score_page(self, root: LexborNode) -> None:
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
        return len(self._root_text.read())

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
        nodes, parents = self._nodes, self._parents
        best = score[winner]
        node = self._nodes[winner]
        # The siblings are those of the outermost element holding no prose
        # beyond the winner's (a section around a step list, with its heading).
        # An element's parent was walked into iff it is the innermost walked
        # element around it (blocks are the only elements walked into).
        top, at = node, winner
        while (parent := top.parent) is not None:
            above = parents[at]
            if above < 0 or prose[above] != prose[winner] or nodes[above].mem_id != parent.mem_id:
                break
            top, at = parent, above
        parent = top.parent
        if parent is None or parent.tag in _ROOT_TAGS or parent.tag == "body":
            return (node,)
        # Every walked child of `parent` has the walked parent `top` has.
        around = parents[at]
        index = {nodes[i].mem_id: i for i, up in enumerate(parents) if up == around}
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
        element, and the block being read and the lists written are kept in
        locals. Children come from node.iter(include_text=True,
        skip_empty=True): it leaves out in C the text nodes of ASCII spaces
        alone, most text nodes of a page, which would count for nothing here
        (a text of other spaces is still read, and counts for nothing too).
        A stack frame says where to resume when an element's children are
        done: the iterator over its next siblings, the innermost walked block
        element there (`owner`), how many walked elements enclose it
        (`length`), whether it is inside a link, and the element's own index
        when it was walked into as a block (its pending text is booked on it).
        """
        stack: list[tuple[Iterator[LexborNode], int, int, bool, int]] = []
        # Methods are called on their objects (stack.append(x), attrs.get(k)):
        # CPython specializes such a call, and calling a bound method kept in
        # a local was the slower way.
        nodes, parents, depths = self._nodes, self._parents, self._depths
        score, prose, marked = self._score, self._prose, self.marked
        book = self._book
        class_flags, id_flags = self._class_flags, self._id_flags
        itemprops, rare_attrs = self._itemprops, _RARE_ATTRS
        text_id, a_id, max_depth = dom.TEXT_ID, dom.A_ID, dom.MAX_DEPTH
        owner, length, in_link, full = 0, 1, False, self._full()
        chars = link_chars = 0
        last_text = ""
        children = root.iter(True, True)
        while True:
            # A for loop reads the children: cheaper than next() per child.
            # It is left when an element is walked into (`children` is then
            # the element's) or when the walk is full; `done` when it ran out.
            done = True
            if not full:
                for child in children:
                    kind = child.tag_id
                    if kind == text_id:
                        text = child.text_content
                        # A text of spaces (not ASCII ones alone: those are
                        # left out already) strips to nothing. Kept stripped:
                        # ends_sentence() then strips nothing.
                        if text and (text := text.strip()):
                            last_text = text
                            size = len(text)
                            chars += size
                            if in_link:
                                link_chars += size
                        continue
                    if kind < a_id or kind in SKIP_IDS:
                        continue
                    attrs = child.attributes
                    if attrs:
                        # The verdict of an element with attributes. Pages
                        # repeat a few class strings many times (ids far
                        # less): what each says is worked out once per page;
                        # the pattern's words never span the space between
                        # the two, so each is judged on its own. Few elements
                        # carry an itemprop or an attribute that can hide them:
                        # those are asked of them alone. (Inline here: a call
                        # per element cost more than the rest of the verdict.)
                        classes = attrs.get("class")
                        flags = class_flags.get(classes)
                        if flags is None:
                            flags = class_flags[classes] = self._class_name_flags(classes)
                        ident = attrs.get("id")
                        if ident is not None:
                            named = id_flags.get(ident)
                            if named is None:
                                named = id_flags[ident] = self._id_name_flags(ident)
                            flags |= named
                        if flags & _KNOWN_NAME:
                            marked.append(child)
                        if not rare_attrs.isdisjoint(attrs):
                            if not flags & _KNOWN_NAME and attrs.get("itemprop") in itemprops:
                                marked.append(child)
                            if dom.hidden_attrs(attrs):
                                continue
                        boilerplate = flags & _SKIP_NAME or kind in _FRAME_IDS
                    else:  # about half the elements: nothing to ask then
                        boilerplate = kind in _FRAME_IDS
                    if boilerplate:
                        penalty = self._boilerplate_penalty(child, chars)
                        if penalty is not None:
                            if chars:
                                full = book(owner, chars, link_chars, last_text)
                                chars = link_chars = 0
                            score[owner] -= penalty
                            if full:
                                break
                            continue
                    # Walked into, or a boilerplate name wrapping the article after all.
                    if kind in BLOCK_IDS:
                        if chars:
                            full = book(owner, chars, link_chars, last_text)
                            chars = link_chars = 0
                        walked = len(score)
                        nodes.append(child)
                        parents.append(owner)
                        depths.append(length)
                        score.append(0.0)
                        prose.append(0)
                        stack.append((children, owner, length, in_link, walked))
                        owner, length = walked, length + 1
                        children = child.iter(True, True) if length <= max_depth else iter(())
                    else:
                        # An inline element holding nothing, or one text
                        # alone (most links and spans), is read here: a
                        # walk into it costs an iterator and a stack frame,
                        # and gives the same (its text joins the open block).
                        first = child.first_child
                        if first is None:
                            continue
                        if first.tag_id == text_id and first.next is None:
                            text = first.text_content
                            if text and (text := text.strip()):
                                last_text = text
                                size = len(text)
                                chars += size
                                if in_link or kind == a_id:
                                    link_chars += size
                            continue
                        stack.append((children, owner, length, in_link, -1))
                        in_link = in_link or kind == a_id
                        children = child.iter(True, True)
                    done = False
                    break
            if not done:
                continue
            if not stack:
                break
            children, owner, length, in_link, walked = stack.pop()
            if walked >= 0 and chars:
                full = book(walked, chars, link_chars, last_text)
                chars = link_chars = 0
        if chars:
            book(0, chars, link_chars, last_text)

    def _class_name_flags(self, classes: str) -> int:
        """_KNOWN_NAME and _SKIP_NAME of a class string: KnownContainers.matches()
        inline, as one set test (the call costs as much as the test)."""
        flags = _SKIP_NAME if self._skip.search(f" {classes.lower()} ") else 0
        if not self._known_classes.isdisjoint(classes.split()):
            flags |= _KNOWN_NAME
        return flags

    def _id_name_flags(self, ident: str) -> int:
        """_KNOWN_NAME and _SKIP_NAME of an id."""
        flags = _SKIP_NAME if self._skip.search(f" {ident.lower()} ") else 0
        if ident in self._known_ids:
            flags |= _KNOWN_NAME
        return flags

    def _boilerplate_penalty(self, element: LexborNode, pending: int) -> float | None:
        """What a boilerplate-looking element costs the block holding it (its
        link text), or None when rule WRAPPER_NOT_BOILERPLATE walks it as a
        wrapper. `pending` is the text of the block being read."""
        # is_wrapper() inline: its link count is the penalty's, read once.
        size = dom.text_len(element)
        links = dom.link_text_len(element, size) if size else 0
        if links <= size * thresholds.WRAPPER_LINK_DENSITY and self._is_wrapper_size(size, pending):
            return None
        self._seen += size
        return thresholds.LINK_TEXT_PENALTY * links

    def _enter(self, element: LexborNode, parent: int, depth: int) -> int:
        self._nodes.append(element)
        self._parents.append(parent)
        self._depths.append(depth)
        self._score.append(0.0)
        self._prose.append(0)
        return len(self._nodes) - 1

    def _book(self, owner: int, chars: int, link_chars: int, last_text: str) -> bool:
        """End a block: book its value on the element holding it. True when
        the walk has read as many blocks as it may."""
        self._blocks += 1
        self._seen += chars
        value = block_value(chars, link_chars, ends_sentence(last_text))
        self._score[owner] += value
        if value > 0:
            self._prose[owner] += chars - link_chars
        return self._blocks >= thresholds.MAX_WALK_BLOCKS  # _full(), without a call per block

    def _full(self) -> bool:
        return self._blocks >= thresholds.MAX_WALK_BLOCKS


def ends_sentence(text: str) -> bool:
    """Whether the text ends with sentence punctuation (closing quotes allowed)."""
    text = text.rstrip()
    return bool(text) and text[-1] in _SENTENCE_END_CHARS


def _innermost_best(score: list[float], depths: list[int]) -> int:
    """The index of the best score to three decimals, the deepest among equals
    (the first in page order among those): the walked element that wins.

    round() costs as much as a float to text conversion, so it is asked of
    few scores: rounding never reorders them, so the best rounded score is
    the best score rounded, and a score that rounds to it lies within half a
    thousandth of it (more where floats are sparser than thousandths: the
    relative term covers that).
    """
    best = round(max(score), 3)
    near = best - 0.001 - abs(best) * 1e-9
    tied = [i for i, value in enumerate(score) if value >= near and round(value, 3) == best]
    return max(tied, key=depths.__getitem__)


def _get(values: list, index: dict[int, int], key: int) -> object | None:  # type: ignore[type-arg]
    position = index.get(key)
    return values[position] if position is not None else None
