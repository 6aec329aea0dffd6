"""The density walk's wrapper rule (WRAPPER_NOT_BOILERPLATE) when the page's text
length is not read up front: guesses near the top of the page, checked after the walk."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom, thresholds
from extract.blocks import (
    _CAPTION_SIGNATURE,
    BLOCK_IDS,
    BLOCK_TAGS,
    SKIP_IDS,
    SKIP_TAGS,
    BlockWalker,
)
from extract.body import _KNOWN, _PADDED_BOILERPLATE, BOILERPLATE, wrapper_chars
from extract.density import _SKIP_NAME, DensityScorer

SENTENCE = (
    "The provincial council approved the support plan after a long debate, and the "
    "growers of certified products will be paid for new packaging next year."
)
LINKS = "".join(f'<li><a href="/s{i}">Section page number {i}</a></li>' for i in range(30))


def best_of(html: str) -> tuple[LexborNode, ...]:
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    return DensityScorer(BOILERPLATE, wrapper_chars, known=_KNOWN).best(tree.body)


def positions(html: str, *, exact: bool) -> list[int]:
    """Where the winners stand in page order; `exact` walks with the page's
    text length known from the start (no guesses)."""
    tree = LexborHTMLParser(html)
    assert tree.body is not None
    text_len = len(tree.body.text(deep=True, separator="")) if exact else None
    found = DensityScorer(BOILERPLATE, wrapper_chars, known=_KNOWN, text_len=text_len).best(
        tree.body
    )
    order = {node.mem_id: i for i, node in enumerate(tree.body.traverse())}
    return [order[node.mem_id] for node in found]


def texts(nodes: tuple[LexborNode, ...]) -> str:
    return " ".join(node.text(deep=True, separator=" ") for node in nodes)


def test_a_small_wrapper_at_the_top_guessed_boilerplate_is_walked_after_the_check() -> None:
    story = "".join(f"<p>Part {i}. {SENTENCE}</p>" for i in range(3))
    assert len(story) < thresholds.WRAPPER_GUESS_MAX_CHARS
    html = (
        f'<html><body><div class="story share-enabled">{story}</div>'
        f'<div class="links"><ul>{LINKS}</ul></div></body></html>'
    )
    found = texts(best_of(html))
    assert "Part 0." in found and "Part 2." in found
    assert "Section page" not in found


def test_a_large_wrapper_at_the_top_is_walked() -> None:
    story = "".join(f"<p>Part {i}. {SENTENCE}</p>" for i in range(12))
    assert len(story) > thresholds.WRAPPER_GUESS_MAX_CHARS
    html = (
        f'<html><body><div class="article-body share-tools">{story}</div>'
        f'<div class="links"><ul>{LINKS}</ul></div></body></html>'
    )
    found = texts(best_of(html))
    assert "Part 0." in found and "Part 11." in found


def test_a_small_boilerplate_box_at_the_top_stays_out_of_a_long_story() -> None:
    box = f'<div class="author-box"><p>About the author. {SENTENCE}</p></div>'
    story = "".join(f"<p>Part {i}. {SENTENCE}</p>" for i in range(20))
    html = (
        f'<html><body><div class="column">{box}<div class="story">{story}</div></div></body></html>'
    )
    found = texts(best_of(html))
    assert "Part 19." in found
    assert "About the author" not in found


_BOX_NAMES = ("share", "author-box", "related", "sidebar", "meta", "promo")


@st.composite
def boxes(draw: st.DrawFn, index: int, depth: int) -> str:
    """A box of prose and links, perhaps boilerplate-named, hidden, page frame,
    nav or aside, perhaps holding smaller boxes."""
    name = draw(st.sampled_from(("plain", *_BOX_NAMES)))
    prose = "".join(
        f"<p>Box {index} part {i}. {SENTENCE}</p>" for i in range(draw(st.integers(0, 8)))
    )
    menu = "".join(
        f'<li><a href="/b{index}/{i}">Link {i} of box {index}</a></li>'
        for i in range(draw(st.integers(0, 10)))
    )
    inner = ""
    if depth < 2:
        count = draw(st.integers(0, 2))
        inner = "".join(draw(boxes(index * 10 + k, depth + 1)) for k in range(count))
    tag = draw(st.sampled_from(("div", "section", "header", "footer", "nav", "aside")))
    hidden = draw(st.sampled_from(("", " hidden", ' style="display:none"', ' aria-hidden="true"')))
    return f'<{tag} class="{name}"{hidden}>{prose}{inner}<ul>{menu}</ul></{tag}>'


@st.composite
def pages(draw: st.DrawFn) -> str:
    """Pages of boxes at any position, size and nesting: guesses right and
    wrong, near the top and further down, with text the walk never counts
    (nav, aside, hidden) making the page longer than the text it saw."""
    parts = [draw(boxes(index, 0)) for index in range(draw(st.integers(1, 4)))]
    return f"<html><body>{''.join(parts)}</body></html>"


@settings(max_examples=300, deadline=None)
@given(pages())
def test_guessing_the_wrapper_rule_finds_what_knowing_the_page_length_finds(html: str) -> None:
    assert positions(html, exact=False) == positions(html, exact=True)


_NAME_PARTS = st.sampled_from(
    [
        "share",
        "Related",
        "ad",
        "ads",
        "nav",
        "tin",
        "lien",
        "quan",
        "q",
        "and",
        "a",
        "print",
        "caption",
        "image",
        "desc",
        "chu",
        "thich",
        "body",
        "content",
        "x",
        "7",
    ]
)
_NAME_GLUE = st.sampled_from(["", " ", "-", "_", "\t", "  "])
names = st.lists(st.tuples(_NAME_PARTS, _NAME_GLUE), max_size=6).map(
    lambda parts: "".join(part + glue for part, glue in parts)
)


@given(names, names)
def test_class_and_id_are_judged_apart_as_on_their_joined_signature(
    classes: str, ident: str
) -> None:
    joined = f"{classes} {ident}".lower()
    for pattern in (BOILERPLATE, _PADDED_BOILERPLATE):  # the walk pads the names it asks
        # What the walk asks of an element: the class and the id each on its own.
        scorer = DensityScorer(pattern, wrapper_chars)
        flags = scorer._class_name_flags(classes) | scorer._id_name_flags(ident)
        assert bool(flags & _SKIP_NAME) == bool(BOILERPLATE.search(joined))
    walker = BlockWalker(skip=BOILERPLATE)
    assert walker._names(classes, ident) == (
        bool(_CAPTION_SIGNATURE.search(joined)),
        bool(BOILERPLATE.search(joined)),
    )


_ODD_NODES = (
    b"<!DOCTYPE html><?xml-stylesheet x?><html><head><title>t</title><meta name=a>"
    b"<link rel=x><base href=/></head><body><!-- note --><svg><![CDATA[x]]><foo/></svg>"
    b"<math><mi>1</mi></math><my-widget>t</my-widget><x:y>z</x:y><nav>n</nav><aside>s</aside>"
    b"<table><caption>c</caption><tr><td>d</td></tr></table><figure><figcaption>f</figcaption>"
    b"</figure><br><a href=/>l</a><header>h</header><footer>f</footer></body></html>"
)


def _tree_nodes(html: bytes) -> list[LexborNode]:
    tree = LexborHTMLParser(html)
    assert tree.root is not None and tree.root.parent is not None
    return list(tree.root.parent.traverse(include_text=True))


def _assert_ids_classify_as_names(nodes: list[LexborNode]) -> None:
    for node in nodes:
        tag, kind = node.tag or "", node.tag_id
        assert (kind >= dom.A_ID) == (tag[:1] not in ("", "-")), tag
        assert (kind == dom.TEXT_ID) == (tag == "-text"), tag
        assert (kind in BLOCK_IDS) == (tag in BLOCK_TAGS), tag
        assert (kind in SKIP_IDS) == (tag in SKIP_TAGS), tag
        assert (kind == dom.A_ID) == (tag == "a") and (kind == dom.BR_ID) == (tag == "br"), tag


def test_walkers_tag_ids_classify_odd_nodes_as_their_names_do() -> None:
    _assert_ids_classify_as_names(_tree_nodes(_ODD_NODES))


def test_walkers_tag_ids_classify_every_node_of_the_corpus_as_their_names_do(
    vn_news: Path, ceed: Path
) -> None:
    for page in [*sorted(vn_news.rglob("*.html")), *sorted(ceed.glob("*.html"))]:
        _assert_ids_classify_as_names(_tree_nodes(page.read_bytes()))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "text ",
                '<a href="/x">a link</a>',
                "<b>bold <a>inner link</a></b>",
                '<svg><a href="#">svg link</a></svg>',
                "<p>" + "long words " * 30 + "</p>",
                '<a href="/y"><span>nested</span> link</a>',
            ]
        ),
        max_size=12,
    ),
    st.booleans(),
)
def test_link_text_is_counted_alike_by_walk_and_by_query(parts: list[str], is_link: bool) -> None:
    # dom.link_text_len walks small elements and queries large ones: both
    # must count what a CSS query for links counts, the element itself too.
    tag = "a" if is_link else "div"
    tree = LexborHTMLParser(f"<html><body><{tag} id=root>{''.join(parts)}</{tag}></body></html>")
    root = tree.css_first("#root")
    assert root is not None
    size = len(root.text(deep=True, separator=""))
    by_query = sum(len(a.text(deep=True, separator="")) for a in root.css("a"))
    assert dom.link_text_len(root, size) == by_query
    assert dom.link_text_len(root, 0) == by_query  # forced walk
    assert dom.link_text_len(root, 10**9) == by_query  # forced query
