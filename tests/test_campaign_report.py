"""The campaign's outputs from hand-made campaign.json documents (tests/campaign_documents.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from campaign_documents import campaign

from scheduler.campaign.outputs import campaign_files, csv_rows


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return campaign()


def test_csv_counts_repairs_and_keeps_lists_out(doc: dict[str, Any]) -> None:
    rows = csv_rows(doc["chains"])
    assert len(rows) == 2 * 3 + 2 * 3 + 3 + 2  # night-team's seed 1 stopped after two weeks
    assert rows[0]["repairs"] == 1 and rows[0]["repair_seconds"] == 0.25
    text = campaign_files(Path("out"), doc)[Path("out/campaign.csv")].decode()
    assert "{" not in text  # no week row's list or mapping written as Python's repr
