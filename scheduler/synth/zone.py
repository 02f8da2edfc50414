"""A whole synthetic zone from a short description (`ZoneSpec`), sized so the week is tight but
solvable: mandatory work, HyCap help and emergency response take `load` of the contract capacity
(brussels-south: 81 %), the hotspots want `hotspot_ratio` of it on top (brussels-south: 25 %).

Two steps, because HyCap quotas depend on every zone: `build_zone` makes the officers, tasks and
hotspots; `size_response` then gives emergency response what is left of the load once the zone's
own tasks and the HyCap help it sends (`hycap_received`) are counted.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from scheduler.scenario.zones import apportion
from scheduler.synth import demand
from scheduler.synth.capacity import Capacity, capacity, hotspot_profile, hourly, least_shifts, task_shifts
from scheduler.synth.people import Unit, add_absences, add_history, add_requests, make_officers, units_for
from scheduler.synth.vocabulary import HOTSPOT_KINDS, SITE_KINDS, place_names, slug


@dataclass(frozen=True)
class EventSpec:
    """A public-order event the zone hosts (or helps with outside the scenario, with `host_zone`)."""

    id: str
    name: str
    days: tuple[str, ...]
    shift: str  # the shift whose window the event covers
    headcount: int
    hycap_officers: int = 0  # of the headcount, sent by the other zones of the region
    host_zone: str | None = None  # a zone outside the scenario: HyCap help this zone gives


@dataclass(frozen=True)
class ZoneSpec:
    id: str
    name: str
    officers: int
    places: tuple[str, ...] = ()  # invented municipalities, for hotspot and site names
    events: tuple[EventSpec, ...] = ()
    guard_posts: int | None = None  # officers on protected sites at every hour; None: one per 75 officers
    transfer_scale: float = 1.0
    hotspots: int | None = None  # None: one per 60 officers
    hotspot_ratio: float = 0.25
    load: float = 0.80
    id_prefix: str = ""  # officer, task and hotspot ids (unique across a region)
    team_prefix: str = ""


@dataclass
class ZoneData:
    spec: ZoneSpec
    units: list[Unit]
    officers: list[dict]
    tasks: list[dict]
    hotspots: list[dict]
    capacity: Capacity
    days: int
    zone: str | None  # the zone stamped on officers, demand, tasks and hotspots (None: a single-zone file)
    places: list[str] = field(default_factory=list)  # its municipalities (the first: its station)
    mix: demand.ShiftMix | None = None
    response: list[dict] = field(default_factory=list)
    hycap_in: int = 0  # shifts of HyCap help sent to other zones of the scenario

    def task_shifts(self) -> int:
        """This zone's share of its own tasks (the HyCap part of its events is the other zones')."""
        return sum(task_shifts(t, self.days, t["headcount"] - t.get("hycap_officers", 0)) for t in self.tasks)

    def response_shifts(self) -> int:
        return least_shifts(hourly([w for w in self.response if w["skill"] == "patrol"], self.days))

    def hotspot_hours(self) -> int:
        return sum(sum(hotspot_profile(h, self.days)) for h in self.hotspots)

    def hotspot_shifts(self) -> int:
        return sum(least_shifts(hotspot_profile(h, self.days)) for h in self.hotspots)

    def report(self) -> str:
        """The capacity calculation, in the words of make_zone.py's docstring."""
        cap, s = self.capacity, self.spec
        mandatory = self.task_shifts() + self.hycap_in
        resp = self.response_shifts()
        hot = self.hotspot_shifts()
        units = ", ".join(f"{u.size} {u.team}" for u in self.units)
        holders = {k: sum(k in o["skills"] for o in self.officers)
                   for k in ("public_order", "transfer_escort", "site_guard", "driver", "lang_nl", "dog_handler")}
        lines = [
            f"{s.id} ({s.name}): {cap.officers} officers ({units}); {cap.part_timers} part-timers",
            f"  contract capacity {cap.hours:,.0f} h = {cap.shifts:,.0f} shifts "
            f"({cap.contract_hours:,.0f} h a week, {cap.away_days} officer-days away = {cap.away_hours:,.0f} h)",
        ]
        if self.mix:
            m = self.mix
            lines.append(f"  response            E{m.E} + D{m.D} + L{m.L} + N{m.N} a day, + R{m.R} Fri, Sat = {resp:5,} shifts")
        for t in self.tasks:
            own = t["headcount"] - t.get("hycap_officers", 0)
            note = f" ({t['hycap_officers']} of {t['headcount']} by HyCap)" if t.get("hycap_officers") else ""
            lines.append(f"  {t['id']:<30}{own:>3} officer{'s' if own != 1 else ' '}{note:<24} = "
                         f"{task_shifts(t, self.days, own):5,} shifts")
        if self.hycap_in:
            lines.append(f"  HyCap help sent to the other zones                              = {self.hycap_in:5,} shifts")
        lines += [
            f"  response + mandatory = {resp + mandatory:,} shifts = {(resp + mandatory) / cap.shifts:.0%} of contract",
            f"  hotspots ({len(self.hotspots)}) {self.hotspot_hours():,} officer-hours = {hot:,} shifts; everything "
            f"{(resp + mandatory + hot) / cap.shifts:.0%} of contract",
            "  holders: " + ", ".join(f"{k} {v}" for k, v in holders.items()),
        ]
        return "\n".join(lines)


def build_zone(spec: ZoneSpec, rng: random.Random, start: dt.date, days: int, used_names: set[str],
               multi_zone: bool, taken_places: set[str]) -> ZoneData:
    """Officers, tasks and hotspots of a zone (response comes later, in `size_response`)."""
    zone = spec.id if multi_zone else None
    p = spec.id_prefix
    taken_places.update(spec.places)
    places = list(spec.places) or place_names(rng, 3, taken_places)
    tasks = [
        demand.event(f"{p}{e.id}", e.name, list(e.days), e.shift, e.headcount, e.hycap_officers, zone, e.host_zone)
        for e in spec.events
    ]
    tasks += demand.transfers(p, spec.officers, spec.transfer_scale, zone)
    posts = spec.officers // 75 if spec.guard_posts is None else spec.guard_posts
    site_kinds = rng.sample(SITE_KINDS, min(len(SITE_KINDS), (posts + 1) // 2))
    for k in range((posts + 1) // 2):
        guards = 2 if 2 * (k + 1) <= posts else 1
        kind, what = site_kinds[k % len(site_kinds)]
        where = places[k % len(places)]
        tasks.append(demand.protected_site(f"{p}site-{kind}-{k + 1}", f"Protected site: {what} ({where})", guards,
                                           zone, where))
    weekly_transfers = sum(task_shifts(t, 7) for t in tasks if t["kind"] == "prisoner_transfer")
    units = units_for(spec.officers, posts, weekly_transfers)
    officers = make_officers(rng, units, p, spec.team_prefix, used_names)
    if zone:
        for o in officers:
            o["zone"] = zone
    add_absences(rng, officers, start, days)
    add_history(rng, officers, start)
    add_requests(rng, officers, start, days)
    cap = capacity(officers, days, start)

    count = max(1, round(spec.officers / 60)) if spec.hotspots is None else spec.hotspots
    names = place_names(rng, count, taken_places)
    shapes = [k % len(demand.HOTSPOT_SHAPES) for k in range(count)]
    # Scale the shapes so the targets want about hotspot_ratio of the capacity (at least 1 officer each).
    unit_hours = sum(sum(hotspot_profile(demand.hotspot("h", "h", s, 1.0), days)) for s in shapes)
    factor = spec.hotspot_ratio * cap.hours / unit_hours
    hotspots = []
    for k, (shape, place) in enumerate(zip(shapes, names, strict=True)):
        name = HOTSPOT_KINDS[(shape + 5 * (k // len(demand.HOTSPOT_SHAPES))) % len(HOTSPOT_KINDS)].format(place)
        where = places[k % len(places)]
        hotspots.append(demand.hotspot(f"{p}{slug(name.replace(' housing estate', ''))}", f"{name} ({where})", shape,
                                       factor, zone, where))
    return ZoneData(spec, units, officers, tasks, hotspots, cap, days, zone, places)


def hycap_received(zones: list[ZoneData]) -> dict[str, int]:
    """Shifts each zone sends to the other zones' events, as scheduler/scenario/zones.py allocates HyCap quotas
    (pro rata of the officers rostered, unit by unit) when no policy changes anything."""
    out = {z.spec.id: 0 for z in zones}
    for host in zones:
        shares = {z.spec.id: float(z.capacity.officers) for z in zones if z is not host}
        for t in host.tasks:
            units = t.get("hycap_officers", 0) * task_shifts(t, host.days, 1)
            for zid in apportion(units, shares) if units and shares else []:
                out[zid] += 1
    return out


def size_response(zone: ZoneData, hycap_in: int) -> None:
    """Emergency response gets what is left of `load` x capacity after tasks and HyCap help."""
    zone.hycap_in = hycap_in
    budget = zone.spec.load * zone.capacity.shifts - zone.task_shifts() - hycap_in
    zone.mix = demand.shift_mix(budget * 7 / zone.days)
    dogs = sum("dog_handler" in o["skills"] for o in zone.officers)
    zone.response = demand.response_windows(zone.mix, dogs)
    if zone.zone:
        for w in zone.response:
            w["zone"] = zone.zone


def build_zones(specs: list[ZoneSpec], rng: random.Random, start: dt.date, days: int, stamp: bool,
                taken_places: set[str], enrich: Callable[[ZoneData], None] | None = None) -> list[ZoneData]:
    """Every zone built, then response sized once the HyCap quotas between them are known.

    `stamp`: write each zone's id on its officers, demand, tasks and hotspots (one multi-zone file);
    without it each zone is a zone file of its own (a region file joins them and stamps them).
    `enrich`: adds to each built zone before its response is sized (rich.py), so the load counts it.
    """
    used_names: set[str] = set()
    zones = [build_zone(s, rng, start, days, used_names, stamp, taken_places) for s in specs]
    if enrich is not None:
        for z in zones:
            enrich(z)
    received = hycap_received(zones) if len(zones) > 1 else {}
    for z in zones:
        size_response(z, received.get(z.spec.id, 0))
    return zones
