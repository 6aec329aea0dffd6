"""`ocop-news extract` and `ocop-news figures`: extraction on local files.

No network and no warehouse: a file in, one JSON object a line out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from extract.article import extract_article
from extract.errors import ExtractError
from extract.figures import figures_from_page_text
from extract.models import Article, PageContext
from pipelines.errors import InputError
from pipelines.progress import CountProgress


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """One file's JSON record, or the reason it could not be read."""

    file: str
    record: dict[str, Any] | None
    error: str | None


def load_url_map(path: str | None) -> dict[str, str]:
    """The --url-map JSON: an object from file name (or path) to page URL."""
    if path is None:
        return {}
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read URL map {path}: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"URL map {path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise InputError(f"URL map {path} must be a JSON object from file name to URL")
    return data


def url_for(file: str, url: str | None, url_map: dict[str, str]) -> str:
    if url is not None:
        return url
    path = Path(file)
    for key in (file, path.name, str(path.resolve())):
        if key in url_map:
            return url_map[key]
    return path.resolve().as_uri()


def extract_files(
    files: Sequence[str], url: str | None, url_map: dict[str, str]
) -> Iterator[FileOutcome]:
    if url is not None and len(files) > 1:
        raise InputError("--url names one page: give one file, or use --url-map for several")
    with CountProgress("extracting", len(files)) as progress:
        for file in files:
            yield _extract_file(file, url, url_map)
            progress.advance()


def _extract_file(file: str, url: str | None, url_map: dict[str, str]) -> FileOutcome:
    try:
        body = Path(file).read_bytes()
    except OSError as exc:
        return FileOutcome(file, None, f"cannot read {file}: {exc.strerror or exc}")
    page_url = url_for(file, url, url_map)
    try:
        result = extract_article(body, PageContext(url=page_url))
    except ExtractError as exc:
        return FileOutcome(file, None, f"{file}: {exc}")
    return FileOutcome(file, article_record(file, page_url, result), None)


def article_record(file: str, url: str, result: Any) -> dict[str, Any]:
    if not isinstance(result, Article):
        return {
            "file": file,
            "url": url,
            "not_article": result.reason,
            "page_type": result.page_type,
        }
    return {
        "file": file,
        "url": url,
        "title": result.title,
        "lead": result.lead,
        "text": result.text,
        "published_at": _iso(result.published_at),
        "modified_at": _iso(result.modified_at),
        "authors": list(result.authors),
        "section": result.section,
        "source_credit": result.source_credit,
        "figures": [f.as_record() for f in result.figures],
    }


def figures_files(
    files: Sequence[str], published: date | None, province: str | None
) -> Iterator[FileOutcome]:
    for file in files:
        try:
            text = Path(file).read_text("utf-8")
        except OSError as exc:
            yield FileOutcome(file, None, f"cannot read {file}: {exc.strerror or exc}")
            continue
        except UnicodeDecodeError:
            yield FileOutcome(file, None, f"{file} is not UTF-8 text")
            continue
        figures = figures_from_page_text(text, published=published, province=province)
        yield FileOutcome(file, {"file": file, "figures": [f.as_record() for f in figures]}, None)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
