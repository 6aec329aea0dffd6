"""The shortcuts of the header region (extract/region.py, the header walk of
extract/blocks.py) give what the plain forms give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from extract import dom
from extract.blocks import BlockWalker, is_caption_name
from extract.region import _Probe, meeting_point

# Markup pieces nesting in every way the parser allows: an <html> start tag
# inside the body (merged into the root), <html> inside <svg> (a foreign
# element of that name), templates, tables that move their text, comments,
# hidden and caption-named elements.
_OPEN = st.sampled_from(
    [
        *("<div>", "<p>", "<section>", "<svg>", "<template>", "<table>", "<td>", "<span>"),
        *("<a>", "<div hidden>", '<p style="display:none">', '<div class="caption">'),
    ]
)
_LEAF = st.sampled_from(
    ["<h1>Tin</h1>", "text", "<!-- c -->", "<html>", "<br>", "<img>", "<h2>Sapo</h2>", "</div>"]
)


@st.composite
def _markup(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 14))):
        parts.append(draw(_OPEN) if draw(st.booleans()) else draw(_LEAF))
    return "".join(parts)


def _nodes(tree: LexborHTMLParser) -> list:  # type: ignore[type-arg]
    root = tree.root
    assert root is not None
    found = [root, *root.traverse(include_text=True)]
    if root.parent is not None:
        found.append(root.parent)
    return found


@settings(max_examples=300, deadline=None)
@given(_markup(), st.data())
def test_meeting_point_is_the_common_ancestor_and_the_inside_test(
    markup: str, data: st.DataObject
) -> None:
    nodes = _nodes(LexborHTMLParser(markup))
    first = data.draw(st.sampled_from(nodes))
    second = data.draw(st.sampled_from(nodes))
    root, inside = meeting_point(first, second)
    plain = dom.common_ancestor(first, second)
    assert (root.mem_id if root is not None else None) == (
        plain.mem_id if plain is not None else None
    )
    assert inside == dom.is_inside(first, second)


def test_meeting_point_of_every_pair_on_a_page_with_foreign_html() -> None:
    html = (
        "<div><svg><html><h1>a</h1></html></svg><p>b<span>c</span></p></div>"
        "<template><h1>t</h1></template>"
    )
    nodes = _nodes(LexborHTMLParser(html))
    for first in nodes:
        for second in nodes:
            root, inside = meeting_point(first, second)
            plain = dom.common_ancestor(first, second)
            assert (root is None) == (plain is None)
            assert root is None or plain is None or root.mem_id == plain.mem_id
            assert inside == dom.is_inside(first, second)


# Class and id values: caption names in several spellings, others, empty and
# absent ones, and characters lower() treats apart.
_NAME = (
    st.none()
    | st.sampled_from(
        [
            "",
            "caption",
            "Photo-Desc",
            "img_desc",
            "chu-thich",
            "chuthich",
            "box",
            "desc x",
            " ",
            "İ",
        ]
    )
    | st.text(st.sampled_from("captiondeschuPDI-_ İ"), max_size=12)
)


@settings(max_examples=500, deadline=None)
@given(_NAME, _NAME)
def test_header_walk_tells_captions_by_class_and_id_as_the_joined_names_tell_them(
    classes: str | None, ident: str | None
) -> None:
    walker = BlockWalker(skip_hidden=False)
    plain = is_caption_name(f"{classes or ''} {ident or ''}".lower())
    assert walker._names(classes, ident) == (plain, False)


@settings(max_examples=200, deadline=None)
@given(_markup(), st.data())
def test_probe_made_on_first_use_answers_as_the_walker_it_makes(
    markup: str, data: st.DataObject
) -> None:
    nodes = _nodes(LexborHTMLParser(markup))
    stop = data.draw(st.sampled_from([None, *nodes]))
    probe, walker = _Probe(stop), BlockWalker(stop=stop, skip_hidden=False)
    for depth, node in enumerate(nodes):
        assert probe.enters(node, depth) == walker.enters(node, depth)
