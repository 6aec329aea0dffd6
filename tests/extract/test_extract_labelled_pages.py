"""The 9 labelled Vietnamese article pages: headline, authors, publish instant."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from extract import extract_article
from extract.evaluation import authors_match, same_minute, title_matches
from extract.models import Article, NotArticle, PageContext

LISTING_PAGES = (
    "baochinhphu.vn/baochinhphu_list.html",
    "cafef.vn/cafef_list.html",
    "dantri.com.vn/dantri_list.html",
    "tuoitre.vn/tuoitre_list.html",
    "vietnamnet.vn/vietnamnet_list.html",
    "vnexpress.net/vnexpress_list.html",
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


@pytest.mark.parametrize("page", LISTING_PAGES)
def test_listing_pages_are_not_articles(vn_news: Path, page: str) -> None:
    result = extract_article((vn_news / page).read_bytes(), PageContext(url="https://example/"))
    assert isinstance(result, NotArticle)
    assert result.page_type == "listing"
