"""extract_article: one page's bytes in, an Article or NotArticle out.

The page is parsed once (twice when its unchecked UTF-8 bytes gave suspect
text: see extract.charset); each field has its own layer
(structured, headline, body, published, authors, pagetype) and this module
only wires them and applies the per-site overrides where they found nothing.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom, thresholds
from extract.authors import Authorship, article_region, choose_authors, trailing_credits
from extract.blocks import Block
from extract.body import collect_body, find_containers, split_lead
from extract.bylines import parse_credit
from extract.charset import checked_parser_input, parser_input, suspect_text
from extract.dates import parse_date
from extract.errors import ExtractError
from extract.figures import extract_figures
from extract.headline import Headline, find_headline
from extract.models import Article, NotArticle, PageContext, SelectorOverrides, document_text
from extract.nesting import too_deep
from extract.pagetype import measure, rejection
from extract.published import PublishTimes, choose_times
from extract.region import header_window, meeting_point
from extract.structured import ARTICLE_TYPES, StructuredData, read_structured
from extract.text import fold, match_key

# A body's first lines are dropped while they are datelines or credits (the
# CMS put the header inside the body container); at most this many.
_MAX_LEADING_CHROME = 3
# A dateline is a date and little else: words that may stand beside the date
# ("Thứ tư", "Cập nhật lúc", "GMT+7") and at most this many other letters.
# "Tính đến ngày 31/12/2025, toàn tỉnh có 1.019 sản phẩm OCOP." is a sentence.
_DATELINE_WORDS = re.compile(
    r"thứ|hai|ba|tư|năm|sáu|bảy|chủ|nhật|ngày|tháng|giờ|phút|lúc|cập|đăng|gmt|utc|am|pm|"
    r"sáng|chiều|tối|hôm|nay|trước",
    re.IGNORECASE,
)
_DATELINE_MAX_OTHER_LETTERS = 12


def extract_article(body: bytes, ctx: PageContext) -> Article | NotArticle:
    """Extract the article on a page; NotArticle for listings, empty or non-HTML pages."""
    try:
        html = parser_input(body, ctx.headers)
    except ExtractError as error:
        return NotArticle(ctx.url, str(error), "empty" if not body or body.isspace() else "other")
    if too_deep(body):
        return NotArticle(ctx.url, "the markup nests too deep to be a readable page", "other")
    unchecked = html is body
    result, suspect = _extract_parsed(html, ctx, unchecked)
    if unchecked and suspect:
        # Unchecked bytes gave suspect text (see extract.charset).
        checked = checked_parser_input(body, ctx.headers)
        if checked is not body:
            result, _ = _extract_parsed(checked, ctx, False)
    return result


def _suspect(
    result: Article,
    document: str,
    data: StructuredData,
    region: LexborNode | None,
    body: dom.ElementText,
) -> bool:
    """Whether an article read from unchecked bytes must be read again the
    checked way (see extract.charset): the texts it keeps, the metadata and
    the article's region, where names are picked and dropped, are looked at.
    `document` is document_text() of the article: its title, lead and
    paragraphs between line breaks, which are no sign, so that it is looked
    at in their place, alone (not copied into a join with the others).
    The region's text is part of the body's: when the density walk read the
    body's text (`body`) and it holds no sign, the region's needs no read."""
    others = [
        *result.authors,
        *result.captions,
        result.section or "",
        result.source_credit or "",
    ]
    if suspect_text([document]) or suspect_text([*others, *data.texts()]):
        return True
    if region is None:
        return False
    if body.node is not None and _read_and_clean(body) and dom.is_inside(region, body.node):
        return False
    # The region's text, the longest, is looked at alone: not copied into a join.
    return suspect_text([region.text_lexbor()])


def _read_and_clean(body: dom.ElementText) -> bool:
    """Whether the body's text was read already and holds no sign."""
    return body.text is not None and not suspect_text([body.text])


def _extract_parsed(
    html: str | bytes, ctx: PageContext, check: bool
) -> tuple[Article | NotArticle, bool]:
    """One extraction from what the parser is handed (bytes or decoded text),
    and, when `check` is asked, whether it is suspect. A refusal always is:
    it rests on text lengths and link counts."""
    tree = dom.parse(html)
    if tree.body is None and tree.head is None:
        return NotArticle(ctx.url, "no HTML document in the response", "other"), check
    swept = dom.sweep(tree)
    data = read_structured(tree, swept)
    dom.remove_junk(tree, swept.junk)
    overrides = ctx.overrides or SelectorOverrides()

    headline = find_headline(tree, data, ctx.url, swept) or _override_headline(tree, overrides)
    headline_node = headline.node if headline else None
    page_text = dom.ElementText(tree.body)
    containers = find_containers(tree, overrides.body, page_text)
    container = containers[0] if containers else None
    body_text = collect_body(containers)
    blocks, captions = body_text.blocks, body_text.captions
    blocks = _drop_headline_copies(blocks, headline)
    # Where the headline and the body meet: the header and the article's
    # region (authors, _suspect) both start from it.
    meeting = (
        meeting_point(headline_node, container)
        if headline_node is not None and container is not None
        else None
    )
    first = blocks[0].node if blocks else None
    header, headline_at = header_window(headline_node, container, first, meeting)
    after_headline = header[headline_at + 1 :] if headline_at is not None else []
    lead, blocks = _lead_without_chrome(blocks, header)
    blocks, tail = trailing_credits(blocks)

    shape = measure(
        blocks,
        body_text.teaser_blocks,
        body_text.longest_run,
        after_headline,
        headline is not None,
        tree,
        visible_headline=headline_node is not None,
        article_metadata=bool(ARTICLE_TYPES.intersection(data.page_types)),
        url=ctx.url,
    )
    refused = rejection(shape)
    if refused is not None:
        page_type, reason = refused
        return NotArticle(ctx.url, reason, page_type), check  # type: ignore[arg-type]
    assert headline is not None  # rejection() refuses pages without one

    times = choose_times(data, header, ctx.fetched_at)
    times = _override_published(tree, overrides, times, ctx)
    # The region authors are looked for in, which _suspect() also reads.
    region = article_region(headline_node, container, meeting)
    authorship = choose_authors(data, ctx.url, header, region, headline_node, tail)
    authorship = _override_byline(tree, overrides, authorship)
    paragraphs = tuple(b.text for b in blocks)
    title = headline.text
    document = document_text(title, lead, paragraphs)
    published = times.published
    figures = extract_figures(
        # A prefix keeps the offsets into `document` valid.
        document[: thresholds.MAX_FIGURE_TEXT_CHARS],
        published=published.date() if published else None,
        province=ctx.province,
        headline=title,
    )
    article = Article(
        url=ctx.url,
        canonical_url=data.canonical,
        title=title,
        lead=lead,
        paragraphs=paragraphs,
        published_at=published,
        modified_at=times.modified,
        authors=authorship.authors,
        section=data.section or data.first_meta("article:section", "section", "articlesection"),
        source_credit=authorship.source_credit,
        captions=tuple(captions),
        language=data.language,
        figures=figures,
    )
    return article, check and _suspect(article, document, data, region, page_text)


def _drop_headline_copies(blocks: list[Block], headline: Headline | None) -> list[Block]:
    if headline is None:
        return blocks
    key = match_key(headline.text)
    size = len(key)
    # Block texts are folded already and casefolding never shortens a text,
    # so a block longer than the key cannot match it.
    return [b for b in blocks if len(b.text) > size or match_key(b.text) != key]


def _lead_without_chrome(
    blocks: list[Block], header: list[Block]
) -> tuple[str | None, list[Block]]:
    """The sapo and the body's blocks, datelines and credits dropped: they
    can stand before the sapo as well as after it. The second drop is asked
    only when its first block is not the one the first drop asked and kept
    (a block was taken off as the sapo, or the first drop ended at its limit)."""
    kept, settled = _drop_leading_chrome(blocks)
    lead, blocks = split_lead(kept, header)
    if blocks is not kept or not settled:
        blocks, _ = _drop_leading_chrome(blocks)
    return lead, blocks


def _drop_leading_chrome(blocks: list[Block]) -> tuple[list[Block], bool]:
    """The blocks without their leading datelines and credits, and whether
    that is settled: the first block left (if any) was asked and is no
    chrome, so that asking again, with no block taken off, keeps it."""
    dropped = 0
    while blocks and dropped < _MAX_LEADING_CHROME:
        # A dateline goes whatever else it reads as: its credit is not asked.
        if not _is_dateline(blocks[0].text) and not _is_credit(blocks[0].text):
            return blocks, True
        blocks = blocks[1:]
        dropped += 1
    return blocks, not blocks


def _is_credit(text: str) -> bool:
    """A short line naming authors and no outlet: a byline standing alone."""
    credit = parse_credit(text) if len(text) <= 60 else None
    return bool(credit and credit.authors and not credit.source)


def _is_dateline(text: str) -> bool:
    if len(text) > 60 or parse_date(text, fallback=False) is None:
        return False
    other = _DATELINE_WORDS.sub("", text)
    return sum(map(str.isalpha, other)) <= _DATELINE_MAX_OTHER_LETTERS


def _css_first(tree: LexborHTMLParser, selector: str | None) -> LexborNode | None:
    if not selector:
        return None
    try:
        return tree.css_first(selector)
    except (ValueError, RuntimeError):  # an invalid selector in the sites config
        return None


def _override_headline(tree: LexborHTMLParser, overrides: SelectorOverrides) -> Headline | None:
    node = _css_first(tree, overrides.title)
    if node is None:
        return None
    text = fold(node.text(deep=True, separator=" "))
    return Headline(text, node, "SITE_OVERRIDE") if text else None


def _override_published(
    tree: LexborHTMLParser, overrides: SelectorOverrides, times: PublishTimes, ctx: PageContext
) -> PublishTimes:
    if times.published is not None:
        return times
    node = _css_first(tree, overrides.published)
    if node is None:
        return times
    value = node.attributes.get("datetime") or node.attributes.get("content") or ""
    found = parse_date(value or fold(node.text(deep=True, separator=" ")), now=ctx.fetched_at)
    if found is None:
        return times
    return PublishTimes(found.when, times.modified, "SITE_OVERRIDE")


def _override_byline(
    tree: LexborHTMLParser, overrides: SelectorOverrides, authorship: Authorship
) -> Authorship:
    if authorship.authors:
        return authorship
    node = _css_first(tree, overrides.byline)
    credit = parse_credit(fold(node.text(deep=True, separator=" "))) if node is not None else None
    if credit is None or not credit.authors:
        return authorship
    return Authorship(credit.authors, authorship.source_credit or credit.source, "SITE_OVERRIDE")
