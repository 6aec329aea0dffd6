"""A faulty site crawled with a WARC archive rotated after every record.

Every page row with an HTTP status must point at a record of its own response in a
readable file; failures without a response must have no record.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from crawl_testkit import Reply, fast_settings
from faultserver import ARTICLE_PATTERN, LISTING_PATH, FaultSite, article_html, reset, status
from warcio.archiveiterator import ArchiveIterator

from crawler.models import SiteSpec
from pipelines.config import AppConfig, SiteConfig
from pipelines.crawl_job import run_crawl
from warehouse.archive import RecordLocation, WarcArchive, read_response
from warehouse.store import Warehouse

GZIPPED_SLUG = "nen-gzip"


@dataclass
class Crawl:
    site: FaultSite
    db: Path
    archive: Path
    files_per_run: list[list[str]]


def _config(site: FaultSite) -> AppConfig:
    spec = SiteSpec(
        "loi",
        site.base + "/",
        start_urls=(site.base + LISTING_PATH,),
        article_url_pattern=re.compile(ARTICLE_PATTERN),
    )
    return AppConfig(
        "<fault site>",
        fast_settings(max_attempts=2),
        (SiteConfig("loi", "Báo Lỗi", "Thanh Hóa", spec, None),),
    )


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawl]:
    folder = tmp_path_factory.mktemp("archived-faults")
    site = FaultSite()
    site.add_article("binh-thuong")
    packed = gzip.compress(article_html(GZIPPED_SLUG).encode())
    headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
    site.add_article(GZIPPED_SLUG, Reply(200, packed, headers))
    site.add_article("loi-500", status(500))
    site.add_article("ngat", reset)
    site.add_article("chuyen-huong", Reply(302, b"", {"Location": "/tin-tuc/dich-den.html"}))
    site.routes["/tin-tuc/dich-den.html"] = site.article_reply("dich-den")
    site.publish()
    db, archive_dir = folder / "w.duckdb", folder / "warc"
    files: list[list[str]] = []
    try:
        for _ in range(2):  # the second run meets the listing's 304
            with Warehouse.open(db) as wh, WarcArchive(archive_dir, max_file_bytes=1) as archive:
                run_crawl(_config(site), wh, archive=archive)
            files.append(archive.files_written)
    finally:
        site.close()
    yield Crawl(site, db, archive_dir, files)


def _pages(crawl: Crawl) -> list[tuple]:
    with Warehouse.open(crawl.db, read_only=True) as wh:
        return wh.query(
            "SELECT url, final_url, status, error, bytes, warc_file, warc_offset, warc_length "
            "FROM pages ORDER BY fetched_at"
        ).rows


def test_a_tiny_size_limit_rotates_to_one_readable_file_per_record(crawl: Crawl) -> None:
    with_status = [row for row in _pages(crawl) if row[2] is not None]
    names = sorted(path.name for path in crawl.archive.iterdir())
    assert names == sorted(name for run in crawl.files_per_run for name in run)
    assert len(names) == len(with_status)
    for name in names:
        with (crawl.archive / name).open("rb") as file:
            records = list(ArchiveIterator(file, check_digests="raise"))
            types = [record.rec_type for record in records]
        assert types == ["warcinfo", "response"]


def test_every_response_with_a_status_is_archived_and_failures_without_one_are_not(
    crawl: Crawl,
) -> None:
    pages = _pages(crawl)
    statuses = {row[2] for row in pages}
    assert {200, 304, 500, None} <= statuses
    for url, final_url, code, error, size, name, offset, length in pages:
        if code is None:
            assert (name, offset, length) == (None, None, None), url
            assert error is not None
            continue
        response = read_response(crawl.archive, RecordLocation(name, offset, length))
        assert (response.url, response.status, len(response.body)) == (final_url, code, size)


def test_gzip_encoded_page_is_archived_decoded_with_a_matching_content_length(
    crawl: Crawl,
) -> None:
    (row,) = [r for r in _pages(crawl) if r[0].endswith(f"/{GZIPPED_SLUG}.html")]
    response = read_response(crawl.archive, RecordLocation(*row[5:]))
    headers = {name.lower(): value for name, value in response.headers}
    assert response.body == article_html(GZIPPED_SLUG).encode()
    assert "content-encoding" not in headers
    assert headers["content-length"] == str(len(response.body))


def test_redirected_page_is_archived_under_its_final_url(crawl: Crawl) -> None:
    (row,) = [r for r in _pages(crawl) if r[0].endswith("/chuyen-huong.html")]
    response = read_response(crawl.archive, RecordLocation(*row[5:]))
    assert response.url == crawl.site.url("/tin-tuc/dich-den.html")
    assert response.body == article_html("dich-den").encode()


def test_error_answer_is_archived_and_marked_as_missing_its_body(crawl: Crawl) -> None:
    (row,) = [r for r in _pages(crawl) if r[2] == 500]
    name, offset = row[5], row[6]
    with (crawl.archive / name).open("rb") as file:
        file.seek(offset)
        record = next(iter(ArchiveIterator(file)))
        assert record.rec_headers.get_header("WARC-Truncated") == "unspecified"
        assert record.http_headers.get_statuscode() == "500"
