"""A roster of a similar problem as a first roster (`solve/start.py`): compare starts a policy's changed
zone from the baseline's roster of it, and a re-solve of `--until-decided` from its own best roster."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import scheduler.solve as solve_module
from scheduler.compare.run import CompareSettings, run_compare, scenario_specs
from scheduler.problem import Problem
from scheduler.roster import Assignment, Roster, SolveInfo
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.start import start_worked
from tests.rules.conftest import build, officer, scenario
from tests.test_region import region, write


def test_start_keeps_what_the_problem_allows() -> None:
    # Two days of shift D. o1 is away on day 1; "gone" is not in this problem; shift "X" does not exist.
    away = [{"start": "2026-03-03T00:00", "end": "2026-03-04T00:00", "reason": "leave"}]
    problem = build(scenario([officer("o1", unavailable=away), officer("o2")], days=2))
    roster = Roster([Assignment("o1", 0, "D", "response"), Assignment("o1", 1, "D", "response"),
                     Assignment("o2", 1, "D", "response"), Assignment("gone", 0, "D", "response"),
                     Assignment("o2", 0, "X", "response")], SolveInfo("FEASIBLE"))
    o1, o2 = (o.index for o in problem.officers)
    d = len(problem.shift_types)  # instance of (day, shift D): day * shift types + D's index
    D = next(s.index for s in problem.shift_types if s.id == "D")
    assert start_worked(problem, roster) == {o1: [D], o2: [d + D]}


def recorded_starts(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, Roster | None]]:
    """(zone, officers, start roster) of every problem solve() hands to solve_one, in order."""
    starts: list[tuple[str, int, Roster | None]] = []
    real = solve_module.solve_one

    def solve_one(problem: Problem, settings: SolverSettings, *args: Any) -> Roster:
        starts.append((problem.zone, len(problem.officers), args[3] if len(args) > 3 else None))
        return real(problem, settings, *args)

    monkeypatch.setattr(solve_module, "solve_one", solve_one)
    return starts


def test_a_changed_zone_starts_from_the_baselines_roster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, region())
    starts = recorded_starts(monkeypatch)
    specs = scenario_specs(path, ["plus-2-a"], False)
    base, policy = run_compare(path, specs, CompareSettings(time_limit=5, workers=1, seed=0, deterministic=True),
                               None, jobs=1, in_process=True)
    # The baseline's zones start from nothing; plus-2-a solves only a (b is the baseline's), from the
    # baseline's roster of a: the same assignments as the baseline's officers a1 and a2 have there.
    assert [(z, n) for z, n, _ in starts] == [("a", 2), ("b", 3), ("a", 4)]
    assert starts[0][2] is None and starts[1][2] is None
    given = starts[2][2]
    assert given is not None
    assert sorted((a.officer, a.day, a.shift) for a in given.assignments) == sorted(
        (a.officer, a.day, a.shift) for a in base_rosters_of_zone(base, "a"))


def test_a_merger_starts_from_the_baselines_zone_rosters_joined(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, region())
    starts = recorded_starts(monkeypatch)
    specs = scenario_specs(path, ["merged"], False)
    base, _ = run_compare(path, specs, CompareSettings(time_limit=5, workers=1, seed=0, deterministic=True),
                          None, jobs=1, in_process=True)
    # The baseline's zones a (2 officers) and b (3) from nothing; then the merger, one problem of all 5
    # officers under the scenario's zone id (a), after the baseline: from every assignment of both zones.
    assert [(z, n) for z, n, _ in starts] == [("a", 2), ("b", 3), ("a", 5)]
    given = starts[2][2]
    assert given is not None
    both = base_rosters_of_zone(base, "a") + base_rosters_of_zone(base, "b")
    assert {a.officer[0] for a in both} == {"a", "b"}  # someone works in each zone: the join is of both
    assert sorted((a.officer, a.day, a.shift) for a in given.assignments) == sorted(
        (a.officer, a.day, a.shift) for a in both)


def base_rosters_of_zone(result: Any, zone: str) -> list[Assignment]:
    fp = result.summary["zones"][zone]["fingerprint"]
    return result.zone_rosters[fp].assignments


def test_the_decomposed_strategy_starts_from_a_better_roster_when_given_one() -> None:
    # The tiny zone, solved for 6 s; then for 1 s from that roster: the checker scores it better than
    # the greedy first roster, so the search goes on from it and ends no worse.
    from scheduler.api import load_problem

    _, problem = load_problem(str(Path(__file__).parent.parent / "examples/tiny/zone.yaml"))
    settings = SolverSettings(time_limit=6, workers=1, seed=0, deterministic=True, strategy="decomposed")
    first = solve_module.solve_one(problem, settings, diagnose=False)
    assert first.info.objective is not None
    lines: list[str] = []
    again = solve_module.solve_one(problem, settings.model_copy(update={"time_limit": 1}), None, lines.append,
                                   False, first)
    kept = [line for line in lines if line.startswith("[start]")]
    assert len(kept) == 1 and kept[0].endswith(": start kept"), kept
    assert again.info.objective is not None and again.info.objective <= first.info.objective
