"""What a patrol plan is made from, read from the scenario and the roster (plain Python, no solver):
patrol units (officers on one hotspot's duty in one shift, grouped by `officers_per_unit`), each hotspot's
visit and gap settings, travel times, and each hotspot's patrolled target time.

The model (`plan.py`) and the checker (`check.py`) both read this translation, as the roster's model and
checker both read `problem.py`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from scheduler.errors import InputError, InputProblem
from scheduler.problem import Problem
from scheduler.roster import Assignment
from scheduler.scenario.schema import Hotspot, Scenario

STATION = "station"


@dataclass(frozen=True)
class Unit:
    id: str  # "<date> <shift> <hotspot> <n>"
    officers: tuple[str, ...]
    zone: str
    day: int
    shift: str
    duty: str  # the hotspot the roster puts its officers on
    start: int  # absolute minutes: the shift
    end: int


@dataclass(frozen=True)
class HotspotRules:
    id: str
    name: str
    zone: str
    visit_min: int
    visit_max: int
    max_gap: int
    min_gap: int
    station: int  # travel minutes from the zone's station, and back


@dataclass(frozen=True, order=True)
class Visit:
    start: int  # absolute minutes
    end: int
    hotspot: str
    unit: str


@dataclass
class PatrolSetup:
    units: list[Unit]
    hotspots: dict[str, HotspotRules]
    travel: dict[tuple[str, str], int]  # (hotspot, hotspot), both orders, same zone only
    # hotspot -> maximal [start, end) intervals of target time while some unit of its zone is on duty:
    # where the max gap is measured.
    patrolled: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def travel_minutes(self, a: str, b: str) -> int:
        if a == b:
            return 0
        if a == STATION:
            return self.hotspots[b].station
        if b == STATION:
            return self.hotspots[a].station
        return self.travel[a, b]


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of [start, end) intervals, as sorted disjoint intervals (touching ones joined)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        elif b > a:
            out.append((a, b))
    return out


def intersect(xs: list[tuple[int, int]], ys: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Intersection of two sorted disjoint interval lists."""
    out, i, j = [], 0, 0
    while i < len(xs) and j < len(ys):
        a, b = max(xs[i][0], ys[j][0]), min(xs[i][1], ys[j][1])
        if a < b:
            out.append((a, b))
        if xs[i][1] < ys[j][1]:
            i += 1
        else:
            j += 1
    return out


def target_time(problem: Problem, hotspot: str) -> list[tuple[int, int]]:
    """The hotspot's target windows in absolute minutes (slots that want an officer there)."""
    duty = problem.duties[problem.duty_index(hotspot)]
    m = problem.slot_minutes
    return merge([(t * m, (t + 1) * m) for t, n in duty.need.items() if n > 0])


def _units(problem: Problem, scenario: Scenario, assignments: list[Assignment]) -> list[Unit]:
    hotspots = {h.id: h for h in scenario.hotspots}
    shift_index = {st.id: st.index for st in problem.shift_types}
    officer_zone = {o.id: o.zone for o in problem.officers}
    groups: dict[tuple[int, str, str], list[str]] = {}
    for a in assignments:
        if a.duty in hotspots:
            groups.setdefault((a.day, a.shift, a.duty), []).append(a.officer)
    units = []
    for (day, shift, duty), officers in sorted(groups.items()):
        inst = problem.instance_of(day, shift_index[shift])
        size = hotspots[duty].patrol.officers_per_unit
        zone = problem.duties[problem.duty_index(duty)].zone or officer_zone[officers[0]]
        officers.sort()
        for n, k in enumerate(range(0, len(officers), size), start=1):
            uid = f"{problem.date_of(day).isoformat()} {shift} {duty} {n}"
            units.append(Unit(uid, tuple(officers[k:k + size]), zone, day, shift, duty, inst.start, inst.end))
    return units


def _distance_minutes(a: Hotspot, b: Hotspot | None) -> int | None:
    """Minutes by coordinates (the slower speed of the two), None when a location is missing."""
    if a.patrol.location is None or (b is not None and b.patrol.location is None):
        return None
    bx, by = (b.patrol.location.x_km, b.patrol.location.y_km) if b and b.patrol.location else (0.0, 0.0)
    km = math.hypot(a.patrol.location.x_km - bx, a.patrol.location.y_km - by)
    speed = min(a.patrol.speed_kmh, b.patrol.speed_kmh) if b else a.patrol.speed_kmh
    return math.ceil(km / speed * 60)


def _travel(scenario: Scenario, zone_of: dict[str, str], source: str) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Station and hotspot-to-hotspot minutes within each zone; a missing one is an input error."""
    hs = {h.id: h for h in scenario.hotspots}
    missing: list[InputProblem] = []
    station: dict[str, int] = {}
    for i, h in enumerate(scenario.hotspots):
        minutes = h.patrol.station_minutes if h.patrol.station_minutes is not None else _distance_minutes(h, None)
        if minutes is None:
            missing.append(InputProblem(source, None, f"hotspots[{i}].patrol",
                                        f"'{h.id}': no travel from the station (station_minutes, or location)"))
        station[h.id] = minutes or 0
    travel: dict[tuple[str, str], int] = {}
    for a in hs.values():
        for b in hs.values():
            if a.id >= b.id or zone_of[a.id] != zone_of[b.id]:
                continue
            given = [m for m in (a.patrol.travel_minutes.get(b.id), b.patrol.travel_minutes.get(a.id)) if m is not None]
            minutes = max(given) if given else _distance_minutes(a, b)
            if minutes is None:
                missing.append(InputProblem(source, None, "hotspots", f"no travel time between '{a.id}' and '{b.id}' "
                                            "(patrol.travel_minutes, or both locations)"))
            travel[a.id, b.id] = travel[b.id, a.id] = minutes or 0
    if missing:
        raise InputError(missing)
    return station, travel


def patrol_setup(problem: Problem, scenario: Scenario, assignments: list[Assignment], source: str = "") -> PatrolSetup:
    """Units, hotspot rules, travel and patrolled target time for a roster (InputError: travel missing)."""
    zone_of = {h.id: problem.duties[problem.duty_index(h.id)].zone for h in scenario.hotspots}
    station, travel = _travel(scenario, zone_of, source or problem.source)
    rules = {h.id: HotspotRules(h.id, h.name or h.id, zone_of[h.id], h.patrol.visit_minutes.min,
                                h.patrol.visit_minutes.max, h.patrol.max_gap_minutes, h.patrol.min_gap_minutes,
                                station[h.id]) for h in scenario.hotspots}
    units = _units(problem, scenario, assignments)
    on_duty: dict[str, list[tuple[int, int]]] = {}
    for u in units:
        on_duty.setdefault(u.zone, []).append((u.start, u.end))
    patrolled = {h: intersect(target_time(problem, h), merge(on_duty.get(r.zone, []))) for h, r in rules.items()}
    return PatrolSetup(units, rules, travel, {h: iv for h, iv in patrolled.items() if iv})
