"""Deterministic mode: the same input, seed and worker count give the same roster."""

from __future__ import annotations

from pathlib import Path

from scheduler.config import SolverSettings
from scheduler.load import load_scenario
from scheduler.model.solve import solve
from scheduler.problem import build_problem

TINY = Path(__file__).resolve().parent.parent / "examples" / "tiny" / "zone.yaml"


def test_deterministic_solves_are_identical() -> None:
    settings = SolverSettings(deterministic=True, seed=7, workers=2, time_limit=3)
    first = solve(build_problem(load_scenario(TINY)), settings, diagnose=False)
    second = solve(build_problem(load_scenario(TINY)), settings, diagnose=False)
    assert first.info.status in ("OPTIMAL", "FEASIBLE")
    assert first.info.deterministic and second.info.deterministic
    assert first.assignments == second.assignments
    assert first.info.objective == second.info.objective
    assert first.info.penalties == second.info.penalties
