"""One article, one key: the canonical URL when it is plausible, else the fetched URL."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from crawler.models import FetchResult, SiteSpec
from extract.models import Article
from pipelines.config import SiteConfig
from pipelines.crawl_job import article_key

SITE = SiteConfig(
    id="alpha",
    name="Alpha",
    province=None,
    spec=SiteSpec(
        id="alpha",
        base_url="http://127.0.0.1:8001/",
        start_urls=("http://127.0.0.1:8001/",),
        article_url_pattern=re.compile(r"-post\d+\.html$"),
    ),
    selectors=None,
)
FETCHED = "http://127.0.0.1:8001/amp/tin-moi-post12.html"


def _key(canonical: str | None) -> str:
    result = FetchResult("alpha", FETCHED, FETCHED, "article", 200, datetime.now(UTC))
    article = Article(
        FETCHED, canonical, "T", None, ("p",), None, None, (), None, None, (), None, ()
    )
    return article_key(result, article, SITE)


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        ("http://127.0.0.1:8001/tin-moi-post12.html", "http://127.0.0.1:8001/tin-moi-post12.html"),
        ("/tin-moi-post12.html?utm_source=zalo", "http://127.0.0.1:8001/tin-moi-post12.html"),
        ("http://127.0.0.1:8001/", FETCHED),  # canonical pointing at the home page
        ("http://127.0.0.2:8001/tin-moi-post12.html", FETCHED),  # another host
        ("javascript:void(0)", FETCHED),
        (None, FETCHED),
    ],
)
def test_article_key_prefers_a_plausible_canonical(canonical: str | None, expected: str) -> None:
    assert _key(canonical) == expected
