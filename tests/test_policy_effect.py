"""Exempted work shared by the holders of the skill it needs (`share_by: skill_holders`), and what a
policy changes, read from the problems (compare/policy_effect.py).

The region, one week from Monday: zone a has 4 officers (all site guards), b 4 (one site guard), c 2 (both
site guards), every officer on a 38 h contract. a guards an embassy on Monday 08:00-16:00 with 4 officers
(4 units of one officer for 8 h: 32 officer-hours); b hosts a match on Monday 08:00-16:00 with 4 officers,
3 of them asked of the other zones under HyCap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.compare.policy_effect import Move, policy_effect
from scheduler.problem import Problem, build_problem
from scheduler.scenario.load import load_scenario
from tests.rules.conftest import scenario

MONDAY = [{"days": ["mon"], "start": "08:00", "end": "16:00"}]
SITE = {"id": "embassy", "kind": "protected_site", "zone": "a", "headcount": 4, "skills": ["site_guard"],
        "windows": MONDAY}
MATCH = {"id": "match", "kind": "event", "zone": "b", "headcount": 4, "hycap_officers": 3, "windows": MONDAY}


def staff(zone: str, n: int, guards: int) -> list[dict[str, Any]]:
    return [{"id": f"{zone}{k}", "zone": zone, "contract_hours": 38,
             "skills": ["patrol", "site_guard"] if k <= guards else ["patrol"]} for k in range(1, n + 1)]


def region(policies: list[dict[str, Any]], guards_b: int = 1, **extra: Any) -> dict[str, Any]:
    d = scenario([*staff("a", 4, 4), *staff("b", 4, guards_b), *staff("c", 2, 2)], skills=["patrol", "site_guard"],
                 zones=[{"id": "a"}, {"id": "b"}, {"id": "c"}], tasks=[SITE, MATCH], policies=policies, **extra)
    d["zone"] = "a"
    return d


def sites_policy(share_by: str | None = None) -> dict[str, Any]:
    exemption = {"work": "protected_site", **({"share_by": share_by} if share_by else {})}
    return {"id": "no-sites-a", "description": "a stops guarding its embassy", "exempt": {"a": [exemption]}}


def write(tmp_path: Path, d: dict[str, Any]) -> Path:
    path = tmp_path / "region.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False), encoding="utf-8")
    return path


def problem(path: Path, policies: list[str] | None = None) -> Problem:
    return build_problem(load_scenario(path, policies or []))


def site_hours(p: Problem) -> dict[str, float]:
    out: dict[str, float] = {}
    for d in p.duties:
        if d.task_kind == "protected_site":
            out[d.home_zone or ""] = out.get(d.home_zone or "", 0) + sum(d.need.values())  # 60-minute slots
    return out


def test_exempted_site_by_strength_and_by_skill_holders(tmp_path: Path) -> None:
    by_strength = problem(write(tmp_path, region([sites_policy()])), ["no-sites-a"])
    # a's 4 units go to b and c by strength, 4 : 2, each unit to the zone furthest below its quota so far:
    # unit 1 b (4/6 = .67 against .33), unit 2 c (b 1.33 - 1 = .33, c .67), unit 3 b (2 - 1 = 1 against
    # 1 - 1 = 0), unit 4 b (2.67 - 2 = .67 against 1.33 - 1 = .33): b 3 x 8 = 24 h, c 1 x 8 = 8 h.
    assert site_hours(by_strength) == {"b": 24, "c": 8}
    by_holders = problem(write(tmp_path, region([sites_policy("skill_holders")])), ["no-sites-a"])
    # By holders of site_guard, 1 : 2: unit 1 c (.33 against .67), unit 2 b (.67 against 1.33 - 1 = .33),
    # unit 3 c (1 - 1 = 0 against 2 - 1 = 1), unit 4 c (1.33 - 1 = .33 against 2.67 - 2 = .67):
    # b 8 h, c 24 h.
    assert site_hours(by_holders) == {"b": 8, "c": 24}
    # b without a site guard: the post goes only to the zone holding the skill; by strength, still 24 + 8.
    none_in_b = region([sites_policy("skill_holders")], guards_b=0)
    assert site_hours(problem(write(tmp_path, none_in_b), ["no-sites-a"])) == {"c": 32}
    none_in_b["policies"] = [sites_policy()]
    assert site_hours(problem(write(tmp_path, none_in_b), ["no-sites-a"])) == {"b": 24, "c": 8}


def test_hycap_quota_of_an_exempt_zone_goes_to_the_skills_holders(tmp_path: Path) -> None:
    # A fourth zone d (2 officers, no public order). b's match asks 6 public-order officers of a (4 holders),
    # c (2) and d (none) for 8 h.
    d = region([])
    d["zones"].append({"id": "d"})
    d["officers"] += staff("d", 2, 0)
    for o in d["officers"]:
        if o["zone"] in ("a", "c"):
            o["skills"].append("public_order")
    d["skills"].append("public_order")
    d["tasks"] = [{**MATCH, "headcount": 7, "hycap_officers": 6, "skills": ["public_order"]}]

    def hycap(share_by: str) -> dict[str, float]:
        d["policies"] = [{"id": "p", "description": "c sends no HyCap help",
                          "exempt": {"c": [{"work": "hycap", "share_by": share_by}]}}]
        p = problem(write(tmp_path, d), ["p"])
        return {x.home_zone or "": sum(x.need.values()) for x in p.duties if x.hycap}

    # By strength, c drops out: 6 units over a and d, 4 : 2 -> a 4 x 8 = 32 h, d 2 x 8 = 16 h.
    assert hycap("strength") == {"a": 32, "d": 16}
    # By skill holders, each zone's quota is first set as if c were not exempt: 6 units over a, c, d by
    # 4 : 2 : 2 (total 8), unit by unit: a (.5), c (tie .5 with d, the earlier), d (.75), a (1), a (.5),
    # c (tie .5 with d) -> a 3, c 2, d 1. c's 2 units go to the zones holding public order: a only.
    # a 5 x 8 = 40 h, d keeps its own 8 h.
    assert hycap("skill_holders") == {"a": 40, "d": 8}


@pytest.mark.parametrize(("exemption", "message"), [
    ({"work": "protected_site", "share_by": "by_skill"},
     "policies[0].exempt.a[0].share_by: expected 'strength' or 'skill_holders', got 'by_skill'"),
    ({"work": "protected_site", "absorbed_by": "c", "share_by": "skill_holders"},
     "policies[0].exempt.a[0].share_by: share_by 'skill_holders' shares work between zones: it needs "
     "absorbed_by: pro_rata, not 'c'"),
])
def test_a_bad_share_by_names_file_line_and_field(tmp_path: Path, exemption: dict[str, Any], message: str) -> None:
    path = write(tmp_path, region([{"id": "no-sites-a", "description": "x", "exempt": {"a": [exemption]}}]))
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    line = path.read_text(encoding="utf-8").splitlines().index("      share_by: " + exemption["share_by"]) + 1
    assert f"{path}:{line}: {message}" in result.output.splitlines()
    assert "Traceback" not in result.output


def test_exempting_a_zone_moves_the_hand_computed_hours(tmp_path: Path) -> None:
    path = write(tmp_path, region([sites_policy()]))
    effect = policy_effect(problem(path), problem(path, ["no-sites-a"]))
    # The 32 officer-hours of a's embassy go to b (24) and c (8), as in the test above.
    assert {z: f.hours["protected_site"] for z, f in effect.baseline.zones.items()} == {"a": 32, "b": 0, "c": 0}
    assert {z: f.hours["protected_site"] for z, f in effect.policy.zones.items()} == {"a": 0, "b": 24, "c": 8}
    # b's match asks 3 of a and c, 4 : 2: unit 1 a (.67), unit 2 c (a .33, c .67), unit 3 a (1 against 0):
    # a 16 h, c 8 h, and the policy leaves them so.
    for figures in (effect.baseline, effect.policy):
        assert {z: f.hours["hycap"] for z, f in figures.zones.items()} == {"a": 16, "b": 0, "c": 8}
    assert effect.moves == [Move("protected_site", {"a": -32, "b": 24, "c": 8})]
    # b's only site guard (38 contract hours) takes 24 task-hours: 63 %, above half, so named; c's two
    # (76 h) take 8: 11 %.
    assert effect.text == (
        "protected sites: 32 officer-hours move from a (all 32) to b (+24) and c (+8); load on site_guard "
        "holders: b 63 % (24 task-hours, 1 holder with 38 contract hours); rules and weights unchanged.")
    doc = effect.as_dict()
    assert doc["moves"] == [{"kind": "protected_site", "changes": {"a": -32.0, "b": 24.0, "c": 8.0}, "outside": 0.0}]
    loads = {(x["zone"], x["skill"]): x for x in doc["skill_load"]}
    assert loads[("b", "site_guard")]["share"] == [None, round(24 / 38, 4)] and loads[("b", "site_guard")]["shown"]
    assert loads[("c", "site_guard")]["share"] == [None, round(8 / 76, 4)] and not loads[("c", "site_guard")]["shown"]
    zones = {z["zone"]: z for z in doc["zones"]}
    assert zones["a"]["hours"]["protected_site"] == [32.0, 0.0] and zones["a"]["officers"] == [4, 4]


def test_shared_by_skill_holders_the_text_says_so(tmp_path: Path) -> None:
    path = write(tmp_path, region([sites_policy("skill_holders")]))
    effect = policy_effect(problem(path), problem(path, ["no-sites-a"]))
    # b 8 h, c 24 h (above): b's holder 8 / 38 = 21 %, c's two 24 / 76 = 32 %: no load named.
    assert effect.text == ("protected sites: 32 officer-hours move from a (all 32) to c (+24) and b (+8); "
                           "rules and weights unchanged.")


@pytest.mark.parametrize(("policy", "text"), [
    # Four more officers in c: b's match asks 3 of a and c by 4 : 6, unit 1 c (.6), unit 2 a (.8 against
    # 1.2 - 1 = .2), unit 3 c (1.8 - 1 = .8 against 1.2 - 1 = .2): a 8 h (was 16), c 16 h (was 8).
    ({"add_officers": [{"id_prefix": "new-c", "count": 4, "zone": "c", "skills": ["patrol"]}]},
     "officers: c +4 (+152 contract hours); HyCap quota: 8 officer-hours move from a (\u22128) to c (+8); "
     "rules and weights unchanged."),
    # a's 2 HyCap units go to the federal police: reported, not dropped.
    ({"exempt": {"a": [{"work": "hycap", "absorbed_by": "outside"}]}},
     "HyCap quota: 16 officer-hours move from a (all 16) to outside the region (+16); rules and weights unchanged."),
    # a and b merged: the match's helpers are the zones not merged with b, so c sends all 3 (24 h, was 8).
    # An officer of ab may serve every duty of ab his skills allow (no travel limit).
    ({"merge": [{"id": "ab", "zones": ["a", "b"]}]},
     "a and b merged into ab: an officer may serve any of the merged zones' hotspots and tasks his skills "
     "allow; HyCap quota: 16 officer-hours move from a (all 16) to c (+16); rules and weights unchanged."),
    ({"rules": {"min_rest": {"hours": 12}}, "weights": {"overtime": 5}},
     "no work, officers or zones change; rules: min_rest hours 11 \u2192 12; weights: overtime 0 \u2192 5."),
])
def test_what_other_policies_change(tmp_path: Path, policy: dict[str, Any], text: str) -> None:
    path = write(tmp_path, region([{"id": "p", "description": "x", **policy}]))
    assert policy_effect(problem(path), problem(path, ["p"])).text == text


def test_a_single_zone_scenario_says_what_changes_without_zones(tmp_path: Path) -> None:
    d = scenario(staff("z", 3, 1), skills=["patrol", "site_guard"],
                 tasks=[{**SITE, "zone": None, "headcount": 1}],
                 hotspots=[{"id": "square", "targets": [{**MONDAY[0], "officers": 2}]}],
                 policies=[{"id": "p", "description": "x", "hotspots": {"scale": {"square": 2}},
                            "add_officers": [{"id_prefix": "n", "count": 2, "skills": ["patrol"]}],
                            "weights": {"overtime": 5}}])
    d["zone"] = "z"
    path = write(tmp_path, d)
    effect = policy_effect(problem(path), problem(path, ["p"]))
    # Twice the square's 2 officers for 8 h: +16 officer-hours; 2 officers of 38 h.
    assert effect.text == ("officers +2 (+76 contract hours); hotspot targets +16 officer-hours; rules unchanged; "
                           "weights: overtime 0 \u2192 5.")
    assert effect.as_dict()["zones"][0]["hours"]["hotspot"] == [16.0, 32.0]


def test_policies_lists_what_each_changes_beside_its_description(tmp_path: Path) -> None:
    path = write(tmp_path, region([sites_policy("skill_holders")]))
    result = CliRunner().invoke(main, ["policies", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:4] == [
        "no-sites-a", "    a stops guarding its embassy", f"    from {path}",
        "    what it changes: protected sites: 32 officer-hours move from a (all 32) to c (+24) and b (+8); "
        "rules and weights unchanged."]
