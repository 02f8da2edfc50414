"""Unmet mandatory work as a proven range: the least any roster can leave, per scenario and per zone, and
the verdicts compare draws from it (compare/unmet.py, solve/least_unmet.py, compare/verdicts.py).

The region is tests/test_region.py's: one Monday, one 8-hour shift, zone a (2 officers) hosts a match.
Here the match wants 6 officers of which 5 are HyCap help: a staffs 1, b (3 officers) is asked for 5.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

import scheduler.compare.unmet as unmet_module
from scheduler.api import load_problem
from scheduler.compare.run import CompareSettings, compare_table, run_compare, scenario_specs
from scheduler.compare.text import table_markdown
from scheduler.compare.unmet import add_unmet_ranges, floors
from scheduler.compare.verdicts import UNMET, ProvenRange, proven_range
from scheduler.measures import compute_measures
from scheduler.problem import Problem, build_problem
from scheduler.roster import Assignment
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve
from scheduler.solve.least_unmet import UnmetRange, least_unmet
from scheduler.solve.split import split_by_zone
from tests.random_scenarios import load_random
from tests.test_region import MATCH, region, write

SETTINGS = SolverSettings(time_limit=10, workers=1, seed=0, deterministic=True)


def short_region(tmp_path: Path) -> str:
    d = region()
    d["tasks"] = [{**MATCH, "headcount": 6, "hycap_officers": 5}]
    return write(tmp_path, d)


def zone_problem(path: str, zone: str, policies: tuple[str, ...] = ()) -> Problem:
    _, problem = load_problem(path, policies=policies)
    return next(p for p in split_by_zone(problem) or [] if p.zone == zone)


def test_the_floor_is_what_no_roster_can_avoid(tmp_path: Path) -> None:
    path = short_region(tmp_path)
    # b is asked for 5 officers for 8 h and has 3: at least (5 - 3) x 8 = 16 officer-hours stay unmet,
    # and a roster with all three on the match leaves exactly 16: floor and ceiling 16.
    assert least_unmet(zone_problem(path, "b"), SETTINGS, found_hours=40) == UnmetRange(16, 16)
    # The same from a roster with all three on the match: the search starts from it.
    on_match = [Assignment(o, 0, "D", "match@b") for o in ("b1", "b2", "b3")]
    assert least_unmet(zone_problem(path, "b"), SETTINGS, 16, roster=on_match) == UnmetRange(16, 16)
    # a's own officer on the match: a roster can leave nothing unmet, whatever one search found (8 h).
    assert least_unmet(zone_problem(path, "a"), SETTINGS, found_hours=8) == UnmetRange(0, 0)
    # Nothing found unmet: nothing to solve, [0, 0].
    assert least_unmet(zone_problem(path, "a"), SETTINGS, found_hours=0) == UnmetRange(0, 0)


def test_a_range_of_unmet_hours_from_floors_and_ceilings() -> None:
    # Baseline: the least unmet is in [10, 16]; policy: in [0, 4]. The policy's least is at least
    # 0 - 16 = -16 and at most 4 - 10 = -6 below the baseline's: [-16, -6], better.
    base = {"least_unmet": {"low": 10, "high": 16}}
    policy = {"least_unmet": {"low": 0, "high": 4}}
    assert proven_range(base, policy, UNMET) == ProvenRange(-16, -6)
    # A ceiling the search did not bring down to the floor: [0, 8] against [0, 0] holds zero.
    assert proven_range({"least_unmet": {"low": 0, "high": 8}}, {"least_unmet": {"low": 0, "high": 0}},
                        UNMET).kind == "undecided"
    assert proven_range({"least_unmet": None}, policy, UNMET) is None


def counted_least_unmet(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, float]]:
    """Every least-unmet question compare asks, as (zone, the roster's unmet hours)."""
    asked: list[tuple[str, float]] = []
    real = unmet_module.least_unmet

    def spy(problem: Problem, settings: SolverSettings, found_hours: float, seconds: float, roster: Any) -> Any:
        asked.append((problem.zone, found_hours))
        return real(problem, settings, found_hours, seconds, roster)

    monkeypatch.setattr(unmet_module, "least_unmet", spy)
    return asked


def test_compare_proves_a_policy_makes_work_possible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = short_region(tmp_path)
    asked = counted_least_unmet(monkeypatch)
    specs = scenario_specs(path, ["no-hycap-b", "plus-2-a", "merged"], False)
    settings = CompareSettings(time_limit=10, workers=1, seed=0, deterministic=True)
    results = run_compare(path, specs, settings, None, jobs=1, in_process=True)
    base, no_hycap, plus, merged = results
    # Baseline: b leaves 16 h unmet, proven unavoidable; a leaves none. Without b's HyCap help the
    # federal police takes it: b's least is [0, 0]. plus-2-a changes a only.
    assert base.summary["zones"]["b"]["least_unmet"] == {"low": 16, "high": 16}
    assert base.summary["zones"]["a"]["least_unmet"] == {"low": 0, "high": 0}
    assert base.summary["least_unmet"] == {"low": 16, "high": 16}
    assert no_hycap.summary["least_unmet"] == {"low": 0, "high": 0}
    assert plus.summary["zones"]["b"]["least_unmet"] == {"low": 16, "high": 16}
    assert plus.summary["zones"]["b"]["shared"]
    # Merged, a and b are one zone of 5 officers for 6 places: (6 - 5) x 8 = 8 h, proven unavoidable.
    assert merged.summary["least_unmet"] == {"low": 8, "high": 8}
    # Only a problem whose roster leaves work unmet is solved for, once: b in the baseline (plus-2-a's b
    # is the same problem: the baseline's floor, no solve) and the merger (one problem, named by the
    # scenario's own zone, a); every other zone is [0, 0] without a solve.
    assert [(z, h) for z, h in asked if h > 0] == [("b", 16), ("a", 8)]
    table = compare_table(results)
    rows = {r["measure"]: r for r in table["rows"]}
    # Region: no-hycap-b [0 - 16, 0 - 16] = [-16, -16], better; plus-2-a: a [0, 0] + b [0, 0] (same problem).
    # Merged: [8 - 16, 8 - 16] = [-8, -8], better.
    assert rows["unmet mandatory"]["ranges"] == [None, [-16, -16], [0, 0], [-8, -8]]
    assert rows["unmet mandatory"]["verdicts"] == ["reference", "better", "equal", "better"]
    # Per zone, the merger has no zone solve: each zone's floor is 0 and its ceiling its roster's hours.
    merged_b = merged.summary["least_unmet_zones"]["b"]
    assert merged_b["low"] == 0 and merged_b["high"] == merged.measures["zones"]["b"]["unmet_mandatory_officer_hours"]
    assert rows["zone b: unmet mandatory"]["ranges"][3] == [0 - 16, merged_b["high"] - 16]
    assert rows["zone b: unmet mandatory"]["verdicts"][:3] == ["reference", "better", "equal"]
    assert rows["zone a: unmet mandatory"]["verdicts"][:3] == ["reference", "equal", "equal"]
    assert "| unmet mandatory | officer-h | 16 | 0 (-16; proven -16 to -16: better) |" in table_markdown(table)


def test_better_rosters_of_the_same_problems_keep_the_floors(tmp_path: Path) -> None:
    # --until-decided rebuilds a scenario from better rosters without solving: the floor of 10 stands, the
    # ceiling drops from 24 to the new roster's unmet hours, 16 (match@b's; the match itself is met).
    _, problem = load_problem(short_region(tmp_path))
    measures = {"tasks": {"match": {"unmet_officer_hours": 0.0}, "match@b": {"unmet_officer_hours": 16.0}}}
    new: dict[str, Any] = {"fingerprint": "x"}
    old = {"fingerprint": "x", "least_unmet": {"low": 10, "high": 24}}
    add_unmet_ranges(problem, new, measures, [], known=floors(old))
    assert new["least_unmet"] == {"low": 10, "high": 16}
    # A problem not asked before, with no solver to ask: nothing proven, [0, the roster's 16 h].
    unknown: dict[str, Any] = {"fingerprint": "y"}
    add_unmet_ranges(problem, unknown, measures, [], known=floors(old))
    assert unknown["least_unmet"] == {"low": 0, "high": 16}


def test_three_zones_unmet_ranges_per_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_compare_trust import three_zones

    # The match wants 8, 7 of them HyCap help from b (3 officers) and c (2) by strength: b 4, c 3, each one
    # short for 8 h: 16 officer-hours unmet, proven unavoidable. plus-2-c gives c 4 officers: b 3, c 4,
    # nothing short. a's own part (1 officer) is the same problem in both: [0, 0].
    d = three_zones()
    d["tasks"] = [{**MATCH, "headcount": 8, "hycap_officers": 7}]
    path = write(tmp_path, d)
    asked = counted_least_unmet(monkeypatch)
    specs = scenario_specs(path, ["plus-2-c"], False)
    results = run_compare(path, specs, CompareSettings(time_limit=10, workers=1, seed=0, deterministic=True), None,
                          jobs=1, in_process=True)
    base, plus = results
    assert {z: v["least_unmet"] for z, v in base.summary["zones"].items()} == {
        "a": {"low": 0, "high": 0}, "b": {"low": 8, "high": 8}, "c": {"low": 8, "high": 8}}
    assert [(z, h) for z, h in asked if h > 0] == [("b", 8), ("c", 8)]
    rows = {r["measure"]: r for r in compare_table(results)["rows"]}
    # b: [0 - 8, 0 - 8] = [-8, -8]; c the same; a [0, 0]; the region their sum, [-16, -16].
    assert [rows[f"zone {z}: unmet mandatory"]["ranges"][1] for z in "abc"] == [[0, 0], [-8, -8], [-8, -8]]
    assert rows["unmet mandatory"]["ranges"][1] == [-16, -16] and rows["unmet mandatory"]["verdicts"][1] == "better"


def test_the_floor_holds_on_seeded_random_scenarios() -> None:
    """Seeded random scenarios (tests/random_scenarios.py: 7 or 14 days, 30- and 60-minute slots, clock
    changes, strict and soft mandatory tasks, random weights): the least-unmet floor is never above the
    unmet hours the measures count for a solved roster (a floor in the wrong unit, or from a model that
    counts other slots, would be), the ceiling found is never above them either, and both are whole
    officer-minutes. Asked with no ceiling of its own (inf), so every scenario is solved for."""
    settings = SolverSettings(time_limit=2, workers=1, seed=0, deterministic=True)
    positive = 0
    for seed in range(60):
        problem = build_problem(load_random(seed))
        roster = solve(problem, settings)
        if roster.info.status not in ("OPTIMAL", "FEASIBLE"):
            continue
        found = compute_measures(problem, roster.assignments)["unmet_mandatory_officer_hours"]
        asked = least_unmet(problem, settings, math.inf, roster=roster.assignments)
        assert asked.low <= asked.high <= found + 1e-9, seed
        assert (asked.low * 60).is_integer() and (asked.high * 60).is_integer(), seed
        assert least_unmet(problem, settings, found, roster=roster.assignments).low == asked.low, seed
        positive += asked.low > 0
    # Measured on this generator: 14 of the 60 have mandatory work no roster can staff.
    assert positive >= 10
