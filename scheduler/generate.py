"""`scheduler generate`: a synthetic but plausible scenario from the examples' vocabulary.

N officers split into Z zones of different sizes (the largest hosts two football clubs, the second
is the centre with a demonstration and many protected sites, the others residential), each with
brussels-south's unit mix, part-timers, leave, last week's shifts and a few wishes; daily prisoner
transfers, protected sites, hotspots; demand sized so that mandatory work, HyCap help and emergency
response take about 76-84 % of each zone's contract capacity and the hotspots want about a quarter
more (see scheduler/synth/zone.py). Same arguments, same bytes.
"""

from __future__ import annotations

import random
from pathlib import Path

from scheduler.io.atomic import write_atomic
from scheduler.scenario.values import MAX_DAYS
from scheduler.synth.render import comment, scenario_text
from scheduler.synth.rich import MAX_RICH_OFFICERS, MIN_RICH_OFFICERS, enrich, rich_start
from scheduler.synth.vocabulary import START, place_names, slug
from scheduler.synth.zone import EventSpec, ZoneSpec, build_zones

MIN_ZONE_OFFICERS = 10
MAX_ZONES = 26
ZONE_IDS = ["south", "centre", "north", "west", "east", "canal", "heights", "harbour", "forest", "valley", "park",
            "station", "market", "bridge", "hill", "lake"]


def split_officers(officers: int, zones: int, rng: random.Random) -> list[int]:
    """Zone sizes, largest first, all different when possible, at least MIN_ZONE_OFFICERS each."""
    weights = [rng.uniform(0.6, 1.6) for _ in range(zones)]
    exact = [officers * w / sum(weights) for w in weights]
    sizes = [int(x) for x in exact]
    for k in sorted(range(zones), key=lambda k: sizes[k] - exact[k])[: officers - sum(sizes)]:
        sizes[k] += 1
    sizes.sort(reverse=True)
    for k in range(zones):  # lift small zones to the minimum from the largest
        while sizes[k] < MIN_ZONE_OFFICERS:
            sizes[k] += 1
            sizes[0] -= 1
    for k in range(1, zones):  # different sizes: one officer moves to the largest zone
        if sizes[k] >= sizes[k - 1] and sizes[k] > MIN_ZONE_OFFICERS:
            sizes[k] -= 1
            sizes[0] += 1
    return sorted(sizes, reverse=True)


def zone_specs(sizes: list[int], rng: random.Random, taken: set[str]) -> list[ZoneSpec]:
    """Roles by size: two clubs in the largest zone, the centre second, then residential zones."""
    multi = len(sizes) > 1
    specs = []
    for k, n in enumerate(sizes):
        zid = ZONE_IDS[k] if k < len(ZONE_IDS) else f"zone-{k + 1:02d}"
        places = tuple(place_names(rng, 3, taken))
        events: list[EventSpec] = []
        posts = None
        if k == 0:
            for eid, name, day, shift, share in (
                ("match-wed", f"Home match FC {places[0]} (kick-off 20:45)", "wed", "R", 0.10),
                ("match-sat", f"Home match Sporting {places[1]} (kick-off 18:00)", "sat", "L", 0.133),
            ):
                head = max(2, round(share * n))
                events.append(EventSpec(eid, name, (day,), shift, head, round(0.4 * head) if multi else 0))
            if not multi:  # HyCap help lent to zones outside the scenario, as brussels-south does
                for eid, what, day, shift, share in (("hycap-thu", "demonstration", "thu", "D", 0.027),
                                                     ("hycap-sun", "football match", "sun", "L", 0.033)):
                    host = place_names(rng, 1, taken)[0]
                    events.append(EventSpec(eid, f"HyCap: {what} in zone {host}", (day,), shift,
                                            max(1, round(share * n)), host_zone=slug(host)))
        elif k == 1:
            head = max(2, round(0.12 * n))
            events.append(EventSpec("demonstration", f"Demonstration: national march through {places[0]}",
                                    ("thu",), "D", head, round(0.5 * head)))
            posts = n // 35  # embassies, institutions, places of worship: many protected sites
        elif n >= 40:
            events.append(EventSpec("sunday-event", f"Sunday market and cycling race in {places[0]}", ("sun",), "L",
                                    max(2, round(0.05 * n))))
        specs.append(ZoneSpec(
            zid, f"Zone {places[0]}-{places[1]} (fictional)", n, places, tuple(events), guard_posts=posts,
            hotspot_ratio=0.30 if k == 0 else 0.25, load=round(rng.uniform(0.76, 0.84), 2),
            id_prefix=f"{zid}-" if multi else "", team_prefix=f"{zid}/" if multi else "",
        ))
    return specs


def generate(officers: int, zones: int = 1, days: int = 7, seed: int = 0, rich: bool = False) -> str:
    """The scenario file's text; `rich`: a small rich zone (scheduler/synth/rich.py)."""
    if rich and (zones != 1 or not MIN_RICH_OFFICERS <= officers <= MAX_RICH_OFFICERS):
        raise ValueError(f"a rich week is one zone of {MIN_RICH_OFFICERS} to {MAX_RICH_OFFICERS} officers, "
                         f"got {officers} in {zones}")
    if zones < 1 or zones > MAX_ZONES:
        raise ValueError(f"zones must be 1 to {MAX_ZONES}, got {zones}")
    if officers < MIN_ZONE_OFFICERS * zones:
        raise ValueError(f"{officers} officers cannot make {zones} zones of at least {MIN_ZONE_OFFICERS}")
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be 1 to {MAX_DAYS}, got {days}")
    rng = random.Random(f"scheduler-generate/{officers}/{zones}/{days}/{seed}" + ("/rich" if rich else ""))
    taken: set[str] = set()
    multi = zones > 1
    start = rich_start(seed) if rich else START
    specs = zone_specs(split_officers(officers, zones, rng), rng, taken)
    data = build_zones(specs, rng, start, days, multi, taken, (lambda z: enrich(z, rng, start)) if rich else None)
    flag = " --rich" if rich else ""
    header = [
        f"# GENERATED by `scheduler generate --officers {officers} --zones {zones} --days {days} --seed {seed}{flag}`:",
        "# a synthetic scenario; every place, site and person is invented. Capacity (8-h shifts):",
        *comment("\n".join(z.report() for z in data)),
    ]
    name = f"Synthetic {'rich ' if rich else ''}{'region' if multi else 'zone'}: {officers} officers (seed {seed})"
    entries = [{"id": z.spec.id, "name": z.spec.name, "municipalities": z.places} for z in data] if multi else None
    return scenario_text(header, name, "region" if multi else specs[0].id, start, days, data, entries)


def write_scenario(path: str | Path, officers: int, zones: int = 1, days: int = 7, seed: int = 0,
                   rich: bool = False) -> str:
    """Generate and write atomically; returns the text."""
    text = generate(officers, zones, days, seed, rich)
    write_atomic(path, text)
    return text
