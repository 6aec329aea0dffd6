"""Wiring: numbers -> traps -> breakdowns -> kind, stars, qualifier, year, place.

Rules that need more than one count live here:
- a count's segment (its own words) runs from the previous count's phrase,
  or the "và" closing that phrase, to the next count (kinds.py);
- a producer count "của N chủ thể" belongs to the product count before it:
  same kind, year and place, and its star class when in the same clause;
- which counts are kept: outside a paragraph naming OCOP, a count needs a
  programme word in its sentence (công nhận, sao, phấn đấu, ...) or must be a
  part of a kept count;
- a breakdown part with no class of its own takes its parent's class;
- a list item with no marker of its own ("gồm 12 HTX, 5 doanh nghiệp và 4
  hộ") shares the kind of the item before it;
- a list of names between a count and its verb ("3 sản phẩm chiếu cói, túi
  cói được nâng hạng ...") does not cut the count off from the verb;
- a bare "N điểm" is an outlet only as a part of an outlet count ("12 điểm
  giới thiệu ..., trong đó 03 điểm tại ..."); elsewhere it is a score;
- restatements: a headline count whose value and subject the body gives
  again is the body's figure, so the headline copy is dropped; a figure
  restated without its class (same value, subject, kind, year, province as
  one with a class) is dropped too.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from extract.figures import breakdown, kinds
from extract.figures.admin import canonical_province
from extract.figures.caseless import caseless, compile_caseless, word_start
from extract.figures.normalize import NormalText, lowered, normalize
from extract.figures.numbers import RANKS, NumberToken, count_tokens
from extract.figures.places import (
    NATIONAL,
    PlaceIndex,
    Unit,
    headline_mentions,
)
from extract.figures.qualifiers import qualifier_before
from extract.figures.segment import Clauses, Span, clauses, closed_blocks, paragraphs, sentences
from extract.figures.stars import POTENTIAL_FIVE, Stars, stars_after, stars_before
from extract.figures.subjects import OUTLET, POINT, PRODUCER, PRODUCT
from extract.figures.traps import trap_reason
from extract.figures.years import YearIndex, find_marks
from extract.models import Figure

OCOP_WORDS = re.compile(r"OCOP|mỗi\s+xã\s+một\s+sản\s+phẩm", re.I)
_OCOP_CASELESS = compile_caseless(OCOP_WORDS.pattern)
# Outside a paragraph that names OCOP, a count needs one of these in its sentence.
PROGRAMME_WORDS = compile_caseless(
    rf"ocop|{word_start('sao')}(?!\w)|công\s+nhận|chứng\s+nhận|đạt\s+chuẩn|hết\s+(?:thời\s+)?hạn"
    r"|hết\s+hiệu\s+lực|đánh\s+giá|phân\s+hạng|nâng\s+hạng|chủ\s+thể|phấn\s+đấu|chỉ\s+tiêu"
    r"|mục\s+tiêu|tiềm\s+năng|nâng\s+tổng|quyết\s+định"
)
# "40 sản phẩm của 25 doanh nghiệp": the producers of the product count.
_LINKED_PRODUCER = compile_caseless(r"\s*(?:OCOP\s+)?(?:của|thuộc)\s+(?:hơn\s+|gần\s+|khoảng\s+)?$")
# "7 sản phẩm được công nhận gồm mật ong, ..., của 5 chủ thể": across a list.
_OF_PRODUCER = compile_caseless(
    rf"(?:{word_start('của')}|{word_start('thuộc')})\s+(?:hơn\s+|gần\s+|khoảng\s+)?$"
)
# "đứng thứ 2 cả nước về số lượng chủ thể": what a rank ranks.
_RANKED_NOUN = compile_caseless(r"\s*[^,.;]{0,40}?\bvề\s+(?:số\s+lượng\s+)?(?P<noun>chủ\s+thể|\S+)")
# The conjunction that closes a count's post-modifiers ("10 sản phẩm đánh giá lại và 6 ...").
_PHRASE_BREAK = compile_caseless(
    rf"(?:{word_start('và')}|{word_start('còn')}(?!\s+lại)|{word_start('cùng')}\s+với)(?!\w)|;"
)
# A predicate's first word: where a count's list of names ends.
_PREDICATE = compile_caseless(
    rf"(?:{word_start('được')}|{word_start('đã')}|{word_start('đạt')}|{word_start('vừa')}"
    rf"|{word_start('hết')}|{word_start('không')}|{word_start('tham')}\s+gia"
    rf"|{word_start('đăng')}\s+ký|{word_start('nâng')}|{word_start('có')}|{word_start('là')}"
    rf"|{word_start('sao')})(?!\w)"
)
_NAME_ITEM = re.compile(r"[^\d,;:()]{1,40}")
# Between two items of one list: a class or a filler, then a comma or "và".
_LIST_GLUE = compile_caseless(
    r"(?:[^.;:()\d]|[1-5]\s*sao){0,40}?(?:,\s*(?:và\s+)?|\s+và\s+)(?:có\s+)?"
)
DEFAULT_KIND = "total"
_LISTED_CLASS = compile_caseless(r"[,;]\s*(?:và\s+)?[1-5]\s*sao")
# How many earlier top counts a "Trong đó," sentence may refer back to by its sum.
_PARENT_LOOKBACK = 4


@dataclass(slots=True)
class _Count:
    token: NumberToken
    clause: Span
    clause_index: int
    segment_start: int
    segment_end: int
    subject: str
    kind: str = DEFAULT_KIND
    kind_is_own: bool = False
    parent: _Count | None = None
    linked_to: _Count | None = None  # a producer count attached to a product count
    linked_producer: _Count | None = None
    stars: Stars | None = None
    qualifier: str | None = None
    year: int | None = None
    place: Unit | None = None
    is_rank: bool = False

    @property
    def value(self) -> int:
        return self.token.value


class _Spans:
    """Spans (start, end) in any order, asked whether one covers a position."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(itertools.accumulate((e for _, e in ordered), max))

    def cover(self, position: int) -> bool:
        """Whether some span has start <= position < end (the furthest end among
        the spans starting at or before `position` says so)."""
        i = bisect.bisect_right(self._starts, position)
        return i > 0 and self._reach[i - 1] > position


@dataclass(slots=True)
class _Document:
    text: str
    folded: str  # the caseless text (caseless.py): what the rules' patterns read
    places: PlaceIndex
    years: YearIndex
    blocked: _Spans  # place-name spans: digits inside them are names
    tops: list[_Count] = field(default_factory=list)  # counts that are no breakdown part

    @property
    def last_top(self) -> _Count | None:
        return self.tops[-1] if self.tops else None


def extract(
    text: str,
    published: date | None,
    province: str | None,
    headline: str | None,
) -> tuple[Figure, ...]:
    if not _may_name_ocop(text):
        return ()
    norm = normalize(text)
    t = norm.text
    low = lowered(t)
    folded = caseless(t, low)
    tokens = count_tokens(t, low) + _rank_tokens(folded, low)
    if not tokens:
        return ()
    tokens.sort(key=lambda k: k.start)
    paras = paragraphs(t)
    given_headline = normalize(headline).text if headline is not None else None
    head_end = _headline_end(t, paras[0], given_headline)
    default = canonical_province(province) if province else None
    head_text = given_headline if given_headline is not None else t[: paras[0].end]
    head_mentions = headline_mentions(head_text, default)
    # Places and years are only ever looked up before a count or in its
    # paragraph: nothing after the last counted paragraph is read.
    limit = next(p.end for p in paras if p.end >= tokens[-1].start)
    blocks = closed_blocks(low, [p for p in paras if p.start <= limit])
    block_starts = [b.start for b in blocks]
    counted = sorted({bisect.bisect_right(block_starts, k.start) - 1 for k in tokens})
    places = PlaceIndex(t, low, folded, blocks, counted, head_mentions, default)
    years = YearIndex(find_marks(low, published, limit), published)
    doc = _Document(t, folded, places, years, _Spans(places.spans()))
    starts = [k.start for k in tokens]
    figures: list[Figure] = []
    for para in paras:
        if para.start > limit:
            break
        lo, hi = bisect.bisect_left(starts, para.start), bisect.bisect_left(starts, para.end)
        if lo == hi:
            continue
        ocop_paragraph = (
            folded.find("ocop", para.start, para.end) >= 0
            or _OCOP_CASELESS.search(folded, para.start, para.end) is not None
        )
        for sentence in sentences(t, para, until=starts[hi - 1]):
            s_lo = bisect.bisect_left(starts, sentence.start, lo, hi)
            s_hi = bisect.bisect_left(starts, sentence.end, lo, hi)
            if s_lo == s_hi:
                continue
            counts = _sentence_counts(doc, tokens[s_lo:s_hi], sentence, para, ocop_paragraph)
            if counts:
                written = _one_line(t[sentence.start : sentence.end])
                for count in counts:
                    figures.append(_figure(doc, count, written, norm))
    figures = _without_headline_restatements(_unique(figures), norm.original(head_end))
    return tuple(_without_classless_restatements(figures))


def _may_name_ocop(text: str) -> bool:
    """Whether OCOP_WORDS matches, without lower-casing the whole text.

    Under re.IGNORECASE the letters o, c, p and m match only their own two
    ASCII cases and ỗ only Ỗ (a test checks every character), so a match
    starts at "ocop" in some mix of cases or at an m or M before ỗ or Ỗ.
    The UTF-16 code units of an ASCII letter are the letter's byte and a
    zero; lower-casing the bytes lowers those letters (and some bytes of
    other characters, which can match only at an odd offset or before a
    non-zero byte). Encoding to UTF-16 and lower-casing bytes are quick C
    passes without the per-character work of str.lower() or of encoding to
    UTF-8. The pattern is then tried only before the few ỗ and Ỗ of the text
    (a case-insensitive search tries it at every character, about 15 ns each).
    """
    if text.isascii():  # no ỗ; lower-casing ASCII text is a quick C pass
        return "ocop" in text.lower()
    folded = text.encode("utf-16-le", "surrogatepass").lower()
    at = folded.find(_OCOP_UTF16)
    while at >= 0:
        if at % 2 == 0 and folded[at + len(_OCOP_UTF16)] == 0:
            return True
        at = folded.find(_OCOP_UTF16, at + 1)
    return any(
        text[at - 1] in "mM" and OCOP_WORDS.match(text, at - 1) is not None
        for letter in "ỗỖ"
        for at in _occurrences(text, letter, 1)
    )


# "ocop" in UTF-16-LE without its last (zero) byte: a pattern ending in a
# letter is found faster than one ending in the commonest byte.
_OCOP_UTF16 = "ocop".encode("utf-16-le")[:-1]


def _occurrences(text: str, word: str, start: int = 0) -> Iterator[int]:
    start = text.find(word, start)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def _one_line(sentence: str) -> str:
    """The sentence with each run of whitespace as one space (it has no space at either end).

    Every whitespace character but the space is unprintable, so a printable
    sentence without a double space is already on one line: two quick C scans
    instead of splitting and joining every sentence that holds a figure.
    """
    if "  " not in sentence and sentence.isprintable():
        return sentence
    return " ".join(sentence.split())


def _headline_end(text: str, first: Span, headline: str | None) -> int:
    """End of the headline inside the text: its first paragraph, when that is
    the headline (`headline` is normalised already)."""
    if headline is None:
        return first.end
    written = " ".join(text[first.start : first.end].split())
    return first.end if written == " ".join(headline.split()) else 0


def _rank_tokens(folded: str, low: str) -> list[NumberToken]:
    found: list[NumberToken] = []
    for match in itertools.chain.from_iterable(p.finditer(low) for p in RANKS):
        noun = _RANKED_NOUN.match(folded, match.end())
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
    t = doc.folded
    spans = clauses(t, sentence)
    clause_starts = spans.starts
    cover = doc.blocked.cover
    tokens = [k for k in tokens if not cover(k.start)]
    if any(k.subject == POINT for k in tokens):
        tokens = _outlet_points(tokens)
    counts: list[_Count] = []
    for token in tokens:
        index = max(0, bisect.bisect_right(clause_starts, token.start) - 1)
        clause = spans[index]
        counts.append(
            _Count(
                token,
                clause,
                index,
                clause.start,
                clause.end,
                token.subject,
                is_rank=token.is_rank,
            )
        )
    _set_segments(t, counts)
    _extend_over_name_lists(t, counts, spans)
    _link_producers(t, counts)
    programme = ocop_paragraph or PROGRAMME_WORDS.search(t, sentence.start, sentence.end)
    kept = [c for c in counts if _not_trapped(doc, c)]
    _assign_parents(doc, kept, sentence)
    kept = [c for c in kept if _in_programme(doc, c, bool(programme)) and _resolve_point(c)]
    doc.tops.extend(c for c in kept if c.parent is None and c.linked_to is None)
    previous: _Count | None = None
    for count in kept:
        _assign_kind(t, count, sentence, spans, previous)
        previous = count
    _apply_new_total(kept)
    for count in kept:
        _assign_details(doc, count, sentence, paragraph)
    return kept


def _set_segments(text: str, counts: list[_Count]) -> None:
    for before, after in itertools.pairwise(counts):
        if before.clause is not after.clause and before.clause != after.clause:
            continue
        gap_start, gap_end = before.token.noun_end, after.token.start
        last_break = None
        for match in _PHRASE_BREAK.finditer(text, gap_start, gap_end):
            last_break = match
        if last_break is not None:
            before.segment_end = last_break.start()
            after.segment_start = last_break.end()
        else:
            before.segment_end = after.token.start
            after.segment_start = gap_start


def _outlet_points(tokens: list[NumberToken]) -> list[NumberToken]:
    """Bare "N điểm" tokens only after an outlet count of the sentence; else scores."""
    kept: list[NumberToken] = []
    seen_outlet = False
    for token in tokens:
        seen_outlet = seen_outlet or token.subject == OUTLET
        if token.subject != POINT or seen_outlet:
            kept.append(token)
    return kept


def _extend_over_name_lists(text: str, counts: list[_Count], spans: Clauses) -> None:
    """ "3 sản phẩm chiếu cói, túi cói và hộp cói được nâng hạng ...": the list of
    names splits the count from its predicate; the count's words run on to it."""
    for i, count in enumerate(counts):
        nxt = count.clause_index + 1
        if count.segment_end != count.clause.end or nxt >= len(spans):
            continue
        if i + 1 < len(counts) and counts[i + 1].clause_index <= nxt:
            continue
        if _PREDICATE.search(text, count.token.noun_end, count.segment_end):
            continue
        following_start, following_end = spans.starts[nxt], spans.ends[nxt]
        verb = _PREDICATE.search(text, following_start, following_end)
        if verb is not None and _NAME_ITEM.fullmatch(text, following_start, verb.start()):
            count.segment_end = following_end


def _link_producers(text: str, counts: list[_Count]) -> None:
    for product, producer in itertools.pairwise(counts):
        if product.subject != PRODUCT or producer.subject != PRODUCER or product.is_rank:
            continue
        if product.clause == producer.clause and _LINKED_PRODUCER.fullmatch(
            text, product.token.noun_end, producer.token.start
        ):
            product.segment_end = producer.segment_end
        elif not _OF_PRODUCER.search(text, max(0, producer.token.start - 24), producer.token.start):
            continue
        producer.linked_to = product
        product.linked_producer = producer


def _not_trapped(doc: _Document, count: _Count) -> bool:
    token = count.token
    if count.is_rank:
        return True
    reason = trap_reason(
        doc.folded,
        number_start=token.start,
        noun_end=token.noun_end,
        subject=count.subject,
        clause_start=count.clause.start,
        segment_end=count.segment_end,
        clause_end=count.clause.end,
    )
    return reason is None


def _in_programme(doc: _Document, count: _Count, programme: bool) -> bool:
    """Outside OCOP wording, only parts of a kept count and starred products stay."""
    if programme:
        return True
    if count.is_rank:
        return False
    if count.linked_to is not None or count.parent is not None:
        return True
    t = doc.folded
    token = count.token
    return (
        count.subject == PRODUCT and stars_after(t, token.noun_end, count.segment_end) is not None
    )


def _resolve_point(count: _Count) -> bool:
    """A bare "N điểm" stays only as a part of an outlet count."""
    if count.subject != POINT:
        return True
    if count.parent is not None and count.parent.subject == OUTLET:
        count.subject = OUTLET
        return True
    return False


def _assign_parents(doc: _Document, counts: list[_Count], sentence: Span) -> None:
    t = doc.folded
    previous: _Count | None = None
    referred = _referred_parent(doc, counts, sentence)
    if referred is not None:
        counts[0].parent = referred
        previous = counts[0]
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


def _referred_parent(doc: _Document, counts: list[_Count], sentence: Span) -> _Count | None:
    """The earlier count a breakdown sentence ("Trong đó, ...") splits, if any."""
    if not counts or counts[0].is_rank or counts[0].linked_to is not None or not doc.tops:
        return None
    named = breakdown.named_whole(doc.folded, sentence.start, counts[0].token.start)
    if named is not None:
        return _recent_top(doc, lambda top: top.value == named)
    if not breakdown.opens_breakdown_sentence(doc.text, sentence.start):
        return None
    parts = [c for c in counts if c.linked_to is None and not c.is_rank]
    total = sum(c.value for c in parts if c.subject == parts[0].subject)
    by_sum = _recent_top(doc, lambda top: top.value == total and top.subject == parts[0].subject)
    return by_sum or doc.last_top


def _recent_top(doc: _Document, wanted: object) -> _Count | None:
    for top in reversed(doc.tops[-_PARENT_LOOKBACK:]):
        if wanted(top):  # type: ignore[operator]
            return top
    return None


def _assign_kind(
    text: str, count: _Count, sentence: Span, spans: Clauses, previous: _Count | None
) -> None:
    if count.is_rank:
        count.kind, count.kind_is_own = "rank", True
        return
    if count.linked_to is not None:
        return  # set from the product count in _apply_new_total
    producer = count.linked_producer
    after_start = count.token.noun_end
    if producer is not None and producer.clause == count.clause:
        after_start = producer.token.noun_end
    previous_clause = None
    if (
        count.parent is None
        and count.clause_index > 0
        and kinds.CONTINUATION.match(text, count.clause.start)
    ):
        previous_clause = spans.starts[count.clause_index - 1]
    context = kinds.KindContext(
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        clause_start=count.clause.start,
        segment_start=count.segment_start,
        number_start=count.token.start,
        noun_end=count.token.noun_end,
        after_start=after_start,
        segment_end=count.segment_end,
        previous_clause_start=previous_clause,
    )
    own = kinds.own_kind(text, context, is_part=count.parent is not None)
    if own is not None:
        count.kind, count.kind_is_own = own, True
    elif count.parent is not None:
        count.kind = count.parent.kind
    elif _listed_after(text, previous, count):
        count.kind = previous.kind  # type: ignore[union-attr]
    else:
        count.kind = kinds.sentence_kind(text, context) or DEFAULT_KIND


def _listed_after(text: str, previous: _Count | None, count: _Count) -> bool:
    """ "gồm 12 hợp tác xã, 5 doanh nghiệp và 4 hộ": a list item with no marker of
    its own shares the kind of the item before it."""
    return (
        previous is not None
        and not previous.is_rank
        and previous.linked_to is None
        and previous.subject == count.subject
        and _LIST_GLUE.fullmatch(text, previous.token.noun_end, count.token.start) is not None
    )


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
    t = doc.folded
    token = count.token
    count.qualifier, qualifier_start = qualifier_before(t, token.start, count.segment_start)
    if count.linked_to is not None:
        if count.linked_to.clause == count.clause:
            count.stars = count.linked_to.stars
    elif not count.is_rank and count.subject != OUTLET:
        count.stars = _stars(t, count, qualifier_start)
        if count.stars is None and count.parent is not None:
            count.stars = count.parent.stars
    if count.kind == "candidate" and POTENTIAL_FIVE.search(
        t, count.segment_start, count.segment_end
    ):
        count.stars = (5, 5)
    if count.linked_to is not None:
        count.year, count.place = count.linked_to.year, count.linked_to.place
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
    # _LISTED_CLASS opens with "," or ";": only then is it asked.
    if stop == count.segment_end and text.startswith((",", ";"), stop):
        listed = _LISTED_CLASS.match(text, stop)
        if listed:
            stop = listed.end()  # "3 sao, 4 sao": the list crosses the clause comma
    found = stars_after(text, token.noun_end, stop)
    if found is None:
        found = stars_before(text, qualifier_start, count.clause.start - 12)
    return found


def _figure(doc: _Document, count: _Count, sentence: str, norm: NormalText) -> Figure:
    place = count.place
    province = None
    if place is not None and place.level != NATIONAL:
        province = place.province or doc.places.context_province
    stars = count.stars or (None, None)
    start, end = count.token.start, count.token.end
    if norm.origin is not None:  # NormalText.original, inline: most texts need no map
        start, end = norm.origin[start], norm.origin[end]
    # Positional: a call with thirteen keywords matches each name to its parameter.
    return Figure(
        count.token.value,
        count.subject,  # type: ignore[arg-type]
        count.kind,  # type: ignore[arg-type]
        stars[0],
        stars[1],
        count.qualifier,  # type: ignore[arg-type]
        count.year,
        place.text if place else None,
        place.level if place else None,  # type: ignore[arg-type]
        province,
        sentence,
        start,
        end,
    )


def _unique(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple[int, int]] = set()
    out: list[Figure] = []
    for figure in figures:
        if (figure.start, figure.end) not in seen:
            seen.add((figure.start, figure.end))
            out.append(figure)
    return out


def _without_headline_restatements(figures: list[Figure], head_end: int) -> list[Figure]:
    body = {(f.value, f.subject) for f in figures if f.start >= head_end}
    return [f for f in figures if f.start >= head_end or (f.value, f.subject) not in body]


def _without_classless_restatements(figures: list[Figure]) -> list[Figure]:
    """ "7 sản phẩm được công nhận gồm ..." after "công nhận 7 sản phẩm đạt 3 sao":
    the same figure restated without its class is not another figure."""
    with_class = {
        (f.value, f.subject, f.kind, f.year, f.province) for f in figures if f.min_stars is not None
    }
    return [
        f
        for f in figures
        if f.min_stars is not None
        or (f.value, f.subject, f.kind, f.year, f.province) not in with_class
    ]
