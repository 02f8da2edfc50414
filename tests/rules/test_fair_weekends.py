"""fair_weekends: each officer's k-th weekend shift costs k x weight, spreading weekend shifts.

D 08:00-16:00, one week; shift cover wants one officer on D on the days given (1000 per officer
short); fair_weekends weight 3.
"""

from __future__ import annotations

import pytest

from .conftest import build, check, officer, pattern, roster_of, run, scenario


def cover(days: list[str], weight: int = 3) -> dict:
    demand = {"shift_cover": [{"days": days, "shift": "D", "count": 1, "under_weight": 1000}]}
    return scenario([officer("a"), officer("b")], demand=demand, weights={"fair_weekends": weight})


def test_fair_weekends_split_saturday_and_sunday():
    # Sat and Sun covered by different officers: 3 x 1 x 2 = 6 (one officer both: 3 x 3 = 9).
    problem, roster = run(cover(["weekend"]))
    shifts = pattern(problem, roster)
    assert sorted([shifts["a"][5:], shifts["b"][5:]]) == ["-D", "D-"]
    assert roster.info.penalties == pytest.approx({"fair_weekends": 6})


def test_fair_weekends_weekdays_cost_nothing():
    problem, roster = run(cover(["mon", "tue"]))
    assert roster.info.objective == pytest.approx(0)


def test_fair_weekends_weight_0_costs_nothing():
    problem, roster = run(cover(["weekend"], weight=0))
    assert roster.info.objective == pytest.approx(0)


def test_checker_fair_weekends_on_hand_built_roster():
    problem = build(cover(["weekend"]))
    assert check(problem, roster_of({"a": "-----DD"})).penalties == {"fair_weekends": 9}
    assert check(problem, roster_of({"a": "-----D-", "b": "------D"})).penalties == {"fair_weekends": 6}
