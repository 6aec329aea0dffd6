"""Typed results of the extract stage.

These dataclasses are the contract between `extract/` and the rest of the
project: `pipelines/` hands them to `warehouse/`, and the CLI prints them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Subject = Literal["product", "producer", "outlet"]
Kind = Literal[
    "recognized",
    "total",
    "target",
    "rerecognized",
    "upgraded",
    "candidate",
    "rank",
    "expired",
]
Qualifier = Literal["more_than", "nearly", "about", "at_least"]
PlaceLevel = Literal["national", "province", "district", "commune"]

SUBJECTS: tuple[str, ...] = ("product", "producer", "outlet")
KINDS: tuple[str, ...] = (
    "recognized",
    "total",
    "target",
    "rerecognized",
    "upgraded",
    "candidate",
    "rank",
    "expired",
)
QUALIFIERS: tuple[str, ...] = ("more_than", "nearly", "about", "at_least")
PLACE_LEVELS: tuple[str, ...] = ("national", "province", "district", "commune")

# The field names of ../shared/spec/ocop-figures.md, in its order. The CLI and
# the warehouse both use exactly these names.
FIGURE_FIELDS: tuple[str, ...] = (
    "value",
    "subject",
    "kind",
    "min_stars",
    "max_stars",
    "qualifier",
    "year",
    "place_text",
    "place_level",
    "province",
    "sentence",
    "start",
    "end",
)


@dataclass(frozen=True, slots=True)
class Figure:
    """One OCOP figure, as defined by the spec.

    `start`/`end` are character offsets of the number in the text the figure
    was found in; for an `Article` that text is `Article.document`.
    """

    value: int
    subject: Subject
    kind: Kind
    min_stars: int | None
    max_stars: int | None
    qualifier: Qualifier | None
    year: int | None
    place_text: str | None
    place_level: PlaceLevel | None
    province: str | None
    sentence: str
    start: int
    end: int

    def as_record(self) -> dict[str, object]:
        """The spec's fields in the spec's order (for JSON output)."""
        return {name: getattr(self, name) for name in FIGURE_FIELDS}


@dataclass(frozen=True, slots=True)
class SelectorOverrides:
    """Per-site CSS selectors from the sites config, used only where the
    generic layers find nothing."""

    title: str | None = None
    published: str | None = None
    byline: str | None = None
    body: str | None = None


@dataclass(frozen=True, slots=True)
class PageContext:
    """What the caller knows about a page besides its bytes."""

    url: str
    headers: tuple[tuple[str, str], ...] = ()
    fetched_at: datetime | None = None
    province: str | None = None  # the outlet's province: last place fallback
    overrides: SelectorOverrides | None = None


@dataclass(frozen=True, slots=True)
class Article:
    url: str
    canonical_url: str | None
    title: str
    lead: str | None
    paragraphs: tuple[str, ...]
    published_at: datetime | None  # always time-zone aware when set
    modified_at: datetime | None
    authors: tuple[str, ...]
    section: str | None
    source_credit: str | None
    captions: tuple[str, ...]
    language: str | None
    figures: tuple[Figure, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def document(self) -> str:
        """Headline, lead and body as one text: figure offsets index into it."""
        return document_text(self.title, self.lead, self.paragraphs)


def document_text(title: str, lead: str | None, paragraphs: tuple[str, ...]) -> str:
    parts = [title]
    if lead:
        parts.append(lead)
    parts.extend(paragraphs)
    return "\n\n".join(parts)


@dataclass(frozen=True, slots=True)
class NotArticle:
    """A page that is not an article (home page, listing, error page...)."""

    url: str
    reason: str
    page_type: Literal["listing", "home", "empty", "other"] = "other"


ExtractResult = Article | NotArticle
