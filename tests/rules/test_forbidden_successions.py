"""forbidden_successions: shift `a` on one day is never followed by shift `b` on the next; unit: one.

N 22:00-06:00, E 06:00-14:00 (starts when N ends: no overlap); pair (N, E); every hour costs 1 point.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, history, officer, pattern, roster_of, run, scenario, want

N_E = {"N": ("22:00", 8), "E": ("06:00", 8)}


def night_then_early(rule: dict | None, weights: tuple[int, int] = (100, 50)) -> dict:
    requests = [want(0, "N", weights[0]), want(1, "E", weights[1])]
    return scenario([officer("a", requests=requests)], shifts=N_E, days=2,
                    rules={"forbidden_successions": rule} if rule is not None else None, weights=WORK_COSTS)


def test_forbidden_succession_night_then_early():
    # Keep N (100), lose E (50): 8 + 50 = 58.
    problem, roster = run(night_then_early({"pairs": [["N", "E"]]}))
    assert pattern(problem, roster) == {"a": "N-"}
    assert roster.info.objective == pytest.approx(58)


@pytest.mark.parametrize("rule", [None, {"pairs": [["E", "N"]]}], ids=["rule_off", "reverse_pair_only"])
def test_forbidden_succession_off_or_other_direction_allows_night_then_early(rule):
    problem, roster = run(night_then_early(rule))
    assert pattern(problem, roster) == {"a": "NE"}
    assert roster.info.objective == pytest.approx(16)


@pytest.mark.parametrize(("history_day", "expected", "objective"), [(-1, "-", 50), (-2, "E", 8)],
                         ids=["night_on_sunday_before", "night_two_days_before"])
def test_forbidden_succession_history_on_the_day_before(history_day, expected, objective):
    # History N on Sunday forbids E on Monday (request 50 lost); N on Saturday does not.
    d = scenario([officer("a", history=history((history_day, "N")), requests=[want(0, "E", 50)])],
                 shifts=N_E, days=1, rules={"forbidden_successions": {"pairs": [["N", "E"]]}}, weights=WORK_COSTS)
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": expected}
    assert roster.info.objective == pytest.approx(objective)


def test_forbidden_succession_soft_costs_weight_per_succession():
    # Soft, weight 10; requests 100: both worked, one succession: 16 + 10 = 26.
    problem, roster = run(night_then_early({"mode": "soft", "weight": 10, "pairs": [["N", "E"]]}, (100, 100)))
    assert pattern(problem, roster) == {"a": "NE"}
    assert roster.info.penalties["forbidden_successions"] == pytest.approx(10)
    assert roster.info.objective == pytest.approx(26)


def test_checker_forbidden_succession_violation():
    problem = build(night_then_early({"pairs": [["N", "E"]]}))
    result = check(problem, roster_of({"a": "NE"}))
    assert found(result, "forbidden_successions") == [("a", 1, 1)]
    assert result.hard_violations == result.violations


def test_checker_forbidden_succession_from_history():
    d = scenario([officer("a", history=history((-1, "N")))], shifts=N_E, days=1,
                 rules={"forbidden_successions": {"pairs": [["N", "E"]]}})
    result = check(build(d), roster_of({"a": "E"}))
    assert found(result, "forbidden_successions") == [("a", 0, 1)]
