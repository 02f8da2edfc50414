"""The fairness ledger (`ledger.json` beside `roster.json`): per officer and week, what fairness and the
hours balance are kept on, carried from week to week through a scenario's `previous:`.

One row per officer: `periods` (one per week: nights, weekend shifts, hours worked against the pro-rata
contract, hotspot and HyCap hours, requests granted and refused) and `recent` (the shifts of the last
14 days, next week's history). `weeks` lists the rosters the ledger was made from, with their SHA-256,
so that `scheduler check-chain` can recompute it. Officers who left keep their rows; newcomers start one.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from scheduler.problem import Problem
from scheduler.roster import Assignment
from scheduler.scenario.previous import HISTORY_DAYS, LEDGER_FORMAT, PreviousWeeks


def week_periods(problem: Problem, assignments: list[Assignment]) -> dict[str, dict[str, Any]]:
    """Each officer's period for this horizon, from the roster."""
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duties = {d.id: d for d in problem.duties}
    by_officer: dict[str, list[Assignment]] = {}
    for a in assignments:
        by_officer.setdefault(a.officer, []).append(a)
    out = {}
    for o in problem.officers:
        mine = by_officer.get(o.id, [])
        minutes = hotspot = hycap = 0
        for a in mine:
            inst = problem.instance_of(a.day, shift_ix[a.shift])
            minutes += inst.minutes
            duty = duties[a.duty]
            hotspot += inst.minutes if duty.kind == "hotspot" else 0
            hycap += inst.minutes if duty.hycap else 0
        shifts_on = {a.day: shift_ix[a.shift] for a in mine}
        granted = sum(1 for r in o.requests
                      if (r.day in shifts_on and (r.shift is None or shifts_on[r.day] == r.shift)) == r.want)
        out[o.id] = {
            "start": problem.start_date.isoformat(), "days": problem.days,
            "nights": sum(1 for a in mine if problem.shift_types[shift_ix[a.shift]].night),
            "weekend_shifts": sum(1 for a in mine if problem.is_weekend(a.day)),
            "hours": minutes / 60, "contract_hours": o.target_minutes / 60,
            "hotspot_hours": hotspot / 60, "hycap_hours": hycap / 60,
            "requests_granted": granted, "requests_refused": len(o.requests) - granted,
        }
    return out


def week_ledger(problem: Problem, assignments: list[Assignment], previous: PreviousWeeks | None,
                out_dir: str | Path) -> dict[str, Any]:
    """The ledger after this week: last week's carried over (its rows as its roster now reads) and this
    week's added. `weeks[-1].roster_sha256` is filled when roster.json is written."""
    out = Path(out_dir).resolve()
    officers: dict[str, dict[str, Any]] = {}
    weeks: list[dict[str, Any]] = []
    if previous is not None:
        folder = previous.roster.parent.resolve()
        for w in previous.ledger.weeks:
            weeks.append({**w.model_dump(mode="json"), "roster": os.path.relpath(folder / w.roster, out)})
        last = previous.ledger.weeks[-1].start
        for oid, record in previous.ledger.officers.items():
            periods = [p.model_dump(mode="json") for p in record.periods]
            if periods and periods[-1]["start"] == last.isoformat() and oid in previous.last_week:
                periods[-1]["nights"], periods[-1]["weekend_shifts"] = previous.last_week[oid]
            officers[oid] = {"periods": periods, "recent": []}
    weeks.append({"start": problem.start_date.isoformat(), "days": problem.days, "roster": "roster.json",
                  "roster_sha256": ""})
    first = problem.start_date + dt.timedelta(days=problem.days - HISTORY_DAYS)
    shift_ix = {s.id: s.index for s in problem.shift_types}
    for o in problem.officers:
        row = officers.setdefault(o.id, {"periods": [], "recent": []})
        recent = [(problem.date_of(h.day), problem.shift_types[h.shift].id) for h in o.history]
        recent += [(problem.date_of(a.day), a.shift) for a in assignments if a.officer == o.id and a.shift in shift_ix]
        row["recent"] = [{"date": d.isoformat(), "shift": s} for d, s in sorted(recent) if d >= first]
    for oid, period in week_periods(problem, assignments).items():
        officers[oid]["periods"].append(period)
    return {
        "format": LEDGER_FORMAT,
        "night_shifts": [s.id for s in problem.shift_types if s.night],
        "weeks": weeks,
        "officers": officers,
    }


def totals(ledger: dict[str, Any], weeks: int | None = None) -> dict[str, dict[str, float]]:
    """Each officer's sums over the last `weeks` periods (all when None), and the hours balance."""
    out = {}
    for oid, record in ledger["officers"].items():
        periods = record["periods"][-weeks:] if weeks else record["periods"]
        keys = ("nights", "weekend_shifts", "hours", "contract_hours", "hotspot_hours", "hycap_hours",
                "requests_granted", "requests_refused")
        sums = {k: sum(p[k] for p in periods) for k in keys}
        sums["balance_hours"] = sums["hours"] - sums["contract_hours"]
        sums["weeks"] = len(periods)
        out[oid] = sums
    return out
