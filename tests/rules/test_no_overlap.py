"""no_overlap (structural, always hard): an officer's services never overlap, history included.

Shifts: N 22:00-08:00 (10 h), E 06:00-14:00, M 08:00-16:00. Every hour worked costs 1 point.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, history, officer, pattern, roster_of, run, scenario, want

N_E = {"N": ("22:00", 10), "E": ("06:00", 8)}


def test_no_overlap_forbids_early_starting_before_night_ends():
    # N Mon 22:00 - Tue 08:00 overlaps E Tue 06:00-14:00 by 2 h. Keep N (100), lose E (50): 10 + 50 = 60.
    # Every rule is off: only the structural no_overlap binds.
    d = scenario([officer("a", requests=[want(0, "N", 100), want(1, "E", 50)])], shifts=N_E, days=2, weights=WORK_COSTS)
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "N-"}
    assert roster.info.objective == pytest.approx(60)


def test_no_overlap_allows_shift_starting_when_night_ends():
    # M starts at 08:00 exactly when N ends: no overlap, both worked: 10 + 8 = 18.
    d = scenario(
        [officer("a", requests=[want(0, "N", 100), want(1, "M", 50)])],
        shifts={"N": ("22:00", 10), "M": ("08:00", 8)}, days=2, weights=WORK_COSTS,
    )
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "NM"}
    assert roster.info.objective == pytest.approx(18)


def test_no_overlap_with_history_night():
    # History N Sunday 22:00 - Monday 08:00 overlaps E Monday 06:00: the E request (50) is lost.
    d = scenario(
        [officer("a", history=history((-1, "N")), requests=[want(0, "E", 50)])],
        shifts=N_E, days=1, weights=WORK_COSTS,
    )
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "-"}
    assert roster.info.objective == pytest.approx(50)


def test_checker_no_overlap_violation():
    problem = build(scenario([officer("a")], shifts=N_E, days=2))
    result = check(problem, roster_of({"a": "NE"}))
    assert found(result, "no_overlap") == [("a", 1, 1)]
    assert result.hard_violations == result.violations


def test_checker_no_overlap_with_history():
    problem = build(scenario([officer("a", history=history((-1, "N")))], shifts=N_E, days=1))
    result = check(problem, roster_of({"a": "E"}))
    assert found(result, "no_overlap") == [("a", 0, 1)]
