"""`scheduler repair`: the changes file's errors, the freeze, a sick officer covered, the exact minimum of
changes against a brute force that knows nothing of the repair model, the calendar updates, the checker."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.problem import build_problem
from scheduler.repair.run import load_repair, repair
from scheduler.roster import Assignment
from scheduler.scenario.load import load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny" / "zone.yaml"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("published")
    result = CliRunner().invoke(main, ["solve", str(TINY), "--time-limit", "5", "--seed", "0", "--deterministic", "--quiet",
                                        "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out / "roster.json"


def run_repair(tmp_path: Path, roster: Path, changes: str, when: str = "2026-03-04T05:00", *extra: str):
    path = tmp_path / "changes.yaml"
    path.write_text(changes)
    args = ["repair", str(TINY), str(roster), "--changes", str(path), "--from", when, "--out", str(tmp_path / "out"),
            "--time-limit", "5", "--deterministic", *extra]  # deterministic: the same repair on a loaded machine
    return CliRunner().invoke(main, args)


@pytest.mark.parametrize(("text", "where"), [
    ("absences:\n  - {officer: o02, start: 2026-03-04, colour: red}\n", ":2: absences[0].colour"),
    ("absences:\n  - {officer: o02, start: 2026-03-04, reason: flu}\n", ":2: absences[0].reason"),
    ("absences:\n  - {officer: o99, start: 2026-03-04}\n", ":2: absences[0].officer: unknown officer 'o99'"),
    ("cancelled_tasks: [transfer-wed, parade]\n", ":1: cancelled_tasks[1]: unknown task 'parade'"),
    ("headcounts:\n  - {task: transfer-wed, headcount: 0}\n", ":2: headcounts[0].headcount"),
    ("sickness: []\n", ":1: sickness"),
])
def test_changes_file_errors_name_file_line_field(tmp_path: Path, published: Path, text: str, where: str) -> None:
    result = run_repair(tmp_path, published, text)
    assert result.exit_code == 2, result.output
    assert f"changes.yaml{where}" in result.output
    assert "Traceback" not in result.output


def test_absence_during_a_frozen_shift_is_refused(tmp_path: Path, published: Path) -> None:
    doc = json.loads(published.read_text())
    early = next(a for a in doc["assignments"] if a["date"] == "2026-03-04" and a["shift"] == "E")
    result = run_repair(tmp_path, published, f"absences:\n  - {{officer: {early['officer']}, start: \"2026-03-04T08:00:00\"}}\n",
                        "2026-03-04T08:00")
    assert result.exit_code == 2 and "frozen" in result.output


def sick_officer(doc: dict) -> str:
    """An officer with published shifts from Wednesday to Friday."""
    days: dict[str, set[int]] = {}
    for a in doc["assignments"]:
        days.setdefault(a["officer"], set()).add(a["day"])
    return max(sorted(days), key=lambda o: len(days[o] & {2, 3, 4}))


def test_sick_officer_is_covered_and_the_past_frozen(tmp_path: Path, published: Path) -> None:
    doc = json.loads(published.read_text())
    who = sick_officer(doc)
    result = run_repair(tmp_path, published, f"absences:\n  - {{officer: {who}, start: 2026-03-04, end: 2026-03-06}}\n",
                        "2026-03-04T00:00", "--ics", str(tmp_path / "ics"), "--html", str(tmp_path / "desk.html"))
    assert result.exit_code == 0, result.output
    new = json.loads((tmp_path / "out" / "roster.json").read_text())
    key = lambda a: (a["officer"], a["day"], a["shift"], a["duty"])  # noqa: E731
    assert {key(a) for a in doc["assignments"] if a["day"] < 2} == {key(a) for a in new["assignments"] if a["day"] < 2}
    assert not [a for a in new["assignments"] if a["officer"] == who and 2 <= a["day"] <= 4]
    assert new["summary"]["check"]["hard_violations"] == 0 and new["summary"]["check"]["agrees_with_solver"]
    assert new["measures"]["unmet_mandatory_officer_hours"] == doc["measures"]["unmet_mandatory_officer_hours"]
    lost = sum(1 for a in doc["assignments"] if a["officer"] == who and 2 <= a["day"] <= 4)
    summary = new["summary"]["repair"]
    assert summary["lower_bound"] == lost <= summary["changed_assignments"]
    changes = json.loads((tmp_path / "out" / "changes.json").read_text())["changes"]
    assert len(changes) == summary["changed_assignments"]
    assert all(c["why"] for c in changes) and any("sick" in c["why"] for c in changes if c["officer"] == who)
    # Calendar updates: the affected officers only; the sick officer's shifts cancelled, SEQUENCE raised.
    affected = {c["officer"] for c in changes}
    files = {p.stem for p in (tmp_path / "ics").glob("*.ics")}
    assert files == affected
    text = (tmp_path / "ics" / f"{who}.ics").read_text()
    assert text.count("STATUS:CANCELLED") == lost and "SEQUENCE:1" in text
    assert "Roster changes" in (tmp_path / "desk.html").read_text()


def test_calendar_uids_stable_across_a_repair(tmp_path: Path, published: Path) -> None:
    doc = json.loads(published.read_text())
    who = sick_officer(doc)
    CliRunner().invoke(main, ["export", str(published), "--scenario", str(TINY), "--ics", str(tmp_path / "before")])
    result = run_repair(tmp_path, published, f"absences:\n  - {{officer: {who}, start: 2026-03-05}}\n",
                        "2026-03-04T23:00", "--ics", str(tmp_path / "after"))
    assert result.exit_code == 0, result.output
    uids = lambda p: {line for line in p.read_text().splitlines() if line.startswith("UID:")}  # noqa: E731
    before, after = uids(tmp_path / "before" / f"{who}.ics"), uids(tmp_path / "after" / f"{who}.ics")
    assert before <= after  # every published event is still there: kept, updated or cancelled


# A zone small enough for a brute force: 5 officers, 3 days, a strict desk task on both shifts.
BRUTE = {
    "zone": "brute", "horizon": {"start": "2026-03-02", "days": 3},
    "skills": ["desk"],
    "shift_types": [{"id": "E", "start": "06:00", "hours": 8}, {"id": "L", "start": "14:00", "hours": 8}],
    "officers": [{"id": f"b{k}", "skills": ["desk"] if k < 4 else [], "contract_hours": 24} for k in range(5)],
    "demand": {"windows": [{"days": ["all"], "start": "06:00", "end": "22:00", "count": 1}]},
    "tasks": [{"id": "desk", "kind": "other", "windows": [{"days": ["all"], "start": "06:00", "end": "22:00"}],
               "headcount": 1, "skills": ["desk"], "strict": True}],
    "rules": {"pack": "belgian-police"},
}
HUGE = "weights: {changed_duty: 1000000, changed_shift: 1000000, rest_day_call_in: 1000000, within_24h: 1, within_72h: 1}\n"


def brute_force_minimum(problem, published: list[Assignment], sick: str, first_day: int) -> int:
    """The fewest changed officer-days, from first_day on, that leave no hard violation (the checker's)."""
    days = range(first_day, problem.days)
    options = [None, *[(s.id, d.id) for s in problem.shift_types for d in problem.duties]]
    start = {(a.officer, a.day): (a.shift, a.duty) for a in published}
    forced = {(sick, d): None for d in days}
    cells = [(o.id, d) for o in problem.officers for d in days if o.id != sick]
    for k in range(len(cells) + 1):
        for chosen in itertools.combinations(cells, k):
            for values in itertools.product(*[[v for v in options if v != start.get(c)] for c in chosen]):
                roster = {**start, **forced, **dict(zip(chosen, values, strict=True))}
                rows = [Assignment(o, d, v[0], v[1]) for (o, d), v in roster.items() if v is not None]
                if not check_roster(problem, rows).hard_violations:
                    return k + sum(1 for c in forced if start.get(c) is not None)
    raise AssertionError("no legal roster at all")


@pytest.mark.parametrize("sick", ["b0", "b1"])
def test_fewest_changes_match_brute_force(tmp_path: Path, sick: str) -> None:
    scenario = tmp_path / "brute.yaml"
    scenario.write_text(yaml.safe_dump(BRUTE))
    problem = build_problem(load_scenario(scenario))
    first = solve(problem, SolverSettings(time_limit=10, workers=2, seed=0, deterministic=True), diagnose=False)
    published = tmp_path / "roster.json"
    published.write_text(json.dumps({"assignments": [vars(a) for a in first.assignments]}))
    changes = tmp_path / "changes.yaml"
    changes.write_text(HUGE + f"absences:\n  - {{officer: {sick}, start: 2026-03-03}}\n")
    given = load_repair(scenario, published, changes, dt.datetime(2026, 3, 3))
    done = repair(given, time_limit=10, workers=2)
    assert done.roster.info.status == "OPTIMAL"
    plain = build_problem(given.loaded)  # the changed scenario, no freeze nor baseline: only the hard rules
    fewest = brute_force_minimum(plain, first.assignments, sick, 1)
    print(f"{sick}: {len(done.changes)} changes, brute force {fewest}")
    assert len(done.changes) == fewest
    assert not check_roster(given.problem, done.roster.assignments).hard_violations


def test_checker_agrees_on_the_change_penalty(tmp_path: Path, published: Path) -> None:
    doc = json.loads(published.read_text())
    changes = tmp_path / "changes.yaml"
    changes.write_text(f"absences:\n  - {{officer: {sick_officer(doc)}, start: 2026-03-04}}\n"
                       "new_tasks:\n  - {id: escort-fri, kind: prisoner_transfer, headcount: 1, skills: [transfer_escort],\n"
                       "     windows: [{days: [fri], start: \"08:00\", end: \"12:00\"}]}\n")
    given = load_repair(TINY, published, changes, dt.datetime(2026, 3, 3, 12))
    done = repair(given, time_limit=10, workers=2)
    result = check_roster(given.problem, done.roster.assignments)
    assert not result.hard_violations
    assert result.objective == pytest.approx(done.roster.info.objective)
    assert result.penalties == pytest.approx(done.roster.info.penalties)
    assert any(k in result.penalties for k in ("changed_shift", "changed_duty", "rest_day_call_in"))


def test_a_region_is_repaired_only_in_the_zone_the_changes_touch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Two zones nothing couples (a generated region): a sick officer of 'centre' is that zone's repair;
    # 'south' keeps its published roster without a model being built for it. 10 s: each zone's share is at
    # least REPAIR_SEARCH_SECONDS, so 'centre' is searched.
    scenario = tmp_path / "region.yaml"
    assert CliRunner().invoke(main, ["generate", "--officers", "40", "--zones", "2", "--seed", "3", "-o", str(scenario)]).exit_code == 0
    problem = build_problem(load_scenario(scenario))
    doc_path = tmp_path / "published"
    assert CliRunner().invoke(main, ["solve", str(scenario), "--time-limit", "5", "--workers", "1", "--deterministic",
                                     "--out", str(doc_path), "--quiet"]).exit_code == 0
    published = json.loads((doc_path / "roster.json").read_text())["assignments"]
    zone_of = {o.id: o.zone for o in problem.officers}
    sick = next(a["officer"] for a in published if zone_of[a["officer"]] == "centre" and a["date"] == "2026-03-05")
    changes = tmp_path / "changes.yaml"
    changes.write_text(f"absences:\n  - {{officer: {sick}, start: 2026-03-05, end: 2026-03-06}}\n", encoding="utf-8")
    solved_zones: list[str] = []
    import scheduler.solve.repair as repair_module

    real = repair_module.solve_full

    def recording(run, **kwargs):
        solved_zones.append(run.problem.zone)
        return real(run, **kwargs)

    monkeypatch.setattr(repair_module, "solve_full", recording)
    given = load_repair(scenario, doc_path / "roster.json", changes, dt.datetime(2026, 3, 4, 22, 0))
    assert given.problem.baseline.zones == frozenset({"centre"})
    result = repair(given, time_limit=10, seed=0, workers=1, deterministic=True)
    assert solved_zones == ["centre"]
    south = lambda rows: sorted((a.officer, a.day, a.shift, a.duty) for a in rows if zone_of[a.officer] == "south")  # noqa: E731
    before = [Assignment(a["officer"], a["day"], a["shift"], a["duty"]) for a in published]
    assert south(result.roster.assignments) == south(before) and south(before)
    assert not any(a.officer == sick and a.day in (3, 4) for a in result.roster.assignments)
    check = check_roster(given.problem, result.roster.assignments)
    assert not check.hard_violations and abs(check.objective - result.roster.info.objective) < 1e-6


def _desk_officer_sick(tmp_path: Path, strict: bool, time_limit: float):
    """BRUTE solved and published, then the desk officer of a later shift sick from Tuesday, repaired with
    `time_limit`: (load the repair again, the repair, the sick officer)."""
    data = json.loads(json.dumps(BRUTE))
    data["tasks"][0]["strict"] = strict
    scenario = tmp_path / "brute.yaml"
    scenario.write_text(yaml.safe_dump(data))
    first = solve(build_problem(load_scenario(scenario)), SolverSettings(time_limit=10, workers=2, seed=0, deterministic=True),
                  diagnose=False)
    published = tmp_path / "roster.json"
    published.write_text(json.dumps({"assignments": [vars(a) for a in first.assignments]}))
    sick = next(a.officer for a in first.assignments if a.day >= 1 and a.duty == "desk")
    changes = tmp_path / "changes.yaml"
    changes.write_text(f"absences:\n  - {{officer: {sick}, start: 2026-03-03}}\n")
    again = lambda: load_repair(scenario, published, changes, dt.datetime(2026, 3, 3))  # noqa: E731
    return again, repair(again(), time_limit=time_limit, workers=1, deterministic=True), sick


def test_a_short_repair_is_the_published_roster_after_local_moves(tmp_path: Path) -> None:
    # Below REPAIR_SEARCH_SECONDS no full model is searched: the published roster less the sick officer's
    # shifts, after local moves. The desk (mandatory, not strict here) loses its officer on the sick one's
    # shifts; a desk holder on the same shift leaves emergency response for it (a duty change: 100,000
    # points an hour of mandatory work against 1,000 of response), so every desk slot stays staffed.
    again, done, sick = _desk_officer_sick(tmp_path, strict=False, time_limit=1)
    assert done.roster.info.solver_version == "local moves"
    result = check_roster(done.given.problem, done.roster.assignments)
    assert not result.hard_violations and "unmet_mandatory" not in result.penalties
    assert result.objective == pytest.approx(done.roster.info.objective)
    assert not [a for a in done.roster.assignments if a.officer == sick and a.day >= 1]
    assert {(a.day, a.shift) for a in done.roster.assignments if a.duty == "desk"} >= {(d, s) for d in (1, 2) for s in "EL"}
    # Given the time, the full model searches from those moves: never worse, and proven.
    searched = repair(again(), time_limit=10, workers=2)
    assert searched.roster.info.solver_version != "local moves" and searched.roster.info.status == "OPTIMAL"
    assert searched.roster.info.objective <= done.roster.info.objective


def test_a_short_repair_that_local_moves_leave_illegal_is_searched(tmp_path: Path) -> None:
    # The strict desk: local moves weigh the objective, and a duty change from response to the desk raises
    # it (the strict task's shortfall is a hard violation, not a term). The moved roster still breaks the
    # rule, so the full model repairs it, however short the time.
    _, done, _ = _desk_officer_sick(tmp_path, strict=True, time_limit=1)
    assert done.roster.info.solver_version != "local moves"
    assert not check_roster(done.given.problem, done.roster.assignments).hard_violations
