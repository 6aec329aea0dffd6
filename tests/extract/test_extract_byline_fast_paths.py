"""The shortcuts of extract/bylines.py give what the patterns and rules they stand for give."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from extract import bylines, thresholds
from extract.bylines import (
    _AGENCY_KEYS,
    _NAME_LIST_SEPARATOR,
    _NAME_TOKEN,
    _ORGANISATION_WORD,
    _PREFIX,
    _SPLIT,
    _SUFFIX,
    _URLISH,
    _is_name_token,
    _is_urlish,
    _name_list,
    _name_parts,
    _strip_decorations,
    _strip_suffix,
    is_person_name,
    parse_credit,
)
from extract.text import fold, squash

# Credit lines are made of Vietnamese and English words, the separators and
# brackets the patterns look for, other spaces and marks, and characters
# that case-blind patterns or str methods treat apart (dotless i, long s,
# Kelvin sign, superscript two, combining grave, "ǅ").
_PIECES = st.sampled_from(
    [
        *("Minh", "Chiến", "NHẬT", "XUÂN", "và", "and", "Theo", "Nguồn", "Bài", "ảnh", "PV"),
        *("TTXVN", "Reuters", "Tổng", "hợp", "tong hop", "Báo", "online", "www", "vn", "com"),
        *(" ", "  ", ",", ";", "/", "&", "-", "–", "—", "\n", "\t", "\u00a0", ".", ":", "@"),
        *("(", ")", "[", "]", "(tổng hợp)", "(TH)", "[ảnh]", "*", "|", "'", "’", "_", "1", "07"),
        *("\u0131", "\u017f", "\u212a", "\u00b2", "a\u0300", "\u01c5", "İ", "Ω", "https://"),
    ]
)
# Words alone between spaces: the shape of most bylines, which the shortcuts take.
_WORDS = st.sampled_from(
    ["Minh", "Chiến", "NHẬT", "XUÂN", "và", "and", "Bloomberg", "Xinhua", "Tong", "hop", "Vũ"]
)
_word_lines = st.lists(_WORDS, min_size=1, max_size=6).flatmap(
    lambda words: st.sampled_from([" ", "  "]).map(lambda space: space.join(words))
)
_lines = st.lists(_PIECES, max_size=12).map("".join) | st.text(max_size=40) | _word_lines


def _plain_strip_decorations(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _SUFFIX.sub("", _PREFIX.sub("", text)).strip(" .:-–—,;|*")
    return text


def _plain_is_person_name(name: str) -> bool:
    name = fold(name)
    if not name or len(name) > thresholds.MAX_NAME_LEN or _URLISH.search(name):
        return False
    if squash(name) in _AGENCY_KEYS or _ORGANISATION_WORD.search(name):
        return False
    tokens = name.split()
    if not 1 <= len(tokens) <= thresholds.MAX_NAME_TOKENS:
        return False
    if len(tokens) == 1 and (len(name) < 3 or name.isupper()):
        return False
    return all(_NAME_TOKEN.match(t) and t[0].isupper() for t in tokens)


def _plain_parse_credit(line: str) -> bylines.Credit | None:
    text = fold(line)
    if not text or len(text) > thresholds.MAX_BYLINE_LEN:
        return None
    more = 0
    found_more = bylines._MORE_AUTHORS.search(text)
    if found_more:
        more = int(found_more.group(1))
        text = text[: found_more.start()]
    is_source_line = bool(bylines._SOURCE_LEAD.match(text))
    text = _plain_strip_decorations(text)
    if not text:
        return None
    names = [bylines.title_case(_plain_strip_decorations(part)) for part in _SPLIT.split(text)]
    names = [n for n in names if n]
    if names and all(_plain_is_person_name(n) for n in names):
        return bylines.Credit(tuple(dict.fromkeys(names)), None, more)
    if is_source_line:
        return bylines.Credit((), text, 0)
    return None


@settings(max_examples=500, deadline=None)
@given(_lines)
def test_suffix_is_stripped_as_the_pattern_strips_it(text: str) -> None:
    assert _strip_suffix(text) == _SUFFIX.sub("", text)


@settings(max_examples=500, deadline=None)
@given(_lines)
def test_decorations_are_stripped_as_the_plain_loop_strips_them(text: str) -> None:
    assert _strip_decorations(text) == _plain_strip_decorations(text)


@settings(max_examples=500, deadline=None)
@given(_lines)
def test_stripping_decorations_twice_gives_what_stripping_once_gives(text: str) -> None:
    # parse_credit() leaves the one part of an unsplit text as it is.
    once = _strip_decorations(text)
    assert _strip_decorations(once) == once


@settings(max_examples=500, deadline=None)
@given(_lines)
def test_name_parts_are_the_split_patterns_parts(text: str) -> None:
    assert _name_parts(text) == _SPLIT.split(text)


@settings(max_examples=500, deadline=None)
@given(_lines)
def test_name_list_is_the_separator_patterns_parts(text: str) -> None:
    assert _name_list(text) == _NAME_LIST_SEPARATOR.split(text)


@settings(max_examples=500, deadline=None)
@given(_lines)
def test_urlish_test_is_the_patterns_answer(text: str) -> None:
    assert _is_urlish(text) == (_URLISH.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(_lines)
def test_name_token_test_is_the_patterns_answer(text: str) -> None:
    assert _is_name_token(text) == (_NAME_TOKEN.match(text) is not None)


def test_every_letter_is_a_name_token_and_squashes_to_a_character() -> None:
    # The two per-character facts the name shortcuts rest on, over all of Unicode.
    letters = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isalpha()]
    assert [c for c in letters if _NAME_TOKEN.match(c) is None] == []
    assert [c for c in letters if not squash(c)] == []


@settings(max_examples=800, deadline=None)
@given(_lines)
def test_person_names_are_told_as_the_plain_rule_tells_them(text: str) -> None:
    assert is_person_name(text) == _plain_is_person_name(text)


@settings(max_examples=800, deadline=None)
@given(_lines)
def test_credit_lines_read_as_the_plain_rules_read_them(line: str) -> None:
    assert parse_credit(line) == _plain_parse_credit(line)


def test_long_agency_names_and_names_are_still_told_apart() -> None:
    assert not is_person_name("Bloomberg")
    assert not is_person_name("Tong Hop")
    assert not is_person_name("Xinhua")
    assert not is_person_name("Reuters")
    assert is_person_name("Bloomberga Minh")
    assert parse_credit("Minh Chiến và NGHI VŨ") == bylines.Credit(("Minh Chiến", "Nghi Vũ"))
