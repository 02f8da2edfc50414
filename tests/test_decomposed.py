"""The decomposed strategy's pieces: the plan is a valid lower bound, the greedy roster is legal,
and the whole strategy returns a roster the checker agrees with."""

from __future__ import annotations

from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from scheduler.check import check_roster
from scheduler.config import SolverSettings
from scheduler.load import load_scenario
from scheduler.model.build import build_model
from scheduler.model.greedy import greedy_roster
from scheduler.model.plan import build_plan_model
from scheduler.model.solve import solve
from scheduler.model.windows import improve_window, windows
from scheduler.problem import build_problem
from scheduler.roster import Assignment
from tests.random_scenarios import load_random

ROOT = Path(__file__).resolve().parent.parent


def plan_bound(problem) -> tuple[float, dict]:
    plan = build_plan_model(problem)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 20
    assert solver.solve(plan.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    targets = {key: var if isinstance(var, int) else solver.value(var) for key, var in plan.y.items()}
    return solver.best_objective_bound / 60, {"plan": plan, "targets": targets}


@pytest.mark.parametrize("seed", range(12))
def test_plan_is_a_lower_bound_of_the_proven_optimum(seed: int) -> None:
    # The plan relaxes the roster model (class counts, implied sums, convex lower bounds), so its
    # optimum can never exceed the roster model's proven optimum.
    problem = build_problem(load_random(seed))
    roster = solve(problem, SolverSettings(time_limit=10, workers=2, strategy="monolithic"))
    if roster.info.status != "OPTIMAL":
        pytest.skip(f"seed {seed}: not proven optimal in 10 s ({roster.info.status})")
    bound, _ = plan_bound(problem)
    assert bound <= roster.info.objective + 1e-6


@pytest.mark.parametrize("seed", range(12))
def test_greedy_roster_has_no_hard_violation(seed: int) -> None:
    problem = build_problem(load_random(seed))
    _, found = plan_bound(problem)
    worked = greedy_roster(problem, found["plan"].vars.classes, found["targets"])
    if worked is None:
        pytest.skip("greedy found no legal roster (the strategy falls back)")
    assignments = [
        Assignment(problem.officers[o].id, problem.instances[i].day,
                   problem.shift_types[problem.instances[i].shift].id, "response")
        for o, insts in worked.items() for i in insts
        if 0 in problem.officers[o].duties
    ]
    # Officers who may not do response get no shift in this check (their duty comes later).
    assert [str(v) for v in check_roster(problem, assignments).hard_violations if v.rule != "skills"] == []


def test_decomposed_strategy_on_the_tiny_example_agrees_with_the_checker() -> None:
    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    roster = solve(problem, SolverSettings(time_limit=8, workers=2, strategy="decomposed"))
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == []
    assert result.objective == pytest.approx(roster.info.objective, abs=1e-6)
    bound, _ = plan_bound(problem)
    assert roster.info.best_bound >= bound - 1e-6  # the plan's bound is kept


def test_windows_cover_the_horizon_with_overlaps() -> None:
    assert [list(w) for w in windows(7, 2)] == [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 6]]
    assert [list(w) for w in windows(7, 3)] == [[0, 1, 2], [2, 3, 4], [4, 5, 6]]
    assert [list(w) for w in windows(8, 3)] == [[0, 1, 2], [2, 3, 4], [4, 5, 6], [5, 6, 7]]
    assert [list(w) for w in windows(2, 3)] == [[0, 1]]


def test_a_window_step_keeps_the_other_days_and_its_gain_is_the_checker_s() -> None:
    # The tiny zone's optimal roster with every shift of days 1-2 taken away: legal (nothing there is
    # a minimum) but short of response. Re-deciding days 1-2 must put shifts back there, leave every
    # other day's shifts as they were, and gain exactly what the checker sees between the two rosters.
    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    best = solve(problem, SolverSettings(time_limit=8, workers=2, strategy="monolithic"))
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    officer_ix = {o.id: o.index for o in problem.officers}
    current = {
        (officer_ix[a.officer], problem.instance_of(a.day, shift_ix[a.shift]).index): duty_ix[a.duty]
        for a in best.assignments if a.day not in (1, 2)
    }

    def objective(roster: dict) -> float:
        return check_roster(problem, [
            Assignment(problem.officers[o].id, problem.instances[i].day,
                       problem.shift_types[problem.instances[i].shift].id, problem.duties[k].id)
            for (o, i), k in roster.items()
        ]).objective

    better = improve_window(problem, build_model(problem), current, range(1, 3),
                            SolverSettings(time_limit=5, workers=2), 5.0)
    assert better is not None
    roster, gain = better
    outside = lambda r: sorted(key for key in r if problem.instances[key[1]].day not in (1, 2))  # noqa: E731
    assert outside(roster) == outside(current)
    assert any(problem.instances[i].day in (1, 2) for _, i in roster)
    assert objective(current) - objective(roster) == pytest.approx(gain, abs=1e-6)
