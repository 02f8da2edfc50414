"""duty coverage of tasks: shortfall per officer-hour by priority; a strict mandatory task is hard.

D 08:00-16:00, one day; task 'transfer' Monday 09:00-13:00 (4 h), headcount 2. Weights:
unmet_mandatory 100000, fill_task_shortfall 50, optional_task_shortfall 5 per officer-hour.
"""

from __future__ import annotations

import pytest

from scheduler.roster import Assignment
from scheduler.solve import solve

from .conftest import SETTINGS, build, check, found, officer, run, scenario

WEIGHTS = {"unmet_mandatory": 100_000, "fill_task_shortfall": 50, "optional_task_shortfall": 5}


def transfer(n_officers: int, **task_fields) -> dict:
    task = {"id": "transfer", "kind": "prisoner_transfer", "windows": [{"days": ["mon"], "start": "09:00", "end": "13:00"}],
            "headcount": 2, **task_fields}
    return scenario([officer(f"o{i}") for i in range(1, n_officers + 1)], days=1, tasks=[task], weights=WEIGHTS)


def test_mandatory_task_shortfall_reported_not_infeasible():
    # One officer for a headcount of 2: 1 officer x 4 h x 100000 = 400000, status OPTIMAL.
    problem, roster = run(transfer(1))
    assert roster.assignments == [Assignment("o1", 0, "D", "transfer")]
    assert roster.info.penalties == pytest.approx({"unmet_mandatory": 400_000})
    assert roster.info.tiers == pytest.approx({"mandatory": 400_000})


def test_mandatory_task_fully_staffed():
    problem, roster = run(transfer(2))
    assert roster.assignments == [Assignment("o1", 0, "D", "transfer"), Assignment("o2", 0, "D", "transfer")]
    assert roster.info.objective == pytest.approx(0)


@pytest.mark.parametrize(("fields", "term", "points"), [
    ({"priority": "fill"}, "fill_task_shortfall", 200),  # 1 x 4 h x 50
    ({"priority": "optional"}, "optional_task_shortfall", 20),  # 1 x 4 h x 5
    ({"weight": 7}, "unmet_mandatory", 28),  # the task's own weight: 1 x 4 h x 7
])
def test_task_shortfall_weight_by_priority(fields, term, points):
    problem, roster = run(transfer(1, **fields))
    assert roster.info.penalties == pytest.approx({term: points})


def test_strict_mandatory_task_infeasible():
    problem = build(transfer(1, strict=True))
    roster = solve(problem, SETTINGS)
    assert roster.info.status == "INFEASIBLE"
    assert roster.assignments == []
    assert roster.info.explanation == [
        "why: this cannot be met", "task transfer (strict) needs 2 officers on Mon 2026-03-02 09:00-13:00; 1 may do it"]


def test_strict_mandatory_task_feasible_when_staffed():
    problem, roster = run(transfer(2, strict=True))
    assert len(roster.assignments) == 2
    assert roster.info.objective == pytest.approx(0)


def test_checker_mandatory_task_shortfall_on_hand_built_roster():
    # Nobody on the transfer: 2 officers x 4 h x 100000 = 800000; not a violation.
    result = check(build(transfer(2)), [Assignment("o1", 0, "D", "response")])
    assert result.violations == []
    assert result.penalties == {"unmet_mandatory": 800_000}


def test_checker_strict_task_short_is_hard_violation_per_slot():
    # One officer on a strict task of 2: one officer short in each of the 4 hourly slots.
    result = check(build(transfer(2, strict=True)), [Assignment("o1", 0, "D", "transfer")])
    assert found(result, "strict_task") == [(None, None, 1)] * 4
    assert [v.message for v in result.violations] == [f"task transfer short at Mon 2026-03-02 {h}:00" for h in ("09", "10", "11", "12")]
    assert result.hard_violations == result.violations
    assert result.penalties == {}
