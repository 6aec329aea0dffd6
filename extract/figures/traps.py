"""Numbers next to OCOP words that are not OCOP figures (phrasing catalogue §7).

Token-level traps (dates, decimals, percentages, digits inside names) are
already refused by numbers.COUNT, which needs a subject noun right after the
number. These rules look at the words around a candidate count. Each rule is
a named pattern; `trap_reason` returns the name of the first that fires.
"""

from __future__ import annotations

import re

from extract.figures.subjects import PRODUCT

# Text right before the number (within its clause).
_BEFORE: dict[str, re.Pattern[str]] = {
    # "lần thứ 8", "đợt 3", "Tổ tư vấn số 01", "Top 10" ("tổng số 28" is a count)
    "ordinal": re.compile(r"(?:\bthứ|\blần|\bđợt|(?<!tổng )\bsố|\btop|\bkhóa|\bkỳ)\s+$", re.I),
    # "Quyết định 148", "Kế hoạch số 3438"
    "document": re.compile(
        r"(?:quyết\s+định|QĐ|kế\s+hoạch|nghị\s+quyết|thông\s+tư|nghị\s+định|chỉ\s+thị"
        r"|công\s+văn|văn\s+bản|decision)\s*(?:số|no\.?)?\s*$",
        re.I,
    ),
    # the upper end of a range "5 - 10", "từ 1 đến 2", "8 đến 10"
    "range": re.compile(r"\d\s*(?:-|–|—|đến|tới|hoặc)\s*$", re.I),
    # "1 trong 4 sản phẩm": the group, not a count
    "group_of": re.compile(r"\btrong\s+(?:số\s+)?(?:các\s+)?$", re.I),
    # per-locality quota "mỗi huyện 1 điểm", "mỗi xã ít nhất 1 sản phẩm"
    "quota": re.compile(r"\bmỗi\b[^,;.]{0,30}$", re.I),
    # change against an earlier year "tăng 12 sản phẩm"
    "change": re.compile(r"\b(?:tăng|giảm)\s+(?:thêm\s+)?(?:hơn\s+|gần\s+|khoảng\s+)?$", re.I),
    # address "số 02 đường"
    "address": re.compile(r"\bđường\s+$", re.I),
}

# Text right after the number's noun, up to the next count or the clause end.
_AFTER: dict[str, re.Pattern[str]] = {
    "one_of": re.compile(r"^\s*trong\s+(?:số\s+)?\d", re.I),
    "only_one": re.compile(r"^[^,;.]{0,30}\bduy\s+nhất\b", re.I),
    "change": re.compile(r"\bso\s+với\b", re.I),
    "negative": re.compile(
        r"\b(?:không|chưa)\s+(?:đạt|đáp\s+ứng|đảm\s+bảo|được\s+công\s+nhận)|\bbị\s+loại", re.I
    ),
    "percent": re.compile(r"^\s*%"),
}

# "14 sản phẩm nông sản đặc trưng": products outside the programme.
_NON_OCOP_PRODUCT = re.compile(
    r"^\s*(?:nông\s+sản|chủ\s+lực|công\s+nghiệp\s+nông\s+thôn|CNNT|đặc\s+trưng|đặc\s+sản"
    r"|du\s+lịch|làng\s+nghề|nông\s+nghiệp\s+chủ\s+lực|xuất\s+khẩu)",
    re.I,
)
# Products on e-commerce pages, at fairs, in votes: not programme counts.
_CHANNEL = re.compile(
    r"thương\s+mại\s+điện\s+tử|TMĐT|\bsàn\b|hội\s+chợ|triển\s+lãm|trưng\s+bày|gian\s+hàng"
    r"|bình\s+chọn|livestream",
    re.I,
)


def trap_reason(
    text: str,
    *,
    number_start: int,
    noun_end: int,
    subject: str,
    clause_start: int,
    segment_end: int,
    clause_end: int,
) -> str | None:
    before = text[max(clause_start, number_start - 60) : number_start]
    for name, pattern in _BEFORE.items():
        if pattern.search(before):
            return name
    after = text[noun_end:segment_end]
    for name, pattern in _AFTER.items():
        if pattern.search(after):
            return name
    if subject == PRODUCT:
        if _NON_OCOP_PRODUCT.match(after):
            return "non_ocop_product"
        if _CHANNEL.search(text, clause_start, clause_end):
            return "channel"
    return None
