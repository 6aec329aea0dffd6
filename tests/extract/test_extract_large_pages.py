"""Very large and pathological pages still give a result (timings go in reports, not here)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extract import extract_article, thresholds
from extract.models import Article, NotArticle, PageContext
from extract.nesting import max_block_depth, more_tags_than, too_deep

CTX = PageContext(url="https://tv.example/tin-tuc/bai-viet-1.htm")
FIVE_MB = 5_000_000


def _paragraphs(total_bytes: int) -> bytes:
    parts = []
    size = i = 0
    while size < total_bytes:
        part = (
            f"<p>Đoạn {i}: trong năm nay, tỉnh đã công nhận thêm nhiều sản phẩm OCOP mới, "
            f"phần lớn là nông sản chế biến của hợp tác xã số {i}.</p>"
        ).encode()
        parts.append(part)
        size += len(part)
        i += 1
    return b"".join(parts)


def test_a_five_megabyte_article_gives_an_article() -> None:
    head = "<html><body><h1>Tỉnh X vượt kế hoạch OCOP</h1>".encode()
    page = head + _paragraphs(FIVE_MB) + b"</body>"
    assert len(page) >= FIVE_MB
    result = extract_article(page, CTX)
    assert isinstance(result, Article)
    assert result.paragraphs[0].startswith("Đoạn 0")


def test_five_megabytes_of_teaser_links_give_a_listing() -> None:
    item = '<div class="item"><a href="/a{0}.htm">Tiêu đề bài viết số {0} về OCOP</a></div>'
    links = "".join(item.format(i) for i in range(FIVE_MB // 70)).encode()
    result = extract_article(b"<html><body><h1>Tin tuc</h1>" + links + b"</body>", CTX)
    assert isinstance(result, NotArticle) and result.page_type == "listing"


def test_five_megabytes_of_nested_divs_are_refused_before_parsing() -> None:
    page = b"<html><body>" + b"<div><span>x y z, </span>" * (FIVE_MB // 25) + b"</body>"
    result = extract_article(page, CTX)
    assert isinstance(result, NotArticle) and result.page_type == "other"
    assert "nests too deep" in result.reason


def test_balanced_but_deep_nesting_is_measured_as_deep() -> None:
    page = b"<body>" + b"<DIV class=a>" * 6000 + b"x" + b"</div>" * 6000 + b"</body>"
    assert max_block_depth(page) == 6000
    assert too_deep(page)


def test_ordinary_nesting_is_not_too_deep() -> None:
    page = b"<body>" + (b"<div><section><p>text</p></section></div>" * 3000) + b"</body>"
    assert max_block_depth(page) == 2
    assert not too_deep(page)


@given(
    st.binary(max_size=60) | st.lists(st.sampled_from([b"<", b"<div>", b"x", b" "])).map(b"".join),
    st.integers(0, 40),
)
def test_the_tag_limit_check_agrees_with_a_count(body: bytes, limit: int) -> None:
    assert more_tags_than(body, limit) == (body.count(b"<") > limit)


def test_nesting_is_measured_from_one_tag_over_the_unchecked_limit() -> None:
    limit = thresholds.MAX_TAGS_UNCHECKED
    assert not too_deep(b"<div>" * limit)
    assert too_deep(b"<div>" * (limit + 1))
