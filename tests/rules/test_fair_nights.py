"""fair_nights: each officer's k-th night costs k x weight, so nights are spread evenly.

N 22:00-06:00 (a night), four days; shift cover wants one officer on N every day (1000 per officer
short); fair_nights weight 3.
"""

from __future__ import annotations

import pytest

from .conftest import build, check, officer, pattern, roster_of, run, scenario


def night_cover(weight: int, shift: tuple[str, int] = ("22:00", 8)) -> dict:
    cover = {"shift_cover": [{"days": ["all"], "shift": "N", "count": 1, "under_weight": 1000}]}
    return scenario([officer("a"), officer("b")], shifts={"N": shift}, days=4, demand=cover,
                    weights={"fair_nights": weight})


def test_fair_nights_split_two_and_two():
    # 2 + 2 nights: 3 x (1 + 2) x 2 = 18; 3 + 1: 3 x (6 + 1) = 21; 4 + 0: 3 x 10 = 30.
    problem, roster = run(night_cover(3))
    shifts = pattern(problem, roster)
    assert sorted(s.count("N") for s in shifts.values()) == [2, 2]
    assert all(shifts["a"][d] != shifts["b"][d] for d in range(4))
    assert roster.info.penalties == pytest.approx({"fair_nights": 18})


def test_fair_nights_weight_0_costs_nothing():
    problem, roster = run(night_cover(0))
    assert sum(s.count("N") for s in pattern(problem, roster).values()) == 4
    assert roster.info.objective == pytest.approx(0)


def test_fair_nights_day_shift_is_not_a_night():
    # The same cover on 08:00-16:00: no nights, no fairness cost.
    problem, roster = run(night_cover(3, shift=("08:00", 8)))
    assert roster.info.objective == pytest.approx(0)


def test_checker_fair_nights_on_hand_built_roster():
    problem = build(night_cover(3))
    assert check(problem, roster_of({"a": "NNNN"})).penalties == {"fair_nights": 30}
    even = check(problem, roster_of({"a": "NN--", "b": "--NN"}))
    assert even.violations == []
    assert even.penalties == {"fair_nights": 18}
