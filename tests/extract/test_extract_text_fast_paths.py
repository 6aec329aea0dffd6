"""The shortcuts of extract/text.py give what the rules they shorten give."""

from __future__ import annotations

import html
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.text import squash, strip_accents, unescape_all


def _plain_strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ASCII text (most site names and hosts) and Vietnamese letters with their
# marks, precomposed and combining.
_text = st.text(st.characters(max_codepoint=127), max_size=30) | st.text(
    st.sampled_from("aAeEđĐôƠưăâáàảãạếỆ\u0301\u0323\u0309 -.vn"), max_size=30
)


@given(_text)
def test_accents_are_stripped_as_the_plain_rule_strips_them(text: str) -> None:
    assert strip_accents(text) == _plain_strip_accents(text)


def test_squash_keeps_ascii_letters_and_digits_and_drops_vietnamese_marks() -> None:
    assert squash("Báo Dân Trí") == "baodantri"
    assert squash("baodautu.vn") == "baodautuvn"
    assert squash("Kênh 14") == "kenh14"


def _plain_unescape_all(text: str, rounds: int = 3) -> str:
    for _ in range(rounds):
        unescaped = html.unescape(text)
        if unescaped == text:
            break
        text = unescaped
    return text


# Entities whole, cut, escaped twice or thrice, and text around them.
_escaped = st.lists(
    st.sampled_from(
        ["&", "amp;", "#7871;", "&amp", "&#", "x1EBF;", "nbsp;", "lt", ";", "Tin ", "ế"]
    ),
    max_size=8,
).map("".join)


@given(_escaped, st.integers(0, 4))
def test_entities_are_undone_as_the_plain_rounds_undo_them(text: str, rounds: int) -> None:
    assert unescape_all(text, rounds) == _plain_unescape_all(text, rounds)


def _pattern_squash(text: str) -> str:
    """squash() as one pattern pass, the form its byte passes shorten."""
    if not text.isascii():
        text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return re.sub(r"[\W_]+", "", text.lower())


# Vietnamese letters (precomposed and with combining marks), the edges of the
# mark block U+0300-U+036F and the letters beside it (U+02FF, U+0370-U+0371),
# letters and digits outside ASCII that decompose to none (ø, ß, Σ, Arabic
# and superscript digits, CJK), the dotted I, and ASCII of every kind.
_SQUASH_ALPHABET = st.sampled_from(
    [
        *"aAđĐôƠưăâáàảãạếỆỹỸ",
        *"\u0300\u0301\u0309\u0323\u0345\u036f\u0370\u0371\u02ff\u0374",
        *"øßΣσς٣²中İ\u212a\u00a0\u200b",
        *"09azAZ_-. ,:/|\t",
    ]
)


@settings(max_examples=500)
@given(st.text(_SQUASH_ALPHABET, max_size=30) | st.text(max_size=20))
def test_squash_gives_the_key_of_its_one_pattern_form(text: str) -> None:
    assert squash(text) == _pattern_squash(text)
