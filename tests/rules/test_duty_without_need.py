"""duty_without_need (structural, always hard): an officer is on a task or hotspot only on a shift that
covers a slot where it wants officers.

D 08:00-16:00 and L 14:00-22:00, one day; task 'escort' Monday 09:00-13:00, headcount 1, weight 10 per
officer-hour short. D covers the escort's slots, L none of them.
"""

from __future__ import annotations

from scheduler.roster import Assignment
from scheduler.solve import solve

from .conftest import SETTINGS, build, check, found, officer, scenario

ESCORT = {"id": "escort", "kind": "prisoner_transfer", "windows": [{"days": ["mon"], "start": "09:00", "end": "13:00"}],
          "headcount": 1, "weight": 10}
SHIFTS = {"D": ("08:00", 8), "L": ("14:00", 8)}


def escort_scenario(**fields) -> dict:
    return scenario([officer("a", **fields), officer("b")], shifts=SHIFTS, days=1, tasks=[ESCORT])


def test_checker_officer_on_a_duty_where_it_wants_none():
    # a escorts on L (14:00-22:00), after the escort's window: one violation, amount 1; the escort is
    # short all 4 h (4 x 10 = 40), as if a were not there.
    result = check(build(escort_scenario()), [Assignment("a", 0, "L", "escort")])
    assert found(result, "duty_without_need") == [("a", 0, 1)]
    assert [v.message for v in result.violations] == [
        "on duty 'escort' on shift L 14:00-22:00, which covers no slot where it wants officers (0 wanted)"]
    assert result.hard_violations == result.violations
    assert result.penalties == {"unmet_mandatory": 40}


def test_checker_each_officer_without_need_once_and_no_surplus():
    # Two officers on L on the escort: one violation each, none of duty_surplus (it wants none there).
    result = check(build(escort_scenario()), [Assignment("a", 0, "L", "escort"), Assignment("b", 0, "L", "escort")])
    assert found(result, "duty_without_need") == [("a", 0, 1), ("b", 0, 1)]
    assert found(result, "duty_surplus") == []


def test_checker_duty_on_a_shift_that_covers_its_need():
    result = check(build(escort_scenario()), [Assignment("a", 0, "D", "escort")])
    assert result.violations == []
    assert result.penalties == {}


def test_model_has_no_such_duty_so_a_fixed_one_is_infeasible():
    # a fixed to escort on L: the model has no escort count on L (`duty_instances`), so no roster.
    problem = build(escort_scenario(fixed=[{"date": "2026-03-02", "shift": "L", "duty": "escort"}]))
    roster = solve(problem, SETTINGS)
    assert roster.info.status == "INFEASIBLE"
    assert roster.assignments == []
