"""Who does which work when a scenario holds several zones: HyCap quotas, exemptions, mergers.

A HyCap request (`hycap_officers` of a task's headcount) is shared between the other zones in
proportion to their HyCap share (by default their operational strength, the officers they roster).
An exemption moves a kind of work away from a zone to the other zones pro rata (by strength, or for a
task needing skills by the officers holding them: `share_by`), to a named zone, or outside the region. A merger makes several zones one staffing zone: its officers serve the whole area.

The allocation is fixed before the solve (a quota is a quota): each zone then rosters its own officers
on its own part, which is what lets a region be solved zone by zone (see solve/zones.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from scheduler.scenario.schema import Exemption, Scenario, Task

OUTSIDE = "outside"
"""Work no zone of the region does any more (e.g. taken over by the federal police)."""


@dataclass(frozen=True)
class ZoneLayout:
    ids: list[str]  # home zones, in scenario order
    staff: dict[str, str]  # home zone -> staffing zone (its merger's id, or itself)
    share: dict[str, float]  # home zone -> HyCap share
    exempt: dict[str, list[Exemption]]
    places: dict[str, list[str]]  # home zone -> its municipalities (the first: default station and place)
    travel: dict[tuple[str, str], int]  # (municipality, municipality) -> minutes, both ways
    max_travel: dict[str, int]  # staffing zone (a merger) -> most minutes to work in another former zone
    # home zone -> how many of its officers hold each set of skills (exempted work shared by skill holders)
    skill_sets: dict[str, Counter[frozenset[str]]] = field(default_factory=dict)

    def holders(self, zone: str, skills: list[str]) -> int:
        """Officers of `zone` holding every one of `skills`."""
        need = set(skills)
        return sum(n for held, n in self.skill_sets.get(zone, Counter()).items() if need <= held)

    def site_zone(self, staffing_zone: str, host: str | None) -> str:
        """The zone a task's work is in: its host, when the host is a zone of the scenario (HyCap help
        goes there), else the zone that staffs it."""
        return host if host in self.places else staffing_zone

    def place(self, zone: str, municipality: str | None) -> str | None:
        """Where work of `zone` is (or an officer of `zone` starts from): as given, else the zone's first."""
        return municipality or next(iter(self.places.get(zone, [])), None)

    def within_reach(self, home: str, station: str | None, place: str | None) -> bool:
        """May an officer of former zone `home`, starting from `station`, work at `place`?

        Always in his own former zone and when his merger sets no limit; otherwise only if the travel
        time is known and within the merger's `max_travel_minutes`.
        """
        limit = self.max_travel.get(self.staff.get(home, home))
        if limit is None or place is None or place in self.places.get(home, []):
            return True
        minutes = 0 if station == place else self.travel.get((station or "", place))
        return minutes is not None and minutes <= limit

    def exemption(self, zone: str, work: str, task_id: str) -> Exemption | None:
        for ex in self.exempt.get(zone, []):
            if ex.work == work and (not ex.tasks or task_id in ex.tasks):
                return ex
        return None


def zone_layout(sc: Scenario) -> ZoneLayout:
    ids = [z.id for z in sc.zones] or [sc.zone]
    staff = {z: z for z in ids}
    for m in sc.mergers:
        for z in m.zones:
            staff[z] = m.id
    strength = {z: 0 for z in ids}
    skill_sets: dict[str, Counter[frozenset[str]]] = {z: Counter() for z in ids}
    for o in sc.officers:
        zone = o.zone or sc.zone
        if zone in strength:
            strength[zone] += 1
            skill_sets[zone][frozenset(o.skills)] += 1
    given = {z.id: z.hycap_share for z in sc.zones if z.hycap_share is not None}
    share = {z: float(given.get(z, strength[z])) for z in ids}
    exempt = {z.id: list(z.exempt) for z in sc.zones}
    if not sc.zones:
        exempt[sc.zone] = []
    places = {z.id: list(z.municipalities) for z in sc.zones} or {sc.zone: list(sc.municipalities)}
    travel: dict[tuple[str, str], int] = {}
    for t in sc.travel_minutes:
        a, b = t.between
        travel[(a, b)] = travel[(b, a)] = t.minutes
    max_travel = {m.id: m.max_travel_minutes for m in sc.mergers if m.max_travel_minutes is not None}
    return ZoneLayout(ids, staff, share, exempt, places, travel, max_travel, skill_sets)


def apportion(units: int, shares: dict[str, float]) -> list[str]:
    """Which zone takes each of `units` successive units: the one furthest below its quota so far.

    Over any prefix every zone is within one unit of its exact share, so a week of daily transfers is
    spread over the zones rather than all falling on the largest one. Ties go to the earlier zone.
    """
    total = sum(shares.values())
    zones = [z for z, s in shares.items() if s > 0]
    if total <= 0 or not zones:
        return [OUTSIDE] * units
    given = dict.fromkeys(zones, 0)
    out = []
    for k in range(1, units + 1):
        z = max(zones, key=lambda z: (shares[z] * k / total - given[z], -zones.index(z)))
        given[z] += 1
        out.append(z)
    return out


Interval = tuple[int, int]


def _weights(layout: ZoneLayout, zones: list[str], task: Task, by: str) -> dict[str, float]:
    """Each zone's weight in a share-out: its HyCap share, or its officers holding the task's skills
    (`skill_holders`; by HyCap share when the task needs none or no zone holds them)."""
    if by == "skill_holders" and task.skills:
        held = {z: float(layout.holders(z, task.skills)) for z in zones}
        if any(held.values()):
            return held
    return {z: layout.share[z] for z in zones}


def _share_out(layout: ZoneLayout, units: list[Interval], zones: list[str], work: str, task: Task,
               by: str) -> dict[str, list[Interval]]:
    """Units apportioned over `zones`; a zone exempt from `work` with a named absorber forwards them."""
    out: dict[str, list[Interval]] = {}
    for unit, z in zip(units, apportion(len(units), _weights(layout, zones, task, by)), strict=True):
        ex = layout.exemption(z, work, task.id) if z != OUTSIDE else None
        dest = ex.absorbed_by if ex is not None and ex.absorbed_by != "pro_rata" else z
        out.setdefault(dest, []).append(unit)
    return out


def _allocate(layout: ZoneLayout, units: list[Interval], candidates: list[str], work: str, task: Task,
              by: str = "strength") -> dict[str, list[Interval]]:
    """Spread units over candidate zones pro rata (`by`: strength or skill holders). A candidate exempt
    from `work` forwards its units to its absorber, or, absorbed `pro_rata`, drops out of the share; one
    whose exemption shares by skill holders takes its part first, which then goes to the skill's holders
    in the candidates that are not exempt (so the others' own parts stay as they were)."""
    keep, regive = [], []
    for z in candidates:
        ex = layout.exemption(z, work, task.id)
        if ex is None or ex.absorbed_by != "pro_rata":
            keep.append(z)
        elif ex.share_by == "skill_holders" and task.skills:
            regive.append(z)
    out = _share_out(layout, units, [z for z in candidates if z in keep or z in regive], work, task, by)
    for z in regive:
        for dest, more in _share_out(layout, out.pop(z, []), keep, work, task, "skill_holders").items():
            out.setdefault(dest, []).extend(more)
    return out


def task_parts(task: Task, home: str, host: str, intervals: list[Interval], layout: ZoneLayout) -> dict[str, list[Interval]]:
    """Zone (or OUTSIDE) -> the units of `task` it staffs, one unit = one officer over one interval."""
    own = [iv for iv in intervals for _ in range(task.headcount - task.hycap_officers)]
    hycap = [iv for iv in intervals for _ in range(task.hycap_officers)]
    parts: dict[str, list[Interval]] = {}

    def add(more: dict[str, list[Interval]]) -> None:
        for z, units in more.items():
            parts.setdefault(z, []).extend(units)

    others = [z for z in layout.ids if layout.staff.get(z, z) != layout.staff.get(host, host) and z != home]
    # The own part: help to another zone's event is HyCap; otherwise the task's kind decides.
    work = "hycap" if host != home else task.kind
    ex = layout.exemption(home, work, task.id) if work in ("hycap", "prisoner_transfer", "protected_site") else None
    if ex is None:
        add({home: own})
    elif ex.absorbed_by == "pro_rata":
        add(_allocate(layout, own, others, work, task, ex.share_by))
    else:
        add({ex.absorbed_by: own})
    if hycap:
        # Zones merged with the host are the host: their part of the request is the host's own work.
        helpers = [z for z in layout.ids if layout.staff.get(z, z) != layout.staff.get(host, host)]
        if helpers:
            add(_allocate(layout, hycap, helpers, "hycap", task))
        else:
            add({home: hycap})
    return {z: sorted(units) for z, units in parts.items() if units}
