"""Generate examples/brussels-region: six fictional zones shaped like Brussels, one week, five policies.

Run from anywhere: `python examples/brussels-region/make_region.py` (rewrites region.yaml and zones/*.yaml
next to this script; seeded, so the output is the same every time). `--capacity` prints the calculation
below from the generated data.

Everything is invented: zones, municipalities, clubs, sites, hotspots and people. The numbers are meant
to be plausible, not real. Built from scheduler/synth (the pieces behind `scheduler generate`): each zone
has brussels-south's unit mix (intervention teams of ~27, hotspot task force ~9 %, public order ~20 %,
transfer unit, site guards at 7 per guard post), 15 % part-timers, ~10 % away part of the week, last
week's Friday-Sunday shifts, a few wishes.

Capacity (8-h shifts, week of 2026-03-02; `--capacity` recomputes it: keep this in step)
--------------------------------------------------------------------------------------
Response + mandatory = emergency response (its least cover in shifts), the zone's own part of its tasks,
and the HyCap help it sends to the other zones' events (quotas pro rata of the officers rostered, as
scheduler/scenario/zones.py allocates them). Contract capacity = contract hours minus time away.

| zone | officers | capacity | response | own tasks | HyCap sent | resp. + mandatory | hotspots | everything |
|---|---|---|---|---|---|---|---|---|
| south | 450 | 1,967 | 1,356 | 254 | 22 | 1,632 = 83 % | 8: 585 | 113 % |
| centre | 400 | 1,745 | 926 | 449 | 21 | 1,396 = 80 % | 5: 401 | 103 % |
| north | 330 | 1,436 | 1,040 | 136 | 29 | 1,205 = 84 % | 6: 541 | 122 % |
| west | 290 | 1,265 | 940 | 95 | 26 | 1,061 = 84 % | 5: 447 | 119 % |
| east | 180 | 784 | 559 | 58 | 17 | 634 = 81 % | 3: 195 | 106 % |
| southeast | 160 | 702 | 494 | 58 | 15 | 567 = 81 % | 2: 160 | 104 % |
| region | 1,810 | 7,899 | 5,315 | 1,050 | 130 | 6,495 = 82 % | 29: 2,329 | 112 % |

South (450): the two top-flight clubs (RSC Kanaalberg on Wednesday evening, Sporting Sint-Wilg on
Saturday) and the most hotspots (8); the other five zones send 25 of the 60 and 35 of the 80 officers of
its matches. Centre (400): the institutions, embassies and places of worship, 8 sites guarded 24/7 by 2
officers (16 guard posts = 336 shifts, hence a site guard unit of 112), the courthouse (transfers x 1.3)
and Thursday's national demonstration (120 officers, 60 by HyCap). North (330): a Friday concert (30,
10 by HyCap) and the station district. North and West (290) want the most hotspot presence per officer
and run at 84 %: the "vulnerable" zones of the policies. East (180) and Southeast (160): residential,
one protected site each. Every zone: prisoner transfers every weekday and on Saturday, and one guard
post per 75 officers outside the centre.
HyCap sent: the 130 HyCap officer-shifts of the week (25 + 35 + 60 + 10) shared pro rata of strength;
each zone's public order unit (~20 %, plus ~10 % of intervention officers) staffs its own events and
its quotas (south: 110 holders for 45 own officers on Saturday). Part-timers: 15 % (30.4 h or 19 h).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run from a checkout without installing

from scheduler.io.atomic import write_atomic  # noqa: E402
from scheduler.synth.render import SETTINGS_LINES, scenario_text  # noqa: E402
from scheduler.synth.vocabulary import START  # noqa: E402
from scheduler.synth.yaml_text import block, folded, list_item  # noqa: E402
from scheduler.synth.zone import EventSpec, ZoneData, ZoneSpec, build_zones  # noqa: E402

SEED = 20260302
DAYS = 7

ZONES = [
    ZoneSpec(
        "south", "Brussels South (fictional)", 450, ("Kanaalberg", "Sint-Wilg", "Zandmont"),
        events=(
            EventSpec("match-wed", "Home match RSC Kanaalberg vs. visitors (kick-off 20:45)", ("wed",), "R", 60, 25),
            EventSpec("match-sat", "Home match Sporting Sint-Wilg vs. visitors (kick-off 18:00)", ("sat",), "L", 80, 35),
        ),
        hotspots=8, hotspot_ratio=0.30, load=0.83,
    ),
    ZoneSpec(
        "centre", "Brussels Centre (fictional)", 400, ("Koningsveld", "Oudhof", "Marktzee"),
        events=(EventSpec("demonstration", "National demonstration: trade-union march, Koningsveld to Oudhof",
                          ("thu",), "D", 120, 60),),
        guard_posts=16, hotspots=5, hotspot_ratio=0.22, load=0.80, transfer_scale=1.3,  # the courthouse
    ),
    ZoneSpec(
        "north", "Brussels North (fictional)", 330, ("Noordbeek", "Sluisdijk", "Merelaar"),
        events=(EventSpec("concert-fri", "Concert at the Palais Noordbeek (doors 18:00)", ("fri",), "R", 30, 10),),
        hotspots=6, hotspot_ratio=0.35, load=0.84,
    ),
    ZoneSpec("west", "Brussels West (fictional)", 290, ("Molenrode", "Kalkveld", "Esch-Ville"),
             hotspots=5, hotspot_ratio=0.34, load=0.84),
    ZoneSpec("east", "Brussels East (fictional)", 180, ("Heidehof", "Broekmont"),
             hotspots=3, hotspot_ratio=0.24, load=0.81),
    ZoneSpec("southeast", "Brussels Southeast (fictional)", 160, ("Hazelberg", "Wilgendal", "Oudkerke"),
             hotspots=2, hotspot_ratio=0.22, load=0.81),
]
VULNERABLE = ("north", "west")
# Invented map (km from the centre's station) for the travel-time matrix; each zone's municipalities lie
# 1.2 km around its point, and a unit needs 5 min to leave plus 2.2 min per km in town.
MAP_KM = {"centre": (0, 0), "north": (0, 4), "south": (-1, -4), "west": (-4, 0), "east": (4, 0.5), "southeast": (3, -3.5)}
TRAVEL_LIMIT = 15  # minutes, the merged-region-15min policy


def travel_minutes(zones: list[ZoneData]) -> list[dict]:
    """Minutes between every two municipalities of the region (both ways), from MAP_KM."""
    where = {}
    for z in zones:
        x, y = MAP_KM[z.spec.id]
        for k, place in enumerate(z.places):
            angle = 2 * math.pi * k / len(z.places)
            where[place] = (x + 1.2 * math.cos(angle), y + 1.2 * math.sin(angle))
    names = list(where)
    return [{"between": [a, b], "minutes": round(5 + 2.2 * math.dist(where[a], where[b]))}
            for i, a in enumerate(names) for b in names[i + 1:]]


def build() -> list[ZoneData]:
    specs = [ZoneSpec(**{**s.__dict__, "id_prefix": f"{s.id}-", "team_prefix": f"{s.id}/"}) for s in ZONES]
    return build_zones(specs, random.Random(SEED), START, DAYS, stamp=False, taken_places=set())


def hotspot_hours_per_officer(z: ZoneData) -> float:
    return z.hotspot_hours() / z.capacity.officers


def policies(zones: list[ZoneData]) -> list[dict]:
    """The five policies; the descriptions quote the generated figures."""
    by_id = {z.spec.id: z for z in zones}
    south = by_id["south"]
    matches = [t for t in south.tasks if t["kind"] == "event"]
    rate = {zid: hotspot_hours_per_officer(by_id[zid]) for zid in VULNERABLE}
    others = [z for z in zones if z.spec.id not in VULNERABLE]
    rest = sum(z.hotspot_hours() for z in others) / sum(z.capacity.officers for z in others)
    why = (
        f"North and West are the vulnerable zones: the most hotspot presence wanted per officer in the region "
        f"({rate['north']:.1f} and {rate['west']:.1f} officer-hours a week per officer, against {rest:.1f} in the "
        f"other four: the station district, the canal estates and their open drug markets), with the least "
        f"margin between contract hours and the work they must do."
    )
    transfers = sum(1 for z in VULNERABLE for t in by_id[z].tasks if t["kind"] == "prisoner_transfer")
    sites = sum(1 for z in VULNERABLE for t in by_id[z].tasks if t["kind"] == "protected_site")
    return [
        {"id": "no-hycap-south", "description": (
            f"South hosts two top-flight clubs and polices {len(matches)} home matches this week; its mayor asks "
            "that South be relieved of HyCap help to the other zones. South still gets HyCap help for its own "
            "matches; its quota for the centre's demonstration and the north's concert is shared, event by "
            "event, by the other zones that do not host the event, in proportion to their strength."),
         "exempt": {"south": [{"work": "hycap", "absorbed_by": "pro_rata"}]}},
        {"id": "no-transfers-vulnerable", "description": (
            f"{why} They stop escorting prisoner transfers ({transfers} transfer tasks, every weekday and "
            "Saturday); the four other zones take them over in proportion to their strength."),
         "exempt": {z: [{"work": "prisoner_transfer", "absorbed_by": "pro_rata"}] for z in VULNERABLE}},
        {"id": "no-protected-sites-vulnerable", "description": (
            f"{why} They stop guarding protected sites ({sites} sites guarded 24/7); the four other zones take "
            "the guard posts over in proportion to their strength."),
         "exempt": {z: [{"work": "protected_site", "absorbed_by": "pro_rata"}] for z in VULNERABLE}},
        {"id": "merged-region", "description": (
            "The six zones merged into one police zone: any officer answers any emergency, hotspot and task "
            "in the region, so HyCap help between the former zones becomes the zone's own work."),
         "merge": [{"id": "brussels", "name": "Brussels (merged, fictional)", "zones": [z.spec.id for z in zones]}]},
        {"id": f"merged-region-{TRAVEL_LIMIT}min", "description": (
            f"The merger of merged-region, but an officer takes a hotspot or task of another former zone only "
            f"when his station is at most {TRAVEL_LIMIT} minutes away (travel_minutes below): neighbouring "
            "zones help each other, the far ends of the region do not. Emergency response stays one pool."),
         "merge": [{"id": "brussels", "name": "Brussels (merged, fictional)", "zones": [z.spec.id for z in zones],
                    "max_travel_minutes": TRAVEL_LIMIT}]},
        {"id": "plus-20-south", "description": (
            "South gets 20 more full-time officers (38 h) for its intervention teams: newly trained "
            "inspectors on patrol, 12 French-speaking and 8 bilingual drivers, team south/INT-new. HyCap "
            "quotas follow strength, so South's share of the other zones' requests grows."),
         "add_officers": [
             {"id_prefix": "south-new", "count": 12, "zone": "south", "team": "south/INT-new",
              "skills": ["patrol", "lang_fr"], "contract_hours": 38},
             {"id_prefix": "south-new-driver", "count": 8, "zone": "south", "team": "south/INT-new",
              "skills": ["patrol", "driver", "lang_fr", "lang_nl"], "contract_hours": 38},
         ]},
    ]


def header(schema: str, what: str) -> list[str]:
    return [
        "# GENERATED by make_region.py (seeded): edit the script, not this file.",
        f"# yaml-language-server: $schema={schema}",
        f"# {what} Every place, club, site and person here is invented.",
    ]


def zone_text(z: ZoneData) -> str:
    lines = header("../../../scenario.schema.json",
                   f"Zone '{z.spec.id}' of the fictional Brussels region (../region.yaml joins the six zones).")
    lines += ["# A zone file is a scenario of its own; in the region, the HyCap part of its events",
              "# (hycap_officers) is sent by the other zones. Capacity (8-h shifts):"]
    lines += [f"# {line}".rstrip() for line in z.report().splitlines()]
    return scenario_text(lines, z.spec.name, z.spec.id, START, DAYS, [z])


def region_text(zones: list[ZoneData]) -> str:
    lines = header("../../scenario.schema.json", "Six zones shaped like Brussels, the week of 2026-03-02.")
    lines += [
        "# See make_region.py for the capacity of each zone and README.md for the policies.",
        "name: Brussels region (fictional)",
        "zone: region",
        "",
        "# Each zone file is a full scenario (zone: <id>); HyCap quotas are shared in proportion to the",
        "# officers each zone rosters (hycap_share overrides it).",
        "zones:",
    ]
    lines += [line for z in zones for line in list_item({"id": z.spec.id, "file": f"zones/{z.spec.id}.yaml"}, 2)]
    lines += ["", "# What-if policies: `scheduler compare region.yaml --all`, or load_scenario(path, [policy id]).",
              "policies:"]
    for p in policies(zones):
        lines.append(f"  - id: {p['id']}")
        lines += folded("description", p["description"], 4)
        for key, value in p.items():
            if key not in ("id", "description"):
                lines += block(key, value, 4)
    lines += ["", "# Minutes between municipalities, both ways (an invented map: see make_region.py). Only a merger",
              "# with max_travel_minutes reads them.", "travel_minutes:"]
    lines += [f"  - {{between: [{t['between'][0]}, {t['between'][1]}], minutes: {t['minutes']}}}" for t in travel_minutes(zones)]
    lines += ["", *SETTINGS_LINES, "",
              "# The extra officers a staffing-gap solve may add per zone (solve --staffing-gap).",
              "reinforcements: {per_zone: 30, team: reinforcement, skills: [patrol, driver, lang_fr], "
              "contract_hours: 38}", ""]
    return "\n".join(lines)


def capacity_table(zones: list[ZoneData]) -> str:
    rows = ["| zone | officers | capacity | response | own tasks | HyCap sent | resp. + mandatory | hotspots | "
            "everything |", "|---|---|---|---|---|---|---|---|---|"]
    tot = [0, 0.0, 0, 0, 0, 0, 0]
    for z in zones:
        r, t, h, hot = z.response_shifts(), z.task_shifts(), z.hycap_in, z.hotspot_shifts()
        cap = z.capacity.shifts
        rows.append(f"| {z.spec.id} | {z.capacity.officers} | {cap:,.0f} | {r:,} | {t:,} | {h:,} | "
                    f"{r + t + h:,} = {(r + t + h) / cap:.0%} | {len(z.hotspots)}: {hot:,} | "
                    f"{(r + t + h + hot) / cap:.0%} |".replace("%", " %"))
        for k, v in enumerate((z.capacity.officers, cap, r, t, h, hot, len(z.hotspots))):
            tot[k] += v
    o, cap, r, t, h, hot, n = tot
    rows.append(f"| region | {o:,} | {cap:,.0f} | {r:,} | {t:,} | {h:,} | {r + t + h:,} = {(r + t + h) / cap:.0%} | "
                f"{n}: {hot:,} | {(r + t + h + hot) / cap:.0%} |".replace("%", " %"))
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--capacity", action="store_true", help="print the capacity calculation and exit")
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write region.yaml and zones/ into")
    args = parser.parse_args()
    zones = build()
    if args.capacity:
        print(capacity_table(zones))
        print()
        print("\n\n".join(z.report() for z in zones))
        return
    for z in zones:
        write_atomic(args.out / "zones" / f"{z.spec.id}.yaml", zone_text(z))
    write_atomic(args.out / "region.yaml", region_text(zones))
    print(f"wrote {args.out / 'region.yaml'} and {len(zones)} zone files ({sum(z.capacity.officers for z in zones)} officers)")


if __name__ == "__main__":
    main()
