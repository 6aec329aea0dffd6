"""The WARC archive: every HTTP response the crawler received, kept for re-extraction.

Files follow ISO 28500 (WARC/1.0), one gzip member per record, so any record can
be read alone from its byte offset. Each file opens with a `warcinfo` record and
rotates once it passes a size limit. A run always starts a new file and never
appends to an old one: a record cut short by a killed run is only ever the tail
of a file that nothing writes to again.

The crawl writes a response's record (and flushes it to the OS) before the page
row that points at it commits, so a row never points at a missing record; a
record without a row, left by a kill between the two, is harmless.
"""

from __future__ import annotations

import io
import os
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from importlib import metadata
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParserException
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from warehouse.errors import ArchiveReadError, ArchiveWriteError

DEFAULT_MAX_WARC_BYTES = 1 << 30  # 1 GiB: the customary size of a crawl's WARC files
ARCHIVE_DIR_SUFFIX = ".warc"  # the default archive folder is `<db>.warc/` beside the DB
WARC_FILE_SUFFIX = ".warc.gz"
WARC_FILE_PREFIX = "ocop-news"
HTTP_PROTOCOL = "HTTP/1.1"  # the crawler does not keep the version a server answered with
WARC_CONFORMS_TO = "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf"
# Headers describing the bytes on the wire. The archived body is the decoded one,
# so these are dropped and Content-Length is set to the archived body's length:
# a reader then gets a self-consistent HTTP message it can parse as it stands.
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_SUCCESS = range(200, 300)
_NOT_MODIFIED = 304


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """One HTTP response as archived: status, headers and the decoded body."""

    url: str  # the final URL, after redirects
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class RecordLocation:
    """Where a record lives: a file name inside the archive folder, offset and length."""

    file: str
    offset: int
    length: int


def archive_dir_for(db_path: str | Path) -> Path:
    """The default archive folder of a warehouse: `<db>.warc/` beside the DuckDB file."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ARCHIVE_DIR_SUFFIX)


class WarcArchive:
    """Writes response records to size-rotated WARC files in one folder.

    Not thread-safe: the crawl job writes from its one consuming task.
    """

    def __init__(
        self,
        directory: str | Path,
        *,
        max_file_bytes: int = DEFAULT_MAX_WARC_BYTES,
        user_agent: str | None = None,
    ) -> None:
        if max_file_bytes < 1:
            raise ValueError("max_file_bytes must be positive")
        self.directory = Path(directory)
        self.max_file_bytes = max_file_bytes
        self._user_agent = user_agent
        self._file: BinaryIO | None = None
        self._name = ""
        self._writer: WARCWriter | None = None
        self._warcinfo_id = ""
        self._serial = 0
        self.files_written: list[str] = []

    def open(self) -> WarcArchive:
        """Create the folder (not its parents: a typo should not grow a tree)."""
        try:
            self.directory.mkdir(exist_ok=True)
        except FileNotFoundError:
            raise ArchiveWriteError(
                f"cannot create archive folder {self.directory}: its parent folder does not "
                "exist; create it or choose another --archive folder"
            ) from None
        except OSError as exc:
            raise ArchiveWriteError(
                f"cannot create archive folder {self.directory}: {exc}"
            ) from None
        return self

    def __enter__(self) -> WarcArchive:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def write(self, response: HttpResponse) -> RecordLocation:
        """Append one `response` record; it is in the OS's hands when this returns."""
        try:
            file, writer = self._current()
            offset = file.tell()
            writer.write_record(self._response_record(writer, response))
            file.flush()
            length = file.tell() - offset
        except OSError as exc:
            raise ArchiveWriteError(
                f"cannot write to WARC file {self.directory / self._name}: {exc}; free disk "
                "space or choose another --archive folder, then run the crawl again"
            ) from exc
        location = RecordLocation(self._name, offset, length)
        if offset + length >= self.max_file_bytes:
            self._close_file()
        return location

    def close(self) -> None:
        try:
            self._close_file()
        except OSError as exc:
            raise ArchiveWriteError(f"cannot close WARC file {self._name}: {exc}") from exc

    # -- files -----------------------------------------------------------------------

    def _current(self) -> tuple[BinaryIO, WARCWriter]:
        if self._file is None or self._writer is None:
            self._start_file()
        assert self._file is not None and self._writer is not None
        return self._file, self._writer

    def _start_file(self) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        while True:  # never reuse a name: an older file may end in a record cut short
            self._serial += 1
            name = f"{WARC_FILE_PREFIX}-{stamp}-{os.getpid()}-{self._serial:05d}{WARC_FILE_SUFFIX}"
            try:
                file = (self.directory / name).open("xb")
                break
            except FileExistsError:
                continue
        writer = WARCWriter(file, gzip=True)
        info = writer.create_warcinfo_record(name, self._warcinfo_fields())
        writer.write_record(info)
        file.flush()
        self._file, self._writer, self._name = file, writer, name
        self._warcinfo_id = info.rec_headers.get_header("WARC-Record-ID")
        self.files_written.append(name)

    def _close_file(self) -> None:
        file, self._file, self._writer = self._file, None, None
        if file is None:
            return
        try:
            file.flush()
            os.fsync(file.fileno())  # a finished file is durable, not only flushed
        finally:
            file.close()

    def _warcinfo_fields(self) -> dict[str, str]:
        fields = {
            "software": f"ocop-news/{_package_version()} (warcio)",
            "format": "WARC File Format 1.0",
            "conformsTo": WARC_CONFORMS_TO,
            "robots": "obey",
            "description": "HTTP responses fetched by an ocop-news crawl; bodies are stored "
            "after content decoding (Content-Encoding removed, Content-Length set to match)",
        }
        if self._user_agent:
            fields["http-header-user-agent"] = self._user_agent
        return fields

    def _response_record(self, writer: WARCWriter, response: HttpResponse) -> ArcWarcRecord:
        http_headers = StatusAndHeaders(
            _status_line(response.status), archived_headers(response), protocol=HTTP_PROTOCOL
        )
        warc_headers = {
            "WARC-Date": datetime_to_iso_date(_naive_utc(response.fetched_at)),
            "WARC-Warcinfo-ID": self._warcinfo_id,
        }
        if response.status not in _SUCCESS and response.status != _NOT_MODIFIED:
            # The crawler does not read the bodies of error answers: say so.
            warc_headers["WARC-Truncated"] = "unspecified"
        return writer.create_warc_record(
            response.url,
            "response",
            payload=io.BytesIO(response.body),
            length=len(response.body),
            warc_headers_dict=warc_headers,
            http_headers=http_headers,
        )


def archived_headers(response: HttpResponse) -> list[tuple[str, str]]:
    """The response's headers with the wire-only ones replaced by the archived length."""
    kept = [(name, value) for name, value in response.headers if name.lower() not in _WIRE_HEADERS]
    return [*kept, ("Content-Length", str(len(response.body)))]


# -- reading -------------------------------------------------------------------------


def read_response(directory: str | Path, location: RecordLocation) -> HttpResponse:
    """The response record at `location`, its digests checked; ArchiveReadError otherwise."""
    path = Path(directory) / location.file
    data = _read_span(path, location)
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(data), check_digests="raise")))
        body = record.raw_stream.read()
        http = record.http_headers
        if record.rec_type != "response" or http is None:
            raise ArchiveReadError(
                f"{path} offset {location.offset}: a {record.rec_type} record, not a response"
            )
        status = int(http.get_statuscode())
        uri = record.rec_headers.get_header("WARC-Target-URI") or ""
        fetched_at = _parse_warc_date(record.rec_headers.get_header("WARC-Date") or "")
    except (
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
        StopIteration,
        zlib.error,
        EOFError,
        ValueError,
    ) as exc:
        raise ArchiveReadError(
            f"WARC file {path} is damaged: the record at offset {location.offset} cannot be "
            f"read ({type(exc).__name__}: {exc}); restore the file from a backup"
        ) from None
    return HttpResponse(uri, status, tuple(http.headers), body, fetched_at)


def _read_span(path: Path, location: RecordLocation) -> bytes:
    try:
        with path.open("rb") as file:
            file.seek(location.offset)
            data = file.read(location.length)
    except FileNotFoundError:
        raise ArchiveReadError(
            f"WARC file {path} is missing: restore it (or the whole archive folder), or pass "
            "the folder that holds it with --archive"
        ) from None
    except OSError as exc:
        raise ArchiveReadError(f"cannot read WARC file {path}: {exc}") from None
    if len(data) != location.length:
        raise ArchiveReadError(
            f"WARC file {path} is truncated: the record at offset {location.offset} needs "
            f"{location.length} bytes but the file has {len(data)} there; restore the file "
            "from a backup"
        )
    return data


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment  # already UTC by the crawler's convention
    return moment.astimezone(UTC).replace(tzinfo=None)


def _parse_warc_date(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def _package_version() -> str:
    try:
        return metadata.version("ocop-news")
    except metadata.PackageNotFoundError:
        return "unknown"
