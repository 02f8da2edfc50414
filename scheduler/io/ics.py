"""One iCalendar file (RFC 5545) per officer: their shifts as events in the scenario's time zone.

Times are local wall-clock times with a TZID and a VTIMEZONE built from the time-zone database, so a
calendar shows the shift when the officer's watch says it starts, across daylight-saving changes.

UID: a hash of zone, officer, date and shift type, not of the duty. A re-solve that keeps an officer's
shift but changes the duty (response -> hotspot) updates the same event; a different shift on that date
is a different event, and the old one disappears from the officer's file, which always holds the whole
roster. Calendars that subscribe to the file replace events by UID.

Given a patrol plan (patrol.json), each officer's visits are events too, inside the shift: UID a hash of
zone, officer, date, shift type, hotspot and the visit's rank among the unit's visits there, so a plan
made again (another seed, a hand edit) moves the same events rather than adding others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from scheduler.io.atomic import write_atomic_bytes
from scheduler.io.labels import duty_label, shift_label
from scheduler.patrol.document import visits_of
from scheduler.problem import Officer, Problem
from scheduler.roster import Assignment

PRODID = "-//police-duty-scheduler//roster//EN"
UID_DOMAIN = "police-duty-scheduler"


def event_uid(zone: str, officer: str, date: dt.date, shift: str) -> str:
    """The same for the same zone, officer, date and shift type, whatever the duty or the solve."""
    key = "\x1f".join((zone, officer, date.isoformat(), shift))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


@dataclass(frozen=True)
class VisitEvent:
    """One officer's patrol visit, as a calendar shows it."""

    uid: str
    start: int  # absolute minutes
    end: int
    name: str  # the hotspot's
    unit: str
    partners: tuple[str, ...]  # the unit's other officers


def visit_uid(zone: str, officer: str, date: str, shift: str, hotspot: str, rank: int) -> str:
    """The same for the same officer's n-th visit to a hotspot in a shift, whatever its time."""
    key = "\x1f".join((zone, officer, date, shift, "visit", hotspot, str(rank)))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def patrol_visits(problem: Problem, patrol: dict[str, Any], source: str = "") -> dict[str, list[VisitEvent]]:
    """Officer -> their visits in a (validated) patrol.json, read as the checker reads them."""
    visits, _ = visits_of(patrol, problem, source)
    units = {u["id"]: u for u in patrol["units"]}
    out: dict[str, list[VisitEvent]] = {}
    rank: dict[tuple[str, str], int] = {}
    for v in sorted(visits):
        u = units[v.unit]
        n = rank[v.unit, v.hotspot] = rank.get((v.unit, v.hotspot), 0) + 1
        name = next(x["name"] for x in u["visits"] if x["hotspot"] == v.hotspot)
        for o in u["officers"]:
            out.setdefault(o, []).append(VisitEvent(visit_uid(problem.zone, o, u["date"], u["shift"], v.hotspot, n),
                                                    v.start, v.end, name, v.unit,
                                                    tuple(p for p in u["officers"] if p != o)))
    return out


def event_summary(problem: Problem, a: Assignment) -> str:
    """'Late shift - Hotspot Market square'."""
    shift = next(s for s in problem.shift_types if s.id == a.shift)
    return f"{shift_label(shift)} - {duty_label(problem.duties[problem.duty_index(a.duty)])}"


def vtimezone(problem: Problem) -> Timezone:
    """The scenario's time zone from whole years around the horizon, so both DST changes are defined."""
    first = problem.date_of(0)
    last = problem.date_of(problem.days)
    return Timezone.from_tzinfo(
        ZoneInfo(problem.timezone), first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 1, 1)
    )


def officer_calendar(
    problem: Problem, officer: Officer, assignments: list[Assignment], stamp: dt.datetime, tz: Timezone | None = None,
    visits: Sequence[VisitEvent] = (),
) -> Calendar:
    """A calendar of one officer's shifts (`assignments` may hold everyone's; theirs are picked) and
    patrol visits."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{officer.name} - {problem.name}")
    cal.add("x-wr-timezone", problem.timezone)
    cal.add_component(tz if tz is not None else vtimezone(problem))
    shift_ix = {s.id: s.index for s in problem.shift_types}
    mine = sorted((a for a in assignments if a.officer == officer.id), key=lambda a: (a.day, shift_ix[a.shift]))
    for a in mine:
        inst = problem.instance_of(a.day, shift_ix[a.shift])
        duty = problem.duties[problem.duty_index(a.duty)]
        date = problem.date_of(a.day)
        ev = Event()
        ev.add("uid", event_uid(problem.zone, officer.id, date, a.shift))
        ev.add("dtstamp", stamp)
        ev.add("dtstart", problem.local_time(inst.start))  # ZoneInfo-aware: written with TZID
        ev.add("dtend", problem.local_time(inst.end))
        ev.add("summary", event_summary(problem, a))
        lines = [f"Shift {a.shift}, {inst.minutes / 60:g} h", f"Duty: {duty_label(duty)}"]
        if duty.hycap:
            lines.append(f"HyCap help to zone {duty.host_zone}")
        lines.append(f"Roster: {problem.name}, zone {problem.zone}")
        ev.add("description", "\n".join(lines))
        ev.add("categories", [duty.task_kind or duty.kind])
        ev.add("transp", "OPAQUE")
        cal.add_component(ev)
    for v in visits:
        ev = Event()
        ev.add("uid", v.uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", problem.local_time(v.start))
        ev.add("dtend", problem.local_time(v.end))
        ev.add("summary", f"Visit {v.name}")
        ev.add("location", v.name)
        with_whom = f", with {', '.join(v.partners)}" if v.partners else ""
        ev.add("description", f"Patrol visit: unit {v.unit}{with_whom}\nRoster: {problem.name}, zone {problem.zone}")
        ev.add("categories", ["patrol"])
        ev.add("transp", "TRANSPARENT")  # inside the shift, which already shows the time as busy
        cal.add_component(ev)
    return cal


def ics_filename(officer_id: str) -> str:
    """The officer's id, with anything a file system may refuse replaced."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", officer_id) + ".ics"


def write_ics(
    out_dir: str | Path, problem: Problem, assignments: list[Assignment], stamp: dt.datetime | None = None,
    patrol: dict[str, Any] | None = None,
) -> list[Path]:
    """DIR/<officer id>.ics for every officer (an officer with no shift gets an empty calendar), each atomically;
    with a validated patrol.json of the roster, each officer's visits too."""
    out = Path(out_dir)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    tz = vtimezone(problem)  # built once: it is the slow part
    visits = patrol_visits(problem, patrol) if patrol is not None else {}
    written: list[Path] = []
    taken: set[str] = set()
    for o in problem.officers:
        name = ics_filename(o.id)
        if name in taken:  # two ids that differ only in replaced characters
            name = f"{name[:-4]}-{o.index}.ics"
        taken.add(name)
        path = out / name
        write_atomic_bytes(path, officer_calendar(problem, o, assignments, stamp, tz, visits.get(o.id, [])).to_ical())
        written.append(path)
    return written
