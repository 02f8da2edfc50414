"""rest_after_weekends: after `weekends` weekends worked in a row (history included), an uninterrupted
rest of `hours` that includes the next weekend (Belgian police statute: 3 weekends, 60 h).

E 06:00-14:00 and L 14:00-22:00. Officer a worked the two weekends before the horizon (history: E on
Saturdays -9 and -2); with `weekends: 2` the horizon's first weekend (days 5-6) must lie in 60 h of
rest. A late shift on Friday (ends 22:00) and an early one on Monday (starts 06:00) leave 56 h.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, history, officer, pattern, roster_of, run, scenario, want

E_L = {"E": ("06:00", 8), "L": ("14:00", 8)}
TWO_WEEKENDS = history((-9, "E"), (-2, "E"))


def around_the_weekend(rule: dict | None, past=TWO_WEEKENDS) -> dict:
    # Eight days, Monday to Monday: L wanted on Friday (20), E on the next Monday (30).
    requests = [want(4, "L", 20), want(7, "E", 30)]
    return scenario([officer("a", requests=requests, history=past)], shifts=E_L, days=8,
                    rules={"rest_after_weekends": rule} if rule is not None else None, weights=WORK_COSTS)


def test_rest_after_weekends_hard_keeps_60_hours_around_the_weekend():
    # Both shifts leave 56 h < 60 h: the cheaper request goes, Monday's E is worked: 8 + 20 = 28.
    problem, roster = run(around_the_weekend({"weekends": 2, "hours": 60}))
    assert pattern(problem, roster) == {"a": "-------E"}
    assert roster.info.objective == pytest.approx(28)


def test_rest_after_weekends_not_binding():
    # Off: both worked (16). 56 h owed: 56 h suffice (16). Only one weekend in the history: no run of two (16).
    for rule, past in ((None, TWO_WEEKENDS), ({"weekends": 2, "hours": 56}, TWO_WEEKENDS),
                       ({"weekends": 2, "hours": 60}, history((-2, "E")))):
        problem, roster = run(around_the_weekend(rule, past))
        assert pattern(problem, roster) == {"a": "----L--E"}
        assert roster.info.objective == pytest.approx(16)


def test_rest_after_weekends_forbids_working_that_weekend():
    # After three weekends (two in the history, the horizon's first), the second weekend is free: the
    # request for Saturday 12 (50) is dropped rather than the first weekend's (5 each).
    requests = [want(d, "E", 50 if d >= 7 else 5) for d in (5, 6, 12)]
    d = scenario([officer("a", requests=requests, history=TWO_WEEKENDS)], shifts=E_L, days=14,
                 rules={"rest_after_weekends": {"weekends": 3, "hours": 60}}, weights=WORK_COSTS)
    problem, roster = run(d)
    # Skip the first weekend (2 x 5 = 10) and work Saturday 12 (8): 10 + 8 = 18 (the other way: 16 + 50).
    assert pattern(problem, roster) == {"a": "------------E-"}
    assert roster.info.objective == pytest.approx(18)


def test_rest_after_weekends_soft_costs_weight_per_weekend():
    # Weight 5: both shifts (16) and one weekend without the rest (5) = 21 < 28.
    problem, roster = run(around_the_weekend({"mode": "soft", "weight": 5, "weekends": 2, "hours": 60}))
    assert pattern(problem, roster) == {"a": "----L--E"}
    assert roster.info.penalties == pytest.approx({"rest_after_weekends": 5, "overtime": 16})
    assert roster.info.objective == pytest.approx(21)


def test_checker_rest_after_weekends():
    problem = build(around_the_weekend({"weekends": 2, "hours": 60}))
    result = check(problem, roster_of({"a": "----L--E"}))
    assert found(result, "rest_after_weekends") == [("a", 5, 1)]
    assert [v.message for v in result.violations] == [
        "56 h rest around this weekend after 2 weekends worked in a row, 60 h owed"]
    assert found(check(problem, roster_of({"a": "-----E--"})), "rest_after_weekends") == [("a", 5, 1)]
    assert check(problem, roster_of({"a": "----E--E"})).violations == []  # 64 h: Friday's E ends at 14:00
