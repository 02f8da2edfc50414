"""fixed (structural, always hard): fixed assignments are worked as given, with their duty if named.

D 08:00-16:00. Every hour worked costs 1 point.
"""

from __future__ import annotations

import pytest

from scheduler.roster import Assignment
from scheduler.solve import solve

from .conftest import SETTINGS, WORK_COSTS, build, check, date, dont, found, officer, pattern, run, scenario, want

TASK = {"id": "escort", "kind": "prisoner_transfer", "windows": [{"days": ["mon"], "start": "09:00", "end": "13:00"}],
        "headcount": 1, "weight": 10}


def fixed_monday(fixed: bool, **fields) -> dict:
    extra = {"fixed": [{"date": date(0), "shift": "D"}]} if fixed else {}
    return scenario([officer("a", requests=[dont(0, weight=100)], **extra, **fields)], days=2, weights=WORK_COSTS)


def test_fixed_shift_worked_against_request():
    # Fixed D Monday although a asked not to work (100): 8 + 100 = 108.
    problem, roster = run(fixed_monday(True))
    assert pattern(problem, roster) == {"a": "D-"}
    assert roster.info.objective == pytest.approx(108)


def test_not_fixed_request_granted():
    problem, roster = run(fixed_monday(False))
    assert pattern(problem, roster) == {"a": "--"}
    assert roster.info.objective == pytest.approx(0)


def escort(fixed_duty: str | None) -> dict:
    # a and b both want D Monday (100); one escort needed 09:00-13:00.
    fixed = [{"date": date(0), "shift": "D", "duty": fixed_duty}] if fixed_duty else []
    return scenario([officer("a", requests=[want(0, "D", 100)]), officer("b", requests=[want(0, "D", 100)], fixed=fixed)],
                    days=1, tasks=[TASK], weights=WORK_COSTS)


def test_fixed_duty_given_to_named_officer():
    # b is fixed on the escort: b escorts, a on response. 16 points.
    problem, roster = run(escort("escort"))
    assert roster.assignments == [Assignment("a", 0, "D", "response"), Assignment("b", 0, "D", "escort")]
    assert roster.info.objective == pytest.approx(16)


def test_without_fixed_duty_first_officer_escorts():
    # Without the fixed duty the escort goes to the first officer of the class: a.
    problem, roster = run(escort(None))
    assert roster.assignments == [Assignment("a", 0, "D", "escort"), Assignment("b", 0, "D", "response")]
    assert roster.info.objective == pytest.approx(16)


def test_fixed_onto_leave_is_infeasible():
    problem = build(fixed_monday(True, unavailable=[{"start": date(0)}]))
    roster = solve(problem, SETTINGS)
    assert roster.info.status == "INFEASIBLE"
    assert roster.assignments == []
    assert roster.info.explanation == [
        "why: this cannot be met", "officer a: fixed on shift D (D) Mon 2026-03-02 08:00-16:00, but is on leave Mon 2026-03-02"]


def test_checker_fixed_shift_not_worked():
    problem = build(fixed_monday(True))
    assert found(check(problem, []), "fixed") == [("a", 0, 1)]


def test_checker_fixed_duty_not_as_given():
    problem = build(escort("escort"))
    result = check(problem, [Assignment("a", 0, "D", "escort"), Assignment("b", 0, "D", "response")])
    assert found(result, "fixed") == [("b", 0, 1)]
    assert result.hard_violations == result.violations
