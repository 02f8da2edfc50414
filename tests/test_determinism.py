"""Deterministic mode: the same input, seed and worker count give the same roster."""

from __future__ import annotations

from pathlib import Path

from scheduler.problem import build_problem
from scheduler.scenario.load import load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve
from scheduler.solve.budget import PATTERN_SHARE, TimeBudget

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


def test_deterministic_decomposed_solves_are_identical() -> None:
    # The decomposed strategy with weekly patterns: column generation by iteration count, CP-SAT by
    # deterministic time, so the same settings give the same roster.
    from scheduler.generate import generate
    from scheduler.scenario.load import load_source
    from scheduler.scenario.yaml_source import YamlSource

    text = generate(60, zones=1, days=7, seed=3)
    settings = SolverSettings(deterministic=True, seed=1, workers=2, time_limit=6, strategy="decomposed")
    rosters = [solve(build_problem(load_source(YamlSource(text, "<generated>"), None)), settings, diagnose=False)
               for _ in range(2)]
    assert rosters[0].info.status in ("OPTIMAL", "FEASIBLE")
    assert rosters[0].assignments == rosters[1].assignments
    assert rosters[0].info.objective == rosters[1].info.objective


def test_deterministic_pattern_time_comes_from_the_settings_alone() -> None:
    """The weekly patterns' column generation gets its share of the limit whatever the clock says
    (a loaded machine once gave it less, and a different roster, in deterministic mode)."""
    deterministic = TimeBudget(total=60.0, start=0.0, deterministic=True)
    assert deterministic.pattern_generation(usable=1.0) == deterministic.pattern_generation(usable=50.0) == PATTERN_SHARE * 60
    by_clock = TimeBudget(total=60.0, start=0.0)
    assert by_clock.pattern_generation(usable=1.0) == 0.6  # 0.6 of what the clock leaves
