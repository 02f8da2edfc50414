"""`scheduler repair`: a published roster, the changes since, and the moment from which it may change.

1. The scenario and the published roster are read as published (ids checked against that scenario).
2. The changes are applied to the scenario's data, which is then loaded like any scenario (same checks).
3. The freeze: every assignment starting before `from` is fixed as published, every other shift starting
   before it is blocked; the published roster becomes the problem's `baseline` (each later change priced).
4. `solve.repair.solve_repair` searches from the published roster; the roster is checked and measured
   (`api.checked_document`: the checker recomputes the change penalty with its own code).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from scheduler.api import checked_document, settings_for
from scheduler.check_changes import Change, roster_changes
from scheduler.errors import InputError, InputProblem
from scheduler.io.roster_files import check_ids, read_roster
from scheduler.problem import Problem, build_problem
from scheduler.roster import Assignment, Roster
from scheduler.scenario.apply_changes import apply_changes
from scheduler.scenario.changes import Baseline, Changes, read_changes
from scheduler.scenario.load import LoadedScenario, load_data, scenario_data
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve.progress import LogCallback, ProgressCallback
from scheduler.solve.repair import solve_repair


@dataclass
class RepairInput:
    loaded: LoadedScenario  # the changed scenario
    problem: Problem  # the changed problem, frozen before `from`, with the published roster as baseline
    published: list[Assignment]
    published_doc: dict[str, Any]
    changes: Changes
    from_time: dt.datetime
    data: dict[str, Any] | None = None  # the changed scenario's mapping, before the freeze (a next repair's start)


@dataclass
class Repaired:
    given: RepairInput
    roster: Roster
    doc: dict[str, Any]  # roster.json's document, checked
    changes: list[Change]
    forced: int  # published assignments after `from` that could not stay (a lower bound on the changes)
    sequences: dict[tuple[str, int, str], int]  # (officer, day, shift) -> calendar SEQUENCE, for the updates


def minute_of(problem: Problem, when: dt.datetime) -> int:
    """Real minutes from the horizon's first local midnight (a naive time is the scenario's local time)."""
    tz = ZoneInfo(problem.timezone)
    origin = dt.datetime.combine(problem.start_date, dt.time(), tz)
    when = when if when.tzinfo is not None else when.replace(tzinfo=tz)
    return int((when.astimezone(dt.UTC) - origin.astimezone(dt.UTC)).total_seconds() // 60)


def load_repair(scenario: str | Path, roster: str | Path, changes_file: str | Path, from_time: dt.datetime) -> RepairInput:
    """Everything a repair reads, checked (InputError naming file, line and field)."""
    source = YamlSource.read(scenario)
    data, files = scenario_data(source, Path(scenario))
    original = build_problem(load_data(data, files, source, Path(scenario)))
    published, published_doc = read_roster(roster, original)
    check_ids(roster, original, published)
    changes, changes_source = read_changes(str(changes_file))
    return prepare_repair(data, [*files, str(changes_file)], source, Path(scenario), published, published_doc,
                          changes, changes_source, from_time)


def prepare_repair(data: dict[str, Any], files: list[str], source: YamlSource, path: Path | None,
                   published: list[Assignment], published_doc: dict[str, Any], changes: Changes,
                   changes_source: YamlSource, from_time: dt.datetime) -> RepairInput:
    """The repair of a roster already in hand (`published`, of the scenario `data`): the changes applied,
    the changed scenario loaded, the freeze set. `files` name the inputs, the changes file included."""
    changed = apply_changes(data, changes, changes_source)
    loaded = load_data(changed, files, source, path)
    problem = build_problem(loaded)
    start = minute_of(problem, from_time)
    if not 0 <= start <= problem.horizon_minutes:
        raise InputError([InputProblem("--from", None, "", f"{from_time} is not within the horizon "
                                       f"({problem.date_of(0)} to {problem.date_of(problem.days - 1)})")])
    freeze(problem, published, start, changes, changes_source)
    return RepairInput(loaded, problem, published, published_doc, changes, from_time, changed)


def freeze(problem: Problem, published: list[Assignment], start: int, changes: Changes, source: YamlSource) -> None:
    """Fix what started before `start` as published, block the rest before it, set the baseline."""
    shift_ix = {s.id: s.index for s in problem.shift_types}
    previous = {(a.officer, a.day): (a.shift, a.duty) for a in published}
    duty_ix = {d.id: d.index for d in problem.duties}
    problems = []
    for o in problem.officers:
        mine = {problem.instance_of(d, shift_ix[s]).index: k for (oid, d), (s, k) in previous.items() if oid == o.id}
        early = {inst.index for inst in problem.instances if inst.start < start}
        for i in early & set(mine):
            if i in o.blocked:
                where = next((n for n, a in enumerate(changes.absences) if a.officer == o.id), None)
                loc = ("absences", where, "start") if where is not None else ()
                inst = problem.instances[i]
                problems.append(InputProblem(source.name, source.locate(loc), "absences" if where is None else f"absences[{where}].start",
                                             f"{o.id} worked the shift of {problem.local_time(inst.start):%a %Y-%m-%d %H:%M} "
                                             f"(before --from, frozen); the absence starts at its end, "
                                             f"{problem.local_time(inst.end):%Y-%m-%dT%H:%M}, at the earliest"))
            o.fixed[i] = duty_ix.get(mine[i])
        o.blocked = o.blocked | frozenset(early - set(mine))
    if problems:
        raise InputError(problems)
    problem.baseline = Baseline(start, previous, frozenset(_published_to(problem, changes)), changes.weights,
                                touched_zones(problem, changes))


def touched_zones(problem: Problem, changes: Changes) -> frozenset[str] | None:
    """The staffing zones whose officers or duties the changes touch; None when a cancelled task's zone
    is no longer known (it left the scenario) and any zone may be."""
    if changes.cancelled_tasks:
        return None
    zone_of_officer = {o.id: o.zone for o in problem.officers}
    zone_of_duty = {d.id: d.zone for d in problem.duties}
    zones = {zone_of_officer.get(a.officer) for a in changes.absences}
    zones |= {zone_of_officer.get(o.id) for o in changes.new_officers}
    tasks = [t.id for t in changes.new_tasks] + [m.task for m in changes.moved_tasks] + [h.task for h in changes.headcounts]
    zones |= {zone_of_duty.get(t) for t in tasks}
    if None in zones:
        return None
    return frozenset(z for z in zones if z is not None)


def _published_to(problem: Problem, changes: Changes) -> set[str]:
    """Every officer of the scenario as published (an officer with no shift had every day off), not the added."""
    added = {o.id for o in changes.new_officers}
    return {o.id for o in problem.officers if o.id not in added}


def forced_changes(problem: Problem) -> int:
    """Published assignments after `from` that cannot stay: a blocked shift, or a duty gone or not allowed."""
    base = problem.baseline
    assert base is not None  # a repair's problem
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    officers = {o.id: o for o in problem.officers}
    count = 0
    for (oid, d), (shift, duty) in base.previous.items():
        inst = problem.instance_of(d, shift_ix[shift])
        o = officers.get(oid)
        if o is None or inst.start < base.from_minute:
            continue
        count += inst.index in o.blocked or duty_ix.get(duty, -1) not in o.duties
    return count


def repair(given: RepairInput, time_limit: float | None = None, seed: int | None = None, workers: int | None = None,
           on_progress: ProgressCallback | None = None, log_callback: LogCallback | None = None,
           deterministic: bool | None = None) -> Repaired:
    settings = settings_for(given.loaded, time_limit=time_limit, seed=seed, workers=workers, deterministic=deterministic)
    problem = given.problem
    roster = solve_repair(problem, settings, on_progress, log_callback)
    changes = roster_changes(problem, roster.assignments)
    forced = forced_changes(problem)
    published = (given.published_doc.get("summary") or {}).get("repair") or {}
    generation = int(published.get("generation", 0)) + 1
    sequences = raised_sequences(problem, changes, published.get("sequences") or [], generation)
    summary = {"repair": {
        "generation": generation, "from": given.from_time.isoformat(),
        "changed_assignments": sum(1 for c in changes if not c.frozen), "lower_bound": forced,
        "change_penalty": round(sum(c.cost for c in changes) / 60, 2),
        "sequences": [{"officer": o, "date": problem.date_of(d).isoformat(), "shift": s, "sequence": n}
                      for (o, d, s), n in sorted(sequences.items())],
    }}
    doc = checked_document(problem, roster, summary) if roster.assignments else {}
    return Repaired(given, roster, doc, changes, forced, sequences)


def raised_sequences(problem: Problem, changes: list[Change], earlier: list[dict[str, Any]],
                     generation: int) -> dict[tuple[str, int, str], int]:
    """(officer, day, shift) -> the calendar SEQUENCE of every event that ever changed: the earlier
    repairs' (roster.json's `summary.repair.sequences`), this repair's changes at `generation`."""
    out = {}
    for row in earlier:
        try:
            day = (dt.date.fromisoformat(str(row["date"])) - problem.start_date).days
            out[(str(row["officer"]), day, str(row["shift"]))] = int(row["sequence"])
        except (KeyError, TypeError, ValueError):  # a roster edited by hand: its sequences start again
            continue
    for c in changes:
        for p in (c.before, c.after):
            if p is not None:
                out[(c.officer, c.day, p[0])] = generation
    return out

