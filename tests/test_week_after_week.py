"""Week after week: next week's scenario from this week's roster (`next-week`, `previous:`), history and
the fairness ledger carried over, fairness over the running period, a chain of weeks checked."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from scheduler.api import load_problem
from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.roster import Assignment
from scheduler.scenario.next_week import next_week_data

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny" / "zone.yaml"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def two_weeks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny zone's week solved, next week written by `next-week` and solved after it."""
    folder = tmp_path_factory.mktemp("weeks")
    result = run("solve", TINY, "--out", folder / "w1", "--time-limit", 3, "--deterministic", "--quiet")
    assert result.exit_code == 0, result.output
    result = run("next-week", folder / "w1" / "roster.json", "-o", folder / "week2.yaml")
    assert result.exit_code == 0, result.output
    result = run("solve", folder / "week2.yaml", "--out", folder / "w2", "--time-limit", 3, "--deterministic", "--quiet")
    assert result.exit_code == 0, result.output
    return folder


def test_next_week_moves_the_horizon_and_names_the_roster(two_weeks: Path) -> None:
    week2 = yaml.safe_load((two_weeks / "week2.yaml").read_text(encoding="utf-8"))
    assert week2["horizon"]["start"] == dt.date(2026, 3, 9)
    assert week2["previous"] == "w1/roster.json"
    # Week 1's dated items are history now: o03's leave on Thursday 5 March, o05's request for 7 March,
    # o07's history shift of 1 March; the transfer on Wednesdays stays.
    officers = {o["id"]: o for o in week2["officers"]}
    assert "unavailable" not in officers["o03"] or officers["o03"]["unavailable"] == []
    assert officers["o05"].get("requests") == []
    assert "history" not in officers["o07"]
    assert [t["id"] for t in week2["tasks"]] == ["transfer-wed"]  # on Wednesdays: every week


def test_history_carries_the_last_weeks_shifts(two_weeks: Path) -> None:
    week1 = json.loads((two_weeks / "w1" / "roster.json").read_text(encoding="utf-8"))
    _, problem = load_problem(two_weeks / "week2.yaml")
    for o in problem.officers:
        worked = sorted((r["date"], r["shift"]) for r in week1["assignments"] if r["officer"] == o.id)
        carried = sorted((problem.date_of(h.day).isoformat(), problem.shift_types[h.shift].id) for h in o.history)
        # Week 1's shifts, and o07's Sunday night of 1 March (within the 14 days before 9 March).
        expected = worked + ([("2026-03-01", "N")] if o.id == "o07" else [])
        assert carried == sorted(expected), o.id


def test_fairness_starts_from_last_weeks_nights(two_weeks: Path) -> None:
    week1 = json.loads((two_weeks / "w1" / "roster.json").read_text(encoding="utf-8"))
    loaded, problem = load_problem(two_weeks / "week2.yaml")
    nights = {o.id: sum(1 for r in week1["assignments"] if r["officer"] == o.id and r["shift"] == "N")
              for o in problem.officers}
    assert {o.id: o.prior_nights for o in problem.officers} == nights
    # One officer, two nights this week: his k-th night of the running period costs k x fair_nights (3).
    o = max(problem.officers, key=lambda off: off.prior_nights)
    p = o.prior_nights
    shift_n = next(s for s in problem.shift_types if s.id == "N")
    days = [d for d in range(problem.days) if problem.instance_of(d, shift_n.index).index not in o.blocked][:3:2]
    result = check_roster(problem, [Assignment(o.id, d, "N", "response") for d in days])
    # (p + 1) + (p + 2) = 2p + 3 units of 3 points.
    assert result.penalties["fair_nights"] == 3 * (2 * p + 3)
    assert loaded.scenario.objective.fairness_weeks == 8


def test_the_ledger_adds_a_week_and_the_chain_checks(two_weeks: Path) -> None:
    ledger = json.loads((two_weeks / "w2" / "ledger.json").read_text(encoding="utf-8"))
    assert [w["start"] for w in ledger["weeks"]] == ["2026-03-02", "2026-03-09"]
    assert [w["roster"] for w in ledger["weeks"]] == ["../w1/roster.json", "roster.json"]
    week2 = json.loads((two_weeks / "w2" / "roster.json").read_text(encoding="utf-8"))
    for oid, record in ledger["officers"].items():
        assert [p["start"] for p in record["periods"]] == ["2026-03-02", "2026-03-09"]
        hours = sum(r["hours"] for r in week2["assignments"] if r["officer"] == oid)
        assert record["periods"][1]["hours"] == pytest.approx(hours)
    result = run("check-chain", two_weeks / "w2" / "ledger.json")
    assert result.exit_code == 0, result.output
    assert "2 weeks, 10 officers: 0 mismatches, 0 breaches" in result.output


def test_the_chain_finds_an_edited_roster(two_weeks: Path, tmp_path: Path) -> None:
    for name in ("w1", "w2"):
        (tmp_path / name).mkdir()
        for f in (two_weeks / name).iterdir():
            (tmp_path / name / f.name).write_bytes(f.read_bytes())
    roster = json.loads((tmp_path / "w1" / "roster.json").read_text(encoding="utf-8"))
    removed = roster["assignments"].pop(0)
    (tmp_path / "w1" / "roster.json").write_text(json.dumps(roster), encoding="utf-8")
    result = run("check-chain", tmp_path / "w2" / "ledger.json")
    assert result.exit_code == 1, result.output
    assert "week of 2026-03-02 (../w1/roster.json): the roster changed after the ledger was written" in result.output
    assert f"officer {removed['officer']} hours" in result.output


def test_the_chain_reports_the_48_hour_average(tmp_path: Path) -> None:
    rows = [{"officer": "a", "date": f"2026-03-0{2 + d}", "shift": "L", "hours": 10.0, "duty_kind": "response",
             "hycap": False} for d in range(5)]  # 50 h in the week
    (tmp_path / "roster.json").write_text(json.dumps({"assignments": rows}), encoding="utf-8")
    period = {"start": "2026-03-02", "days": 7, "nights": 0, "weekend_shifts": 0, "hours": 50.0,
              "contract_hours": 38.0, "hotspot_hours": 0.0, "hycap_hours": 0.0}
    ledger = {"format": "police-duty-ledger/1", "night_shifts": ["N"],
              "weeks": [{"start": "2026-03-02", "days": 7, "roster": "roster.json", "roster_sha256": ""}],
              "officers": {"a": {"periods": [period], "recent": []}}}
    (tmp_path / "ledger.json").write_text(json.dumps(ledger), encoding="utf-8")
    result = run("check-chain", tmp_path / "ledger.json")
    assert result.exit_code == 1, result.output
    assert "officer a: 50.0 h a week on average over the last 1 weeks, above 48" in result.output


def test_a_previous_week_that_does_not_end_where_this_one_starts(two_weeks: Path, tmp_path: Path) -> None:
    week2 = yaml.safe_load((two_weeks / "week2.yaml").read_text(encoding="utf-8"))
    week2["horizon"]["start"] = dt.date(2026, 3, 16)
    week2["previous"] = str(two_weeks / "w1" / "roster.json")
    (tmp_path / "late.yaml").write_text(yaml.safe_dump(week2, sort_keys=False), encoding="utf-8")
    result = run("validate", tmp_path / "late.yaml")
    assert result.exit_code == 2, result.output
    assert "so this horizon starts on 2026-03-09, not 2026-03-16" in result.output


def test_next_week_of_a_region_says_what_to_do(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "examples" / "brussels-region" / "region.yaml").read_text(encoding="utf-8"))
    with pytest.raises(Exception, match="next-week writes a zone file"):
        next_week_data(data, "region.yaml", "roster.json")


def _spreads(folders: list[Path]) -> tuple[int, int]:
    """Spread (most - fewest) over officers of nights and of weekend shifts, summed over the weeks."""
    totals: dict[str, list[int]] = {}
    for folder in folders:
        ledger = json.loads((folder / "ledger.json").read_text(encoding="utf-8"))
        for oid, record in ledger["officers"].items():
            period = record["periods"][-1]
            row = totals.setdefault(oid, [0, 0])
            row[0] += period["nights"]
            row[1] += period["weekend_shifts"]
    nights, weekends = [t[0] for t in totals.values()], [t[1] for t in totals.values()]
    return max(nights) - min(nights), max(weekends) - min(weekends)


def test_six_chained_weeks_spread_nights_and_weekends_at_most_half_as_much(tmp_path: Path) -> None:
    """The tiny zone six weeks running, each week solved to its optimum (deterministic): alone, every
    week gives its nights and weekends to the same officers; chained through the ledger, to those who
    had fewer. Measured here against the independent weeks (benchmarks/week_chain.py: a 40-officer zone
    over 8 weeks)."""
    data = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    chained, alone = [], []
    for week in range(1, 7):
        if week > 1:
            data = next_week_data(data, str(TINY), f"chained{week - 1}/roster.json")
        for name, scenario, into in (("chained", data, chained),
                                     ("alone", {k: v for k, v in data.items() if k != "previous"}, alone)):
            path = tmp_path / f"{name}{week}.yaml"
            path.write_text(yaml.safe_dump(scenario, sort_keys=False), encoding="utf-8")
            result = run("solve", path, "--out", tmp_path / f"{name}{week}", "--time-limit", 2, "--deterministic",
                         "--quiet")
            assert result.exit_code == 0, result.output
            assert "checker: 0 hard violations" in result.output
            into.append(tmp_path / f"{name}{week}")
    nights, weekends = _spreads(chained)
    nights_alone, weekends_alone = _spreads(alone)
    assert nights * 2 <= nights_alone and weekends * 2 <= weekends_alone, (nights, weekends, nights_alone, weekends_alone)
    result = run("check-chain", chained[-1] / "ledger.json")
    assert result.exit_code == 0, result.output
