"""The 9 labelled Vietnamese article pages: headline, authors, publish instant."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from extract import extract_article
from extract.evaluation import authors_match, same_minute, title_matches
from extract.models import Article, NotArticle, PageContext

VN_NEWS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "vn-news"
# Every corpus page that is not an article: category listings and home pages.
NON_ARTICLE_PAGES = (
    sorted(
        str(p.relative_to(VN_NEWS)) for p in VN_NEWS.glob("*/*.html") if "_article" not in p.name
    )
    if VN_NEWS.is_dir()
    else []
)


def _labels(root: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (root / "labels.jsonl").read_text().splitlines() if line]


@pytest.fixture(scope="module")
def extracted(vn_news: Path) -> list[tuple[dict[str, object], Article | NotArticle]]:
    results = []
    for label in _labels(vn_news):
        body = (vn_news / str(label["file"])).read_bytes()
        results.append((label, extract_article(body, PageContext(url=str(label["url"])))))
    return results


def test_every_labelled_page_is_an_article(extracted) -> None:
    refused = [label["file"] for label, result in extracted if not isinstance(result, Article)]
    assert refused == []


def test_headlines_match_all_nine_labels(extracted) -> None:
    wrong = [
        (label["title"], result.title)
        for label, result in extracted
        if not title_matches(getattr(result, "title", None), str(label["title"]))
    ]
    assert wrong == []


def test_author_sets_match_all_nine_labels(extracted) -> None:
    wrong = [
        (label["file"], label["authors"], result.authors)
        for label, result in extracted
        if not authors_match(getattr(result, "authors", ()), label["authors"])
    ]
    assert wrong == []


def test_publish_instants_match_to_the_minute_with_zone(extracted) -> None:
    wrong = []
    for label, result in extracted:
        published = getattr(result, "published_at", None)
        if not same_minute(published, datetime.fromisoformat(str(label["published"]))):
            wrong.append((label["file"], label["published"], published))
    assert wrong == []
    assert all(r.published_at.tzinfo is not None for _, r in extracted)


def test_bodies_have_text_and_no_byline_or_dateline_paragraphs(extracted) -> None:
    for label, result in extracted:
        assert len(result.paragraphs) >= 5, label["file"]
        for name in label["authors"]:
            assert name not in result.paragraphs[-1], label["file"]


@pytest.mark.skipif(not NON_ARTICLE_PAGES, reason="../shared/corpus/vn-news is absent")
@pytest.mark.parametrize("page", NON_ARTICLE_PAGES)
def test_listing_and_home_pages_are_refused_with_their_page_type(vn_news: Path, page: str) -> None:
    site = page.split("/")[0]
    is_home = page.split("/")[1].startswith("homepage")
    url = f"https://{site}/" if is_home else f"https://{site}/chuyen-muc/thoi-su.htm"
    result = extract_article((vn_news / page).read_bytes(), PageContext(url=url))
    assert isinstance(result, NotArticle)
    assert result.page_type == ("home" if is_home else "listing"), result.reason


def test_the_corpus_has_the_known_listing_and_home_pages(vn_news: Path) -> None:
    assert len(NON_ARTICLE_PAGES) >= 11


@pytest.mark.parametrize(
    ("page", "source"),
    [
        ("cafef.vn/cafef_article.html", "Nhịp sống thị trường"),
        ("cafef.vn/cafef_article_batdongsan.html", "Đại Đoàn kết"),
    ],
)
def test_source_elements_give_the_source_credit(vn_news: Path, page: str, source: str) -> None:
    result = extract_article(
        (vn_news / page).read_bytes(), PageContext(url="https://cafef.vn/a.chn")
    )
    assert isinstance(result, Article)
    assert result.source_credit == source
    assert source not in result.paragraphs
