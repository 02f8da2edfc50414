"""max_hours_per_7_days: at most `hours` in any 7 consecutive calendar days (history counts); unit minute.

D is 08:00-20:00 (12 h); the limit is 20 h, so two shifts within 7 calendar days are 240 minutes over.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, history, officer, pattern, roster_of, run, scenario, want

D12 = {"D": ("08:00", 12)}


def two_shifts(rule: dict | None, last: int = 6, weights: tuple[int, int] = (100, 50)) -> dict:
    """D asked on day 0 and on day `last`; horizon `last + 1` days."""
    requests = [want(0, "D", weights[0]), want(last, "D", weights[1])]
    return scenario([officer("a", requests=requests)], shifts=D12, days=last + 1,
                    rules={"max_hours_per_7_days": rule} if rule is not None else None, weights=WORK_COSTS)


def test_max_hours_per_7_days_20h_forbids_monday_and_sunday():
    # Mon..Sun is one 7-day window: 24 h > 20 h. Keep Monday (100), lose Sunday (50): 12 + 50 = 62.
    problem, roster = run(two_shifts({"hours": 20}))
    assert pattern(problem, roster) == {"a": "D------"}
    assert roster.info.objective == pytest.approx(62)


def test_max_hours_per_7_days_24h_limit_allows_both():
    # 2 x 12 = 24.
    problem, roster = run(two_shifts({"hours": 24}))
    assert pattern(problem, roster) == {"a": "D-----D"}
    assert roster.info.objective == pytest.approx(24)


def test_max_hours_per_7_days_eight_days_apart_not_in_one_window():
    # Monday and the next Monday are 8 calendar days: no 7-day window holds both. 24 points.
    problem, roster = run(two_shifts({"hours": 20}, last=7))
    assert pattern(problem, roster) == {"a": "D------D"}
    assert roster.info.objective == pytest.approx(24)


def test_max_hours_per_7_days_soft_costs_weight_per_minute_above():
    # Soft, weight 1; requests 1000: both worked, one window (days 0..6) holds 24 h: 240 minutes over.
    problem, roster = run(two_shifts({"mode": "soft", "weight": 1, "hours": 20}, weights=(1000, 1000)))
    assert pattern(problem, roster) == {"a": "D-----D"}
    assert roster.info.penalties["max_hours_per_7_days"] == pytest.approx(240)
    assert roster.info.objective == pytest.approx(24 + 240)


def test_max_hours_per_7_days_off_allows_both():
    problem, roster = run(two_shifts(None))
    assert pattern(problem, roster) == {"a": "D-----D"}
    assert roster.info.objective == pytest.approx(24)


def test_checker_max_hours_per_7_days_violation():
    problem = build(two_shifts({"hours": 20}))
    result = check(problem, roster_of({"a": "D-----D"}))
    assert found(result, "max_hours_per_7_days") == [("a", 0, 240)]
    assert result.hard_violations == result.violations


def test_checker_max_hours_per_7_days_history_counts():
    # History D on Sunday (day -1) and D on Saturday (day 5): the window from day -1 holds 24 h.
    d = scenario([officer("a", history=history((-1, "D")))], shifts=D12, days=7,
                 rules={"max_hours_per_7_days": {"hours": 20}})
    result = check(build(d), roster_of({"a": "-----D-"}))
    assert found(result, "max_hours_per_7_days") == [("a", -1, 240)]


def test_max_hours_per_7_days_history_counts_in_model():
    # Same history: the Saturday request (50) cannot be granted.
    d = scenario([officer("a", history=history((-1, "D")), requests=[want(5, "D", 50)])], shifts=D12, days=7,
                 rules={"max_hours_per_7_days": {"hours": 20}}, weights=WORK_COSTS)
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "-------"}
    assert roster.info.objective == pytest.approx(50)
