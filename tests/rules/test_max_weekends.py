"""max_weekends: at most `weekends` weekends worked over the horizon (Sat or Sun); unit: weekend above.

Two weeks, D 08:00-16:00; days 5, 6 and 12, 13 are the weekends.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, officer, pattern, roster_of, run, scenario, want


def weekend_days(rule: dict | None, asked: dict[int, int]) -> dict:
    """D asked on the days of `asked` (day -> weight), over two weeks."""
    requests = [want(d, "D", w) for d, w in asked.items()]
    return scenario([officer("a", requests=requests)], days=14,
                    rules={"max_weekends": rule} if rule is not None else None, weights=WORK_COSTS)


def test_max_weekends_1_keeps_one_weekend():
    # Saturdays of both weeks asked (100, 50): keep the first: 8 + 50 = 58.
    problem, roster = run(weekend_days({"weekends": 1}, {5: 100, 12: 50}))
    assert pattern(problem, roster) == {"a": "-----D--------"}
    assert roster.info.objective == pytest.approx(58)


@pytest.mark.parametrize("rule", [None, {"weekends": 2}], ids=["rule_off", "2_weekends"])
def test_max_weekends_off_or_2_allows_both(rule):
    problem, roster = run(weekend_days(rule, {5: 100, 12: 50}))
    assert pattern(problem, roster) == {"a": "-----D------D-"}
    assert roster.info.objective == pytest.approx(16)


def test_max_weekends_saturday_and_sunday_are_one_weekend():
    # Sat and Sun of the first week: one weekend, allowed with weekends: 1. 16 points.
    problem, roster = run(weekend_days({"weekends": 1}, {5: 100, 6: 50}))
    assert pattern(problem, roster) == {"a": "-----DD-------"}
    assert roster.info.objective == pytest.approx(16)


def test_max_weekends_soft_costs_weight_per_weekend_above():
    # Soft, weight 10; requests 100: both worked, one weekend above: 16 + 10 = 26.
    problem, roster = run(weekend_days({"mode": "soft", "weight": 10, "weekends": 1}, {5: 100, 12: 100}))
    assert pattern(problem, roster) == {"a": "-----D------D-"}
    assert roster.info.penalties["max_weekends"] == pytest.approx(10)
    assert roster.info.objective == pytest.approx(26)


def test_checker_max_weekends_violation():
    problem = build(weekend_days({"weekends": 1}, {}))
    result = check(problem, roster_of({"a": "------D-----D-"}))
    assert found(result, "max_weekends") == [("a", None, 1)]
    assert result.hard_violations == result.violations
