"""Machine-readable page metadata: JSON-LD, microdata, OpenGraph/meta tags, links.

Everything is read from the one parsed tree; values are unescaped (some CMSs
escape entities twice inside JSON-LD) and whitespace-folded, but not judged:
the field layers decide what to trust.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom
from extract.text import fold, unescape_all

# JSON-LD types that describe the article itself.
ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "report",
        "scholarlyarticle",
        "techarticle",
    }
)
# JSON-LD types of an object that names the publisher itself.
_PUBLISHER_TYPES = frozenset({"organization", "newsmediaorganization", "website"})
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_JSON_FIELD = r'"{name}"\s*:\s*"((?:[^"\\]|\\.)*)"'
_MICRODATA_PROPS = ("headline", "datePublished", "dateModified", "author")
_JSON_LD_TYPE = "application/ld+json"
_JSON_LD_QUERY = f'script[type="{_JSON_LD_TYPE}"]'
# The microdata elements (_scan); metas, links and scripts come from dom.sweep().
_ITEMPROP_QUERY = "[itemprop]"
# Control characters inside strings are common in CMS output. One decoder for
# all pages: json.loads() with options builds a new one per call.
_LENIENT_JSON = json.JSONDecoder(strict=False)
_INVALID = object()  # what _decode_json() returns for text that is not JSON
# JSON-LD nesting beyond this is not metadata but a data dump.
_MAX_DEPTH = 8
# isinstance() tuples: a union written inline (int | float) is built anew
# at every call.
_NUMBERS = (int, float)
_CONTAINERS = (dict, list)


@dataclass(frozen=True, slots=True)
class Credit:
    """An author entry from JSON-LD: its name and whether it claims to be a person."""

    name: str
    is_person: bool


@dataclass(frozen=True, slots=True)
class StructuredData:
    headline: str | None = None
    published: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    credits: tuple[Credit, ...] = ()
    publisher_names: tuple[str, ...] = ()
    section: str | None = None
    page_types: tuple[str, ...] = ()
    # <meta> content by lower-cased name, as written: a page has dozens of
    # metas (descriptions, keywords) and the layers read a few, so values are
    # unescaped and folded when read (first_meta, all_meta), not here.
    raw_meta: dict[str, tuple[str, ...]] = field(default_factory=dict)
    canonical: str | None = None
    language: str | None = None
    # Every itemprop value on the page, lower-cased, or None when the page
    # was not scanned: a layer may leave an [itemprop="..."] test out of a
    # query when no element can pass it (each test costs a walk).
    itemprop_names: frozenset[str] | None = None

    def may_have_itemprop(self, name: str) -> bool:
        """Whether an element may carry itemprop `name` (in any case)."""
        return self.itemprop_names is None or name.lower() in self.itemprop_names

    def texts(self) -> list[str]:
        """Every string read from the metadata: what the unchecked-bytes
        rule of extract.charset looks at, as the layers pick names, dates
        and titles from it."""
        found = [*self.published, *self.modified, *self.publisher_names, *self.page_types]
        found += [credit.name for credit in self.credits]
        found += [value for values in self.raw_meta.values() for value in values]
        found += [self.headline or "", self.section or ""]
        found += [self.canonical or "", self.language or ""]
        return found

    def first_meta(self, *names: str) -> str | None:
        return next(self.iter_meta(*names), None)

    def all_meta(self, *names: str) -> list[str]:
        return list(self.iter_meta(*names))

    def iter_meta(self, *names: str) -> Iterator[str]:
        """The non-empty meta_value()s of these <meta> names, in order, each
        unescaped and folded only when asked for (a caller that stops at the
        first usable value leaves the rest alone)."""
        for name in names:
            for raw in self.raw_meta.get(name, ()):
                value = meta_value(raw)
                if value:
                    yield value


def meta_value(raw: str) -> str:
    """A <meta> content as the layers compare it: entities undone, whitespace folded."""
    return fold(unescape_all(raw))


def read_structured(tree: LexborHTMLParser, swept: dom.Sweep | None = None) -> StructuredData:
    """The page's metadata, read from the elements `swept` (a dom.sweep()
    of the tree, made here when not given) found."""
    if swept is None:
        swept = dom.sweep(tree)
    found = _scan(tree, swept)
    meta = _meta_tags(swept.metas)
    # Each object's types, read once: three rules below ask for them.
    typed = [(obj, _types(obj)) for obj in _json_ld_objects(found.json_ld)]
    article = next((obj for obj, types in typed if not types.isdisjoint(ARTICLE_TYPES)), None)
    page_types = tuple(t for _, types in typed for t in types)
    headline = published = modified = section = None
    credits: list[Credit] = []
    publishers: list[str] = []
    for obj, types in typed:
        publisher = obj.get("publisher")
        if publisher is not None:  # most objects name none: _names(None) is []
            publishers.extend(_names(publisher))
        if not _PUBLISHER_TYPES.isdisjoint(types):
            publishers.extend(_names(obj))
    if article is not None:
        headline = _string(article.get("headline")) or _string(article.get("name"))
        published = _string(article.get("datePublished")) or _string(article.get("dateCreated"))
        modified = _string(article.get("dateModified"))
        section = _string(article.get("articleSection"))
        credits = list(_credits(article.get("author")))
    micro = _microdata(found.itemprops)
    return StructuredData(
        headline=headline or micro.headline,
        published=tuple(filter(None, (published, *micro.published))),
        modified=tuple(filter(None, (modified, *micro.modified))),
        credits=tuple(credits) or micro.credits,
        publisher_names=tuple(dict.fromkeys(filter(None, publishers))),
        section=section,
        page_types=page_types,
        raw_meta=meta,
        canonical=found.canonical,
        language=_language(tree, meta),
        itemprop_names=frozenset(found.itemprop_names),
    )


@dataclass(slots=True)
class _Found:
    """The elements metadata is read from, in document order."""

    json_ld: list[LexborNode] = field(default_factory=list)
    itemprops: list[tuple[str, LexborNode]] = field(default_factory=list)
    itemprop_names: set[str] = field(default_factory=set)
    canonical: str | None = None


def _scan(tree: LexborHTMLParser, swept: dom.Sweep) -> _Found:
    """Every metadata element but the metas (_meta_tags reads those): the
    links and scripts dom.sweep() picked out by tag on its walk, and the
    [itemprop] elements of one query (few elements carry one, and reading
    every element's attributes to find them would cost more than the query)."""
    found = _Found()
    for node in swept.links:
        attrs = node.attributes
        if "rel" in attrs:
            found.canonical = _canonical_href(attrs)
            if found.canonical is not None:
                break
    # Most scripts carry no type: only those that do are asked the type test.
    json_ld = found.json_ld
    for node in swept.scripts:
        attrs = node.attributes
        if "type" in attrs and _is_json_ld(attrs):
            json_ld.append(node)
    names, itemprops = found.itemprop_names, found.itemprops
    for node in tree.css(_ITEMPROP_QUERY):
        prop = node.attributes.get("itemprop")
        if prop:
            names.add(prop.lower())
            if prop in _MICRODATA_PROPS:
                itemprops.append((prop, node))
    return found


def _is_json_ld(attrs: dict[str, str | None]) -> bool:
    """Whether a script's attributes match _JSON_LD_QUERY, without a query:
    dom.sweep() found the scripts by tag. Selectors compare the type ASCII
    case-insensitively, as str.lower() does ASCII text."""
    kind = attrs.get("type")
    return kind is not None and kind.isascii() and kind.lower() == _JSON_LD_TYPE


def _meta_tags(metas: list[LexborNode]) -> dict[str, tuple[str, ...]]:
    """<meta> contents by lower-cased name. A page has dozens of metas and a
    name seldom repeats: tuples are grown in place of lists converted at the end."""
    found: dict[str, tuple[str, ...]] = {}
    for node in metas:
        attrs = node.attributes
        value = attrs.get("content")
        if not value:
            continue
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop")
        if key:
            key = key.strip().lower()
            found[key] = (*found[key], value) if key in found else (value,)
    return found


def _canonical_href(attrs: dict[str, str | None]) -> str | None:
    if "canonical" in (attrs.get("rel") or "").lower().split():
        return (attrs.get("href") or "").strip() or None
    return None


def _language(tree: LexborHTMLParser, meta: dict[str, tuple[str, ...]]) -> str | None:
    root = _html_element(tree)
    lang = root.attributes.get("lang") if root is not None else None
    if not lang:
        for key in ("og:locale", "content-language", "language", "dc.language"):
            if meta.get(key):
                lang = meta_value(meta[key][0])
                break
    if not lang:
        return None
    lang = lang.strip().replace("_", "-")
    return lang.split("-")[0].lower() or None


def _html_element(tree: LexborHTMLParser) -> LexborNode | None:
    # The parser always makes <html> the document element; the query is only
    # for a tree without one.
    root = tree.root
    return root if root is not None and root.tag == "html" else tree.css_first("html")


def _json_ld_objects(scripts: list[LexborNode]) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for script in scripts:
        # text_lexbor(): the script's text copied at once, as text(deep=True)
        # gives it (tests compare the two), without a call per text node.
        raw = script.text_lexbor()
        data = _load_json(raw)
        if data is not None:
            _walk(data, 0, found)
            continue
        salvaged = _salvage(raw)
        if salvaged:
            found.append(salvaged)
    return found


def _load_json(raw: str) -> object | None:
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    found = _decode_stripped_json(raw)
    if found is _INVALID:  # the repairs cost two passes: only for JSON that needs them
        found = _decode_json(_TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", raw)))
    return None if found is _INVALID else found


def _decode_json(text: str) -> object:
    try:
        return _LENIENT_JSON.decode(text)
    except (ValueError, RecursionError):
        return _INVALID


def _decode_stripped_json(text: str) -> object:
    """_decode_json() of a text str.strip() left no white space around.

    JSONDecoder.decode() skips JSON white space before and after the value
    with a pattern each, in Python, around raw_decode(): raw_decode() alone
    gives the same here. JSON white space (space, tab, newline, carriage
    return) is white space to str.strip(), so the value starts at 0, and
    the text is whole JSON exactly when the value ends at its end: with
    none left at the end, no white space stands between. (A stripped text
    whose value ends early ends in something else: "Extra data".)
    """
    try:
        value, end = _LENIENT_JSON.raw_decode(text)
    except (ValueError, RecursionError):
        return _INVALID
    return value if end == len(text) else _INVALID


def _salvage(raw: str) -> dict[str, object] | None:
    """Pull the few fields we need out of JSON-LD that does not parse."""
    if not re.search(r'"@type"\s*:\s*"[^"]*(Article|BlogPosting)', raw):
        return None
    found: dict[str, object] = {"@type": "NewsArticle"}
    for name in ("headline", "datePublished", "dateModified"):
        match = re.search(_JSON_FIELD.format(name=name), raw)
        if match:
            found[name] = match.group(1).replace('\\"', '"')
    return found if len(found) > 1 else None


def _walk(data: object, depth: int, found: list[dict[str, object]]) -> None:
    """Append the typed objects in `data` to `found`, in document order. (A
    list passed down, not nested generators: each level of those costs a frame
    per object.)"""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _walk(item, depth + 1, found)
    elif isinstance(data, dict):
        if "@type" in data:
            found.append(data)
        graph = data.get("@graph")
        if graph is not None:
            _walk(graph, depth + 1, found)
        for key in ("mainEntity", "mainEntityOfPage", "hasPart"):
            value = data.get(key)
            if isinstance(value, _CONTAINERS):
                _walk(value, depth + 1, found)


def _types(obj: dict[str, object]) -> set[str]:
    value = obj.get("@type")
    if isinstance(value, str):  # nearly every object: no list to make and walk
        return {value.strip().lower().rsplit("/", 1)[-1]}
    values = value if isinstance(value, list) else [value]
    return {v.strip().lower().rsplit("/", 1)[-1] for v in values if isinstance(v, str)}


def _string(value: object) -> str | None:
    """A JSON-LD value as text: a string, a list's first non-blank string or
    a number (not a bool) written out, unescaped and folded; else None. A
    string, what nearly every value is, is asked for first."""
    if not isinstance(value, str):
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str) and v.strip()), None)
        elif isinstance(value, _NUMBERS) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            return None
    return fold(unescape_all(value)) or None


def _names(value: object) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            name = _string(item.get("name"))
            if name:
                names.append(name)
        elif isinstance(item, str) and item.strip():
            names.append(fold(unescape_all(item)))
    return names


def _credits(value: object) -> Iterator[Credit]:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, list):
            yield from _credits(item)
        elif isinstance(item, dict):
            name = _string(item.get("name"))
            if name:
                yield Credit(name, "organization" not in _types(item))
        elif isinstance(item, str) and item.strip():
            yield Credit(fold(unescape_all(item)), True)


@dataclass(frozen=True, slots=True)
class _Microdata:
    headline: str | None
    published: tuple[str, ...]
    modified: tuple[str, ...]
    credits: tuple[Credit, ...]


# What a page without itemprops reads as (most pages): frozen, so one for all.
_NO_MICRODATA = _Microdata(headline=None, published=(), modified=(), credits=())


def _itemprop_value(node: LexborNode) -> str | None:
    attrs = node.attributes
    value = attrs.get("content") or attrs.get("datetime")
    if not value and node.tag != "meta":
        value = node.text(deep=True, separator=" ")
    return fold(unescape_all(value)) if value and value.strip() else None


def _author_value(node: LexborNode) -> str | None:
    name_node = node.css_first('[itemprop="name"]')
    source = name_node if name_node is not None else node
    value = source.attributes.get("content") or source.text(deep=True, separator=" ")
    return fold(value) if value and value.strip() else None


def _microdata(itemprops: list[tuple[str, LexborNode]]) -> _Microdata:
    """The cheap part of microdata: a few itemprops, read without item scoping."""
    if not itemprops:  # most pages
        return _NO_MICRODATA
    found: dict[str, list[str]] = {name: [] for name in _MICRODATA_PROPS}
    for prop, node in itemprops:
        value = _author_value(node) if prop == "author" else _itemprop_value(node)
        if value:
            found[prop].append(value)
    headlines = found["headline"]
    return _Microdata(
        headline=headlines[0] if headlines else None,
        published=tuple(found["datePublished"]),
        modified=tuple(found["dateModified"]),
        credits=tuple(Credit(name, True) for name in found["author"]),
    )
