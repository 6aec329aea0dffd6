"""Numbers that may be counts: digits or number words followed by a subject noun.

Value rules (spec "value"): "06" is 6, "1.234" is 1234 (dot thousands), "6/6
sản phẩm" is 6. Rejected at the token level: decimals and comma thousands
("67,3", "1,039"), dotted dates ("30.9"), digits glued to letters ("VD20",
"200ha"), numbers followed by %, and parts of a/b or a-b shapes other than a
product ratio. "nâng tổng số sản phẩm ... lên 35" is a count whose noun
stands before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.figures.normalize import lowered
from extract.figures.subjects import (
    ANY_SUBJECT_NOUN,
    OUTLET,
    POINT,
    PRODUCER,
    PRODUCT,
    SUBJECT_GROUPS,
    SUBJECT_NOUN,
)

# Spelled-out counts seen in headlines and at sentence starts ("Hai sản phẩm").
# "một" (also "a") and lower-case "năm" (also "year") are left out on purpose.
NUMBER_WORDS = {
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
_WORD = r"[Hh]ai|[Bb]a|[Bb]ốn|Năm|[Ss]áu|[Bb]ảy|[Tt]ám|[Cc]hín|[Mm]ười"
_DIGITS = r"\d{1,3}(?:\.\d{3})+|\d{1,5}"
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")

# Counts are found from their noun backwards: each noun is a literal the regex
# engine finds with a fast substring search, while a scan led by a digit class
# or an alternation steps through every character (several times slower).
# All run on the lower-cased text (same offsets).
_SPACE = frozenset(" \t\n\r\u00a0")
_SPACES = re.escape("".join(sorted(_SPACE)))  # for character classes
# A noun stands right after a count only if a digit or a number word ends the
# text before it, spaces between. Look-behinds placed after the noun's first
# word (which stays the literal prefix that scans fast) reject the other hits
# inside the regex engine; _count_before decides on the few left (more than
# one space before the noun is let through: a look-behind has one width).
_NUMBER_WORD_ENDINGS = frozenset(word[-1] for word in NUMBER_WORDS)


def _noun_scan(head: str, rest: str, after_words: bool = False) -> re.Pattern[str]:
    """The noun `head rest`, found only where a count may stand before it."""
    after_number = rf"(?<=[\d{_SPACES}][{_SPACES}]{head})"
    if not after_words:
        return re.compile(rf"{head}{after_number}{rest}")
    # Spelled-out counts: one look-behind per word length, behind a cheap test
    # of the last letter that turns most hits away first.
    endings = "".join(sorted(_NUMBER_WORD_ENDINGS))
    after_word = "|".join(
        rf"(?<=(?:{'|'.join(w for w in NUMBER_WORDS if len(w) == length)})[{_SPACES}]{head})"
        for length in sorted({len(word) for word in NUMBER_WORDS})
    )
    return re.compile(
        rf"{head}(?<=[\d{_SPACES}{endings}][{_SPACES}]{head})(?:{after_number}|{after_word}){rest}"
    )


_NOUN_SCANS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PRODUCT, _noun_scan("sản", r"\s+phẩm", after_words=True)),
    (PRODUCT, _noun_scan("sp", r"(?!\w)", after_words=True)),
    (PRODUCER, _noun_scan("chủ", r"\s+thể")),
    (PRODUCER, _noun_scan("hợp", r"\s+tác\s+xã")),
    (PRODUCER, _noun_scan("htx", r"(?!\w)")),
    (PRODUCER, _noun_scan("doanh", r"\s+nghiệp")),
    (PRODUCER, _noun_scan("cơ", r"\s+sở")),
    (PRODUCER, _noun_scan("tổ", r"\s+hợp\s+tác")),
    (PRODUCER, _noun_scan("hộ", r"\s+(?:sản\s+xuất|kinh\s+doanh)")),
    (POINT, _noun_scan("điểm", r"(?!\w)")),
    (OUTLET, _noun_scan("cửa", r"\s+hàng")),
    (OUTLET, _noun_scan("siêu", r"\s+thị\s+ocop")),
)
# What turns a bare "điểm" / "cửa hàng" into an outlet noun.
_OUTLET_TAIL = re.compile(r"\s+(?:giới\s+thiệu|bán|trưng\s+bày)")
# The number right before a noun (window search; "(?<!...)" keeps "VD20", "1,5").
# Written digit-led (the look-behind after the first digit) so that the engine
# skips ahead to digits; the same as "(?<![\w.,/\-–])(?P<num>{_DIGITS})...".
_NUMBER_BEFORE = re.compile(
    r"(?P<num>\d(?<![\w.,/\-–]\d)(?:\d{0,2}(?:\.\d{3})+|\d{0,4}))(?:/(?P<of>\d{1,5}))?\s+$"
)
_LOOKBACK = 24
# Spelled-out counts stand before "sản phẩm": found from the noun backwards.
_WORD_BEFORE = re.compile(rf"(?<![\w.,/\-–])(?P<word>{_WORD.lower()})\s+$")
# Ranks: "đứng thứ 2 cả nước", "xếp thứ 3 khu vực" (matched on lower-cased text).
# One literal-led pattern per verb (see _NOUN_SCANS on why not one alternation).
RANKS = tuple(
    re.compile(rf"{verb}\s+(?:thứ|hạng)\s+(?P<num>\d{{1,2}})(?!\d)(?!\s*sao)")
    for verb in ("đứng", "xếp")
)
# "nâng tổng số sản phẩm OCOP toàn huyện lên 35.": the noun stands before the number.
NEW_TOTAL_COUNT = re.compile(
    rf"nâng\s+tổng\s+số\s+(?:lượng\s+)?(?:{SUBJECT_NOUN})[^.;:\n\d]{{0,60}}?"
    rf"\s(?:lên|là|đạt)\s+(?P<num>{_DIGITS})(?![\w%]|[.,/\-–]\d)(?!\s*(?:{ANY_SUBJECT_NOUN}|sao))"
)


# Not frozen: built for every candidate count (see segment.Span on why).
@dataclass(slots=True)
class NumberToken:
    value: int
    start: int
    end: int
    subject: str
    noun_end: int  # end of the subject noun
    is_ratio: bool
    is_rank: bool = False  # "đứng thứ 2": the number is a rank, not a count


def parse_number(token: str) -> int | None:
    """The integer a count token stands for, or None."""
    token = token.strip()
    if token.isdigit():
        return int(token)
    if _DOT_THOUSANDS.fullmatch(token):
        return int(token.replace(".", ""))
    return NUMBER_WORDS.get(token.lower()) if token[:1].isalpha() else None


def count_tokens(text: str, low: str | None = None) -> list[NumberToken]:
    """Candidate counts; `low` is `text` lower-cased (same length) when at hand."""
    low = lowered(text) if low is None else low
    tokens = noun_counts(text, low, _NOUN_SCANS) + _new_total_counts(low)
    tokens.sort(key=lambda k: k.start)
    return tokens


def noun_counts(
    text: str, low: str, scans: Sequence[tuple[str, re.Pattern[str]]]
) -> list[NumberToken]:
    """The counts standing before the nouns that `scans` find, by subject."""
    tokens: list[NumberToken] = []
    for subject, pattern in scans:
        for noun in pattern.finditer(low):
            token = _count_before(text, low, subject, noun.start(), noun.end())
            if token is not None:
                tokens.append(token)
    return tokens


def _new_total_counts(low: str) -> list[NumberToken]:
    """ "nâng tổng số sản phẩm ... lên 35": counts whose noun stands before them."""
    tokens: list[NumberToken] = []
    for match in NEW_TOTAL_COUNT.finditer(low):
        value = parse_number(match.group("num"))
        subject = next(s for s in SUBJECT_GROUPS if match.group(s) is not None)
        if value is not None and subject != POINT:
            start, end = match.start("num"), match.end("num")
            tokens.append(NumberToken(value, start, end, subject, end, is_ratio=False))
    return tokens


def _count_before(
    text: str, low: str, subject: str, noun_start: int, noun_end: int
) -> NumberToken | None:
    """The count standing right before a noun, if one does."""
    j = noun_start - 1
    while j >= 0 and low[j] in _SPACE:
        j -= 1
    if j < 0 or j == noun_start - 1:
        return None
    window = max(0, noun_start - _LOOKBACK)
    if low[j].isdigit():
        match = _NUMBER_BEFORE.search(low, window, noun_start)
        if match is None:
            return None
        ratio = match.group("of") is not None
        if ratio and subject != PRODUCT:
            return None  # "7/10 huyện", "5/6 nhóm": only product ratios count
        value = parse_number(match.group("num"))
        if value is None:
            return None
        if subject in (POINT, OUTLET):
            tail = _OUTLET_TAIL.match(low, noun_end)
            if tail is not None:
                subject, noun_end = OUTLET, tail.end()
        return NumberToken(value, match.start("num"), match.end("num"), subject, noun_end, ratio)
    if subject != PRODUCT or low[j] not in _NUMBER_WORD_ENDINGS:
        return None  # the word before the noun (it ends at j) is no number word
    before = _WORD_BEFORE.search(low, window, noun_start)
    if before is None or text[before.start("word") : before.end("word")] == "năm":
        return None  # lower-case "năm" is "year"; only "Năm" at a sentence start is 5
    word = before.group("word")
    return NumberToken(
        NUMBER_WORDS[word], before.start("word"), before.end("word"), PRODUCT, noun_end, False
    )
