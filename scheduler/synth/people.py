"""Officers of a zone: units with their skill mix, part-timers, leave, last week's shifts, wishes.

The proportions are those of examples/brussels-south (300 officers): about 54 % intervention teams,
9 % hotspot task force, 20 % public order, 7 % transfer unit and a site guard unit sized to the
guard posts; 15 % part-timers; about 10 % away part of the week.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from scheduler.synth.vocabulary import FIRST, FORBIDDEN_SUCCESSIONS, LAST, SHIFT_HOURS, SHIFTS, SKILLS, hm


@dataclass(frozen=True)
class Unit:
    team: str  # e.g. "INT-A"
    kind: str  # INT intervention, HTF hotspot task force, PO public order, TR transfer, SG site guard
    size: int
    description: str


UNIT_NAMES = {
    "INT": "intervention team",
    "HTF": "hotspot task force",
    "PO": "public order unit",
    "TR": "transfer unit",
    "SG": "site guard unit",
}

# Typical shifts per unit kind (weights of E, L, N, D, R) for last week's history.
SHIFT_MIX = {
    "INT": {"E": 3, "L": 3, "N": 2, "D": 1, "R": 1},
    "HTF": {"E": 1, "L": 2, "N": 0, "D": 2, "R": 3},
    "PO": {"E": 1, "L": 2, "N": 1, "D": 2, "R": 2},
    "TR": {"E": 4, "L": 1, "N": 0, "D": 2, "R": 0},
    "SG": {"E": 2, "L": 2, "N": 2, "D": 0, "R": 0},
}


def units_for(officers: int, guard_posts: int, transfer_shifts: int) -> list[Unit]:
    """The units of a zone of `officers`: site guards sized to the 24/7 guard posts (7 per post, as in
    brussels-south: 3 shifts a day of 5 per officer-week, plus nights, leave and rest), the transfer
    unit to the week's transfer shifts (an escort does about 4 of them plus response), the rest as
    brussels-south's proportions, intervention teams of about 27."""
    sg = min(round(7 * guard_posts), officers // 3)
    tr = max(2, min(round(transfer_shifts / 1.45), officers // 8)) if transfer_shifts else 0  # 2: leave happens
    po = max(2, round(0.20 * officers))
    htf = max(1, round(0.09 * officers))
    intervention = officers - sg - tr - po - htf
    if intervention < 4:  # a very small zone: mostly intervention, one of each specialist
        po, htf = max(1, officers // 6), max(1, officers // 10)
        tr, sg = min(tr, 1), min(sg, officers // 4)
        intervention = officers - sg - tr - po - htf
    teams = max(1, round(intervention / 27))
    units = []
    for t in range(teams):
        size = intervention // teams + (1 if t < intervention % teams else 0)
        units.append(Unit(f"INT-{chr(ord('A') + t)}", "INT", size, f"intervention team {chr(ord('A') + t)}"))
    for kind, size in (("HTF", htf), ("PO", po), ("TR", tr), ("SG", sg)):
        if size > 0:
            units.append(Unit(kind, kind, size, UNIT_NAMES[kind]))
    return units


def _languages(rng: random.Random) -> set[str]:
    r = rng.random()
    return {"lang_fr"} if r < 0.45 else {"lang_nl"} if r < 0.65 else {"lang_fr", "lang_nl"}


def unit_skills(rng: random.Random, kind: str, k: int) -> list[str]:
    """An officer's skills by unit kind (INT, HTF, PO, TR, SG) and rank in the unit (k)."""
    skills = _languages(rng)
    if kind == "INT":
        skills.add("patrol")
        if rng.random() < 0.45:
            skills.add("driver")
        if k == 1:
            skills.add("dog_handler")  # one dog handler per team
        extra = rng.random()
        if extra < 0.10:
            skills.add("public_order")
        elif extra < 0.15:
            skills.add("transfer_escort")
        elif extra < 0.20:
            skills.add("site_guard")
    elif kind == "HTF":
        skills.add("patrol")
        if rng.random() < 0.4:
            skills.add("driver")
        if k in (1, 2):
            skills.add("dog_handler")
    elif kind == "PO":
        skills |= {"patrol", "public_order"}
        if rng.random() < 0.3:
            skills.add("driver")
    elif kind == "TR":
        skills |= {"patrol", "transfer_escort"}
        if rng.random() < 0.8:
            skills.add("driver")
    elif kind == "SG":
        skills.add("site_guard")
        if rng.random() < 0.5:
            skills.add("patrol")
    return [s for s in SKILLS if s in skills]


def make_officers(
    rng: random.Random, units: list[Unit], id_prefix: str = "", team_prefix: str = "",
    used_names: set[str] | None = None, part_time_share: float = 0.15,
) -> list[dict]:
    """Officers as scenario mappings; ids `<id_prefix><team>-NN` (lower case), teams `<team_prefix><team>`.

    Part-timers (two in three at 4/5 = 30.4 h, one in three half-time = 19 h) are never team leaders
    nor in the public order unit, whose events need full days.
    """
    used = used_names if used_names is not None else set()
    officers: list[dict] = []
    for unit in units:
        for k in range(unit.size):
            while True:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                if name not in used or len(used) > 0.8 * len(FIRST) * len(LAST):
                    used.add(name)
                    break
            officers.append({
                "id": f"{id_prefix}{unit.team.lower()}-{k + 1:02d}",
                "name": name,
                "team": f"{team_prefix}{unit.team}",
                "rank": "CP" if k == 0 else "INPP" if rng.random() < 0.17 else "INP",
                "skills": unit_skills(rng, unit.kind, k),
                "_kind": unit.kind,  # dropped when written; drives history below
            })
    candidates = [o for o in officers if o["_kind"] != "PO" and o["rank"] != "CP"]
    part = rng.sample(candidates, min(len(candidates), round(part_time_share * len(officers))))
    for j, o in enumerate(part):
        o["contract_hours"] = 30.4 if j < round(len(part) * 2 / 3) else 19
    return officers


def add_absences(rng: random.Random, officers: list[dict], start: dt.date, days: int, share: float = 0.10) -> None:
    """About `share` of officers away part of the horizon: leave (2-5 days), training (1-3 weekdays),
    a day in court as a witness."""
    for o in rng.sample(officers, round(share * len(officers))):
        kind = rng.random()
        if kind < 0.5:
            length, reason, weekdays_only = rng.randint(2, 5), "leave", False
        elif kind < 0.8:
            length, reason, weekdays_only = rng.randint(1, 3), "training", True
        else:
            length, reason, weekdays_only = 1, "court", True
        length = min(length, days)
        firsts = [d for d in range(days - length + 1)
                  if not weekdays_only or all((d + k) % 7 < 5 for k in range(length))]
        if not firsts:
            continue
        first = rng.choice(firsts)
        a = start + dt.timedelta(days=first)
        b = a + dt.timedelta(days=length - 1)
        o["unavailable"] = [{"start": a, "end": b, "reason": reason} if length > 1 else {"start": a, "reason": reason}]


def add_history(rng: random.Random, officers: list[dict], start: dt.date, worked_share: float = 0.70) -> None:
    """Last Friday to Sunday, so rest rules hold across the week boundary: about 5 officers in 7 work
    each day, with 11 h rest, no forbidden succession and their unit's usual shifts."""
    starts = {sid: hm(t) for sid, _, t in SHIFTS}
    for o in officers:
        weights = SHIFT_MIX[o.get("_kind", "INT")]
        history = []
        last_end = None  # minutes from Friday 00:00
        last_shift = None
        for d in range(3):
            if rng.random() > worked_share:
                last_shift = None
                continue
            options = [
                s for s, w in weights.items()
                if w > 0 and (last_end is None or d * 1440 + starts[s] >= last_end + 11 * 60)
                and (last_shift, s) not in FORBIDDEN_SUCCESSIONS
            ]
            if not options:
                last_shift = None
                continue
            s = rng.choices(options, [weights[x] for x in options])[0]
            history.append({"date": start - dt.timedelta(days=3 - d), "shift": s})
            last_end = d * 1440 + starts[s] + SHIFT_HOURS * 60
            last_shift = s
        if history:
            o["history"] = history


def add_requests(rng: random.Random, officers: list[dict], start: dt.date, days: int, share: float = 0.04) -> None:
    """A few wishes: days off (a family event, a course) and some preferred shifts."""
    for o in rng.sample(officers, round(share * len(officers))):
        day = start + dt.timedelta(days=rng.randrange(days))
        if rng.random() < 0.7:
            o["requests"] = [{"date": day, "want": False, "weight": rng.choice([2, 3])}]
        else:
            o["requests"] = [{"date": day, "shift": rng.choice(["E", "D"]), "want": True, "weight": 1}]


def away_days(officer: dict, days: int, start: dt.date) -> int:
    """Whole days of the horizon the officer is unavailable (a part-day absence, with times, is not one)."""
    out = set()
    for u in officer.get("unavailable", []):
        a, b = u["start"], u.get("end", u["start"])
        if isinstance(a, dt.datetime) or isinstance(b, dt.datetime):
            continue
        out |= {(a - start).days + k for k in range((b - a).days + 1)}
    return len({d for d in out if 0 <= d < days})
