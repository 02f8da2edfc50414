"""One chain of a campaign: a scenario under one policy and one seed, week after week.

Each week is planned from what is known `campaign.publish_days` before it starts (solve), then repaired each
time something becomes known (`scheduler repair`'s search: few changes, the past frozen); its final
roster is next week's `previous:` (history and fairness ledger). A finished week is a folder
`week-NN/` (scenario.yaml, changes-K.yaml, roster.json, roster.csv, ledger.json, week.json), written
under a temporary name and renamed when whole, so an interrupted chain keeps its finished weeks and
`--resume` (or a retried task) continues after the last one. Only the week rows come back to the
coordinator, never the rosters.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scheduler.api import checked_document, settings_for, solve_problem
from scheduler.campaign.draws import draw_episodes
from scheduler.campaign.week_measures import away_days, officer_rows, week_row
from scheduler.campaign.weeks import WeekInput, week_input
from scheduler.io.roster_files import write_roster
from scheduler.ledger import week_ledger
from scheduler.problem import Problem, build_problem
from scheduler.repair.run import minute_of, prepare_repair, repair
from scheduler.roster import Assignment
from scheduler.scenario.campaign import Campaign
from scheduler.scenario.changes import read_changes
from scheduler.scenario.load import load_data, scenario_data
from scheduler.scenario.next_week import next_week_data
from scheduler.scenario.yaml_source import YamlSource

WEEK_FILE = "week.json"


@dataclass(frozen=True)
class ChainTask:
    """Everything a worker needs to run a chain (picklable: it travels to worker processes)."""

    scenario: str  # absolute path
    policy: str  # "baseline" or a policy id
    seed: int
    weeks: int
    folder: str  # absolute path of the chain's folder
    workers: int = 1
    deterministic: bool = True
    week_time_limit: float | None = None  # None: the campaign's
    repair_time_limit: float | None = None

    @property
    def policies(self) -> tuple[str, ...]:
        return () if self.policy == "baseline" else (self.policy,)

    @property
    def name(self) -> str:
        return f"{self.policy}/seed-{self.seed}"


class WeekFailed(Exception):
    """A week with no roster: the chain cannot go on (its weeks after are not rostered)."""


def run_chain(task: ChainTask, on_week: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """The chain's week rows (finished weeks read back from their folders, the rest solved)."""
    path = Path(task.scenario)
    source = YamlSource.read(path)
    data, files = scenario_data(source, path, task.policies)
    campaign = Campaign.model_validate(data.get("campaign") or {})
    template = {k: v for k, v in data.items() if k != "campaign"}
    previous: Path | None = None
    if isinstance(template.get("previous"), str):
        previous = (path.parent / template["previous"]).resolve()
    start = dt.date.fromisoformat(str(template["horizon"]["start"]))
    officers = [str(o.get("id")) for o in template.get("officers") or []] + [j.officer.id for j in campaign.joins]
    episodes = draw_episodes(officers, campaign, start, task.weeks, task.seed, campaign.publish_days)
    folder = Path(task.folder)
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    failure = None
    for k in range(task.weeks):
        week_dir = folder / f"week-{k + 1:02d}"
        row = _finished(week_dir / WEEK_FILE)
        if row is None:
            wi = week_input(template, k, campaign, episodes, campaign.publish_days)
            try:
                row = _run_week(task, wi, previous, source, path, files, campaign, week_dir)
            except WeekFailed as exc:
                failure = {"week": k + 1, "reason": str(exc)}
                break
        rows.append(row)
        if on_week is not None:
            on_week(row)
        previous = week_dir / "roster.json"
        template = {k2: v for k2, v in next_week_data(template, source.name, "").items() if k2 != "previous"}
    summary = {"policy": task.policy, "seed": task.seed, "weeks": rows, "failed": failure}
    return summary


def _finished(path: Path) -> dict[str, Any] | None:
    """A finished week's row; None when the week is to be run (no week.json, or one that cannot be read:
    a week folder damaged since is run again rather than trusted)."""
    try:
        row = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return row if isinstance(row, dict) and "week" in row and "plan" in row else None


def _run_week(task: ChainTask, wi: WeekInput, previous: Path | None, source: YamlSource, path: Path,
              files: list[str], campaign: Campaign, week_dir: Path) -> dict[str, Any]:
    tmp = week_dir.with_name(f".{week_dir.name}.tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    data = dict(wi.data)
    if previous is not None:
        data["previous"] = str(previous)
    shown = {**data, "previous": os.path.relpath(previous, week_dir)} if previous is not None else data
    (tmp / "scenario.yaml").write_text(_yaml(shown), encoding="utf-8")
    loaded = load_data(data, files, source, path, task.policies)
    problem = build_problem(loaded)
    overrides = {"seed": task.seed, "workers": task.workers, "deterministic": task.deterministic}
    settings = settings_for(loaded, time_limit=task.week_time_limit or campaign.week_time_limit,
                            relative_gap=campaign.week_gap, **overrides)
    clock = time.perf_counter()
    roster = solve_problem(problem, settings)
    plan_s = time.perf_counter() - clock
    if roster.info.interrupted:
        raise KeyboardInterrupt  # Ctrl-C during the week: it is not finished, nothing of it is kept
    if not roster.assignments:
        raise WeekFailed(f"no roster ({roster.info.status}): " + "; ".join(roster.info.explanation[:3]))
    planned = roster.info
    doc = checked_document(problem, roster)
    changes_by_officer: dict[str, int] = {}
    repairs: list[dict[str, Any]] = []
    for n, dis in enumerate(wi.disruptions, 1):
        changes_path = tmp / f"changes-{n}.yaml"
        changes_path.write_text(_yaml(_after_frozen(dis.changes, problem, roster.assignments, dis.start)), encoding="utf-8")
        changes, changes_source = read_changes(str(changes_path))
        given = prepare_repair(data, [*files, str(changes_path)], source, path, roster.assignments, doc, changes,
                               changes_source, dis.start)
        clock = time.perf_counter()
        rep = repair(given, time_limit=task.repair_time_limit or campaign.repair_time_limit, seed=task.seed,
                     workers=task.workers, deterministic=task.deterministic)
        if rep.roster.info.interrupted:
            raise KeyboardInterrupt
        entry = {"known": dis.known.isoformat(), "from": dis.start.isoformat(), "seconds": round(time.perf_counter() - clock, 2),
                 "absences": len(changes.absences), "new_tasks": len(changes.new_tasks)}
        if not rep.roster.assignments:
            entry["failed"] = f"no repaired roster ({rep.roster.info.status}); the roster before it stands"
            repairs.append(entry)
            continue
        moved = [c for c in rep.changes if not c.frozen]
        for c in moved:
            changes_by_officer[c.officer] = changes_by_officer.get(c.officer, 0) + 1
        entry.update(changed_assignments=len(moved), lower_bound=rep.forced)
        repairs.append(entry)
        assert given.data is not None  # prepare_repair keeps the changed mapping
        data, problem, roster, doc = given.data, given.problem, rep.roster, rep.doc
    ledger = week_ledger(problem, roster.assignments, loaded.previous, week_dir)
    write_roster(tmp, problem, doc, ledger)
    row = week_row(wi, problem, doc, planned, plan_s, repairs)
    row["per_officer"] = officer_rows(problem, roster.assignments, ledger, changes_by_officer, wi.public_holidays,
                                   away_days(data, wi.start, problem.days))
    (tmp / WEEK_FILE).write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.rmtree(week_dir, ignore_errors=True)  # a folder without week.json: a crash between the two renames
    tmp.rename(week_dir)
    return row


class _NoAliases(yaml.SafeDumper):
    """Every value written out in full: a date shared by two absences is no `&id001` anchor."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _yaml(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=120)


def _after_frozen(changes: dict[str, Any], problem: Problem, roster: list[Assignment], start: dt.datetime) -> dict[str, Any]:
    """Absences that begin after the shift an officer is working when they become known: a sick officer
    finishes the shift already started (it is frozen), and is away from its end."""
    shift_ix = {s.id: s.index for s in problem.shift_types}
    frozen_before = minute_of(problem, start)
    out = dict(changes)
    absences = []
    for a in changes.get("absences") or []:
        first = a["start"] if isinstance(a["start"], dt.datetime) else dt.datetime.combine(a["start"], dt.time())
        first_minute = minute_of(problem, first)
        ends = [inst.end for x in roster if x.officer == a["officer"]
                if (inst := problem.instance_of(x.day, shift_ix[x.shift])).start < frozen_before and inst.end > first_minute]
        if ends:
            a = {**a, "start": problem.local_time(max(ends)).replace(tzinfo=None)}
            if a.get("end") is not None and a["start"].date() > a["end"]:
                continue  # a one-day sickness within the night shift already worked
        absences.append(a)
    out["absences"] = absences
    return out
