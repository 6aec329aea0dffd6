"""The mini-web's source data: sites, articles and their gold OCOP figures.

Everything the mini-web serves is rendered from these records, so tests can
compare what the crawler and extractor read against what was written. The
records live as TOML in `data/` (one file per site) and are loaded with
importlib.resources so they travel with the installed package.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

from extract.figures.evaluation import GOLD_FIGURE_FIELDS, GoldFigureRecord
from extract.models import KINDS, PLACE_LEVELS, QUALIFIERS, SUBJECTS
from pipelines.miniweb.errors import MiniWebDataError
from pipelines.miniweb.urls import article_path

DATA_PACKAGE = "pipelines.miniweb"
DATA_DIR = "data"
SITES_FILE = "sites.toml"
VIETNAM_OFFSET = timedelta(hours=7)
# The spec's fields, plus the "stars" shorthand (`stars = 3` or `stars = [3, 4]`).
FIGURE_KEYS = {*GOLD_FIGURE_FIELDS, "stars"}
ARTICLE_KEYS = {
    "title",
    "lead",
    "paragraphs",
    "authors",
    "published",
    "section",
    "source_credit",
    "captions",
    "figures",
    "slug",
}


# One OCOP figure as ../shared/spec/ocop-figures.md defines it, without offsets:
# the evaluation set's record, so the mini-web's labels score directly.
GoldFigure = GoldFigureRecord


@dataclass(frozen=True, slots=True)
class MiniArticle:
    """One article as written: what a perfect extractor would read off its page."""

    site_id: str
    path: str  # URL path, starting with "/"
    title: str
    lead: str
    paragraphs: tuple[str, ...]  # body paragraphs, without captions, byline or credit
    authors: tuple[str, ...]
    published: datetime  # aware, +07:00
    section: str  # the section's display name
    source_credit: str | None
    figures: tuple[GoldFigure, ...]
    captions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MiniSection:
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class MiniSite:
    """A site's fixed identity; its address is only known once it is served."""

    id: str
    name: str
    short_name: str
    province: str
    layout: str  # "vccorp", "party" or "portal": which renderer draws it
    sections: tuple[MiniSection, ...]
    hotline: str
    founded: int  # first year of the footer's copyright range

    def section_named(self, name: str) -> MiniSection:
        for section in self.sections:
            if section.name == name:
                return section
        raise MiniWebDataError(f"site {self.id} has no section named {name!r}")


def slugify(title: str) -> str:
    """An ASCII URL slug, the way Vietnamese CMSs build them (đ becomes d)."""
    folded = unicodedata.normalize("NFD", title.replace("đ", "d").replace("Đ", "D"))
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in ascii_only).split()
    return "-".join(words)


@cache
def load_sites() -> tuple[MiniSite, ...]:
    raw = _read_toml(SITES_FILE)
    return tuple(_site(entry) for entry in raw["sites"])


@cache
def load_articles() -> tuple[MiniArticle, ...]:
    """Every article of every site, in site order then publish order."""
    articles: list[MiniArticle] = []
    for site in load_sites():
        raw = _read_toml(f"{site.id}.toml")
        entries = [_article(site, entry) for entry in raw["articles"]]
        entries.sort(key=lambda a: a.published)
        articles.extend(_with_paths(site, entries))
    _reject_duplicate_paths(articles)
    return tuple(articles)


def site_by_id(site_id: str) -> MiniSite:
    for site in load_sites():
        if site.id == site_id:
            return site
    raise MiniWebDataError(f"unknown mini-web site id {site_id!r}")


def article_id(article: MiniArticle) -> str:
    """The numeric id at the end of the article's URL (the renderers put it there)."""
    stem = article.path.rsplit("/", 1)[-1].split(".", 1)[0]
    digits = stem.rsplit("-", 1)[-1]
    return digits.removeprefix("post")


# -- loading -----------------------------------------------------------------------


def _read_toml(name: str) -> dict[str, Any]:
    resource = resources.files(DATA_PACKAGE).joinpath(DATA_DIR, name)
    try:
        return tomllib.loads(resource.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MiniWebDataError(f"mini-web data file {name} is unreadable: {exc}") from None


def _site(entry: dict[str, Any]) -> MiniSite:
    sections = tuple(MiniSection(slug, name) for slug, name in entry["sections"])
    return MiniSite(
        id=entry["id"],
        name=entry["name"],
        short_name=entry["short_name"],
        province=entry["province"],
        layout=entry["layout"],
        sections=sections,
        hotline=entry["hotline"],
        founded=entry["founded"],
    )


def _article(site: MiniSite, entry: dict[str, Any]) -> MiniArticle:
    unknown = set(entry) - ARTICLE_KEYS
    title = entry["title"]
    if unknown:
        raise MiniWebDataError(f"{site.id}: article {title!r} has unknown keys {sorted(unknown)}")
    published: datetime = entry["published"]
    if published.utcoffset() != VIETNAM_OFFSET:
        raise MiniWebDataError(f"{site.id}: article {title!r} must be published at +07:00")
    site.section_named(entry["section"])  # fails early on a typo
    figures = tuple(_figure(site, title, raw) for raw in entry.get("figures", []))
    return MiniArticle(
        site_id=site.id,
        path=entry.get("slug", ""),  # replaced by the site's URL shape in _with_paths
        title=title,
        lead=entry["lead"],
        paragraphs=tuple(entry["paragraphs"]),
        authors=tuple(entry.get("authors", [])),
        published=published,
        section=entry["section"],
        source_credit=entry.get("source_credit"),
        figures=figures,
        captions=tuple(entry.get("captions", [])),
    )


def _figure(site: MiniSite, title: str, raw: dict[str, Any]) -> GoldFigure:
    """Build a gold figure; `stars = k` or `stars = [lo, hi]` is shorthand for the pair."""
    unknown = set(raw) - FIGURE_KEYS
    if unknown:
        raise MiniWebDataError(f"{site.id}: a figure of {title!r} has unknown keys {unknown}")
    stars = raw.get("stars")
    if isinstance(stars, int):
        low, high = stars, stars
    elif isinstance(stars, list):
        low, high = stars
    else:
        low, high = raw.get("min_stars"), raw.get("max_stars")
    level = raw.get("place_level", "province")
    default_province = None if level == "national" else site.province
    figure = GoldFigure(
        value=raw["value"],
        subject=raw.get("subject", "product"),
        kind=raw["kind"],
        min_stars=low,
        max_stars=high,
        qualifier=raw.get("qualifier"),
        year=raw.get("year"),
        place_text=raw.get("place_text"),
        place_level=level,
        province=raw.get("province", default_province),
    )
    _check_figure(site, title, figure)
    return figure


def _check_figure(site: MiniSite, title: str, figure: GoldFigure) -> None:
    problems = []
    if figure.subject not in SUBJECTS:
        problems.append(f"subject {figure.subject!r}")
    if figure.kind not in KINDS:
        problems.append(f"kind {figure.kind!r}")
    if figure.qualifier is not None and figure.qualifier not in QUALIFIERS:
        problems.append(f"qualifier {figure.qualifier!r}")
    if figure.place_level is not None and figure.place_level not in PLACE_LEVELS:
        problems.append(f"place_level {figure.place_level!r}")
    if problems:
        raise MiniWebDataError(f"{site.id}: figure {figure.value} of {title!r}: bad {problems}")


def _with_paths(site: MiniSite, articles: list[MiniArticle]) -> list[MiniArticle]:
    out = []
    for index, article in enumerate(articles):
        slug = article.path or slugify(article.title)
        path = article_path(site, article, slug, index)
        out.append(replace(article, path=path))
    return out


def _reject_duplicate_paths(articles: list[MiniArticle]) -> None:
    seen: set[tuple[str, str]] = set()
    for article in articles:
        key = (article.site_id, article.path)
        if key in seen:
            raise MiniWebDataError(f"two mini-web articles share the path {article.path}")
        seen.add(key)
