"""Which kind of figure a count is, from marker words around it.

Precedence (first rule that fires wins):
1. expired    hết hạn / hết hiệu lực / thu hồi, in the count's own segment
2. candidate  tiềm năng, đề nghị, đề xuất, tham gia đánh giá, dự thi, đăng ký
3. target     phấn đấu, chỉ tiêu, kế hoạch, mục tiêu, dự kiến, sẽ ... before the
              count in its clause, or earlier in its sentence when the clause
              does not say "đã" (done); "vượt/hoàn thành kế hoạch" is no target
4. rerecognized  công nhận lại, đánh giá lại, cấp lại, tái chứng nhận
5. upgraded   nâng hạng, nâng sao, nâng cấp
6. total      "nâng tổng số" before the count
7. recognized / total  the nearest marker before the count in its clause
              ("công nhận thêm" vs "hiện có"); a sentence opener "Đến nay," /
              "Hiện," makes a plain "công nhận" a total, not "thêm" or "vừa"
8. recognized when a "được công nhận" / "đạt chuẩn" follows the count
9. total      from a sentence opener; otherwise total by default (a bare
              "có N sản phẩm OCOP" is a stock).
Breakdown parts use rules 1-8 on their own segment and otherwise take their
parent's kind (breakdown.py); "nâng tổng số" also turns the count before it
into a recognition (extractor.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EXPIRED = re.compile(
    r"hết\s+(?:thời\s+)?hạn|hết\s+hiệu\s+lực|thu\s+hồi|không\s+tham\s+gia\s+đánh\s+giá\s+lại", re.I
)
CANDIDATE = re.compile(
    r"tiềm\s+năng|đề\s+nghị|đề\s+xuất|tham\s+gia(?:\s+dự\s+thi)?\s+(?:đánh\s+giá|phân\s+hạng|chấm)"
    r"|dự\s+thi|đăng\s+ký|trình\s+(?:Hội\s+đồng|Trung\s+ương|Bộ)",
    re.I,
)
TARGET = re.compile(
    r"phấn\s+đấu|chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu|dự\s+kiến|đặt\s+ra|đề\s+ra|(?<!\w)sẽ(?!\w)"
    r"|hướng\s+(?:tới|đến)|định\s+hướng",
    re.I,
)
# Words that turn a target word into an achievement ("vượt kế hoạch").
TARGET_NEGATED = re.compile(
    r"(?:vượt|hoàn\s+thành|theo|thực\s+hiện|ban\s+hành|so\s+với|đạt|của)\s+(?:\S+\s+)?$", re.I
)
DONE = re.compile(r"(?<!\w)(?:đã|vừa)(?!\w)", re.I)
RERECOGNIZED = re.compile(
    r"công\s+nhận\s+lại|đánh\s+giá\s+lại|cấp\s+lại|tái\s+(?:công\s+nhận|chứng\s+nhận|đạt\s+chuẩn|cấp)"
    r"|phân\s+hạng\s+lại|gia\s+hạn",
    re.I,
)
UPGRADED = re.compile(r"nâng\s+(?:hạng|sao|cấp)|được\s+nâng\s+lên|nâng\s+từ|lên\s+hạng", re.I)
NEW_TOTAL = re.compile(r"nâng\s+tổng(?:\s+số)?", re.I)
TOTAL = re.compile(
    r"tổng\s+số|tổng\s+cộng|lũy\s+kế|luỹ\s+kế|hiện\s+(?:nay\s+)?(?:đang\s+)?có|hiện\s+nay"
    r"|đến\s+nay|tới\s+nay|tính\s+đến|đến\s+thời\s+điểm\s+này"
    r"|(?:toàn|cả)\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|quốc|nước|xã)\s+(?:hiện\s+)?(?:đã\s+)?có"
    r"|đã\s+có|như\s+vậy|có\s+tổng|(?<!thực )(?<!thể )(?<!xuất )(?<!phát )(?<!\w)hiện(?!\w)",
    re.I,
)
# "thêm", "vừa", "mới", "cấp mới" name a new round even after "Đến nay,".
RECOGNIZED_STRONG = re.compile(r"thêm|(?<!\w)vừa(?!\w)|(?<!\w)mới(?!\w)|cấp\s+mới", re.I)
RECOGNIZED = re.compile(
    r"công\s+nhận|chứng\s+nhận|thêm|(?<!\w)đạt(?!\w)|xếp\s+hạng|xây\s+dựng\s+được|cấp\s+mới"
    r"|được\s+trao|(?<!\w)vừa(?!\w)|(?<!\w)mới(?!\w)|phân\s+hạng|lần\s+đầu",
    re.I,
)
RECOGNIZED_AFTER = re.compile(
    r"^\s*(?:OCOP\s+)?(?:được\s+|đã\s+được\s+)?(?:công\s+nhận|chứng\s+nhận|đạt\s+(?:chuẩn|tiêu\s+chuẩn)"
    r"|xếp\s+hạng|cấp\s+mới|mới)",
    re.I,
)
# Sentence openers that put every count of the sentence at "now".
NOW_OPENER = re.compile(
    r"^\s*(?:hiện\s+nay|hiện\s+tại|hiện|đến\s+nay|tới\s+nay|tính\s+đến[^,]*|lũy\s+kế[^,]*"
    r"|đến\s+thời\s+điểm\s+này|như\s+vậy)\s*,",
    re.I,
)


@dataclass(frozen=True, slots=True)
class KindVote:
    kind: str | None
    source: str  # "own" (marker in the count's segment or clause), "sentence", "none"


@dataclass(frozen=True, slots=True)
class KindContext:
    """Where to look, as offsets of the normalised text."""

    sentence_start: int
    clause_start: int
    segment_start: int  # after the previous count in the clause (or the clause start)
    number_start: int
    noun_end: int
    segment_end: int  # before the next count in the clause (or the clause end)


def own_kind(text: str, c: KindContext) -> str | None:
    """Rules 1-8 on the count's own words; None when they say nothing."""
    segment = text[c.segment_start : c.segment_end]
    if EXPIRED.search(segment):
        return "expired"
    if CANDIDATE.search(segment):
        return "candidate"
    if _target_in(text, c.clause_start, c.number_start):
        return "target"
    if RERECOGNIZED.search(segment):
        return "rerecognized"
    if UPGRADED.search(segment):
        return "upgraded"
    before = text[c.segment_start : c.number_start]
    if NEW_TOTAL.search(before):
        return "total"
    total = _last_end(TOTAL, before)
    recognized = _last_end(RECOGNIZED, before)
    if total > recognized:
        return "total"
    if recognized >= 0:
        if NOW_OPENER.match(text[c.sentence_start : c.clause_start + 1]) and not (
            RECOGNIZED_STRONG.search(before)
        ):
            return "total"
        return "recognized"
    if RECOGNIZED_AFTER.match(text[c.noun_end : c.segment_end]):
        return "recognized"
    return None


def sentence_kind(text: str, c: KindContext) -> str | None:
    """Rule 9's sentence-level signals for a count with no marker of its own."""
    clause = text[c.clause_start : c.number_start]
    if not DONE.search(clause) and _target_in(text, c.sentence_start, c.clause_start):
        return "target"
    if NOW_OPENER.match(text[c.sentence_start : c.number_start]):
        return "total"
    if TOTAL.search(text, c.sentence_start, c.clause_start):
        return "total"
    return None


def _target_in(text: str, start: int, end: int) -> bool:
    for match in TARGET.finditer(text, start, end):
        if not TARGET_NEGATED.search(text, max(start, match.start() - 20), match.start()):
            return True
    return False


def _last_end(pattern: re.Pattern[str], text: str) -> int:
    last = -1
    for match in pattern.finditer(text):
        last = match.end()
    return last
