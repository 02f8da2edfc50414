"""Unmet mandatory work as a proven range per scenario and per zone (`solve/least_unmet.py`), for verdicts.

A roster's unmet mandatory hours are what its search found; the least any roster can leave is a property
of the scenario. Each scenario's summary gets `least_unmet` ({low, high}: the proven floor and the
ceiling), and so does each zone of a region solved zone by zone, from that zone's own problem. A problem
whose roster leaves nothing unmet is [0, 0] without a solve, so a week with all its mandatory work done
costs nothing here, and a problem asked before (a zone a policy leaves as the baseline's, or a scenario
rebuilt from better rosters by `--until-decided`) keeps its floor without a solve. A scenario solved as
one problem (a merger) has no zone solves: each zone gets a floor of 0 and its roster's unmet hours as
ceiling (`least_unmet_zones`).
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


def add_unmet_ranges(problem: Problem, summary: dict[str, Any], measures: dict[str, Any], roster: list[Assignment],
                     solver: SolverSettings | None = None, known: dict[str, dict] | None = None) -> None:
    """Write `least_unmet` into the summary and its zones (solved zone by zone: `summary.zones`). A problem
    whose fingerprint is in `known` (`floors`: the same problem asked before, by the baseline or before a
    rebuild) keeps that floor, its ceiling lowered to this roster's hours: no solve. Others are solved with
    `solver`, from `roster`; without `solver` they get [0, their roster's hours]."""
    tasks = measures.get("tasks") or {}

    def asked(part: Problem, fingerprint: str | None) -> UnmetRange:
        found = _found(part, tasks)
        if fingerprint and known and fingerprint in known:
            return UnmetRange(known[fingerprint]["low"], min(known[fingerprint]["high"], found))
        if solver is None:
            return UnmetRange(0.0, found)
        return least_unmet(part, solver, found, min(LEAST_UNMET_SECONDS, solver.time_limit), roster)

    zones = summary.get("zones") or {}
    parts = split_by_zone(problem) if zones else None
    if not parts or any(p.zone not in zones for p in parts):
        whole = asked(problem, summary.get("fingerprint"))
        summary["least_unmet"] = whole.as_dict()
        # Per zone of a problem solved whole: no zone solve proves a floor, so 0, and the zone's own unmet
        # hours as its ceiling (all 0 when the whole's ceiling is).
        summary["least_unmet_zones"] = {
            z: UnmetRange(0.0, v.get("unmet_mandatory_officer_hours", 0.0) if whole.high > 0 else 0.0).as_dict()
            for z, v in (measures.get("zones") or {}).items()}
        return
    total = UnmetRange(0.0, 0.0)
    for part in parts:
        r = asked(part, zones[part.zone].get("fingerprint"))
        zones[part.zone]["least_unmet"] = r.as_dict()
        total = UnmetRange(total.low + r.low, total.high + r.high)
    summary["least_unmet"] = total.as_dict()


def floors(summary: dict[str, Any]) -> dict[str, dict]:
    """Fingerprint -> `least_unmet` of each problem a summary asked: its zones', or its own."""
    out = {v["fingerprint"]: v["least_unmet"] for v in (summary.get("zones") or {}).values()
           if v.get("fingerprint") and v.get("least_unmet")}
    if summary.get("fingerprint") and summary.get("least_unmet"):
        out[summary["fingerprint"]] = summary["least_unmet"]
    return out
