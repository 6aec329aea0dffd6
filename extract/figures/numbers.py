"""Numbers that may be counts: digits or number words followed by a subject noun.

Value rules (spec "value"): "06" is 6, "1.234" is 1234 (dot thousands), "6/6
sản phẩm" is 6. Rejected at the token level: decimals and comma thousands
("67,3", "1,039"), dotted dates ("30.9"), digits glued to letters ("VD20",
"200ha"), numbers followed by %, and parts of a/b or a-b shapes other than a
product ratio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.figures.normalize import lowered
from extract.figures.subjects import PRODUCT, SUBJECT_GROUPS, SUBJECT_NOUN

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

# Matched on the lower-cased text (same offsets), digits first, so the engine
# skips ahead to the next digit quickly; what may not stand right before a
# count (letters, ".", ",", "/", "-") is checked after.
COUNT = re.compile(
    rf"(?P<num>{_DIGITS})(?:/(?P<of>\d{{1,5}}))?"
    rf"(?![\w%]|[.,/\-–]\d)\s+(?:{SUBJECT_NOUN})"
)
# Spelled-out counts stand before "sản phẩm": found from the noun backwards.
_PRODUCT_NOUN = re.compile(r"sản\s+phẩm")
_WORD_BEFORE = re.compile(rf"(?<![\w.,/\-–])(?P<word>{_WORD.lower()})\s+$")
_NOT_BEFORE_COUNT = re.compile(r"[\w.,/\-–]")
# Ranks: "đứng thứ 2 cả nước", "xếp thứ 3 khu vực".
RANK = re.compile(r"(?:đứng|xếp)\s+(?:thứ|hạng)\s+(?P<num>\d{1,2})(?!\d)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
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
    tokens: list[NumberToken] = []
    for match in COUNT.finditer(low):
        s = match.start()
        if s > 0 and _NOT_BEFORE_COUNT.match(low, s - 1):
            continue
        tokens.extend(_token(match, "num"))
    for noun in _PRODUCT_NOUN.finditer(low):
        before = _WORD_BEFORE.search(low, max(0, noun.start() - 8), noun.start())
        if before is None:
            continue
        written = text[before.start("word") : before.end("word")]
        if written == "năm":
            continue  # lower-case "năm" is "year"; only "Năm" at a sentence start is 5
        tokens.append(
            NumberToken(
                value=NUMBER_WORDS[before.group("word")],
                start=before.start("word"),
                end=before.end("word"),
                subject=PRODUCT,
                noun_end=noun.end(),
                is_ratio=False,
            )
        )
    tokens.sort(key=lambda k: k.start)
    return tokens


def _token(match: re.Match[str], group: str) -> list[NumberToken]:
    subject = next(s for s in SUBJECT_GROUPS if match.group(s) is not None)
    if group == "num" and match.group("of") is not None and subject != PRODUCT:
        return []  # "7/10 huyện", "5/6 nhóm": only product ratios count
    value = parse_number(match.group(group))
    if value is None:
        return []
    return [
        NumberToken(
            value=value,
            start=match.start(group),
            end=match.end(group),
            subject=subject,
            noun_end=match.end(subject),
            is_ratio=group == "num" and match.group("of") is not None,
        )
    ]
