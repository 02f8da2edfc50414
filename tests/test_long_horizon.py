"""Horizons of 8 and 13 weeks: loaded, rolled window by window, checked over the whole horizon; a
scenario too large for memory refused before anything is built."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import scheduler.solve.memory as memory
from scheduler.api import load_problem
from scheduler.check import check_roster
from scheduler.errors import InputError
from scheduler.solve import solve
from scheduler.solve.rolling import windows
from scheduler.solve.window_problem import window_problem

TINY = Path(__file__).resolve().parent.parent / "examples" / "tiny" / "zone.yaml"


def _tiny(tmp_path: Path, days: int) -> Path:
    text = TINY.read_text(encoding="utf-8")
    assert "\n  days: 7\n" in text
    path = tmp_path / f"tiny-{days}.yaml"
    path.write_text(text.replace("\n  days: 7\n", f"\n  days: {days}\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize("days", [56, 91])
def test_long_horizon_gets_a_checked_roster(tmp_path: Path, days: int) -> None:
    loaded, problem = load_problem(_tiny(tmp_path, days))
    assert problem.days == days
    settings = loaded.scenario.solver.model_copy(update={"time_limit": 12.0, "workers": 2, "seed": 0})
    lines: list[str] = []
    roster = solve(problem, settings, log_callback=lines.append)
    assert any(line.startswith("[rolling]") for line in lines)
    assert roster.info.status in ("OPTIMAL", "FEASIBLE")
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == []
    assert roster.info.objective == pytest.approx(result.objective)
    # The bound is the staffing plan's over the whole horizon: a true lower bound.
    assert roster.info.best_bound is not None and roster.info.best_bound <= roster.info.objective
    assert {a.day // 7 for a in roster.assignments} == set(range(days // 7))


def test_windows_cover_the_horizon_once() -> None:
    assert windows(56, 14) == [(0, 14), (14, 28), (28, 42), (42, 56)]
    assert windows(91, 14)[-2:] == [(70, 84), (84, 91)]
    assert windows(60, 14)[-1] == (42, 60)  # a remainder under a week joins the last window
    assert windows(364, 14)[-1] == (350, 364)


def test_a_window_sees_the_fixed_days(tmp_path: Path) -> None:
    _, problem = load_problem(_tiny(tmp_path, 28))
    sub = window_problem(problem, 14, 28, {0: [(problem.instance_of(13, 0).index, 0)]})
    assert sub.days == 14 and len(sub.instances) == 14 * len(problem.shift_types)
    assert sub.start_date == problem.date_of(14)
    officer = sub.officers[0]
    assert any(h.day == -1 for h in officer.history)  # day 13 is the window's day -1
    assert officer.prior_nights >= problem.officers[0].prior_nights


def test_too_large_is_refused_before_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _tiny(tmp_path, 91)
    monkeypatch.setattr(memory, "LIMIT_MIB", 100.0)
    with pytest.raises(InputError) as info:
        load_problem(path)
    text = str(info.value)
    assert str(path) in text and "horizon.days" in text and "GiB" in text


def test_estimate_grows_with_the_window_not_the_horizon() -> None:
    week = memory.estimate_mib(150, 364, 32)
    assert week < memory.LIMIT_MIB
    assert memory.too_large(10_000, 364, 32) is not None
    assert memory.estimate_mib(100, 364, 5) < 2 * memory.estimate_mib(100, 56, 5)


def test_a_window_left_without_a_roster_is_solved_again_with_the_one_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scheduler.solve as solve_module
    from scheduler.roster import Roster, SolveInfo

    loaded, problem = load_problem(_tiny(tmp_path, 56))
    real = solve_module._solve_run
    seen: list[tuple[int, int]] = []

    def solve_run(run: Any, strategy: str) -> Roster:
        window = ((run.problem.start_date - problem.start_date).days, run.problem.days)
        seen.append(window)
        if window == (14, 21) and seen.count(window) == 1:  # days 15-28 (and 7 ahead): as if the seam were illegal
            return Roster([], SolveInfo("INFEASIBLE"))
        return real(run, strategy)

    monkeypatch.setattr(solve_module, "_solve_run", solve_run)
    settings = loaded.scenario.solver.model_copy(update={"time_limit": 12.0, "workers": 2, "seed": 0})
    lines: list[str] = []
    roster = solve(problem, settings, log_callback=lines.append)
    # Windows of 14 days with 7 ahead; the second one fails, so days 1-28 are solved again as one window
    # (with 7 ahead: 35 days), and the roll goes on from day 29.
    assert seen == [(0, 21), (14, 21), (0, 35), (28, 21), (42, 14)]
    assert any("days 15-28: no roster (INFEASIBLE) given the days before; solved again with days 1-14" in line
               for line in lines)
    assert roster.info.status in ("OPTIMAL", "FEASIBLE")
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == []
    assert {a.day // 7 for a in roster.assignments} == set(range(8))


def test_a_window_keeps_pace_with_a_horizon_minimum(tmp_path: Path) -> None:
    import dataclasses

    _, problem = load_problem(_tiny(tmp_path, 56))
    o = dataclasses.replace(problem.officers[0], min_minutes=5600, unavailable=[])
    leave = [(problem.day_start[0], problem.day_start[7], "leave")]  # days 0-6 wholly away
    away = dataclasses.replace(o, index=1, unavailable=leave)
    problem = dataclasses.replace(problem, officers=[o, away])
    sub = window_problem(problem, 14, 35, {})
    # Days 14-34 (a window with its look ahead), nothing worked yet. The 21 days after it could make up
    # the whole minimum, so what binds is the pace: its share of the days present up to a week before
    # the window's end. All 56 days present: 5600 x (35 - 7) / 56 = 2800. A week away: 49 days present,
    # 28 of them before day 35: 5600 x (28 - 7) / 49 = 2400.
    assert [x.min_minutes for x in sub.officers] == [2800, 2400]
