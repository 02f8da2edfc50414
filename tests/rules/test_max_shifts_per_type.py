"""max_shifts_per_type: at most limits[s] shifts of type s per officer (officer's max_shifts first).

L 14:00-22:00, E 06:00-14:00, four days. Rule limit L: 2; officer b's own limit L: 1.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, officer, pattern, roster_of, run, scenario, want

L_E = {"L": ("14:00", 8), "E": ("06:00", 8)}
# L wanted with decreasing weights, and any shift wanted (50) every day.
REQUESTS = [want(d, "L", w) for d, w in enumerate((40, 30, 20, 10))] + [want(d, None, 50) for d in range(4)]


def limited(rule: dict | None, officers: list | None = None) -> dict:
    officers = officers or [officer("a", requests=REQUESTS), officer("b", requests=REQUESTS, max_shifts={"L": 1})]
    return scenario(officers, shifts=L_E, days=4,
                    rules={"max_shifts_per_type": rule} if rule is not None else None, weights=WORK_COSTS)


def test_max_shifts_per_type_rule_limit_and_officer_limit():
    # a (rule: 2 L): L Mon, Tue, then E: 32 + 20 + 10 = 62.
    # b (own limit: 1 L): L Mon, then E: 32 + 30 + 20 + 10 = 92. Total 154.
    problem, roster = run(limited({"limits": {"L": 2}}))
    assert pattern(problem, roster) == {"a": "LLEE", "b": "LEEE"}
    assert roster.info.objective == pytest.approx(154)


def test_max_shifts_per_type_off_allows_all_lates():
    problem, roster = run(limited(None))
    assert pattern(problem, roster) == {"a": "LLLL", "b": "LLLL"}
    assert roster.info.objective == pytest.approx(64)


def test_max_shifts_per_type_soft_costs_weight_per_shift_above():
    # Soft, weight 5: LLLL (32) with 2 L above: 10; LLLE would cost 32 + 5 + 10 = 47. Total 42.
    problem, roster = run(limited({"mode": "soft", "weight": 5, "limits": {"L": 2}}, [officer("a", requests=REQUESTS)]))
    assert pattern(problem, roster) == {"a": "LLLL"}
    assert roster.info.penalties["max_shifts_per_type"] == pytest.approx(10)
    assert roster.info.objective == pytest.approx(42)


def test_checker_max_shifts_per_type_violations():
    problem = build(limited({"limits": {"L": 2}}))
    result = check(problem, roster_of({"a": "LLL-", "b": "LL--"}))
    assert found(result, "max_shifts_per_type") == [("a", None, 1), ("b", None, 1)]
    assert result.hard_violations == result.violations
