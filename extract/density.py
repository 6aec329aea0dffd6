"""Find the article container by text density: the subtree with the most prose net of chrome.

Named rule BEST_NET_PROSE: every block of text on the page (a paragraph-like
unit, see blocks.py) gets a value: prose counts for its characters outside
links, link lists and short chrome lines count against. Each element scores
the sum of the values below it, and the best-scoring element is the
container. Because sibling sections add up in their common parent, a how-to
split into steps, a story split into slides or a body interrupted by a
figure is found whole; because link lists and chrome count against, the
winner stops below the page frame. Among equal scores the innermost wins.

Boilerplate-named regions (comments, related, share...) are not walked:
their link text counts against, their prose counts for nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from extract import dom, thresholds
from extract.blocks import BLOCK_TAGS, SKIP_TAGS, is_wrapper

# <br> does not end a block here: a list typed with line breaks (an ad's
# specification, a poem) is one unit of prose, not many chrome lines.

_SENTENCE_END = re.compile(r"[.!?:;…”\"')]\s*$")
# Never containers themselves (<body> is: text may sit right in it).
_ROOT_TAGS = frozenset({"html", "-document"})


@dataclass(slots=True)
class _Run:
    """Characters gathered for one block while walking."""

    chars: int = 0
    link_chars: int = 0
    ends_sentence: bool = False


@dataclass(slots=True)
class _Tally:
    score: dict[int, float] = field(default_factory=dict)
    prose: dict[int, int] = field(default_factory=dict)
    nodes: dict[int, LexborNode] = field(default_factory=dict)
    depth: dict[int, int] = field(default_factory=dict)


def block_value(chars: int, link_chars: int, ends_sentence: bool) -> float:
    """What one block says about the element holding it (positive: prose)."""
    own = chars - link_chars
    if chars and link_chars / chars > thresholds.MAX_LINK_DENSITY:
        return -thresholds.LINK_TEXT_PENALTY * chars
    if own >= thresholds.PROSE_BLOCK_CHARS or (
        own >= thresholds.MIN_SCORED_PARAGRAPH_CHARS and ends_sentence
    ):
        return float(own) - link_chars
    return -thresholds.CHROME_TEXT_PENALTY * chars


class DensityScorer:
    """One walk over the page body; `best()` is the BEST_NET_PROSE container."""

    def __init__(self, skip: re.Pattern[str], protect_chars: int) -> None:
        self._skip = skip
        self._protect_chars = protect_chars
        self._tally = _Tally()
        self._blocks = 0

    def best(self, root: LexborNode) -> tuple[LexborNode, ...]:
        """The winning container, with its SIBLING_SECTIONS, in page order."""
        run = _Run()
        self._visit(root, [root], run, False)
        self._close(run, [root])
        tally = self._tally
        if not tally.score:
            return ()
        winner = max(tally.score, key=lambda k: (round(tally.score[k], 3), tally.depth[k]))
        if tally.prose.get(winner, 0) < thresholds.MIN_SCORED_PARAGRAPH_CHARS:
            return ()
        return self._with_siblings(tally.nodes[winner])

    def _with_siblings(self, winner: LexborNode) -> tuple[LexborNode, ...]:
        """Rule SIBLING_SECTIONS: a story cut into sibling blocks by an inline box
        (related links, an ad) continues in the siblings that are nearly pure
        prose; the box between them stays out."""
        tally = self._tally
        best = tally.score[winner.mem_id]
        # The siblings are those of the outermost element holding just the winner.
        top = winner
        while top.parent is not None and tally.score.get(top.parent.mem_id) == best:
            top = top.parent
        parent = top.parent
        if parent is None or parent.tag in _ROOT_TAGS or parent.tag == "body":
            return (winner,)
        floor = thresholds.SIBLING_MIN_SHARE * best
        kept = []
        for child in parent.iter():
            key = child.mem_id
            score = tally.score.get(key, 0.0)
            if key == top.mem_id or (
                score >= floor and score >= thresholds.SIBLING_PURITY * tally.prose[key]
            ):
                kept.append(child)
        return tuple(kept) if len(kept) > 1 else (winner,)

    def _visit(self, node: LexborNode, chain: list[LexborNode], run: _Run, in_link: bool) -> None:
        if len(chain) > dom.MAX_DEPTH:
            return
        for child in node.iter(include_text=True):
            if self._blocks >= thresholds.MAX_WALK_BLOCKS:
                return
            tag = child.tag
            if tag == "-text":
                text = child.text_content
                size = len(text.strip()) if text else 0
                if size:
                    run.chars += size
                    if in_link:
                        run.link_chars += size
                    run.ends_sentence = bool(_SENTENCE_END.search(text))
                continue
            if not tag or tag[0] == "-" or tag in SKIP_TAGS:
                continue
            signature, hidden = dom.traits(child)
            if hidden:
                continue
            if (
                signature
                and self._skip.search(signature)
                and not is_wrapper(child, self._protect_chars)
            ):
                self._close(run, chain)
                links = sum(len(a.text(deep=True, separator="")) for a in child.css("a"))
                self._charge(chain, -thresholds.LINK_TEXT_PENALTY * links, 0)
                continue
            if tag in BLOCK_TAGS:
                self._close(run, chain)
                chain.append(child)
                self._visit(child, chain, run, in_link)
                self._close(run, chain)
                chain.pop()
            else:
                self._visit(child, chain, run, in_link or tag == "a")

    def _close(self, run: _Run, chain: list[LexborNode]) -> None:
        """End the current block: its value goes to every element above it."""
        if not run.chars:
            return
        self._blocks += 1
        value = block_value(run.chars, run.link_chars, run.ends_sentence)
        prose = run.chars - run.link_chars if value > 0 else 0
        run.chars = run.link_chars = 0
        run.ends_sentence = False
        self._charge(chain, value, prose)

    def _charge(self, chain: list[LexborNode], value: float, prose: int) -> None:
        tally = self._tally
        for depth, element in enumerate(chain):
            if element.tag in _ROOT_TAGS:
                continue
            key = element.mem_id
            if key not in tally.score:
                tally.score[key] = 0.0
                tally.prose[key] = 0
                tally.nodes[key] = element
                tally.depth[key] = depth
            tally.score[key] += value
            tally.prose[key] += prose
