"""The changes of `scheduler repair` applied to a scenario's data, before it is validated.

An officer or task id the scenario does not have, or a new id it already has, is an input problem
naming the changes file's line. An open absence lasts to the end of the horizon; a date-time absence
with a date end lasts to the end of that day (the scenario's own `unavailable` reads a date end so).
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from scheduler.errors import InputError, InputProblem
from scheduler.scenario.changes import Absence, Changes
from scheduler.scenario.yaml_source import YamlSource, format_loc


def _unknown(source: YamlSource, loc: tuple[Any, ...], what: str, value: str, known: list[str]) -> InputProblem:
    close = difflib.get_close_matches(value, known, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return InputProblem(source.name, source.locate(loc), format_loc(loc), f"unknown {what} '{value}'{hint}")


def _unavailable(absence: Absence, horizon_end: dt.date) -> dict[str, Any]:
    """The scenario's `unavailable` entry for an absence (an open one ends with the horizon)."""
    if isinstance(absence.start, dt.datetime):
        end: dt.date | dt.datetime = absence.end or horizon_end
        if not isinstance(end, dt.datetime):  # a date end is the whole day
            end = dt.datetime.combine(end + dt.timedelta(days=1), dt.time())
        return {"start": absence.start, "end": end, "reason": absence.reason}
    end = absence.end or horizon_end - dt.timedelta(days=1)
    return {"start": absence.start, "end": end, "reason": absence.reason}


def apply_changes(data: dict[str, Any], changes: Changes, source: YamlSource) -> dict[str, Any]:
    """A new scenario mapping with `changes` applied (the given one is left as it was)."""
    officers = [dict(o) if isinstance(o, dict) else o for o in data.get("officers") or []]
    tasks = [dict(t) if isinstance(t, dict) else t for t in data.get("tasks") or []]
    officer_at = {o.get("id"): o for o in officers if isinstance(o, dict)}
    task_at = {t.get("id"): t for t in tasks if isinstance(t, dict)}
    horizon = data.get("horizon") or {}
    start = horizon.get("start")
    start = dt.date.fromisoformat(start) if isinstance(start, str) else start
    horizon_end = start + dt.timedelta(days=int(horizon.get("days", 7))) if isinstance(start, dt.date) else dt.date.max
    problems: list[InputProblem] = []
    known_officers = [str(k) for k in officer_at]
    known_tasks = [str(k) for k in task_at]

    for i, absence in enumerate(changes.absences):
        officer = officer_at.get(absence.officer)
        if officer is None:
            problems.append(_unknown(source, ("absences", i, "officer"), "officer", absence.officer, known_officers))
            continue
        officer["unavailable"] = [*(officer.get("unavailable") or []), _unavailable(absence, horizon_end)]
    for i, task_id in enumerate(changes.cancelled_tasks):
        if task_id not in task_at:
            problems.append(_unknown(source, ("cancelled_tasks", i), "task", task_id, known_tasks))
    for i, move in enumerate(changes.moved_tasks):
        if move.task not in task_at:
            problems.append(_unknown(source, ("moved_tasks", i, "task"), "task", move.task, known_tasks))
        else:
            task_at[move.task]["windows"] = [w.model_dump() for w in move.windows]
    for i, change in enumerate(changes.headcounts):
        if change.task not in task_at:
            problems.append(_unknown(source, ("headcounts", i, "task"), "task", change.task, known_tasks))
            continue
        task_at[change.task]["headcount"] = change.headcount
        if change.hycap_officers is not None:
            task_at[change.task]["hycap_officers"] = change.hycap_officers
    for i, task in enumerate(changes.new_tasks):
        if task.id in task_at:
            problems.append(InputProblem(source.name, source.locate(("new_tasks", i, "id")), format_loc(("new_tasks", i, "id")),
                                         f"the scenario already has a task '{task.id}' (moved_tasks or headcounts change it)"))
        tasks.append(task.model_dump(exclude_unset=True))
    for i, added in enumerate(changes.new_officers):
        if added.id in officer_at:
            problems.append(InputProblem(source.name, source.locate(("new_officers", i, "id")), format_loc(("new_officers", i, "id")),
                                         f"the scenario already has an officer '{added.id}'"))
        officers.append(added.model_dump(exclude_unset=True))
    if problems:
        raise InputError(problems)
    cancelled = set(changes.cancelled_tasks)
    return {**data, "officers": officers, "tasks": [t for t in tasks if not (isinstance(t, dict) and t.get("id") in cancelled)]}
