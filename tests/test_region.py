"""Several zones: HyCap quotas, exemptions, mergers, region files, policies, zone-by-zone solving, compare.

The solved region is small enough to work out by hand: one Monday, one 8-hour shift D, every hour
worked costs 1 point (contract 0, overtime weight 1), everything else 0 except unmet mandatory work.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from scheduler.check import check_roster
from scheduler.compare.run import CompareSettings, compare_table, run_compare, scenario_specs
from scheduler.errors import InputError
from scheduler.measures import compute_measures
from scheduler.problem import build_problem
from scheduler.roster import Assignment
from scheduler.scenario.load import load_scenario, scenario_data
from scheduler.scenario.schema import SolverSettings
from scheduler.scenario.yaml_source import YamlSource
from scheduler.scenario.zones import OUTSIDE, apportion
from scheduler.solve import solve
from scheduler.solve.budget import zone_shares
from scheduler.solve.split import split_by_zone
from tests.rules.conftest import officer, scenario

SETTINGS = SolverSettings(time_limit=10, workers=2)
MATCH = {"id": "match", "kind": "event", "zone": "a", "headcount": 3, "hycap_officers": 2,
         "windows": [{"days": ["mon"], "start": "08:00", "end": "16:00"}]}
POLICIES = [
    {"id": "no-hycap-b", "description": "b sends no HyCap help; the federal police does",
     "exempt": {"b": [{"work": "hycap", "absorbed_by": "outside"}]}},
    {"id": "merged", "description": "a and b are one zone", "merge": [{"id": "ab", "zones": ["a", "b"]}]},
    {"id": "plus-2-a", "description": "two more officers in a",
     "add_officers": [{"id_prefix": "new-a", "count": 2, "zone": "a", "team": "T", "skills": ["patrol"]}]},
    {"id": "both", "description": "merged, with two more officers", "include": ["merged", "plus-2-a"]},
]


def region(**extra: Any) -> dict[str, Any]:
    d = scenario(
        [officer("a1", zone="a"), officer("a2", zone="a"), officer("b1", zone="b"), officer("b2", zone="b"),
         officer("b3", zone="b")],
        days=1, weights={"overtime": 1, "unmet_mandatory": 1000}, skills=["patrol"],
        zones=[{"id": "a"}, {"id": "b"}], tasks=[MATCH], policies=POLICIES, **extra,
    )
    d["zone"] = "a"
    return d


def write(tmp_path: Path, d: dict[str, Any], name: str = "region.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(d, sort_keys=False))
    return str(path)


def data(path: str, policies: list[str]) -> dict[str, Any]:
    return scenario_data(YamlSource.read(path), Path(path), policies)[0]


def test_apportion_follows_the_shares_unit_by_unit():
    # shares b 3, c 1: unit 1 b (.75 > .25); unit 2 tie .5/.5 -> b (earlier); unit 3 c (.75 > .25); unit 4 b (1 > 0)
    assert apportion(4, {"b": 3, "c": 1}) == ["b", "b", "c", "b"]
    assert apportion(2, {}) == [OUTSIDE, OUTSIDE]


def test_zone_shares_keep_the_minimum_within_the_limit():
    # 120 s over 450/400/330/290/180/160 officers: in proportion the two small zones would get
    # 120*180/1810 = 11.9 s and 10.6 s; they get 15 s each, and the other 90 s go 450:400:330:290 over 1,470.
    shares = zone_shares([450, 400, 330, 290, 180, 160], 120, 15)
    assert shares[4:] == [15, 15]
    assert shares[0] == pytest.approx(90 * 450 / 1470)
    assert sum(shares) == pytest.approx(120)
    # A limit too short for every zone's minimum: each gets the minimum (the solve runs over).
    assert zone_shares([100, 200], 20, 15) == [15, 15]
    # No minimum: plain proportions.
    assert zone_shares([1, 3], 60, 0) == [15, 45]


def test_hycap_request_is_split_between_host_and_helpers(tmp_path):
    problem = build_problem(load_scenario(write(tmp_path, region())))
    parts = {d.id: (d.zone, d.home_zone, d.host_zone, d.hycap, sum(d.need.values())) for d in problem.duties[1:]}
    # headcount 3, hycap 2: a staffs 1 officer for 8 h, b (the only other zone) 2 officers for 8 h
    assert parts == {"match": ("a", "a", "a", False, 8), "match@b": ("b", "b", "a", True, 16)}
    assert split_by_zone(problem) is not None


def test_solved_region_by_hand(tmp_path):
    problem = build_problem(load_scenario(write(tmp_path, region())))
    roster = solve(problem, SETTINGS)
    # three officers on the match for 8 h each, 1 point an hour: 24; split by zone: a 8 + b 16
    assert roster.info.status == "OPTIMAL" and roster.info.objective == pytest.approx(24)
    assert {z: v["objective"] for z, v in roster.info.zones.items()} == pytest.approx({"a": 8, "b": 16})
    assert check_roster(problem, roster.assignments).objective == pytest.approx(24)
    m = compute_measures(problem, roster.assignments)
    assert m["hycap_hours_given"] == {"b": 16} and m["hycap_hours_received"] == {"a": 16}
    assert m["zones"]["b"]["hycap_hours_given"] == 16 and m["zones"]["a"]["hycap_hours_received"] == 16


def test_hycap_given_counts_the_quota_served_and_the_surplus_apart(tmp_path):
    # headcount 2, hycap 1: match@b wants 1 officer of b 08:00-16:00; b1 and b2 both on it (a hand-made
    # roster: the model never puts them there). Per hourly slot min(1, 2) = 1 served and max(0, 2 - 1) = 1
    # above: given 8 x 1 x 1 h = 8 (not the 16 h the two officers worked), surplus 8, received by a 8.
    d = region()
    d["tasks"] = [{**MATCH, "headcount": 2, "hycap_officers": 1}]
    problem = build_problem(load_scenario(write(tmp_path, d)))
    roster = [Assignment("a1", 0, "D", "match"), Assignment("b1", 0, "D", "match@b"), Assignment("b2", 0, "D", "match@b")]
    m = compute_measures(problem, roster)
    assert m["hycap_hours_given"] == {"b": 8} and m["hycap_hours_received"] == {"a": 8}
    assert m["hycap_surplus_hours"] == {"b": 8}
    assert (m["zones"]["b"]["hycap_hours_given"], m["zones"]["b"]["hycap_surplus_hours"]) == (8, 8)
    assert (m["zones"]["a"]["hycap_hours_received"], m["zones"]["a"]["hycap_surplus_hours"]) == (8, 0)
    assert m["per_officer"]["b2"]["hycap_hours"] == 8  # each officer's own time on HyCap duty stays whole
    surplus = [v for v in check_roster(problem, roster).violations if v.rule == "duty_surplus"]
    assert [(v.day, v.amount) for v in surplus] == [(0, 1)]


def test_unmet_mandatory_work_shows_under_the_staffing_and_the_host_zone(tmp_path):
    # a staffs its own officer of the match; b's part (2 officers x 8 h, hosted by a) is left unstaffed:
    # 16 officer-hours unmet, staffed by b, hosted by a.
    problem = build_problem(load_scenario(write(tmp_path, region())))
    m = compute_measures(problem, [Assignment("a1", 0, "D", "match")])
    assert m["unmet_mandatory_officer_hours"] == 16
    zones = {z: (v["unmet_mandatory_officer_hours"], v["unmet_mandatory_hosted_officer_hours"]) for z, v in m["zones"].items()}
    assert zones == {"a": (0, 16), "b": (16, 0)}


def test_joint_and_zone_by_zone_solves_agree(tmp_path):
    problem = build_problem(load_scenario(write(tmp_path, region())))
    joint = solve(problem, SETTINGS.model_copy(update={"zone_split": False}))
    split = solve(problem, SETTINGS)
    assert joint.info.status == split.info.status == "OPTIMAL"
    assert joint.info.objective == pytest.approx(split.info.objective)


def test_policy_exempt_changes_only_the_zone_entry(tmp_path):
    path = write(tmp_path, region())
    before, after = data(path, []), data(path, ["no-hycap-b"])
    assert after["zones"][1]["exempt"] == [{"work": "hycap", "tasks": [], "absorbed_by": "outside", "share_by": "strength"}]
    after["zones"][1].pop("exempt")
    assert after == before


def test_exempted_hycap_goes_outside_and_is_reported(tmp_path):
    problem = build_problem(load_scenario(write(tmp_path, region()), ["no-hycap-b"]))
    assert [d.id for d in problem.duties] == ["response", "match"]
    # b's 2 officers x 8 h go to the federal police: reported, not dropped
    assert problem.outside_work == [{"task": "match", "kind": "event", "zone": "a", "host_zone": "a",
                                     "officer_hours": 16.0}]


def test_exempted_work_absorbed_pro_rata_and_by_a_named_zone(tmp_path):
    d = region()
    d["zones"].append({"id": "c"})
    d["officers"].append(officer("c1", zone="c"))
    transfer = {"id": "transfer", "kind": "prisoner_transfer", "zone": "a", "headcount": 1,
                "windows": [{"days": ["mon"], "start": "08:00", "end": "16:00"}]}
    d["tasks"] = [transfer]
    d["zones"][0]["exempt"] = [{"work": "prisoner_transfer"}]  # pro rata: b (3 officers) before c (1)
    problem = build_problem(load_scenario(write(tmp_path, d)))
    assert [(x.id, x.zone, x.host_zone) for x in problem.duties[1:]] == [("transfer@b", "b", "a")]
    d["zones"][0]["exempt"] = [{"work": "prisoner_transfer", "absorbed_by": "c"}]
    problem = build_problem(load_scenario(write(tmp_path, d)))
    assert [(x.id, x.zone, x.host_zone) for x in problem.duties[1:]] == [("transfer@c", "c", "a")]


def test_policy_add_and_merge_and_include(tmp_path):
    path = write(tmp_path, region())
    before, added = data(path, []), data(path, ["plus-2-a"])
    assert added["officers"][:5] == before["officers"]
    assert added["officers"][5:] == [
        {"id": f"new-a-0{k}", "name": f"new-a {k}", "skills": ["patrol"], "contract_hours": 38, "zone": "a", "team": "T"}
        for k in (1, 2)
    ]
    both = data(path, ["both"])  # include: merged first, then plus-2-a
    assert both["mergers"] == [{"id": "ab", "zones": ["a", "b"]}] and len(both["officers"]) == 7
    problem = build_problem(load_scenario(path, ["merged"]))
    # merged: no HyCap any more, the whole headcount is the merged zone's own work
    assert [(d.id, d.zone, d.hycap, sum(d.need.values())) for d in problem.duties[1:]] == [("match", "ab", False, 24)]
    assert {o.zone for o in problem.officers} == {"ab"} and {o.home_zone for o in problem.officers} == {"a", "b"}


def test_policy_rules_weights_hotspots(tmp_path):
    d = region()
    d["hotspots"] = [{"id": "square", "zone": "a", "targets": [{"days": ["mon"], "start": "08:00", "end": "16:00",
                                                                  "officers": 2}]}]
    d["policies"] = [{"id": "tighter", "description": "x", "rules": {"min_rest": {"hours": 12}},
                      "weights": {"overtime": 5}, "hotspots": {"scale": {"square": 1.5}}}]
    path = write(tmp_path, d)
    before, after = data(path, []), data(path, ["tighter"])
    assert after["rules"]["min_rest"] == {"mode": "off", "hours": 12}
    assert after["objective"]["weights"]["overtime"] == 5
    assert after["hotspots"][0]["targets"][0]["officers"] == 3  # ceil(2 x 1.5)
    for key in ("rules", "objective", "hotspots"):
        after.pop(key), before.pop(key)
    assert after == before


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ({"id": "p", "description": "x", "exempt": {"zz": [{"work": "hycap"}]}}, "unknown zone 'zz'"),
        ({"id": "p", "description": "x", "remove_officers": ["nobody"]}, "unknown officer 'nobody'"),
        ({"id": "p", "description": "x", "include": ["p"]}, "include cycle: p -> p"),
        ({"id": "p", "description": "x", "exempt": {"a": [{"work": "hycap", "absorbed_by": "a"}]}},
         "absorbed_by 'a': pro_rata, outside or another zone's id"),
    ],
)
def test_bad_policies_are_named(tmp_path, policy, message):
    d = region()
    d["policies"] = [policy]
    with pytest.raises(InputError) as exc:
        load_scenario(write(tmp_path, d), ["p"])
    assert message in str(exc.value)


def test_unknown_policy(tmp_path):
    with pytest.raises(InputError, match="unknown policy 'nope' \\(known: both, merged, no-hycap-b, plus-2-a\\)"):
        load_scenario(write(tmp_path, region()), ["nope"])


def zone_file(zone: str, officers: list[str], **extra: Any) -> dict[str, Any]:
    d = scenario([officer(o) for o in officers], days=1, weights={"overtime": 1, "unmet_mandatory": 1000},
                 skills=["patrol"], **extra)
    d["zone"] = zone
    return d


def test_region_file_joins_zone_files(tmp_path):
    (tmp_path / "zones").mkdir()
    write(tmp_path, zone_file("a", ["a1", "a2"], tasks=[{**MATCH, "zone": None}]), "zones/a.yaml")
    write(tmp_path, zone_file("b", ["b1", "b2", "b3"]), "zones/b.yaml")
    path = write(tmp_path, {"name": "two zones", "zones": [{"id": "a", "file": "zones/a.yaml"},
                                                          {"id": "b", "file": "zones/b.yaml", "hycap_share": 5}]})
    loaded = load_scenario(path)
    assert [(o.id, o.zone) for o in loaded.scenario.officers] == [
        ("a1", "a"), ("a2", "a"), ("b1", "b"), ("b2", "b"), ("b3", "b")]
    assert [(z.id, z.hycap_share) for z in loaded.scenario.zones] == [("a", None), ("b", 5)]
    assert loaded.scenario.tasks[0].zone == "a"
    problem = build_problem(loaded)
    assert [d.id for d in problem.duties[1:]] == ["match", "match@b"]


def test_region_file_errors_name_the_zone_file(tmp_path):
    (tmp_path / "zones").mkdir()
    write(tmp_path, zone_file("a", ["x1"]), "zones/a.yaml")
    write(tmp_path, zone_file("b", ["x1"], tasks=[{**MATCH, "zone": None, "host_zone": "a", "hycap_officers": 0}]),
          "zones/b.yaml")
    path = write(tmp_path, {"zones": [{"id": "a", "file": "zones/a.yaml"}, {"id": "b", "file": "zones/b.yaml"},
                                      {"id": "c", "file": "zones/c.yaml"}]})
    with pytest.raises(InputError) as exc:
        load_scenario(path)
    messages = [str(p) for p in exc.value.problems]
    b = str(tmp_path / "zones" / "b.yaml")
    assert any(m.startswith(f"{b}:") and "id 'x1' is also used in" in m for m in messages)
    assert any(m.startswith(f"{b}:") and "help to 'a' is part of the region" in m for m in messages)
    assert any("no zone file 'zones/c.yaml'" in m for m in messages)


def test_staffing_gap_counts_the_extra_officers_needed(tmp_path):
    from scheduler.staffing import staffing_gap

    d = region(reinforcements={"per_zone": 3, "skills": ["patrol"]})
    # a hotspot in a wanting 4 officers all day: a has 2 (1 on the match) -> 3 short; at weight 1000 per
    # officer-hour short (8,000 per officer), an extra officer (1,000 + 8 h x 1) is worth taking: 3 needed
    d["hotspots"] = [{"id": "square", "zone": "a", "targets": [{"days": ["mon"], "start": "08:00", "end": "16:00",
                                                                  "officers": 4}]}]
    d["objective"]["weights"] |= {"hotspot_shortfall": 1000, "reinforcement_officer": 1000}
    gap = staffing_gap(write(tmp_path, d), [], SETTINGS)
    assert gap["status"] == "OPTIMAL"
    assert gap["per_zone"] == {"a": 3, "b": 0} and gap["extra_officers"] == 3 and gap["pool_exhausted"] == ["a"]
    assert gap["hotspot_coverage_with_them"] == 1.0 and gap["hard_violations"] == 0


def test_compare_by_hand(tmp_path):
    path = write(tmp_path, region())
    specs = scenario_specs(path, ["no-hycap-b", "merged"], False)
    settings = CompareSettings(time_limit=10, workers=2, seed=0, deterministic=True)
    results = run_compare(path, specs, settings, str(tmp_path / "out"), jobs=1, in_process=True)
    table = compare_table(results)
    rows = {r["measure"]: r for r in table["rows"]}
    # baseline 3 officers x 8 h = 24; no-hycap-b: only a's own officer, 8; merged: still 3 officers, 24
    assert rows["objective"]["values"] == [24, 8, 24] and rows["objective"]["deltas"] == [0, -16, 0]
    assert rows["zone b: HyCap given"]["values"] == [16, 0, 0]
    assert rows["zone a: handed outside the region"]["values"] == [0, 16, 0]
    assert rows["work handed outside the region"]["values"] == [0, 16, 0]
    assert [s["verdict"] for s in table["scenarios"]] == [
        "baseline", "better than baseline: proven -16 to -16 (found -16)",
        "equal to baseline: proven +0 to +0 (found +0)"]
    assert json.loads((tmp_path / "out" / "no-hycap-b" / "roster.json").read_text())["summary"]["policies"] == [
        "no-hycap-b"]


def test_compare_is_deterministic(tmp_path):
    path = write(tmp_path, region())
    specs = scenario_specs(path, [], True)
    settings = CompareSettings(time_limit=5, workers=2, seed=3, deterministic=True)

    def values() -> list:
        table = compare_table(run_compare(path, specs, settings, None, jobs=1, in_process=True))
        return [(r["measure"], r["values"]) for r in table["rows"]]

    assert values() == values()


def test_scale_applies_once_to_targets_shared_by_yaml_anchors(tmp_path):
    d = region()
    shared = [{"days": ["mon"], "start": "08:00", "end": "16:00", "officers": 2}]
    d["hotspots"] = [{"id": "h1", "zone": "a", "targets": shared}, {"id": "h2", "zone": "a", "targets": shared}]
    d["policies"] = [{"id": "more", "description": "x", "hotspots": {"scale": {"h1": 2, "h2": 2}}}]
    path = write(tmp_path, d)  # yaml.safe_dump writes the shared list once, with an anchor and an alias
    assert "&id" in Path(path).read_text()
    after = data(path, ["more"])
    # each hotspot's 2 officers doubled once: 4, not 8
    assert [h["targets"][0]["officers"] for h in after["hotspots"]] == [4, 4]


def test_compare_marks_policies_that_change_the_objective(tmp_path):
    d = region()
    d["policies"] = [*POLICIES, {"id": "dearer", "description": "x", "weights": {"overtime": 5}},
                     {"id": "dearer-merged", "description": "x", "include": ["dearer", "merged"]}]
    specs = scenario_specs(write(tmp_path, d), [], True)
    # only a policy with weights or rules (itself or through include) changes what the objective means
    assert {s.name: s.changes_objective for s in specs} == {
        "baseline": False, "no-hycap-b": False, "merged": False, "plus-2-a": False, "both": False,
        "dearer": True, "dearer-merged": True}


def test_region_ids_are_unique_per_namespace(tmp_path):
    # An officer may share an id with a task of another zone (as in a zone file: officers and duties are
    # different things); a hotspot may not share one with a task (both are duties, `match` twice).
    (tmp_path / "zones").mkdir()
    spot = {"id": "match", "name": "Square", "targets": [{"days": ["mon"], "start": "08:00", "end": "10:00", "officers": 1}]}
    write(tmp_path, zone_file("a", ["a1"], tasks=[{**MATCH, "zone": None}]), "zones/a.yaml")
    write(tmp_path, zone_file("b", ["match"]), "zones/b.yaml")
    ok = write(tmp_path, {"zones": [{"id": "a", "file": "zones/a.yaml"}, {"id": "b", "file": "zones/b.yaml"}]})
    assert [o.id for o in load_scenario(ok).scenario.officers] == ["a1", "match"]
    write(tmp_path, zone_file("c", ["c1"], hotspots=[spot]), "zones/c.yaml")
    bad = write(tmp_path, {"zones": [{"id": "a", "file": "zones/a.yaml"}, {"id": "c", "file": "zones/c.yaml"}]},
                "bad.yaml")
    with pytest.raises(InputError) as exc:
        load_scenario(bad)
    c = str(tmp_path / "zones" / "c.yaml")
    # The line of the hotspot's id in c.yaml as yaml.safe_dump wrote it.
    line = (tmp_path / "zones" / "c.yaml").read_text(encoding="utf-8").splitlines().index("- id: match") + 1
    assert [str(p) for p in exc.value.problems] == [
        f"{c}:{line}: hotspots[0].id: id 'match' is also used in {tmp_path / 'zones' / 'a.yaml'}; "
        "duty ids are unique in a region"]
