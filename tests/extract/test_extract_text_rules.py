"""Text normalisation (extract/text.py): the fast paths give what the plain
definitions give, on any text."""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from extract.text import INVISIBLE_CHARS, fold, visible_len

_INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
# Letters, Vietnamese marks (precomposed and combining), every kind of space
# str.split knows, the invisible characters fold() removes, and a lone
# surrogate (visible_len reads the text as UTF-8 bytes).
_ALPHABET = st.sampled_from(
    [
        *"aAđĐ ơƯ\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u3000.,",
        *("\u0301", "\u0323", "e\u0302", "ệ", "  ", "\ud800"),
        *INVISIBLE_CHARS,
    ]
)
texts = st.lists(_ALPHABET, max_size=40).map("".join) | st.text(max_size=60)


def plain_fold(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(_INVISIBLE.sub("", text).split()))


@given(texts)
def test_fold_removes_invisibles_folds_spaces_and_composes_like_the_definition(text: str) -> None:
    assert fold(text) == plain_fold(text)


@given(texts)
def test_visible_len_counts_the_characters_that_are_not_spaces(text: str) -> None:
    assert visible_len(text) == len("".join(text.split()))


def test_every_space_and_invisible_character_is_unprintable() -> None:
    # fold() takes printable text without double spaces as folded already.
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and c != 32]
    assert not any(char.isprintable() for char in [*spaces, *INVISIBLE_CHARS])


def test_fold_joins_a_decomposed_vietnamese_letter_and_drops_a_zero_width_space() -> None:
    assert fold(" Vie\u0302\u0323t\u200b  Nam\n") == "Việt Nam"


def test_fold_removes_each_invisible_character_from_ascii_and_vietnamese_text() -> None:
    for char in INVISIBLE_CHARS:
        assert fold(f"a{char}b") == "ab"
        assert fold(f"Việt{char} Nam") == "Việt Nam"


@given(st.lists(_ALPHABET, min_size=200, max_size=900).map("".join))
def test_visible_len_of_long_texts_equals_the_length_of_their_split_words(text: str) -> None:
    # Long texts are measured from their bytes with the ASCII spaces deleted.
    assert visible_len(text) == len("".join(text.split()))
