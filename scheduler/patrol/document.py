"""patrol.json: the plan as a document (what the cards, the workbook and the calendars read), with the
independent check and the measures. Plain Python, no solver."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from scheduler.errors import InputError, InputProblem
from scheduler.patrol.check import Fault, check_visits, gaps, patrol_measures, travel_legs
from scheduler.patrol.units import PatrolSetup, Visit
from scheduler.problem import Problem


def _at(problem: Problem, minute: int) -> str:
    return problem.local_time(minute).isoformat(timespec="minutes")


def patrol_document(problem: Problem, setup: PatrolSetup, visits: list[Visit], summary: dict[str, Any]) -> dict[str, Any]:
    """summary (given: seed, files, time), check, measures, units with their visits and journeys, gaps
    over the max."""
    faults = check_visits(setup, visits)
    names = {h: r.name for h, r in setup.hotspots.items()}
    units = []
    for u in setup.units:
        own = sorted(v for v in visits if v.unit == u.id)
        units.append({
            "id": u.id, "officers": list(u.officers), "zone": u.zone, "day": u.day,
            "date": problem.date_of(u.day).isoformat(), "shift": u.shift, "duty": u.duty,
            "duty_name": names[u.duty], "start": _at(problem, u.start), "end": _at(problem, u.end),
            "visits": [{"hotspot": v.hotspot, "name": names[v.hotspot], "start": _at(problem, v.start),
                        "end": _at(problem, v.end), "minutes": v.end - v.start,
                        "start_minute": v.start, "end_minute": v.end} for v in own],
            "travel": [{"from": a, "to": b, "depart": _at(problem, d), "arrive": _at(problem, t), "minutes": t - d}
                       for a, b, d, t in travel_legs(setup, own)],
        })
    over = [{"hotspot": g.hotspot, "name": names[g.hotspot], "start": _at(problem, g.start), "end": _at(problem, g.end),
             "minutes": g.end - g.start, "excess_minutes": g.excess}
            for g in gaps(setup, visits) if g.excess > 0]
    return {
        "summary": {**summary, "units": len(setup.units), "visits": len(visits)},
        "check": {"faults": len(faults), "lines": [f"{f.rule} {f.unit} {f.hotspot} {_at(problem, f.start)}: {f.message}"
                                                   for f in faults]},
        "measures": patrol_measures(setup, visits, problem.days),
        "units": units,
        "gaps_over_max": over,
    }



# What the cards, the calendars and the checker read of each unit and visit (patrol.json as written, or
# edited by hand): a field missing or of another type is bad input, named by its path.
UNIT_FIELDS: dict[str, type] = {"id": str, "officers": list, "date": str, "shift": str, "duty": str, "start": str,
                               "end": str, "visits": list}
CARD_FIELDS: dict[str, type] = {"duty_name": str, "travel": list}  # the cards' only
VISIT_FIELDS: dict[str, type] = {"hotspot": str, "name": str, "start": str, "end": str}
TRAVEL_FIELDS: dict[str, type] = {"from": str, "to": str, "depart": str, "arrive": str, "minutes": int}


def _fields(row: Any, fields: dict[str, type], where: str, source: str) -> list[InputProblem]:
    if not isinstance(row, dict):
        return [InputProblem(source, None, where, "not a mapping")]
    out = []
    for key, kind in fields.items():
        value = row.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            out.append(InputProblem(source, None, f"{where}.{key}", f"missing or not {kind.__name__}"))
        elif isinstance(value, str) and key in ("start", "end", "depart", "arrive") and _parse(value) is None:
            out.append(InputProblem(source, None, f"{where}.{key}", f"{value!r} is not a date and time (2026-03-06T07:46)"))
    return out


def _parse(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def validate_patrol(doc: Any, source: str, cards: bool = True) -> None:
    """InputError naming each field of a patrol.json that the cards (`cards`), the calendars or the checker
    cannot read. The calendars and the checker read the units only: a plan made by hand needs no measures."""
    if not isinstance(doc, dict) or not isinstance(doc.get("units"), list):
        raise InputError([InputProblem(source, None, "units", "a patrol.json has a list 'units'")])
    found = []
    wanted = (("check", dict), ("measures", dict), ("gaps_over_max", list)) if cards else ()
    if not isinstance(doc.setdefault("summary", {}), dict):
        found.append(InputProblem(source, None, "summary", "not a mapping"))
    for key, kind in wanted:
        if not isinstance(doc.get(key), kind):
            found.append(InputProblem(source, None, key, f"missing or not {'a mapping' if kind is dict else 'a list'}"))
    for i, u in enumerate(doc["units"]):
        found += _fields(u, {**UNIT_FIELDS, **CARD_FIELDS} if cards else UNIT_FIELDS, f"units[{i}]", source)
        if found:
            break
        for j, v in enumerate(u["visits"]):
            found += _fields(v, VISIT_FIELDS, f"units[{i}].visits[{j}]", source)
        for j, t in enumerate(u["travel"] if cards else []):
            found += _fields(t, TRAVEL_FIELDS, f"units[{i}].travel[{j}]", source)
        if not all(isinstance(o, str) for o in u["officers"]):
            found.append(InputProblem(source, None, f"units[{i}].officers", "not a list of officer ids"))
    if found:
        raise InputError(found[:10])


def minute_of(problem: Problem, text: str) -> int:
    """Absolute minutes of a local date and time (with its UTC offset, or in the scenario's time zone)."""
    at = dt.datetime.fromisoformat(text)
    if at.tzinfo is None:
        at = at.replace(tzinfo=ZoneInfo(problem.timezone))
    # Both in UTC: Python subtracts two times of one zone on the wall clock, across a clock change too.
    return int((at.astimezone(dt.UTC) - problem.local_time(0).astimezone(dt.UTC)).total_seconds() // 60)


def visits_of(doc: dict[str, Any], problem: Problem, source: str) -> tuple[list[Visit], list[str]]:
    """The visits of a validated patrol.json, from their local `start` and `end` (what a person reads and
    edits); and a note for each visit whose absolute minutes say otherwise (the local times are read)."""
    visits, notes = [], []
    for i, u in enumerate(doc["units"]):
        for j, v in enumerate(u["visits"]):
            start, end = minute_of(problem, v["start"]), minute_of(problem, v["end"])
            if (v.get("start_minute"), v.get("end_minute")) not in ((None, None), (start, end)):
                notes.append(f"units[{i}].visits[{j}]: start_minute/end_minute differ from start/end "
                             f"({v['start']} - {v['end']}): start and end are read")
            visits.append(Visit(start, end, v["hotspot"], u["id"]))
    return visits, notes


def unit_faults(problem: Problem, setup: PatrolSetup, doc: dict[str, Any]) -> list[Fault]:
    """A unit of the plan that the roster does not have (unknown id), or with other officers."""
    units = {u.id: u for u in setup.units}
    out = []
    for u in doc["units"]:
        mine = units.get(u["id"])
        if mine is None:
            out.append(Fault("unit", u["id"], u["duty"], minute_of(problem, u["start"]),
                             "no such unit in the roster (date, shift, hotspot, number)"))
        elif sorted(u["officers"]) != sorted(mine.officers):
            out.append(Fault("unit", u["id"], u["duty"], mine.start, f"officers {', '.join(u['officers'])}; the roster has "
                             f"{', '.join(mine.officers)}"))
    return out


def recheck(problem: Problem, setup: PatrolSetup, doc: dict[str, Any],
            source: str) -> tuple[list[Fault], dict[str, Any], list[str]]:
    """A validated patrol.json checked again against its roster's setup: the faults (units, then visits),
    the measures recomputed from its visits, and the notes of `visits_of`."""
    visits, notes = visits_of(doc, problem, source)
    known = {u.id for u in setup.units}
    faults = unit_faults(problem, setup, doc) + [f for f in check_visits(setup, visits)
                                                 if f.unit in known or f.rule != "shift"]  # named once, above
    return faults, patrol_measures(setup, visits, problem.days), notes
