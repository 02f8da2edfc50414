"""Small, rich zones (`scheduler generate --rich`): 15-60 officers whose week is hard the way a small
zone's is, on top of what every generated zone has (see zone.py):

- a scarce skill: two or three dog handlers, no more;
- strict tasks on scarce skills (a roster that cannot staff them is infeasible): a drug-dog sweep of
  the remand prison on two or three weekdays, a high-risk escort of two transfer escorts on one day;
- part-day absences (a medical appointment, a morning in court, a training afternoon), one of them
  always on a holder of the scarce skill;
- a third HyCap request (help owed to a zone outside the scenario);
- one week in three has a clock change (seed % 3: a plain week, the spring change, the autumn one).

Each strict task keeps holders with no absence on each of its days: one more than it needs, except on
the first sweep day, where one dog handler has a part-day absence and another is free all day. Whether
a roster exists is then up to the rest rules, as in a real week; every generated week of the benchmark
set (benchmarks/small_zones.py) has one.
"""

from __future__ import annotations

import datetime as dt
import random

from scheduler.synth.capacity import capacity
from scheduler.synth.vocabulary import SKILLS, START, hm
from scheduler.synth.zone import ZoneData

# A plain week, the week of the spring clock change (Sun 2026-03-29), that of the autumn one (Sun 2026-10-25).
RICH_STARTS = (START, dt.date(2026, 3, 23), dt.date(2026, 10, 19))
MIN_RICH_OFFICERS, MAX_RICH_OFFICERS = 15, 60
SCARCE_SKILL = "dog_handler"
ESCORTS = 3
PART_DAY_SHARE = 0.10  # of officers, at least one
# (reason, from, to): local clock times of part-day absences.
PART_DAYS = (("other", "08:00", "12:00"), ("court", "09:00", "13:00"), ("training", "13:00", "17:00"),
             ("other", "15:00", "19:00"))


def rich_start(seed: int) -> dt.date:
    return RICH_STARTS[seed % len(RICH_STARTS)]


def _covers(u: dict, day: dt.date) -> bool:
    a, b = u["start"], u.get("end", u["start"])
    a = a.date() if isinstance(a, dt.datetime) else a
    b = b.date() if isinstance(b, dt.datetime) else b
    return bool(a <= day <= b)


def _away(officer: dict, day: dt.date) -> bool:
    """Away at any time of `day` (whole-day leave or a part-day absence)."""
    return any(_covers(u, day) for u in officer.get("unavailable", []))


def _keep_free(holders: list[dict], day: dt.date, free: int) -> None:
    """At least `free` holders with no absence on `day`: holder by holder in their order, cancel the
    absences that cover that day (a leave request refused), whole."""
    for o in holders:
        if sum(not _away(h, day) for h in holders) >= free:
            return
        o["unavailable"] = [u for u in o.get("unavailable", []) if not _covers(u, day)]
        if not o["unavailable"]:
            del o["unavailable"]


def _scarce_holders(zone: ZoneData, rng: random.Random) -> list[dict]:
    """Exactly two or three holders of the scarce skill, chosen among patrol officers."""
    patrol = [o for o in zone.officers if "patrol" in o["skills"]]
    count = rng.choice((2, 3))
    chosen = rng.sample(patrol, min(count, len(patrol)))
    for o in zone.officers:
        if SCARCE_SKILL in o["skills"] and o not in chosen:
            o["skills"] = [s for s in o["skills"] if s != SCARCE_SKILL]
    for o in chosen:
        o["skills"] = [s for s in SKILLS if s in o["skills"] or s == SCARCE_SKILL]
    return chosen


def _escorts(zone: ZoneData) -> list[dict]:
    """At least three transfer escorts (the high-risk escort's two and the day's court transfer): patrol
    officers cross-trained when the unit is smaller."""
    escorts = [o for o in zone.officers if "transfer_escort" in o["skills"]]
    for o in zone.officers:
        if len(escorts) >= ESCORTS:
            break
        if "patrol" in o["skills"] and o not in escorts:
            o["skills"] = [s for s in SKILLS if s in o["skills"] or s == "transfer_escort"]
            escorts.append(o)
    return escorts


def _part_day(officer: dict, day: dt.date, rng: random.Random) -> None:
    reason, a, b = rng.choice(PART_DAYS)
    at = dt.datetime.combine(day, dt.time(hm(a) // 60, hm(a) % 60))
    until = dt.datetime.combine(day, dt.time(hm(b) // 60, hm(b) % 60))
    officer.setdefault("unavailable", []).append({"start": at, "end": until, "reason": reason})


def enrich(zone: ZoneData, rng: random.Random, start: dt.date) -> None:
    """Add the rich week's scarce skill, strict tasks, part-day absences and HyCap request to `zone`
    (before its response demand is sized, so the load counts them)."""
    n = len(zone.officers)
    days = [start + dt.timedelta(days=d) for d in range(zone.days)]
    weekdays = [d for d in days if d.weekday() < 5]
    # Strict work from Tuesday: on Monday morning last week's night shifts may leave too few rested holders.
    strict_days = [d for d in weekdays if d.weekday() > 0]
    if not strict_days:
        raise ValueError("a rich week needs a Tuesday to Friday in its horizon")
    p, stamp = zone.spec.id_prefix, ({"zone": zone.zone} if zone.zone else {})
    dogs = _scarce_holders(zone, rng)
    sweep_days = sorted(rng.sample(strict_days, min(len(strict_days), rng.choice((2, 3)))))
    escorts = _escorts(zone)
    escort_day = rng.choice(strict_days)
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

    for day in sweep_days:
        _keep_free(dogs, day, min(len(dogs), 2))
    _keep_free(escorts, escort_day, ESCORTS)
    # A dog handler free that day gets a part-day absence on the first sweep day: the other does the sweep.
    _part_day(next(o for o in dogs if not _away(o, sweep_days[0])), sweep_days[0], rng)
    needed = {id(o): set(sweep_days) for o in dogs}
    for o in escorts:
        needed.setdefault(id(o), set()).add(escort_day)
    for o in rng.sample(zone.officers, max(1, round(PART_DAY_SHARE * n))):
        day = rng.choice(days)
        if not _away(o, day) and day not in needed.get(id(o), set()):
            _part_day(o, day, rng)

    zone.tasks.append({
        "id": f"{p}dog-sweep", "name": "Drug-dog sweep of the remand prison", "kind": "other", **stamp,
        "windows": [{"days": [names[d.weekday()] for d in sweep_days], "start": "10:00", "end": "14:00"}],
        "headcount": 1, "skills": [SCARCE_SKILL], "priority": "mandatory", "strict": True,
    })
    zone.tasks.append({
        "id": f"{p}escort-high-risk", "name": "Escort of a high-risk detainee to the assizes", "kind":
        "prisoner_transfer", **stamp,
        "windows": [{"days": [names[escort_day.weekday()]], "start": "07:00", "end": "13:00"}],
        "headcount": 2, "skills": ["transfer_escort"], "priority": "mandatory", "strict": True,
    })
    zone.tasks.append({
        "id": f"{p}hycap-summit", "name": "HyCap: European summit in zone Brussels-Capital-Ixelles", "kind": "event",
        **stamp, "host_zone": "brussels-capital-ixelles",
        "windows": [{"days": [names[rng.choice(weekdays).weekday()]], "start": "06:00", "end": "14:00"}],
        "headcount": max(1, round(0.04 * n)), "skills": ["public_order"], "priority": "mandatory",
    })
    zone.capacity = capacity(zone.officers, zone.days, start)
