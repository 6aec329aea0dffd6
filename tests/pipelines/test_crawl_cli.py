"""`ocop-news crawl` as a scheduler runs it: exit codes, JSON log lines, a summary line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipelines.exit_codes import ExitCode
from pipelines.miniweb.server import MiniWeb


def _crawl(config: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pipelines.cli",
            "--log-format",
            "json",
            "crawl",
            "--config",
            str(config),
            "--db",
            str(db),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_scheduled_crawl_reports_new_then_nothing_new_with_json_events(tmp_path: Path) -> None:
    config, db = tmp_path / "sites.toml", tmp_path / "w.duckdb"
    with MiniWeb() as web:
        config.write_text(web.config_toml(min_delay_s=0.0), "utf-8")
        first = _crawl(config, db)
        second = _crawl(config, db)
    assert first.returncode == ExitCode.OK, first.stderr[-2000:]
    assert second.returncode == ExitCode.NOTHING_NEW, second.stderr[-2000:]

    events = [json.loads(line) for line in first.stderr.splitlines()]
    pages = [e for e in events if e.get("event") == "page"]
    assert len([p for p in pages if p["role"] == "article"]) == len(web.articles)
    assert all({"time", "level", "site_id", "url", "status"} <= p.keys() for p in pages)
    (run,) = [e for e in events if e.get("event") == "run"]
    assert (run["status"], run["exit_code"], run["articles_new"]) == (
        "succeeded",
        0,
        len(web.articles),
    )

    summary = second.stdout.strip().splitlines()[-1]
    assert summary.startswith("run 2 succeeded:") and summary.endswith("exit code 4")
