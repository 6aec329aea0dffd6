"""Wiring: numbers -> traps -> breakdowns -> kind, stars, qualifier, year, place."""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from datetime import date

from extract.figures import breakdown, kinds
from extract.figures.admin import canonical_province
from extract.figures.normalize import NormalText, lowered, normalize
from extract.figures.numbers import RANK, NumberToken, count_tokens
from extract.figures.places import NATIONAL, PlaceIndex, Unit, find_mentions
from extract.figures.qualifiers import qualifier_before
from extract.figures.segment import BREAKDOWN_SENTENCE_OPENER, Span, clauses, paragraphs, sentences
from extract.figures.stars import POTENTIAL_FIVE, Stars, stars_after, stars_before
from extract.figures.subjects import PRODUCER, PRODUCT
from extract.figures.traps import trap_reason
from extract.figures.years import YearIndex, find_marks
from extract.models import Figure

OCOP_WORDS = re.compile(r"OCOP|mỗi\s+xã\s+một\s+sản\s+phẩm", re.I)
# "40 sản phẩm của 25 doanh nghiệp": the producers of the product count.
_LINKED_PRODUCER = re.compile(r"\s*(?:OCOP\s+)?(?:của|thuộc)\s+(?:hơn\s+|gần\s+|khoảng\s+)?$", re.I)
# "đứng thứ 2 cả nước về số lượng chủ thể": what a rank ranks.
_RANKED_NOUN = re.compile(r"\s*[^,.;]{0,40}?\bvề\s+(?:số\s+lượng\s+)?(?P<noun>chủ\s+thể|\S+)", re.I)
DEFAULT_KIND = "total"
_LISTED_CLASS = re.compile(r"[,;]\s*(?:và\s+)?[1-5]\s*sao", re.I)


@dataclass(slots=True)
class _Count:
    token: NumberToken
    clause: Span
    segment_start: int
    segment_end: int
    kind: str = DEFAULT_KIND
    kind_is_own: bool = False
    parent: _Count | None = None
    linked_to: _Count | None = None  # a producer count attached to a product count
    stars: Stars | None = None
    qualifier: str | None = None
    year: int | None = None
    place: Unit | None = None
    is_rank: bool = False


@dataclass(slots=True)
class _Document:
    text: str
    places: PlaceIndex
    years: YearIndex
    blocked: list[tuple[int, int]]  # place-name spans: digits inside them are names
    last_top: _Count | None = None


def extract(
    text: str,
    published: date | None,
    province: str | None,
    headline: str | None,
) -> tuple[Figure, ...]:
    if not OCOP_WORDS.search(text):
        return ()
    norm = normalize(text)
    t = norm.text
    paras = paragraphs(t)
    if not paras:
        return ()
    if headline is not None:
        head_text = normalize(headline).text
        head_mentions = find_mentions(head_text)
    else:
        head_mentions = find_mentions(t, paras[0].start, paras[0].end)
    mentions = find_mentions(t)
    default = canonical_province(province) if province else None
    places = PlaceIndex(t, mentions, head_mentions, default)
    low = lowered(t)
    years = YearIndex(find_marks(low, published), published)
    doc = _Document(t, places, years, places.spans())
    tokens = count_tokens(t, low) + _rank_tokens(t)
    tokens.sort(key=lambda k: k.start)
    starts = [k.start for k in tokens]
    figures: list[Figure] = []
    for para in paras:
        lo, hi = bisect.bisect_left(starts, para.start), bisect.bisect_left(starts, para.end)
        if lo == hi:
            continue
        ocop_paragraph = OCOP_WORDS.search(t, para.start, para.end) is not None
        for sentence in sentences(t, para):
            s_lo = bisect.bisect_left(starts, sentence.start, lo, hi)
            s_hi = bisect.bisect_left(starts, sentence.end, lo, hi)
            if s_lo == s_hi:
                continue
            counts = _sentence_counts(doc, tokens[s_lo:s_hi], sentence, para, ocop_paragraph)
            figures.extend(_figure(doc, c, sentence, norm) for c in counts)
    return tuple(_unique(figures))


def _rank_tokens(text: str) -> list[NumberToken]:
    found: list[NumberToken] = []
    for match in RANK.finditer(text):
        noun = _RANKED_NOUN.match(text, match.end())
        subject = PRODUCT
        if noun is not None and noun.group("noun").lower().startswith("chủ"):
            subject = PRODUCER
        found.append(
            NumberToken(
                int(match.group("num")),
                match.start("num"),
                match.end("num"),
                subject,
                match.end(),
                is_ratio=False,
                is_rank=True,
            )
        )
    return found


def _sentence_counts(
    doc: _Document,
    tokens: list[NumberToken],
    sentence: Span,
    paragraph: Span,
    ocop_paragraph: bool,
) -> list[_Count]:
    t = doc.text
    spans = clauses(t, sentence)
    clause_starts = [c.start for c in spans]
    tokens = [k for k in tokens if not _inside(k.start, doc.blocked)]
    counts: list[_Count] = []
    for i, token in enumerate(tokens):
        clause = spans[max(0, bisect.bisect_right(clause_starts, token.start) - 1)]
        prev_end = tokens[i - 1].noun_end if i > 0 else clause.start
        next_start = tokens[i + 1].start if i + 1 < len(tokens) else clause.end
        counts.append(
            _Count(
                token,
                clause,
                max(clause.start, prev_end),
                min(clause.end, next_start),
                is_rank=token.is_rank,
            )
        )
    _link_producers(t, counts)
    kept = [c for c in counts if _keeps(doc, c, ocop_paragraph)]
    _assign_parents(doc, kept, sentence)
    for count in kept:
        _assign_kind(t, count, sentence)
    _apply_new_total(kept)
    for count in kept:
        _assign_details(doc, count, sentence, paragraph)
    return kept


def _link_producers(text: str, counts: list[_Count]) -> None:
    for product, producer in itertools.pairwise(counts):
        if (
            product.token.subject == PRODUCT
            and producer.token.subject == PRODUCER
            and product.clause == producer.clause
            and _LINKED_PRODUCER.fullmatch(text, product.token.noun_end, producer.token.start)
        ):
            producer.linked_to = product
            product.segment_end = producer.segment_end


def _keeps(doc: _Document, count: _Count, ocop_paragraph: bool) -> bool:
    t = doc.text
    token = count.token
    if count.is_rank:
        return ocop_paragraph
    reason = trap_reason(
        t,
        number_start=token.start,
        noun_end=token.noun_end,
        subject=token.subject,
        clause_start=count.clause.start,
        segment_end=count.segment_end,
        clause_end=count.clause.end,
    )
    if reason is not None:
        return False
    if count.linked_to is not None:
        return True
    if ocop_paragraph:
        return True
    return (
        token.subject == PRODUCT and stars_after(t, token.noun_end, count.segment_end) is not None
    )


def _assign_parents(doc: _Document, counts: list[_Count], sentence: Span) -> None:
    t = doc.text
    previous: _Count | None = None
    if BREAKDOWN_SENTENCE_OPENER.match(t, sentence.start) and doc.last_top is not None:
        previous = doc.last_top
        if counts and not counts[0].is_rank:
            counts[0].parent = previous
        previous = counts[0] if counts else None
    for count in counts:
        if count.linked_to is not None or count.is_rank or count.parent is not None:
            previous = count if count.parent is not None else previous
            continue
        if previous is not None and previous.linked_to is None:
            gap_start = previous.token.noun_end
            if breakdown.opener_between(t, gap_start, count.token.start) is not None:
                count.parent = previous
            elif previous.parent is not None and not breakdown.closes_between(
                t, gap_start, count.token.start
            ):
                count.parent = previous.parent
        previous = count
        if count.parent is None:
            doc.last_top = count


def _assign_kind(text: str, count: _Count, sentence: Span) -> None:
    if count.is_rank:
        count.kind, count.kind_is_own = "rank", True
        return
    anchor = count.linked_to or count
    context = kinds.KindContext(
        sentence_start=sentence.start,
        clause_start=anchor.clause.start,
        segment_start=anchor.segment_start,
        number_start=anchor.token.start,
        noun_end=anchor.token.noun_end,
        segment_end=anchor.segment_end,
    )
    if count.linked_to is not None:
        count.kind, count.kind_is_own = anchor.kind, anchor.kind_is_own
        return
    own = kinds.own_kind(text, context)
    if own is not None:
        count.kind, count.kind_is_own = own, True
    elif count.parent is not None:
        count.kind = count.parent.kind
    else:
        count.kind = kinds.sentence_kind(text, context) or DEFAULT_KIND


def _apply_new_total(counts: list[_Count]) -> None:
    """ "có 3 ..., nâng tổng số lên 5": the count before the new total is new."""
    for i, count in enumerate(counts):
        if count.kind != "total" or not count.kind_is_own or count.parent is not None:
            continue
        for earlier in reversed(counts[:i]):
            if earlier.parent is not None or earlier.linked_to is not None:
                continue
            if earlier.kind == "total" and not earlier.kind_is_own:
                earlier.kind = "recognized"
            break
    for count in counts:
        if count.linked_to is not None:
            count.kind = count.linked_to.kind


def _assign_details(doc: _Document, count: _Count, sentence: Span, paragraph: Span) -> None:
    t = doc.text
    token = count.token
    count.qualifier, qualifier_start = qualifier_before(t, token.start, count.segment_start)
    if count.linked_to is not None:
        count.stars = count.linked_to.stars
    elif not count.is_rank and token.subject != "outlet":
        count.stars = _stars(t, count, qualifier_start)
    if count.kind == "candidate" and POTENTIAL_FIVE.search(
        t, count.segment_start, count.segment_end
    ):
        count.stars = (5, 5)
    owner = count.linked_to or count.parent
    if owner is not None and count.linked_to is not None:
        count.year, count.place = owner.year, owner.place
        return
    if count.parent is not None:
        count.year = count.parent.year
        own_place = doc.places.in_clause(Span(count.segment_start, count.segment_end), token.start)
        count.place = own_place or count.parent.place
        return
    count.year = doc.years.resolve(count.kind, token.start, count.clause, sentence)
    count.place = (
        doc.places.in_clause(count.clause, token.start)
        or doc.places.in_paragraph(paragraph, count.clause.start)
        or doc.places.fallback()
    )


def _stars(text: str, count: _Count, qualifier_start: int) -> Stars | None:
    token = count.token
    stop = breakdown.first_opener_after(text, token.noun_end, count.segment_end)
    listed = _LISTED_CLASS.match(text, stop)
    if listed and stop == count.segment_end:
        stop = listed.end()  # "3 sao, 4 sao": the list crosses the clause comma
    found = stars_after(text, token.noun_end, stop)
    if found is None:
        found = stars_before(text, qualifier_start, count.clause.start - 12)
    return found


def _figure(doc: _Document, count: _Count, sentence: Span, norm: NormalText) -> Figure:
    place = count.place
    province = None
    if place is not None and place.level != NATIONAL:
        province = place.province or doc.places.context_province
    stars = count.stars or (None, None)
    return Figure(
        value=count.token.value,
        subject=count.token.subject,  # type: ignore[arg-type]
        kind=count.kind,  # type: ignore[arg-type]
        min_stars=stars[0],
        max_stars=stars[1],
        qualifier=count.qualifier,  # type: ignore[arg-type]
        year=count.year,
        place_text=place.text if place else None,
        place_level=place.level if place else None,  # type: ignore[arg-type]
        province=province,
        sentence=" ".join(doc.text[sentence.start : sentence.end].split()),
        start=norm.original(count.token.start),
        end=norm.original(count.token.end),
    )


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= position < e for s, e in spans)


def _unique(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple[int, int]] = set()
    out: list[Figure] = []
    for figure in figures:
        if (figure.start, figure.end) not in seen:
            seen.add((figure.start, figure.end))
            out.append(figure)
    return out
