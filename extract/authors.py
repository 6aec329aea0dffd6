"""Choose the article's authors and source credit among the page's byline sources.

Named rules, first that yields names wins:
1. STRUCTURED_PERSONS: JSON-LD author entries typed Person with real names
   (organisations, empty names, site names and URLs are dropped).
2. VISIBLE_BYLINE: an author/byline-classed element near the headline or at
   the end of the body. "X và N tác giả khác" completes from author links.
3. TRAILING_CREDIT: the body's last short paragraph that is a credit
   ("Hà Thu (tổng hợp)"); removed from the body by the caller either way.
4. HEADER_NAME_LINE: a plain line between headline and body that is only
   names ("Hương Hạnh- Quang Phú").
5. AUTHOR_LINKS: links to author pages (/tac-gia/, /author/, rel=author).
6. META_AUTHOR: article:author, author, dable:author meta values.

The source credit (an outlet or agency the article is taken from) comes
from credit lines ("Theo TTXVN", "Nguồn: Báo X") at the end of the body or
in the header, else (rule SOURCE_ELEMENT) from a source-classed element
near the article (cafef's <p class="source">).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from extract import dom
from extract.blocks import Block
from extract.bylines import Credit, names_from_structured, parse_credit, source_name
from extract.region import Meeting, meeting_point
from extract.structured import StructuredData
from extract.text import fold, squash

# Byline tests besides the two spellings of "author" in class names and
# the two of "tac-gia" (Vietnamese "author").
_TAC_GIA_TESTS = ('[class*="tac-gia"]', '[class*="tacgia"]')
_BYLINE_OTHER_TESTS = (
    '[class*="byline"]',
    '[class*="writer"]',
    '[class*="reporter"]',
    '[rel="author"]',
    '[itemprop="author"]',
    '[id*="author"]',
    '[class*="signature"]',
)
BYLINE_SELECTOR = ", ".join(
    ['[class*="author"]', '[class*="Author"]', *_TAC_GIA_TESTS, *_BYLINE_OTHER_TESTS]
)
# BYLINE_SELECTOR's tests as _is_byline() asks them of an element's
# attributes (the tests compare them with BYLINE_SELECTOR): class and id
# substrings and an itemprop, compared case-sensitively as the selector
# engine compares attribute values in every mode, and a rel, which HTML
# lists among the attributes selectors compare ASCII case-insensitively.
_BYLINE_CLASS_PARTS = (
    *("author", "Author", "tac-gia", "tacgia", "byline", "writer", "reporter", "signature"),
)
_BYLINE_ID_PART = "author"
_BYLINE_ITEMPROP = "author"
_BYLINE_REL = "author"
# BYLINE_SELECTOR with each pair of spellings asked as one case-blind test
# ("tac" stands for both of its pair): each selector of a list is a test of
# every element of the region, about 5 µs on an article's. The few elements
# it finds beyond BYLINE_SELECTOR (class "AUTHOR", "contact") are told apart
# by _is_byline().
_BYLINE_CANDIDATE_TESTS = ('[class*="author" i]', '[class*="tac" i]', *_BYLINE_OTHER_TESTS)
_BYLINE_CANDIDATES = ", ".join(_BYLINE_CANDIDATE_TESTS)
# _BYLINE_CANDIDATES for a page whose metadata scan saw no itemprop "author"
# (StructuredData.may_have_itemprop): one walk of the region fewer.
_AUTHOR_PROP = "author"
_BYLINE_CANDIDATES_NO_ITEMPROP = ", ".join(
    test for test in _BYLINE_CANDIDATE_TESTS if test != f'[itemprop="{_AUTHOR_PROP}"]'
)
_AUTHOR_LINK_TESTS = (
    '[href*="/tac-gia/"]',
    '[href*="/author/"]',
    '[href*="/authors/"]',
    '[rel="author"]',
)
# The plain selector list, which the tests compare _AUTHOR_LINK_QUERY with.
AUTHOR_LINK_SELECTOR = ", ".join(f"a{test}" for test in _AUTHOR_LINK_TESTS)
# AUTHOR_LINK_SELECTOR as one selector: the engine tests every selector of a
# list on every element, where this asks the attribute tests of links only.
# It also reports a link once where the list reports it once per test it
# passes; _author_links() keeps each name once either way.
_AUTHOR_LINK_QUERY = f"a:is({', '.join(_AUTHOR_LINK_TESTS)})"
# Elements naming the source of a story: class tests, each holding one of
# _SOURCE_WORDS, and other attributes.
_SOURCE_WORDS = ("source", "nguon")
_SOURCE_CLASS_TESTS = (
    ("~=", "source"),
    ("*=", "source-name"),
    ("*=", "news-source"),
    ("*=", "article-source"),
    ("~=", "nguon"),
    ("*=", "nguon-tin"),
)
_SOURCE_PROP = "sourceOrganization"
_SOURCE_VALUES = (("data-field", "source"), ("itemprop", _SOURCE_PROP))
_SOURCE_OTHER_TESTS = tuple(f'[{name}="{value}"]' for name, value in _SOURCE_VALUES)
SOURCE_SELECTOR = ", ".join(
    [*(f'[class{op}"{value}"]' for op, value in _SOURCE_CLASS_TESTS), *_SOURCE_OTHER_TESTS]
)
# A superset of SOURCE_SELECTOR in four selectors instead of eight (each is a
# test of every element in the region): one substring test per word; the few
# elements it finds are then checked against SOURCE_SELECTOR itself.
_SOURCE_CANDIDATES = ", ".join(
    [*(f'[class*="{word}" i]' for word in _SOURCE_WORDS), *_SOURCE_OTHER_TESTS]
)
# Without the itemprop test, for a page that has no such itemprop.
_SOURCE_CANDIDATES_NO_ITEMPROP = ", ".join(
    [*(f'[class*="{word}" i]' for word in _SOURCE_WORDS), _SOURCE_OTHER_TESTS[0]]
)
META_AUTHOR_KEYS = ("article:author", "dable:author", "author", "dc.creator", "creator")
# Credit lines at the end of a body are short.
_MAX_TRAILING_CREDIT = 80
# What comes before the host in a page URL.
_URL_SCHEME = re.compile(r"^https?://(www\.)?")
# What str.split() takes for a space among ASCII characters and HTML does not.
_SPLIT_ONLY_SPACES = "\x0b\x1c\x1d\x1e\x1f"
_ALIGN_RIGHT = re.compile(r"text-align\s*:\s*right|align-right|text-right", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Authorship:
    authors: tuple[str, ...]
    source_credit: str | None
    rule: str


class _SiteNames:
    """site_names() of a page, made when first asked for: a page whose
    byline is chosen without comparing a name with the site's (no structured
    person, no byline text, no meta author) spares the squash() of each."""

    __slots__ = ("_data", "_names", "_url")

    def __init__(self, data: StructuredData, url: str) -> None:
        self._data, self._url = data, url
        self._names: list[str] | None = None

    def get(self) -> list[str]:
        if self._names is None:
            self._names = site_names(self._data, self._url)
        return self._names


def site_names(data: StructuredData, url: str) -> list[str]:
    names = list(data.publisher_names) + data.all_meta("og:site_name", "application-name")
    host = _URL_SCHEME.sub("", url).split("/")[0].split(":")[0]
    names += [host, host.split(".")[0]]
    # Publishers and og:site_name often repeat each other: each is keyed once.
    return [s for s in (squash(n) for n in dict.fromkeys(names)) if len(s) > 2]


def trailing_credits(blocks: list[Block]) -> tuple[list[Block], list[Credit]]:
    """Split credit lines off the end of the body (at most three)."""
    credits: list[Credit] = []
    kept = list(blocks)
    while kept and len(credits) < 3:
        last = kept[-1]
        if len(last.text) > _MAX_TRAILING_CREDIT:
            break
        credit = parse_credit(last.text)
        if credit is None or not (credit.authors or credit.source):
            break
        if credit.authors and not credit.source and not _styled_as_credit(last):
            break
        credits.insert(0, credit)
        kept.pop()
    return kept, credits


def _styled_as_credit(block: Block) -> bool:
    """A names-only last paragraph counts when set apart: right-aligned or all bold."""
    node: LexborNode | None = block.node
    for _ in range(2):
        if node is None:
            break
        attrs = node.attributes
        if _ALIGN_RIGHT.search(f"{attrs.get('style') or ''} {attrs.get('class') or ''}"):
            return True
        if (attrs.get("align") or "").lower() == "right":
            return True
        node = node.parent
    bold = block.node.css_first("strong, b")
    return bold is not None and len(fold(bold.text(deep=True))) >= len(block.text) // 2


def choose_authors(
    data: StructuredData,
    url: str,
    header: list[Block],
    region: LexborNode | None,
    headline: LexborNode | None,
    tail: list[Credit],
) -> Authorship:
    """The article's authors and source credit. `region` is article_region()
    of the headline and the body, where bylines and source elements are
    looked for (the caller climbs to it once: _suspect reads it too)."""
    found = _choose_authors(data, url, header, region, headline, tail)
    if found.source_credit is not None:
        return found
    source = _source_element(region, itemprop=data.may_have_itemprop(_SOURCE_PROP))
    return Authorship(found.authors, source, found.rule) if source else found


def _source_element(region: LexborNode | None, *, itemprop: bool = True) -> str | None:
    """The outlet a source element in the region names. `itemprop` False says
    that no element carries itemprop "sourceOrganization"."""
    if region is None:
        return None
    for node in region.css(_SOURCE_CANDIDATES if itemprop else _SOURCE_CANDIDATES_NO_ITEMPROP):
        if node.tag in ("meta", "link", "img"):
            continue
        attrs = node.attributes
        if not _is_source(node, attrs):
            continue
        name = source_name(attrs.get("content") or node.text(deep=True, separator=" "))
        if name:
            return name
    return None


def _is_source(node: LexborNode, attrs: dict[str, str | None]) -> bool:
    """Whether the element (with attributes `attrs`) matches SOURCE_SELECTOR.

    Its tests are attribute tests, which the selector engine answers
    case-sensitively in every mode, so they are asked here of the attributes
    (a query from the element walks all of it: a source-classed wrapper can
    hold the whole article). Only a class whose names str.split() may cut
    where HTML does not is left to the engine."""
    classes = attrs.get("class") or ""
    names = _html_class_names(classes)
    if names is None:
        return dom.matches_itself(node, SOURCE_SELECTOR)
    for test, value in _SOURCE_CLASS_TESTS:
        # "~=" asks for one of the names, "*=" for a part of the attribute.
        if value in (names if test == "~=" else classes):
            return True
    return any(attrs.get(name) == value for name, value in _SOURCE_VALUES)


def _html_class_names(classes: str) -> list[str] | None:
    """The names of a class attribute as HTML splits it (at ASCII space, tab,
    newline, form feed and carriage return), or None when str.split() may
    cut elsewhere (at other Unicode spaces, "\x0b", "\x1c"-"\x1f")."""
    if not classes.isascii() or any(c in classes for c in _SPLIT_ONLY_SPACES):
        return None
    return classes.split()


def _choose_authors(
    data: StructuredData,
    url: str,
    header: list[Block],
    region: LexborNode | None,
    headline: LexborNode | None,
    tail: list[Credit],
) -> Authorship:
    sites = _SiteNames(data, url)
    source = next((c.source for c in tail if c.source), None)
    persons = [c.name for c in data.credits if c.is_person]
    found = names_from_structured(persons, sites.get()) if persons else ()
    if found:
        return Authorship(found, source, "STRUCTURED_PERSONS")
    visible = _visible_byline(region, sites, itemprop=data.may_have_itemprop(_AUTHOR_PROP))
    if visible is not None and visible.authors:
        names = visible.authors
        if visible.more_authors:
            linked = _author_links(region)
            if len(linked) > len(names):
                names = linked
        return Authorship(names, source or visible.source, "VISIBLE_BYLINE")
    trailing = tuple(n for c in tail for n in c.authors)
    if trailing:
        return Authorship(trailing, source, "TRAILING_CREDIT")
    for block in header:
        if (
            block.link_chars
            or block.is_heading
            or (headline and dom.is_inside(block.node, headline))
        ):
            continue
        credit = parse_credit(block.text)
        if credit is not None and credit.authors:
            return Authorship(credit.authors, source, "HEADER_NAME_LINE")
        if credit is not None and credit.source and source is None:
            source = credit.source
    linked = _author_links(region)
    if linked:
        return Authorship(linked, source, "AUTHOR_LINKS")
    meta_names = data.all_meta(*META_AUTHOR_KEYS)
    meta = names_from_structured(meta_names, sites.get()) if meta_names else ()
    if meta:
        return Authorship(meta, source, "META_AUTHOR")
    if visible is not None and visible.source:
        source = source or visible.source
    return Authorship((), source, "NONE")


def article_region(
    headline: LexborNode | None, body: LexborNode | None, meeting: Meeting | None = None
) -> LexborNode | None:
    """The element around the headline and the body, where bylines and
    source credits are looked for. `meeting`, when given, is
    meeting_point(headline, body) (region.header_window() climbs to it too)."""
    if headline is not None and body is not None:
        root, _ = meeting if meeting is not None else meeting_point(headline, body)
        if root is not None and root.tag not in ("html", "body"):
            return root
    anchor = headline or body
    if anchor is None:
        return None
    for _ in range(3):
        if anchor.parent is None or anchor.parent.tag in ("html", "body"):
            break
        anchor = anchor.parent
    return anchor


def _within(region: LexborNode | None, selector: str) -> list[LexborNode]:
    # Inside the body counts too: some CMSs open or close the body with an
    # author-classed paragraph.
    return region.css(selector) if region is not None else []


def _visible_byline(
    region: LexborNode | None, sites: _SiteNames, *, itemprop: bool = True
) -> Credit | None:
    """The first byline in the region naming authors, else the first naming
    a source. `itemprop` False says that no element carries itemprop "author".

    A text read before is passed by: it was read to the same end (a byline
    repeated beside the photo, an element the query found twice for two of
    its tests, one after the other)."""
    fallback: Credit | None = None
    # Querying the region, not the page, keeps other articles' bylines out.
    query = _BYLINE_CANDIDATES if itemprop else _BYLINE_CANDIDATES_NO_ITEMPROP
    read: set[str] = set()
    last: int | None = None
    for node in _within(region, query):
        if node.mem_id == last:
            continue
        last = node.mem_id
        if node.tag in ("img", "meta", "link") or not _is_byline(node):
            continue
        text = fold(node.text(deep=True, separator=" "))
        if not text or text in read:
            continue
        read.add(text)
        if squash(text) in sites.get():
            continue
        credit = parse_credit(text)
        if credit is None:
            continue
        if credit.authors:
            return credit
        fallback = fallback or credit
    return fallback


def _is_byline(node: LexborNode) -> bool:
    """Whether a node _BYLINE_CANDIDATES found matches BYLINE_SELECTOR.

    Only an element whose class holds "author" or "tac" in some spelling
    BYLINE_SELECTOR does not ask for ("AUTHOR", "contact") can have been
    found by a case-blind test alone. For those, BYLINE_SELECTOR's tests are
    asked of the attributes: a query from the element would walk all of it
    (a "nav-stacked" menu)."""
    attrs = node.attributes
    classes = attrs.get("class") or ""
    lowered = classes.lower()
    if ("author" not in lowered or "author" in classes or "Author" in classes) and (
        "tac" not in lowered or "tac-gia" in classes or "tacgia" in classes
    ):
        return True
    rel = attrs.get("rel") or ""
    return (
        any(part in classes for part in _BYLINE_CLASS_PARTS)
        or _BYLINE_ID_PART in (attrs.get("id") or "")
        or attrs.get("itemprop") == _BYLINE_ITEMPROP
        or (rel.isascii() and rel.lower() == _BYLINE_REL)
    )


def _author_links(region: LexborNode | None) -> tuple[str, ...]:
    names: list[str] = []
    for link in _within(region, _AUTHOR_LINK_QUERY):
        text = fold(link.text(deep=True, separator=" ")) or fold(link.attributes.get("title") or "")
        credit = parse_credit(text) if text else None
        if credit is not None:
            names.extend(credit.authors)
    return tuple(dict.fromkeys(names))
