"""max_consecutive_days: every `days`+1 consecutive days (history included) hold a day off; unit window.

D 08:00-16:00, `days: 3`, so every 4 consecutive days need a day off.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, history, officer, pattern, roster_of, run, scenario, want


def every_day(rule: dict | None, weights: tuple[int, ...] = (100,) * 7, hist: tuple = ()) -> dict:
    requests = [want(d, "D", w) for d, w in enumerate(weights)]
    return scenario([officer("a", requests=requests, history=history(*hist))],
                    rules={"max_consecutive_days": rule} if rule is not None else None, weights=WORK_COSTS)


def test_max_consecutive_days_3_needs_thursday_off():
    # One day off must lie in each of the windows Mon-Thu, Tue-Fri, Wed-Sat, Thu-Sun: only Thursday.
    # 6 x 8 + 100 = 148.
    problem, roster = run(every_day({"days": 3}))
    assert pattern(problem, roster) == {"a": "DDD-DDD"}
    assert roster.info.objective == pytest.approx(148)


@pytest.mark.parametrize("rule", [None, {"days": 7}], ids=["rule_off", "7_days"])
def test_max_consecutive_days_off_or_7_allows_full_week(rule):
    problem, roster = run(every_day(rule))
    assert pattern(problem, roster) == {"a": "DDDDDDD"}
    assert roster.info.objective == pytest.approx(56)


def test_max_consecutive_days_history_counts():
    # History Fri, Sat, Sun worked: Monday must be off (window Fri-Mon), and one of Thu/Fri for the
    # windows Tue-Fri .. Thu-Sun; Friday's request weighs 150, so Thursday: 5 x 8 + 100 + 100 = 240.
    weights = (100, 100, 100, 100, 150, 100, 100)
    problem, roster = run(every_day({"days": 3}, weights, hist=((-3, "D"), (-2, "D"), (-1, "D"))))
    assert pattern(problem, roster) == {"a": "-DD-DDD"}
    assert roster.info.objective == pytest.approx(240)


def test_max_consecutive_days_soft_costs_weight_per_window():
    # Soft, weight 10: all 7 days worked (56); 4 windows of 4 days without a day off: 40. Total 96,
    # less than dropping Thursday (148).
    problem, roster = run(every_day({"mode": "soft", "weight": 10, "days": 3}))
    assert pattern(problem, roster) == {"a": "DDDDDDD"}
    assert roster.info.penalties["max_consecutive_days"] == pytest.approx(40)
    assert roster.info.objective == pytest.approx(96)


def test_checker_max_consecutive_days_one_violation_per_window():
    problem = build(every_day({"days": 3}))
    result = check(problem, roster_of({"a": "DDDDDDD"}))
    assert found(result, "max_consecutive_days") == [("a", 0, 1), ("a", 1, 1), ("a", 2, 1), ("a", 3, 1)]
    assert result.hard_violations == result.violations


def test_checker_max_consecutive_days_window_starting_in_history():
    problem = build(every_day({"days": 3}, hist=((-3, "D"), (-2, "D"), (-1, "D"))))
    result = check(problem, roster_of({"a": "D------"}))
    assert found(result, "max_consecutive_days") == [("a", -3, 1)]
