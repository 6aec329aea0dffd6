"""Which kind of figure a count is, from marker words around it.

A count's own words are its segment: from the previous count's noun phrase
(or the conjunction "và" after it, which closes that phrase's post-modifiers:
"10 sản phẩm đánh giá lại và 6 sản phẩm nâng hạng") to the next count.

Precedence (first rule that fires wins):
0. rerecognized  "công nhận lại / đánh giá lại N" before the count, outside a plan
1. expired    hết hạn / hết hiệu lực / thu hồi / không tham gia đánh giá lại in
              the segment, unless given as a reason ("đánh giá lại do hết hạn")
2. candidate  tiềm năng, đề nghị, đề xuất, tham gia đánh giá, dự thi, đăng ký,
              chấm điểm; also a proposal frame earlier in the sentence
              ("đề nghị Hội đồng cấp Trung ương đánh giá, công nhận 2 ...")
3. target     phấn đấu, chỉ tiêu, kế hoạch, mục tiêu, dự kiến, sẽ ... before the
              count in its clause, or earlier in its sentence when the clause
              does not say "đã" (done): a plan's categories ("đánh giá lại 60,
              nâng hạng 25") are targets; "vượt/hoàn thành kế hoạch" is no target
4. rerecognized  công nhận lại, đánh giá lại, cấp lại, tái chứng nhận
5. upgraded   nâng hạng, nâng sao, nâng cấp
6. total      "nâng tổng số" before the count
7. recognized / total  the nearest marker before the count in its clause
              ("công nhận thêm" vs "hiện có"); a sentence opener "Đến nay," /
              "Hiện," makes a plain "công nhận" a total, not "thêm" or "vừa",
              nor progress against the year's plan ("đạt 57% kế hoạch năm")
8. recognized when "vừa được công nhận" follows the count's list of names,
              or a "được công nhận" / "đạt chuẩn" follows the count and
              the sentence names a round or year but no stock word ("Năm 2025,
              toàn tỉnh có 96 sản phẩm được công nhận")
9. recognized when the count follows "công nhận" in the clause before a
              continuation ("Công nhận sản phẩm đạt hạng 4 sao, gồm 05 sản phẩm")
10. from the sentence: an opener "(Theo) kết quả ...," / "Theo quyết định," is a
              recognition; "Đến nay," / "Hiện," or a stock word a total;
              otherwise total by default (a bare "có N sản phẩm OCOP" is a stock).
Breakdown parts use rules 1-7 on their own segment and otherwise take their
parent's kind (breakdown.py); "nâng tổng số" also turns the count before it
into a recognition (extractor.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.figures.caseless import compile_caseless, word_start

# "hiện" (now), but not "thực hiện", "thể hiện", "xuất hiện", "phát hiện".
_NOW_WORD = rf"{word_start('hiện')}(?<!thực hiện)(?<!thể hiện)(?<!xuất hiện)(?<!phát hiện)(?!\w)"
EXPIRED = compile_caseless(
    r"hết\s+(?:thời\s+)?hạn|hết\s+hiệu\s+lực|thu\s+hồi|không\s+tham\s+gia\s+đánh\s+giá\s+lại"
)
# "đánh giá lại do hết thời hạn": expiry given as the reason of another event.
EXPIRY_AS_REASON = compile_caseless(rf"(?:{word_start('do')}|vì|sau\s+khi)\s+(?:đã\s+)?$")
CANDIDATE = compile_caseless(
    r"tiềm\s+năng|đề\s+nghị|đề\s+xuất|tham\s+gia(?:\s+dự\s+thi)?\s+(?:đánh\s+giá|phân\s+hạng|chấm|đợt)"
    r"|dự\s+thi|đăng\s+ký|trình\s+(?:Hội\s+đồng|Trung\s+ương|Bộ)|chấm\s+điểm"
)
# A proposal to a higher council frames every count after it in the sentence.
PROPOSAL = compile_caseless(
    r"(?:đề\s+nghị|đề\s+xuất|trình)\s+(?:lên\s+)?(?:Hội\s+đồng|(?:cấp\s+)?Trung\s+ương|Bộ|xem\s+xét)"
)
TARGET = compile_caseless(
    r"phấn\s+đấu|chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu|dự\s+kiến|đặt\s+ra|đề\s+ra"
    rf"|{word_start('sẽ')}(?!\w)"
    r"|hướng\s+(?:tới|đến)|định\s+hướng"
)
# Words that turn a target word into an achievement ("vượt kế hoạch").
TARGET_NEGATED = compile_caseless(
    r"(?:vượt|hoàn\s+thành|theo|thực\s+hiện|ban\s+hành|so\s+với|đạt|của)\s+(?:\S+\s+)?$"
)
DONE = compile_caseless(rf"(?:{word_start('đã')}|{word_start('vừa')})(?!\w)")
RERECOGNIZED = compile_caseless(
    r"công\s+nhận\s+lại|đánh\s+giá\s+lại|cấp\s+lại|tái\s+(?:công\s+nhận|chứng\s+nhận|đạt\s+chuẩn|cấp)"
    r"|phân\s+hạng\s+lại|gia\s+hạn"
)
UPGRADED = compile_caseless(r"nâng\s+(?:hạng|sao|cấp)|được\s+nâng\s+lên|nâng\s+từ|lên\s+hạng")
NEW_TOTAL = compile_caseless(r"nâng\s+tổng(?:\s+số)?")
TOTAL = compile_caseless(
    r"tổng\s+số|tổng\s+cộng|lũy\s+kế|luỹ\s+kế|hiện\s+(?:nay\s+)?(?:đang\s+)?có|hiện\s+nay"
    r"|đến\s+nay|tới\s+nay|tính\s+đến|đến\s+thời\s+điểm\s+này"
    r"|(?:toàn|cả)\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quốc|nước|xã)\s+(?:hiện\s+)?(?:đã\s+)?có"
    rf"|đã\s+có|như\s+vậy|có\s+tổng|{_NOW_WORD}"
)
# Stock words that keep "có N sản phẩm được công nhận" a total.
STOCK = compile_caseless(
    r"tổng\s+số|lũy\s+kế|luỹ\s+kế|đến\s+nay|tới\s+nay|tính\s+đến|thời\s+điểm\s+này|như\s+vậy"
    rf"|còn\s+hiệu\s+lực|{_NOW_WORD}"
)
# A round or a year named in the sentence: "năm 2025", "đợt 2", "năm nay".
ROUND_OR_YEAR = compile_caseless(
    rf"{word_start('năm')}\s+(?:\d{{4}}|nay)|{word_start('đợt')}\s+(?:\d|[IV])"
)
# "thêm", "vừa", "mới", "cấp mới" name a new round even after "Đến nay,".
RECOGNIZED_STRONG = compile_caseless(
    rf"thêm|{word_start('vừa')}(?!\w)|công\s+nhận\s+mới|cấp\s+mới|mới\s+được"
)
# "mới" alone is no marker: "tỉnh Phú Thọ mới có" is the new (merged) province.
RECOGNIZED = compile_caseless(
    rf"công\s+nhận|chứng\s+nhận|thêm|{word_start('đạt')}(?!\w)|xếp\s+hạng|xây\s+dựng\s+được"
    rf"|cấp\s+mới|được\s+trao|{word_start('vừa')}(?!\w)|mới\s+được|phân\s+hạng|lần\s+đầu"
)
RECOGNIZED_AFTER = compile_caseless(
    r"^\s*(?:OCOP\s+)?(?:được\s+|đã\s+được\s+)?(?:công\s+nhận|chứng\s+nhận|đạt\s+(?:chuẩn|tiêu\s+chuẩn)"
    r"|xếp\s+hạng|cấp\s+mới|mới)"
)
# "Hai sản phẩm vải thiều sấy và bánh đa cua ... vừa được công nhận": the verb
# after a list of names.
RECOGNIZED_LATER = compile_caseless(
    rf"(?:{word_start('vừa')}|{word_start('mới')})\s+(?:được\s+)?(?:công\s+nhận|chứng\s+nhận|đạt)(?!\w)"
)
# Sentence openers that put every count of the sentence at "now".
NOW_OPENER = compile_caseless(
    r"^\s*(?:hiện\s+nay|hiện\s+tại|hiện|đến\s+nay|tới\s+nay|tính\s+đến[^,]*|lũy\s+kế[^,]*"
    r"|đến\s+thời\s+điểm\s+này|như\s+vậy)\s*,"
)
# Sentence openers that report a round's result.
RESULT_OPENER = compile_caseless(
    r"^\s*(?:(?:theo\s+)?kết\s+quả[^,.;]{0,60}|theo\s+(?:các\s+)?quyết\s+định(?:\s+(?:này|trên))?)\s*,"
)
# "đạt 57% kế hoạch năm": progress of the year's round, not a stock.
PLAN_PROGRESS = compile_caseless(
    r"đạt\s+\d+(?:,\d+)?\s*%\s*(?:so\s+với\s+)?(?:kế\s+hoạch|chỉ\s+tiêu)"
)
# A clause continuing its predecessor: "Công nhận ... 4 sao, gồm 05 sản phẩm".
CONTINUATION = compile_caseless(r"\s*(?:bao\s+gồm|gồm|đối\s+với|cụ\s+thể)\b")
HEADING_RECOGNIZED = compile_caseless(r"công\s+nhận|chứng\s+nhận")
# Any of the segment's own markers of rules 0-2 and 5: one scan of the segment
# instead of four when it holds none of them (most segments). The alternation
# matches wherever one of its parts does, so a miss here is a miss for each
# (joining the pattern texts is exact while none has flags, numbered groups or
# back-references; tests/figures/test_figures_fast_paths_rules.py checks it).
_SEGMENT_MARKERS = (RERECOGNIZED, EXPIRED, CANDIDATE, UPGRADED)
SEGMENT_MARKER = re.compile("|".join(p.pattern for p in _SEGMENT_MARKERS))


# Not frozen: built for every count (see segment.Span on why).
@dataclass(slots=True)
class KindContext:
    """Where to look, as offsets of the normalised text."""

    sentence_start: int
    sentence_end: int
    clause_start: int
    segment_start: int  # after the previous count's phrase (or the clause start)
    number_start: int
    noun_end: int
    after_start: int  # where the count's own words after its noun start
    segment_end: int  # before the next count in the clause (or the clause end)
    previous_clause_start: int | None = None  # set when the clause continues the one before


def own_kind(text: str, c: KindContext, *, is_part: bool = False) -> str | None:
    """Rules 1-9 on the count's own words; None when they say nothing."""
    segment = text[c.segment_start : c.segment_end]
    before = text[c.segment_start : c.number_start]
    marked = SEGMENT_MARKER.search(segment) is not None
    # `before` opens `segment` and the pattern reads nothing past its match:
    # no marker in the segment means none before the number either.
    renewed = marked and RERECOGNIZED.search(segment) is not None
    if (
        renewed
        and RERECOGNIZED.search(before)
        and not _target_in(text, c.sentence_start, c.number_start)
    ):
        return "rerecognized"  # "công nhận lại 11 sản phẩm hết thời hạn"
    if marked and _expired(segment):
        return "expired"
    if marked and CANDIDATE.search(segment):
        return "candidate"
    if _target_in(text, c.clause_start, c.number_start):
        return "target"
    clause = text[c.clause_start : c.number_start]
    if not _done(clause):
        if _proposal_in(text, c.sentence_start, c.clause_start):
            return "candidate"
        # Both tests are pure: the segment's words (the shorter text) go first.
        if (
            renewed or (marked and UPGRADED.search(segment)) or RECOGNIZED.search(segment)
        ) and _target_in(text, c.sentence_start, c.clause_start):
            return "target"  # the count is one of a plan's categories
    if renewed:
        return "rerecognized"
    if marked and UPGRADED.search(segment):
        return "upgraded"
    if NEW_TOTAL.search(before):
        return "total"
    total = _last_end(TOTAL, before)
    recognized = _last_end(RECOGNIZED, before)
    if total > recognized:
        if not is_part and _round_result(text, c):
            return "recognized"
        return "total"
    if recognized >= 0:
        if (
            NOW_OPENER.match(text[c.sentence_start : c.clause_start + 1])
            and not RECOGNIZED_STRONG.search(before)
            and not PLAN_PROGRESS.search(text, c.number_start, c.sentence_end)
        ):
            return "total"
        return "recognized"
    if RECOGNIZED_AFTER.match(text[c.after_start : c.segment_end]):
        return "recognized"
    if RECOGNIZED_LATER.search(text, c.after_start, c.segment_end):
        return "recognized"
    if is_part:
        return None
    if _round_result(text, c):
        return "recognized"
    if c.previous_clause_start is not None:
        return _heading_kind(text[c.previous_clause_start : c.clause_start])
    return None


def sentence_kind(text: str, c: KindContext) -> str | None:
    """Rule 10's sentence-level signals for a count with no marker of its own."""
    clause = text[c.clause_start : c.number_start]
    if not _done(clause) and _target_in(text, c.sentence_start, c.clause_start):
        return "target"
    head = text[c.sentence_start : c.number_start]
    if RESULT_OPENER.match(head):
        return "recognized"
    if NOW_OPENER.match(head):
        return "total"
    if TOTAL.search(text, c.sentence_start, c.clause_start):
        return "total"
    return None


def _done(clause: str) -> bool:
    """DONE.search(clause), asked only when the clause holds one of its words."""
    return ("đã" in clause or "vừa" in clause) and DONE.search(clause) is not None


def _proposal_in(text: str, start: int, end: int) -> bool:
    """PROPOSAL.search in text[start:end], asked only when that holds one of its verbs."""
    return (
        text.find("đề", start, end) >= 0 or text.find("trình", start, end) >= 0
    ) and PROPOSAL.search(text, start, end) is not None


# The loops below walk a pattern's matches with search() from the end of the
# last one, as finditer would (none of these patterns matches the empty
# string, and `pos` hides nothing from a look-behind), without building an
# iterator for the usual window with no match at all.


def _expired(segment: str) -> bool:
    match = EXPIRED.search(segment)
    while match is not None:
        if not EXPIRY_AS_REASON.search(segment, max(0, match.start() - 12), match.start()):
            return True
        match = EXPIRED.search(segment, match.end())
    return False


def _round_result(text: str, c: KindContext) -> bool:
    """ "Năm 2025, toàn tỉnh có 96 sản phẩm được công nhận": a round, not a stock."""
    return bool(
        RECOGNIZED_AFTER.match(text[c.after_start : c.segment_end])
        and ROUND_OR_YEAR.search(text, c.sentence_start, c.number_start)
        and not STOCK.search(text, c.sentence_start, c.number_start)
    )


def _heading_kind(heading: str) -> str | None:
    """The kind a section heading gives ("Công nhận lại ... gồm 04 sản phẩm")."""
    if CANDIDATE.search(heading):
        return "candidate"
    if RERECOGNIZED.search(heading):
        return "rerecognized"
    if UPGRADED.search(heading):
        return "upgraded"
    if HEADING_RECOGNIZED.search(heading):
        return "recognized"
    return None


def _target_in(text: str, start: int, end: int) -> bool:
    match = TARGET.search(text, start, end)
    while match is not None:
        if not TARGET_NEGATED.search(text, max(start, match.start() - 20), match.start()):
            return True
        match = TARGET.search(text, match.end(), end)
    return False


def _last_end(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    match = pattern.search(text)
    while match is not None:
        last = match.end()
        match = pattern.search(text, last)
    return last
