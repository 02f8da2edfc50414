"""overtime / undertime: hours above / below the pro-rata contract hours, per hour worked.

D 08:00-16:00 (8 h). Target = contract_hours x (days not fully on leave) / 7. Weights: overtime 20,
undertime 2 points per hour (config.Weights defaults).
"""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import build, check, date, dont, officer, pattern, roster_of, run, scenario

WEIGHTS = {"overtime": 20, "undertime": 2}


def contract(hours: float, days: int = 7, **fields) -> dict:
    return scenario([officer("a", contract_hours=hours, **fields)], days=days, weights=WEIGHTS)


def test_overtime_fixed_shifts_above_contract():
    # Contract 16 h a week, D fixed Mon-Wed: 24 h worked, 8 h over x 20 = 160.
    fixed = [{"date": date(d), "shift": "D"} for d in range(3)]
    problem, roster = run(contract(16, fixed=fixed))
    assert pattern(problem, roster) == {"a": "DDD----"}
    assert roster.info.penalties == pytest.approx({"overtime": 160})
    assert roster.info.objective == pytest.approx(160)


def test_overtime_undertime_zero_when_contract_met():
    # Contract 24 h: three shifts, neither over nor under: 0.
    problem, roster = run(contract(24))
    assert pattern(problem, roster)["a"].count("D") == 3
    assert roster.info.objective == pytest.approx(0)


def test_undertime_when_officer_declines_work():
    # Contract 40 h; 'don't' requests of 100 every day (a shift saves only 8 h x 2 = 16): 40 h under x 2 = 80.
    problem, roster = run(contract(40, requests=[dont(d, weight=100) for d in range(7)]))
    assert pattern(problem, roster) == {"a": "-------"}
    assert roster.info.penalties == pytest.approx({"undertime": 80})


def test_undertime_target_pro_rata_over_days_not_on_leave():
    # Contract 35 h, leave Sat-Sun: target 35 x 5 / 7 = 25 h; nothing worked: 25 x 2 = 50.
    leave = [{"start": date(5), "end": date(6)}]
    problem, roster = run(contract(35, unavailable=leave, requests=[dont(d, weight=100) for d in range(7)]))
    assert roster.info.penalties == pytest.approx({"undertime": 50})


def test_undertime_when_every_shift_is_blocked_by_part_day_unavailability():
    # One day, contract 35 h: target 35 x 1 / 7 = 5 h (a part-day absence does not reduce it). Court
    # 07:00-17:00 blocks the only shift: 5 h under x 2 = 10, in the model as in the checker.
    court = [{"start": dt.datetime(2026, 3, 2, 7), "end": dt.datetime(2026, 3, 2, 17), "reason": "court"}]
    problem, roster = run(contract(35, days=1, unavailable=court))
    assert roster.assignments == []
    assert roster.info.penalties == pytest.approx({"undertime": 10})


def test_checker_overtime_and_undertime_on_hand_built_roster():
    # Contract 16 h: 4 shifts = 32 h: 16 h over x 20 = 320; 1 shift = 8 h under x 2 = 16.
    problem = build(contract(16))
    over = check(problem, roster_of({"a": "DDDD---"}))
    assert over.violations == []
    assert over.penalties == {"overtime": 320}
    assert check(problem, roster_of({"a": "D------"})).penalties == {"undertime": 16}
