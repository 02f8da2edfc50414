"""`compare --until-decided`: re-solves go where the bounds leave a verdict open, widest first, and stop
when every verdict is decided; a zone the policy leaves as the baseline's is never re-solved."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

import scheduler.solve as solve_module
from scheduler.compare.refine import MIN_RESOLVE_SECONDS
from scheduler.compare.run import CompareSettings, compare_table, decide_verdicts, run_compare, scenario_specs
from scheduler.problem import Problem
from scheduler.roster import Roster
from scheduler.scenario.schema import SolverSettings
from tests.test_compare_outputs import run as run_cli
from tests.test_region import region, write

SETTINGS = CompareSettings(time_limit=5, workers=1, seed=0, deterministic=True, keep_solves=True)


def unfinished_first(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The first solve of each zone problem proves a bound 10 points per officer below the optimum it
    found (a search stopped early); any later one proves the optimum. Records (zone, officers) per solve."""
    solved: list[tuple[str, int]] = []
    real = solve_module.solve_one

    def solve_one(problem: Problem, settings: SolverSettings, *args: Any) -> Roster:
        roster = real(problem, settings, *args)
        first = (problem.zone, len(problem.officers)) not in solved
        solved.append((problem.zone, len(problem.officers)))
        if first and roster.info.objective is not None:
            bound = roster.info.objective - 10 * len(problem.officers)
            roster.info = dataclasses.replace(roster.info, best_bound=bound, status="FEASIBLE",
                                              gap=(roster.info.objective - bound) / roster.info.objective)
        return roster

    monkeypatch.setattr(solve_module, "solve_one", solve_one)
    return solved


def test_re_solves_go_to_the_widest_open_gap_until_decided(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, region())
    solved = unfinished_first(monkeypatch)
    specs = scenario_specs(path, ["plus-2-a"], False)
    results = run_compare(path, specs, SETTINGS, str(tmp_path / "out"), jobs=1, in_process=True)
    assert solved == [("a", 2), ("b", 3), ("a", 4)]  # plus-2-a's zone b is the baseline's
    # Optima (exact, checked by the second solves below): baseline a 8, b 16; plus-2-a a 2.5667 (77/30).
    # First pass bounds: baseline a 8 - 20 = -12, b 16 - 30 = -14; plus-2-a a 2.5667 - 40 = -37.433.
    # Zone b is the same problem in both: [0, 0]. Zone a: [-37.433 - 8, 2.5667 + 12] = [-45.43, +14.57]:
    # undecided, though the found difference is -5.43.
    assert compare_table(results)["scenarios"][1]["verdict_kind"] == "undecided"

    results, decided = decide_verdicts(path, results, SETTINGS, str(tmp_path / "out"), 60)
    # Widest first: plus-2-a's zone a (gap 40) then the baseline's (20); b (gap 30) widens nothing.
    assert solved[3:] == [("a", 4), ("a", 2)]
    assert [(r["scenario"], r["zone"]) for r in decided.rounds] == [("plus-2-a", "a"), ("baseline", "a")]
    # After the first re-solve: [2.5667 - 8, 2.5667 + 12] = [-5.43, +14.57], still open; after the second,
    # both optimal: [-5.43, -5.43], better.
    assert decided.rounds[0]["decided"] == [] and decided.rounds[1]["decided"] == ["plus-2-a", "plus-2-a zone a"]
    assert decided.undecided == [] and decided.spent_s == 2 * MIN_RESOLVE_SECONDS
    table = compare_table(results, decided)
    assert table["scenarios"][1]["verdict_kind"] == "better"
    assert table["scenarios"][1]["objective_range"] == [-5.43, -5.43]
    # The baseline's zone b keeps its first solve's unproven bound: nothing depended on it.
    assert results[0].summary["zones"]["b"]["best_bound"] == pytest.approx(-14)
    assert results[1].summary["zones"]["b"]["shared"] and not results[1].summary["zones"]["a"]["shared"]
    assert table["decided"]["rounds"][1]["after"] == [8.0, 8.0]
    assert table["notes"][-1] == "until decided: 2 re-solves in 20 s of 60 s"


def test_out_of_time_says_what_stayed_open_and_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, region())
    solved = unfinished_first(monkeypatch)
    specs = scenario_specs(path, ["plus-2-a"], False)
    results = run_compare(path, specs, SETTINGS, None, jobs=1, in_process=True)
    results, decided = decide_verdicts(path, results, SETTINGS, None, MIN_RESOLVE_SECONDS / 2)
    assert len(solved) == 3 and decided.rounds == []  # less than one re-solve's minimum: none
    assert decided.undecided == [
        {"policy": "plus-2-a", "zone": None, "range": [-45.43, 14.57],
         "why": "the time ran out; the widest contribution is plus-2-a zone a's gap of 40 points"},
        {"policy": "plus-2-a", "zone": "a", "range": [-45.43, 14.57],
         "why": "the time ran out; the widest contribution is plus-2-a zone a's gap of 40 points"},
    ]
    assert "plus-2-a: undecided, the time ran out; the widest contribution is plus-2-a zone a's gap of 40 points" in (
        compare_table(results, decided)["notes"])


def test_a_scenario_solved_as_one_problem_is_re_solved_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, region())
    solved = unfinished_first(monkeypatch)
    specs = scenario_specs(path, ["merged"], False)
    results = run_compare(path, specs, SETTINGS, None, jobs=1, in_process=True)
    assert solved == [("a", 2), ("b", 3), ("a", 5)]  # the merged problem keeps the file's zone id
    # Zones against one merged zone: the range comes from the totals, so every solve widens it. Gaps:
    # merged 10 * 5 = 50, b 30, a 20; optima 24 (merged) and 8 + 16 (baseline).
    results, decided = decide_verdicts(path, results, SETTINGS, None, 60)
    assert [(r["scenario"], r["zone"]) for r in decided.rounds] == [("merged", None), ("baseline", "b"),
                                                                    ("baseline", "a")]
    # [24 - 24, 24 - (8 - 20 + 16 - 30)] = [0, +50], then [0, +20] (b proven 16), then [0, 0]: equal.
    assert [r["decided"] for r in decided.rounds] == [[], [], ["merged"]]
    assert compare_table(results, decided)["scenarios"][1]["verdict_kind"] == "equal"


def test_the_command_writes_what_it_decided(tmp_path: Path) -> None:
    path = write(tmp_path, region())
    out = tmp_path / "out"
    res = run_cli("compare", path, "--policy", "plus-2-a", "--time-limit", 5, "--workers", 1, "--deterministic",
                  "--jobs", 1, "--quiet", "--until-decided", 30, "--out", out)
    assert res.exit_code == 0, res.output
    doc = json.loads((out / "compare.json").read_text(encoding="utf-8"))
    # Every solve of this small region is proven optimal in the first pass: nothing to re-solve.
    assert doc["decided"] == {"cap_s": 30.0, "spent_s": 0.0, "rounds": [], "undecided": []}
    assert "until decided: 0 re-solves in 0 s of 30 s" in doc["notes"]
    assert doc["scenarios"][1]["verdict_kind"] == "better"
    bad = run_cli("compare", path, "--policy", "plus-2-a", "--until-decided", 0, "--out", out)
    assert bad.exit_code == 2 and "--until-decided" in bad.output
