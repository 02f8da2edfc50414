"""weekly_rest: one uninterrupted rest of `hours` (35) in each whole week of the horizon.

E is 06:00-14:00: on consecutive days it leaves 16 h rest; one day off in mid-week leaves 40 h.
Every hour worked costs 1 point.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, history, officer, pattern, roster_of, run, scenario, want

E = {"E": ("06:00", 8)}


def every_day(rule: dict | None, days: int = 7, thursday: int = 50) -> dict:
    """One officer asking for E every day (weight 100, Thursday `thursday`)."""
    requests = [want(d, "E", thursday if d % 7 == 3 else 100) for d in range(days)]
    return scenario([officer("a", requests=requests)], shifts=E, days=days,
                    rules={"weekly_rest": rule} if rule is not None else None, weights=WORK_COSTS)


def test_weekly_rest_35h_needs_a_day_off_midweek():
    # Seven E shifts leave at most 16 h. Dropping Mon leaves 30 h (Mon 00:00 - Tue 06:00), Sun 34 h
    # (Sat 14:00 - Mon 00:00); dropping Tue..Sat leaves 40 h. Thursday's request is the cheapest (50):
    # 6 x 8 + 50 = 98.
    problem, roster = run(every_day({"hours": 35}))
    assert pattern(problem, roster) == {"a": "EEE-EEE"}
    assert roster.info.objective == pytest.approx(98)


@pytest.mark.parametrize("rule", [None, {"hours": 16}], ids=["rule_off", "16h_enough"])
def test_weekly_rest_off_or_16h_allows_seven_days(rule):
    # 7 x 8 = 56.
    problem, roster = run(every_day(rule))
    assert pattern(problem, roster) == {"a": "EEEEEEE"}
    assert roster.info.objective == pytest.approx(56)


@pytest.mark.parametrize("weeks", [1, 2])
def test_weekly_rest_soft_costs_weight_per_week_without_rest(weeks):
    # Soft, weight 10, every request 100: work every day (8 per shift) and pay 10 per week.
    problem, roster = run(every_day({"mode": "soft", "weight": 10, "hours": 35}, days=7 * weeks, thursday=100))
    assert pattern(problem, roster) == {"a": "E" * 7 * weeks}
    assert roster.info.penalties["weekly_rest"] == pytest.approx(10 * weeks)
    assert roster.info.objective == pytest.approx(56 * weeks + 10 * weeks)


def test_weekly_rest_partial_last_week_not_judged():
    # Ten days: only the first whole week needs the rest; days 7-9 may all be worked: 9 x 8 + 50 = 122.
    problem, roster = run(every_day({"hours": 35}, days=10))
    assert pattern(problem, roster) == {"a": "EEE-EEEEEE"}
    assert roster.info.objective == pytest.approx(122)


def history_night_scenario(with_history: bool) -> dict:
    # D 12:00-20:00 asked Tue..Sun (Thursday 50, the others 100). Without history the week starts with
    # 36 h rest (Mon 00:00 - Tue 12:00). A history night Sun 22:00 - Mon 06:00 cuts it to 30 h.
    requests = [want(d, "D", 50 if d == 3 else 100) for d in range(1, 7)]
    extra = {"history": history((-1, "N"))} if with_history else {}
    return scenario([officer("a", requests=requests, **extra)], shifts={"D": ("12:00", 8), "N": ("22:00", 8)},
                    rules={"weekly_rest": {"hours": 35}}, weights=WORK_COSTS)


def test_weekly_rest_without_history_rest_at_start_of_week():
    # 6 x 8 = 48.
    problem, roster = run(history_night_scenario(False))
    assert pattern(problem, roster) == {"a": "-DDDDDD"}
    assert roster.info.objective == pytest.approx(48)


def test_weekly_rest_history_night_counts_as_work():
    # 30 h < 35: drop Thursday (Wed 20:00 - Fri 12:00 = 40 h): 5 x 8 + 50 = 90.
    problem, roster = run(history_night_scenario(True))
    assert pattern(problem, roster) == {"a": "-DD-DDD"}
    assert roster.info.objective == pytest.approx(90)


def test_checker_weekly_rest_violation_in_first_week_only():
    problem = build(every_day({"hours": 35}, days=14))
    result = check(problem, roster_of({"a": "EEEEEEE-------"}))
    assert found(result, "weekly_rest") == [("a", 0, 1)]
    assert result.hard_violations == result.violations


def test_checker_weekly_rest_history_night():
    problem = build(history_night_scenario(True))
    result = check(problem, roster_of({"a": "-DDDDDD"}))
    assert found(result, "weekly_rest") == [("a", 0, 1)]
