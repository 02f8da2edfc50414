"""min_rest: at least `hours` from the end of a service to the start of the next; 10 h with consent.

Shifts: L 14:00-22:00, E 06:00-14:00 (8 h after L), M 08:00-16:00 (10 h after L). Every hour worked
costs 1 point (WORK_COSTS), so an 8 h shift costs 8.
"""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import WORK_COSTS, build, check, found, history, officer, pattern, roster_of, run, scenario, want

L_E = {"L": ("14:00", 8), "E": ("06:00", 8)}
L_M = {"L": ("14:00", 8), "M": ("08:00", 8)}
REDUCED = {"hours": 11, "reduced_hours": 10, "reduced_after_end_between": ["20:00", "23:00"]}


def late_then_early(rule: dict | None, days: int = 2, weights: tuple[int, ...] = (100, 50)) -> dict:
    """One officer who asks for L, E, L, E, ... on consecutive days with the given weights."""
    requests = [want(d, "LE"[d % 2], w) for d, w in enumerate(weights)]
    return scenario(
        [officer("a", requests=requests)], shifts=L_E, days=days,
        rules={"min_rest": rule} if rule is not None else None, weights=WORK_COSTS,
    )


def test_min_rest_11h_forbids_early_after_late():
    # L Mon ends 22:00, E Tue starts 06:00: 8 h < 11 h. Best: keep L (100), lose E (50): 8 + 50 = 58.
    problem, roster = run(late_then_early({"hours": 11}))
    assert pattern(problem, roster) == {"a": "L-"}
    assert roster.info.objective == pytest.approx(58)


@pytest.mark.parametrize("rule", [None, {"hours": 8}], ids=["rule_off", "8h_rest_enough"])
def test_min_rest_off_or_8h_allows_early_after_late(rule):
    # Both granted: 2 shifts x 8 h = 16.
    problem, roster = run(late_then_early(rule))
    assert pattern(problem, roster) == {"a": "LE"}
    assert roster.info.objective == pytest.approx(16)


def test_min_rest_soft_costs_weight_per_pair_too_close():
    # Soft, weight 10: L E L E all granted (4 x 8 = 32); pairs too close: L Mon->E Tue and
    # L Wed->E Thu (8 h each; E Tue -> L Wed is 24 h) = 2 units x 10 = 20. Dropping one costs 100.
    problem, roster = run(late_then_early({"mode": "soft", "weight": 10, "hours": 11}, days=4, weights=(100,) * 4))
    assert pattern(problem, roster) == {"a": "LELE"}
    assert roster.info.penalties["min_rest"] == pytest.approx(20)
    assert roster.info.objective == pytest.approx(52)


def test_min_rest_reduced_10h_only_with_consent():
    # L ends 22:00 (within 20:00-23:00), M starts 08:00: 10 h. a consents: 10 h owed, L M worked (16).
    # b does not: 11 h owed, keeps L and loses M (8 + 50 = 58). Total 74.
    d = scenario(
        [
            officer("a", consents_reduced_rest=True, requests=[want(0, "L", 100), want(1, "M", 50)]),
            officer("b", requests=[want(0, "L", 100), want(1, "M", 50)]),
        ],
        shifts=L_M, days=2, rules={"min_rest": REDUCED}, weights=WORK_COSTS,
    )
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "LM", "b": "L-"}
    assert roster.info.objective == pytest.approx(74)


@pytest.mark.parametrize(
    ("first_start", "next_start", "reduced"),
    [("12:00", "06:00", True), ("15:00", "09:00", True), ("11:00", "05:00", False), ("16:00", "10:00", False)],
    ids=["ends_20h00_reduced", "ends_23h00_reduced", "ends_19h00_full_rest", "ends_24h00_full_rest"],
)
def test_min_rest_reduced_rest_only_after_service_ending_20_to_23(first_start, next_start, reduced):
    # An 8 h shift X, then Y 10 h after its end. The consenting officer may do both only when X ends
    # between 20:00 and 23:00 (both ends included): 16 points; otherwise X alone, 8 + 50 = 58.
    d = scenario(
        [officer("a", consents_reduced_rest=True, requests=[want(0, "X", 100), want(1, "Y", 50)])],
        shifts={"X": (first_start, 8), "Y": (next_start, 8)}, days=2,
        rules={"min_rest": REDUCED}, weights=WORK_COSTS,
    )
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "XY" if reduced else "X-"}
    assert roster.info.objective == pytest.approx(16 if reduced else 58)


def test_min_rest_counts_history_shift():
    # History: L on Sunday 14:00-22:00; E on Monday 06:00 would follow after 8 h.
    # The E request (50) cannot be granted: objective 50, nothing worked.
    d = scenario(
        [officer("a", history=history((-1, "L")), requests=[want(0, "E", 50)])],
        shifts=L_E, days=1, rules={"min_rest": {"hours": 11}}, weights=WORK_COSTS,
    )
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "-"}
    assert roster.info.objective == pytest.approx(50)


def test_checker_min_rest_violation_late_then_early():
    problem = build(late_then_early({"hours": 11}))
    result = check(problem, roster_of({"a": "LE"}))
    assert found(result, "min_rest") == [("a", 1, 1)]
    assert [v.hard for v in result.violations] == [True]


def test_checker_min_rest_reduced_rest_only_for_consenting_officer():
    d = scenario(
        [officer("a", consents_reduced_rest=True), officer("b")],
        shifts=L_M, days=2, rules={"min_rest": REDUCED},
    )
    result = check(build(d), roster_of({"a": "LM", "b": "LM"}))
    assert found(result, "min_rest") == [("b", 1, 1)]


def test_checker_min_rest_after_history_shift():
    d = scenario([officer("a", history=history((-1, "L")))], shifts=L_E, days=1, rules={"min_rest": {"hours": 11}})
    result = check(build(d), roster_of({"a": "E"}))
    assert found(result, "min_rest") == [("a", 0, 1)]


def test_checker_min_rest_soft_penalty_is_weight_per_pair():
    problem = build(late_then_early({"mode": "soft", "weight": 10, "hours": 11}, days=4, weights=(100,) * 4))
    result = check(problem, roster_of({"a": "LELE"}))
    assert found(result, "min_rest") == [("a", 1, 1), ("a", 3, 1)]
    assert result.hard_violations == []
    assert result.penalties["min_rest"] == 20


def dst_weekend(timezone: str) -> dict:
    """The week of the spring change (Sun 2026-03-29, 02:00 -> 03:00 in Brussels): L Sat (100), M Sun (50)."""
    requests = [
        {"date": dt.date(2026, 3, 28), "shift": "L", "want": True, "weight": 100},
        {"date": dt.date(2026, 3, 29), "shift": "M", "want": True, "weight": 50},
    ]
    d = scenario([officer("a", requests=requests)], shifts=L_M, rules={"min_rest": {"hours": 10}},
                 weights=WORK_COSTS, timezone=timezone)
    d["horizon"]["start"] = dt.date(2026, 3, 23)  # a Monday
    return d


@pytest.mark.parametrize(("timezone", "expected", "objective"),
                         [("Europe/Brussels", "-----L-", 58), ("UTC", "-----LM", 16)])
def test_min_rest_measured_in_real_hours_over_daylight_saving_change(timezone, expected, objective):
    # Sat 22:00 -> Sun 08:00 is 10 h on the clock but 9 h in Brussels (the clocks skip 02:00-03:00):
    # 9 h < 10 h, M lost: 8 + 50 = 58. In UTC it is 10 h: both worked, 16.
    problem, roster = run(dst_weekend(timezone))
    assert pattern(problem, roster) == {"a": expected}
    assert roster.info.objective == pytest.approx(objective)


def test_checker_min_rest_over_daylight_saving_change():
    result = check(build(dst_weekend("Europe/Brussels")), roster_of({"a": "-----LM"}))
    assert found(result, "min_rest") == [("a", 6, 1)]
    assert "9 h rest" in result.violations[0].message
