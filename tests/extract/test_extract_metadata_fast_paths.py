"""The metadata layer's faster forms give what their plain forms give: a
JSON-LD script's text read at once, and JSON decoded by the scanner alone."""

from __future__ import annotations

import json

from hypothesis import example, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from extract import dom
from extract.structured import (
    _CONTROL,
    _INVALID,
    _TRAILING_COMMA,
    _decode_json,
    _decode_stripped_json,
    _json_ld_objects,
    _load_json,
    _salvage,
    _walk,
)

# Script contents, in HTML and in foreign content (where a <script> holds
# elements, comments and CDATA), with text that is not UTF-8 once encoded.
_SCRIPT_PIECES = [
    '<script type="application/ld+json">', "<script>", "</script>", "<svg>", "</svg>",
    "<math>", "</math>", "<!-- c -->", "<![CDATA[x]]>", "<g>", "</g>", "<b>", "</b>",
    '{"@type": "NewsArticle"}', '{"@type": "Article", "headline": "Tin"}', '{"@type": "Thing"}',
    "[", "]", ",",
    "Tin tức ", "\u00d0", "&amp;", "<p>", "\n", " ",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_SCRIPT_PIECES), max_size=30))
@example(["<script>", '{"@type": "Thing"}', "</script>"])
@example(["<svg>", "<script>", '[{"@type": "Thing"}', "<g>", "]", "</g>", "</script>"])
def test_script_text_read_at_once_is_its_deep_text(pieces: list[str]) -> None:
    tree = LexborHTMLParser("".join(pieces))
    scripts = dom.sweep(tree).scripts
    for script in scripts:
        assert script.text_lexbor() == script.text(deep=True)
    assert _same(_json_ld_objects(scripts), _json_ld_objects_plainly(scripts))


def _json_ld_objects_plainly(scripts: list[LexborNode]) -> list[dict[str, object]]:
    """_json_ld_objects() reading each script's text with text(deep=True)."""
    found: list[dict[str, object]] = []
    for script in scripts:
        raw = script.text(deep=True)
        data = _load_json_plainly(raw)
        if data is not None:
            _walk(data, 0, found)
            continue
        salvaged = _salvage(raw)
        if salvaged:
            found.append(salvaged)
    return found


def test_script_text_read_at_once_is_its_deep_text_from_invalid_bytes() -> None:
    tree = LexborHTMLParser(b'<script type="application/ld+json">{"a": "\xff\xfe b"}</script>')
    (script,) = dom.sweep(tree).scripts
    assert script.text_lexbor() == script.text(deep=True)


def _same(first: object, second: object) -> bool:
    # repr(): NaN, which JSON may hold, is not equal to itself.
    return repr(first) == repr(second)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=20,
)
_JSON_NOISE = st.sampled_from(
    ["", " ", "\n", "\t", "\r", "\x0b", ",", "]", "}", "x", "{", "\u00a0"]
)


@settings(max_examples=400, deadline=None)
@given(_JSON_VALUES, _JSON_NOISE, _JSON_NOISE, st.integers(min_value=0, max_value=2))
@example(None, "", "", 0)
def test_stripped_json_decodes_as_the_decoder_decodes_it(
    value: object, before: str, after: str, indent: int
) -> None:
    text = (before + json.dumps(value, indent=indent or None) + after).strip()
    assert _same(_decode_stripped_json(text), _decode_json(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet='{}[]":,0123456789.eE+-tfrunl \n\t\\ax\x00\x1f\u00a0', max_size=30))
@example("")
@example("1 2")
@example("[" * 5000)
def test_any_stripped_text_decodes_as_the_decoder_decodes_it(text: str) -> None:
    text = text.strip()
    assert _same(_decode_stripped_json(text), _decode_json(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='{}[]":,01 \n\x01\x0b<!-/CDAT', max_size=30))
@example('{"a": 1,}\x01')
@example('\x01{"a": [1,]}')
def test_json_ld_text_loads_as_it_loads_with_the_decoder(text: str) -> None:
    """_load_json(), whose repairs decode text that may end in white space
    (a control character made a space), with the decoder throughout."""
    assert _same(_load_json(text), _load_json_plainly(text))


def _load_json_plainly(raw: str) -> object | None:
    """_load_json() with the decoder throughout."""
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    raw = raw.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    found = _decode_json(raw)
    if found is _INVALID:
        found = _decode_json(_TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", raw)))
    return None if found is _INVALID else found
