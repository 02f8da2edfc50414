"""min_service: every service lasts at least `hours` (Belgian police statute: a planned service, 4 h).

S 10:00-13:00 (3 h) and L 14:00-22:00 (8 h). Officer a wants S on Monday (request weight 50); with
WORK_COSTS every hour worked costs 1 point.
"""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import WORK_COSTS, build, check, found, officer, pattern, roster_of, run, scenario, want

S_L = {"S": ("10:00", 3), "L": ("14:00", 8)}


def short_shift(rule: dict | None) -> dict:
    return scenario([officer("a", requests=[want(0, "S", 50)])], shifts=S_L, days=1,
                    rules={"min_service": rule} if rule is not None else None, weights=WORK_COSTS)


def test_min_service_hard_never_works_a_short_shift():
    # S is 3 h < 4 h: blocked. The request goes unmet (50); L is not asked for (it would cost 8 more).
    problem, roster = run(short_shift({"hours": 4}))
    assert pattern(problem, roster) == {"a": "-"}
    assert roster.info.objective == pytest.approx(50)


def test_min_service_not_binding_when_shifts_are_long_enough():
    # A 3 h minimum: S is allowed; 3 h worked = 3 points, the request granted.
    problem, roster = run(short_shift({"hours": 3}))
    assert pattern(problem, roster) == {"a": "S"}
    assert roster.info.objective == pytest.approx(3)


def test_min_service_soft_costs_weight_per_short_service():
    # Weight 10: S costs 3 (hours) + 10 (one short service) = 13 < 50 unmet: worked.
    problem, roster = run(short_shift({"mode": "soft", "weight": 10, "hours": 4}))
    assert pattern(problem, roster) == {"a": "S"}
    assert roster.info.penalties == pytest.approx({"min_service": 10, "overtime": 3})
    assert roster.info.objective == pytest.approx(13)
    # Weight 60: 3 + 60 = 63 > 50: the request is dropped instead.
    problem, roster = run(short_shift({"mode": "soft", "weight": 60, "hours": 4}))
    assert pattern(problem, roster) == {"a": "-"}
    assert roster.info.objective == pytest.approx(50)


def test_min_service_counts_real_hours_over_the_spring_clock_change():
    # X 01:00-05:00 on the clock is 4 h, but 3 real hours on Sunday 2026-03-29 (02:00 -> 03:00).
    d = scenario([officer("a", requests=[want(k, "X", 50) for k in range(7)])], shifts={"X": ("01:00", 4)},
                 rules={"min_service": {"hours": 4}}, weights=WORK_COSTS)
    d["horizon"]["start"] = dt.date(2026, 3, 23)
    d["officers"][0]["requests"] = [dict(r, date=dt.date(2026, 3, 23) + dt.timedelta(days=k))
                                    for k, r in enumerate(d["officers"][0]["requests"])]
    problem, roster = run(d)
    # Six 4 h services (24 points); Sunday's request unmet (50).
    assert pattern(problem, roster) == {"a": "XXXXXX-"}
    assert roster.info.objective == pytest.approx(74)


def test_checker_min_service_violation_and_soft_penalty():
    problem = build(short_shift({"hours": 4}))
    result = check(problem, roster_of({"a": "S"}))
    assert found(result, "min_service") == [("a", 0, 1)]
    assert result.hard_violations == result.violations
    problem = build(short_shift({"mode": "soft", "weight": 10, "hours": 4}))
    result = check(problem, roster_of({"a": "S"}))
    assert result.hard_violations == []
    assert result.penalties == pytest.approx({"min_service": 10, "overtime": 3})
    assert check(problem, roster_of({"a": "L"})).penalties == pytest.approx({"overtime": 8, "requests": 50})


def test_min_service_per_officer_override():
    # The rule is hard for a, off for b (an officer's own `rules`): only b may take the 3 h S; a's
    # request goes unmet (50), b's is granted (3 h worked): 53.
    officers = [officer("a", requests=[want(0, "S", 50)]),
                officer("b", requests=[want(0, "S", 50)], rules={"min_service": {"mode": "off"}})]
    problem, roster = run(scenario(officers, shifts=S_L, days=1, rules={"min_service": {"hours": 4}}, weights=WORK_COSTS))
    assert pattern(problem, roster) == {"a": "-", "b": "S"}
    assert roster.info.objective == pytest.approx(53)
