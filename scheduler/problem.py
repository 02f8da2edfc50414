"""The solver-ready problem: ids -> indices, local times -> absolute minutes, done once here.

Time is measured in real minutes from the horizon's first local midnight, so a week with a
daylight-saving change is handled correctly: a 22:00-06:00 night shift on the night the clocks go
back lasts 9 real hours, and that is what rest, hours and coverage count. Shift types are defined in
wall-clock terms (start + length on the clock), as police rosters are.

Nothing here knows about CP-SAT: the model (`model/`), the checker (`check.py`) and the measures
(`measures.py`) all read this one representation.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from scheduler.scenario.changes import Baseline
from scheduler.scenario.loaded import LoadedScenario
from scheduler.scenario.rules import RulePack
from scheduler.scenario.schema import Scenario, Window
from scheduler.scenario.values import clock_minutes, weekday_set
from scheduler.scenario.zones import OUTSIDE, task_parts, zone_layout

UTC = dt.UTC


@dataclass(frozen=True)
class ShiftType:
    index: int
    id: str
    name: str
    start_clock: int  # minutes after local midnight
    clock_minutes: int  # nominal length on the clock
    night: bool


@dataclass(frozen=True)
class Instance:
    """One shift type on one day: the unit an officer is assigned to."""

    index: int
    day: int
    shift: int
    start: int  # absolute minutes
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Duty:
    """What an officer does on a shift: emergency response, a hotspot, or a task."""

    index: int
    id: str
    kind: str  # response | hotspot | task
    zone: str
    skills: frozenset[str]
    task_kind: str | None = None  # event | prisoner_transfer | protected_site | other
    host_zone: str | None = None
    priority: str | None = None  # mandatory | fill | optional (tasks)
    strict: bool = False
    weight: int = 0  # per officer-hour short
    # slot -> officers wanted (tasks: headcount; hotspots: target officers)
    need: dict[int, int] = field(default_factory=dict)
    # slot -> weight multiplier for hotspots (target weight)
    need_weight: dict[int, int] = field(default_factory=dict)
    home_zone: str | None = None  # the zone whose part of the work this is (before any merger)
    name: str = ""  # the scenario's name for it (its id when unnamed), for people-facing outputs
    place: str | None = None  # municipality where the work is (hotspots, tasks), when the zones say

    @property
    def for_other_zone(self) -> bool:
        """Work one zone does for another: HyCap help, or work taken over from an exempted zone."""
        home = self.home_zone or self.zone
        return self.kind == "task" and self.host_zone is not None and self.host_zone != home

    @property
    def hycap(self) -> bool:
        return self.for_other_zone and self.task_kind == "event"


@dataclass(frozen=True)
class HistoryShift:
    day: int  # negative
    shift: int
    start: int
    end: int


@dataclass(frozen=True)
class Request:
    day: int
    shift: int | None
    want: bool
    weight: int


@dataclass
class Officer:
    index: int
    id: str
    name: str
    zone: str
    team: str
    skills: frozenset[str]
    contract_hours: float
    target_minutes: int  # pro-rata contract minutes over the days not on leave
    unavailable: list[tuple[int, int, str]]  # absolute [start, end), reason
    blocked: frozenset[int]  # instance indices overlapping unavailability, or too short (min_service hard)
    fixed: dict[int, int | None]  # instance index -> duty index or None
    requests: list[Request]
    history: list[HistoryShift]
    rules: RulePack
    min_minutes: int | None
    max_minutes: int | None
    max_shifts: dict[int, int]  # shift index -> limit (officer's, else the rule's)
    consents_reduced_rest: bool
    duties: frozenset[int]  # duty indices this officer may do
    home_zone: str = ""  # the zone the officer belongs to (`zone` is where they serve: a merger's id)
    reinforcement: bool = False  # an extra officer offered by the staffing-gap solve
    station: str | None = None  # municipality he starts from (travel limits of a merger)
    # Instances shorter than his rule min_service (real minutes; empty when the rule is off): blocked
    # when it is hard, a penalty each when soft.
    short: frozenset[int] = frozenset()
    # Nights and weekend shifts over the running period before the horizon (`previous:`): the fairness
    # terms count this week's from there.
    prior_nights: int = 0
    prior_weekend_shifts: int = 0


@dataclass(frozen=True)
class CoverNeed:
    """Officers on emergency response wanted on one instance (cover per day and shift type)."""

    instance: int
    skill: str | None
    zone: str
    count: int
    under_weight: int  # internal units per officer short
    over_weight: int  # internal units per officer above


@dataclass
class Problem:
    name: str
    zone: str
    start_date: dt.date
    days: int
    timezone: str
    slot_minutes: int
    shift_types: list[ShiftType]
    instances: list[Instance]
    by_day: list[list[int]]  # day -> instance indices
    day_start: dict[int, int]  # day index (may be negative or == days) -> absolute minute of local midnight
    officers: list[Officer]
    duties: list[Duty]
    response_need: dict[tuple[str, str | None], dict[int, int]]  # (zone, skill) -> slot -> count
    cover_needs: list[CoverNeed]
    rules: RulePack
    weights: dict[str, int]
    n_slots: int
    source: str = ""
    sha256: str = ""
    zones: list[str] = field(default_factory=list)  # home zones, in scenario order
    staff_zone: dict[str, str] = field(default_factory=dict)  # home zone -> zone whose officers serve it
    outside_work: list[dict] = field(default_factory=list)  # work given outside the region, with officer-hours
    policies: tuple[str, ...] = ()  # the policies applied to the scenario
    baseline: Baseline | None = None  # a published roster being repaired (scheduler repair), else None
    _covering: list[list[int]] | None = field(default=None, repr=False, compare=False)

    @property
    def horizon_minutes(self) -> int:
        return self.day_start[self.days] - self.day_start[0]

    def instance_of(self, day: int, shift: int) -> Instance:
        return self.instances[day * len(self.shift_types) + shift]

    def covering(self) -> list[list[int]]:
        """slot -> instances covering it (computed once: every coverage family reads it)."""
        if self._covering is None:
            self._covering = [[] for _ in range(self.n_slots)]
            for inst in self.instances:
                for t in self.slots_of(inst):
                    self._covering[t].append(inst.index)
        return self._covering

    def slots_of(self, inst: Instance) -> range:
        """Slots fully covered by an instance (clipped to the horizon)."""
        first = max(0, -(-inst.start // self.slot_minutes))
        last = min(self.n_slots, inst.end // self.slot_minutes)
        return range(first, max(first, last))

    def date_of(self, day: int) -> dt.date:
        return self.start_date + dt.timedelta(days=day)

    def local_time(self, minute: int) -> dt.datetime:
        tz = ZoneInfo(self.timezone)
        origin = dt.datetime.combine(self.start_date, dt.time(), tz).astimezone(UTC)
        return (origin + dt.timedelta(minutes=minute)).astimezone(tz)

    def response_keys(self, officer: Officer) -> list[tuple[str, str | None]]:
        """The (zone, skill) response needs an officer on response duty counts for."""
        return [key for key in self.response_need
                if key[0] == officer.zone and (key[1] is None or key[1] in officer.skills)]

    def is_weekend(self, day: int) -> bool:
        return day % 7 in (5, 6)

    def duty_index(self, duty_id: str) -> int:
        for d in self.duties:
            if d.id == duty_id:
                return d.index
        raise KeyError(duty_id)


class _Clock:
    """Local wall-clock <-> absolute minutes from the horizon's first local midnight."""

    def __init__(self, start: dt.date, tz: str) -> None:
        self.tz = ZoneInfo(tz)
        self.start = start
        self.origin = dt.datetime.combine(start, dt.time(), self.tz).astimezone(UTC)

    def at(self, day: int, clock: int) -> int:
        """Absolute minute of local `clock` minutes after midnight of `day` (clock may exceed 24 h)."""
        date = self.start + dt.timedelta(days=day + clock // 1440)
        clock %= 1440
        local = dt.datetime.combine(date, dt.time(clock // 60, clock % 60), self.tz)
        return int((local.astimezone(UTC) - self.origin).total_seconds() // 60)

    def of(self, when: dt.datetime) -> int:
        if when.tzinfo is None:
            when = when.replace(tzinfo=self.tz)
        return int((when.astimezone(UTC) - self.origin).total_seconds() // 60)


def _is_night(start: int, minutes: int, night_start: int, night_end: int, min_minutes: int) -> bool:
    """At least `min_minutes` of [start, start+minutes) fall in the nightly window (on the clock)."""
    overlap = 0
    for day in (-1, 0, 1):
        a = day * 1440 + night_start
        b = day * 1440 + night_end + (1440 if night_end <= night_start else 0)
        overlap += max(0, min(start + minutes, b) - max(start, a))
    return overlap >= min_minutes and minutes > 0


def window_days(window_days_spec: list, start: dt.date, days: int) -> list[int]:
    """Day indices of the horizon that a `days:` list selects."""
    out: set[int] = set()
    for spec in window_days_spec:
        if isinstance(spec, dt.date):
            out.add((spec - start).days)
        else:
            wd = weekday_set(spec)
            out |= {d for d in range(days) if d % 7 in wd}
    return sorted(d for d in out if 0 <= d < days)


def window_intervals(w: Window, clock: _Clock, days: int) -> list[tuple[int, int]]:
    """Absolute [start, end) intervals of a window on each selected day (end <= start: next day)."""
    s, e = clock_minutes(w.start), clock_minutes(w.end)
    if e <= s:
        e += 1440
    return [(clock.at(d, s), clock.at(d, e)) for d in window_days(w.days, clock.start, days)]


def build_problem(loaded: LoadedScenario) -> Problem:
    sc: Scenario = loaded.scenario
    rules = loaded.rules
    clock = _Clock(sc.horizon.start, sc.horizon.timezone)
    days = sc.horizon.days
    slot = sc.horizon.slot_minutes
    night = rules.night
    shift_types = [
        ShiftType(
            i,
            s.id,
            s.name or s.id,
            clock_minutes(s.start),
            s.minutes,
            _is_night(
                clock_minutes(s.start),
                s.minutes,
                clock_minutes(night.start),
                clock_minutes(night.end),
                round(night.min_hours * 60),
            ),
        )
        for i, s in enumerate(sc.shift_types)
    ]
    shift_index = {s.id: s.index for s in shift_types}
    day_start = {d: clock.at(d, 0) for d in range(-15, days + 2)}
    n_slots = day_start[days] // slot

    instances: list[Instance] = []
    by_day: list[list[int]] = []
    for d in range(days):
        row = []
        for s in shift_types:
            idx = len(instances)
            instances.append(Instance(idx, d, s.index, clock.at(d, s.start_clock), clock.at(d, s.start_clock + s.clock_minutes)))
            row.append(idx)
        by_day.append(row)

    # Slots before the horizon's first shift start that last week's shifts cover (Monday 00:00-06:00
    # under Sunday's night shift, say) are not this roster's to staff: not counted, the user is told.
    first_start = min(inst.start for inst in instances)
    before = [(clock.at(-1, st.start_clock), clock.at(-1, st.start_clock + st.clock_minutes)) for st in shift_types]
    uncovered: dict[str, int] = {}

    def slots_between(a: int, b: int, owner: str = "") -> list[int]:
        out = []
        for t in range(max(0, -(-a // slot)), min(n_slots, b // slot)):
            if t * slot >= first_start or not any(a0 <= t * slot and (t + 1) * slot <= b0 for a0, b0 in before):
                out.append(t)
            elif owner:
                uncovered[owner] = uncovered.get(owner, 0) + 1
        return out

    weights = sc.objective.weights.model_dump()
    layout = zone_layout(sc)
    staff = layout.staff
    duties: list[Duty] = [Duty(0, "response", "response", sc.zone, frozenset(), name="Emergency response")]
    task_weight = {
        "mandatory": weights["unmet_mandatory"],
        "fill": weights["fill_task_shortfall"],
        "optional": weights["optional_task_shortfall"],
    }
    for h in sc.hotspots:
        need: dict[int, int] = {}
        need_weight: dict[int, int] = {}
        for target in h.targets:
            for a, b in window_intervals(target, clock, days):
                for t in slots_between(a, b, f"hotspot '{h.id}'"):
                    # Overlapping targets: the larger count wins, with its weight.
                    if target.officers > need.get(t, 0):
                        need[t] = target.officers
                        need_weight[t] = target.weight
        home = h.zone or sc.zone
        duties.append(
            Duty(len(duties), h.id, "hotspot", staff.get(home, home), frozenset(h.skills or []),
                 weight=weights["hotspot_shortfall"], need=need, need_weight=need_weight, home_zone=home,
                 name=h.name or h.id, place=layout.place(home, h.municipality))
        )
    outside_work: list[dict] = []
    for task in sc.tasks:
        home = task.zone or sc.zone
        host = task.host_zone or home
        intervals = [iv for w in task.windows for iv in window_intervals(w, clock, days)]
        for part_zone, units in task_parts(task, home, host, intervals, layout).items():
            need = {}
            for (a, b), count in Counter(units).items():
                for t in slots_between(a, b, f"task '{task.id}'" if part_zone == home else ""):
                    need[t] = need.get(t, 0) + count
            if part_zone == OUTSIDE:
                hours = sum(need.values()) * slot / 60
                outside_work.append({"task": task.id, "kind": task.kind, "zone": home, "host_zone": host,
                                     "officer_hours": hours})
                continue
            # Tasks of a single-zone scenario are open to any officer holding the skills (lent officers
            # included); in a region a task is for the officers of the zone that staffs it.
            zone = staff.get(part_zone, part_zone) if (len(layout.ids) > 1 or task.zone) else ""
            duties.append(
                Duty(
                    len(duties), task.id if part_zone == home else f"{task.id}@{part_zone}", "task", zone,
                    frozenset(task.skills), task_kind=task.kind, host_zone=host, priority=task.priority,
                    strict=task.strict, weight=task.weight if task.weight is not None else task_weight[task.priority],
                    need=need, home_zone=part_zone,
                    name=(task.name or task.id) + (f" (from {part_zone})" if part_zone != home else ""),
                    place=layout.place(layout.site_zone(home, host), task.municipality),
                )
            )

    officers: list[Officer] = []
    priors = (loaded.previous.priors([o.id for o in sc.officers], sc.horizon.start, sc.objective.fairness_weeks)
              if loaded.previous is not None else {})
    for i, o in enumerate(sc.officers):
        orules = loaded.rules_for(o.id)
        unavailable: list[tuple[int, int, str]] = []
        for u in o.unavailable:
            if isinstance(u.start, dt.datetime):
                end = u.end if u.end is not None else u.start
                unavailable.append((clock.of(u.start), clock.of(end), u.reason))  # type: ignore[arg-type]
            else:
                end_day = (u.end or u.start) if not isinstance(u.end, dt.datetime) else u.end.date()
                a = clock.at((u.start - sc.horizon.start).days, 0)
                b = clock.at((end_day - sc.horizon.start).days + 1, 0)
                unavailable.append((a, b, u.reason))
        shortest = round(orules.min_service.hours * 60) if orules.min_service.mode != "off" else 0
        short = frozenset(inst.index for inst in instances if inst.minutes < shortest)
        # Blocked: shifts overlapping leave, and the short ones when min_service is hard.
        blocked = frozenset(
            inst.index for inst in instances if any(inst.start < b and a < inst.end for a, b, _ in unavailable)
        ) | (short if orules.min_service.mode == "hard" else frozenset())
        # Days fully on leave do not count towards the contract target.
        days_off = sum(
            1 for d in range(days)
            if any(a <= day_start[d] and day_start[d + 1] <= b for a, b, _ in unavailable)
        )
        target_minutes = round(o.contract_hours * 60 * (days - days_off) / 7)
        skills = frozenset(o.skills)
        home = o.zone or sc.zone
        zone = staff.get(home, home)
        station = layout.place(home, o.station)
        allowed = frozenset(
            d.index for d in duties
            if d.skills <= skills and (d.zone == zone or (d.kind == "task" and not d.zone)
                                       or (d.index == 0 and home in staff))
            and layout.within_reach(home, station, d.place)
        )
        fixed: dict[int, int | None] = {}
        for f in o.fixed:
            inst = instances[(f.date - sc.horizon.start).days * len(shift_types) + shift_index[f.shift]]
            fixed[inst.index] = next(d.index for d in duties if d.id == f.duty) if f.duty else None
        requests = [
            Request((r.date - sc.horizon.start).days, shift_index[r.shift] if r.shift else None, r.want, r.weight)
            for r in o.requests
        ]
        history = []
        for past in o.history:
            d = (past.date - sc.horizon.start).days
            st = shift_types[shift_index[past.shift]]
            history.append(HistoryShift(d, st.index, clock.at(d, st.start_clock), clock.at(d, st.start_clock + st.clock_minutes)))
        history.sort(key=lambda h: h.start)
        max_shifts = {shift_index[k]: v for k, v in orules.max_shifts_per_type.limits.items()}
        max_shifts.update({shift_index[k]: v for k, v in o.max_shifts.items()})
        officers.append(
            Officer(
                i, o.id, o.name or o.id, zone, o.team or "", skills, o.contract_hours, target_minutes,
                unavailable, blocked, fixed, requests, history, orules, o.min_minutes, o.max_minutes,
                max_shifts, o.consents_reduced_rest, allowed, home_zone=home,
                reinforcement=o.id in loaded.reinforcements, station=station, short=short,
                prior_nights=priors.get(o.id, (0, 0))[0], prior_weekend_shifts=priors.get(o.id, (0, 0))[1],
            )
        )

    response_need: dict[tuple[str, str | None], dict[int, int]] = {}
    for w in sc.demand.windows:
        home = w.zone or sc.zone
        need = response_need.setdefault((staff.get(home, home), w.skill), {})
        for a, b in window_intervals(w, clock, days):
            for t in slots_between(a, b, "demand"):
                need[t] = need.get(t, 0) + w.count
    for owner, count in uncovered.items():
        loaded.warnings.append(
            f"{loaded.source}: {owner}: {count * slot} min of its windows fall where no shift of this horizon "
            "can work (before its first shift, under last week's shifts); they are not counted"
        )
    cover_needs = []
    for c in sc.demand.shift_cover:
        for d in window_days(c.days, sc.horizon.start, days):
            inst = instances[d * len(shift_types) + shift_index[c.shift]]
            under = c.under_weight * 60 if c.under_weight is not None else weights["response_shortfall"] * inst.minutes
            home = c.zone or sc.zone
            cover_needs.append(CoverNeed(inst.index, c.skill, staff.get(home, home), c.count, under, c.over_weight * 60))

    return Problem(
        name=sc.name or sc.zone, zone=sc.zone, start_date=sc.horizon.start, days=days,
        timezone=sc.horizon.timezone, slot_minutes=slot, shift_types=shift_types, instances=instances,
        by_day=by_day, day_start=day_start, officers=officers, duties=duties, response_need=response_need,
        cover_needs=cover_needs, rules=rules, weights=weights, n_slots=n_slots, source=loaded.source,
        sha256=loaded.sha256, zones=layout.ids, staff_zone=dict(staff),
        outside_work=outside_work, policies=loaded.policies,
    )
