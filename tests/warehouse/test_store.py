"""The warehouse on a real DuckDB file: schema, idempotent loading, validators."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from crawler.frontier import SourceValidators
from extract.models import Article, Figure
from warehouse import store
from warehouse.errors import WarehouseOpenError
from warehouse.frontier import WarehouseLeads
from warehouse.records import ArticleRecord, PageRecord, RunCounters, SiteRecord
from warehouse.schema import SCHEMA_VERSION
from warehouse.store import Warehouse

VN = timezone(timedelta(hours=7))


def _figure(value: int, kind: str = "recognized") -> Figure:
    return Figure(
        value=value,
        subject="product",
        kind=kind,  # type: ignore[arg-type]
        min_stars=3,
        max_stars=3,
        qualifier=None,
        year=2023,
        place_text="tỉnh Thanh Hóa",
        place_level="province",
        province="Thanh Hóa",
        sentence=f"Tỉnh công nhận thêm {value} sản phẩm OCOP 3 sao.",
        start=20,
        end=20 + len(str(value)),
    )


def _article(title: str = "Thêm 12 sản phẩm OCOP", figures: int = 2) -> Article:
    return Article(
        url="http://127.0.0.1:1/a-1.htm",
        canonical_url=None,
        title=title,
        lead="Lead",
        paragraphs=("Đoạn một.", "Đoạn hai."),
        published_at=datetime(2023, 12, 27, 10, 0, tzinfo=VN),
        modified_at=None,
        authors=("Hương Hạnh", "Quang Phú"),
        section="Kinh tế",
        source_credit=None,
        captions=(),
        language="vi",
        figures=tuple(_figure(12 + n) for n in range(figures)),
    )


@pytest.fixture
def warehouse(tmp_path: Path) -> Warehouse:
    wh = Warehouse.open(tmp_path / "w.duckdb")
    wh.upsert_sites([SiteRecord("site-a", "Site A", "Thanh Hóa", "http://127.0.0.1:1/")])
    yield wh
    wh.close()


def _counts(wh: Warehouse) -> dict[str, int]:
    return {t: wh.count_rows(t) for t in ("articles", "article_authors", "ocop_figures")}


def test_new_warehouse_is_at_current_schema_version(warehouse: Warehouse) -> None:
    assert warehouse.schema_version() == SCHEMA_VERSION


def test_storing_the_same_article_twice_leaves_the_same_rows(warehouse: Warehouse) -> None:
    seen = datetime(2024, 1, 1, tzinfo=VN)
    first = warehouse.store_article("site-a", "u1", _article(), seen, "v1")
    before = _counts(warehouse)
    second = warehouse.store_article("site-a", "u1", _article(), seen + timedelta(days=1), "v1")
    assert (first, second) == ("new", "unchanged")
    assert _counts(warehouse) == before == {"articles": 1, "article_authors": 2, "ocop_figures": 2}
    row = warehouse.query("SELECT first_seen_at, last_seen_at FROM articles").rows[0]
    assert row[1] - row[0] == timedelta(days=1)


def test_changed_article_replaces_its_authors_and_figures(warehouse: Warehouse) -> None:
    seen = datetime(2024, 1, 1, tzinfo=VN)
    warehouse.store_article("site-a", "u1", _article(figures=3), seen, "v1")
    changed = replace(_article(title="Mới", figures=1), authors=("Minh Anh",))
    assert warehouse.store_article("site-a", "u1", changed, seen, "v1") == "updated"
    assert _counts(warehouse) == {"articles": 1, "article_authors": 1, "ocop_figures": 1}
    assert warehouse.query("SELECT title FROM articles").rows == [("Mới",)]


def test_new_extractor_version_counts_as_update(warehouse: Warehouse) -> None:
    seen = datetime(2024, 1, 1, tzinfo=VN)
    warehouse.store_article("site-a", "u1", _article(), seen, "v1")
    assert warehouse.store_article("site-a", "u1", _article(), seen, "v2") == "updated"


def test_publish_time_reads_back_as_the_same_instant_in_vietnam_time(
    warehouse: Warehouse,
) -> None:
    warehouse.store_article("site-a", "u1", _article(), datetime.now(VN), "v1")
    (published,) = warehouse.query("SELECT published_at FROM articles").rows[0]
    assert published == datetime(2023, 12, 27, 10, 0, tzinfo=VN)
    assert published.isoformat().endswith("+07:00")


def test_figures_keep_spec_field_names_and_offsets(warehouse: Warehouse) -> None:
    warehouse.store_article("site-a", "u1", _article(figures=1), datetime.now(VN), "v1")
    result = warehouse.query(
        'SELECT value, kind, min_stars, year, province, sentence, "start", "end" FROM ocop_figures'
    )
    assert result.rows == [(12, "recognized", 3, 2023, "Thanh Hóa", _figure(12).sentence, 20, 22)]


def test_validators_come_only_from_sources_whose_leads_are_stored(warehouse: Warehouse) -> None:
    run = warehouse.begin_run("test", ["site-a"])
    t0 = datetime(2024, 1, 1, tzinfo=VN)
    listing = PageRecord(
        "site-a",
        "http://x/list",
        "http://x/list",
        "listing",
        200,
        t0,
        "text/html",
        10,
        '"page-row"',
        None,
        None,
    )
    warehouse.record_pages(run, [listing])
    assert warehouse.validators() == {}  # a page row alone: its links may not be stored yet
    leads = WarehouseLeads(warehouse)
    leads.source_done("site-a", SourceValidators("http://x/list", '"old"', None))
    leads.source_done("site-a", SourceValidators("http://x/list", '"new"', "Mon, 01 Jan 2024"))
    leads.source_done("site-a", SourceValidators("http://x/plain", None, None))
    assert warehouse.validators() == {"http://x/list": ('"new"', "Mon, 01 Jan 2024")}


def test_finished_run_records_status_and_counters(warehouse: Warehouse) -> None:
    run = warehouse.begin_run("crawl", ["site-a"])
    warehouse.finish_run(run, "partial", RunCounters(pages_fetched=4, pages_failed=1))
    row = warehouse.query(
        "SELECT status, pages_fetched, pages_failed, finished_at IS NOT NULL, sites "
        "FROM crawl_runs WHERE id = ?",
        [run],
    ).rows[0]
    assert row == ("partial", 4, 1, True, ["site-a"])


def test_failed_article_write_leaves_no_partial_rows(warehouse: Warehouse) -> None:
    bad = replace(_article(), figures=(replace(_figure(1), value=None),))  # NOT NULL violated
    with pytest.raises(duckdb.Error):
        warehouse.store_article("site-a", "u1", bad, datetime.now(VN), "v1")
    assert _counts(warehouse) == {"articles": 0, "article_authors": 0, "ocop_figures": 0}


def test_read_only_open_of_missing_file_says_to_crawl_first(tmp_path: Path) -> None:
    with pytest.raises(WarehouseOpenError, match="run `ocop-news crawl"):
        Warehouse.open(tmp_path / "missing.duckdb", read_only=True)


def test_open_in_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WarehouseOpenError, match="does not exist"):
        Warehouse.open(tmp_path / "no" / "such" / "w.duckdb")


def test_a_file_that_is_not_duckdb_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("not a database")
    with pytest.raises(WarehouseOpenError, match="cannot open"):
        Warehouse.open(path)
    assert path.read_text() == "not a database"


def test_ocop_facts_merges_one_fact_reported_by_two_outlets(warehouse: Warehouse) -> None:
    warehouse.upsert_sites([SiteRecord("site-b", "Site B", "Thanh Hóa", "http://127.0.0.1:2/")])
    seen = datetime.now(VN)
    warehouse.store_article("site-a", "a1", _article(figures=1), seen, "v1")
    warehouse.store_article("site-b", "b1", replace(_article(figures=1), title="Khác"), seen, "v1")
    rows = warehouse.query(
        "SELECT value, kind, year, province, articles, outlets, sources, sites, values_disagree "
        "FROM ocop_facts"
    ).rows
    assert rows == [
        (12, "recognized", 2023, "Thanh Hóa", 2, 2, ["a1", "b1"], ["site-a", "site-b"], False)
    ]


def test_ocop_facts_flags_outlets_that_report_another_value(warehouse: Warehouse) -> None:
    warehouse.upsert_sites([SiteRecord("site-b", "Site B", "Thanh Hóa", "http://127.0.0.1:2/")])
    seen = datetime.now(VN)
    warehouse.store_article("site-a", "a1", _article(figures=1), seen, "v1")
    other = replace(_article(figures=0), figures=(_figure(13),))
    warehouse.store_article("site-b", "b1", other, seen, "v1")
    rows = warehouse.query("SELECT value, outlets, values_disagree FROM ocop_facts ORDER BY value")
    assert rows.rows == [(12, 1, True), (13, 1, True)]


def test_every_figure_traces_to_its_article_and_sentence(warehouse: Warehouse) -> None:
    warehouse.store_article("site-a", "a1", _article(figures=2), datetime.now(VN), "v1")
    rows = warehouse.query(
        'SELECT f.article_url, a.title, f.sentence, f."start", f."end" '
        "FROM ocop_figures f JOIN articles a ON a.url = f.article_url ORDER BY f.ordinal"
    ).rows
    assert [r[0] for r in rows] == ["a1", "a1"]
    assert all(r[2].startswith("Tỉnh công nhận thêm") and r[4] > r[3] for r in rows)


def _all_rows(wh: Warehouse) -> dict[str, list[tuple]]:
    return {
        table: wh.query(f"SELECT * FROM {table} ORDER BY ALL").rows
        for table in ("articles", "article_authors", "ocop_figures")
    }


def _mixed_batch() -> list[ArticleRecord]:
    """New, changed, unchanged and repeated keys, with moving seen times."""
    seen = datetime(2024, 1, 1, tzinfo=VN)
    changed = replace(_article(title="Mới", figures=1), authors=("Minh Anh",))
    return [
        ArticleRecord("site-a", "u1", _article(), seen + timedelta(days=1)),  # unchanged
        ArticleRecord("site-a", "u2", changed, seen),  # updated
        ArticleRecord("site-a", "u3", _article(figures=0), seen),  # new
        ArticleRecord("site-a", "u3", _article(figures=3), seen + timedelta(days=2)),  # again
        ArticleRecord("site-a", "u4", replace(_article(), authors=()), seen),  # new
        ArticleRecord("site-a", "u1", _article(), seen + timedelta(days=3)),  # unchanged
    ]


def test_a_batch_stores_what_storing_its_articles_one_by_one_stores(tmp_path: Path) -> None:
    outcomes, rows = [], []
    for batched in (False, True):
        with Warehouse.open(tmp_path / f"{batched}.duckdb") as wh:
            wh.upsert_sites([SiteRecord("site-a", "Site A", "Thanh Hóa", "http://127.0.0.1:1/")])
            seen = datetime(2024, 1, 1, tzinfo=VN)
            wh.store_article("site-a", "u1", _article(), seen, "v1")
            wh.store_article("site-a", "u2", _article(), seen, "v1")
            batch = _mixed_batch()
            if batched:
                outcomes.append(wh.store_articles(batch, "v1"))
            else:
                outcomes.append(
                    [wh.store_article(r.site_id, r.url, r.article, r.seen_at, "v1") for r in batch]
                )
            rows.append(_all_rows(wh))
    assert outcomes[0] == outcomes[1] == [
        "unchanged", "updated", "new", "updated", "new", "unchanged"
    ]  # fmt: skip
    assert rows[0] == rows[1]
    assert len(rows[1]["ocop_figures"]) == 2 + 1 + 3 + 2  # u1, u2, u3 (second), u4


def test_a_failed_batch_stores_none_of_its_articles(warehouse: Warehouse) -> None:
    seen = datetime(2024, 1, 1, tzinfo=VN)
    warehouse.store_article("site-a", "u1", _article(), seen, "v1")
    before = _all_rows(warehouse)
    bad = replace(_article(), figures=(replace(_figure(1), value=None),))  # NOT NULL violated
    batch = [
        ArticleRecord("site-a", "u1", _article(title="Khác"), seen),
        ArticleRecord("site-a", "u2", _article(), seen),
        ArticleRecord("site-a", "u3", bad, seen),
    ]
    with pytest.raises(duckdb.Error):
        warehouse.store_articles(batch, "v1")
    assert _all_rows(warehouse) == before


def test_rows_beyond_one_insert_statement_are_all_stored(
    warehouse: Warehouse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "MAX_ROWS_PER_INSERT", 2)  # 5 articles, 10 authors, 15 figures
    seen = datetime(2024, 1, 1, tzinfo=VN)
    batch = [ArticleRecord("site-a", f"u{n}", _article(figures=3), seen) for n in range(5)]
    assert warehouse.store_articles(batch, "v1") == ["new"] * 5
    assert _counts(warehouse) == {"articles": 5, "article_authors": 10, "ocop_figures": 15}


def test_a_batch_of_unchanged_articles_moves_last_seen_forward_only(
    warehouse: Warehouse,
) -> None:
    seen = datetime(2024, 1, 1, tzinfo=VN)
    for url in ("u1", "u2"):
        warehouse.store_article("site-a", url, _article(), seen, "v1")
    for days in (2, -2):  # one statement moves both rows: later seen times only
        batch = [
            ArticleRecord("site-a", url, _article(), seen + timedelta(days=days))
            for url in ("u1", "u2")
        ]
        assert warehouse.store_articles(batch, "v1") == ["unchanged", "unchanged"]
    rows = warehouse.query("SELECT first_seen_at, last_seen_at FROM articles ORDER BY url").rows
    assert rows == [(seen, seen + timedelta(days=2))] * 2
