"""Unmet mandatory work as a proven range per scenario and per zone (`solve/least_unmet.py`), for verdicts.

A roster's unmet mandatory hours are what its search found; the least any roster can leave is a property
of the scenario. Each scenario's summary gets `least_unmet` ({low, high}: the proven floor and the
ceiling), and so does each zone of a region solved zone by zone, from that zone's own problem. A problem
whose roster leaves nothing unmet is [0, 0] without a solve, so a week with all its mandatory work done
costs nothing here. A scenario solved as one problem (a merger) has no zone solves: each zone gets a
floor of 0 and its roster's unmet hours as ceiling (`least_unmet_zones`).
"""

from __future__ import annotations

from typing import Any

from scheduler.problem import Problem
from scheduler.roster import Assignment
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.least_unmet import LEAST_UNMET_SECONDS, UnmetRange, least_unmet
from scheduler.solve.split import split_by_zone


def _found(problem: Problem, tasks: dict[str, Any]) -> float:
    """The roster's unmet mandatory officer-hours among `problem`'s tasks (measures' `tasks`, by duty id)."""
    return sum(tasks.get(d.id, {}).get("unmet_officer_hours", 0.0)
               for d in problem.duties if d.kind == "task" and d.priority == "mandatory")


def add_unmet_ranges(problem: Problem, summary: dict[str, Any], measures: dict[str, Any],
                     solver: SolverSettings, roster: list[Assignment]) -> None:
    """Write `least_unmet` into the summary and its zones (solved zone by zone: `summary.zones`); each
    solve starts from `roster`, the scenario's."""
    tasks = measures.get("tasks") or {}
    seconds = min(LEAST_UNMET_SECONDS, solver.time_limit)
    zones = summary.get("zones") or {}
    parts = split_by_zone(problem) if zones else None
    if not parts or any(p.zone not in zones for p in parts):
        whole = least_unmet(problem, solver, _found(problem, tasks), seconds, roster)
        summary["least_unmet"] = whole.as_dict()
        _by_zone(summary, measures, whole.high)
        return
    total = UnmetRange(0.0, 0.0)
    for part in parts:
        r = least_unmet(part, solver, _found(part, tasks), seconds, roster)
        zones[part.zone]["least_unmet"] = r.as_dict()
        total = UnmetRange(total.low + r.low, total.high + r.high)
    summary["least_unmet"] = total.as_dict()


def _by_zone(summary: dict[str, Any], measures: dict[str, Any], whole_ceiling: float) -> None:
    """Per zone of a problem solved whole: no zone solve proves a floor, so 0, and the zone's own unmet
    hours as its ceiling (all 0 when the whole's ceiling is)."""
    summary["least_unmet_zones"] = {
        z: UnmetRange(0.0, v.get("unmet_mandatory_officer_hours", 0.0) if whole_ceiling > 0 else 0.0).as_dict()
        for z, v in (measures.get("zones") or {}).items()}


def carried_over(problem: Problem, old: dict[str, Any], new: dict[str, Any], measures: dict[str, Any]) -> None:
    """A scenario rebuilt from better rosters of the same problems (`--until-decided`): no solve; the
    floors stand, each ceiling is the lower of the old one and the new roster's unmet hours."""
    tasks = measures.get("tasks") or {}

    def merged(before: dict | None, found: float) -> dict | None:
        if before is None:
            return None
        high = min(before["high"], found)
        return {"low": min(before["low"], high), "high": high}

    new["least_unmet"] = merged(old.get("least_unmet"), _found(problem, tasks))
    if "least_unmet_zones" in old and new["least_unmet"] is not None:
        _by_zone(new, measures, new["least_unmet"]["high"])
    zones, old_zones = new.get("zones") or {}, old.get("zones") or {}
    for part in (split_by_zone(problem) or []) if zones else []:
        if part.zone in zones:
            zones[part.zone]["least_unmet"] = merged(old_zones.get(part.zone, {}).get("least_unmet"),
                                                     _found(part, tasks))
