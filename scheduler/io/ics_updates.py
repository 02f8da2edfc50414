"""Calendar updates after a repair: a new calendar file for each officer whose roster changed, only them.

Each file holds the officer's whole repaired roster (as `ics.py` writes it, same UIDs) plus, for every
published shift that is gone (taken away, or moved to another shift type: a new UID), its event with
STATUS:CANCELLED. An event that changed, or was cancelled, carries SEQUENCE = the repair's generation
(1 for the first repair of a roster, 2 for a repair of that, ...), higher than any it had; the others
keep theirs (roster.json's `summary.repair.sequences`), so a calendar that imports the file replaces
exactly the events that changed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Event

from scheduler.io.atomic import write_atomic_bytes
from scheduler.io.ics import event_uid, ics_filename, officer_calendar, vtimezone
from scheduler.io.labels import shift_label
from scheduler.problem import Problem
from scheduler.roster import Assignment


def _cancelled(problem: Problem, a: Assignment, stamp: dt.datetime, sequence: int) -> Event:
    shift = next(s for s in problem.shift_types if s.id == a.shift)
    inst = problem.instance_of(a.day, shift.index)
    ev = Event()
    ev.add("uid", event_uid(problem.zone, a.officer, problem.date_of(a.day), a.shift))
    ev.add("dtstamp", stamp)
    ev.add("dtstart", problem.local_time(inst.start))
    ev.add("dtend", problem.local_time(inst.end))
    ev.add("summary", f"Cancelled: {shift_label(shift)}")
    ev.add("status", "CANCELLED")
    ev.add("sequence", sequence)
    return ev


def write_ics_updates(
    out_dir: str | Path, problem: Problem, published: list[Assignment], repaired: list[Assignment],
    sequences: dict[tuple[str, int, str], int], stamp: dt.datetime | None = None,
) -> list[Path]:
    """DIR/<officer id>.ics for each officer whose assignments changed; `sequences`: (officer, day, shift)
    -> SEQUENCE of every event that ever changed (this repair's included)."""
    out = Path(out_dir)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    before = {(a.officer, a.day): a for a in published}
    after = {(a.officer, a.day): a for a in repaired}
    affected = sorted({k[0] for k in set(before) | set(after)
                       if (before.get(k) and (before[k].shift, before[k].duty)) != (after.get(k) and (after[k].shift, after[k].duty))})
    tz = vtimezone(problem)
    officers = {o.id: o for o in problem.officers}
    written = []
    for oid in affected:
        if oid not in officers:
            continue
        cal = officer_calendar(problem, officers[oid], repaired, stamp, tz)
        for ev in cal.walk("VEVENT"):
            key = next(((a.officer, a.day, a.shift) for a in repaired if a.officer == oid
                        and event_uid(problem.zone, oid, problem.date_of(a.day), a.shift) == str(ev["uid"])), None)
            ev.add("sequence", sequences.get(key, 0) if key else 0)
        for (o, day), a in sorted(before.items()):
            gone = o == oid and (after.get((o, day)) is None or after[(o, day)].shift != a.shift)
            if gone:
                cal.add_component(_cancelled(problem, a, stamp, sequences.get((o, day, a.shift), 1)))
        path = out / ics_filename(oid)
        write_atomic_bytes(path, cal.to_ical())
        written.append(path)
    return written
