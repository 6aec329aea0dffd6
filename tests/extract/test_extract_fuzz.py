"""Any bytes in, an Article or NotArticle out: mutated real pages never raise."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract import extract_article
from extract.models import Article, NotArticle, PageContext

VN_NEWS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "vn-news"
CTX = PageContext(url="https://example.test/a.html")
SOUP = [
    b"<div>", b"</div>", b"<p>", b"</p>", b"<h1>", b"</a>", b"<table><tr><td>", b"<!--",
    b"-->", b"<script>", b"</script>", b'<meta charset="x-unknown">', b"\x00", b"\xff\xfe",
    b"<html lang=vi>", b"27/12/2023 10:00", b"Theo TTXVN", b"&#x110;&amp;", b"<br>",
]  # fmt: skip
CEED = VN_NEWS.parent / "ceed-articles"
# Vietnamese article and listing pages, and a few English pages of other layouts.
PAGES = sorted(VN_NEWS.glob("*/*.html")) + sorted(CEED.glob("1?.html"))


def _check(body: bytes) -> None:
    result = extract_article(body, CTX)
    assert isinstance(result, Article | NotArticle)
    if isinstance(result, Article):
        assert result.title
        assert result.published_at is None or result.published_at.tzinfo is not None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_give_a_result(body: bytes) -> None:
    _check(body)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SOUP) | st.text(max_size=20).map(str.encode), max_size=60))
def test_tag_soup_gives_a_result(pieces: list[bytes]) -> None:
    _check(b"".join(pieces))


def test_very_deep_nesting_gives_a_result() -> None:
    _check(b"<html><body>" + b"<div>" * 5000 + b"x" * 500 + b"</div>" * 10 + b"</body></html>")


@pytest.mark.parametrize("tag", [b"span", b"font", b"b"])
def test_very_deep_inline_nesting_gives_an_article(tag: bytes) -> None:
    # Inline tags do not count towards the nesting refused before parsing;
    # the walkers go through them without recursion (a walker that recursed
    # once per element raised RecursionError here).
    story = b"<p>The council approved the plan after a long debate today.</p>" * 20
    html = (
        b"<html><body><h1>Council backs the plan</h1><div>"
        + (b"<" + tag + b">") * 2000
        + story
        + (b"</" + tag + b">") * 2000
        + b"</div></body></html>"
    )
    result = extract_article(html, CTX)
    assert isinstance(result, Article), result
    assert result.title == "Council backs the plan"


@pytest.mark.skipif(not PAGES, reason="../shared/corpus is not present beside the repo")
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_mutated_real_pages_give_a_result(data: st.DataObject) -> None:
    page = bytearray(Path(data.draw(st.sampled_from(PAGES))).read_bytes())
    for _ in range(data.draw(st.integers(0, 20))):
        position = data.draw(st.integers(0, len(page) - 1))
        page[position] = data.draw(st.integers(0, 255))
    for _ in range(data.draw(st.integers(0, 5))):
        position = data.draw(st.integers(0, len(page)))
        page[position:position] = data.draw(st.sampled_from(SOUP))
    end = data.draw(st.integers(0, len(page)))
    _check(bytes(page[:end]))


SMALL_ARTICLE = (
    "<html><body><h1>Tỉnh X vượt kế hoạch sản phẩm OCOP</h1>"
    + "<p>Trong năm nay, tỉnh đã công nhận thêm nhiều sản phẩm OCOP mới, phần lớn là nông sản.</p>"
    * 20
    + "</body></html>"
).encode()


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=40), st.sampled_from(["https://[::1", "http://a/", "//x"])))
def test_any_url_text_gives_a_result(url: str) -> None:
    result = extract_article(SMALL_ARTICLE, PageContext(url=url))
    assert isinstance(result, Article | NotArticle)


def test_metadata_with_an_impossible_zone_gives_an_article() -> None:
    sentence = "Huyện có thêm sản phẩm OCOP được công nhận. ".encode() * 12
    body = (
        b'<html><head><meta property="article:published_time" content="2026-03-07T08:00:00+99:00">'
        + "</head><body><h1>Ba sản phẩm OCOP mới</h1>".encode()
        + b"<p>07/03/2026 08:00 GMT+30</p><p>"
        + sentence
        + b"</p></body></html>"
    )
    result = extract_article(body, PageContext(url="https://example.vn/a"))
    assert isinstance(result, Article) and result.published_at is None
