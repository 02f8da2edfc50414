"""A merger limited by travel time: who may take which hotspot and task, the checker's message, bad input."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml

from scheduler.check import check_roster
from scheduler.errors import InputError
from scheduler.model.variables import officer_classes
from scheduler.problem import build_problem
from scheduler.roster import Assignment
from scheduler.scenario.load import load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve
from tests.rules.conftest import build, check, found, officer, run, scenario

# a: stations Alpha (default) and Farway; b: Beta. Alpha-Beta 10 min, Farway-Beta 30, Alpha-Farway 20.
TRAVEL = [{"between": ["Alpha", "Beta"], "minutes": 10}, {"between": ["Farway", "Beta"], "minutes": 30},
          {"between": ["Alpha", "Farway"], "minutes": 20}]
HOTSPOT_B = {"id": "square", "zone": "b", "municipality": "Beta", "skills": ["patrol"],
             "targets": [{"days": ["mon"], "start": "08:00", "end": "16:00", "officers": 1}]}
SITE_A = {"id": "site", "kind": "protected_site", "zone": "a", "municipality": "Farway", "headcount": 1,
          "skills": ["patrol"], "windows": [{"days": ["mon"], "start": "08:00", "end": "16:00"}]}


def merged_region(limit: int | None, **extra: Any) -> dict[str, Any]:
    merger: dict[str, Any] = {"id": "ab", "zones": ["a", "b"]}
    if limit is not None:
        merger["max_travel_minutes"] = limit
    officers = extra.pop("officers", None) or [
        officer("a1", zone="a", skills=["patrol"]),
        officer("a2", zone="a", skills=["patrol"], station="Farway"),
        officer("b1", zone="b", skills=["patrol"]),
    ]
    return scenario(
        officers, days=1, skills=["patrol"], weights={"hotspot_shortfall": 100, "unmet_mandatory": 1000, "overtime": 1},
        zones=[{"id": "a", "municipalities": ["Alpha", "Farway"]}, {"id": "b", "municipalities": ["Beta"]}],
        mergers=[merger], travel_minutes=copy.deepcopy(TRAVEL), hotspots=copy.deepcopy([HOTSPOT_B]),
        tasks=copy.deepcopy([SITE_A]), **extra,
    )


def duties_of(problem) -> dict[str, list[str]]:
    return {o.id: sorted(problem.duties[k].id for k in o.duties) for o in problem.officers}


def test_the_limit_keeps_far_stations_off_the_other_zones_work():
    # a1 (Alpha) reaches Beta in 10 min <= 15; a2 (Farway) needs 30. b1 (Beta) needs 30 to the Farway
    # site. Each officer keeps his own former zone's work whatever the distance (a2 and the site).
    assert duties_of(build(merged_region(15))) == {
        "a1": ["response", "site", "square"], "a2": ["response", "site"], "b1": ["response", "square"]}
    # No limit: the merged area's work is everyone's.
    assert set(map(tuple, duties_of(build(merged_region(None))).values())) == {("response", "site", "square")}
    # A limit of 30 min lets a2 and b1 go too.
    assert set(map(tuple, duties_of(build(merged_region(30))).values())) == {("response", "site", "square")}


def test_the_solver_leaves_a_hotspot_short_rather_than_send_an_officer_too_far():
    # Only a2 (Farway) works on Monday; every hour worked costs 1 point (contract 0, overtime 1).
    # Limit 15: the square (30 min away) is not his; he guards his own zone's site: 8 h x 1 + the
    # square's 8 officer-hours short x 100 = 808.
    away = [{"start": "2026-03-02", "reason": "leave"}]
    officers = [officer("a1", zone="a", skills=["patrol"], unavailable=away),
                officer("a2", zone="a", skills=["patrol"], station="Farway"),
                officer("b1", zone="b", skills=["patrol"], unavailable=away)]
    _, roster = run(merged_region(15, officers=officers))
    assert roster.assignments == [Assignment("a2", 0, "D", "site")] and roster.info.objective == 808
    # Without the site: limit 15, he stays home (800 short); limit 30, he covers the square (8 h x 1).
    _, roster = run(merged_region(15, officers=officers) | {"tasks": []})
    assert roster.assignments == [] and roster.info.objective == 800
    _, roster = run(merged_region(30, officers=officers) | {"tasks": []})
    assert roster.assignments == [Assignment("a2", 0, "D", "square")] and roster.info.objective == 8


def test_checker_names_the_travel_limit():
    problem = build(merged_region(15))
    result = check(problem, [Assignment("a2", 0, "D", "square")])
    assert found(result, "skills") == [("a2", 0, 1)]
    assert "duty 'square' at Beta is beyond the merger's travel limit from Farway" in str(result.hard_violations[0].message)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["officers"][1].update(station="Beta"), "'Beta' is not a municipality of zone 'a' (Alpha, Farway)"),
    (lambda d: d["hotspots"][0].update(municipality="Alpha"), "'Alpha' is not a municipality of zone 'b' (Beta)"),
    (lambda d: d["travel_minutes"].append({"between": ["Alpha", "Gamma"], "minutes": 5}), "unknown municipality 'Gamma'"),
    (lambda d: d["travel_minutes"].pop(1), "no `travel_minutes` between Farway-Beta"),
    (lambda d: d["zones"][1].update(municipalities=[]), "zone(s) b list no `municipalities`"),
])
def test_bad_places_are_named(change, message):
    d = merged_region(15)
    change(d)
    with pytest.raises(InputError) as exc:
        build(d)
    assert message in "\n".join(str(p) for p in exc.value.problems)


def test_travel_limit_is_a_policy_field(tmp_path):
    d = merged_region(None)
    d["mergers"] = []
    d["policies"] = [{"id": "merged-15", "description": "a and b merged, 15 min at most",
                      "merge": [{"id": "ab", "zones": ["a", "b"], "max_travel_minutes": 15}]}]
    path = tmp_path / "region.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    problem = build_problem(load_scenario(path, ["merged-15"]))
    assert duties_of(problem)["a2"] == ["response", "site"]


def test_the_plan_pools_stations_and_the_decomposed_solve_keeps_the_limit():
    # Fine classes differ by what each officer may do: a1 (square and site), a2 (site), b1 (square).
    # The staffing plan pools them (one class doing either: a relaxation, its bound stays valid);
    # the decomposed strategy still returns a roster that keeps the limit (the checker finds none).
    problem = build(merged_region(15))
    assert sorted(sorted(problem.officers[o].id for o in c.officers) for c in officer_classes(problem)) == [
        ["a1"], ["a2"], ["b1"]]
    pooled = officer_classes(problem, by_duties=False)
    assert [(sorted(problem.officers[o].id for o in c.officers), len(c.duties)) for c in pooled] == [
        (["a1", "a2", "b1"], 3)]
    roster = solve(problem, SolverSettings(time_limit=10, workers=2, strategy="decomposed"))
    assert check_roster(problem, roster.assignments).hard_violations == []
    # The site and the square are both covered by two officers working 8 h each at 1 point per hour:
    # 2 x 8 = 16 (a third officer would cost 8 more and cover nothing).
    assert roster.info.objective == 16
