"""`scheduler campaign`: the draws, a week's data, a chain's weeks, the measures over seeds, bad input."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scheduler.campaign.chain import ChainTask, run_chain
from scheduler.campaign.draws import draw_episodes
from scheduler.campaign.summary import chain_measures, interval, policy_summary
from scheduler.campaign.weeks import fixture_task, week_input
from scheduler.chain import check_chain
from scheduler.cli import main
from scheduler.scenario.campaign import Campaign

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "campaign" / "tiny.yaml"
MONDAY = dt.date(2027, 3, 1)


def _campaign(**block: object) -> Campaign:
    return Campaign.model_validate(block)


def test_draws_are_the_seeds_and_the_officers_own():
    camp = _campaign(sickness={"rate": 0.05}, leave={"rate": 0.1, "block_days": 5})
    officers = [f"o{i:03d}" for i in range(200)]
    a = draw_episodes(officers, camp, MONDAY, 26, seed=4, publish_days=7)
    assert a == draw_episodes(officers, camp, MONDAY, 26, seed=4, publish_days=7)
    assert a != draw_episodes(officers, camp, MONDAY, 26, seed=5, publish_days=7)
    # An officer's draws do not depend on who else is in the zone (a recruit changes nobody's luck).
    alone = draw_episodes(["o007"], camp, MONDAY, 26, seed=4, publish_days=7)
    assert alone == [e for e in a if e.officer == "o007"]
    # The shares come out near the rates asked for (200 officers x 182 days; fixed seed, so exact).
    days = 200 * 182
    sick = sum((e.last - e.first).days + 1 for e in a if e.kind == "sick") / days
    leave = sum((e.last - e.first).days + 1 for e in a if e.kind == "leave") / days
    assert 0.035 < sick < 0.065 and 0.075 < leave < 0.125, (sick, leave)
    for e in a:
        if e.kind == "sick":  # known 2 h (the default notice) before the first sick day
            assert e.known == dt.datetime.combine(e.first, dt.time()) - dt.timedelta(hours=2)
        if e.kind == "leave":  # known when its week is planned, 7 days ahead
            week_start = MONDAY + dt.timedelta(days=(e.first - MONDAY).days // 7 * 7)
            assert e.known == dt.datetime.combine(week_start - dt.timedelta(days=7), dt.time())


def test_no_absences_when_the_rates_are_zero():
    camp = _campaign(sickness={"rate": 0}, leave={"rate": 0}, long_absences={"rate_per_week": 0})
    assert draw_episodes(["a", "b"], camp, MONDAY, 8, seed=0, publish_days=7) == []


def _template() -> dict:
    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    data.pop("campaign")
    return data


def test_a_week_takes_what_is_known_when_it_is_planned_and_the_rest_as_disruptions():
    data = _template()
    data["horizon"]["start"] = dt.date(2027, 3, 29)  # Easter Monday is a public holiday
    data["demand"]["windows"].append({"days": ["mon-fri"], "start": "09:00", "end": "17:00", "skill": "driver", "count": 1})
    camp = _campaign(
        sickness={"rate": 0}, leave={"rate": 0}, long_absences={"rate_per_week": 0},
        fixtures=[{"id": "early", "date": "2027-04-02", "start": "20:00", "hours": 6, "headcount": 2, "announced_days": 20},
                  {"id": "late", "date": "2027-04-02", "start": "08:00", "hours": 4, "headcount": 1, "announced_days": 2,
                   "host_zone": "other"}],
        hotspot_changes=[{"start": "2027-03-31", "scale": {"market": 1.5}}],
        departures=[{"date": "2027-04-01", "officer": "o10"}],
    )
    wi = week_input(data, 0, camp, [], publish_days=7)
    # Announced 20 days ahead: in the plan; 2 days ahead (Mar 31, after planning on Mar 22): a repair then.
    assert [t["id"] for t in wi.data["tasks"]] == ["transfer-wed", "early"]
    assert [(d.known, d.start, [t["id"] for t in d.changes["new_tasks"]]) for d in wi.disruptions] == [
        (dt.datetime(2027, 3, 31), dt.datetime(2027, 3, 31), ["late"])]
    assert fixture_task(camp.fixtures[0])["windows"] == [{"days": [dt.date(2027, 4, 2)], "start": "20:00", "end": "02:00"}]
    # Easter Monday takes Sunday's demand: the mon-fri window leaves it, 'all' windows keep it.
    assert wi.public_holidays == [dt.date(2027, 3, 29)]
    driver = wi.data["demand"]["windows"][-1]
    assert driver["days"] == [dt.date(2027, 3, 30), dt.date(2027, 3, 31), dt.date(2027, 4, 1), dt.date(2027, 4, 2)]
    assert wi.data["demand"]["windows"][0]["days"] == ["all"]
    # The market's 2 officers x 1.5 = 3 from the week that holds the change; o10 away from Thursday.
    assert wi.data["hotspots"][0]["targets"][0]["officers"] == 3
    o10 = next(o for o in wi.data["officers"] if o["id"] == "o10")
    assert o10["unavailable"][-1] == {"start": dt.date(2027, 4, 1), "end": dt.date(2027, 4, 4), "reason": "other"}


def test_interval_and_verdicts_by_hand():
    # [1, 2, 3]: mean 2, standard deviation 1, t(0.95, 2 df) = 2.920: half-width 2.920 / sqrt(3) = 1.6859.
    iv = interval([1.0, 2.0, 3.0])
    assert iv["mean"] == 2.0 and math.isclose(iv["high"] - 2.0, 2.920 / math.sqrt(3))
    assert interval([5.0]) == {"mean": 5.0, "low": None, "high": None, "n": 1}

    def chain(policy: str, seed: int, overtime: float) -> dict:
        week = {"hotspot_target_officer_hours": 10, "hotspot_delivered_officer_hours": 10, "response_shortfall_officer_hours": 0,
                "unmet_mandatory_officer_hours": 0, "overtime_hours": overtime, "short_notice_changes": 0, "hard_rule_gave": [],
                "per_officer": {"a": ["z", 38, 38, 1, 1, 0, 0, 0, 0]}}
        return {"policy": policy, "seed": seed, "weeks": [week], "measures": chain_measures([week], 40)}

    # Paired by seed: overtime 10/20/30 against 12/21/33: differences 2, 1, 3, whose interval
    # 2 +- 1.6859 excludes 0, so the policy has more overtime: worse.
    chains = [chain("baseline", s, o) for s, o in enumerate([10, 20, 30])] + [chain("p", s, o) for s, o in enumerate([12, 21, 33])]
    verdict = policy_summary(chains)["p"]["against_baseline"]["overtime_hours"]
    assert verdict["verdict"] == "worse" and math.isclose(verdict["mean"], 2.0)
    # Differences -1, 1, 3: the interval 1 +- 3.37 holds 0: no clear difference.
    chains[3:] = [chain("p", s, o) for s, o in enumerate([9, 21, 33])]
    assert policy_summary(chains)["p"]["against_baseline"]["overtime_hours"]["verdict"] == "no clear difference"


def test_relief_factor_and_officers_needed_by_hand():
    # Two officers available 38 h and 32 h a week: 35 h on average, so one post around the clock takes
    # 168 / 35 = 4.8 officers. Week short: 8 hotspot hours + 30 response hours = 38 h: ceil(38 / 35) = 2.
    week = {"hotspot_target_officer_hours": 20, "hotspot_delivered_officer_hours": 12, "response_shortfall_officer_hours": 30,
            "unmet_mandatory_officer_hours": 0, "overtime_hours": 0, "short_notice_changes": 0, "hard_rule_gave": [],
            "per_officer": {"a": ["z", 38, 38, 2, 1, 0, 0, 1, 0], "b": ["z", 30, 32, 0, 1, 0, 0, 0, 1]}}
    m = chain_measures([week], 40)
    assert math.isclose(m["relief_factor"], 4.8) and m["officers_needed"] == 2
    assert m["nights_spread"] == 2 and m["short_notice_changes_max"] == 1 and m["hotspot_coverage"] == 0.6


@pytest.fixture(scope="module")
def two_weeks(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("chain") / "baseline" / "seed-0"
    task = ChainTask(str(TINY), "baseline", 0, 2, str(folder), workers=1, deterministic=True,
                     week_time_limit=2, repair_time_limit=1)
    return folder, run_chain(task)


def test_a_chain_goes_week_after_week_and_its_ledger_checks(two_weeks):
    folder, result = two_weeks
    assert result["failed"] is None and [w["week"] for w in result["weeks"]] == [1, 2]
    for w in result["weeks"]:
        assert w["hard_violations"] == 0 and w["hard_rule_gave"] == []
        for r in w["repairs"]:
            assert r["changed_assignments"] >= r["lower_bound"]
    ledger = json.loads((folder / "week-02" / "ledger.json").read_text())
    rosters = {w["roster"]: json.loads((folder / "week-02" / w["roster"]).read_text()) for w in ledger["weeks"]}
    report = check_chain(ledger, folder / "week-02", rosters)
    assert report.ok and report.weeks == 2
    week2 = yaml.safe_load((folder / "week-02" / "scenario.yaml").read_text())
    assert week2["previous"] == "../week-01/roster.json" and str(week2["horizon"]["start"]) == "2027-03-08"


def test_a_finished_week_is_read_back_not_solved_again(two_weeks, monkeypatch):
    folder, result = two_weeks

    def no_solve(*args: object, **kwargs: object) -> None:
        raise AssertionError("a finished week was solved again")

    monkeypatch.setattr("scheduler.campaign.chain.solve_problem", no_solve)
    again = run_chain(ChainTask(str(TINY), "baseline", 0, 2, str(folder), workers=1, week_time_limit=2, repair_time_limit=1))
    assert again["weeks"] == json.loads(json.dumps(result["weeks"]))


def _bad(tmp_path: Path, edit: dict, *args: str) -> tuple[int, str]:
    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    for key, value in edit.items():
        data["campaign"][key] = value
    path = tmp_path / "zone.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = CliRunner().invoke(main, ["campaign", str(path), "-o", str(tmp_path / "out"), *args])
    return result.exit_code, result.output


def test_bad_campaigns_are_refused_with_file_line_and_field(tmp_path):
    code, out = _bad(tmp_path, {"sickness": {"rate": -0.1}})
    assert code == 2 and "campaign.sickness.rate" in out and "must be at least 0, got -0.1" in out
    assert "zone.yaml:" in out and not (tmp_path / "out").exists()
    code, out = _bad(tmp_path, {"week_gap": 1.5})
    assert code == 2 and "campaign.week_gap" in out and "zone.yaml:" in out and not (tmp_path / "out").exists()
    code, out = _bad(tmp_path, {"fixtures": [{"id": "m", "date": "2028-01-01", "start": "18:00", "hours": 4, "headcount": 1}]})
    assert code == 2 and "campaign.fixtures[0].date: 2028-01-01 is outside the campaign" in out
    code, out = _bad(tmp_path, {}, "--policy", "no-such-policy")
    assert code == 2 and "unknown policy 'no-such-policy' (known: market-x2)" in out
    code, out = _bad(tmp_path, {}, "--executor", "dask", "--address", "tcp://127.0.0.1:9")
    assert code == 2 and "no Dask scheduler answers at tcp://127.0.0.1:9" in out and not (tmp_path / "out").exists()


def test_a_recruit_joins_and_a_long_absence_is_planned_once_known():
    data = _template()
    recruit = {"id": "r01", "name": "New Recruit", "skills": ["patrol"]}
    camp = _campaign(joins=[{"date": "2027-03-03", "officer": recruit}])
    from scheduler.campaign.draws import Episode

    long = Episode("o01", "long", dt.date(2027, 3, 3), dt.date(2027, 3, 30), dt.datetime(2027, 3, 3))
    first = week_input(data, 0, camp, [long], publish_days=7)
    r01 = next(o for o in first.data["officers"] if o["id"] == "r01")
    # Joins on Wednesday: away Monday and Tuesday of his first week.
    assert r01["unavailable"] == [{"start": dt.date(2027, 3, 1), "end": dt.date(2027, 3, 2), "reason": "other"}]
    # The long absence starts after the week was planned: a repair from its first day.
    assert [(d.start, d.changes["absences"]) for d in first.disruptions] == [
        (dt.datetime(2027, 3, 3), [{"officer": "o01", "start": dt.date(2027, 3, 3), "end": dt.date(2027, 3, 7), "reason": "sick"}])]
    # Week 2 was planned on Mar 1, before it was known: repaired from the week's first minute.
    data["horizon"]["start"] = dt.date(2027, 3, 8)
    second = week_input(data, 1, camp, [long], publish_days=7)
    assert [(d.start, d.changes["absences"][0]["start"]) for d in second.disruptions] == [
        (dt.datetime(2027, 3, 8), dt.date(2027, 3, 8))]
    # Week 3 is planned on Mar 8, when it is known: in its scenario, the whole week; no disruption.
    data["horizon"]["start"] = dt.date(2027, 3, 15)
    third = week_input(data, 2, camp, [long], publish_days=7)
    o01 = next(o for o in third.data["officers"] if o["id"] == "o01")
    assert o01["unavailable"][-1] == {"start": dt.date(2027, 3, 15), "end": dt.date(2027, 3, 21), "reason": "sick"}
    assert third.disruptions == [] and "unavailable" not in next(o for o in third.data["officers"] if o["id"] == "r01")


def test_a_damaged_week_is_run_again_not_trusted(two_weeks, tmp_path):
    import shutil

    folder, result = two_weeks
    copy = tmp_path / "seed-0"
    shutil.copytree(folder, copy)
    (copy / "week-02" / "week.json").write_text("{not json", encoding="utf-8")
    again = run_chain(ChainTask(str(TINY), "baseline", 0, 2, str(copy), workers=1, week_time_limit=2, repair_time_limit=1))
    # Deterministic: the week run again is the week it was.
    assert [w["week"] for w in again["weeks"]] == [1, 2]
    assert again["weeks"][1]["objective"] == result["weeks"][1]["objective"]
    assert json.loads((copy / "week-02" / "week.json").read_text())["week"] == 2


def test_a_zone_files_own_campaign_block_is_named_as_not_read(tmp_path):
    from scheduler.cli.campaign import ignored_zone_campaigns
    from scheduler.scenario.yaml_source import YamlSource

    (tmp_path / "a.yaml").write_text("zone: a\ncampaign: {weeks: 4}\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("zone: b\n", encoding="utf-8")
    region = tmp_path / "region.yaml"
    region.write_text("zones:\n  - {id: a, file: a.yaml}\n  - {id: b, file: b.yaml}\ncampaign: {weeks: 8}\n", encoding="utf-8")
    assert [Path(n).name for n in ignored_zone_campaigns(YamlSource.read(region), region)] == ["a.yaml"]
    assert ignored_zone_campaigns(YamlSource.read(tmp_path / "a.yaml"), tmp_path / "a.yaml") == []


def test_a_week_is_planned_to_the_campaign_gap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import scheduler.campaign.chain as chain

    asked: list[float] = []
    real = chain.solve_problem

    def spy(problem: object, settings: object, *args: object, **kwargs: object) -> object:
        asked.append(settings.relative_gap)  # type: ignore[attr-defined]
        return real(problem, settings, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(chain, "solve_problem", spy)
    task = ChainTask(str(TINY), "baseline", 0, 1, str(tmp_path / "chain"), workers=1, week_time_limit=2, repair_time_limit=1)
    assert run_chain(task)["failed"] is None
    assert asked == [0.005]  # the campaign block's week_gap (its default): the week's plan, once


def test_a_campaign_on_a_generated_zone_across_the_spring_clock_change(tmp_path: Path) -> None:
    # A rich generated zone with seed 1 starts on Monday 2026-03-23: its first week holds Sunday 29 March,
    # when the clocks go forward (that night's shift lasts 7 real hours). No `campaign:` block: the defaults.
    zone = tmp_path / "rich.yaml"
    made = CliRunner().invoke(main, ["generate", "--rich", "--officers", "15", "--seed", "1", "-o", str(zone)])
    assert made.exit_code == 0, made.output
    assert yaml.safe_load(zone.read_text())["horizon"]["start"] in ("2026-03-23", dt.date(2026, 3, 23))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["campaign", str(zone), "--weeks", "2", "--seeds", "1", "--week-time-limit", "3",
                                       "--workers", "1", "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    weeks = json.loads((out / "campaign.json").read_text())["chains"][0]["weeks"]
    assert [w["start"] for w in weeks] == ["2026-03-23", "2026-03-30"]
    for w in weeks:
        assert w["hard_violations"] == 0 and w["hard_rule_gave"] == [] and w["unmet_mandatory_officer_hours"] == 0
        assert all("failed" not in r for r in w["repairs"])
