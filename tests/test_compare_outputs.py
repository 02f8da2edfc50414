"""`scheduler compare --xlsx --html` and `scheduler export compare.json --xlsx`: the comparison workbook read
back cell by cell against compare.json, and the verdicts and solver gaps in the workbook and the briefing.

The small region of test_region.py, worked out by hand there: baseline 24 points, no-hycap-b 8 (b's HyCap
goes to the federal police), merged 24 (within the gaps of two optimal solves: no policy effect).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.cli import main
from scheduler.compare.rows import row_meaning, verdict_kind
from scheduler.compare.run import ScenarioResult, ScenarioSpec, _verdict, compare_table
from scheduler.compare.verdicts import signed_amount
from scheduler.compare.workbook import build_compare_workbook
from scheduler.report import render_report
from tests.test_region import region, write

BETTER, WORSE, GREY = "00006100", "009C0006", "007F7F7F"  # as openpyxl reads them back (ARGB)
# What no-hycap-b changes, read from its data: b's HyCap quota for a's match (2 officers x 8 h) goes outside.
NO_HYCAP_B = ("HyCap quota: 16 officer-hours move from b (all 16) to outside the region (+16); rules and weights "
              "unchanged.")


def run(*args: Any) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """One deterministic compare of the small region, with the workbook and the briefing."""
    tmp = tmp_path_factory.mktemp("compare")
    path = write(tmp, region())
    result = run("compare", path, "--policy", "no-hycap-b", "--policy", "merged", "--time-limit", 5, "--workers", 2,
                 "--seed", 0, "--deterministic", "--jobs", 1, "--quiet", "--out", tmp / "out",
                 "--xlsx", tmp / "compare.xlsx", "--html", tmp / "compare.html")
    assert result.exit_code == 0, result.output
    assert "compare.xlsx" in result.output and "compare.html" in result.output
    return tmp, json.loads((tmp / "out" / "compare.json").read_text(encoding="utf-8"))


def cells(ws: Worksheet) -> list[list[Any]]:
    """The sheet's values, row by row, without the empty cells at the end of a row."""
    out = []
    for row in ws.iter_rows(values_only=True):
        row = list(row)
        while row and row[-1] is None:
            row.pop()
        out.append(row)
    return out


def test_comparison_sheet_is_compare_json(compared: tuple[Path, dict[str, Any]]) -> None:
    tmp, table = compared
    wb = load_workbook(tmp / "compare.xlsx")
    assert wb.sheetnames == ["Comparison", "baseline", "no-hycap-b", "merged"]
    ws = wb["Comparison"]
    rows = cells(ws)
    assert rows[0] == ["Measure", "Unit", "baseline", "no-hycap-b", "merged", "Δ no-hycap-b", "Δ merged",
                       "Proven Δ no-hycap-b", "Proven Δ merged"]
    # Every measure of compare.json, in its order: values, then the deltas against the baseline, then what
    # the bounds prove (objective and unmet mandatory rows).
    for i, row in enumerate(table["rows"], start=1):
        proven = [None if r is None else f"{signed_amount(r[0], row['unit'])} to {signed_amount(r[1], row['unit'])} ({v})"
                  for r, v in zip((row.get("ranges") or [None] * 3)[1:], (row.get("verdicts") or [None] * 3)[1:],
                                  strict=True)]
        no_target = row.get("no_target") or [False] * 3  # 0 over 0 officer-hours: no rate, not 100 %
        values = ["no target" if flag else v for v, flag in zip(row["values"], no_target, strict=True)]
        expected = [row["measure"], row["unit"], *values, *row["deltas"][1:], *proven]
        while expected and expected[-1] is None:
            expected.pop()
        assert rows[i] == expected, row["measure"]
    by_measure = {r[0]: r for r in rows[1:len(table["rows"]) + 1]}
    # Both optimal: the bounds prove -16 for no-hycap-b and 0 for merged.
    assert by_measure["objective"] == ["objective", "points", 24, 8, 24, -16, 0, "-16 to -16 (better)",
                                       "+0 to +0 (equal)"]
    assert by_measure["zone b: HyCap given"] == ["zone b: HyCap given", "officer-h", 16, 0, 0, -16, -16]
    assert by_measure["zone a: handed outside the region"][2:] == [0, 16, 0, 16, 0]
    # Unmet work under the host zone too, and HyCap beyond the quota: none in any scenario.
    assert by_measure["zone a: unmet mandatory hosted"][2:] == [0, 0, 0, 0, 0]
    assert by_measure["zone b: HyCap surplus"][2:] == [0, 0, 0, 0, 0]
    keys = {r["measure"]: r["key"] for r in table["rows"]}
    assert keys["zone a: unmet mandatory hosted"] == "unmet_mandatory_hosted_officer_hours"
    assert keys["zone b: HyCap surplus"] == "hycap_surplus_hours"
    assert ws.freeze_panes == "C2"


def test_comparison_sheet_colours_and_verdicts(compared: tuple[Path, dict[str, Any]]) -> None:
    tmp, table = compared
    ws = load_workbook(tmp / "compare.xlsx")["Comparison"]
    rows = cells(ws)
    objective = 1 + [r["measure"] for r in table["rows"]].index("objective") + 1
    # Objective -16 for no-hycap-b: lower is better, beyond the gaps: green.
    assert ws.cell(row=objective, column=6).font.color.rgb == BETTER
    # merged: the bounds prove the same optimum: no colour, never red or green.
    merged = ws.cell(row=objective, column=7)
    assert merged.font.color is None or merged.font.color.rgb not in (BETTER, WORSE)
    hycap = 1 + [r["measure"] for r in table["rows"]].index("zone b: HyCap given") + 1
    # HyCap moved is what the policy does, neither good nor bad news: no colour.
    assert ws.cell(row=hycap, column=6).font.color.rgb not in (BETTER, WORSE, GREY)
    # Under the table: the verdicts as compare.json has them, the notes, the scenarios.
    start = rows.index(["Verdict on the objective (each policy against the baseline)"])
    verdicts = {r[0]: r[1] for r in rows[start + 1:start + 3]}
    assert verdicts == {s["name"]: s["verdict"] for s in table["scenarios"][1:]}
    assert verdicts["no-hycap-b"] == "better than baseline: proven -16 to -16 (found -16)"
    assert verdicts["merged"] == "equal to baseline: proven +0 to +0 (found +0)"
    notes = rows.index(["Notes"])
    assert rows[notes + 1][0] == "Every scenario is proven optimal."
    scenarios = rows.index(["Scenarios"])
    assert rows[scenarios + 1][:7] == ["Scenario", "Description", "What it changes (read from its data)", "Status",
                                       "Objective", "Best bound", "Gap"]
    assert rows[scenarios + 3][:7] == ["no-hycap-b", "b sends no HyCap help; the federal police does", NO_HYCAP_B,
                                       "OPTIMAL", 8, 8, 0]


def test_what_each_policy_changes_is_beside_its_description(compared: tuple[Path, dict[str, Any]]) -> None:
    tmp, table = compared
    effects = {s["name"]: s["effect"] for s in table["scenarios"]}
    assert effects["baseline"] is None
    assert effects["no-hycap-b"]["text"] == NO_HYCAP_B
    assert effects["no-hycap-b"]["moves"] == [{"kind": "hycap", "changes": {"b": -16.0}, "outside": 16.0}]
    # Merged: b's quota becomes a's own work (the match's whole headcount).
    assert effects["merged"]["text"].startswith("a and b merged into ab: ")
    assert "HyCap quota: b \u221216 officer-hours; own events: a +16 officer-hours" in effects["merged"]["text"]
    md = (tmp / "out" / "compare.md").read_text(encoding="utf-8")
    assert f"- **no-hycap-b**: b sends no HyCap help; the federal police does\n  - what it changes (read from its data): {NO_HYCAP_B}\n" in md
    csv_rows = list(csv.reader((tmp / "out" / "compare.csv").read_text(encoding="utf-8").splitlines()))
    width = len(csv_rows[0])
    assert csv_rows[-2][:5] == ["description", "", "the scenario as written",
                                "b sends no HyCap help; the federal police does", "a and b are one zone"]
    assert csv_rows[-1][:4] == ["what it changes", "", "", NO_HYCAP_B] and len(csv_rows[-1]) == width
    values = {r[0]: r[1] for r in cells(load_workbook(tmp / "compare.xlsx")["no-hycap-b"]) if len(r) > 1}
    assert values["What it changes (read from its data)"] == NO_HYCAP_B
    html = (tmp / "compare.html").read_text(encoding="utf-8")
    assert f"<strong>What it changes (read from its data):</strong> {NO_HYCAP_B}</td>" in html


def test_scenario_sheets(compared: tuple[Path, dict[str, Any]]) -> None:
    tmp, table = compared
    ws = load_workbook(tmp / "compare.xlsx")["no-hycap-b"]
    values = {r[0]: r[1] for r in cells(ws) if len(r) > 1}
    assert values["Verdict on the objective"] == table["scenarios"][1]["verdict"]
    assert values["Objective"] == 8 and values["Status"] == "OPTIMAL"
    assert values["Outside region officer hours"] == 16
    assert not any(str(k).startswith("Per officer") for k in values)  # the detail stays in roster.json


def test_briefing_has_the_verdicts(compared: tuple[Path, dict[str, Any]]) -> None:
    tmp, table = compared
    html = (tmp / "compare.html").read_text(encoding="utf-8")
    assert "<h1>Scenario comparison</h1>" in html and "Generated from compare.json" in html
    for s in table["scenarios"][1:]:
        assert s["verdict"].replace("<", "&lt;") in html
    assert '<strong class="tag better">better, proven</strong>' in html
    assert '<strong class="tag equal">equal</strong>' in html
    assert "Every scenario is proven optimal" in html
    # The report command gives the same page from the written compare.json.
    again = tmp / "again.html"
    assert run("report", tmp / "out" / "compare.json", "-o", again).exit_code == 0
    assert again.read_text(encoding="utf-8") == html
    assert "Unmet mandatory officer-hours, as host zone" in html and "HyCap beyond the quota (officer-hours)" in html


@pytest.mark.parametrize(("lang", "hosted", "surplus"), [
    ("fr", "Heures-agent obligatoires non couvertes, comme zone hôte", "HyCap au-delà du quota (heures-agent)"),
    ("nl", "Niet-gedekte verplichte manuren, als gastzone", "HyCap boven het quotum (manuren)"),
])
def test_briefing_names_the_hosted_and_surplus_rows_in_each_language(
        compared: tuple[Path, dict[str, Any]], tmp_path: Path, lang: str, hosted: str, surplus: str) -> None:
    tmp, _ = compared
    out = tmp_path / f"compare-{lang}.html"
    assert run("report", tmp / "out" / "compare.json", "-o", out, "--lang", lang).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert hosted in html and surplus in html


def test_an_interrupted_export_keeps_the_old_workbook(compared: tuple[Path, dict[str, Any]], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The rename is the last step of an atomic write: failing there (as a kill would) must leave the
    # previous workbook whole and no temporary file beside it.
    tmp, _ = compared
    out = tmp_path / "compare.xlsx"
    out.write_bytes(b"the previous workbook")

    def killed(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("scheduler.io.atomic.os.replace", killed)
    run("export", tmp / "out" / "compare.json", "--xlsx", out)
    assert out.read_bytes() == b"the previous workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["compare.xlsx"]


def test_export_compare_json(compared: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    tmp, _ = compared
    out = tmp_path / "again.xlsx"
    result = run("export", tmp / "out" / "compare.json", "--xlsx", out)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {out}"
    again, first = load_workbook(out), load_workbook(tmp / "compare.xlsx")
    assert again.sheetnames == first.sheetnames
    for name in first.sheetnames:
        assert cells(again[name]) == cells(first[name]), name


def test_export_compare_json_errors(compared: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    tmp, table = compared
    result = run("export", tmp / "out" / "compare.json", "--ics", tmp_path / "ics")
    assert result.exit_code == 2 and "no roster to put in calendars" in result.output
    table["rows"][0]["values"] = [1]
    bad = tmp_path / "compare.json"
    bad.write_text(json.dumps(table), encoding="utf-8")
    result = run("export", bad, "--xlsx", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "rows[0].values" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.xlsx").exists()


def result(name: str, objective: float | None, bound: float | None, status: str = "FEASIBLE",
           policies: tuple[str, ...] = ("p",), **extra: Any) -> ScenarioResult:
    gap = None if objective is None or bound is None else (objective - bound) / objective
    summary = {"status": status, "objective": objective, "best_bound": bound, "gap": gap}
    spec = ScenarioSpec(name, f"{name} described", policies, bool(extra.pop("changes_objective", False)))
    return ScenarioResult(spec, summary,
                          {"overtime_hours": objective or 0, "zones": {"a": {"hours_worked": 8.0}}}, extra=extra)


def test_unproven_scenarios_are_named_everywhere() -> None:
    """Solves stopped before their optimum: the gap is on the column, in the notes, and in the verdict."""
    table = compare_table([result("baseline", 100, 75, policies=()), result("p", 110, 90)])
    assert table["notes"] == ["baseline: not proven optimal (gap 25.0%); its measures may move by a re-solve",
                              "p: not proven optimal (gap 18.2%); its measures may move by a re-solve"]
    ws = build_compare_workbook(table)["Comparison"]
    assert ws["C1"].comment.text == "not proven optimal (gap 25.0%)" and ws["C1"].fill.fgColor.rgb == "00FFC7CE"
    assert ws["D1"].comment.text == "not proven optimal (gap 18.2%)"
    rows = cells(ws)
    assert [r[0] for r in rows if r and "not proven optimal" in str(r[0])] == table["notes"]
    assert rows[1][:5] == ["objective", "points", 100, 110, 10]
    # The policy's optimum is at least 90 and the baseline's at most 100: the difference is at least -10;
    # the policy's is at most 110 and the baseline's at least 75: at most +35. [-10, +35] holds zero.
    assert rows[1][5] == "-10 to +35 (undecided)"
    assert ws["E2"].font.color.rgb == GREY and ws["E2"].comment.text == "-10 to +35 (undecided)"
    # Both gaps are above 5 %: every figure of both columns is flagged in the table itself.
    assert ws["C2"].fill.fgColor.rgb == ws["D2"].fill.fgColor.rgb == "00FFEB9C"
    html = render_report(table)
    assert "Not every scenario is proven optimal" in html
    assert "p: not proven optimal (gap 18.2%); its measures may move by a re-solve" in html
    assert "undecided: proven -10 to +35 (found +10); the bounds do not exclude zero" in html
    assert 'class="num gap-flag"' in html
    assert '<span class="unproven">Gap 25\u00a0%</span>' in html


@pytest.mark.parametrize(
    ("other", "kind"),
    [
        (result("p", 50, 50, "OPTIMAL"), "better"),
        (result("p", 150, 150, "OPTIMAL"), "worse"),
        (result("p", 101, 90), "undecided"),
        (result("p", 101, 90, changes_objective=True), "not_comparable"),
        (result("p", None, None, "INFEASIBLE"), "no_roster"),
    ],
)
def test_every_verdict_has_a_kind(other: ScenarioResult, kind: str) -> None:
    """Each verdict carries its kind; an older compare.json (the sentence only) is tagged by its first words."""
    base = result("baseline", 100, 100, "OPTIMAL", policies=())
    verdict = _verdict(base, other)
    assert verdict.kind == kind
    assert verdict_kind({"verdict": verdict.text}) == kind
    assert verdict_kind({"verdict": "baseline"}) == "reference" and verdict_kind({"verdict": "something else"}) == ""


@pytest.mark.parametrize(
    ("measure", "key", "zone", "direction"),
    [
        ("objective", "objective", None, -1),
        ("hotspot coverage", "hotspot_coverage", None, 1),
        ("hotspot market coverage", "hotspot_coverage", None, 1),
        ("unmet mandatory", "unmet_mandatory_officer_hours", None, -1),
        ("response shortfall", "response_shortfall_officer_hours", None, -1),
        ("overtime", "overtime_hours", None, -1),
        ("officers used", "officers_used", None, 0),
        ("gap", "gap", None, 0),
        ("zone south: HyCap given", "hycap_given", "south", 0),
        ("zone south: HyCap surplus", "hycap_surplus_hours", "south", -1),
        ("zone south: unmet mandatory hosted", "unmet_mandatory_hosted_officer_hours", "south", -1),
        ("zone south: hours worked", "hours_worked", "south", 0),
        ("zone north east: overtime", "overtime_hours", "north east", -1),
        ("zone a: hotspot coverage", "hotspot_coverage", "a", 1),
        ("fairness.nights_spread", "nights_spread", None, -1),
    ],
)
def test_row_meanings(measure: str, key: str, zone: str | None, direction: int) -> None:
    m = row_meaning(measure)
    assert (m.key, m.zone, m.direction) == (key, zone, direction)
