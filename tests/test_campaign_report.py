"""The campaign's workbook (and campaign.csv) from hand-made campaign.json documents
(tests/campaign_documents.py)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from campaign_documents import STOPPED, campaign
from openpyxl import load_workbook

from scheduler.campaign.outputs import CSV_FIELDS, campaign_files, csv_rows
from scheduler.io.campaign_xlsx import campaign_xlsx


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return campaign()


def workbook(doc: dict[str, Any]) -> Any:
    return load_workbook(io.BytesIO(campaign_xlsx(doc, CSV_FIELDS, csv_rows(doc["chains"]))))


def test_csv_counts_repairs_and_keeps_lists_out(doc: dict[str, Any]) -> None:
    rows = csv_rows(doc["chains"])
    assert len(rows) == 2 * 3 + 2 * 3 + 3 + 2  # night-team's seed 1 stopped after two weeks
    assert rows[0]["repairs"] == 1 and rows[0]["repair_seconds"] == 0.25
    text = campaign_files(Path("out"), doc)[Path("out/campaign.csv")].decode()
    assert "{" not in text  # no week row's list or mapping written as Python's repr


def test_workbook(doc: dict[str, Any]) -> None:
    wb = workbook(doc)
    assert wb.sheetnames == ["Policies", "Weeks", "Officers", "Plan"]
    policies = wb["Policies"]
    assert [c.value for c in policies[1]][:5] == ["Measure", "Measure id", "Policy", "Seeds", "Mean"]
    rows = {(r[1], r[2]): r for r in policies.iter_rows(min_row=2, values_only=True)}
    assert rows[("hotspot_coverage", "market-x2")][3:] == (2, 0.890625, pytest.approx(0.890625 - 0.098656, abs=1e-5),
                                                        pytest.approx(0.890625 + 0.098656, abs=1e-5), 0.140625,
                                                        pytest.approx(0.04196875), pytest.approx(0.23928125), "better")
    assert rows[("overtime_hours", "market-x2")][10] == "worse"
    assert rows[("overtime_hours", "baseline")][10] == "reference"
    assert policies["E2"].number_format == "0.0%" and policies.freeze_panes == "D2"
    weeks = wb["Weeks"]
    assert tuple(c.value for c in weeks[1]) == CSV_FIELDS
    assert weeks.max_row == 1 + 17
    first = dict(zip(CSV_FIELDS, (c.value for c in weeks[2]), strict=True))
    assert (first["policy"], first["seed"], first["week"], first["start"], first["repairs"]) == ("baseline", 0, 1, "2027-03-01", 1)
    assert first["hotspot_coverage"] == 0.75 and first["plan_status"] == "OPTIMAL"
    gave = [r for r in weeks.iter_rows(min_row=2, values_only=True) if r[CSV_FIELDS.index("hard_rule_gave")]]
    assert [(r[0], r[1], r[2]) for r in gave] == [("night-team", 0, 2)]
    officers = wb["Officers"]
    header = [c.value for c in officers[1]]
    assert header[:8] == ["Policy", "Seed", "Officer", "Zone", "Weeks", "Hours", "Available hours", "Hours balance"]
    assert officers.max_row == 1 + 3 * 2 * 3
    assert [c.value for c in officers[4]][:8] == ["baseline", 0, "o03", "tiny", 3, 132, 114, 18]
    plan = {r[0]: r[1] for r in wb["Plan"].iter_rows(min_row=2, values_only=True) if r and r[0]}
    assert plan["Policies"] == "baseline, market-x2, night-team" and plan["Chains that stopped"] == 1
    assert plan["night-team seed 1"] == f"week 3: {STOPPED}"
