"""The warehouse schema, as an ordered list of migrations.

Each migration is applied once, in one transaction with the bump of
`schema_version`, so a warehouse is always at a whole version. Never edit a
released migration: append a new one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


_V1 = (
    """
    CREATE TABLE sites (
        id          VARCHAR PRIMARY KEY,
        name        VARCHAR NOT NULL,
        province    VARCHAR,
        base_url    VARCHAR NOT NULL,
        updated_at  TIMESTAMPTZ NOT NULL
    )
    """,
    "CREATE SEQUENCE crawl_run_ids START 1",
    """
    CREATE TABLE crawl_runs (
        id                  BIGINT PRIMARY KEY,
        started_at          TIMESTAMPTZ NOT NULL,
        finished_at         TIMESTAMPTZ,
        status              VARCHAR NOT NULL,
        command             VARCHAR,
        sites               VARCHAR[],
        pages_fetched       INTEGER NOT NULL DEFAULT 0,
        pages_not_modified  INTEGER NOT NULL DEFAULT 0,
        pages_failed        INTEGER NOT NULL DEFAULT 0,
        articles_new        INTEGER NOT NULL DEFAULT 0,
        articles_updated    INTEGER NOT NULL DEFAULT 0,
        articles_unchanged  INTEGER NOT NULL DEFAULT 0,
        not_articles        INTEGER NOT NULL DEFAULT 0,
        figures             INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE pages (
        run_id          BIGINT NOT NULL,
        site_id         VARCHAR NOT NULL,
        url             VARCHAR NOT NULL,
        final_url       VARCHAR,
        role            VARCHAR NOT NULL,
        status          INTEGER,
        fetched_at      TIMESTAMPTZ NOT NULL,
        content_type    VARCHAR,
        bytes           BIGINT NOT NULL,
        etag            VARCHAR,
        last_modified   VARCHAR,
        error           VARCHAR
    )
    """,
    """
    CREATE TABLE articles (
        url                 VARCHAR PRIMARY KEY,
        site_id             VARCHAR NOT NULL,
        canonical_url       VARCHAR,
        title               VARCHAR NOT NULL,
        lead                VARCHAR,
        text                VARCHAR NOT NULL,
        published_at        TIMESTAMPTZ,
        modified_at         TIMESTAMPTZ,
        section             VARCHAR,
        source_credit       VARCHAR,
        language            VARCHAR,
        captions            VARCHAR[],
        content_sha256      VARCHAR NOT NULL,
        extractor_version   VARCHAR NOT NULL,
        first_seen_at       TIMESTAMPTZ NOT NULL,
        last_seen_at        TIMESTAMPTZ NOT NULL
    )
    """,
    """
    CREATE TABLE article_authors (
        article_url VARCHAR NOT NULL,
        position    INTEGER NOT NULL,
        name        VARCHAR NOT NULL,
        PRIMARY KEY (article_url, position)
    )
    """,
    """
    CREATE TABLE ocop_figures (
        article_url VARCHAR NOT NULL,
        ordinal     INTEGER NOT NULL,
        value       BIGINT NOT NULL,
        subject     VARCHAR NOT NULL,
        kind        VARCHAR NOT NULL,
        min_stars   TINYINT,
        max_stars   TINYINT,
        qualifier   VARCHAR,
        year        INTEGER,
        place_text  VARCHAR,
        place_level VARCHAR,
        province    VARCHAR,
        sentence    VARCHAR NOT NULL,
        "start"     INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        PRIMARY KEY (article_url, ordinal)
    )
    """,
    "CREATE INDEX pages_url ON pages (url)",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: sites, crawl_runs, pages, articles, authors, figures", _V1),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
