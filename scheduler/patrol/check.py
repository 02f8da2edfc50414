"""The independent check of a patrol plan, and its measures: plain Python, never ortools or the model.

It reads the plan's visits and the setup (`units.py`: units, hotspot rules, travel, patrolled target
time) and recomputes everything: visits inside their unit's shift with the journey from and back to the
station, in its zone, lengths in range, no overlap and travel between a unit's consecutive visits, the
minimum gap between visits at a hotspot, and every gap longer than the maximum (`gaps`).
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.patrol.units import STATION, PatrolSetup, Visit


@dataclass(frozen=True)
class Fault:
    rule: str  # shift | zone | length | overlap | travel | min_gap | unit (a unit the roster does not have)
    unit: str
    hotspot: str
    start: int
    message: str


@dataclass(frozen=True)
class Gap:
    hotspot: str
    start: int  # absolute minutes: [start, end) without a visit, inside patrolled target time
    end: int
    excess: int  # minutes beyond the hotspot's max gap


def check_visits(setup: PatrolSetup, visits: list[Visit]) -> list[Fault]:
    """Every rule a plan must keep; an empty list when it keeps them all."""
    units = {u.id: u for u in setup.units}
    faults: list[Fault] = []
    by_unit: dict[str, list[Visit]] = {}
    for v in visits:
        unit, rules = units.get(v.unit), setup.hotspots.get(v.hotspot)
        if unit is None or rules is None:
            faults.append(Fault("shift", v.unit, v.hotspot, v.start, "unknown unit or hotspot"))
            continue
        by_unit.setdefault(v.unit, []).append(v)
        if rules.zone != unit.zone:
            faults.append(Fault("zone", v.unit, v.hotspot, v.start, f"hotspot of zone {rules.zone}, unit of {unit.zone}"))
        if not rules.visit_min <= v.end - v.start <= rules.visit_max:
            faults.append(Fault("length", v.unit, v.hotspot, v.start,
                                f"{v.end - v.start} min, not {rules.visit_min}-{rules.visit_max}"))
        if v.start - rules.station < unit.start or v.end + rules.station > unit.end:
            faults.append(Fault("shift", v.unit, v.hotspot, v.start, f"with {rules.station} min from and back to "
                                "the station, outside the unit's shift"))
    for uid, own in by_unit.items():
        own.sort()
        for a, b in zip(own, own[1:], strict=False):
            need = setup.travel_minutes(a.hotspot, b.hotspot) if a.hotspot in setup.hotspots and b.hotspot in setup.hotspots else 0
            if b.start < a.end:
                faults.append(Fault("overlap", uid, b.hotspot, b.start, f"starts before the visit to {a.hotspot} ends"))
            elif b.start - a.end < need:
                faults.append(Fault("travel", uid, b.hotspot, b.start,
                                    f"{b.start - a.end} min after {a.hotspot}, {need} min of travel"))
    at: dict[str, list[Visit]] = {}
    for v in visits:
        at.setdefault(v.hotspot, []).append(v)
    for h, vs in at.items():
        if h not in setup.hotspots:
            continue
        vs.sort()
        for a, b in zip(vs, vs[1:], strict=False):
            if b.start - a.end < setup.hotspots[h].min_gap:
                faults.append(Fault("min_gap", b.unit, h, b.start, f"{b.start - a.end} min after the visit of "
                                    f"{a.unit}, {setup.hotspots[h].min_gap} min apart wanted"))
    return faults


def gaps(setup: PatrolSetup, visits: list[Visit]) -> list[Gap]:
    """Every stretch of patrolled target time without a visit, with its excess over the max gap.
    A stretch runs from a window's start or a visit's end to the next visit's start or the window's end."""
    out: list[Gap] = []
    for h, intervals in setup.patrolled.items():
        here = sorted((v.start, v.end) for v in visits if v.hotspot == h)
        for a, b in intervals:
            cursor = a
            for s, e in here:
                if e <= a or s >= b:
                    continue
                if s > cursor:
                    out.append(Gap(h, cursor, s, max(0, s - cursor - setup.hotspots[h].max_gap)))
                cursor = max(cursor, e)
            if b > cursor:
                out.append(Gap(h, cursor, b, max(0, b - cursor - setup.hotspots[h].max_gap)))
    return out


def travel_legs(setup: PatrolSetup, own: list[Visit]) -> list[tuple[str, str, int, int]]:
    """A unit's journeys (from, to, depart, arrive): station to first visit, between visits, back."""
    legs = []
    place, free_from = STATION, None
    for v in sorted(own):
        minutes = setup.travel_minutes(place, v.hotspot)
        if minutes or place == STATION:
            depart = v.start - minutes if free_from is None else free_from
            legs.append((place, v.hotspot, depart, depart + minutes))
        place, free_from = v.hotspot, v.end
    if own and free_from is not None:
        legs.append((place, STATION, free_from, free_from + setup.travel_minutes(place, STATION)))
    return legs


def patrol_measures(setup: PatrolSetup, visits: list[Visit], days: int) -> dict:
    """Per hotspot and overall: patrolled target minutes, minutes beyond the max gap, the share of target
    time within it (1 - excess / target), visits and visits per day, the largest gap."""
    found = gaps(setup, visits)
    per: dict[str, dict] = {}
    for h in sorted(setup.patrolled):
        target = sum(b - a for a, b in setup.patrolled[h])
        mine = [g for g in found if g.hotspot == h]
        excess = sum(g.excess for g in mine)
        n = sum(1 for v in visits if v.hotspot == h)
        per[h] = {
            "target_minutes": target, "excess_minutes": excess, "max_gap_minutes": setup.hotspots[h].max_gap,
            "share_within_max_gap": round(1 - excess / target, 4) if target else 1.0,
            "visits": n, "visits_per_day": round(n / max(1, days), 2),
            "largest_gap_minutes": max((g.end - g.start for g in mine), default=0),
        }
    target = sum(p["target_minutes"] for p in per.values())
    excess = sum(p["excess_minutes"] for p in per.values())
    return {
        "share_within_max_gap": round(1 - excess / target, 4) if target else 1.0,
        "excess_minutes": excess, "target_minutes": target, "visits": len(visits),
        "largest_gap_minutes": max((p["largest_gap_minutes"] for p in per.values()), default=0),
        "gaps_over_max": sum(1 for g in found if g.excess > 0), "hotspots": per,
    }
