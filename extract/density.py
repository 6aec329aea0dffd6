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
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from extract import dom, thresholds
from extract.blocks import BLOCK_TAGS, SKIP_TAGS, is_wrapper

_SENTENCE_END = re.compile(r"[.!?:;…”\"')]\s*$")
# Page header and footer: their prose (address, licence) is not the article's.
_FRAME_TAGS = frozenset({"header", "footer"})
# Never containers themselves (<body> is: text may sit right in it).
_ROOT_TAGS = frozenset({"html", "-document"})


@dataclass(slots=True)
class _Run:
    """Characters gathered for one block while walking."""

    chars: int = 0
    link_chars: int = 0
    last_text: str = ""  # whether it ends a sentence is asked once, at the end


@dataclass(slots=True)
class _Tally:
    score: dict[int, float] = field(default_factory=dict)
    prose: dict[int, int] = field(default_factory=dict)
    nodes: dict[int, LexborNode] = field(default_factory=dict)
    depth: dict[int, int] = field(default_factory=dict)


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
    """One walk over the page body; `best()` is the BEST_NET_PROSE container."""

    def __init__(self, skip: re.Pattern[str], protect_chars: int) -> None:
        self._skip = skip
        self._protect_chars = protect_chars
        self._tally = _Tally()
        self._blocks = 0
        self._verdicts: dict[str, bool] = {}

    def best(self, root: LexborNode) -> tuple[LexborNode, ...]:
        """The winning container, with its SIBLING_SECTIONS, in page order."""
        run = _Run()
        chain = [self._enter(root, 0)]
        self._visit(root, chain, run, False)
        self._close(run, chain)
        tally = self._tally
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
        # The siblings are those of the outermost element holding no prose
        # beyond the winner's (a section around a step list, with its heading).
        prose = tally.prose[winner.mem_id]
        top = winner
        while top.parent is not None and tally.prose.get(top.parent.mem_id) == prose:
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

    def _visit(self, node: LexborNode, chain: list[int], run: _Run, in_link: bool) -> None:
        # The hottest loop of the extractor: every node of the page passes here.
        if len(chain) > dom.MAX_DEPTH:
            return
        for child in node.iter(include_text=True):
            if self._blocks >= thresholds.MAX_WALK_BLOCKS:
                return
            tag = child.tag
            if tag == "-text":
                text = child.text_content
                if text and not text.isspace():
                    size = len(text.strip())
                    run.chars += size
                    if in_link:
                        run.link_chars += size
                    run.last_text = text
                continue
            if not tag or tag[0] == "-" or tag in SKIP_TAGS:
                continue
            signature, hidden = dom.traits(child)
            if hidden:
                continue
            if (tag in _FRAME_TAGS or (signature and self._skips(signature))) and not is_wrapper(
                child, self._protect_chars
            ):
                self._close(run, chain)
                links = sum(len(a.text(deep=True, separator="")) for a in child.css("a"))
                self._charge(chain, -thresholds.LINK_TEXT_PENALTY * links, 0)
                continue
            if tag in BLOCK_TAGS:
                self._close(run, chain)
                chain.append(self._enter(child, len(chain)))
                self._visit(child, chain, run, in_link)
                self._close(run, chain)
                chain.pop()
            else:
                self._visit(child, chain, run, in_link or tag == "a")

    def _skips(self, signature: str) -> bool:
        # Pages repeat a few class names many times: ask the pattern once each.
        verdict = self._verdicts.get(signature)
        if verdict is None:
            verdict = self._verdicts[signature] = bool(self._skip.search(signature))
        return verdict

    def _enter(self, element: LexborNode, depth: int) -> int:
        tally = self._tally
        key = element.mem_id
        if key not in tally.nodes:
            tally.nodes[key] = element
            tally.depth[key] = depth
            tally.score[key] = 0.0
            tally.prose[key] = 0
        return key

    def _close(self, run: _Run, chain: list[int]) -> None:
        """End the current block: its value goes to every element above it."""
        if not run.chars:
            return
        self._blocks += 1
        ends_sentence = bool(_SENTENCE_END.search(run.last_text))
        value = block_value(run.chars, run.link_chars, ends_sentence)
        prose = run.chars - run.link_chars if value > 0 else 0
        run.chars = run.link_chars = 0
        run.last_text = ""
        self._charge(chain, value, prose)

    def _charge(self, chain: list[int], value: float, prose: int) -> None:
        score, prose_of = self._tally.score, self._tally.prose
        for key in chain:
            score[key] += value
            prose_of[key] += prose
