"""The article body: find its container, cut it into paragraphs, set the lead apart.

A text-density score over the whole page finds where the article is
(density.py); a known CMS container (itemprop=articleBody, .fck_detail ...)
inside that region is preferred when it holds nearly all of its text.
Navigation, teasers, related links, share bars and captions are dropped
(captions are kept separately).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom, thresholds
from extract.blocks import Block, BlockWalker
from extract.density import DensityScorer, KnownContainers
from extract.text import visible_len

# Containers that CMSs use for the article text, most specific first.
KNOWN_BODY_SELECTORS = (
    '[itemprop="articleBody"]',
    ".fck_detail",
    ".detail-content",
    ".detail__content",
    ".maincontent",
    "#maincontent",
    ".article-content",
    ".article__content",
    ".article-body",
    ".article__body",
    ".articleBody",
    ".article-text",
    ".entry-content",
    ".post-content",
    ".post-body",
    ".story-body",
    ".story__content",
    ".news-content",
    ".content-news",
    ".body-content",
    ".cms-body",
    ".singular-content",
    ".content_detail",
    "#content_detail",
    ".news_detail",
    ".detail-body",
)
_KNOWN = KnownContainers(
    classes=frozenset(s[1:] for s in KNOWN_BODY_SELECTORS if s.startswith(".")),
    ids=frozenset(s[1:] for s in KNOWN_BODY_SELECTORS if s.startswith("#")),
    itemprops=frozenset(
        s.split('"')[1] for s in KNOWN_BODY_SELECTORS if s.startswith("[itemprop=")
    ),
)
# A word of every known class, id and itemprop above, as lower-cased
# substrings: the CSS query for them (in any case) finds every element that
# KNOWN_BODY_SELECTORS find, in any compatibility mode, and few others, with
# a quarter of the selectors: lexbor tries each selector on every element,
# so the six cost 250 µs on a page of 8,000 nodes where the 26 cost 650.
KNOWN_BODY_WORDS = (
    ("class", ("content", "detail", "body", "article-text")),
    ("id", ("content",)),
    ("itemprop", ("body",)),
)
_KNOWN_SUPERSET = ", ".join(
    f"[{attribute}*={word} i]" for attribute, words in KNOWN_BODY_WORDS for word in words
)
_KNOWN_QUERY = ", ".join(KNOWN_BODY_SELECTORS)
_KNOWN_FOLDED = KnownContainers(
    classes=frozenset(name.lower() for name in _KNOWN.classes),
    ids=frozenset(name.lower() for name in _KNOWN.ids),
    itemprops=frozenset(name.lower() for name in _KNOWN.itemprops),
)
# Whitespace other than what CSS splits a class list on (space, tab, LF, FF, CR).
_ODD_SPACE = re.compile(r"[^\S \t\n\f\r]")
# Generic semantic containers, tried after the known ones.
GENERIC_BODY_SELECTORS = ("article", "main", '[role="main"]')
# class/id words of blocks inside a container that are not article text
# (regular expressions). A word counts when it stands between separators
# (space, "-", "_") or the name's ends: "share-tools" holds one, "shared" none.
BOILERPLATE_WORDS = (
    r"related", r"relate", r"relates", r"relatednews", r"tin-?lien-?quan", r"lien-?quan",
    r"tinlienquan", r"share", r"sharing", r"social", r"sns", r"comments?", r"binh-?luan",
    r"advert\w*", r"ads?", r"adv", r"quangcao", r"qc", r"banner\w*", r"promo\w*",
    r"newsletter", r"subscribe", r"subscription", r"tags?", r"keywords?", r"breadcrumbs?",
    r"popup", r"modal", r"sidebar", r"widget", r"recommend\w*", r"read-?more", r"more-?news",
    r"also-?read", r"see-?also", r"xem-?them", r"toolbar", r"print", r"rating", r"vote",
    r"cookie\w*", r"author-?box", r"hidden", r"sr-only", r"visually-?hidden", r"hide",
    r"login", r"signup", r"paywall", r"pagination", r"pager", r"navigation", r"nav", r"menu",
    r"follow", r"player", r"byline", r"author", r"meta", r"dateline", r"timestamp",
    r"copyright", r"disclaimer", r"callout", r"link-?callout", r"box-?category", r"listing",
    r"related\w*", r"qa", r"q-?and-?a", r"faqs?", r"tips", r"warnings", r"testimonials?",
    r"sources(?:andcitations)?", r"citations", r"references", r"footnotes?", r"articleinfo",
    r"feedcards?\w*",
)  # fmt: skip


def separated_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that finds any of `words` (each starting with a letter)
    standing between separators or the ends of a lower-cased name.

    The words are grouped by first letter: the engine tries the
    alternatives at every separator of every class and id of the page, and
    one letter rules out a whole group (a third less time than one flat
    alternation, which finds the same names)."""
    return re.compile(rf"(?:^|[\s_-])(?:{_grouped(words)})(?:$|[\s_-])")


# The separators of separated_words() spelled out: "\s" is every character
# that str.isspace() accepts (re asks the same Unicode test), listed here so
# that the engine looks each character up in a table instead of asking for
# its Unicode category; tests compare the class with [\s_-] on every character.
_SEPARATOR = r"[\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000_-]"


def padded_separated_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """separated_words() for a name with a space added at each end (the
    padding stands for its ends): a pattern that starts with a separator
    lets the engine skip to the separators, at a fifth less time a name.
    The engine tries the class at every character of every name of the
    page: its table form (_SEPARATOR) takes a tenth less time again."""
    return re.compile(rf"{_SEPARATOR}(?:{_grouped(words)}){_SEPARATOR}")


def _grouped(words: tuple[str, ...]) -> str:
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


BOILERPLATE = separated_words(BOILERPLATE_WORDS)
# BOILERPLATE for the walks, which pad the names they ask about.
_PADDED_BOILERPLATE = padded_separated_words(BOILERPLATE_WORDS)
# class/id of the lead (sapo) paragraph. "lead" counts at the start of a
# name or after a separator, as "(?:^|[\s_-])lead" says; written as an "l"
# with no other character before it (looked back at once the "l" is read),
# every alternative starts with a letter, which lets the engine skip to the
# letters that can start one: half the time a name.
LEAD_SIGNATURE = re.compile(
    r"sapo|l(?<![^\s_-]l)ead|summary|description|intro|chapeau|excerpt|standfirst|"
    r"abstract|subtitle|sub-title|teaser|hometext"  # hometext: NukeViet portals
)


def content_chars(node: LexborNode) -> int:
    """Characters of text outside links: the usual measure of prose.

    Whitespace is not counted, so the texts are read without separators
    (lexbor's own text content is the cheaper read) and the links' texts
    are counted at once."""
    return _measure(node)[0]


def _measure(node: LexborNode) -> tuple[int, int]:
    """content_chars() of `node`, and its visible_len() before the links'
    text is taken off."""
    total = visible_len(node.text_lexbor())
    return max(total - _link_chars(node), 0), total


def _link_chars(node: LexborNode) -> int:
    return visible_len("".join(map(LexborNode.text_lexbor, node.css("a"))))


def _visible_around(inner: LexborNode, outer: LexborNode) -> int:
    """visible_len() of the text of `outer` that is not `inner`'s, an element
    inside it: the text of `inner`'s siblings and of its ancestors' below
    `outer` (visible_len() of a text is the sum over its parts)."""
    chars = 0
    outer_id = outer.mem_id
    node = inner
    while node.mem_id != outer_id and (parent := node.parent) is not None:
        node_id = node.mem_id
        # A text of ASCII spaces alone has nothing visible: left out.
        for sibling in parent.iter(True, True):
            kind = sibling.tag_id
            if kind == dom.TEXT_ID:
                chars += visible_len(sibling.text_content or "")
            elif kind >= dom.A_ID and sibling.mem_id != node_id:
                chars += visible_len(sibling.text_lexbor())
        node = parent
    return chars


def wrapper_chars(total: int) -> int:
    """How much text makes a boilerplate-named element a wrapper (blocks.is_wrapper)."""
    return max(int(total * thresholds.WRAPPER_TEXT_SHARE), 1)


def find_containers(
    tree: LexborHTMLParser,
    override: str | None = None,
    body_text: dom.ElementText | None = None,
) -> tuple[LexborNode, ...]:
    """The element(s) holding the article text, in page order.

    Rule DENSITY_THEN_KNOWN: the text-density winner (density.py) decides
    where the article is; a known CMS container inside it that holds nearly
    all of its text is the tighter answer (the winner may also hold the
    headline and sapo, which have their own layers). The density walk reads
    the body's text through `body_text` when it needs it.
    """
    scorer = DensityScorer(_PADDED_BOILERPLATE, wrapper_chars, known=_KNOWN)
    scored = scorer.best(tree.body, body_text) if tree.body is not None else ()
    if scored:
        return _tighter_known(scorer.marked, scored)
    # Without a density winner, the whole page is asked.
    known = _best_of(known_matches(tree))
    if known is not None:
        return (known[1],)
    generic = _best_match(tree, GENERIC_BODY_SELECTORS)
    if generic is not None:
        return (generic[1],)
    if override:
        found = _override_match(tree, override)
        if found is not None:
            return (found,)
    return ()


def _tighter_known(
    marked: list[LexborNode], scored: tuple[LexborNode, ...]
) -> tuple[LexborNode, ...]:
    """The known container that replaces the density winner, if one does.

    The density walk saw every known container it walked past (`marked`);
    one outside the walked page (in a nav, a hidden box...) cannot be the
    article's. Only one strictly inside a lone winner can replace it
    (_holds_most_of): the winner itself or one outside it leaves the answer
    as it is, so without one inside no container is measured, and measuring
    a container (its text, its links) is the costly part.
    """
    if len(scored) != 1:
        return scored
    winner = scored[0]
    winner_id = winner.mem_id
    if not any(node.mem_id != winner_id and dom.is_inside(node, winner) for node in marked):
        return scored
    if len(marked) == 1:  # the one inside: most pages have a single known container
        return (marked[0],) if _lone_known_holds(marked[0], winner) else scored
    texts: dict[int, int] = {}
    known = _best_of(marked, texts)
    if known is not None and _holds_most_of(known, scored, texts[known[1].mem_id]):
        return (known[1],)
    return scored


# A prefix this many times as long as the visible characters a lone known
# container must hold holds them on a page of prose (more than half of whose
# characters are visible): only a guess of how far to measure, which decides
# the cost of _lone_known_holds(), never its answer.
_PREFIX_SLACK = 2


def _lone_known_holds(node: LexborNode, winner: LexborNode) -> bool:
    """_best_of() and _holds_most_of() of a lone known container strictly
    inside the winner: whether it replaces the winner.

    Its text is the long part to measure (its visible_len() costs more
    than the rest of the choice), and counting more of it can only turn
    the answer from no to yes: each character adds to the container's
    prose and to the winner's text alike, and the rule asks the former
    for a share (under one) of the latter. So the text is measured as far
    as the rule needs (visible_len() of a text is the sum over its parts):
    a prefix that makes the container hold enough settles it; else the
    rest is measured and the rule asked of the whole.
    """
    text = node.text_lexbor()
    links = _link_chars(node)
    around = _visible_around(node, winner)
    share = thresholds.KNOWN_CONTAINER_SHARE
    # What the container's text must at least hold, and a prefix that holds
    # it on a page of ordinary prose (a guess: it only decides the cost).
    least = thresholds.MIN_KNOWN_CONTAINER_CHARS + links
    wanted = max(least, (links + share * around) / (1 - share))
    cut = int(wanted * _PREFIX_SLACK) + 1
    total = visible_len(text[:cut] if cut < len(text) else text)
    if _lone_known_rule(total - links, total + around, winner, settle=True):
        return True
    if cut < len(text):
        total += visible_len(text[cut:])
    return _lone_known_rule(max(total - links, 0), total + around, winner, settle=False)


def _lone_known_rule(chars: int, text: int, winner: LexborNode, settle: bool) -> bool:
    """Rule DENSITY_THEN_KNOWN of a known container holding `chars` of prose
    inside a winner holding `text` (visible_len()). Asked to `settle` from
    a part of the text, only the rule's first test is asked: the second
    reads the winner's links, once, when the whole text did not settle it."""
    if chars < thresholds.MIN_KNOWN_CONTAINER_CHARS:
        return False
    share = thresholds.KNOWN_CONTAINER_SHARE
    if chars >= share * text:
        return True
    return not settle and chars >= share * max(text - _link_chars(winner), 0)


def _holds_most_of(
    known: tuple[int, LexborNode], scored: tuple[LexborNode, ...], known_text: int
) -> bool:
    """Whether the known container (its content_chars(), the node) holds
    nearly all of the density winner's prose.

    The winner's text is mostly the known container's, measured already
    (`known_text`, its visible_len()): only the text around it is read,
    and the winner's links only when the text alone does not settle it
    (content_chars() of the winner is at most its text's visible_len()).
    """
    # Sibling sections found by density are a story cut in parts: one part's
    # known container would lose the others.
    chars, node = known
    if len(scored) != 1 or not dom.is_inside(node, scored[0]):
        return False
    winner = scored[0]
    if node.mem_id == winner.mem_id:  # the winner itself: no need to measure it again
        return True
    share = thresholds.KNOWN_CONTAINER_SHARE
    text = known_text + _visible_around(node, winner)
    if chars >= share * text:
        return True
    return chars >= share * max(text - _link_chars(winner), 0)


def known_matches(tree: LexborHTMLParser) -> list[LexborNode]:
    """The elements that KNOWN_BODY_SELECTORS match, in page order, each once.

    Those the cheaper _KNOWN_SUPERSET query finds are checked here, by the
    rules of the class, id and attribute selectors; whether a name's case
    matters depends on the page's compatibility mode, so where that alone
    decides (a class "Article-Body"), or an odd space splits a class list,
    lexbor is asked.
    """
    found: list[LexborNode] = []
    last = 0
    for node in tree.css(_KNOWN_SUPERSET):
        key = node.mem_id
        if key == last:  # found by two of the query's selectors
            continue
        last = key
        attrs = node.attributes
        known = _is_known(attrs, _KNOWN, str)
        if known is None or known != _is_known(attrs, _KNOWN_FOLDED, _ascii_lower):
            known = dom.matches_itself(node, _KNOWN_QUERY)
        if known:
            found.append(node)
    return found


def _is_known(
    attrs: dict[str, str | None], names: KnownContainers, fold: Callable[[str], str]
) -> bool | None:
    """Whether a class of the element (`fold`ed), its id or its itemprop is
    one of `names`; None when its class list holds an odd space."""
    classes, ident, itemprop = attrs.get("class"), attrs.get("id"), attrs.get("itemprop")
    if classes and _ODD_SPACE.search(classes):
        return None
    return names.matches(
        fold(classes) if classes else None,
        fold(ident) if ident else ident,
        fold(itemprop) if itemprop else itemprop,
    )


def _ascii_lower(text: str) -> str:
    """Lower case as CSS folds it: ASCII letters alone."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _override_match(tree: LexborHTMLParser, selector: str) -> LexborNode | None:
    try:
        return tree.css_first(selector)
    except (ValueError, RuntimeError):  # an invalid selector in the sites config
        return None


def _best_match(
    tree: LexborHTMLParser, selectors: tuple[str, ...]
) -> tuple[int, LexborNode] | None:
    # One query for all selectors: one pass over the tree, not one per selector.
    return _best_of(tree.css(", ".join(selectors)))


def _best_of(
    nodes: list[LexborNode], texts: dict[int, int] | None = None
) -> tuple[int, LexborNode] | None:
    """The best-holding node and its content_chars(); `texts` gets each
    node's visible_len() by its mem_id."""
    matches: list[tuple[int, LexborNode]] = []
    for node in nodes:
        chars, text = _measure(node)
        if texts is not None:
            texts[node.mem_id] = text
        if chars >= thresholds.MIN_KNOWN_CONTAINER_CHARS:
            matches.append((chars, node))
    if not matches:
        return None
    matches.sort(key=lambda item: -item[0])
    best_chars, best = matches[0]
    # Prefer the innermost match that still holds nearly all of the text:
    # wrappers add share bars and teasers around the same paragraphs.
    for chars, node in matches[1:]:
        if chars >= 0.9 * best_chars and dom.is_inside(node, best):
            best_chars, best = chars, node
    return best_chars, best


@dataclass(frozen=True, slots=True)
class BodyText:
    blocks: list[Block]
    captions: list[str]
    teaser_blocks: int  # headline-length link blocks dropped from the containers
    longest_run: int  # most prose characters in a row with no teaser between


def collect_body(containers: tuple[LexborNode, ...]) -> BodyText:
    blocks: list[Block] = []
    captions: list[str] = []
    teasers = run = longest = 0
    for container in containers:
        walker = BlockWalker(skip=_PADDED_BOILERPLATE, protect=wrapper_chars)
        collected = walker.walk(container)
        for block in collected.blocks:
            # Most blocks open with a letter or digit and hold no link: prose
            # by _is_prose's first two rules, told without the call.
            if (block.text[:1].isalnum() and not block.link_chars) or _is_prose(block):
                blocks.append(block)
                run += len(block.text) - block.link_chars
                if run > longest:
                    longest = run
            elif is_teaser(block):
                teasers += 1
                run = 0
        captions.extend(collected.captions)
    return BodyText(_dedupe(blocks), list(dict.fromkeys(captions)), teasers, longest)


def is_teaser(block: Block) -> bool:
    """A headline-length block that is (almost) all link: a teaser or related item."""
    # Most blocks asked are prose or header lines with few links: the link
    # density, one division, rules them out before their words are split.
    text = block.text
    return len(text) >= 25 and block.link_density >= 0.8 and len(text.split()) >= 5


def _is_prose(block: Block) -> bool:
    text = block.text
    # Most blocks open with a letter or digit: only the others are scanned.
    if not text[:1].isalnum() and not any(c.isalnum() for c in text):
        return False
    if not block.link_chars:  # most blocks: a density of 0 is under any limit
        return True
    limit = (
        thresholds.MAX_SHORT_BLOCK_LINK_DENSITY
        if len(text) < thresholds.SHORT_BLOCK_CHARS
        else thresholds.MAX_LINK_DENSITY
    )
    return block.link_density <= limit


def _dedupe(blocks: list[Block]) -> list[Block]:
    """Drop repeats of long blocks: a block whose casefold is longer than
    SHORT_BLOCK_CHARS and equals an earlier block's casefold.

    Casefolding long Vietnamese text cost more than the rest of the body's
    filters, and repeats are rare: blocks are first told apart by how many
    spaces they hold, then by the start of their casefolds (casefolding
    neither makes nor takes a space, so two texts that casefold alike hold as
    many spaces, and their casefolds start alike), and only then is a whole
    text casefolded. An ASCII text's casefold is its lower case, made at
    once: that costs less than the tests.
    """
    # space count -> [text, its casefold or "" until made, the start of its
    # casefold or "" until made] of the texts before
    earlier: dict[int, list[list[str]]] = {}
    kept = []
    short = thresholds.SHORT_BLOCK_CHARS
    for block in blocks:
        text = block.text
        if text.isascii():
            # Casefolding keeps an ASCII text's length, so a short ASCII block
            # has a short key: it can neither repeat nor be repeated.
            if len(text) <= short:
                kept.append(block)
                continue
            seen = [text, text.lower(), ""]
        else:
            seen = [text, "", ""]
        spaces = text.count(" ")
        group = earlier.get(spaces)
        if group is None:
            earlier[spaces] = [seen]
        elif _repeats(seen, group):
            continue
        else:
            group.append(seen)
        kept.append(block)
    return kept


# How much of a casefold's start _repeats() compares before the whole.
_KEY_START = 16


def _repeats(seen: list[str], group: list[list[str]]) -> bool:
    """Whether the text of `seen` ([text, its casefold or "", the start of
    its casefold or ""]) is long and casefolds like one of `group` (the
    texts with as many spaces before it). What is made is kept in the
    lists, for the texts after (a text here is never empty).

    Casefolding maps each character on its own, to one character or more:
    the first _KEY_START characters of a text's casefold are those of its
    first _KEY_START characters' casefold, made without reading the rest."""
    text, key, start = seen
    for other in group:
        other_text, other_key, other_start = other
        if not key or not other_key:
            if other_text != text:
                if not start:
                    start = seen[2] = text[:_KEY_START].casefold()[:_KEY_START]
                if not other_start:
                    other_start = other[2] = other_text[:_KEY_START].casefold()[:_KEY_START]
                if other_start != start:
                    continue
            if not key:
                key = seen[1] = text.casefold()
            if not other_key:
                other_key = other[1] = other_text.casefold()
        if len(key) <= thresholds.SHORT_BLOCK_CHARS:
            return False
        if other_key == key:
            return True
    return False


def is_lead_node(node: LexborNode) -> bool:
    current: LexborNode | None = node
    for _ in range(3):
        if current is None:
            return False
        if LEAD_SIGNATURE.search(dom.signature(current)):
            return True
        current = current.parent
    return False


def split_lead(blocks: list[Block], header: list[Block]) -> tuple[str | None, list[Block]]:
    """The sapo: a lead-classed block above the body, or the body's first block."""
    for block in header:
        if len(block.text) >= 40 and is_lead_node(block.node):
            return _clip_lead(block.text), blocks
    if blocks and is_lead_node(blocks[0].node) and len(blocks) > 1:
        return _clip_lead(blocks[0].text), blocks[1:]
    return None, blocks


def _clip_lead(text: str) -> str | None:
    return text if len(text) <= thresholds.MAX_LEAD_LEN else None
