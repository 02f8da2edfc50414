"""unavailability (structural, always hard): no shift overlaps an officer's leave, training, court, ...

Whole dates cover the local day; date-times are [start, end). Every hour worked costs 1 point.
"""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import WORK_COSTS, build, check, date, found, officer, pattern, roster_of, run, scenario, want

D_L = {"D": ("08:00", 8), "L": ("14:00", 8)}


def leave(unavailable: list, requests: list, shifts: dict = D_L) -> dict:
    return scenario([officer("a", unavailable=unavailable, requests=requests)], shifts=shifts, days=3,
                    weights=WORK_COSTS)


def at(day: int, hour: int) -> dt.datetime:
    return dt.datetime.combine(date(day), dt.time(hour))


EVERY_DAY_D = [want(d, "D", 100) for d in range(3)]


def test_unavailability_whole_day_leave_blocks_the_day():
    # Tuesday on leave: D Tuesday (100) lost: 16 + 100 = 116.
    problem, roster = run(leave([{"start": date(1), "reason": "leave"}], EVERY_DAY_D))
    assert pattern(problem, roster) == {"a": "D-D"}
    assert roster.info.objective == pytest.approx(116)


def test_unavailability_none_works_every_day():
    problem, roster = run(leave([], EVERY_DAY_D))
    assert pattern(problem, roster) == {"a": "DDD"}
    assert roster.info.objective == pytest.approx(24)


def test_unavailability_date_time_blocks_overlapping_shift_only():
    # Court Tuesday 10:00-12:00 blocks D (08-16) but not L (14-22): D request lost (100), L worked for
    # the 'any shift' request: 24 + 100 = 124.
    court = [{"start": at(1, 10), "end": at(1, 12), "reason": "court"}]
    problem, roster = run(leave(court, [*EVERY_DAY_D, want(1, None, 50)]))
    assert pattern(problem, roster) == {"a": "DLD"}
    assert roster.info.objective == pytest.approx(124)


def test_unavailability_blocks_night_running_into_leave():
    # Leave on Tuesday; N Monday 22:00 - Tuesday 06:00 overlaps it: lost (100); N Wednesday worked.
    problem, roster = run(leave([{"start": date(1)}], [want(0, "N", 100), want(2, "N", 100)],
                                shifts={"N": ("22:00", 8)}))
    assert pattern(problem, roster) == {"a": "--N"}
    assert roster.info.objective == pytest.approx(108)


def test_checker_unavailability_violation():
    problem = build(leave([{"start": date(1), "reason": "training"}], []))
    result = check(problem, roster_of({"a": "DDD"}))
    assert found(result, "unavailability") == [("a", 1, 1)]
    assert "training" in result.violations[0].message
    assert result.hard_violations == result.violations


def test_checker_unavailability_date_time():
    problem = build(leave([{"start": at(1, 10), "end": at(1, 12), "reason": "court"}], []))
    assert found(check(problem, roster_of({"a": "-D-"})), "unavailability") == [("a", 1, 1)]
    assert found(check(problem, roster_of({"a": "-L-"})), "unavailability") == []
