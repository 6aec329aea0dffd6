"""The article body: find its container, cut it into paragraphs, set the lead apart.

A text-density score over the whole page finds where the article is
(density.py); a known CMS container (itemprop=articleBody, .fck_detail ...)
inside that region is preferred when it holds nearly all of its text.
Navigation, teasers, related links, share bars and captions are dropped
(captions are kept separately).
"""

from __future__ import annotations

import re
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
# Generic semantic containers, tried after the known ones.
GENERIC_BODY_SELECTORS = ("article", "main", '[role="main"]')
# class/id of blocks inside a container that are not article text.
BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:"
    r"related|relate|relates|relatednews|tin-?lien-?quan|lien-?quan|tinlienquan|"
    r"share|sharing|social|sns|comments?|binh-?luan|advert\w*|ads?|adv|quangcao|qc|"
    r"banner\w*|promo\w*|newsletter|subscribe|subscription|tags?|keywords?|breadcrumbs?|"
    r"popup|modal|sidebar|widget|recommend\w*|read-?more|more-?news|also-?read|see-?also|"
    r"xem-?them|toolbar|print|rating|vote|cookie\w*|author-?box|hidden|sr-only|"
    r"visually-?hidden|hide|login|signup|paywall|pagination|pager|navigation|nav|menu|"
    r"follow|player|byline|author|meta|dateline|timestamp|copyright|disclaimer|"
    r"callout|link-?callout|box-?category|listing|related\w*|qa|q-?and-?a|faqs?|tips|"
    r"warnings|testimonials?|sources(?:andcitations)?|citations|references|footnotes?|"
    r"articleinfo|feedcards?\w*"
    r")(?:$|[\s_-])"
)
# class/id of the lead (sapo) paragraph.
LEAD_SIGNATURE = re.compile(
    r"sapo|(?:^|[\s_-])lead|summary|description|intro|chapeau|excerpt|standfirst|"
    r"abstract|subtitle|sub-title|teaser|hometext"  # hometext: NukeViet portals
)


def content_chars(node: LexborNode) -> int:
    """Characters of text outside links: the usual measure of prose."""
    total = visible_len(node.text(deep=True, separator=" "))
    links = sum(visible_len(a.text(deep=True, separator=" ")) for a in node.css("a"))
    return max(total - links, 0)


def wrapper_chars(total: int) -> int:
    """How much text makes a boilerplate-named element a wrapper (blocks.is_wrapper)."""
    return max(int(total * thresholds.WRAPPER_TEXT_SHARE), 1)


def find_containers(tree: LexborHTMLParser, override: str | None = None) -> tuple[LexborNode, ...]:
    """The element(s) holding the article text, in page order.

    Rule DENSITY_THEN_KNOWN: the text-density winner (density.py) decides
    where the article is; a known CMS container inside it that holds nearly
    all of its text is the tighter answer (the winner may also hold the
    headline and sapo, which have their own layers).
    """
    scorer = DensityScorer(BOILERPLATE, wrapper_chars, known=_KNOWN)
    scored = scorer.best(tree.body) if tree.body is not None else ()
    # The density walk saw every known container it walked past; one outside
    # the walked page (in a nav, a hidden box...) cannot be the article's.
    # Without a density winner, the whole page is asked.
    known = _best_of(scorer.marked) if scored else _best_match(tree, KNOWN_BODY_SELECTORS)
    if scored and known is not None and _holds_most_of(known, scored):
        return (known[1],)
    if scored:
        return scored
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


def _holds_most_of(known: tuple[int, LexborNode], scored: tuple[LexborNode, ...]) -> bool:
    # Sibling sections found by density are a story cut in parts: one part's
    # known container would lose the others.
    chars, node = known
    if len(scored) != 1 or not dom.is_inside(node, scored[0]):
        return False
    if node.mem_id == scored[0].mem_id:  # the winner itself: no need to measure it again
        return True
    return chars >= thresholds.KNOWN_CONTAINER_SHARE * content_chars(scored[0])


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


def _best_of(nodes: list[LexborNode]) -> tuple[int, LexborNode] | None:
    """The best-holding node and its content_chars()."""
    matches: list[tuple[int, LexborNode]] = []
    for node in nodes:
        chars = content_chars(node)
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
        total = len(container.text(deep=True, separator=""))
        walker = BlockWalker(skip=BOILERPLATE, protect_chars=wrapper_chars(total))
        collected = walker.walk(container)
        for block in collected.blocks:
            if _is_prose(block):
                blocks.append(block)
                run += len(block.text) - block.link_chars
                longest = max(longest, run)
            elif is_teaser(block):
                teasers += 1
                run = 0
        captions.extend(collected.captions)
    return BodyText(_dedupe(blocks), list(dict.fromkeys(captions)), teasers, longest)


def is_teaser(block: Block) -> bool:
    """A headline-length block that is (almost) all link: a teaser or related item."""
    return len(block.text) >= 25 and len(block.text.split()) >= 5 and block.link_density >= 0.8


def _is_prose(block: Block) -> bool:
    if not any(c.isalnum() for c in block.text):
        return False
    limit = (
        thresholds.MAX_SHORT_BLOCK_LINK_DENSITY
        if len(block.text) < thresholds.SHORT_BLOCK_CHARS
        else thresholds.MAX_LINK_DENSITY
    )
    return block.link_density <= limit


def _dedupe(blocks: list[Block]) -> list[Block]:
    seen: set[str] = set()
    kept = []
    for block in blocks:
        key = block.text.casefold()
        if len(key) > thresholds.SHORT_BLOCK_CHARS and key in seen:
            continue
        seen.add(key)
        kept.append(block)
    return kept


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
