"""Daylight-saving weeks: shifts are wall-clock, time is real minutes.

A 22:00-06:00 night in Europe/Brussels lasts 9 real hours on the night the clocks go back
(Sat 2026-10-24 to Sun 2026-10-25, 03:00 CEST -> 02:00 CET) and 7 hours on the night they go forward
(Sat 2026-03-28 to Sun 2026-03-29, 02:00 CET -> 03:00 CEST). The problem, the roster rows (CSV and
JSON) and the solver all count those real minutes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from scheduler.check import check_roster
from scheduler.io.roster_files import assignment_rows, roster_document, write_roster
from scheduler.measures import compute_measures
from scheduler.problem import Problem, build_problem
from scheduler.roster import Assignment
from scheduler.scenario.load import load_source
from scheduler.scenario.schema import SolverSettings
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve import solve

SATURDAY = 5  # day index of the Saturday in a horizon starting on a Monday


def night_problem(start: dt.date, timezone: str = "Europe/Brussels") -> Problem:
    data = {
        "name": "dst",
        "zone": "z",
        "horizon": {"start": start, "days": 7, "timezone": timezone},
        "shift_types": [{"id": "N", "start": "22:00", "hours": 8}, {"id": "E", "start": "06:00", "hours": 8}],
        "officers": [{"id": "a", "fixed": [{"date": start + dt.timedelta(days=SATURDAY), "shift": "N"}]}],
        "demand": {"windows": [{"days": ["sat"], "start": "22:00", "end": "06:00", "count": 1}]},
        "rules": {"pack": "belgian-police"},
    }
    return build_problem(load_source(YamlSource(yaml.safe_dump(data), "<dst>"), None))


CASES = [
    # horizon start, local start, local end, real minutes
    (dt.date(2026, 10, 19), "2026-10-24T22:00:00+02:00", "2026-10-25T06:00:00+01:00", 540),
    (dt.date(2026, 3, 23), "2026-03-28T22:00:00+01:00", "2026-03-29T06:00:00+02:00", 420),
]


@pytest.mark.parametrize(("start", "local_start", "local_end", "minutes"), CASES, ids=["autumn", "spring"])
def test_saturday_night_real_length(start: dt.date, local_start: str, local_end: str, minutes: int) -> None:
    problem = night_problem(start)
    assert problem.date_of(SATURDAY).weekday() == 5
    n = next(s.index for s in problem.shift_types if s.id == "N")
    inst = problem.instance_of(SATURDAY, n)
    assert inst.minutes == minutes
    # The other nights of the week are 8 h.
    assert {problem.instance_of(d, n).minutes for d in range(7) if d != SATURDAY} == {480}
    # The week itself is an hour longer or shorter.
    assert problem.horizon_minutes == 7 * 1440 + (minutes - 480)

    row = assignment_rows(problem, [Assignment("a", SATURDAY, "N", "response")])[0]
    assert row["hours"] == minutes / 60
    assert row["start"] == local_start
    assert row["end"] == local_end
    assert row["date"] == problem.date_of(SATURDAY).isoformat()


@pytest.mark.parametrize(("start", "minutes"), [(c[0], c[3]) for c in CASES], ids=["autumn", "spring"])
def test_saturday_night_in_roster_files(tmp_path: Path, start: dt.date, minutes: int) -> None:
    problem = night_problem(start)
    roster = solve(problem, SolverSettings(time_limit=5, workers=2), diagnose=False)
    assert roster.info.status in ("OPTIMAL", "FEASIBLE")
    assert Assignment("a", SATURDAY, "N", "response") in roster.assignments
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == []
    assert result.objective == pytest.approx(roster.info.objective, abs=1e-6)
    doc = roster_document(problem, roster, compute_measures(problem, roster.assignments), {})
    write_roster(tmp_path, problem, doc)

    rows = json.loads((tmp_path / "roster.json").read_text(encoding="utf-8"))["assignments"]
    night = next(r for r in rows if r["day"] == SATURDAY and r["shift"] == "N")
    assert night["hours"] == minutes / 60
    with (tmp_path / "roster.csv").open(encoding="utf-8", newline="") as fh:
        csv_night = next(r for r in csv.DictReader(fh) if r["day"] == str(SATURDAY) and r["shift"] == "N")
    assert float(csv_night["hours"]) == minutes / 60
    # Hours worked: the night's real length counts.
    measures = compute_measures(problem, roster.assignments)
    shift_ix = {s.id: s.index for s in problem.shift_types}
    total = sum(problem.instance_of(a.day, shift_ix[a.shift]).minutes for a in roster.assignments)
    assert measures["hours_worked"] == pytest.approx(total / 60)


def test_utc_night_is_always_eight_hours() -> None:
    problem = night_problem(dt.date(2026, 10, 19), timezone="UTC")
    n = next(s.index for s in problem.shift_types if s.id == "N")
    assert {problem.instance_of(d, n).minutes for d in range(7)} == {480}
    row = assignment_rows(problem, [Assignment("a", SATURDAY, "N", "response")])[0]
    assert row["hours"] == 8.0
    assert row["start"] == "2026-10-24T22:00:00+00:00"
