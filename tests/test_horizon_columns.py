"""Column generation over whole-horizon schedules (`scheduler/model/horizon_columns.py`): which problems
it applies to, the rounding of its bound, its columns legal by the benchmark's own rules, its bound a
true lower bound, and the roster searched from its relaxation."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from ortools.sat.python import cp_model

import scheduler.solve.horizon_columns as horizon
from scheduler.model.build import build_model
from scheduler.model.penalties import POINT
from scheduler.nrp import nrp_objective, nrp_violations, parse_nrp, read_nrp_scenario
from scheduler.problem import Problem, build_problem
from scheduler.scenario.load import load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import auto_strategy, whole_horizon_columns
from scheduler.solve.horizon_columns import _round_up, horizon_columns, relaxation_search, separable

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "nrp"
OPTIMUM = {1: 607, 2: 828, 3: 1001}  # benchmarks/data/nrp/README.md: proven optimal


def _nrp(i: int) -> Problem:
    return build_problem(read_nrp_scenario(DATA / f"Instance{i}.txt"))


def _assignment(problem: Problem, worked: dict[int, list[int]]) -> dict[tuple[str, int], str]:
    out = {}
    for o, instances in worked.items():
        for i in instances:
            inst = problem.instances[i]
            out[(problem.officers[o].id, inst.day)] = problem.shift_types[inst.shift].id
    return out


def _run(solver: cp_model.CpSolver, model: cp_model.CpModel, callback=None) -> int:
    return solver.solve(model, callback)


def test_separable_only_when_officers_meet_in_cover_alone() -> None:
    assert separable(_nrp(1))
    # A police zone has tasks, hotspots and response demand per time window: officers meet in all of them.
    assert not separable(build_problem(load_scenario(ROOT / "examples" / "tiny" / "zone.yaml")))


def test_bound_rounds_up_to_the_objective_granularity() -> None:
    # Objective values are 0 + multiples of 60 (one point = 60 internal units): a relaxation of
    # 1,054.08 points (63,245 units) proves 1,055 points (63,300 units).
    assert _round_up(63_245, 60, 0) == 63_300
    assert _round_up(63_300, 60, 0) == 63_300  # already a value: unchanged
    assert _round_up(63_301, 60, 0) == 63_360
    # With an offset of 7 units, values are 7 + 60k: 100 rounds up to 127, -50 to 7, -60 to -53.
    assert _round_up(100, 60, 7) == 127
    assert _round_up(-50, 60, 7) == 7
    assert _round_up(-60, 60, 7) == -53
    assert _round_up(101, 0, 0) == 101  # no granularity known: unchanged


@pytest.mark.parametrize("i", sorted(OPTIMUM))
def test_bound_is_a_lower_bound_and_columns_are_legal(i: int) -> None:
    problem = _nrp(i)
    columns = horizon_columns(problem, time_limit=30, workers=2, deterministic=True)
    assert columns is not None and columns.converged
    assert columns.relaxation >= columns.bound - 1e-6
    assert columns.bound <= OPTIMUM[i]
    # The heaviest column of every officer is a schedule of his own: legal by the benchmark's hard rules
    # (cover is soft, so a roster of legal schedules has no hard violation whatever they add up to).
    instance = parse_nrp(DATA / f"Instance{i}.txt")
    assert nrp_violations(instance, _assignment(problem, columns.heaviest)) == []
    # The relaxation's x per cell is a convex combination: between 0 and 1, and one shift a day at most.
    per_day: dict[tuple[int, int], float] = {}
    for (o, inst), x in columns.share.items():
        assert -1e-9 <= x <= 1 + 1e-9
        per_day[(o, problem.instances[inst].day)] = per_day.get((o, problem.instances[inst].day), 0.0) + x
    assert max(per_day.values()) <= 1 + 1e-6


def test_search_from_the_relaxation_gives_a_legal_roster_no_worse_than_its_heaviest_columns() -> None:
    problem = _nrp(3)
    columns = horizon_columns(problem, time_limit=30, workers=2, deterministic=True)
    assert columns is not None
    settings = SolverSettings(time_limit=5, workers=2, seed=0, deterministic=True)
    worked = relaxation_search(problem, build_model(problem), columns, settings, 5, _run)
    instance = parse_nrp(DATA / "Instance3.txt")
    roster = _assignment(problem, worked)
    assert nrp_violations(instance, roster) == []
    assert nrp_objective(instance, roster) <= nrp_objective(instance, _assignment(problem, columns.heaviest))
    assert nrp_objective(instance, roster) >= columns.bound  # the bound holds for this roster too
    assert sorted(worked) == list(range(len(problem.officers)))


def test_deterministic_column_generation_is_repeatable() -> None:
    problem = _nrp(2)
    first = horizon_columns(problem, time_limit=30, workers=2, deterministic=True)
    second = horizon_columns(problem, time_limit=30, workers=2, deterministic=True)
    assert first is not None and second is not None
    assert (first.bound, first.iterations, first.columns, first.heaviest) == (
        second.bound, second.iterations, second.columns, second.heaviest)
    assert first.bound * POINT == pytest.approx(round(first.bound * POINT))


def test_the_relaxations_ones_alone_find_what_its_zeros_forbid(monkeypatch: pytest.MonkeyPatch) -> None:
    # Instance 5: with every integral cell of the relaxation fixed the best roster is 1,241 points (12
    # covers short); with its ones fixed alone, 1,152 (11 short: the zeros forbade a cell it needs).
    monkeypatch.setattr(horizon, "STALL", 0)  # the two first solves only, no neighbourhood
    problem = _nrp(5)
    columns = horizon_columns(problem, time_limit=30, workers=2, deterministic=True)
    assert columns is not None
    lines: list[str] = []
    settings = SolverSettings(time_limit=100, workers=2, seed=0, deterministic=True)
    worked = relaxation_search(problem, build_model(problem), columns, settings, 100, _run, lines.append)
    kept = {line.split(":")[0]: float(line.split(":")[1].split("(")[0].replace(",", "")) for line in lines}
    integral, ones = kept["[columns] relaxation's integral cells kept"], kept["[columns] relaxation's ones kept"]
    assert ones < integral
    instance = parse_nrp(DATA / "Instance5.txt")
    roster = _assignment(problem, worked)
    assert nrp_violations(instance, roster) == []
    assert nrp_objective(instance, roster) == ones


def test_a_long_horizon_of_cover_alone_is_solved_whole_up_to_its_size() -> None:
    # Instance 1: 8 staff, 14 days, shift cover alone. As if 56 days: 448 officer-days, within
    # COVER_ONLY_WHOLE_HORIZON_MAX (2,000): columns over the whole horizon, not windows.
    problem = _nrp(1)
    long = dataclasses.replace(problem, days=56)
    assert whole_horizon_columns(long) and auto_strategy(long) == "monolithic"
    # 40 staff over 56 days: 2,240 officer-days, rolled (each window by the strategy for its size).
    many = dataclasses.replace(long, officers=problem.officers * 5)
    assert not whole_horizon_columns(many) and auto_strategy(many) == "decomposed"
