"""max_consecutive_nights: every `nights`+1 consecutive days hold a day without a night shift.

N 22:00-06:00 is a night (>= 3 h in 22:00-06:00); D 08:00-16:00 is not; `nights: 2`, four days.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, history, officer, pattern, roster_of, run, scenario, want

N_D = {"N": ("22:00", 8), "D": ("08:00", 8)}


def nights(rule: dict | None, night_weights: tuple[int, ...], any_weight: int = 50, hist: tuple = ()) -> dict:
    """N wanted each day with `night_weights`, and work of any kind wanted each day (`any_weight`)."""
    requests = [want(d, "N", w) for d, w in enumerate(night_weights)]
    requests += [want(d, None, any_weight) for d in range(len(night_weights)) if any_weight]
    return scenario([officer("a", requests=requests, history=history(*hist))], shifts=N_D, days=len(night_weights),
                    rules={"max_consecutive_nights": rule} if rule is not None else None, weights=WORK_COSTS)


def test_max_consecutive_nights_2_needs_a_day_shift_in_between():
    # Windows Mon-Wed and Tue-Thu each need a day without a night: Tuesday (N request 100, cheaper than
    # Wednesday's 150), worked as D for the 'any' request: 4 x 8 + 100 = 132.
    problem, roster = run(nights({"nights": 2}, (100, 100, 150, 100)))
    assert pattern(problem, roster) == {"a": "NDNN"}
    assert roster.info.objective == pytest.approx(132)


@pytest.mark.parametrize("rule", [None, {"nights": 4}], ids=["rule_off", "4_nights"])
def test_max_consecutive_nights_off_or_4_allows_four_nights(rule):
    problem, roster = run(nights(rule, (100, 100, 150, 100)))
    assert pattern(problem, roster) == {"a": "NNNN"}
    assert roster.info.objective == pytest.approx(32)


def test_max_consecutive_nights_evening_shift_is_not_a_night():
    # L 18:00-24:00 has 2 h in 22:00-06:00 < 3 h: not a night. Four L with nights: 2 is fine: 24.
    d = scenario([officer("a", requests=[want(d, "L", 100) for d in range(4)])], shifts={"L": ("18:00", 6)}, days=4,
                 rules={"max_consecutive_nights": {"nights": 2}}, weights=WORK_COSTS)
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "LLLL"}
    assert roster.info.objective == pytest.approx(24)


def test_max_consecutive_nights_history_counts():
    # History nights Sat and Sun: Monday cannot be a night; Tue-Thu needs one more day without a night:
    # Thursday (100; Tue and Wed weigh 150). 4 x 8 + 100 + 100 = 232.
    problem, roster = run(nights({"nights": 2}, (100, 150, 150, 100), hist=((-2, "N"), (-1, "N"))))
    assert pattern(problem, roster) == {"a": "DNND"}
    assert roster.info.objective == pytest.approx(232)


def test_max_consecutive_nights_soft_costs_weight_per_window():
    # Soft, weight 10: four nights (32) and two windows of 3 nights: 20. Total 52.
    problem, roster = run(nights({"mode": "soft", "weight": 10, "nights": 2}, (100,) * 4, any_weight=0))
    assert pattern(problem, roster) == {"a": "NNNN"}
    assert roster.info.penalties["max_consecutive_nights"] == pytest.approx(20)
    assert roster.info.objective == pytest.approx(52)


def test_checker_max_consecutive_nights_one_violation_per_window():
    problem = build(nights({"nights": 2}, (100,) * 4))
    result = check(problem, roster_of({"a": "NNNN"}))
    assert found(result, "max_consecutive_nights") == [("a", 0, 1), ("a", 1, 1)]
    assert result.hard_violations == result.violations


def test_checker_max_consecutive_nights_window_starting_in_history():
    problem = build(nights({"nights": 2}, (100,) * 4, hist=((-2, "N"), (-1, "N"))))
    result = check(problem, roster_of({"a": "NDDD"}))
    assert found(result, "max_consecutive_nights") == [("a", -2, 1)]
