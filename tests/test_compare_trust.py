"""Comparisons a chief can trust: proven ranges and verdicts from the bounds, gaps flagged in the table,
identical zone problems solved once and shared, and rates over nothing shown as "no target"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import scheduler.solve as solve_module
from scheduler.api import load_problem, settings_for
from scheduler.compare.run import CompareSettings, compare_table, run_compare, scenario_specs
from scheduler.compare.text import table_csv, table_markdown
from scheduler.compare.verdicts import ProvenRange, proven_range, region_range
from scheduler.problem import Problem
from scheduler.roster import Roster
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.shared import zone_fingerprint
from scheduler.solve.split import split_by_zone
from tests.rules.conftest import officer
from tests.test_compare_outputs import result
from tests.test_region import region, write


def solve_summary(objective: float, bound: float, **extra: Any) -> dict[str, Any]:
    return {"objective": objective, "best_bound": bound, **extra}


def test_proven_range_by_hand() -> None:
    # Baseline found 100, proved 90: its optimum is in [90, 100]. Policy found 130, proved 95: in [95, 130].
    # policy - baseline is at least 95 - 100 = -5 and at most 130 - 90 = +40: [-5, +40] holds zero, so the
    # found +30 is not proven to be the policy's effect.
    r = proven_range(solve_summary(100, 90), solve_summary(130, 95))
    assert r == ProvenRange(-5, 40) and r.kind == "undecided"
    # Baseline optimal at 100; policy found 130, proved 120: [120 - 100, 130 - 100] = [+20, +30]: worse.
    assert proven_range(solve_summary(100, 100), solve_summary(130, 120)) == ProvenRange(20, 30)
    assert ProvenRange(20, 30).kind == "worse" and ProvenRange(-30, -1).kind == "better"
    assert proven_range(solve_summary(100, None), solve_summary(130, 120)) is None


def test_identical_zones_prove_zero_and_narrow_the_region() -> None:
    # Zone a is the same problem in both (same fingerprint): its optimum is the same whatever each solve
    # found, [0, 0]. Zone b: baseline 50 found / 45 proven, policy 80 / 78: [78 - 50, 80 - 45] = [+28, +35].
    # The region's range is their sum, [+28, +35]: worse. From the region's totals alone (baseline
    # 150/105, policy 185/138) it would be [138 - 150, 185 - 105] = [-12, +80]: undecided.
    base = solve_summary(150, 105, zones={"a": solve_summary(100, 60, fingerprint="x"), "b": solve_summary(50, 45)})
    policy = solve_summary(185, 138, zones={"a": solve_summary(105, 60, fingerprint="x"), "b": solve_summary(80, 78)})
    assert region_range(base, policy) == ProvenRange(28, 35)
    assert proven_range(base, policy) == ProvenRange(-12, 80)


def test_a_straddling_range_is_undecided_everywhere() -> None:
    table = compare_table([result("baseline", 100, 90, policies=()), result("p", 130, 95)])
    row = table["rows"][0]
    assert row["measure"] == "objective" and row["ranges"] == [None, [-5, 40]] and row["verdicts"][1] == "undecided"
    assert table["scenarios"][1]["verdict_kind"] == "undecided"
    assert table["scenarios"][1]["verdict"] == (
        "undecided: proven -5 to +40 (found +30); the bounds do not exclude zero")
    # The point difference is shown beside the range, never alone; gaps above 5 % are marked in the cells.
    md = table_markdown(table)
    assert "| objective | points | 100 † | 130 (+30; proven -5 to +40: undecided) † |" in md
    header, first = table_csv(table).splitlines()[:2]
    assert header.split(",")[5:] == ["proven low p", "proven high p", "verdict p", "gap above 5% baseline",
                                     "gap above 5% p"]
    assert first.split(",")[5:] == ["-5", "40", "undecided", "yes", "yes"]


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every zone CP-SAT is asked to solve, by name, as solve() hands it to solve_one."""
    solved: list[str] = []
    real = solve_module.solve_one

    def solve_one(problem: Problem, settings: SolverSettings, *args: Any) -> Roster:
        solved.append(problem.zone)
        return real(problem, settings, *args)

    monkeypatch.setattr(solve_module, "solve_one", solve_one)
    return solved


def test_a_policy_on_one_zone_leaves_the_others_as_solved_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, region())
    solved = counting(monkeypatch)
    specs = scenario_specs(path, ["plus-2-a"], False)
    settings = CompareSettings(time_limit=5, workers=1, seed=0, deterministic=True)
    base, policy = run_compare(path, specs, settings, str(tmp_path / "out"), jobs=1, in_process=True)
    # Baseline: a and b; plus-2-a: only a, its b is the baseline's.
    assert solved == ["a", "b", "a"]
    zb, zp = base.summary["zones"], policy.summary["zones"]
    assert zp["b"]["shared"] and not zp["a"]["shared"] and zp["b"]["fingerprint"] == zb["b"]["fingerprint"]
    assert zp["b"]["objective"] == zb["b"]["objective"] and zp["b"]["best_bound"] == zb["b"]["best_bound"]
    assert policy.extra["zones_shared"] == ["b"]
    base_b = [a for a in roster_rows(tmp_path / "out" / "baseline") if a["officer"].startswith("b")]
    policy_b = [a for a in roster_rows(tmp_path / "out" / "plus-2-a") if a["officer"].startswith("b")]
    assert base_b == policy_b and base_b
    table = compare_table([base, policy])
    rows = {r["measure"]: r for r in table["rows"]}
    assert rows["zone b: objective"]["verdicts"] == ["reference", "equal"]
    assert rows["zone b: objective"]["deltas"] == [0, 0]
    assert rows["zone b: hours worked"]["deltas"] == [0, 0]


def roster_rows(folder: Path) -> list[dict[str, Any]]:
    doc = json.loads((folder / "roster.json").read_text(encoding="utf-8"))
    return sorted(({k: a[k] for k in ("officer", "day", "shift", "duty")} for a in doc["assignments"]),
                  key=lambda a: (a["officer"], a["day"]))


def test_fingerprints_are_stable_and_see_a_change(tmp_path: Path) -> None:
    path = write(tmp_path, region())

    def prints(policies: tuple[str, ...]) -> dict[str, str]:
        loaded, problem = load_problem(path, policies=policies)
        settings = settings_for(loaded, time_limit=5)
        return {p.zone: zone_fingerprint(p, settings) for p in split_by_zone(problem) or []}

    base = prints(())
    assert base == prints(()) and len(base) == 2
    plus = prints(("plus-2-a",))
    assert plus["b"] == base["b"] and plus["a"] != base["a"]
    # The time limit is not part of it (zones share it); the seed is.
    loaded, problem = load_problem(path)
    part = (split_by_zone(problem) or [])[1]
    settings = settings_for(loaded, time_limit=5)
    assert zone_fingerprint(part, settings) == zone_fingerprint(part, settings_for(loaded, time_limit=9))
    assert zone_fingerprint(part, settings) != zone_fingerprint(part, settings_for(loaded, time_limit=5, seed=7))


def test_rates_over_nothing_say_no_target(tmp_path: Path) -> None:
    path = write(tmp_path, region())  # no hotspot anywhere: coverage is 0 over 0 officer-hours
    specs = scenario_specs(path, [], False)
    results = run_compare(path, specs, CompareSettings(time_limit=5, workers=1, deterministic=True), None, jobs=1,
                          in_process=True)
    assert results[0].measures["hotspot_coverage"] is None
    assert results[0].measures["zones"]["a"]["hotspot_coverage"] is None
    table = compare_table(results)
    rows = {r["measure"]: r for r in table["rows"]}
    assert rows["zone a: hotspot coverage"]["values"] == [None] and rows["zone a: hotspot coverage"]["no_target"] == [True]
    assert "| zone a: hotspot coverage | % | no target |" in table_markdown(table)


def test_a_merger_has_no_zone_verdicts() -> None:
    # The baseline solved zone by zone (a: 60 proven 60, b: 40 proven 40); the merger as one problem,
    # 90 proven 90: the region's range is [90 - 100, 90 - 100] = [-10, -10], better. Its zone rows have
    # no figure and nothing to decide: no verdict, not "undecided".
    base = result("baseline", 100, 100, policies=())
    base.summary["zones"] = {"a": solve_summary(60, 60), "b": solve_summary(40, 40)}
    table = compare_table([base, result("merged", 90, 90)])
    rows = {r["measure"]: r for r in table["rows"]}
    assert rows["objective"]["verdicts"] == ["reference", "better"] and rows["objective"]["ranges"][1] == [-10, -10]
    assert rows["zone a: objective"]["verdicts"] == ["reference", ""]
    assert rows["zone a: objective"]["ranges"] == [None, None]


def three_zones() -> dict[str, Any]:
    """Zone a hosts an event of 3 with 2 HyCap officers, shared by b (3 officers) and c (2) by strength:
    1 each (apportion: b .6 > c .4, then c .8 > b .2). plus-2-c gives c 4 officers: by strength c 4/7
    then b, 1 each again, so a's and b's problems are unchanged and only c is solved again."""
    d = region()
    d["officers"] += [officer("c1", zone="c"), officer("c2", zone="c")]
    d["zones"] = [{"id": "a"}, {"id": "b"}, {"id": "c"}]
    d["policies"] = [{"id": "plus-2-c", "description": "two more officers in c",
                      "add_officers": [{"id_prefix": "new-c", "count": 2, "zone": "c", "team": "T",
                                        "skills": ["patrol"]}]}]
    return d


def test_three_zones_a_policy_on_one_solves_it_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, three_zones())
    solved = counting(monkeypatch)
    specs = scenario_specs(path, ["plus-2-c"], False)
    base, policy = run_compare(path, specs, CompareSettings(time_limit=5, workers=1, seed=0, deterministic=True),
                               None, jobs=1, in_process=True)
    assert solved == ["a", "b", "c", "c"]
    assert policy.extra["zones_shared"] == ["a", "b"]
    table = compare_table([base, policy])
    rows = {r["measure"]: r for r in table["rows"]}
    for z in ("a", "b"):  # the same problem: the same figures, a proven difference of zero
        assert rows[f"zone {z}: objective"]["verdicts"] == ["reference", "equal"]
        assert rows[f"zone {z}: objective"]["ranges"][1] == [0, 0]
        assert rows[f"zone {z}: HyCap given"]["deltas"][1] in (0, None)
        assert rows[f"zone {z}: hours worked"]["deltas"] == [0, 0]
    # The region's range is zone c's alone (every solve here is proven optimal: a point).
    assert rows["objective"]["ranges"][1] == rows["zone c: objective"]["ranges"][1]
    assert table["scenarios"][1]["objective_range"] == rows["zone c: objective"]["ranges"][1]


def test_each_scenario_is_loaded_once_before_its_solve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scheduler.compare.run as run_module
    from scheduler.compare.run import with_effects

    path = write(tmp_path, region())
    loads: list[tuple[str, ...]] = []
    real = run_module.load_problem

    def counted(p: str, policies: tuple[str, ...] = ()) -> Any:
        loads.append(tuple(policies))
        return real(p, policies=policies)

    monkeypatch.setattr(run_module, "load_problem", counted)
    specs = with_effects(path, scenario_specs(path, ["plus-2-a", "merged"], False))
    # Read with the effects: the zones each scenario is solved over (the merger: one problem).
    assert [s.zones for s in specs] == [("a", "b"), ("a", "b"), ()]
    assert loads == [(), ("plus-2-a",), ("merged",)]
    run_compare(path, specs, CompareSettings(time_limit=5, workers=1, seed=0, deterministic=True), None, jobs=1,
                in_process=True)
    # Then once more each, for its solve: no load to learn which policy waits for the baseline.
    assert sorted(loads) == sorted([(), ("plus-2-a",), ("merged",)] * 2)
