"""The count scans' fast path gives exactly what the plain form gives.

Each noun is scanned with look-behinds that turn away, inside the regex
engine, the hits with no digit or number word before them. The plain form
asks `_count_before` about every hit of the readable noun; both must give the
same tokens on adversarial text (odd spaces, number words, glued digits).
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.figures import numbers
from extract.figures.normalize import lowered
from extract.figures.subjects import OUTLET, POINT, PRODUCER, PRODUCT

_READABLE_NOUNS = (
    (PRODUCT, re.compile(r"sản\s+phẩm")),
    (PRODUCT, re.compile(r"sp(?!\w)")),
    (PRODUCER, re.compile(r"chủ\s+thể")),
    (PRODUCER, re.compile(r"hợp\s+tác\s+xã")),
    (PRODUCER, re.compile(r"htx(?!\w)")),
    (PRODUCER, re.compile(r"doanh\s+nghiệp")),
    (PRODUCER, re.compile(r"cơ\s+sở")),
    (PRODUCER, re.compile(r"tổ\s+hợp\s+tác")),
    (PRODUCER, re.compile(r"hộ\s+(?:sản\s+xuất|kinh\s+doanh)")),
    (POINT, re.compile(r"điểm(?!\w)")),
    (OUTLET, re.compile(r"cửa\s+hàng")),
    (OUTLET, re.compile(r"siêu\s+thị\s+ocop")),
)


def _same_counts(text: str) -> bool:
    """Whether the fast scans find the counts that asking `_count_before` about
    every hit of the readable nouns finds."""
    low = lowered(text)
    fast = numbers.noun_counts(text, low, numbers._NOUN_SCANS)
    return fast == numbers.noun_counts(text, low, _READABLE_NOUNS)


# What may stand before a noun: counts, number words, their look-alikes.
_BEFORE = st.sampled_from(
    [
        "",
        ".",
        ",",
        "/",
        "-",
        "–",
        "%",
        "3",
        "12",
        "06",
        "1.234",
        "6/6",
        "7/10",
        "1,5",
        "30.9",
        "VD20",
        "３",  # a digit beyond ASCII
        "²",  # a digit to isdigit, not to the regex
        "hai",
        "Hai",
        "ba",
        "Ba",
        "bốn",
        "năm",
        "Năm",
        "sáu",
        "bảy",
        "tám",
        "chín",
        "mười",
        "Mười",
        "xhai",
        "thương hiệu",
        "nguồn",
        "các",
        "tổng số",
        "lượng",
        "xây dựng",
        "İ",  # lower case is longer: lowered keeps it
    ]
)
_SPACE_RUNS = st.sampled_from(
    ["", " ", "  ", "\n", "\t", "\r", "\u00a0", " \u00a0\n", "\u2009", "\x0b", " \u2009 "]
)
# Subject nouns, their parts and cases, and words that stand where a noun would.
_NOUN_WORDS = [
    "sản phẩm",
    "Sản  phẩm",
    "sản",
    "phẩm",
    "SP",
    "sp",
    "spa",
    "chủ thể",
    "hợp tác xã",
    "HTX",
    "doanh nghiệp",
    "cơ sở",
    "tổ hợp tác",
    "hộ sản xuất",
    "hộ kinh doanh",
    "điểm",
    "điểm giới thiệu",
    "cửa hàng",
    "siêu thị OCOP",
    "nâng tổng số",
    "lên",
    "là",
]
_NOUNS = st.sampled_from(_NOUN_WORDS)
_COUNT_TEXTS = st.lists(
    st.one_of(st.tuples(_BEFORE, _SPACE_RUNS, _NOUNS).map("".join), _BEFORE, _SPACE_RUNS, _NOUNS),
    max_size=10,
).map("".join)


def test_every_subject_noun_has_a_fast_scan() -> None:
    scanned = [subject for subject, _ in numbers._NOUN_SCANS]
    assert scanned == [subject for subject, _ in _READABLE_NOUNS]


@settings(max_examples=1500, deadline=None)
@given(_COUNT_TEXTS)
@example("có 3 sản phẩm")
@example("Hai sản phẩm và ba  sp")
@example("5\u00a0\n chủ thể, 12\tđiểm bán")
@example(" sản phẩm")
@example("  sản phẩm")
@example("3 sản phẩm")
@example("chín sp mười sản phẩm bốn sản phẩm")
@example("nâng tổng số sản phẩm lên 35")
def test_counts_from_the_look_behind_scans_are_those_of_every_noun_hit(text: str) -> None:
    assert _same_counts(text)


def test_every_number_word_and_space_before_every_noun_is_read_as_plainly() -> None:
    befores = [*numbers.NUMBER_WORDS, "Năm", "3", "1.234", "6/6", "３", "tổng số"]
    spaces = [*numbers._SPACE, "  ", "\u2009"]
    nouns = _NOUN_WORDS
    for before in befores:
        for space in spaces:
            for noun in nouns:
                text = f"có {before}{space}{noun} bán"
                assert _same_counts(text), text
