"""The WARC writer and reader on real files."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from warcio.archiveiterator import ArchiveIterator

from warehouse.archive import HttpResponse, RecordLocation, WarcArchive, read_response
from warehouse.errors import ArchiveReadError, ArchiveWriteError
from warehouse.schema import MIGRATIONS
from warehouse.store import Warehouse

FETCHED_AT = datetime(2024, 3, 5, 1, 30, 15, 123456, tzinfo=UTC)
PAGE = "<html><body><h1>Sản phẩm OCOP 4 sao</h1></body></html>".encode()


def _response(body: bytes = PAGE, status: int = 200) -> HttpResponse:
    headers = (
        ("Content-Type", "text/html; charset=utf-8"),
        ("content-encoding", "br"),
        ("Transfer-Encoding", "chunked"),
        ("Content-Length", "17"),
        ("ETag", '"v1"'),
    )
    return HttpResponse("http://127.0.0.1:8000/tin/a.html", status, headers, body, FETCHED_AT)


def test_record_reads_back_with_decoded_body_and_self_consistent_headers(tmp_path: Path) -> None:
    with WarcArchive(tmp_path / "warc") as archive:
        location = archive.write(_response())
    back = read_response(tmp_path / "warc", location)
    assert (back.url, back.status, back.body) == (_response().url, 200, PAGE)
    assert back.headers == (
        ("Content-Type", "text/html; charset=utf-8"),
        ("ETag", '"v1"'),
        ("Content-Length", str(len(PAGE))),
    )
    assert back.fetched_at == FETCHED_AT.replace(microsecond=0)  # WARC/1.0 keeps seconds


def test_each_file_is_warc_1_0_opening_with_warcinfo_and_one_gzip_member_per_record(
    tmp_path: Path,
) -> None:
    with WarcArchive(tmp_path) as archive:
        locations = [archive.write(_response(PAGE * n)) for n in range(1, 4)]
    (name,) = archive.files_written
    data = (tmp_path / name).read_bytes()
    for location in locations:
        assert data[location.offset : location.offset + 2] == b"\x1f\x8b"
    with (tmp_path / name).open("rb") as file:
        records = list(ArchiveIterator(file, check_digests="raise"))
    assert [r.rec_type for r in records] == ["warcinfo", "response", "response", "response"]
    assert {r.rec_headers.protocol for r in records} == {"WARC/1.0"}
    assert records[0].rec_headers.get_header("WARC-Filename") == name


def test_a_new_archive_never_appends_to_a_file_already_in_the_folder(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as first:
        first.write(_response())
    before = (tmp_path / first.files_written[0]).read_bytes()
    with WarcArchive(tmp_path) as second:
        second.write(_response())
    assert set(first.files_written).isdisjoint(second.files_written)
    assert (tmp_path / first.files_written[0]).read_bytes() == before


def test_files_rotate_once_past_the_size_limit(tmp_path: Path) -> None:
    with WarcArchive(tmp_path, max_file_bytes=1500) as archive:
        locations = [archive.write(_response(PAGE * n)) for n in range(1, 20)]
    assert len(archive.files_written) > 2
    for name in archive.files_written:
        size = (tmp_path / name).stat().st_size
        last = max(loc.offset for loc in locations if loc.file == name)
        assert last < 1500 <= size or name == archive.files_written[-1]
    for n, location in enumerate(locations, start=1):
        assert read_response(tmp_path, location).body == PAGE * n


def test_not_modified_answer_is_archived_with_an_empty_body(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        location = archive.write(_response(b"", status=304))
    back = read_response(tmp_path, location)
    assert (back.status, back.body) == (304, b"")


def test_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    location = RecordLocation("gone.warc.gz", 0, 100)
    with pytest.raises(ArchiveReadError, match=r"WARC file .*gone\.warc\.gz is missing"):
        read_response(tmp_path, location)


def test_truncated_file_is_an_error_naming_it(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        location = archive.write(_response())
    path = tmp_path / location.file
    path.write_bytes(path.read_bytes()[: location.offset + location.length // 2])
    with pytest.raises(ArchiveReadError, match=rf"WARC file .*{location.file} is truncated"):
        read_response(tmp_path, location)


def test_a_record_whose_payload_was_altered_fails_its_digest_check(tmp_path: Path) -> None:
    with WarcArchive(tmp_path) as archive:
        location = archive.write(_response())
    path = tmp_path / location.file
    data = path.read_bytes()
    member = gzip.decompress(data[location.offset : location.offset + location.length])
    forged = gzip.compress(member.replace(b"OCOP 4 sao", b"OCOP 5 sao"))
    path.write_bytes(data[: location.offset] + forged)
    with pytest.raises(ArchiveReadError, match="is damaged"):
        read_response(tmp_path, RecordLocation(location.file, location.offset, len(forged)))


def test_an_archive_folder_under_a_missing_parent_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArchiveWriteError, match="parent folder does not exist"):
        WarcArchive(tmp_path / "no" / "such").open()


def test_page_rows_from_before_the_archive_migration_keep_their_data_without_a_record(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v3.duckdb"
    con = duckdb.connect(str(path))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMPTZ)"
    )
    for migration in MIGRATIONS[:3]:
        for statement in migration.statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_version VALUES (?, '', now())", [migration.version])
    con.execute(
        "INSERT INTO pages VALUES (1, 'alpha', 'http://127.0.0.1:1/a', NULL, 'article', 200, "
        "now(), 'text/html', 10, NULL, NULL, NULL)"
    )
    con.close()
    with Warehouse.open(path) as wh:
        rows = wh.query("SELECT url, bytes, warc_file, warc_offset, warc_length FROM pages").rows
    assert rows == [("http://127.0.0.1:1/a", 10, None, None, None)]
