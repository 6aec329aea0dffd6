"""The headline the reader sees: pick between the visible title and metadata titles.

Named rules, in order:
1. VISIBLE_MATCHES_METADATA: a visible title element (h1 or an article-title
   class) that says nearly what og:title / JSON-LD headline / <title> say.
   The visible wording wins (nld.com.vn edits og:title separately).
2. SINGLE_VISIBLE_TITLE: the only plausible visible title element.
3. METADATA_TITLE: JSON-LD headline, og:title, then <title>, with site-name
   suffixes and section prefixes removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom, thresholds
from extract.structured import StructuredData
from extract.text import fold, has_words, squash, words

# Elements that CMSs use for the article title when it is not an h1
# (baodautu.vn: div.title-detail).
TITLE_TAG = "h1"
TITLE_ITEMPROP = '[itemprop="headline"]'
TITLE_CLASSES = (
    "title-detail",
    "detail-title",
    "article-title",
    "article__title",
    "post-title",
    "entry-title",
    "news-title",
    "title_detail",
    "titledetail",
    "story-title",
    "headline",
)
TITLE_SELECTORS = (TITLE_TAG, TITLE_ITEMPROP, *(f".{name}" for name in TITLE_CLASSES))
# Eleven class selectors cost eleven tests of every element; this superset
# of TITLE_SELECTORS costs about four: the class names holding "title" are
# all found by one substring test, the others are asked by name. Few
# elements match it, and each of those is then tested against the selectors
# themselves (_selector_count).
_TITLE_WORD = "title"
_CLASS_CANDIDATES = (
    *(f".{name}" for name in TITLE_CLASSES if _TITLE_WORD not in name),
    f'[class*="{_TITLE_WORD}" i]',
)
_CANDIDATE_QUERY = ", ".join([TITLE_TAG, TITLE_ITEMPROP, *_CLASS_CANDIDATES])
# _CANDIDATE_QUERY for a page whose metadata scan saw no itemprop "headline"
# (StructuredData.may_have_itemprop): one walk of the page fewer.
_HEADLINE_PROP = "headline"
_CANDIDATE_QUERY_NO_ITEMPROP = ", ".join([TITLE_TAG, *_CLASS_CANDIDATES])
_CLASS_NAMES = frozenset(TITLE_CLASSES)
_TITLE_TAG_ID = min(dom.tag_ids([TITLE_TAG]))
# What str.split() takes for a space among ASCII characters and HTML does not.
_SPLIT_ONLY_SPACES = "\x0b\x1c\x1d\x1e\x1f"
_SEPARATORS = re.compile(r"\s+[-|–—:•»]\s+|\s*\|\s*")
_LOGO_SIGNATURE = re.compile(r"logo|brand|site-?name|masthead")


@dataclass(frozen=True, slots=True)
class Headline:
    text: str
    node: LexborNode | None
    rule: str


def find_headline(
    tree: LexborHTMLParser, data: StructuredData, url: str, swept: dom.Sweep | None = None
) -> Headline | None:
    """The headline. `swept` is the dom.sweep() of the tree, which has not
    changed since but for the remove_junk() of what it found: its h1s and
    head titles spare two queries (the tree is queried when it is None)."""
    metadata = _metadata_titles(tree, data, swept)
    # Each title is compared with several others: its words are read once.
    word_sets: dict[str, set[str]] = {}
    h1s = swept.h1s if swept is not None else None
    return _h1_matching_metadata(tree, metadata, word_sets, h1s) or _choose(
        tree, data, url, metadata, word_sets
    )


def _h1_matching_metadata(
    tree: LexborHTMLParser,
    metadata: list[str],
    word_sets: dict[str, set[str]],
    h1s: list[LexborNode] | None = None,
) -> Headline | None:
    """Rule VISIBLE_MATCHES_METADATA when an h1 satisfies it, as most pages'
    does: _choose() tries the h1s first, in page order, so the first h1 that
    matches is its answer too. Asking for the h1s alone is a query of one
    selector, where the candidates of every title selector cost three or
    four (about 15 µs against 45-55 on a news page); the h1s dom.sweep()
    found (`h1s`) cost no query at all."""
    if not metadata:
        return None
    for node in tree.css(TITLE_TAG) if h1s is None else h1s:
        text = _shown_title(node) if node.tag_id == _TITLE_TAG_ID else None
        if text is not None and _matches_any(text, metadata, word_sets):
            return Headline(text, node, "VISIBLE_MATCHES_METADATA")
    return None


def _choose(
    tree: LexborHTMLParser,
    data: StructuredData,
    url: str,
    metadata: list[str],
    word_sets: dict[str, set[str]],
) -> Headline | None:
    """The named rules, in order, over every visible title candidate."""
    visible = _visible_titles(tree, itemprop=data.may_have_itemprop(_HEADLINE_PROP))
    for node, text in visible:
        if _matches_any(text, metadata, word_sets):
            return Headline(text, node, "VISIBLE_MATCHES_METADATA")
    h1s = [(n, t) for n, t in visible if n.tag == "h1"]
    if len(h1s) == 1 or (not metadata and visible):
        node, text = h1s[0] if len(h1s) == 1 else visible[0]
        return Headline(text, node, "SINGLE_VISIBLE_TITLE")
    site_names = _site_names(data, url)
    for title in metadata:
        cleaned = strip_site_name(title, site_names)
        if len(cleaned) >= thresholds.MIN_HEADLINE_LEN:
            return Headline(cleaned, _find_node(visible, cleaned, word_sets), "METADATA_TITLE")
    return None


def _matches_any(text: str, metadata: list[str], word_sets: dict[str, set[str]]) -> bool:
    """Whether a metadata title is similar() to `text`. Most pages' h1 says
    what a metadata title says word for word, and a title with words is
    similar to itself (and one without to none): the words of neither are
    read then."""
    if text in metadata:
        return has_words(text)
    own = _word_set(text, word_sets)
    return any(_similar_words(own, _word_set(title, word_sets)) for title in metadata)


def _metadata_titles(
    tree: LexborHTMLParser, data: StructuredData, swept: dom.Sweep | None = None
) -> list[str]:
    titles = [data.headline] if data.headline else []
    titles += data.all_meta("og:title", "twitter:title", "title", "dc.title")
    title_node = _head_title(tree, swept) or tree.css_first("title")
    if title_node is not None:
        titles.append(fold(title_node.text(deep=True)))
    return list(dict.fromkeys(t for t in titles if t))


def _head_title(tree: LexborHTMLParser, swept: dom.Sweep | None) -> LexborNode | None:
    """tree.css_first("head title"), from the sweep when there is one."""
    if swept is None:
        return tree.css_first("head title")
    return swept.head_titles[0] if swept.head_titles else None


def _visible_titles(
    tree: LexborHTMLParser, *, itemprop: bool = True
) -> list[tuple[LexborNode, str]]:
    found: list[tuple[LexborNode, str]] = []
    for node, count in _title_elements(tree, itemprop=itemprop):
        if node.tag in ("meta", "title", "html", "body"):
            continue
        text = _shown_title(node)
        if text is None:
            continue
        # An element matching two title selectors (<h1 class="title-detail">)
        # is listed twice: a selector list reports it once per selector.
        found.extend([(node, text)] * count)
    found.sort(key=lambda item: item[0].tag != "h1")
    return found


def _shown_title(node: LexborNode) -> str | None:
    """The element's text when it can be the visible headline: of a
    headline's length, shown, and not the site's logo."""
    text = fold(node.text(deep=True, separator=" "))
    if not (thresholds.MIN_HEADLINE_LEN <= len(text) <= thresholds.MAX_HEADLINE_LEN):
        return None
    signature, hidden = dom.traits(node)
    if hidden or _LOGO_SIGNATURE.search(signature):
        return None
    return text


def _title_elements(
    tree: LexborHTMLParser, *, itemprop: bool = True
) -> list[tuple[LexborNode, int]]:
    """Elements matching TITLE_SELECTORS in document order, each with the
    number of those selectors it matches. `itemprop` False says that no
    element carries itemprop "headline" (StructuredData.may_have_itemprop)."""
    elements: list[tuple[LexborNode, int]] = []
    previous = None
    for node in tree.css(_CANDIDATE_QUERY if itemprop else _CANDIDATE_QUERY_NO_ITEMPROP):
        key = node.mem_id
        if key == previous:  # a selector list reports an element once per selector
            continue
        previous = key
        count = _selector_count(node, itemprop=itemprop)
        if count:
            elements.append((node, count))
    return elements


def _selector_count(node: LexborNode, *, itemprop: bool = True) -> int:
    """How many of TITLE_SELECTORS match the element. Only selectors that can
    match are asked: classes are matched case-insensitively in quirks mode,
    hence the lower-case test before asking the selector engine. `itemprop`
    False says that no element carries itemprop "headline"."""
    attrs = node.attributes
    count = 1 if node.tag_id == _TITLE_TAG_ID else 0
    if itemprop and "itemprop" in attrs and dom.matches_itself(node, TITLE_ITEMPROP):
        count += 1
    classes = attrs.get("class")
    if classes:
        names = _CLASS_NAMES.intersection(classes.lower().split())
        if names:
            count += _class_matches(node, classes, names)
    return count


def _class_matches(node: LexborNode, classes: str, names: frozenset[str]) -> int:
    """How many of `names` (lower-case title classes) the class attribute
    `classes` holds. A name written as such is a match in any mode, with no
    query, when the attribute has only HTML's spaces between its names;
    other spellings depend on quirks mode and go to the selector engine."""
    written = names.intersection(classes.split()) if _html_spaced(classes) else set()
    return len(written) + sum(1 for name in names - written if dom.matches_itself(node, f".{name}"))


def _html_spaced(text: str) -> bool:
    """Whether str.split() cuts `text` only where HTML does (at ASCII space,
    tab, newline, form feed, carriage return)."""
    return text.isascii() and not any(c in text for c in _SPLIT_ONLY_SPACES)


def similar(first: str, second: str) -> bool:
    """Same headline, perhaps with a site suffix or a reworded phrase."""
    return _similar_words(set(words(first)), set(words(second)))


def _word_set(text: str, known: dict[str, set[str]]) -> set[str]:
    """The words of `text`, as similar() compares them, read once per
    extraction: `known` holds those already read."""
    found = known.get(text)
    if found is None:
        found = known[text] = set(words(text))
    return found


def _similar_words(a: set[str], b: set[str]) -> bool:
    """similar() of two titles given their word sets."""
    if not a or not b:
        return False
    shorter = min(len(a), len(b))
    return len(a & b) / shorter >= thresholds.HEADLINE_SIMILARITY and (
        len(a & b) / max(len(a), len(b)) >= thresholds.HEADLINE_SIMILARITY / 2
    )


def _site_names(data: StructuredData, url: str) -> list[str]:
    names = list(data.publisher_names) + data.all_meta("og:site_name", "application-name")
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
    names.append(host)
    names.append(host.split(".")[0])
    return [squash(n) for n in names if squash(n)]


def strip_site_name(title: str, site_names: list[str]) -> str:
    """Drop " - Báo VnExpress Kinh doanh"-style parts naming the site."""
    parts = [p for p in _SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    kept = [p for p in parts if not _names_site(p, site_names)]
    if not kept:
        return title
    if len(kept) == len(parts):
        return max(parts, key=len) if len(parts) == 2 and len(parts[-1]) < 25 else title
    return " - ".join(kept) if len(kept) > 1 else kept[0]


def _names_site(part: str, site_names: list[str]) -> bool:
    key = squash(part)
    return bool(key) and any(name in key or key in name for name in site_names if len(name) > 2)


def _find_node(
    visible: list[tuple[LexborNode, str]], text: str, word_sets: dict[str, set[str]]
) -> LexborNode | None:
    own = _word_set(text, word_sets)
    for node, candidate in visible:
        if _similar_words(_word_set(candidate, word_sets), own):
            return node
    return None
