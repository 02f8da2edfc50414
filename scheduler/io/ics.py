"""One iCalendar file (RFC 5545) per officer: their shifts as events in the scenario's time zone.

Times are local wall-clock times with a TZID and a VTIMEZONE built from the time-zone database, so a
calendar shows the shift when the officer's watch says it starts, across daylight-saving changes.

UID: a hash of zone, officer, date and shift type, not of the duty. A re-solve that keeps an officer's
shift but changes the duty (response -> hotspot) updates the same event; a different shift on that date
is a different event, and the old one disappears from the officer's file, which always holds the whole
roster. Calendars that subscribe to the file replace events by UID.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from scheduler.io.atomic import write_atomic_bytes
from scheduler.io.labels import duty_label, shift_label
from scheduler.problem import Officer, Problem
from scheduler.roster import Assignment

PRODID = "-//police-duty-scheduler//roster//EN"
UID_DOMAIN = "police-duty-scheduler"


def event_uid(zone: str, officer: str, date: dt.date, shift: str) -> str:
    """The same for the same zone, officer, date and shift type, whatever the duty or the solve."""
    key = "\x1f".join((zone, officer, date.isoformat(), shift))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


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
) -> Calendar:
    """A calendar of one officer's shifts (`assignments` may hold everyone's; theirs are picked)."""
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
    return cal


def ics_filename(officer_id: str) -> str:
    """The officer's id, with anything a file system may refuse replaced."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", officer_id) + ".ics"


def write_ics(
    out_dir: str | Path, problem: Problem, assignments: list[Assignment], stamp: dt.datetime | None = None,
) -> list[Path]:
    """DIR/<officer id>.ics for every officer (an officer with no shift gets an empty calendar), each atomically."""
    out = Path(out_dir)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    tz = vtimezone(problem)  # built once: it is the slow part
    written: list[Path] = []
    taken: set[str] = set()
    for o in problem.officers:
        name = ics_filename(o.id)
        if name in taken:  # two ids that differ only in replaced characters
            name = f"{name[:-4]}-{o.index}.ics"
        taken.add(name)
        path = out / name
        write_atomic_bytes(path, officer_calendar(problem, o, assignments, stamp, tz).to_ical())
        written.append(path)
    return written
