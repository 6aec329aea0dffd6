"""URL canonicalisation: one key per page, whatever spelling discovery found."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.urls import canonicalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HTTP://Example.COM/a", "http://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("http://example.com", "http://example.com/"),
        ("http://example.com/a#comments", "http://example.com/a"),
        ("http://example.com/a/./b/../c", "http://example.com/a/c"),
        (
            "http://example.com/tin?utm_source=fb&id=3&fbclid=x&gclid=y",
            "http://example.com/tin?id=3",
        ),
        ("http://example.com/tin?zarsrc=30&utm_medium=zalo", "http://example.com/tin"),
        ("http://example.com/?b=2&a=1", "http://example.com/?b=2&a=1"),  # order kept
        ("http://example.com/%7Euser", "http://example.com/~user"),
        ("http://example.com/a%2fb", "http://example.com/a%2Fb"),  # escaped "/" stays escaped
        ("http://example.com/?q=a+b%2B", "http://example.com/?q=a+b%2B"),
        ("http://example.com/sản phẩm", "http://example.com/s%E1%BA%A3n%20ph%E1%BA%A9m"),
        ("http://[::1]:8080/", "http://[::1]:8080/"),
        ("http://bảo.vn/", "http://xn--bo-l5s.vn/"),
    ],
)
def test_canonicalize_normalises_spelling(raw: str, expected: str) -> None:
    assert canonicalize(raw) == expected


def test_canonicalize_makes_composed_and_decomposed_vietnamese_one_key() -> None:
    composed = "http://example.com/s%E1%BA%A3n-ph%E1%BA%A9m"  # ả, ẩ precomposed
    decomposed = "http://example.com/sa\u0309n-pha\u0302\u0309m"
    assert canonicalize(decomposed) == canonicalize(composed)


def test_canonicalize_resolves_relative_links_against_base() -> None:
    base = "https://example.com/kinh-te/trang-2.html"
    assert canonicalize("../ocop-1.html", base) == "https://example.com/ocop-1.html"
    assert canonicalize("//cdn.example.com/x", base) == "https://cdn.example.com/x"
    assert canonicalize("?page=3", base) == "https://example.com/kinh-te/trang-2.html?page=3"


@pytest.mark.parametrize(
    "junk",
    [
        "mailto:toasoan@example.com",
        "javascript:void(0)",
        "tel:0123",
        "ftp://example.com/x",
        "",
        "   ",
        "example.com/no-scheme",
        "http://",
        "http://exa mple.com/",
        "http://example.com:99999/",
    ],
)
def test_canonicalize_rejects_non_http_and_junk(junk: str) -> None:
    assert canonicalize(junk) is None


url_parts = st.sampled_from(
    [
        "a",
        "B",
        "%41",
        "%2F",
        "%2f",
        "%7e",
        "~",
        " ",
        "ả",
        "a\u0309",
        "%E1%BA%A3",
        "%",
        "%zz",
        "%C3",
        "/",
        "./",
        "../",
        "?",
        "&",
        "=",
        "#",
        "+",
        "utm_source=x",
        "fbclid=1",
        ":",
        "@",
        "[",
        "]",
        "\\",
        "é",
        "%E9",
        "\t",
        "page=2",
    ]
)
url_tails = st.lists(st.one_of(url_parts, st.text(max_size=3)), max_size=12).map("".join)
hosts = st.sampled_from(["Example.COM", "example.com.", "127.0.0.1", "[::1]", "bảo.vn", "x_y.vn"])
ports = st.sampled_from(["", ":80", ":443", ":8080", ":0"])
schemes = st.sampled_from(["http", "HTTPS", "Http"])


@settings(max_examples=400, deadline=None)
@given(schemes, hosts, ports, url_tails)
def test_canonicalize_is_idempotent_on_url_like_input(
    scheme: str, host: str, port: str, tail: str
) -> None:
    once = canonicalize(f"{scheme}://{host}{port}/{tail}")
    if once is not None:
        assert canonicalize(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.sampled_from([None, "http://example.com/a/b?c=1"]))
def test_canonicalize_is_idempotent_on_any_text(text: str, base: str | None) -> None:
    once = canonicalize(text, base)
    if once is not None:
        assert canonicalize(once) == once
