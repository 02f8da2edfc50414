"""The search over a long horizon after the rolling windows: stretches that start on Mondays, officers
drawn by seed, and only steps the checker scores better over the whole horizon are kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import scheduler.solve.horizon_search as horizon_search
from scheduler.api import load_problem
from scheduler.check import check_roster
from scheduler.problem import Problem
from scheduler.roster import Assignment
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve
from scheduler.solve.context import RunContext
from scheduler.solve.horizon_search import members_of, search_horizon, stretches
from scheduler.solve.interrupt import Interrupt
from scheduler.solve.memory import model_cells

TINY = Path(__file__).resolve().parent.parent / "examples" / "tiny" / "zone.yaml"


FourWeeks = tuple[Problem, SolverSettings, list[Assignment]]


@pytest.fixture(scope="module")
def four_weeks(tmp_path_factory: pytest.TempPathFactory) -> FourWeeks:
    """Four weeks of the tiny zone and a legal roster of them (solved once for the module)."""
    text = TINY.read_text(encoding="utf-8")
    assert "\n  days: 7\n" in text
    path = tmp_path_factory.mktemp("four-weeks") / "tiny-28.yaml"
    path.write_text(text.replace("\n  days: 7\n", "\n  days: 28\n"), encoding="utf-8")
    loaded, problem = load_problem(path)
    settings = loaded.scenario.solver.model_copy(update={"time_limit": 6.0, "workers": 1, "seed": 0,
                                                         "deterministic": True})
    roster = solve(problem, settings)
    assert check_roster(problem, roster.assignments).hard_violations == []
    return problem, settings, roster.assignments


def _search(problem: Problem, settings: SolverSettings, assignments: list[Assignment], seconds: float) -> list[Assignment]:
    with Interrupt() as interrupt:
        run = RunContext(problem, settings, interrupt)
        return search_horizon(run, assignments, run.start + seconds, seconds)


def test_stretches_start_on_mondays_and_reach_the_end() -> None:
    assert stretches(56, 14) == [0, 7, 14, 21, 28, 35, 42, 49]
    assert stretches(60, 14)[-1] == 56  # the last days are free in a stretch of their own
    assert stretches(5, 14) == [0]


def test_members_are_everyone_or_a_repeatable_draw(four_weeks: FourWeeks) -> None:
    problem, _, _ = four_weeks
    n = len(problem.officers)
    assert members_of(problem, n, 0, 3) == list(range(n))
    drawn = members_of(problem, 4, 7, 3)
    assert len(set(drawn)) == 4 and drawn == sorted(drawn) and drawn == members_of(problem, 4, 7, 3)
    assert any(members_of(problem, 4, 7, turn) != drawn for turn in range(4, 10))


def test_a_week_taken_out_is_rostered_again(four_weeks: FourWeeks) -> None:
    problem, settings, assignments = four_weeks
    damaged = [a for a in assignments if not 7 <= a.day < 14]
    before = check_roster(problem, damaged)
    assert before.penalties.get("response_shortfall", 0) > 0  # a week without anyone on duty
    after = check_roster(problem, _search(problem, settings, damaged, 12.0))
    assert len(after.hard_violations) <= len(before.hard_violations)
    assert after.objective < before.objective
    assert after.penalties.get("response_shortfall", 0) < before.penalties["response_shortfall"]


def test_a_step_the_checker_scores_worse_is_not_kept(four_weeks: FourWeeks, monkeypatch: pytest.MonkeyPatch) -> None:
    problem, settings, assignments = four_weeks
    # Every stretch "proposes" the roster with one officer on two shifts of day 3: a hard violation the
    # sub-model cannot see, whatever it claims to gain.
    a = next(a for a in assignments if a.day == 3)
    other = next(s.id for s in problem.shift_types if s.id != a.shift)
    broken = assignments + [Assignment(a.officer, 3, other, a.duty)]

    def proposes(problem_: Problem, current: dict, first: int, members: list[int], run: RunContext,
                 limit: float) -> dict[tuple[int, int], int]:
        officer_ix = {o.id: o.index for o in problem.officers}
        shift_ix = {s.id: s.index for s in problem.shift_types}
        duty_ix = {d.id: d.index for d in problem.duties}
        return {(officer_ix[b.officer], problem.instance_of(b.day, shift_ix[b.shift]).index): duty_ix[b.duty]
                for b in broken}

    monkeypatch.setattr(horizon_search, "improve_stretch", proposes)
    kept = _search(problem, settings, assignments, 8.0)
    assert sorted(kept, key=lambda b: (b.day, b.officer, b.shift)) == sorted(assignments, key=lambda b: (b.day, b.officer, b.shift))


def test_deterministic_search_gives_the_same_roster(four_weeks: FourWeeks) -> None:
    problem, settings, assignments = four_weeks
    damaged = [a for a in assignments if not 14 <= a.day < 21]
    assert _search(problem, settings, damaged, 8.0) == _search(problem, settings, damaged, 8.0)


def test_memory_counts_the_larger_of_a_window_and_a_stretch() -> None:
    # 40 officers: a window is 40 x 21 days, a stretch 40 x 35 (14 free, 21 fixed ahead): the stretch.
    assert model_cells(40, 364, 5, "auto") == 40 * 35 * 5
    # 1,000 officers: a stretch holds 60 of them (1,000 x 21 > 60 x 35): the window.
    assert model_cells(1000, 364, 5, "auto") == 1000 * 21 * 5
    assert model_cells(40, 28, 5, "auto") == 40 * 28 * 5  # not rolled: the full model
