"""The extractor's fast paths give exactly what the plain forms give.

Places are found block by block (only blocks with counts up front) and many
patterns are written literal-led so the regex engine can skip ahead; both are
checked here against the straightforward forms on adversarial text.
"""

from __future__ import annotations

import re

from figures_testkit import plain_sentences
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.figures import (
    breakdown,
    extractor,
    kinds,
    numbers,
    places,
    qualifiers,
    segment,
    traps,
)
from extract.figures.caseless import caseless, compile_caseless
from extract.figures.normalize import lowered
from extract.figures.page import _is_caption
from extract.figures.places import find_mentions
from extract.figures.segment import closed_blocks, paragraphs

_PLACE_PIECES = st.sampled_from(
    [
        " ",
        "  ",
        ", ",
        ",",
        ". ",
        ".",
        "\n\n",
        " \n \n ",
        "-",
        " – ",
        "(",
        ")",
        ":",
        "!",
        "”",
        "tỉnh",
        "Tỉnh",
        "Thanh Hóa",
        "Thanh Hoá",
        "huyện",
        "Thiệu Hóa",
        "xã",
        "Thiệu Đô",
        "thị trấn",
        "Yên Cát",
        "thành",
        "phố",
        "TP.",
        "tp",
        "Hà Nội",
        "Phường",
        "4",
        "toàn",
        "cả",
        "nước",
        "quốc",
        "của",
        "hợp tác",
        "tại",
        "sau",
        "Sở",
        "UBND",
        "Năm 2024",
        "sản phẩm",
    ]
)


_PARAGRAPH_ENDS = st.sampled_from(
    ["", ".", ",", "-", "(", ":", "tỉnh", "thành", "cả", "TP.", "xã A,"]
)
_PLACE_TEXTS = st.lists(
    st.tuples(st.lists(_PLACE_PIECES, max_size=8), _PARAGRAPH_ENDS).map(
        lambda p: "".join(p[0]) + p[1]
    ),
    min_size=1,
    max_size=6,
).map("\n\n".join)


@settings(max_examples=400, deadline=None)
@given(_PLACE_TEXTS)
@example("Tin tại tỉnh\n\nThanh Hóa có 5 sản phẩm.")
@example("Thành phố ở thành\n\nphố Vinh.")
@example("Tại TP.\n\nHồ Chí Minh.")
@example("Ở xã Thiệu Đô,\n\nhuyện Thiệu Hóa.")
@example("Đứng đầu cả\n\nnước.")
def test_mentions_found_block_by_block_are_those_of_the_whole_text(text: str) -> None:
    paras = paragraphs(text)
    if not paras:
        return
    low = lowered(text)
    blocks = closed_blocks(low, paras)
    end = blocks[-1].end
    whole = find_mentions(text, 0, end, low=low)
    by_block = [
        mention
        for block in blocks
        for mention in find_mentions(text, block.start, block.end, low=low, reach=(0, end))
    ]
    assert by_block == whole


# Readable forms of the patterns written literal-led for speed ("\bword" and
# "(?<!\w)word" made the engine try a look-behind at every character).
_READABLE = {
    "ordinal": (
        traps._BEFORE["ordinal"],
        r"(?:\bthứ|\blần|\bđợt|(?<!tổng )\bsố|\btop|\bkhóa|\bkỳ)\s+$",
    ),
    "group_of": (traps._BEFORE["group_of"], r"\btrong\s+(?:số\s+)?(?:các\s+)?$"),
    "quota": (traps._BEFORE["quota"], r"\bmỗi\b[^,;.]{0,30}$"),
    "change_before": (
        traps._BEFORE["change"],
        r"\b(?:tăng|giảm)\s+(?:thêm\s+)?(?:hơn\s+|gần\s+|khoảng\s+)?$",
    ),
    "address": (traps._BEFORE["address"], r"\bđường\s+$"),
    "change_after": (traps._AFTER["change"], r"\bso\s+với\b"),
    "negative": (
        traps._AFTER["negative"],
        r"\b(?:không|chưa)\s+(?:đạt|đáp\s+ứng|đảm\s+bảo|được\s+công\s+nhận)|\bbị\s+loại",
    ),
    "target": (
        kinds.TARGET,
        r"phấn\s+đấu|chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu|dự\s+kiến|đặt\s+ra|đề\s+ra|(?<!\w)sẽ(?!\w)"
        r"|hướng\s+(?:tới|đến)|định\s+hướng",
    ),
    "done": (kinds.DONE, r"(?<!\w)(?:đã|vừa)(?!\w)"),
    "stock": (
        kinds.STOCK,
        r"tổng\s+số|lũy\s+kế|luỹ\s+kế|đến\s+nay|tới\s+nay|tính\s+đến|thời\s+điểm\s+này|như\s+vậy"
        r"|còn\s+hiệu\s+lực|(?<!thực )(?<!thể )(?<!xuất )(?<!phát )(?<!\w)hiện(?!\w)",
    ),
    "round_or_year": (kinds.ROUND_OR_YEAR, r"(?<!\w)(?:năm\s+(?:\d{4}|nay)|đợt\s+(?:\d|[IV]))"),
    "recognized": (
        kinds.RECOGNIZED,
        r"công\s+nhận|chứng\s+nhận|thêm|(?<!\w)đạt(?!\w)|xếp\s+hạng|xây\s+dựng\s+được|cấp\s+mới"
        r"|được\s+trao|(?<!\w)vừa(?!\w)|mới\s+được|phân\s+hạng|lần\s+đầu",
    ),
    "recognized_later": (
        kinds.RECOGNIZED_LATER,
        r"(?<!\w)(?:vừa|mới)\s+(?:được\s+)?(?:công\s+nhận|chứng\s+nhận|đạt)(?!\w)",
    ),
    "named_whole": (
        breakdown.NAMED_WHOLE,
        r"(?<!\w)trong\s+(?:số\s+)?(?P<n>\d{1,3}(?:\.\d{3})+|\d{1,5})\s+sản\s+phẩm",
    ),
    "opener": (breakdown.OPENER, r"trong\s+đó|bao\s+gồm|(?<!\w)gồm(?!\w)|\("),
    "qualifier": (
        qualifiers.QUALIFIER_TAIL,
        r"(?<!\w)(?P<q>hơn|trên|gần|khoảng|xấp\s+xỉ|chừng|ít\s+nhất|tối\s+thiểu)(?:\s+là)?\s+$",
    ),
    "of_producer": (
        extractor._OF_PRODUCER,
        r"(?<!\w)(?:của|thuộc)\s+(?:hơn\s+|gần\s+|khoảng\s+)?$",
    ),
    "phrase_break": (
        extractor._PHRASE_BREAK,
        r"(?<!\w)(?:và|còn(?!\s+lại)|cùng\s+với)(?!\w)|;",
    ),
    "comparison": (
        places._COMPARISON,
        r"(?:\bsau|\bso\s+với|\bhơn|\btrước|\bcùng|\bnhư)\s+$",
    ),
    "venue": (places._VENUE, r"\btại\s+$"),
    "rank_scope": (places._RANK_SCOPE, r"(?:\bthứ\s+\d{1,2}|\bdẫn\s+đầu)\s+$"),
    "number_before": (
        numbers._NUMBER_BEFORE,
        r"(?<![\w.,/\-–])(?P<num>\d{1,3}(?:\.\d{3})+|\d{1,5})(?:/(?P<of>\d{1,5}))?\s+$",
    ),
    "predicate": (
        extractor._PREDICATE,
        r"(?<!\w)(?:được|đã|đạt|vừa|hết|không|tham\s+gia|đăng\s+ký|nâng|có|là|sao)(?!\w)",
    ),
}
_VOCABULARY = (
    "thứ lần đợt số tổng top khóa kỳ trong các mỗi tăng giảm thêm hơn gần khoảng đường so với"
    " không chưa đạt đáp ứng bị loại phấn đấu chỉ tiêu kế hoạch mục dự kiến đặt ra đề sẽ hướng tới"
    " đến định đã vừa lũy luỹ kế nay tính thời điểm này như vậy còn hiệu lực hiện thực thể xuất"
    " phát năm IV II công nhận chứng xếp hạng xây dựng được cấp mới trao phân lần đầu sản phẩm đó"
    " bao gồm của thuộc lại cùng và tham gia đăng ký nâng có là sao xấp xỉ chừng ít nhất tối thiểu"
    " Sẽ ĐÃ x 1 2023 06 1.234 sau trước cùng tại dẫn Văn phòng Sở Hội đồng HTX Ảnh minh họa"
    " / - – 12/2023 1,5 5/6"
)
_WORDS = _VOCABULARY.split()
_SAMPLES = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.sampled_from([" ", "  ", ",", ".", ";", "\n", "(", ""])),
    max_size=24,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_SAMPLES, st.integers(0, 40), st.integers(0, 40))
def test_literal_led_patterns_match_where_their_readable_forms_do(
    text: str, start: int, length: int
) -> None:
    folded = caseless(text)
    end = min(len(folded), start + length)
    for name, (fast, readable) in _READABLE.items():
        plain = compile_caseless(readable)
        got = [(m.span(), m.groups()) for m in fast.finditer(folded, start, end)]
        expected = [(m.span(), m.groups()) for m in plain.finditer(folded, start, end)]
        assert got == expected, name
        assert re.compile(readable, re.I).search(text, start, end) is not None or not got, name


_ORG_HEAD_READABLE = re.compile(
    r"(?<!\w)(?:Văn\s+phòng|Sở|Ban|Hội\s+đồng|Bộ|Chi\s+cục|Trung\s+tâm|Liên\s+minh|Hiệp\s+hội"
    r"|Hội|Cục|Phòng|Công\s+ty|Hợp\s+tác\s+xã|HTX|Đài|Báo|Tổ|Trường|Viện|Ngân\s+hàng|Quỹ"
    r"|Đoàn|Tỉnh\s+ủy|Huyện\s+ủy)(?!\w)"
)
_CAPTION_READABLE = re.compile(r"[-–—]?\s*Ảnh\s*\d+\s*\.?\s*$|^\s*Ảnh\s*(?:minh\s+họa)?\s*:", re.I)


@settings(max_examples=300, deadline=None)
@given(_SAMPLES)
def test_case_sensitive_fast_forms_match_where_their_readable_forms_do(text: str) -> None:
    got = [m.span() for m in places._ORG_HEAD.finditer(text)]
    assert got == [m.span() for m in _ORG_HEAD_READABLE.finditer(text)]
    assert _is_caption(text) == bool(_CAPTION_READABLE.search(text))


_SEGMENT_PIECES = st.sampled_from(
    [
        *(" ", "  ", "\n", ".", "..", "!", "?", "…", ",", ";", ":", "(", ")", '"', "”", "“"),
        *("TP", "Tp", "A", "Bình", "huyện", "sản phẩm", "5", "2023", "\u00a0", "\t"),
    ]
)
_SEGMENT_TEXTS = st.lists(_SEGMENT_PIECES, max_size=30).map("".join)


def _clauses_by_one_pattern(text: str, sentence: segment.Span) -> list[segment.Span]:
    """segment.clauses without its comma-only fast path."""
    spans: list[segment.Span] = []
    start, depth = sentence.start, 0
    for match in segment._CLAUSE_MARK.finditer(text, sentence.start, sentence.end):
        mark = match.group()
        if mark == "(":
            depth += 1
        elif mark == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            spans.append(segment.Span(start, match.start()))
            start = match.end()
    spans.append(segment.Span(start, sentence.end))
    return [s for s in spans if s.end > s.start]


@settings(max_examples=500, deadline=None)
@given(_SEGMENT_TEXTS, st.integers(0, 10), st.integers(0, 10))
@example("Có 5 sản phẩm. Huyện A, huyện B.", 0, 0)
@example("TP. Bình, huyện A.. 5 sản phẩm", 0, 0)
def test_sentence_and_clause_fast_paths_split_as_the_full_patterns_do(
    text: str, cut_start: int, cut_end: int
) -> None:
    span = segment.Span(
        min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    )
    assert segment.sentences(text, span) == plain_sentences(text, span)
    assert list(segment.clauses(text, span)) == _clauses_by_one_pattern(text, span)


_OCOP_PIECES = st.sampled_from(
    [
        *("OCOP", "ocop", "OcOp", "O C O P", "ocp", " ", "İ", "ſ"),
        *("mỗi xã một sản phẩm", "MỖI XÃ MỘT SẢN PHẨM", "Mỗi  Xã\tMột sản phẩm"),
        *("xã", "XÃ", "mỗi", "sản phẩm", "x\u0303", "mỗ", "MỖ", "mỗı", "MỖİ", "ı", "\u2003"),
        *("Ocop", "ocoP", "oc", "op", "m", "M", "ỗ", "Ỗ", "mỖI xÃ mộT sẢn PhẨm", "\udc80", "ü"),
        # Characters with a byte of O, C or P in UTF-16: "\u6f41\u6300\u6f00\u7000"
        # holds "o\0c\0o\0p" at an odd offset once lower-cased, "OCOṐ" before a non-zero.
        *("OCO", "\u6f41", "\u6300", "\u4f00", "\u7000", "\u5000", "Ṑ", "Ő", "😀"),
    ]
)


@settings(max_examples=400)
@given(st.lists(_OCOP_PIECES, max_size=8).map("".join) | st.text(max_size=40))
@example("\u6f41\u6300\u6f00\u7000")
@example("OCOṐ")
def test_the_ocop_gate_agrees_with_the_case_insensitive_search(text: str) -> None:
    assert extractor._may_name_ocop(text) == (extractor.OCOP_WORDS.search(text) is not None)


def test_no_character_but_their_own_cases_matches_the_gate_letters_case_insensitively() -> None:
    # The gate looks for "ocop" in the UTF-8 bytes with ASCII letters lower-cased
    # and for "mỗ"/"mỖ" there: sound only if no other character matches one of
    # those letters under re.IGNORECASE.
    pattern = re.compile("[ocpmỗ]", re.IGNORECASE)
    matching = {c for c in map(chr, range(0x110000)) if pattern.fullmatch(c)}
    assert matching == set("ocpmỗOCPMỖ")


_TRAP_WORDS = [
    *_WORDS,
    *[
        "quyết",
        "định",
        "QĐ",
        "kế",
        "nghị",
        "thông",
        "tư",
        "chỉ",
        "thị",
        "công",
        "văn",
        "bản",
        "decision",
        "no",
        "no.",
        "hoặc",
        "tới",
        "—",
        "mỗi",
        "xã",
    ],
]
# Words with the spaces between them: the rules fire on a word right before
# the number, after a space.
_TRAP_SAMPLES = st.lists(
    st.tuples(st.sampled_from(_TRAP_WORDS), st.sampled_from([" ", "  ", ", ", ". ", "\u00a0", ""])),
    max_size=12,
).map(lambda pairs: "".join(word + glue for word, glue in pairs))


@settings(max_examples=500, deadline=None)
@given(_TRAP_SAMPLES)
@example("Hội thi lần thứ ")
@example("theo Quyết định số ")
@example("Thông tư ")
@example("QĐ no. ")
@example("từ 5 - ")
@example("8 đến ")
@example("1 trong số các ")
@example("mỗi xã ít nhất ")
@example("tăng thêm gần ")
@example("số 02 đường ")
def test_trap_rules_skipped_by_their_endings_could_not_have_fired(text: str) -> None:
    before = caseless(text)
    tail = before.rstrip()
    for name, pattern, endings in traps._BEFORE_RULE_TESTS:
        if pattern.search(before) is None:
            continue
        assert endings is None or tail.endswith(endings), name
        if name == "quota":
            reach = max(0, len(before) - traps._QUOTA_REACH)
            assert before.find(traps._QUOTA_WORD, reach) >= 0
    assert [name for name, _, _ in traps._BEFORE_RULE_TESTS] == list(traps._BEFORE)


_RENEWAL_WORDS = st.sampled_from(
    [
        *("công", "nhận", "lại", "đánh", "giá", "cấp", "tái", "chứng", "đạt", "chuẩn"),
        *("phân", "hạng", "gia", "hạn", "Công", "3", "sản phẩm", "OCOP", "và", "đã"),
    ]
)
_RENEWAL_TEXTS = st.lists(
    st.tuples(_RENEWAL_WORDS, st.sampled_from([" ", "  ", ", ", "\n", ""])), max_size=14
).map(lambda pairs: "".join(word + glue for word, glue in pairs))


@settings(max_examples=500, deadline=None)
@given(_RENEWAL_TEXTS, st.integers(min_value=0, max_value=200))
@example("công nhận lại", 13)
@example("gia hạn 3 sản phẩm", 7)
def test_no_renewal_marker_in_a_segment_means_none_before_its_number(text: str, cut: int) -> None:
    # own_kind asks the text before the number only when the whole segment,
    # which the text before the number opens, holds a marker.
    segment = caseless(text)
    before = segment[: min(cut, len(segment))]
    if kinds.RERECOGNIZED.search(before) is not None:
        assert kinds.RERECOGNIZED.search(segment) is not None
