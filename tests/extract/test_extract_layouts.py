"""Page layouts written for these tests: a regional TV-station article like the
seed (byline line, dateline, source credit, dated teasers below) and others."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from extract import extract_article
from extract.bylines import source_name
from extract.models import Article, NotArticle, PageContext, SelectorOverrides

VN = timezone(timedelta(hours=7))
PARA = (
    "Trong năm nay, tỉnh đã công nhận thêm nhiều sản phẩm OCOP mới, phần lớn là nông sản "
    "chế biến của các hợp tác xã, và các huyện đều hoàn thành kế hoạch đề ra từ đầu năm."
)


def regional_page(
    byline: str = "Lan Anh- Quốc Bảo", credit: str = "Nguồn: Bản tin NTM/THX"
) -> bytes:
    teasers = "".join(
        f'<div class="item"><a href="/t{i}.htm">Tin liên quan số {i} về nông thôn mới</a>'
        f"<span>09:4{i} , 19/03/2026</span><p>Tóm tắt ngắn của tin số {i}.</p></div>"
        for i in range(6)
    )
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8">
    <title>Tỉnh X vượt kế hoạch sản phẩm OCOP - Truyền hình X</title></head><body>
    <div class="top">Thứ Tư, ngày 20/03/2026</div>
    <div class="hotline">Đường dây nóng: 0237 000000</div>
    <div class="main"><h1>Tỉnh X vượt kế hoạch sản phẩm OCOP</h1>
    <div class="sapo">Năm nay tỉnh X công nhận thêm nhiều sản phẩm OCOP, vượt kế hoạch đề ra.</div>
    <div class="info"><div>{byline}</div><div>27/12/2023 10:00</div></div>
    <div class="content">{"".join(f"<p>{PARA} Đoạn {i}.</p>" for i in range(6))}
    <p>{credit}</p></div>
    <div class="comments">Ý kiến bạn đọc</div><div class="related">{teasers}</div></div>
    </body></html>""".encode()


def test_seed_like_page_gives_headline_byline_dateline_and_credit() -> None:
    result = extract_article(regional_page(), PageContext(url="https://tv.example/a.htm"))
    assert isinstance(result, Article)
    assert result.title == "Tỉnh X vượt kế hoạch sản phẩm OCOP"
    assert result.authors == ("Lan Anh", "Quốc Bảo")
    assert result.published_at == datetime(2023, 12, 27, 10, 0, tzinfo=VN)
    assert result.source_credit == "Bản tin NTM/THX"
    assert result.lead and result.lead.startswith("Năm nay tỉnh X")
    assert len(result.paragraphs) == 6
    assert not any("19/03/2026" in p or "Nguồn" in p for p in result.paragraphs)


def test_agency_credit_is_not_an_author() -> None:
    page = regional_page(byline="Theo TTXVN", credit="Theo TTXVN")
    result = extract_article(page, PageContext(url="https://tv.example/a.htm"))
    assert isinstance(result, Article)
    assert result.authors == ()
    assert result.source_credit == "TTXVN"


def test_all_caps_co_authors_are_title_cased() -> None:
    page = regional_page(byline="Bài và ảnh: NGUYỄN VĂN AN, TRẦN BÌNH và LÊ CHI")
    result = extract_article(page, PageContext(url="https://tv.example/a.htm"))
    assert isinstance(result, Article)
    assert result.authors == ("Nguyễn Văn An", "Trần Bình", "Lê Chi")


def test_relative_dateline_uses_the_fetch_time() -> None:
    page = regional_page().replace(b"27/12/2023 10:00", "2 giờ trước".encode())
    fetched = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)
    result = extract_article(page, PageContext(url="https://tv.example/a", fetched_at=fetched))
    assert isinstance(result, Article)
    assert result.published_at == fetched - timedelta(hours=2)


def test_site_override_supplies_a_byline_the_generic_layers_miss() -> None:
    page = regional_page(byline="").replace(
        b"</body>", '<footer><span class="x-writer">Hoàng Minh</span></footer></body>'.encode()
    )
    plain = extract_article(page, PageContext(url="https://tv.example/a"))
    assert isinstance(plain, Article) and plain.authors == ()
    ctx = PageContext(url="https://tv.example/a", overrides=SelectorOverrides(byline=".x-writer"))
    result = extract_article(page, ctx)
    assert isinstance(result, Article) and result.authors == ("Hoàng Minh",)


def test_a_page_of_teasers_is_a_listing() -> None:
    items = "".join(
        f'<article><h3><a href="/a{i}.htm">Tiêu đề bài viết thứ {i} về sản phẩm OCOP</a></h3>'
        f"<p>Tóm tắt ngắn {i}.</p></article>"
        for i in range(30)
    )
    page = f"<html><body><h1>Nông thôn mới</h1><div class='list'>{items}</div></body></html>"
    result = extract_article(page.encode(), PageContext(url="https://tv.example/c"))
    assert isinstance(result, NotArticle) and result.page_type == "listing"


def test_json_ld_graph_with_invalid_json_elsewhere_still_gives_metadata() -> None:
    ld = (
        '{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Đài X"},'
        '{"@type":"NewsArticle","headline":"Tỉnh X vượt kế hoạch sản phẩm OCOP",'
        '"datePublished":"2023-12-27T03:00:00Z","author":[{"@type":"Person","name":"LAN ANH"}]}]}'
    )
    page = regional_page(byline="").replace(
        b"</head>",
        f'<script type="application/ld+json">{{bad json,</script>'
        f'<script type="application/ld+json">{ld}</script></head>'.encode(),
    )
    result = extract_article(page, PageContext(url="https://tv.example/a"))
    assert isinstance(result, Article)
    assert result.authors == ("Lan Anh",)
    assert result.published_at == datetime(2023, 12, 27, 10, 0, tzinfo=VN)


def test_a_source_classed_element_gives_the_source_credit() -> None:
    page = regional_page(credit="").replace(
        b'<div class="comments">',
        '<p class="source">Nguồn: Báo Nông nghiệp</p><div class="comments">'.encode(),
    )
    result = extract_article(page, PageContext(url="https://tv.example/a.htm"))
    assert isinstance(result, Article)
    assert result.source_credit == "Báo Nông nghiệp"
    assert result.authors == ("Lan Anh", "Quốc Bảo")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nguồn: Bản tin NTM/THX", "Bản tin NTM/THX"),
        ("Theo TTXVN", "TTXVN"),
        (" Nhịp sống thị trường", "Nhịp sống thị trường"),
        ("(Theo VnExpress)", "VnExpress"),
        ("", None),
        ("09:44 , 19/03/2026", None),
        ("Nguồn: " + "rất dài " * 20, None),
    ],
)
def test_source_names_are_read_from_source_element_text(text: str, name: str | None) -> None:
    assert source_name(text) == name
