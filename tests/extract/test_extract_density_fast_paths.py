"""The density walk's fast paths (density.py, body.py, dom.py) give what the plain
computations give: each is compared with its plain definition on generated pages."""

from __future__ import annotations

import re
import sys
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom, thresholds
from extract.blocks import BLOCK_IDS, SKIP_IDS
from extract.body import (
    _KNOWN,
    _PADDED_BOILERPLATE,
    _SEPARATOR,
    BOILERPLATE,
    BOILERPLATE_WORDS,
    _best_of,
    _holds_most_of,
    _visible_around,
    content_chars,
    find_containers,
    separated_words,
    wrapper_chars,
)
from extract.density import _FRAME_IDS, DensityScorer
from extract.density import _innermost_best as innermost_best
from extract.text import visible_len

SENTENCE = "The council approved the plan for certified products, and growers will be paid."
# What the plain walk does with an element.
_ENTER, _HIDDEN, _BOILERPLATE = 0, 1, 2


class PlainScorer(DensityScorer):
    """The walk as its definition reads: a call per element, every node's
    text read, the verdict asked afresh of each element."""

    def _walk(self, root: LexborNode) -> None:
        self._chars = self._links = 0
        self._last = ""
        self._visit(root, 0, 1, False)
        if self._chars:
            self._book(0, self._chars, self._links, self._last)

    def _visit(self, element: LexborNode, owner: int, length: int, in_link: bool) -> None:
        child = element.child
        while child is not None and not self._full():
            kind = child.tag_id
            if kind == dom.TEXT_ID:
                text = child.text_content
                if text and not text.isspace():
                    self._chars += len(text.strip())
                    self._links += len(text.strip()) if in_link else 0
                    self._last = text
            elif kind >= dom.A_ID and kind not in SKIP_IDS:
                self._element(child, kind, owner, length, in_link)
            child = child.next

    def _element(
        self, child: LexborNode, kind: int, owner: int, length: int, in_link: bool
    ) -> None:
        verdict = self._plain_verdict(child, kind)
        if verdict == _BOILERPLATE:
            penalty = self._boilerplate_penalty(child, self._chars)
            if penalty is None:
                verdict = _ENTER
            else:
                self._end_block(owner)
                self._score[owner] -= penalty
        if verdict != _ENTER:
            return
        if kind not in BLOCK_IDS:
            self._visit(child, owner, length, in_link or kind == dom.A_ID)
            return
        self._end_block(owner)
        walked = self._enter(child, owner, length)
        if length + 1 <= dom.MAX_DEPTH:
            self._visit(child, walked, length + 1, in_link)
        self._end_block(walked)

    def _end_block(self, owner: int) -> None:
        if self._chars:
            self._book(owner, self._chars, self._links, self._last)
            self._chars = self._links = 0

    def _plain_verdict(self, element: LexborNode, kind: int) -> int:
        attrs = element.attributes
        classes, ident = attrs.get("class"), attrs.get("id")
        if _KNOWN.matches(classes, ident, attrs.get("itemprop")):
            self.marked.append(element)
        if dom.hidden_attrs(attrs):
            return _HIDDEN
        signature = f"{classes or ''} {ident or ''}".lower()
        if kind in _FRAME_IDS or BOILERPLATE.search(signature):
            return _BOILERPLATE
        return _ENTER


def plain_siblings(
    scorer: DensityScorer, winner: int, score: list[float], prose: list[int]
) -> tuple[LexborNode, ...]:
    """Rule SIBLING_SECTIONS with every walked element looked up by its id."""
    index = {node.mem_id: i for i, node in enumerate(scorer._nodes)}

    def get(values: list, key: int) -> object | None:  # type: ignore[type-arg]
        return values[index[key]] if key in index else None

    node = top = scorer._nodes[winner]
    while top.parent is not None and get(prose, top.parent.mem_id) == prose[winner]:
        top = top.parent
    parent = top.parent
    if parent is None or parent.tag in ("html", "-document", "body"):
        return (node,)
    floor = thresholds.SIBLING_MIN_SHARE * score[winner]
    kept = [
        child
        for child in parent.iter()
        if child.mem_id == top.mem_id
        or (
            (value := get(score, child.mem_id) or 0.0) >= floor
            and value >= thresholds.SIBLING_PURITY * (get(prose, child.mem_id) or 0)
        )
    ]
    return tuple(kept) if len(kept) > 1 else (node,)


_NAMES = ("plain", "story", "share-bar", "author-box", "detail-content", "ads", "x\xa0nav")
_ATTRS = ("", " hidden", ' style="display:none"', ' aria-hidden="true"', ' itemprop="articleBody"')
_TAGS = ("div", "section", "p", "span", "a", "b", "ul", "li", "header", "nav", "figure", "br")
_TAGS += ("img", "source", "math")  # leaves, and a <source> that is none in <math>
_TEXTS = (SENTENCE, "Home", "\n  ", "\xa0", " Read more ", "", "<!-- note -->")


@st.composite
def elements(draw: st.DrawFn, depth: int) -> str:
    """Nested elements of every kind the walk tells apart, with class, id,
    hiding and known-container attributes, and text both prose and space."""
    tag = draw(st.sampled_from(_TAGS))
    name = " ".join(draw(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=2)))
    ident = draw(st.sampled_from(("", ' id="maincontent"', ' id="related-box"', ' id="a1"')))
    attrs = f' class="{name}"{ident}{draw(st.sampled_from(_ATTRS))}' if draw(st.booleans()) else ""
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 0))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(_TEXTS)) * draw(st.integers(1, 3)))
        else:
            parts.append(draw(elements(depth + 1)))
    return f"<{tag}{attrs}>{''.join(parts)}</{tag}>"


pages = st.lists(elements(0), min_size=1, max_size=5).map(
    lambda parts: f"<html><body>{''.join(parts)}</body></html>"
)


def _scored(scorer: DensityScorer, tree: LexborHTMLParser) -> DensityScorer:
    assert tree.body is not None
    scorer._score_page(tree.body)
    return scorer


@settings(max_examples=300, deadline=None)
@given(pages)
def test_the_walk_books_what_a_plain_recursive_walk_books(html: str) -> None:
    tree = LexborHTMLParser(html)
    fast = _scored(DensityScorer(_PADDED_BOILERPLATE, wrapper_chars, known=_KNOWN), tree)
    plain = _scored(PlainScorer(BOILERPLATE, wrapper_chars, known=_KNOWN), tree)
    assert [n.mem_id for n in fast._nodes] == [n.mem_id for n in plain._nodes]
    assert (fast._parents, fast._depths) == (plain._parents, plain._depths)
    assert (fast._score, fast._prose, fast._seen) == (plain._score, plain._prose, plain._seen)
    assert [n.mem_id for n in fast.marked] == [n.mem_id for n in plain.marked]


@settings(max_examples=200, deadline=None)
@given(pages, st.integers(1, 8))
def test_a_full_walk_stops_where_a_plain_recursive_walk_stops(html: str, limit: int) -> None:
    # A page holds fewer blocks than MAX_WALK_BLOCKS: a low limit makes the
    # walk end early, in every state it can be in then.
    tree = LexborHTMLParser(html)
    with patch.object(thresholds, "MAX_WALK_BLOCKS", limit):
        fast = _scored(DensityScorer(_PADDED_BOILERPLATE, wrapper_chars, known=_KNOWN), tree)
        plain = _scored(PlainScorer(BOILERPLATE, wrapper_chars, known=_KNOWN), tree)
    assert [n.mem_id for n in fast._nodes] == [n.mem_id for n in plain._nodes]
    assert (fast._parents, fast._depths) == (plain._parents, plain._depths)
    assert (fast._score, fast._prose, fast._seen) == (plain._score, plain._prose, plain._seen)
    assert fast._blocks == plain._blocks


@settings(max_examples=200, deadline=None)
@given(pages)
def test_sibling_sections_are_found_as_by_looking_up_every_walked_element(html: str) -> None:
    scorer = _scored(
        DensityScorer(_PADDED_BOILERPLATE, wrapper_chars, known=_KNOWN), LexborHTMLParser(html)
    )
    score, prose, _ = scorer._totals()
    for winner in range(len(score)):  # every walked element, not just the best
        fast = scorer._with_siblings(winner, score, prose)
        plain = plain_siblings(scorer, winner, score, prose)
        assert [n.mem_id for n in fast] == [n.mem_id for n in plain]


def plain_innermost_best(score: list[float], depths: list[int]) -> int:
    return max(range(len(score)), key=lambda i: (round(score[i], 3), depths[i]))


_THOUSANDTHS = st.integers(-(10**6), 10**6).map(lambda n: n / 1000)
_NEAR = st.tuples(_THOUSANDTHS, st.sampled_from((0.0, 0.0004999, 0.0005, 0.0005001, -0.0005)))
scores = st.lists(
    st.one_of(
        _NEAR.map(sum),
        st.floats(-1e15, 1e15, allow_nan=False),
        st.sampled_from((1e13 + 0.0005, 1e13, 123.4565, 123.4575, 0.0)),
    ),
    min_size=1,
    max_size=30,
)


@given(scores, st.data())
def test_the_winner_is_the_innermost_best_rounded_score(
    score: list[float], data: st.DataObject
) -> None:
    depths = data.draw(st.lists(st.integers(0, 4), min_size=len(score), max_size=len(score)))
    assert innermost_best(score, depths) == plain_innermost_best(score, depths)


def _elements(tree: LexborHTMLParser) -> list[LexborNode]:
    """The elements of the page: what the text measures are asked of (a
    comment's text content is its data, not text of the page)."""
    assert tree.body is not None
    return [node for node in tree.body.traverse() if node.tag_id >= dom.A_ID]


_ODD = (
    "<!-- c -->",
    "<svg><![CDATA[cdata]]><text>t</text></svg>",
    "<template>tpl<b>x</b></template>",
    "<math><mi>1</mi></math>",
    "&amp; \xa0 \u3000",
    "\x00",
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*_ODD, SENTENCE, "<a href=/x>link <i>text</i></a>", "\n "])))
def test_an_elements_text_length_is_that_of_its_text(parts: list[str]) -> None:
    tree = LexborHTMLParser(f"<html><body><div>{''.join(parts)}</div></body></html>")
    assert tree.body is not None
    for node in _elements(tree):
        assert dom.text_len(node) == len(node.text(deep=True, separator=""))


def plain_content_chars(node: LexborNode) -> int:
    total = visible_len(node.text(deep=True, separator=" "))
    links = sum(visible_len(a.text(deep=True, separator=" ")) for a in node.css("a"))
    return max(total - links, 0)


@settings(max_examples=200, deadline=None)
@given(pages)
def test_content_chars_counts_as_its_definition(html: str) -> None:
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    for node in _elements(tree):
        assert content_chars(node) == plain_content_chars(node)


_FLAT_BOILERPLATE = re.compile(rf"(?:^|[\s_-])(?:{'|'.join(BOILERPLATE_WORDS)})(?:$|[\s_-])")
_PARTS = st.sampled_from(
    [
        *(w.replace("-?", "-").replace("\\w*", "x").replace("?", "") for w in BOILERPLATE_WORDS),
        *("q", "and", "a", "tin", "lien", "quan", "read", "more", "x", "7", "é", "Ads", "box"),
    ]
)
_GLUE = st.sampled_from(
    ["", " ", "-", "_", "\t", "\n", "\xa0", ".", "__", "\x1c", "\u2003", "\u3000", "\u200b"]
)
_NAMES_DRAWN = st.lists(st.tuples(_PARTS, _GLUE), max_size=5).map(
    lambda parts: "".join(part + glue for part, glue in parts)
)


@given(_NAMES_DRAWN)
def test_the_grouped_boilerplate_pattern_finds_what_the_flat_alternation_finds(
    name: str,
) -> None:
    lowered = name.lower()
    assert bool(BOILERPLATE.search(lowered)) == bool(_FLAT_BOILERPLATE.search(lowered))


@given(_NAMES_DRAWN)
def test_the_padded_boilerplate_pattern_finds_in_a_padded_name_what_the_flat_one_finds(
    name: str,
) -> None:
    lowered = name.lower()
    found = _PADDED_BOILERPLATE.search(f" {lowered} ")
    assert bool(found) == bool(_FLAT_BOILERPLATE.search(lowered))


def test_the_spelled_out_separators_are_the_characters_the_class_escape_matches() -> None:
    spelled, plain = re.compile(_SEPARATOR), re.compile(r"[\s_-]")
    differ = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if (spelled.fullmatch(chr(code)) is None) != (plain.fullmatch(chr(code)) is None)
    ]
    assert differ == []


def test_every_boilerplate_word_starts_with_a_letter_and_compiles() -> None:
    # separated_words() groups the words by their first character.
    for word in BOILERPLATE_WORDS:
        assert word[:1].isalpha() and re.compile(word)
    assert separated_words(("ab", "ac", "b")).search("x-ac") is not None


def plain_find_containers(tree: LexborHTMLParser) -> tuple[LexborNode, ...]:
    """Rule DENSITY_THEN_KNOWN with every known container the walk saw measured."""
    scorer = DensityScorer(_PADDED_BOILERPLATE, wrapper_chars, known=_KNOWN)
    assert tree.body is not None
    scored = scorer.best(tree.body)
    if not scored:
        return find_containers(tree)  # the whole page is asked: not a fast path
    known = _best_of(scorer.marked)
    if known is None or len(scored) != 1 or not dom.is_inside(known[1], scored[0]):
        return scored
    chars, node = known
    same = node.mem_id == scored[0].mem_id
    if same or chars >= thresholds.KNOWN_CONTAINER_SHARE * content_chars(scored[0]):
        return (node,)
    return scored


_KNOWN_MARKS = ("", ' class="detail-content"', ' itemprop="articleBody"', ' id="maincontent"')


@st.composite
def stories(draw: st.DrawFn) -> str:
    """A story with its paragraphs, where a known container may be the story
    itself, an element around it, one inside it (holding some of its
    paragraphs or all), one beside it, or several of these."""
    mark = st.sampled_from(_KNOWN_MARKS)
    paragraphs = st.integers(0, 6).map(lambda n: f"<p>{SENTENCE * 2}</p>" * n)
    inner = f"<div{draw(mark)}>{draw(paragraphs)}</div>"
    story = f"<h1>Title</h1>{draw(paragraphs)}{inner}{draw(paragraphs)}"
    if draw(st.booleans()):  # wrapped once more: known containers nest
        story = f"<div{draw(mark)}>{story}</div><p>{SENTENCE}</p>"
    beside = f"<div{draw(mark)}>{draw(paragraphs)}<a href=/x>{SENTENCE}</a></div>"
    teasers = f"<ul><li><a href=/t>{SENTENCE}</a></li></ul>" * draw(st.integers(0, 3))
    parts = [f"<article{draw(mark)}>{story}</article>", beside, teasers]
    order = draw(st.permutations(parts))
    return f"<html><body><div{draw(mark)}>{''.join(order)}</div></body></html>"


@settings(max_examples=300, deadline=None)
@given(st.one_of(stories(), pages))
def test_the_containers_are_those_found_by_measuring_every_known_container(html: str) -> None:
    tree = LexborHTMLParser(html)
    fast = find_containers(tree)
    plain = plain_find_containers(tree)
    assert [n.mem_id for n in fast] == [n.mem_id for n in plain]


def _nested_pairs(tree: LexborHTMLParser) -> list[tuple[LexborNode, LexborNode]]:
    """Every element with every element strictly inside it."""
    elements = _elements(tree)
    return [
        (inner, outer)
        for outer in elements
        for inner in elements
        if inner.mem_id != outer.mem_id and dom.is_inside(inner, outer)
    ]


@settings(max_examples=200, deadline=None)
@given(st.one_of(stories(), pages))
def test_the_text_around_an_inner_element_adds_up_to_the_outer_ones(html: str) -> None:
    for inner, outer in _nested_pairs(LexborHTMLParser(html)):
        around = _visible_around(inner, outer)
        assert visible_len(inner.text_lexbor()) + around == visible_len(outer.text_lexbor())


@settings(max_examples=200, deadline=None)
@given(st.one_of(stories(), pages), st.floats(0.0, 1.2))
def test_a_known_container_holds_the_winner_as_measured_afresh(html: str, part: float) -> None:
    # Any count of the known container's prose, from none to more than the
    # winner's: the share is decided at every side of the threshold.
    for inner, outer in _nested_pairs(LexborHTMLParser(html)):
        chars = round(part * content_chars(outer))
        text = visible_len(inner.text_lexbor())
        fast = _holds_most_of((chars, inner), (outer,), text)
        assert fast == (chars >= thresholds.KNOWN_CONTAINER_SHARE * content_chars(outer))
