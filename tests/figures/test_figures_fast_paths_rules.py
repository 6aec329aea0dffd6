"""The per-count rules' fast paths decide exactly as their plain forms do.

own_kind asks one alternation of its segment markers before the markers
themselves, walks matches with search() instead of finditer(), asks a few
patterns only when the text holds one of their words and tests the segment
before the sentence for a plan's categories; trap_reason skips its rule loops
when no rule's word is there; the breakdown and star helpers skip what cannot
match. Each fast path is compared here with the straightforward form on
adversarial text built from the rules' own words.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.figures import breakdown, extractor, kinds, traps
from extract.figures.caseless import caseless
from extract.figures.numbers import NumberToken
from extract.figures.segment import Span
from extract.figures.stars import Stars, stars_after, stars_before
from extract.figures.subjects import PRODUCER, PRODUCT

# The rules' phrases as units (so that texts hold whole markers often), with
# words that negate, frame or end them, and glue that may fuse them.
_RULE_PHRASES = (
    *("công nhận lại", "đánh giá lại", "cấp lại", "tái chứng nhận", "gia hạn", "hết thời hạn"),
    *("hết hiệu lực", "thu hồi", "không tham gia đánh giá lại", "do", "vì", "sau khi"),
    *("tiềm năng", "đề nghị", "đề xuất", "tham gia đánh giá", "dự thi", "đăng ký"),
    *("trình Hội đồng", "chấm điểm", "đề nghị Hội đồng", "trình lên Bộ", "xem xét"),
    *("phấn đấu", "chỉ tiêu", "kế hoạch", "mục tiêu", "sẽ", "định hướng tới", "đề ra"),
    *("vượt", "hoàn thành", "theo", "của", "so với", "đã", "Đã", "vừa", "mới"),
    *("nâng hạng", "nâng sao", "được nâng lên", "lên hạng", "nâng tổng số", "nâng tổng"),
    *("tổng số", "hiện có", "hiện nay", "đến nay", "toàn tỉnh có", "đã có", "như vậy"),
    *("thực hiện", "hiện", "Hiện", "Đến nay", "công nhận", "chứng nhận", "thêm", "đạt"),
    *("xếp hạng", "công nhận mới", "mới được", "lần đầu", "được công nhận", "đạt chuẩn"),
    *("năm 2025", "đợt 2", "Kết quả", "theo quyết định", "đạt 57% kế hoạch", "gồm"),
    *("bao gồm", "Trong đó", "(", ")", "3", "12", "sản phẩm", "OCOP", "4 sao", "và"),
    *("các", "xã", "trong số 3", "duy nhất", "không đạt", "chưa đáp ứng", "bị loại"),
    *("%", "mỗi xã", "lần thứ", "Quyết định số", "tăng thêm", "số 02 đường", "nông sản"),
    *("hội chợ", "sàn", "từ 5 -", "hơn", "khoảng", "ít nhất", "3 sao, 4 sao", "; và 5 sao"),
    *("lên 4 sao", "cấp quốc gia", "từ 3 sao trở lên", "_", "hết", "nghị"),
)
_GLUE = st.sampled_from([" ", " ", ", ", ",", ". ", "\n", "", "  "])
# Caseless text, as the rules read it (the extractor hands them the folded text).
_TEXTS = st.lists(st.tuples(st.sampled_from(_RULE_PHRASES), _GLUE), max_size=16).map(
    lambda pairs: caseless("".join(word + glue for word, glue in pairs))
)


@st.composite
def _contexts(draw: st.DrawFn) -> tuple[str, kinds.KindContext, bool]:
    """A text and ordered offsets into it, as _assign_kind builds them."""
    text = draw(_TEXTS)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=8, max_size=8)))
    sentence_start, clause_start, segment_start, number_start = cuts[:4]
    noun_end, after_start, segment_end, sentence_end = cuts[4:]
    previous = draw(st.none() | st.integers(sentence_start, clause_start))
    context = kinds.KindContext(
        sentence_start=sentence_start,
        sentence_end=sentence_end,
        clause_start=clause_start,
        segment_start=segment_start,
        number_start=number_start,
        noun_end=noun_end,
        after_start=after_start,
        segment_end=segment_end,
        previous_clause_start=previous,
    )
    return text, context, draw(st.booleans())


def _case(
    sentence: str, clause: str, number: str, *, is_part: bool = False
) -> tuple[str, kinds.KindContext, bool]:
    """A whole-sentence context: the clause opens at `clause`, the count at `number`."""
    text = caseless(sentence)
    clause_start = text.index(caseless(clause))
    number_start = text.index(number, clause_start)
    noun_end = number_start + len(number)
    context = kinds.KindContext(
        sentence_start=0,
        sentence_end=len(text),
        clause_start=clause_start,
        segment_start=clause_start,
        number_start=number_start,
        noun_end=noun_end,
        after_start=noun_end,
        segment_end=len(text),
    )
    return text, context, is_part


# ---- the plain forms: the rules as written before their fast paths ----------


def _plain_target_in(text: str, start: int, end: int) -> bool:
    for match in kinds.TARGET.finditer(text, start, end):
        if not kinds.TARGET_NEGATED.search(text, max(start, match.start() - 20), match.start()):
            return True
    return False


def _plain_expired(segment: str) -> bool:
    for match in kinds.EXPIRED.finditer(segment):
        if not kinds.EXPIRY_AS_REASON.search(segment, max(0, match.start() - 12), match.start()):
            return True
    return False


def _plain_last_end(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for match in pattern.finditer(text):
        last = match.end()
    return last


def _plain_own_kind(text: str, c: kinds.KindContext, *, is_part: bool) -> str | None:
    k = kinds
    segment = text[c.segment_start : c.segment_end]
    before = text[c.segment_start : c.number_start]
    renewed = k.RERECOGNIZED.search(segment) is not None
    if k.RERECOGNIZED.search(before) and not _plain_target_in(
        text, c.sentence_start, c.number_start
    ):
        return "rerecognized"
    if _plain_expired(segment):
        return "expired"
    if k.CANDIDATE.search(segment):
        return "candidate"
    if _plain_target_in(text, c.clause_start, c.number_start):
        return "target"
    clause = text[c.clause_start : c.number_start]
    if not k.DONE.search(clause):
        if k.PROPOSAL.search(text, c.sentence_start, c.clause_start):
            return "candidate"
        if _plain_target_in(text, c.sentence_start, c.clause_start) and (
            renewed or k.UPGRADED.search(segment) or k.RECOGNIZED.search(segment)
        ):
            return "target"
    if renewed:
        return "rerecognized"
    if k.UPGRADED.search(segment):
        return "upgraded"
    if k.NEW_TOTAL.search(before):
        return "total"
    total = _plain_last_end(k.TOTAL, before)
    recognized = _plain_last_end(k.RECOGNIZED, before)
    if total > recognized:
        if not is_part and k._round_result(text, c):
            return "recognized"
        return "total"
    if recognized >= 0:
        if (
            k.NOW_OPENER.match(text[c.sentence_start : c.clause_start + 1])
            and not k.RECOGNIZED_STRONG.search(before)
            and not k.PLAN_PROGRESS.search(text, c.number_start, c.sentence_end)
        ):
            return "total"
        return "recognized"
    if k.RECOGNIZED_AFTER.match(text[c.after_start : c.segment_end]):
        return "recognized"
    if k.RECOGNIZED_LATER.search(text, c.after_start, c.segment_end):
        return "recognized"
    if is_part:
        return None
    if k._round_result(text, c):
        return "recognized"
    if c.previous_clause_start is not None:
        return k._heading_kind(text[c.previous_clause_start : c.clause_start])
    return None


def _plain_sentence_kind(text: str, c: kinds.KindContext) -> str | None:
    k = kinds
    clause = text[c.clause_start : c.number_start]
    if not k.DONE.search(clause) and _plain_target_in(text, c.sentence_start, c.clause_start):
        return "target"
    head = text[c.sentence_start : c.number_start]
    if k.RESULT_OPENER.match(head):
        return "recognized"
    if k.NOW_OPENER.match(head):
        return "total"
    if k.TOTAL.search(text, c.sentence_start, c.clause_start):
        return "total"
    return None


def _plain_trap_reason(
    text: str, number_start: int, noun_end: int, subject: str, ends: tuple[int, int, int]
) -> str | None:
    clause_start, segment_end, clause_end = ends
    before = text[max(clause_start, number_start - 60) : number_start]
    for name, pattern in traps._BEFORE.items():
        if pattern.search(before):
            return name
    after = text[noun_end:segment_end]
    for name, pattern in traps._AFTER.items():
        if pattern.search(after):
            return name
    if subject == PRODUCT:
        if traps._NON_OCOP_PRODUCT.match(after):
            return "non_ocop_product"
        if traps._CHANNEL.search(text, clause_start, clause_end):
            return "channel"
    return None


def _plain_opener_between(text: str, start: int, end: int) -> int | None:
    last = None
    for match in breakdown.OPENER.finditer(text, start, end):
        last = match.start()
    return last


# ---- the comparisons -------------------------------------------------------


@settings(max_examples=600, deadline=None)
@given(_contexts())
@example(_case("Kế hoạch năm 2025, đánh giá lại 60 sản phẩm", "đánh", "60"))
@example(_case("Năm 2025, có 11 sản phẩm hết thời hạn", "có", "11"))
@example(_case("Năm 2025, có 11 sản phẩm đánh giá lại do hết hạn", "có", "11"))
@example(_case("Phấn đấu năm 2025, 6 sản phẩm nâng hạng", "6", "6"))
@example(_case("Tỉnh đề nghị Hội đồng, công nhận 2 sản phẩm tiềm năng", "công", "2"))
@example(_case("Đến nay, tỉnh đã công nhận 96 sản phẩm", "tỉnh", "96"))
def test_a_counts_own_kind_is_the_one_the_plain_rules_give(
    drawn: tuple[str, kinds.KindContext, bool],
) -> None:
    text, context, is_part = drawn
    assert kinds.own_kind(text, context, is_part=is_part) == _plain_own_kind(
        text, context, is_part=is_part
    )


@settings(max_examples=300, deadline=None)
@given(_contexts())
def test_a_counts_sentence_kind_is_the_one_the_plain_rules_give(
    drawn: tuple[str, kinds.KindContext, bool],
) -> None:
    text, context, _ = drawn
    assert kinds.sentence_kind(text, context) == _plain_sentence_kind(text, context)


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example(caseless("công nhận lại"))
@example(caseless("hết thời hạn"))
@example(caseless("tham gia đánh giá"))
@example(caseless("được nâng lên"))
def test_the_segment_marker_alternation_matches_where_any_of_its_markers_does(text: str) -> None:
    markers = (kinds.RERECOGNIZED, kinds.EXPIRED, kinds.CANDIDATE, kinds.UPGRADED)
    found = kinds.SEGMENT_MARKER.search(text) is not None
    assert found == any(p.search(text) is not None for p in markers)


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.integers(0, 200), st.integers(0, 200))
@example(caseless("vượt kế hoạch, phấn đấu"), 0, 23)
@example(caseless("gồm 3 (trong đó 2"), 0, 17)
@example(caseless("do hết hạn, thu hồi"), 0, 19)
@example(caseless("công nhận,thêm"), 0, 14)
def test_walking_matches_by_search_finds_what_finditer_finds(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    assert kinds._target_in(text, start, end) == _plain_target_in(text, start, end)
    assert kinds._expired(text[start:end]) == _plain_expired(text[start:end])
    for pattern in (kinds.TOTAL, kinds.RECOGNIZED):
        assert kinds._last_end(pattern, text[start:end]) == _plain_last_end(
            pattern, text[start:end]
        )
    assert breakdown.opener_between(text, start, end) == _plain_opener_between(text, start, end)


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.integers(0, 200), st.integers(0, 200))
@example(caseless("đã"), 0, 2)
@example(caseless("vừa"), 0, 3)
@example(caseless("Trình Hội đồng"), 0, 14)
def test_word_gated_patterns_answer_as_their_patterns_do(text: str, a: int, b: int) -> None:
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    clause = text[start:end]
    assert kinds._done(clause) == (kinds.DONE.search(clause) is not None)
    assert kinds._proposal_in(text, start, end) == (
        kinds.PROPOSAL.search(text, start, end) is not None
    )


_TrapCase = tuple[str, int, int, str, tuple[int, int, int]]


@st.composite
def _trap_cases(draw: st.DrawFn) -> _TrapCase:
    text = draw(_TEXTS)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=5, max_size=5)))
    clause_start, number_start, noun_end, segment_end, clause_end = cuts
    subject = draw(st.sampled_from([PRODUCT, PRODUCER]))
    return text, number_start, noun_end, subject, (clause_start, segment_end, clause_end)


@settings(max_examples=800, deadline=None)
@given(_trap_cases())
@example((caseless("trong số 3 sản phẩm"), 9, 9, PRODUCT, (0, 19, 19)))
@example((caseless("3 sản phẩm duy nhất"), 0, 10, PRODUCT, (0, 19, 19)))
@example((caseless("3 sản phẩm so với"), 0, 10, PRODUCT, (0, 17, 17)))
@example((caseless("3 sản phẩm chưa đạt"), 0, 10, PRODUCT, (0, 19, 19)))
@example((caseless("3 %"), 0, 1, PRODUCT, (0, 3, 3)))
@example((caseless("mỗi xã ít nhất 1 sản phẩm"), 15, 25, PRODUCT, (0, 25, 25)))
@example((caseless("Quyết định số 148"), 14, 17, PRODUCT, (0, 17, 17)))
@example((caseless("số 02 đường 5"), 12, 13, PRODUCT, (0, 13, 13)))
def test_trap_reason_gives_the_reason_the_plain_rule_walk_gives(case: _TrapCase) -> None:
    text, number_start, noun_end, subject, (clause_start, segment_end, clause_end) = case
    fast = traps.trap_reason(
        text,
        number_start=number_start,
        noun_end=noun_end,
        subject=subject,
        clause_start=clause_start,
        segment_end=segment_end,
        clause_end=clause_end,
    )
    assert fast == _plain_trap_reason(text, number_start, noun_end, subject, case[4])


def test_every_before_rule_but_quota_has_endings_so_the_whole_walk_may_be_skipped() -> None:
    assert traps._BEFORE_GATED
    assert set(traps._BEFORE) - set(traps._BEFORE_ENDINGS) == {"quota"}


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
@example(caseless("trong 3"))
@example(caseless(" là duy nhất"))
@example(caseless("so với"))
@example(caseless("bị loại"))
@example(caseless(" %"))
def test_no_after_rule_matches_text_without_one_of_their_words(text: str) -> None:
    if traps._AFTER_WORDS.search(text) is None:
        assert not any(p.search(text) for p in traps._AFTER.values())


@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.integers(0, 200))
@example(caseless("3 sao, 4 sao"), 5)
@example(caseless("; và 4 sao"), 0)
def test_a_listed_class_is_asked_for_only_where_it_can_start(text: str, at: int) -> None:
    at = min(at, len(text))
    if extractor._LISTED_CLASS.match(text, at) is not None:
        assert text.startswith((",", ";"), at)


def _plain_stars(text: str, count: extractor._Count, qualifier_start: int) -> Stars | None:
    token = count.token
    stop = breakdown.first_opener_after(text, token.noun_end, count.segment_end)
    listed = extractor._LISTED_CLASS.match(text, stop)
    if listed and stop == count.segment_end:
        stop = listed.end()
    found = stars_after(text, token.noun_end, stop)
    if found is None:
        found = stars_before(text, qualifier_start, count.clause.start - 12)
    return found


@st.composite
def _star_counts(draw: st.DrawFn) -> tuple[str, extractor._Count, int]:
    text = draw(_TEXTS)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=6, max_size=6)))
    clause_start, qualifier_start, number_start, noun_end, segment_end, clause_end = cuts
    token = NumberToken(3, number_start, number_start, PRODUCT, noun_end, is_ratio=False)
    clause = Span(clause_start, clause_end)
    count = extractor._Count(token, clause, 0, clause_start, segment_end, PRODUCT)
    return text, count, qualifier_start


def _star_case(text: str, noun: str, end: str) -> tuple[str, extractor._Count, int]:
    text = caseless(text)
    noun_end = text.index(noun) + len(noun)
    segment_end = text.index(end, noun_end)
    token = NumberToken(3, 0, 1, PRODUCT, noun_end, is_ratio=False)
    count = extractor._Count(token, Span(0, len(text)), 0, 0, segment_end, PRODUCT)
    return text, count, 0


@settings(max_examples=500, deadline=None)
@given(_star_counts())
@example(_star_case("3 sản phẩm 3 sao, 4 sao", "phẩm", ","))
@example(_star_case("3 sản phẩm 3 sao; và 5 sao", "phẩm", ";"))
def test_a_counts_class_is_the_one_the_plain_star_reading_gives(
    drawn: tuple[str, extractor._Count, int],
) -> None:
    text, count, qualifier_start = drawn
    assert extractor._stars(text, count, qualifier_start) == _plain_stars(
        text, count, qualifier_start
    )
