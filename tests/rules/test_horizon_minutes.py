"""horizon_minutes: min_minutes <= minutes worked over the horizon <= max_minutes; unit minute outside.

D is 08:00-16:00 (480 minutes), three days.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, dont, found, officer, pattern, roster_of, run, scenario, want


def bounded(rule: dict | None, requests: list, **bounds) -> dict:
    return scenario([officer("a", requests=requests, **bounds)], days=3,
                    rules={"horizon_minutes": rule} if rule is not None else None, weights=WORK_COSTS)


WANT_ALL = [want(0, "D", 100), want(1, "D", 100), want(2, "D", 50)]


def test_horizon_minutes_max_960_allows_two_shifts():
    # 3 x 480 = 1440 > 960: lose the cheapest request (day 2, 50): 16 + 50 = 66.
    problem, roster = run(bounded({}, WANT_ALL, max_minutes=960))
    assert pattern(problem, roster) == {"a": "DD-"}
    assert roster.info.objective == pytest.approx(66)


@pytest.mark.parametrize(("rule", "max_minutes"), [(None, 960), ({}, 1440)], ids=["rule_off", "max_1440"])
def test_horizon_minutes_off_or_relaxed_allows_three_shifts(rule, max_minutes):
    problem, roster = run(bounded(rule, WANT_ALL, max_minutes=max_minutes))
    assert pattern(problem, roster) == {"a": "DDD"}
    assert roster.info.objective == pytest.approx(24)


def test_horizon_minutes_min_960_forces_two_shifts():
    # min 960 = two shifts against 'don't' requests 10, 20, 30: work days 0 and 1: 16 + 10 + 20 = 46.
    requests = [dont(0, weight=10), dont(1, weight=20), dont(2, weight=30)]
    problem, roster = run(bounded({}, requests, min_minutes=960))
    assert pattern(problem, roster) == {"a": "DD-"}
    assert roster.info.objective == pytest.approx(46)


def test_horizon_minutes_no_bounds_not_constrained():
    requests = [dont(0, weight=10), dont(1, weight=20), dont(2, weight=30)]
    problem, roster = run(bounded({}, requests))
    assert pattern(problem, roster) == {"a": "---"}
    assert roster.info.objective == pytest.approx(0)


def test_horizon_minutes_soft_max_costs_weight_per_minute_above():
    # Soft, weight 1, max 900; requests 1000: all three worked, 1440 - 900 = 540 minutes above.
    # Objective 24 + 540 = 564 (dropping a day costs 1000).
    requests = [want(d, "D", 1000) for d in range(3)]
    problem, roster = run(bounded({"mode": "soft", "weight": 1}, requests, max_minutes=900))
    assert pattern(problem, roster) == {"a": "DDD"}
    assert roster.info.penalties["horizon_minutes"] == pytest.approx(540)
    assert roster.info.objective == pytest.approx(564)


def test_horizon_minutes_soft_min_costs_weight_per_minute_below():
    # Soft, weight 3, min 1000; 'don't' requests 1000, 1000, 1001. Shifts worked -> cost:
    # 0 -> 3 x 1000 = 3000; 1 -> 1000 + 8 + 3 x 520 = 2568; 2 -> 2000 + 16 + 3 x 40 = 2136;
    # 3 -> 3001 + 24. Best: days 0 and 1, 40 minutes below = 120 points.
    requests = [dont(0, weight=1000), dont(1, weight=1000), dont(2, weight=1001)]
    problem, roster = run(bounded({"mode": "soft", "weight": 3}, requests, min_minutes=1000))
    assert pattern(problem, roster) == {"a": "DD-"}
    assert roster.info.penalties["horizon_minutes"] == pytest.approx(120)
    assert roster.info.objective == pytest.approx(2136)


def test_checker_horizon_minutes_above_max():
    problem = build(bounded({}, WANT_ALL, max_minutes=960))
    result = check(problem, roster_of({"a": "DDD"}))
    assert found(result, "horizon_minutes") == [("a", None, 480)]
    assert result.hard_violations == result.violations


def test_checker_horizon_minutes_below_min():
    problem = build(bounded({}, [], min_minutes=960))
    result = check(problem, roster_of({"a": "D--"}))
    assert found(result, "horizon_minutes") == [("a", None, 480)]
