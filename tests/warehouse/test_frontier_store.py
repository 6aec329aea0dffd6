"""The frontier's in-memory view follows the database: a rolled-back settle never counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.frontier import Settlement
from warehouse.frontier import WarehouseLeads
from warehouse.store import Warehouse


class Boom(Exception):
    pass


def test_a_settle_rolled_back_with_its_transaction_leaves_the_url_unsettled(
    tmp_path: Path,
) -> None:
    with Warehouse.open(tmp_path / "w.duckdb") as wh:
        leads = WarehouseLeads(wh)
        with pytest.raises(Boom), wh.transaction():
            leads.settle("a", Settlement("http://127.0.0.1:1/a-1.html", "fetched", 1))
            raise Boom  # e.g. storing the article failed after the settle
        assert not leads.is_settled("http://127.0.0.1:1/a-1.html")
        assert wh.query("SELECT count(*) FROM frontier").rows == [(0,)]

        with wh.transaction():
            leads.settle("a", Settlement("http://127.0.0.1:1/a-1.html", "fetched", 1))
            assert not leads.is_settled("http://127.0.0.1:1/a-1.html")  # not committed yet
        assert leads.is_settled("http://127.0.0.1:1/a-1.html")
