"""Cross-references of a loaded scenario: every id, skill, shift, zone and date refers to something
that exists; warnings for what nobody in the file can staff."""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from scheduler.errors import InputError, InputProblem
from scheduler.scenario.loaded import LoadedScenario
from scheduler.scenario.schema import Scenario
from scheduler.scenario.values import clock_minutes
from scheduler.scenario.yaml_source import YamlSource, format_loc
from scheduler.scenario.zones import zone_layout


def check_references(loaded: LoadedScenario, source: YamlSource) -> None:
    """Every id, skill, shift, zone and date refers to something that exists."""
    sc = loaded.scenario
    problems: list[InputProblem] = []

    def bad(loc: tuple, message: str) -> None:
        problems.append(InputProblem(source.name, source.locate(loc), format_loc(loc), message))

    try:
        ZoneInfo(sc.horizon.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(sc.horizon.timezone, sorted(available_timezones()), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else " (a name like 'Europe/Brussels')"
        bad(("horizon", "timezone"), f"unknown time zone '{sc.horizon.timezone}'{hint}")
    start = sc.horizon.start
    end = start + dt.timedelta(days=sc.horizon.days)  # exclusive
    skills = set(sc.skills)
    shifts = {s.id for s in sc.shift_types}
    hotspots = {h.id for h in sc.hotspots}
    tasks = {t.id for t in sc.tasks}
    duties = {"response"} | hotspots | tasks

    def unique(items: list, key: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                bad((key, i, "id"), f"duplicate id '{item.id}' (also {key}[{seen[item.id]}])")
            seen[item.id] = i

    unique(sc.shift_types, "shift_types")
    unique(sc.officers, "officers")
    unique(sc.tasks, "tasks")
    unique(sc.hotspots, "hotspots")
    for i, t in enumerate(sc.tasks):
        if t.id in hotspots or t.id == "response":
            bad(("tasks", i, "id"), f"task id '{t.id}' is also a hotspot id or 'response'")
    slot = sc.horizon.slot_minutes
    for i, s in enumerate(sc.shift_types):
        if clock_minutes(s.start) % slot:
            down = clock_minutes(s.start) // slot * slot
            hint = f'e.g. "{down // 60:02d}:{down % 60:02d}" or "{(down + slot) // 60:02d}:{(down + slot) % 60:02d}"'
            bad(("shift_types", i, "start"), f'"{s.start}" is not on the {slot}-minute grid of horizon.slot_minutes; use {hint}')
        if s.minutes % slot:
            bad(("shift_types", i, "hours"), f"{s.hours:g} hours is not a whole number of {slot}-minute slots (horizon.slot_minutes)")

    def skill_ok(loc: tuple, skill: str | None) -> None:
        if skill is not None and skill not in skills:
            bad(loc, f"unknown skill '{skill}'")

    def shift_ok(loc: tuple, shift: str | None) -> None:
        if shift is not None and shift not in shifts:
            bad(loc, f"unknown shift type '{shift}'")

    def in_horizon(loc: tuple, day: dt.date) -> None:
        if not start <= day < end:
            bad(loc, f"date {day} is outside the horizon {start} .. {end - dt.timedelta(days=1)}")

    def days_ok(loc: tuple, days: list) -> None:
        for j, d in enumerate(days):
            if isinstance(d, dt.date):
                in_horizon(loc + (j,), d)

    hours = {s.id: s.hours for s in sc.shift_types}
    held: set[str] = set()
    for i, o in enumerate(sc.officers):
        for j, sk in enumerate(o.skills):
            skill_ok(("officers", i, "skills", j), sk)
            held.add(sk)
        for j, f in enumerate(o.fixed):
            in_horizon(("officers", i, "fixed", j, "date"), f.date)
            shift_ok(("officers", i, "fixed", j, "shift"), f.shift)
            if f.duty is not None and f.duty not in duties:
                bad(("officers", i, "fixed", j, "duty"), f"unknown duty '{f.duty}' (response, a hotspot or a task)")
            shortest = loaded.rules_for(o.id).min_service
            if shortest.mode == "hard" and hours.get(f.shift, shortest.hours) < shortest.hours:
                bad(("officers", i, "fixed", j, "shift"),
                    f"shift '{f.shift}' lasts {hours[f.shift]:g} h, less than a service (rule min_service: "
                    f"{shortest.hours:g} h); fix a longer shift or make the rule soft or off")
        for j, r in enumerate(o.requests):
            in_horizon(("officers", i, "requests", j, "date"), r.date)
            shift_ok(("officers", i, "requests", j, "shift"), r.shift)
        for j, past in enumerate(o.history):
            shift_ok(("officers", i, "history", j, "shift"), past.shift)
            if not (start - dt.timedelta(days=14) <= past.date < start):
                first, last = start - dt.timedelta(days=14), start - dt.timedelta(days=1)
                bad(("officers", i, "history", j, "date"), f"history date {past.date} is not in the 14 days before the horizon ({first} .. {last})")
        for j, u in enumerate(o.unavailable):
            u_start = u.start if isinstance(u.start, dt.date) and not isinstance(u.start, dt.datetime) else u.start.date()
            u_end = u.end if u.end is not None else u.start
            u_end_day = u_end if not isinstance(u_end, dt.datetime) else u_end.date()
            if type(u.start) is not type(u_end):
                bad(("officers", i, "unavailable", j), "start and end must both be dates or both date-times")
            elif (isinstance(u.start, dt.datetime) and isinstance(u_end, dt.datetime)
                  and (u.start.tzinfo is None) != (u_end.tzinfo is None)):
                bad(("officers", i, "unavailable", j),
                    "start and end must both carry a UTC offset (like +01:00) or both be local times")
            elif u_end < u.start:
                bad(("officers", i, "unavailable", j, "end"), f"end {u_end} is before start {u.start}")
            elif u_end_day < start - dt.timedelta(days=1) or u_start >= end:
                bad(("officers", i, "unavailable", j), f"{u.start} .. {u_end} is outside the horizon")
        for key in o.max_shifts:
            shift_ok(("officers", i, "max_shifts", key), key)
        if o.min_minutes is not None and o.max_minutes is not None and o.min_minutes > o.max_minutes:
            bad(("officers", i, "min_minutes"), f"min_minutes {o.min_minutes} > max_minutes {o.max_minutes}")
    for i, w in enumerate(sc.demand.windows):
        skill_ok(("demand", "windows", i, "skill"), w.skill)
        days_ok(("demand", "windows", i, "days"), w.days)
    for i, c in enumerate(sc.demand.shift_cover):
        skill_ok(("demand", "shift_cover", i, "skill"), c.skill)
        shift_ok(("demand", "shift_cover", i, "shift"), c.shift)
        days_ok(("demand", "shift_cover", i, "days"), c.days)
    for i, t in enumerate(sc.tasks):
        for j, sk in enumerate(t.skills):
            skill_ok(("tasks", i, "skills", j), sk)
            if sk in skills and sk not in held:
                loaded.warnings.append(f"{source.name}: tasks[{i}] '{t.id}' needs skill '{sk}' that no officer holds")
        for j, tw in enumerate(t.windows):
            days_ok(("tasks", i, "windows", j, "days"), tw.days)
    for i, h in enumerate(sc.hotspots):
        for j, sk in enumerate(h.skills):
            skill_ok(("hotspots", i, "skills", j), sk)
        for j, target in enumerate(h.targets):
            days_ok(("hotspots", i, "targets", j, "days"), target.days)
        for other in h.patrol.travel_minutes:
            if other not in hotspots:
                bad(("hotspots", i, "patrol", "travel_minutes", other), f"unknown hotspot '{other}'")
    _check_zones(sc, bad)
    loaded.warnings.extend(f"{source.name}:{w}" for w in _other_zone_warnings(sc, source))
    _check_places(sc, bad)
    rules = loaded.rules
    if rules.min_service.mode == "hard":
        for i, st in enumerate(sc.shift_types):
            if st.hours < rules.min_service.hours:
                loaded.warnings.append(
                    f"{source.name}:{source.locate(('shift_types', i, 'hours'))}: shift type '{st.id}' lasts "
                    f"{st.hours:g} h, less than a service (rule min_service: {rules.min_service.hours:g} h, hard): "
                    "no officer will work it")
    for j, (a, b) in enumerate(rules.forbidden_successions.pairs):
        shift_ok(("rules", "forbidden_successions", "pairs", j), a)
        shift_ok(("rules", "forbidden_successions", "pairs", j), b)
    for key in rules.max_shifts_per_type.limits:
        shift_ok(("rules", "max_shifts_per_type", "limits", key), key)
    if problems:
        raise InputError(problems)


def _check_zones(sc: Scenario, bad: Any) -> None:
    """Zone ids in a scenario that declares its zones; exemptions, mergers and HyCap requests."""
    for i, t in enumerate(sc.tasks):
        if t.hycap_officers > t.headcount:
            bad(("tasks", i, "hycap_officers"), f"{t.hycap_officers} is more than the headcount {t.headcount}")
    if not sc.zones:
        return
    ids = [z.id for z in sc.zones]
    seen: set[str] = set()
    for i, z in enumerate(sc.zones):
        if z.id in seen:
            bad(("zones", i, "id"), f"duplicate zone id '{z.id}'")
        seen.add(z.id)
        for j, ex in enumerate(z.exempt):
            if ex.absorbed_by not in ("pro_rata", "outside", *ids) or ex.absorbed_by == z.id:
                bad(("zones", i, "exempt", j, "absorbed_by"),
                    f"'{ex.absorbed_by}': pro_rata, outside or another zone's id ({', '.join(ids)})")
            for k, tid in enumerate(ex.tasks):
                if tid not in {t.id for t in sc.tasks}:
                    bad(("zones", i, "exempt", j, "tasks", k), f"unknown task '{tid}'")

    def known(loc: tuple, zone: str | None) -> None:
        if zone is not None and zone not in ids:
            bad(loc, f"unknown zone '{zone}' (zones: {', '.join(ids)})")

    for i, o in enumerate(sc.officers):
        known(("officers", i, "zone"), o.zone)
    for i, t in enumerate(sc.tasks):
        known(("tasks", i, "zone"), t.zone)
    for i, h in enumerate(sc.hotspots):
        known(("hotspots", i, "zone"), h.zone)
    for part in ("windows", "shift_cover"):
        for i, w in enumerate(getattr(sc.demand, part)):
            known(("demand", part, i, "zone"), w.zone)
    merged: set[str] = set()
    for i, m in enumerate(sc.mergers):
        for j, zid in enumerate(m.zones):
            known(("mergers", i, "zones", j), zid)
            if zid in merged:
                bad(("mergers", i, "zones", j), f"zone '{zid}' is already in another merger")
            merged.add(zid)


def _other_zone_warnings(sc: Scenario, source: YamlSource) -> list[str]:
    """A one-zone file may hold officers of another zone (lent for its tasks) and that zone's hotspots;
    a zone that is a typing slip would leave officers off the response and hotspots uncovered: say so."""
    if sc.zones:
        return []
    lent = [(i, o) for i, o in enumerate(sc.officers) if o.zone not in (None, sc.zone)]
    out = []
    if lent:
        i, o = lent[0]
        more = f" and {len(lent) - 1} more" if len(lent) > 1 else ""
        out.append(f"{source.locate(('officers', i, 'zone'))}: officers[{i}] '{o.id}'{more} of zone '{o.zone}', not "
                   f"'{sc.zone}': they do tasks and their zone's hotspots, never this zone's emergency response")
    # Lent officers staff tasks and their zone's hotspots, never emergency response.
    staffed = {sc.zone} | {o.zone for _, o in lent}
    for part, items, zones in (("hotspots", sc.hotspots, staffed), ("tasks", sc.tasks, staffed),
                               ("demand.windows", sc.demand.windows, {sc.zone}),
                               ("demand.shift_cover", sc.demand.shift_cover, {sc.zone})):
        for i, item in enumerate(items):
            if item.zone is not None and item.zone not in zones:  # type: ignore[attr-defined]  # all four lists' items have .zone; mypy joins them to their base class
                loc = (*part.split("."), i, "zone")
                out.append(f"{source.locate(loc)}: {part}[{i}]: zone '{item.zone}': nobody here can staff it "  # type: ignore[attr-defined]  # as above
                           f"(the file's zone is '{sc.zone}')")
    return out


def _check_places(sc: Scenario, bad: Any) -> None:
    """Municipalities: stations and places of work are their zone's; travel times and travel limits
    name known municipalities, and a limited merger knows the time between any two of its zones."""
    layout = zone_layout(sc)
    places = layout.places
    everywhere = {m for ms in places.values() for m in ms}

    def of_zone(loc: tuple, municipality: str | None, zone: str) -> None:
        if municipality is not None and zone in places and municipality not in places[zone]:
            listed = ", ".join(places[zone]) or "none: add `municipalities` to the zone"
            bad(loc, f"'{municipality}' is not a municipality of zone '{zone}' ({listed})")

    for i, o in enumerate(sc.officers):
        of_zone(("officers", i, "station"), o.station, o.zone or sc.zone)
    for i, h in enumerate(sc.hotspots):
        of_zone(("hotspots", i, "municipality"), h.municipality, h.zone or sc.zone)
    for i, t in enumerate(sc.tasks):
        of_zone(("tasks", i, "municipality"), t.municipality, layout.site_zone(t.zone or sc.zone, t.host_zone))
    for i, tt in enumerate(sc.travel_minutes):
        for j, muni in enumerate(tt.between):
            if muni not in everywhere:
                bad(("travel_minutes", i, "between", j), f"unknown municipality '{muni}' (zones list their `municipalities`)")
    for i, m in enumerate(sc.mergers):
        if m.max_travel_minutes is None:
            continue
        bare = [z for z in m.zones if not places.get(z)]
        if bare:
            bad(("mergers", i, "max_travel_minutes"), f"zone(s) {', '.join(bare)} list no `municipalities`")
            continue
        missing = sorted(
            f"{a}-{b}" for x, za in enumerate(m.zones) for zb in m.zones[x + 1:]
            for a in places[za] for b in places[zb] if a != b and (a, b) not in layout.travel
        )
        if missing:
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            bad(("mergers", i, "max_travel_minutes"),
                f"no `travel_minutes` between {', '.join(missing[:5])}{more}")
