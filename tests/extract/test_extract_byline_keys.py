"""The name keys bylines and site names are compared by equal their plain definition."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.authors import site_names
from extract.structured import StructuredData
from extract.text import squash, strip_accents

# Vietnamese letters in both cases, đ/Đ, combining marks written apart,
# digits, separators, the dotted I (lower() adds a combining mark) and final sigma.
_ALPHABET = st.sampled_from(
    [
        *"aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐáàảãạếềểễệốồổỗộứừửữựÝỲ",
        *("\u0301", "\u0300", "\u0309", "\u0303", "\u0323", "\u0345", "İ", "Σ", "ς"),
        *"09_-. ,:/|\u00a0\u200bxyzBQ",
    ]
)


def plain_squash(text: str) -> str:
    """squash() as defined: accents stripped, lower case, letters and digits alone."""
    return re.sub(r"[\W_]+", "", strip_accents(text).lower())


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=30) | st.text(max_size=20))
def test_squash_equals_its_plain_definition_on_generated_names(text: str) -> None:
    assert squash(text) == plain_squash(text)


def test_squash_equals_its_plain_definition_on_every_single_character() -> None:
    # The one-pass form rests on a per-character fact (no combining mark is
    # a letter or digit, nor does lower() make one): checked on all of Unicode.
    differ = [c for c in map(chr, range(sys.maxunicode + 1)) if squash(c) != plain_squash(c)]
    assert differ == []


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(_ALPHABET, max_size=20), max_size=4),
    st.lists(st.text(_ALPHABET, max_size=20), max_size=3),
    st.sampled_from(["https://www.baodautu.vn/a", "http://cafef.vn:8080/b", "https://nld.com.vn/"]),
)
def test_site_names_holds_the_same_keys_as_the_plain_list(
    publishers: list[str], site_metas: list[str], url: str
) -> None:
    data = StructuredData(
        publisher_names=tuple(publishers), raw_meta={"og:site_name": tuple(site_metas)}
    )
    names = [*publishers, *data.all_meta("og:site_name", "application-name")]
    host = url.split("//")[1].removeprefix("www.").split("/")[0].split(":")[0]
    plain = [s for s in (plain_squash(n) for n in [*names, host, host.split(".")[0]]) if len(s) > 2]
    assert set(site_names(data, url)) == set(plain)
