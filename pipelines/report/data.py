"""The numbers behind each chart of the report, read from the warehouse.

Figures come from `ocop_facts`, so a fact reported by several outlets counts
once. Only province-level facts are summed: a district's recognitions are
part of its province's, and adding both would count products twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pipelines.report.charts import Group, Segment
from warehouse.store import Warehouse

NO_CLASS = "not broken down by stars"
MAX_WEEKS = 52
MAX_RUNS = 30


@dataclass(frozen=True, slots=True)
class ChartData:
    """One chart: its groups and series, and the table shown under it."""

    title: str
    y_label: str
    groups: list[Group]
    series: list[str]
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


# Where outlets disagree on a fact (30 here, 32 there), one value counts: the one
# most outlets reported, then the latest; summing both would double the fact.
RECOGNISED_SQL = """
WITH chosen AS (
    SELECT * FROM ocop_facts
    WHERE kind = 'recognized' AND subject = 'product' AND place_level = 'province'
      AND year IS NOT NULL AND province IS NOT NULL
    QUALIFY row_number() OVER (
        PARTITION BY place_key, province, year, min_stars, max_stars
        ORDER BY outlets DESC, articles DESC, last_reported DESC, value DESC
    ) = 1
)
SELECT province, year,
       CASE WHEN min_stars IS NULL THEN NULL
            WHEN min_stars = max_stars THEN min_stars || ' sao'
            ELSE min_stars || '-' || max_stars || ' sao' END AS stars,
       sum(value) AS products
FROM chosen
GROUP BY ALL ORDER BY province, year, stars NULLS LAST
"""

TOTALS_TARGETS_SQL = """
SELECT province, year,
       max(value) FILTER (WHERE kind = 'total') AS total,
       max(value) FILTER (WHERE kind = 'target') AS target
FROM ocop_facts
WHERE subject = 'product' AND place_level = 'province' AND province IS NOT NULL
  AND year IS NOT NULL AND kind IN ('total', 'target')
  AND (min_stars IS NULL OR (min_stars = 3 AND max_stars = 5))
GROUP BY ALL ORDER BY province, year
"""

ARTICLES_SQL = f"""
WITH weekly AS (
    SELECT strftime(date_trunc('week', published_at), '%Y-%m-%d') AS week, site_id,
           count(*) AS articles
    FROM articles WHERE published_at IS NOT NULL GROUP BY ALL
),
recent AS (SELECT DISTINCT week FROM weekly ORDER BY week DESC LIMIT {MAX_WEEKS})
SELECT week, site_id, articles FROM weekly WHERE week IN (SELECT week FROM recent)
ORDER BY week, site_id
"""

HEALTH_SQL = f"""
SELECT id, strftime(started_at, '%Y-%m-%d %H:%M') AS started, status,
       pages_fetched, pages_not_modified, pages_failed, articles_new, figures
FROM crawl_runs ORDER BY id DESC LIMIT {MAX_RUNS}
"""


def recognised_by_stars(warehouse: Warehouse) -> ChartData:
    rows = warehouse.query(RECOGNISED_SQL).rows
    by_group: dict[tuple[str, int], dict[str | None, int]] = defaultdict(dict)
    for province, year, stars, products in rows:
        by_group[(province, year)][stars] = int(products)
    classes = sorted({stars for _, _, stars, _ in rows if stars is not None})
    groups = []
    for (province, year), values in by_group.items():
        classed = sum(v for k, v in values.items() if k is not None)
        # A round's count and its star breakdown are both facts: show only the
        # part of the count that the breakdown does not already cover.
        rest = max(values.get(None, 0) - classed, 0)
        segments = [Segment(c, values.get(c, 0)) for c in classes] + [Segment(NO_CLASS, rest)]
        groups.append(Group(f"{province} {year}", tuple(segments)))
    return ChartData(
        "OCOP products recognised per province and year, by star class",
        "products",
        groups,
        [*classes, NO_CLASS],
        ("province", "year", "star class", "products"),
        [(p, y, s or "—", n) for p, y, s, n in rows],
    )


def totals_and_targets(warehouse: Warehouse) -> ChartData:
    rows = warehouse.query(TOTALS_TARGETS_SQL).rows
    groups = []
    for province, year, total, target in rows:
        if total:
            groups.append(Group(f"{province} {year} total", (Segment("total", total),)))
        if target:
            groups.append(Group(f"{province} {year} target", (Segment("target", target),)))
    return ChartData(
        "Running totals against targets (province level, 3 stars and up)",
        "products",
        groups,
        ["total", "target"],
        ("province", "year", "total", "target"),
        rows,
    )


def articles_per_week(warehouse: Warehouse) -> ChartData:
    rows = warehouse.query(ARTICLES_SQL).rows
    sites = sorted({site for _, site, _ in rows})
    weeks: dict[str, dict[str, int]] = defaultdict(dict)
    for week, site, count in rows:
        weeks[week][site] = int(count)
    groups = [
        Group(week, tuple(Segment(site, counts.get(site, 0)) for site in sites))
        for week, counts in weeks.items()
    ]
    return ChartData(
        f"Articles per site per week (the {MAX_WEEKS} most recent weeks with articles)",
        "articles",
        groups,
        sites,
        ("week", "site", "articles"),
        rows,
    )


def crawl_health(warehouse: Warehouse) -> ChartData:
    rows = list(reversed(warehouse.query(HEALTH_SQL).rows))
    series = ["fetched", "not modified", "failed"]
    groups = [
        Group(
            f"#{run_id} {started}",
            (
                Segment("fetched", fetched),
                Segment("not modified", unchanged),
                Segment("failed", failed),
            ),
        )
        for run_id, started, _status, fetched, unchanged, failed, _new, _figures in rows
    ]
    return ChartData(
        f"Crawl health: pages per run (last {MAX_RUNS} runs)",
        "pages",
        groups,
        series,
        (
            "run",
            "started",
            "status",
            "fetched",
            "not modified",
            "failed",
            "new articles",
            "figures",
        ),
        rows,
    )


def all_charts(warehouse: Warehouse) -> list[ChartData]:
    return [
        recognised_by_stars(warehouse),
        totals_and_targets(warehouse),
        articles_per_week(warehouse),
        crawl_health(warehouse),
    ]
