"""Caseless text: lower-case patterns on it match where IGNORECASE ones match on the text."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.figures.caseless import caseless, compile_caseless
from extract.figures.charclass import LOWER

_EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


@pytest.fixture(scope="module")
def folded_characters() -> str:
    # One character at a time: the fold is per character (no context).
    return "".join(caseless(c) for c in _EVERY_CHARACTER)


def test_caseless_text_keeps_every_offset(folded_characters: str) -> None:
    assert len(folded_characters) == len(_EVERY_CHARACTER)
    assert caseless(_EVERY_CHARACTER) == folded_characters


def test_every_letter_matches_exactly_the_characters_ignorecase_takes_for_it(
    folded_characters: str,
) -> None:
    for letter in sorted(set(LOWER)):
        ignorecase = [m.start() for m in re.finditer(re.escape(letter), _EVERY_CHARACTER, re.I)]
        caseless_letter = compile_caseless(re.escape(letter))
        plain = [m.start() for m in caseless_letter.finditer(folded_characters)]
        assert plain == ignorecase, letter


def test_word_digit_and_space_classes_survive_folding(folded_characters: str) -> None:
    for pattern in (r"\w", r"\d", r"\s"):
        original = [m.start() for m in re.finditer(pattern, _EVERY_CHARACTER)]
        folded = [m.start() for m in re.finditer(pattern, folded_characters)]
        assert folded == original, pattern


def test_compiled_pattern_keeps_escapes_and_lowers_literals() -> None:
    pattern = compile_caseless(r"Hội\s+đồng\S*|OCOP\W|[IV]|(?P<Name>X)(?P=Name)")
    assert pattern.pattern == r"hội\s+đồng\S*|ocop\W|[iv]|(?P<Name>x)(?P=Name)"


def test_letter_ranges_are_refused() -> None:
    with pytest.raises(ValueError, match="letter range"):
        compile_caseless(r"[A-Z]+")


_SAMPLES = st.text(
    alphabet=st.sampled_from("Đđİıſẛṡ ĐỒNGđồngOCOPocop SẼsẽ Hội hội, .\n0123"), max_size=40
)
_PATTERNS = (r"đồng\s+\S+", r"(?<!\w)sẽ(?!\w)", r"ocop\W|hội", r"[is]\w*", r"ṡ|\bs")


@given(_SAMPLES)
def test_caseless_search_finds_what_ignorecase_search_finds(text: str) -> None:
    folded = caseless(text)
    for source in _PATTERNS:
        expected = [m.span() for m in re.finditer(source, text, re.I)]
        assert [m.span() for m in compile_caseless(source).finditer(folded)] == expected
