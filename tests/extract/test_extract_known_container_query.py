"""Without a density winner the whole page is searched for known CMS containers
(body.known_matches): a cheaper query for a superset of them, checked by the
selectors' rules, must find exactly what KNOWN_BODY_SELECTORS find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract.body import (
    KNOWN_BODY_SELECTORS,
    KNOWN_BODY_WORDS,
    _best_match,
    _best_of,
    known_matches,
)


def plain_known_matches(tree: LexborHTMLParser) -> list[LexborNode]:
    """The query of every known selector, each element once (an element that
    two selectors match is listed twice, side by side)."""
    found: list[LexborNode] = []
    for node in tree.css(", ".join(KNOWN_BODY_SELECTORS)):
        if not found or found[-1].mem_id != node.mem_id:
            found.append(node)
    return found


def test_every_known_name_holds_a_word_of_the_cheaper_query() -> None:
    words = dict(KNOWN_BODY_WORDS)
    for selector in KNOWN_BODY_SELECTORS:
        if selector.startswith("."):
            attribute, name = "class", selector[1:]
        elif selector.startswith("#"):
            attribute, name = "id", selector[1:]
        else:
            attribute, name = selector[1:-1].split("=")
            name = name.strip('"')
        assert any(word in name.lower() for word in words[attribute]), selector


_KNOWN_NAMES = [s.strip(".#") for s in KNOWN_BODY_SELECTORS if s[0] in ".#"]
# Names that hold a word of the cheaper query without being known ones.
_NEAR_NAMES = ["content-wrapper", "main_content", "tbody", "text", "detail", "contents"]
_SPACES = [" ", "  ", "\t", "\n", "\f", "\r", "\x0b", "\xa0", "\u3000"]
_PROSE = "The province certified forty new products this year, most of them farm goods. "
_DOCTYPES = [
    "<!DOCTYPE html>",
    "",
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">',
]


def _recased(draw: st.DrawFn, name: str) -> str:
    choice = draw(st.sampled_from(["same", "upper", "title", "one"]))
    if choice == "upper":
        return name.upper()
    if choice == "title":
        return name.title()
    if choice == "one" and name:
        at = draw(st.integers(0, len(name) - 1))
        return name[:at] + name[at].swapcase() + name[at + 1 :]
    return name


@st.composite
def names(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from([*_KNOWN_NAMES, *_NEAR_NAMES, "articleBody", "x", "İtem"]))
    return _recased(draw, name)


@st.composite
def class_lists(draw: st.DrawFn) -> str:
    parts = draw(st.lists(names(), min_size=1, max_size=3))
    spaces = draw(st.lists(st.sampled_from(_SPACES), min_size=len(parts), max_size=len(parts)))
    return "".join(part + space for part, space in zip(parts, spaces, strict=True)).rstrip(" ")


@st.composite
def elements(draw: st.DrawFn, depth: int) -> str:
    attrs = ""
    if draw(st.booleans()):
        attrs += f' class="{draw(class_lists())}"'
    if draw(st.booleans()):
        attrs += f' id="{draw(names())}"'
    if draw(st.booleans()):
        attrs += f' itemprop="{_recased(draw, "articleBody")}"'
    tag = draw(st.sampled_from(["div", "section", "p", "span", "article"]))
    text = draw(st.sampled_from(["text", _PROSE, _PROSE * 3]))
    inner = "".join(draw(st.lists(elements(depth + 1), max_size=3 if depth < 3 else 0)))
    return f"<{tag}{attrs}>{text}{inner}</{tag}>"


pages = st.tuples(st.sampled_from(_DOCTYPES), st.lists(elements(0), max_size=4)).map(
    lambda page: f"{page[0]}<html><body>{''.join(page[1])}</body></html>"
)


@settings(max_examples=200, deadline=None)
@given(pages)
def test_known_containers_are_those_the_known_selectors_find(html: str) -> None:
    tree = LexborHTMLParser(html)
    assert [n.mem_id for n in known_matches(tree)] == [n.mem_id for n in plain_known_matches(tree)]
    # The query lists an element twice when two selectors match it, side by
    # side: the best container is the same without the repeats.
    best, plain = _best_of(known_matches(tree)), _best_match(tree, KNOWN_BODY_SELECTORS)
    assert (best and (best[0], best[1].mem_id)) == (plain and (plain[0], plain[1].mem_id))


def test_a_class_or_id_that_differs_in_case_alone_is_known_in_quirks_mode_only() -> None:
    # The page's compatibility mode decides: lexbor is asked.
    body = '<div class="Article-Body">text</div><div id="MainContent">text</div>'
    quirks = LexborHTMLParser(f"<html><body>{body}</body></html>")
    standards = LexborHTMLParser(f"<!DOCTYPE html><html><body>{body}</body></html>")
    assert len(known_matches(quirks)) == 2
    assert known_matches(standards) == []
