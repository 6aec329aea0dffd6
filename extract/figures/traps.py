"""Numbers next to OCOP words that are not OCOP figures (phrasing catalogue §7).

Token-level traps (dates, decimals, percentages, digits inside names) are
already refused by numbers.COUNT, which needs a subject noun right after the
number. These rules look at the words around a candidate count. Each rule is
a named pattern; `trap_reason` returns the name of the first that fires.
"""

from __future__ import annotations

from extract.figures.caseless import compile_caseless, word_start
from extract.figures.subjects import PRODUCT

# Text right before the number (within its clause).
_BEFORE_RULES = {
    # "lần thứ 8", "đợt 3", "Tổ tư vấn số 01", "Top 10" ("tổng số 28" is a count)
    "ordinal": "(?:"
    + "|".join(word_start(w) for w in ("thứ", "lần", "đợt"))
    + "|"
    + word_start("số")
    + "(?<!tổng số)|"
    + "|".join(word_start(w) for w in ("top", "khóa", "kỳ"))
    + r")\s+$",
    # "Quyết định 148", "Kế hoạch số 3438"
    "document": r"(?:quyết\s+định|QĐ|kế\s+hoạch|nghị\s+quyết|thông\s+tư|nghị\s+định|chỉ\s+thị"
    r"|công\s+văn|văn\s+bản|decision)\s*(?:số|no\.?)?\s*$",
    # the upper end of a range "5 - 10", "từ 1 đến 2", "8 đến 10"
    "range": r"\d\s*(?:-|–|—|đến|tới|hoặc)\s*$",
    # "1 trong 4 sản phẩm": the group, not a count
    "group_of": rf"{word_start('trong')}\s+(?:số\s+)?(?:các\s+)?$",
    # per-locality quota "mỗi huyện 1 điểm", "mỗi xã ít nhất 1 sản phẩm"
    "quota": word_start("mỗi") + r"\b[^,;.]{0,30}$",
    # change against an earlier year "tăng 12 sản phẩm"
    "change": f"(?:{word_start('tăng')}|{word_start('giảm')})"
    + r"\s+(?:thêm\s+)?(?:hơn\s+|gần\s+|khoảng\s+)?$",
    # address "số 02 đường"
    "address": rf"{word_start('đường')}\s+$",
}

# Text right after the number's noun, up to the next count or the clause end.
_AFTER_RULES = {
    "one_of": r"^\s*trong\s+(?:số\s+)?\d",
    "only_one": r"^[^,;.]{0,30}\bduy\s+nhất\b",
    "change": rf"{word_start('so')}\s+với\b",
    "negative": rf"(?:{word_start('không')}|{word_start('chưa')})"
    rf"\s+(?:đạt|đáp\s+ứng|đảm\s+bảo|được\s+công\s+nhận)|{word_start('bị')}\s+loại",
    "percent": r"^\s*%",
}
_BEFORE = {name: compile_caseless(rule) for name, rule in _BEFORE_RULES.items()}
_AFTER = {name: compile_caseless(rule) for name, rule in _AFTER_RULES.items()}
# What the text before the number must end with (trailing spaces left out)
# for a rule anchored at its end to fire: a cheap test that spares most
# counts the pattern, which tries every position of the text. A rule missing
# here is always asked; tests/figures/test_figures_fast_paths.py checks that
# no text the pattern matches fails its test.
_BEFORE_ENDINGS: dict[str, tuple[str, ...]] = {
    "ordinal": ("thứ", "lần", "đợt", "số", "top", "khóa", "kỳ"),
    "document": (
        *("định", "qđ", "hoạch", "quyết", "tư", "thị", "văn", "bản", "decision"),
        *("số", "no", "no."),
    ),
    "range": ("-", "–", "—", "đến", "tới", "hoặc"),
    "group_of": ("trong", "số", "các"),
    "change": ("tăng", "giảm", "thêm", "hơn", "gần", "khoảng"),
    "address": ("đường",),
}
# "quota" fires only with "mỗi" among the last characters before the number.
_QUOTA_WORD, _QUOTA_REACH = "mỗi", 3 + 30
# (name, pattern, endings or None) walked once per count.
_BEFORE_RULE_TESTS = tuple(
    (name, pattern, _BEFORE_ENDINGS.get(name)) for name, pattern in _BEFORE.items()
)
_AFTER_PAIRS = tuple(_AFTER.items())
# Every after-rule's match holds one of these words: an `after` with none of
# them is passed over in one search instead of one per rule.
_AFTER_WORDS = compile_caseless(r"trong|duy|so|không|chưa|bị|%")
# Likewise a `before` that ends with none of the rules' endings and has no
# "mỗi" near its end skips the rule walk; sound only while every rule but
# "quota" has endings. tests/figures/test_figures_fast_paths_rules.py checks both.
_ANY_ENDING = tuple(sorted({e for endings in _BEFORE_ENDINGS.values() for e in endings}))
_BEFORE_GATED = set(_BEFORE) - set(_BEFORE_ENDINGS) <= {"quota"}

# "14 sản phẩm nông sản đặc trưng": products outside the programme.
_NON_OCOP_PRODUCT = compile_caseless(
    r"^\s*(?:nông\s+sản|chủ\s+lực|công\s+nghiệp\s+nông\s+thôn|CNNT|đặc\s+trưng|đặc\s+sản"
    r"|du\s+lịch|làng\s+nghề|nông\s+nghiệp\s+chủ\s+lực|xuất\s+khẩu)"
)
# Products on e-commerce pages, at fairs, in votes: not programme counts.
_CHANNEL = compile_caseless(
    rf"thương\s+mại\s+điện\s+tử|TMĐT|{word_start('sàn')}\b|hội\s+chợ|triển\s+lãm|trưng\s+bày|gian\s+hàng"
    r"|bình\s+chọn|livestream"
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
    tail = before.rstrip()
    if (
        not _BEFORE_GATED
        or tail.endswith(_ANY_ENDING)
        or before.find(_QUOTA_WORD, max(0, len(before) - _QUOTA_REACH)) >= 0
    ):
        for name, pattern, endings in _BEFORE_RULE_TESTS:
            if endings is not None and not tail.endswith(endings):
                continue
            if name == "quota" and before.find(_QUOTA_WORD, max(0, len(before) - _QUOTA_REACH)) < 0:
                continue
            if pattern.search(before):
                return name
    after = text[noun_end:segment_end]
    if _AFTER_WORDS.search(after) is not None:
        for name, pattern in _AFTER_PAIRS:
            if pattern.search(after):
                return name
    if subject == PRODUCT:
        if _NON_OCOP_PRODUCT.match(after):
            return "non_ocop_product"
        if _CHANNEL.search(text, clause_start, clause_end):
            return "channel"
    return None
