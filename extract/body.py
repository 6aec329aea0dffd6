"""The article body: find its container, cut it into paragraphs, set the lead apart.

Known containers (itemprop=articleBody, .fck_detail, .detail-content ...)
are tried first; a text-density score over the whole page is the fallback.
Navigation, teasers, related links, share bars and captions are dropped
(captions are kept separately).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom, thresholds
from extract.blocks import Block, BlockWalker
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
    r"visually-?hidden|login|signup|paywall|pagination|pager|navigation|nav|menu|"
    r"follow|player|byline|author|meta|dateline|timestamp|copyright|disclaimer|"
    r"callout|link-?callout|box-?category|listing"
    r")(?:$|[\s_-])"
)
# class/id of the lead (sapo) paragraph.
LEAD_SIGNATURE = re.compile(
    r"sapo|(?:^|[\s_-])lead|summary|description|intro|chapeau|excerpt|standfirst|"
    r"abstract|subtitle|sub-title|teaser"
)
# class/id that makes a node a plausible container in the scoring fallback.
POSITIVE_SIGNATURE = re.compile(
    r"article|body|content|entry|main|page|post|text|blog|story|detail|news|chitiet|noidung"
)
NEGATIVE_SIGNATURE = re.compile(
    r"comment|meta|footer|footnote|foot|sidebar|related|share|social|widget|banner|"
    r"combx|contact|promo|sponsor|shopping|tags|tool|menu|nav|header|masthead|hidden"
)
# How many ancestors a paragraph's text counts for, when growing a container.
_MASS_DEPTH = 12
MAX_CLIMB_LINK_DENSITY = 0.35
_SCORED_SELECTOR = "p, pre, td, blockquote, div, li"
_SENTENCE_MARK = re.compile(r"[.!?:;,…”\"]")


@dataclass(frozen=True, slots=True)
class Body:
    containers: tuple[LexborNode, ...]
    blocks: tuple[Block, ...]
    captions: tuple[str, ...]
    lead: str | None


def content_chars(node: LexborNode) -> int:
    """Characters of text outside links: the usual measure of prose."""
    total = visible_len(node.text(deep=True, separator=" "))
    links = sum(visible_len(a.text(deep=True, separator=" ")) for a in node.css("a"))
    return max(total - links, 0)


def find_containers(tree: LexborHTMLParser, override: str | None = None) -> tuple[LexborNode, ...]:
    """The element(s) holding the article text, best guess first."""
    best = _best_match(tree, KNOWN_BODY_SELECTORS)
    if best is not None:
        return (best,)
    scored = _score_fallback(tree)
    if scored:
        return scored
    best = _best_match(tree, GENERIC_BODY_SELECTORS)
    if best is not None:
        return (best,)
    if override:
        found = _override_match(tree, override)
        if found is not None:
            return (found,)
    return ()


def _override_match(tree: LexborHTMLParser, selector: str) -> LexborNode | None:
    try:
        return tree.css_first(selector)
    except (ValueError, RuntimeError):  # an invalid selector in the sites config
        return None


def _best_match(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> LexborNode | None:
    matches: list[tuple[int, LexborNode]] = []
    for selector in selectors:
        for node in tree.css(selector):
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
    return best


def _score_fallback(tree: LexborHTMLParser) -> tuple[LexborNode, ...]:
    """Readability-style: paragraphs vote for their parent and grandparent; the
    winner then grows to an ancestor when the text is spread over siblings
    (sections of a how-to, several lists)."""
    scores: dict[int, float] = {}
    mass: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for para in tree.css(_SCORED_SELECTOR):
        text = _own_text(para) if para.tag in ("div", "li", "td") else para.text(deep=True)
        size = visible_len(text)
        if size < thresholds.MIN_SCORED_PARAGRAPH_CHARS:
            continue
        points = 1 + text.count(",") + min(size / 100, 3)
        parent = para.parent
        for share, node in ((1.0, parent), (0.5, parent.parent if parent else None)):
            if node is None or node.tag in ("html", "body", "-document"):
                continue
            key = node.mem_id
            if key not in scores:
                nodes[key] = node
                scores[key] = _signature_weight(node)
            scores[key] += points * share
        ancestor = parent
        for _ in range(_MASS_DEPTH):
            if ancestor is None or ancestor.tag in ("html", "body", "-document"):
                break
            mass[ancestor.mem_id] = mass.get(ancestor.mem_id, 0.0) + size
            nodes.setdefault(ancestor.mem_id, ancestor)
            ancestor = ancestor.parent
    if not scores:
        return ()
    ranked = sorted(scores, key=lambda k: -scores[k])[:5]
    adjusted = {k: scores[k] * (1 - _link_density(nodes[k])) for k in ranked}
    best = nodes[max(adjusted, key=lambda k: adjusted[k])]
    for _ in range(_MASS_DEPTH):
        parent = best.parent
        if parent is None or parent.mem_id not in mass:
            break
        gain = mass[parent.mem_id] / max(mass.get(best.mem_id, 1.0), 1.0)
        if gain < thresholds.CLIMB_MASS_GAIN or _link_density(parent) > MAX_CLIMB_LINK_DENSITY:
            break
        if NEGATIVE_SIGNATURE.search(dom.signature(parent)):
            break
        best = parent
    return (best,)


def _own_text(node: LexborNode) -> str:
    return "".join(
        child.text_content or "" for child in node.iter(include_text=True) if child.tag == "-text"
    )


def _signature_weight(node: LexborNode) -> float:
    sig = dom.signature(node)
    weight = 0.0
    if POSITIVE_SIGNATURE.search(sig):
        weight += 25
    if NEGATIVE_SIGNATURE.search(sig):
        weight -= 25
    if node.tag == "article":
        weight += 10
    return weight


def _link_density(node: LexborNode) -> float:
    total = visible_len(node.text(deep=True, separator=" "))
    if not total:
        return 1.0
    links = sum(visible_len(a.text(deep=True, separator=" ")) for a in node.css("a"))
    return min(links / total, 1.0)


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
        walker = BlockWalker(skip=BOILERPLATE, protect_chars=max(total // 2, 1))
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


def looks_like_sentence(text: str) -> bool:
    return bool(_SENTENCE_MARK.search(text))
