"""one_shift_per_day (structural, always hard): an officer starts at most one shift per calendar day.

Shifts: E 06:00-14:00, L 14:00-22:00, N 22:00-06:00, 8 h each: on one day they never overlap, so
no_overlap never binds between them (every labour rule is off) and only one_shift_per_day keeps an
officer from working two of them. The solver tests price work at 0 (no WORK_COSTS): the overtime term's
bound assumes one shift per day (`most_minutes`), so with contract_hours 0 it would forbid a second shift
on its own and hide the rule; with work free, only one_shift_per_day stops the officer covering every shift.

"One duty per shift" is not a rule id of its own: the model chooses one shift per officer per day
and then counts officers per duty (sum of duties <= officers on the shift), and the checker reports an
officer listed twice on the same shift (two duties) as one_shift_per_day, plus no_overlap since the two
services are the same hours.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.roster import Assignment

from .conftest import WORK_COSTS, build, check, found, officer, pattern, roster_of, run, scenario

E_L_N = {"E": ("06:00", 8), "L": ("14:00", 8), "N": ("22:00", 8)}


def covers(n_officers: int, under: dict[str, int], days: int = 1, weights: dict[str, int] | None = None) -> dict:
    """One officer wanted on response Monday on each shift of `under` (shift -> points per officer short)."""
    demand = {"shift_cover": [{"days": ["mon"], "shift": s, "count": 1, "under_weight": w} for s, w in under.items()]}
    officers = [officer(f"o{i}") for i in range(1, n_officers + 1)]
    return scenario(officers, shifts=E_L_N, days=days, demand=demand, weights=weights)


def tasks(*priorities: tuple[str, str]) -> dict:
    """One officer, D 08:00-16:00, and one task per (id, priority) Monday 09:00-13:00 with headcount 1."""
    task_list = [{"id": tid, "kind": "other", "windows": [{"days": ["mon"], "start": "09:00", "end": "13:00"}],
                  "headcount": 1, "priority": priority} for tid, priority in priorities]
    return scenario([officer("o1")], days=1, tasks=task_list,
                    weights={"unmet_mandatory": 100_000, "fill_task_shortfall": 50})


@pytest.mark.parametrize(("under", "expected"), [
    ({"E": 100, "L": 50}, "E"),
    ({"E": 50, "L": 100}, "L"),
], ids=["keeps_E", "keeps_L"])
def test_one_shift_per_day_one_officer_cannot_cover_two_shifts(under, expected):
    # E and L do not overlap (L starts when E ends), every rule is off, work is free: without
    # one_shift_per_day the officer would work both (0). With it: one shift, the dearer cover, and the
    # other left short at its under_weight: 50. (N would cover nothing and leave both short: 150.)
    problem, roster = run(covers(1, under))
    assert roster.assignments == [Assignment("o1", 0, expected, "response")]
    assert roster.info.penalties == pytest.approx({"cover_under": 50})
    assert roster.info.objective == pytest.approx(50)


def test_one_shift_per_day_three_covers_one_officer():
    # Covers on E (100), L (50), N (30): one shift only, the dearest (E): 50 + 30 = 80 (not 0).
    problem, roster = run(covers(1, {"E": 100, "L": 50, "N": 30}))
    assert pattern(problem, roster) == {"o1": "E"}
    assert roster.info.penalties == pytest.approx({"cover_under": 80})
    assert roster.info.objective == pytest.approx(80)


def test_one_shift_per_day_not_binding_when_one_shift_meets_demand():
    # Only L wanted: the officer works L (E or N instead would leave it short: 100): 0.
    problem, roster = run(covers(1, {"L": 100}))
    assert roster.assignments == [Assignment("o1", 0, "L", "response")]
    assert roster.info.objective == pytest.approx(0)


def test_one_shift_per_day_is_per_officer_two_officers_cover_both_shifts():
    # Two officers, covers on E and L: one shift each, nothing short: 0. Which officer works which
    # shift is a tie, so only the set of shifts and one shift per officer are asserted.
    problem, roster = run(covers(2, {"E": 100, "L": 50}))
    assert sorted(pattern(problem, roster).values()) == ["E", "L"]
    assert roster.info.objective == pytest.approx(0)


def test_one_shift_per_day_is_per_calendar_day():
    # Covers on E Monday and L Tuesday: different days, the one officer works both: 0. Every hour
    # worked costs 1 point here (WORK_COSTS: nothing else worked): 2 x 8 = 16.
    d = covers(1, {"E": 100}, days=2, weights=WORK_COSTS)
    d["demand"]["shift_cover"].append({"days": ["tue"], "shift": "L", "count": 1, "under_weight": 50})
    problem, roster = run(d)
    assert pattern(problem, roster) == {"o1": "EL"}
    assert roster.info.penalties == pytest.approx({"overtime": 16})
    assert roster.info.objective == pytest.approx(16)


def test_one_duty_per_shift_one_officer_cannot_staff_two_tasks():
    # One officer on D, two tasks at the same hours with headcount 1 each: the officer does one duty,
    # the mandatory task; the fill task is short 1 officer x 4 h x 50 = 200 (mandatory short would be
    # 400000). Nothing else costs anything.
    problem, roster = run(tasks(("transfer", "mandatory"), ("site", "fill")))
    assert roster.assignments == [Assignment("o1", 0, "D", "transfer")]
    assert roster.info.penalties == pytest.approx({"fill_task_shortfall": 200})
    assert roster.info.objective == pytest.approx(200)


def test_checker_one_shift_per_day_two_shifts_same_day():
    problem = build(covers(1, {"E": 100, "L": 50}, weights=WORK_COSTS))
    result = check(problem, [Assignment("o1", 0, "E", "response"), Assignment("o1", 0, "L", "response")])
    assert found(result, "one_shift_per_day") == [("o1", 0, 1)]
    assert result.hard_violations == result.violations  # and nothing else: E and L do not overlap
    assert result.violations[0].message == "2 shifts start on this day"
    # Both covers met (no cover_under), both shifts counted: 2 x 8 h = 16.
    assert result.penalties == {"overtime": 16}


def test_checker_one_shift_per_day_amount_is_extra_shifts():
    # E, L and N all start on Monday: one violation of 2 extra shifts; none overlap.
    problem = build(covers(1, {"E": 100}))
    result = check(problem, [Assignment("o1", 0, s, "response") for s in "ELN"])
    assert found(result, "one_shift_per_day") == [("o1", 0, 2)]
    assert [v.rule for v in result.violations] == ["one_shift_per_day"]
    assert result.violations[0].hard


@pytest.mark.parametrize("patterns", [
    {"o1": "E"},
    {"o1": "N", "o2": "L"},  # two officers on the same day, one shift each
    {"o1": "NE"},  # N Monday 22:00 then E Tuesday 06:00: two shifts, two days
], ids=["one_shift", "two_officers", "night_then_early"])
def test_checker_one_shift_per_day_no_violation(patterns):
    problem = build(covers(2, {"E": 100}, days=2))
    result = check(problem, roster_of(patterns))
    assert result.violations == []


def test_checker_one_duty_per_shift_is_one_shift_per_day():
    # The officer listed twice on D Monday with two duties: no rule id of its own; one_shift_per_day
    # (2 shifts start that day) and no_overlap (the second service overlaps the first), both hard.
    problem = build(tasks(("transfer", "mandatory"), ("site", "fill")))
    result = check(problem, [Assignment("o1", 0, "D", "transfer"), Assignment("o1", 0, "D", "site")])
    assert found(result, "one_shift_per_day") == [("o1", 0, 1)]
    assert found(result, "no_overlap") == [("o1", 0, 1)]
    assert sorted(v.rule for v in result.violations) == ["no_overlap", "one_shift_per_day"]
    assert result.hard_violations == result.violations


@pytest.mark.parametrize(("shifts", "exit_code", "line"), [
    ("EL", 1, "HARD one_shift_per_day: officer o1 Mon 2026-03-02: 2 shifts start on this day [amount 1 shift above one]"),
    ("E", 0, "0 hard violations"),
], ids=["two_shifts_exit_1", "one_shift_exit_0"])
def test_cli_check_one_shift_per_day_exit_code(tmp_path: Path, shifts, exit_code, line):
    scenario_file = tmp_path / "scenario.yaml"
    scenario_file.write_text(yaml.safe_dump(covers(1, {"E": 100, "L": 50}), sort_keys=False), encoding="utf-8")
    roster_file = tmp_path / "roster.json"
    rows = [{"officer": "o1", "day": 0, "shift": s, "duty": "response"} for s in shifts]
    roster_file.write_text(json.dumps({"assignments": rows}), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(scenario_file), str(roster_file)])
    assert result.exit_code == exit_code, result.output
    assert line in result.output.splitlines()
