"""The workbook: read back with openpyxl, cell by cell, against roster.json, the measures and the checker."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.io.xlsx import write_xlsx
from scheduler.measures import compute_measures
from scheduler.problem import Problem, build_problem
from scheduler.roster import Assignment
from scheduler.scenario.load import load_source
from scheduler.scenario.yaml_source import YamlSource

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny" / "zone.yaml"
# The tiny zone's duties as a cell shows them after the shift (response: the shift alone).
SHOWN = {"response": "", "market": " Hotspot Market square", "transfer-wed": " Prisoner transfer to court"}
MON, TUE, WED, THU, FRI, SAT = range(6)

# A hand-made roster for the tiny zone, short on purpose (see the coverage test).
HAND = [
    Assignment("o03", MON, "E", "response"),
    Assignment("o03", TUE, "L", "response"),
    Assignment("o03", WED, "E", "transfer-wed"),
    Assignment("o03", FRI, "N", "market"),
    Assignment("o03", SAT, "N", "market"),
    Assignment("o07", FRI, "L", "market"),
    Assignment("o01", WED, "E", "response"),
]


def tiny_problem(extra_unavailable: dict[str, list[dict]] | None = None) -> Problem:
    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    for o in data["officers"]:
        o.setdefault("unavailable", []).extend((extra_unavailable or {}).get(o["id"], []))
    return build_problem(load_source(YamlSource(yaml.safe_dump(data), "<tiny>"), None))


@pytest.fixture(scope="module")
def problem() -> Problem:
    return tiny_problem({
        "o05": [{"start": dt.datetime(2026, 3, 3, 8), "end": dt.datetime(2026, 3, 3, 12), "reason": "training"}],
        "o01": [{"start": dt.datetime(2026, 3, 4, 16), "end": dt.datetime(2026, 3, 4, 18), "reason": "court"}],
    })


@pytest.fixture(scope="module")
def hand_book(problem: Problem, tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "hand.xlsx"
    doc = {"measures": compute_measures(problem, HAND)}
    write_xlsx(path, problem, HAND, doc)
    return load_workbook(path)


def officer_row(ws: Worksheet, officer: str) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == officer)


def day_column(day: int) -> int:
    return 3 + day  # A officer, B name, then one column per day


def column_of(ws: Worksheet, header: str, row: int = 1) -> int:
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(row=row, column=c).value == header)


def test_leave_cell_shows_the_reason(hand_book: Workbook) -> None:
    ws = hand_book["Team A"]
    assert ws.cell(row=officer_row(ws, "o03"), column=day_column(THU)).value == "Leave"  # o03: leave on Thursday


def test_header_and_freeze_panes(hand_book: Workbook) -> None:
    wb = hand_book
    assert wb.sheetnames == ["Team A", "Team B", "Coverage", "Measures", "Legend"]
    ws = wb["Team B"]
    assert [ws.cell(row=1, column=c).value for c in range(1, 14)] == [
        "Officer", "Name", "Mon 02/03", "Tue 03/03", "Wed 04/03", "Thu 05/03", "Fri 06/03", "Sat 07/03", "Sun 08/03",
        "Hours", "Nights", "Weekend shifts", "Overtime (h)",
    ]
    assert ws.cell(row=officer_row(ws, "o06"), column=2).value == "Farid El Amrani"
    assert ws.freeze_panes == "C2"  # header row and officer id + name
    assert wb["Coverage"].freeze_panes == "B3"  # two header rows and the slot column


def test_totals_per_officer_by_hand(hand_book: Workbook) -> None:
    ws = hand_book["Team A"]
    r = officer_row(ws, "o03")
    totals = {h: ws.cell(row=r, column=column_of(ws, h)).value for h in ("Hours", "Nights", "Weekend shifts", "Overtime (h)")}
    # o03: E, L, E, N, N = 5 x 8 h = 40 h; nights Fri and Sat = 2; weekend shifts: Sat = 1.
    # Target: 38 h x 6 days (Thursday on leave) / 7 = 1954 min; 2400 - 1954 = 446 min = 7.43 h overtime.
    assert totals == {"Hours": 40, "Nights": 2, "Weekend shifts": 1, "Overtime (h)": 7.43}
    r = officer_row(ws, "o04")  # not rostered
    assert [ws.cell(row=r, column=column_of(ws, h)).value for h in ("Hours", "Nights", "Overtime (h)")] == [0, 0, 0]


def test_cells_coloured_by_shift_and_reason(hand_book: Workbook) -> None:
    ws = hand_book["Team A"]
    r = officer_row(ws, "o03")
    night = ws.cell(row=r, column=day_column(FRI))
    assert night.value == "N Hotspot Market square"
    assert night.fill.fgColor.rgb.endswith("1F3864")
    assert night.font.color.rgb.endswith("FFFFFF")
    early = ws.cell(row=r, column=day_column(MON))
    assert early.value == "E" and early.fill.fgColor.rgb.endswith("FFF2CC")
    leave = ws.cell(row=r, column=day_column(THU))
    assert leave.value == "Leave" and leave.fill.fgColor.rgb.endswith("D9D9D9")


def test_part_day_unavailability(hand_book: Workbook) -> None:
    ws = hand_book["Team A"]
    # o05: training Tuesday 08:00-12:00, not rostered that day: the reason and the times.
    assert ws.cell(row=officer_row(ws, "o05"), column=day_column(TUE)).value == "Training 08:00-12:00"
    # o01: court Wednesday 16:00-18:00 after an early shift: the shift, with the court hours in a comment.
    cell = ws.cell(row=officer_row(ws, "o01"), column=day_column(WED))
    assert cell.value == "E"
    assert cell.comment is not None and cell.comment.text == "Court 16:00-18:00"


def coverage_column(ws: Worksheet, post: str, what: str) -> int:
    return column_of(ws, post, row=1) + ("Required", "Assigned", "Shortfall").index(what)


def slot_row(ws: Worksheet, when: dt.datetime) -> int:
    return next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).value == when)


def test_coverage_shortfall_equals_measures_and_checker(problem: Problem, hand_book: Workbook) -> None:
    ws = hand_book["Coverage"]
    total = next(r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=1).value == "Officer-hours")
    measures = compute_measures(problem, HAND)
    penalties = check_roster(problem, HAND).penalties
    w = problem.weights

    # The transfer wants 2 escorts Wed 09:00-13:00; o03 alone: 1 short in each of the 4 hours.
    col = coverage_column(ws, "Prisoner transfer to court", "Shortfall")
    for hour in (9, 10, 11, 12):
        r = slot_row(ws, dt.datetime(2026, 3, 4, hour))
        assert [ws.cell(row=r, column=col - i).value for i in (2, 1, 0)] == [2, 1, 1]
    assert ws.cell(row=slot_row(ws, dt.datetime(2026, 3, 4, 13)), column=col).value is None  # wanted by nobody
    assert ws.cell(row=total, column=col).value == 4
    assert measures["tasks"]["transfer-wed"]["unmet_officer_hours"] == 4
    assert penalties["unmet_mandatory"] == pytest.approx(4 * w["unmet_mandatory"])

    # Market square wants 2 officers Fri and Sat 18:00-02:00 (32 officer-hours, target weight 2):
    # Fri 18-22 o07 (1 short x 4 h), Fri 22-02 o03 (1 x 4), Sat 18-22 nobody (2 x 4), Sat 22-02 o03 (1 x 4) = 20.
    col = coverage_column(ws, "Hotspot Market square", "Shortfall")
    assert ws.cell(row=slot_row(ws, dt.datetime(2026, 3, 7, 19)), column=col).value == 2
    assert ws.cell(row=total, column=col).value == 20
    h = measures["hotspots"]["market"]
    assert h["target_officer_hours"] - h["delivered_officer_hours"] == 20
    assert penalties["hotspot_shortfall"] == pytest.approx(20 * w["hotspot_shortfall"] * 2)

    # Response: the sheet's total equals the measure and the checker's penalty.
    col = coverage_column(ws, "Response (patrol)", "Shortfall")
    short = ws.cell(row=total, column=col).value
    assert short == measures["response_shortfall_officer_hours"] > 0
    assert penalties["response_shortfall"] == pytest.approx(short * w["response_shortfall"])
    assert sum(ws.cell(row=r, column=col).value or 0 for r in range(3, total)) == short  # one-hour slots


def test_coverage_shortfall_conditional_format(hand_book: Workbook) -> None:
    ws = hand_book["Coverage"]
    formats = list(ws.conditional_formatting)
    assert len(formats) == 1
    ranges = {str(r) for r in formats[0].sqref.ranges}
    shortfall_columns = [c for c in range(2, ws.max_column + 1) if ws.cell(row=2, column=c).value == "Shortfall"]
    assert {r.split(":")[0].rstrip("0123456789") for r in ranges} == {
        ws.cell(row=3, column=c).column_letter for c in shortfall_columns
    }
    rule = formats[0].rules[0]
    assert (rule.type, rule.operator, rule.formula) == ("cellIs", "greaterThan", ["0"])


def test_written_atomically_over_an_old_file(problem: Problem, tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_bytes(b"an older file")
    write_xlsx(path, problem, HAND, {})
    assert load_workbook(path)["Team A"]["A1"].value == "Officer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.xlsx"]  # no temporary file left behind


# Through `scheduler solve --xlsx`: the workbook against the roster.json written beside it.


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Workbook]:
    """`solve --xlsx` on the tiny zone: the workbook and the roster.json written beside it."""
    out = tmp_path_factory.mktemp("solved")
    result = CliRunner().invoke(
        main, ["solve", str(TINY), "--time-limit", "3", "--out", str(out), "--quiet", "--xlsx", str(out / "roster.xlsx")]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "roster.json").read_text(encoding="utf-8"))
    return doc, load_workbook(out / "roster.xlsx")


def test_team_cells_equal_roster_json(solved: tuple[dict, Workbook]) -> None:
    doc, wb = solved
    assert wb.sheetnames[:2] == ["Team A", "Team B"]
    seen = set()
    for a in doc["assignments"]:
        ws = wb[f"Team {a['team']}"]
        cell = ws.cell(row=officer_row(ws, a["officer"]), column=day_column(a["day"]))
        assert cell.value == a["shift"] + SHOWN[a["duty"]], a
        seen.add((a["officer"], a["day"]))
    # Every other day of every officer is empty or unavailable, never a shift.
    for team in ("A", "B"):
        ws = wb[f"Team {team}"]
        for r in range(2, ws.max_row + 1):
            for d in range(7):
                if (ws.cell(row=r, column=1).value, d) not in seen:
                    assert ws.cell(row=r, column=day_column(d)).value in (None, "Leave")


def test_measures_sheet_flattens_roster_measures(solved: tuple[dict, Workbook]) -> None:
    doc, wb = solved
    ws = wb["Measures"]
    rows = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(1, ws.max_row + 1)}
    m = doc["measures"]
    assert rows["Hotspot coverage"] == m["hotspot_coverage"]
    assert rows["Hotspots / Market square / Coverage"] == m["hotspots"]["market"]["coverage"]
    assert rows["Tasks / Prisoner transfer to court / Unmet officer hours"] == m["tasks"]["transfer-wed"]["unmet_officer_hours"]
    assert rows["Fairness / Nights spread"] == m["fairness"]["nights_spread"]
    assert rows["Status"] == doc["summary"]["status"]
    assert rows["Check / Hard violations"] == 0
