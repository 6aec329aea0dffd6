"""Listing pages: which links are articles and which are further pages of the listing."""

from __future__ import annotations

import re

import pytest

from crawler.links import listing_links, page_position

SITE = "https://bao.example.vn"
HOSTS = frozenset({"bao.example.vn"})
ARTICLE = re.compile(r"-\d{6}\.html$")


def links_of(html: str, page: str, listing: str | None = None) -> tuple[tuple[str, ...], ...]:
    found = listing_links(
        html.encode(),
        page,
        listing_url=listing or page,
        article_pattern=ARTICLE,
        site_hosts=HOSTS,
    )
    return found.articles, found.next_pages


def test_listing_links_splits_articles_from_pager_and_ignores_other_sections() -> None:
    html = f"""
    <a href="/ocop-thanh-hoa-123456.html">OCOP</a>
    <a href="{SITE}/ocop-thanh-hoa-123456.html#binh-luan">OCOP again</a>
    <a href="https://other.example.com/x-654321.html">elsewhere</a>
    <a href="/the-thao/">Thể thao</a>
    <a href="/kinh-te/trang-2">Trang 2</a>
    <a href="/kinh-te/trang-3">3</a>
    """
    articles, pages = links_of(html, f"{SITE}/kinh-te/")
    assert articles == (f"{SITE}/ocop-thanh-hoa-123456.html",)
    assert pages == (f"{SITE}/kinh-te/trang-2", f"{SITE}/kinh-te/trang-3")


@pytest.mark.parametrize(
    ("listing", "pager_href", "text"),
    [
        ("/kinh-te", "/kinh-te?page=2", "2"),
        ("/kinh-te", "/kinh-te?page=2", "Sau"),
        ("/kinh-te/", "/kinh-te/page/2/", "»"),
        ("/kinh-te.html", "/kinh-te-trang-2.html", "Trang 2"),
        ("/dia-phuong/toan-tinh.html", "/dia-phuong/toan-tinh/2.html", "2"),
        ("/s/ocop", "/s/ocop?page=2", "Tiếp"),
        ("/tag/ocop", "/tag/ocop/trang-2.html", "2"),
    ],
)
def test_listing_links_recognises_pagination_styles(
    listing: str, pager_href: str, text: str
) -> None:
    _, pages = links_of(f'<a href="{pager_href}">{text}</a>', SITE + listing)
    assert len(pages) == 1
    assert page_position(pages[0]).number == 2


def test_listing_links_follows_rel_next_even_without_pager_text() -> None:
    html = '<link rel="next" href="/kinh-te?page=2"><a href="/kinh-te?page=2">&gt;&gt;</a>'
    _, pages = links_of(html, f"{SITE}/kinh-te")
    assert pages == (f"{SITE}/kinh-te?page=2",)


def test_bare_number_link_is_not_a_page_unless_its_text_is_a_page_number() -> None:
    html = '<a href="/dia-phuong/toan-tinh/2.html">Lễ hội năm 2</a>'
    _, pages = links_of(html, f"{SITE}/dia-phuong/toan-tinh.html")
    assert pages == ()


def test_pager_of_another_listing_is_not_followed() -> None:
    html = '<a href="/the-thao?page=2">2</a><a href="/kinh-te?page=1">1</a>'
    _, pages = links_of(html, f"{SITE}/kinh-te")
    assert pages == ()


def test_later_pages_compare_against_the_first_page_of_the_listing() -> None:
    html = '<a href="/kinh-te?page=4">4</a><a href="/kinh-te?page=3">3</a>'
    _, pages = links_of(html, f"{SITE}/kinh-te?page=2", listing=f"{SITE}/kinh-te")
    assert pages == (f"{SITE}/kinh-te?page=3", f"{SITE}/kinh-te?page=4")


def test_base_href_is_honoured_for_relative_links() -> None:
    html = '<base href="https://bao.example.vn/kinh-te/"><a href="ocop-999999.html">x</a>'
    articles, _ = links_of(html, f"{SITE}/")
    assert articles == (f"{SITE}/kinh-te/ocop-999999.html",)


def test_without_a_pattern_headline_slugs_and_numeric_ids_are_taken_for_articles() -> None:
    html = """
    <a href="/ha-tinh-co-them-7-san-pham-ocop-4-sao.html">slug article</a>
    <a href="/kinh-te/146669.htm">numbered article</a>
    <a href="/nong-nghiep-nong-thon.htm">a section</a>
    <a href="/kinh-te/trang-2">Trang 2</a>
    <a href="/lien-he">contact</a>
    """
    found = listing_links(
        html.encode(),
        f"{SITE}/kinh-te/",
        listing_url=f"{SITE}/kinh-te/",
        article_pattern=None,
        site_hosts=HOSTS,
    )
    assert found.articles == (
        f"{SITE}/ha-tinh-co-them-7-san-pham-ocop-4-sao.html",
        f"{SITE}/kinh-te/146669.htm",
    )
    assert found.next_pages == (f"{SITE}/kinh-te/trang-2",)
