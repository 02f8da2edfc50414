"""min_consecutive_days: every block of worked days lasts at least `days`; unit: day missing.

A block reaching the horizon's end is exempt; a block starting on day 0 or before is exempt when
`exempt_at_start`, otherwise judged (with the history). D 08:00-16:00, five days.
"""

from __future__ import annotations

import pytest

from scheduler.solve import solve

from .conftest import (
    SETTINGS,
    WORK_COSTS,
    build,
    check,
    date,
    dont,
    found,
    history,
    officer,
    pattern,
    roster_of,
    run,
    scenario,
    want,
)


def one_day(rule: dict | None, day: int, extra_requests: tuple = (), **fields) -> dict:
    """One officer asking (100) for D on `day` only."""
    requests = [want(day, "D", 100), *extra_requests]
    return scenario([officer("a", requests=requests, **fields)], days=5,
                    rules={"min_consecutive_days": rule} if rule is not None else None, weights=WORK_COSTS)


def test_min_consecutive_days_2_extends_isolated_day():
    # Wednesday alone is a block of 1 < 2. Extend to Tue (free) or Thu ('don't' 1): Tue-Wed, 16 points.
    problem, roster = run(one_day({"days": 2}, 2, (dont(3, weight=1),)))
    assert pattern(problem, roster) == {"a": "-DD--"}
    assert roster.info.objective == pytest.approx(16)


def test_min_consecutive_days_off_allows_isolated_day():
    problem, roster = run(one_day(None, 2, (dont(3, weight=1),)))
    assert pattern(problem, roster) == {"a": "--D--"}
    assert roster.info.objective == pytest.approx(8)


def test_min_consecutive_days_block_at_horizon_end_exempt():
    # Friday (the last day) alone: the next horizon may continue the block. 8 points.
    problem, roster = run(one_day({"days": 2}, 4))
    assert pattern(problem, roster) == {"a": "----D"}
    assert roster.info.objective == pytest.approx(8)


def test_min_consecutive_days_soft_costs_weight_per_missing_day():
    # Soft, weight 3, days 3: Wednesday alone misses Thu and Fri: 2 x 3 = 6, total 8 + 6 = 14;
    # Tue-Wed or Wed-Thu: 16 + 3 = 19; Tue-Thu: 24.
    problem, roster = run(one_day({"mode": "soft", "weight": 3, "days": 3}, 2))
    assert pattern(problem, roster) == {"a": "--D--"}
    assert roster.info.penalties["min_consecutive_days"] == pytest.approx(6)
    assert roster.info.objective == pytest.approx(14)


@pytest.mark.parametrize(
    ("exempt", "hist", "expected", "objective"),
    [
        (True, (), "D----", 8),  # a block starting on day 0 is exempt
        (False, (), "DD---", 16),  # judged: Monday alone is too short, Tuesday added
        (False, ((-1, "D"),), "D----", 8),  # history Sunday + Monday: a block of 2
    ],
    ids=["exempt_at_start", "judged_at_start", "judged_with_history"],
)
def test_min_consecutive_days_block_starting_on_day_0(exempt, hist, expected, objective):
    problem, roster = run(one_day({"days": 2, "exempt_at_start": exempt}, 0, history=history(*hist)))
    assert pattern(problem, roster) == {"a": expected}
    assert roster.info.objective == pytest.approx(objective)


@pytest.mark.parametrize(("exempt", "expected", "objective"), [(True, "-----", 0), (False, "DD---", 16)],
                         ids=["exempt_at_start", "judged_at_start"])
def test_min_consecutive_days_history_block_must_continue(exempt, expected, objective):
    # History: Sunday worked (Saturday off), days 3. Judged, the block Sun-Mon-Tue must be completed.
    d = scenario([officer("a", history=history((-1, "D")))], days=5,
                 rules={"min_consecutive_days": {"days": 3, "exempt_at_start": exempt}}, weights=WORK_COSTS)
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": expected}
    assert roster.info.objective == pytest.approx(objective)


def test_min_consecutive_days_history_block_cut_by_leave_soft():
    # History: Sunday worked, days 3, judged at the start; Monday on leave. The block Sun-Mon-Tue misses
    # Monday (cannot be helped) and Tuesday (working it costs 8 > 5): 2 days x 5 = 10.
    d = scenario([officer("a", history=history((-1, "D")), unavailable=[{"start": date(0)}])], days=5,
                 rules={"min_consecutive_days": {"mode": "soft", "weight": 5, "days": 3, "exempt_at_start": False}},
                 weights=WORK_COSTS)
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "-----"}
    assert roster.info.penalties == pytest.approx({"min_consecutive_days": 10})


def test_min_consecutive_days_history_block_cut_by_leave_hard_infeasible():
    d = scenario([officer("a", history=history((-1, "D")), unavailable=[{"start": date(0)}])], days=5,
                 rules={"min_consecutive_days": {"days": 3, "exempt_at_start": False}})
    roster = solve(build(d), SETTINGS)
    assert roster.info.status == "INFEASIBLE"
    assert roster.info.explanation == [
        "why: this cannot be met", "officer a: rule min_consecutive_days (days 3, exempt_at_start False)"]


def test_checker_min_consecutive_days_isolated_day():
    problem = build(one_day({"days": 2}, 2))
    result = check(problem, roster_of({"a": "--D--"}))
    assert found(result, "min_consecutive_days") == [("a", 2, 1)]
    assert result.hard_violations == result.violations


@pytest.mark.parametrize(("exempt", "expected"), [(True, []), (False, [("a", -1, 2)])])
def test_checker_min_consecutive_days_history_block(exempt, expected):
    # History Sunday alone, nothing worked: judged, the block misses Monday and Tuesday (2 days).
    d = scenario([officer("a", history=history((-1, "D")))], days=5,
                 rules={"min_consecutive_days": {"days": 3, "exempt_at_start": exempt}})
    result = check(build(d), [])
    assert found(result, "min_consecutive_days") == expected
