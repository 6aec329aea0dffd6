"""The shortcuts of extract/text.py give what the rules they shorten give."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from extract.text import squash, strip_accents


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
