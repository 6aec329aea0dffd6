"""article.py climbs to where the headline and the body meet once and hands
that to region.header_window() and authors.article_region(): each gives with
it what it gives when it climbs there itself."""

from __future__ import annotations

import json
from pathlib import Path

from extract import dom
from extract.article import _drop_headline_copies
from extract.authors import article_region
from extract.body import collect_body, find_containers
from extract.charset import parser_input
from extract.headline import find_headline
from extract.region import header_window, meeting_point
from extract.structured import read_structured

_URL = "https://example.com/a"


_OWN_PAGES = (
    "<html><body><div class=main><h1>Thêm 12 sản phẩm OCOP</h1>"
    "<p class=meta>Thứ hai, 02/03/2026 - 08:15</p><p><b>Minh Anh</b></p>"
    "<article><p>Huyện vừa công nhận thêm 12 sản phẩm OCOP đạt 3 sao năm nay.</p>"
    "<p>Các sản phẩm gồm mật ong, chè xanh và nước mắm của hợp tác xã.</p></article>"
    "</div></body></html>",
    "<html><body><header><h1>Tin tức</h1></header><section><h1>Chè Thái Nguyên</h1>"
    "<div><p>Tỉnh có 5 sản phẩm chè đạt chuẩn OCOP 4 sao trong đợt xét chọn này.</p>"
    "<p>Theo Sở Nông nghiệp, tổng số sản phẩm OCOP của tỉnh đã lên 300.</p></div>"
    "</section></body></html>",
)


def test_header_and_region_from_a_given_meeting_point_are_those_climbed_to_own_pages() -> None:
    assert _checked([page.encode() for page in _OWN_PAGES]) == len(_OWN_PAGES)


def test_header_and_region_from_a_given_meeting_point_are_those_climbed_to(
    vn_news: Path,
) -> None:
    labels = [json.loads(line) for line in (vn_news / "labels.jsonl").read_text().splitlines()]
    pages = [(vn_news / label["file"]).read_bytes() for label in labels]
    assert _checked(pages) >= len(labels) // 2


def _checked(pages: list[bytes]) -> int:
    """How many pages had a headline and a body, each compared both ways."""
    checked = 0
    for page in pages:
        tree = dom.parse(parser_input(page))
        swept = dom.sweep(tree)
        data = read_structured(tree, swept)
        dom.remove_junk(tree, swept.junk)
        headline = find_headline(tree, data, _URL, swept)
        containers = find_containers(tree, None, dom.ElementText(tree.body))
        if headline is None or not containers:
            continue
        node, container = headline.node, containers[0]
        blocks = _drop_headline_copies(collect_body(containers).blocks, headline)
        first = blocks[0].node if blocks else None
        meeting = meeting_point(node, container)
        given, given_at = header_window(node, container, first, meeting)
        climbed, climbed_at = header_window(node, container, first)
        assert [(b.text, b.node.mem_id) for b in given] == [
            (b.text, b.node.mem_id) for b in climbed
        ]
        assert given_at == climbed_at
        region, plain = article_region(node, container, meeting), article_region(node, container)
        assert (region.mem_id if region else None) == (plain.mem_id if plain else None)
        checked += 1
    return checked
