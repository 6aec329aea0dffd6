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


# One row per fact: the same place, year, subject, kind, star class and value,
# however many articles and outlets reported it. `values_disagree` marks facts
# whose key (everything but the value) was also reported with another value.
_OCOP_FACTS = """
    CREATE VIEW ocop_facts AS
    WITH keyed AS (
        SELECT f.*, a.site_id, a.published_at,
               CASE WHEN f.place_level = 'national' THEN 'national'
                    WHEN f.place_level = 'province' OR f.place_text IS NULL THEN f.province
                    ELSE lower(f.place_text) END AS place_key
        FROM ocop_figures f JOIN articles a ON a.url = f.article_url
    ),
    facts AS (
        SELECT place_key, place_level, province, year, subject, kind, min_stars, max_stars,
               value,
               count(DISTINCT article_url) AS articles,
               count(DISTINCT site_id) AS outlets,
               list(DISTINCT article_url ORDER BY article_url) AS sources,
               list(DISTINCT site_id ORDER BY site_id) AS sites,
               min(published_at) AS first_reported,
               max(published_at) AS last_reported,
               min(sentence) AS example_sentence
        FROM keyed
        GROUP BY place_key, place_level, province, year, subject, kind, min_stars, max_stars,
                 value
    )
    SELECT *,
           count(*) OVER (
               PARTITION BY place_key, place_level, province, year, subject, kind,
                            min_stars, max_stars
           ) > 1 AS values_disagree
    FROM facts
"""

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
    _OCOP_FACTS,
)

# The frontier outlives a run: every discovered article URL with its state
# (pending | fetched | retry | failed | refused), so a killed run resumes. A source's
# validators are kept only once all its leads are in `frontier`.
_V2 = (
    """
    CREATE TABLE frontier (
        url             VARCHAR PRIMARY KEY,
        site_id         VARCHAR NOT NULL,
        state           VARCHAR NOT NULL,
        discovered_from VARCHAR,
        depth           INTEGER NOT NULL DEFAULT 0,
        published_hint  TIMESTAMPTZ,
        discovered_at   TIMESTAMPTZ NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        retry_at        TIMESTAMPTZ,
        reason          VARCHAR,
        updated_at      TIMESTAMPTZ NOT NULL
    )
    """,
    "CREATE INDEX frontier_site_state ON frontier (site_id, state)",
    """
    CREATE TABLE crawl_sources (
        url             VARCHAR PRIMARY KEY,
        site_id         VARCHAR NOT NULL,
        etag            VARCHAR,
        last_modified   VARCHAR,
        updated_at      TIMESTAMPTZ NOT NULL
    )
    """,
)

# Per-site counters of each run, for health checks: a site whose pages fail or
# whose articles stop carrying authors or figures shows up here first.
_V3 = (
    """
    CREATE TABLE crawl_run_sites (
        run_id              BIGINT NOT NULL,
        site_id             VARCHAR NOT NULL,
        pages_fetched       INTEGER NOT NULL DEFAULT 0,
        pages_not_modified  INTEGER NOT NULL DEFAULT 0,
        pages_failed        INTEGER NOT NULL DEFAULT 0,
        failures_by_reason  VARCHAR,
        articles_new        INTEGER NOT NULL DEFAULT 0,
        articles_updated    INTEGER NOT NULL DEFAULT 0,
        articles_unchanged  INTEGER NOT NULL DEFAULT 0,
        not_articles        INTEGER NOT NULL DEFAULT 0,
        figures             INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, site_id)
    )
    """,
)

# Where each page's response lives in the WARC archive (warehouse/archive.py): the file
# name inside the archive folder, and the record's byte offset and length in it.
# NULL for fetches without an HTTP response and for pages crawled without an archive.
_V4 = (
    "ALTER TABLE pages ADD COLUMN warc_file VARCHAR",
    "ALTER TABLE pages ADD COLUMN warc_offset BIGINT",
    "ALTER TABLE pages ADD COLUMN warc_length BIGINT",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: sites, crawl_runs, pages, articles, authors, figures", _V1),
    Migration(2, "frontier and crawl_sources: resumable crawls", _V2),
    Migration(3, "crawl_run_sites: per-site counters of each run", _V3),
    Migration(4, "pages.warc_file, warc_offset, warc_length: the WARC record of each page", _V4),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
