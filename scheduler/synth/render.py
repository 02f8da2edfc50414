"""A scenario file from synthetic zones: one zone (a zone file) or several inline (`zones:` without
`file:`, every officer, demand line, task and hotspot stamped with its zone)."""

from __future__ import annotations

import datetime as dt

from scheduler.synth.vocabulary import FORBIDDEN_SUCCESSIONS, SKILLS, shift_types
from scheduler.synth.yaml_text import block, list_item, scalar
from scheduler.synth.zone import ZoneData

OVERTIME_WEIGHT = 150  # points per overtime hour, as in brussels-south (the default is 20)

SETTINGS_LINES = [
    "# Overtime costs more than an hour of low-priority hotspot presence (weight 1 x 100 points) and",
    "# less than the priority evening targets (weights 2-3): the roster buys overtime only for those.",
    "objective:",
    "  weights:",
    f"    overtime: {OVERTIME_WEIGHT}",
    "",
    "rules:",
    "  pack: belgian-police",
    "  forbidden_successions:",
    "    pairs: [" + ", ".join(f'["{a}", "{b}"]' for a, b in FORBIDDEN_SUCCESSIONS) + "]"
    "   # no early shift after a night or an 18-02 evening",
    "",
    "solver:",
    "  time_limit: 60",
    "  workers: 2",
]


def comment(text: str) -> list[str]:
    return [f"# {line}".rstrip() for line in text.splitlines()]


def head_lines(name: str, zone: str, start: dt.date, days: int, places: list[str] | None = None) -> list[str]:
    lines = [f"name: {scalar(name)}", f"zone: {zone}"]
    if places:
        lines.append(f"municipalities: [{', '.join(places)}]   # the first is the station")
    lines += ["", "horizon:", f"  start: {start.isoformat()}",
             f"  days: {days}", "  timezone: Europe/Brussels", "", f"skills: [{', '.join(SKILLS)}]", "", "shift_types:"]
    return lines + [line for s in shift_types() for line in list_item(s, 2)]


def body_lines(zones: list[ZoneData]) -> list[str]:
    """Officers, demand, tasks and hotspots of every zone, zone by zone."""
    out = ["", "# Ranks: CP commissioner, INPP principal inspector, INP inspector.", "officers:"]
    for z in zones:
        team = None
        for o in z.officers:
            if o["team"] != team:
                team = o["team"]
                unit = next(u for u in z.units if team.endswith(u.team))
                out.append(f"  # {team}: {unit.description}" + (f" ({z.spec.name})" if z.zone else ""))
            out += list_item(o, 2)
    out += [
        "",
        "# Emergency response, officers wanted per hour (about two per patrol car); windows add up where they",
        "# overlap. Skill lines count the officers on response who hold the skill.",
        "demand:",
        "  windows:",
    ]
    for z in zones:
        if z.mix:
            m = z.mix
            out.append(f"    # {z.spec.id}: met by E{m.E} + D{m.D} + L{m.L} + N{m.N} a day, + R{m.R} on Fri and Sat")
        out += [line for w in z.response for line in list_item(w, 4)]
    out += ["", "# Mandatory work. hycap_officers: part of the headcount the other zones send (HyCap quotas);",
            "# host_zone outside the scenario: HyCap help this zone lends.", "tasks:"]
    out += [line for z in zones for t in z.tasks for line in list_item(t, 2)]
    out += ["", "# Hotspot presence targets (soft): weight 1 daytime, 2-3 the Thu-Sat evenings. Where targets of a",
            "# hotspot overlap, the larger count applies. Together they want more than the zones can give.",
            "hotspots:"]
    out += [line for z in zones for h in z.hotspots for line in list_item(h, 2)]
    return out


def scenario_text(
    header: list[str], name: str, zone: str, start: dt.date, days: int, zones: list[ZoneData],
    zone_entries: list[dict] | None = None,
) -> str:
    """The whole file; `zone_entries` (id, name) makes it a multi-zone scenario."""
    lines = [*header, *head_lines(name, zone, start, days, None if zone_entries else zones[0].places)]
    if zone_entries:
        lines += ["", "# The zones; HyCap quotas are shared in proportion to the officers each one rosters."]
        lines += block("zones", zone_entries)
    lines += body_lines(zones)
    lines += ["", *SETTINGS_LINES, ""]
    return "\n".join(lines)
