"""`ocop-news demo`: a whole run through the console script, twice."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from pipelines.miniweb.content import load_articles

TABLES = ("sites", "articles", "article_authors", "ocop_figures")


def _run_demo(workdir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pipelines.cli", "demo", "--dir", str(workdir)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


def test_demo_lists_every_article_and_a_rerun_leaves_identical_counts(tmp_path: Path) -> None:
    first = _run_demo(tmp_path)
    assert first.returncode == 0, first.stderr[-2000:]
    articles = load_articles()
    for article in articles:
        line = f"{article.published.isoformat()}  {article.title}"
        assert line in first.stdout, f"demo summary misses {line!r}"
    counts = _counts(tmp_path / "ocop-demo.duckdb")
    assert counts["articles"] == len(articles)
    assert (tmp_path / "ocop-demo-parquet" / "articles").is_dir()
    assert (tmp_path / "ocop-demo-report.html").read_text("utf-8").count("<svg") == 4

    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == [], f"the demo left {leftovers}"

    second = _run_demo(tmp_path)
    assert second.returncode == 0, second.stderr[-2000:]
    assert _counts(tmp_path / "ocop-demo.duckdb") == counts


def test_demo_archives_every_response_and_reextract_rebuilds_the_same_tables(
    tmp_path: Path,
) -> None:
    done = _run_demo(tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    db = tmp_path / "ocop-demo.duckdb"
    assert list((tmp_path / "ocop-demo.duckdb.warc").glob("*.warc.gz")), "no WARC file written"
    before = _counts(db)
    config = tmp_path / "ocop-demo-sites.toml"
    command = [sys.executable, "-m", "pipelines.cli", "reextract", "--db", str(db)]
    rebuilt = subprocess.run(
        [*command, "--config", str(config), "--all"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
    assert f"unchanged {before['articles']}," in rebuilt.stdout, rebuilt.stdout
    assert _counts(db) == before
