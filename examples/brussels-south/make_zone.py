"""Generate examples/brussels-south/zone.yaml: a fictional police zone of 300 officers, one week.

Run from anywhere: `python examples/brussels-south/make_zone.py` (rewrites zone.yaml next to this
script; seeded, so the output is the same every time). `--capacity` prints the calculation below.

Everything is invented: the zone "Brussels South", its municipalities Vorstbeek, Midi-Ville and
Anderzee, the hotspots, the sites and the people. The numbers are meant to be plausible, not real.

Capacity (8-h shifts; `--capacity` recomputes it: keep this comment in step with the numbers)
------------------------------------------------------------------------------------------
Officers: 300 = 162 intervention (teams INT-A..F of 27), 28 hotspot task force, 60 public order,
22 transfer, 28 site guard; 45 part-timers (30 x 30.4 h, 15 x 19 h).
  contract hours                 255 x 38 + 30 x 30.4 + 15 x 19         = 10,887 h
  away (leave, training, court)  68 officer-days, pro rata               =   -358 h
  contract capacity                                                     = 10,529 h = 1,316 shifts
  contract rounded up to whole shifts (38 h -> 5 shifts, 30.4 h -> 4)   ~  1,407 shifts
  legal ceiling (at most 6 shifts per officer in the week)              ~  1,762 shifts
Needed: the fewest 8-h shifts covering each duty's hourly profile (shifts start at 06, 10, 14, 18
and 22, so each covers two 4-h blocks; an officer does one duty for a whole shift):
  emergency response   E40 + D6 + L42 + N32 = 120 a day, + R12 on Fri, Sat  =    864 shifts
  protected sites      2 sites x 2 guards x 3 shifts x 7 days                 =     84
  prisoner transfers   Mon-Fri 4 Early + 2 Day, Sat 2 Early                   =     32
  home matches         Wed 30 Reinforcement (18-02), Sat 40 Late (14-22)      =     70
  HyCap help           Thu 8 Day (brussels-capital), Sun 10 Late (north)      =     18
  response + mandatory                                                        =  1,068 shifts
                                                          = 81 % of contract capacity (8,544 h)
  hotspot targets      5 hotspots, 2,682 officer-hours                        =    350 shifts
  everything                                                                  =  1,418 shifts
                                                          = 108 % of contract, 101 % rounded up
Skills: public order 79 holders (Sat 40 + Sun 10 on consecutive days, Wed 30, Thu 8), transfer
escort 29 (32 shifts), site guard 37 (84 shifts, 28 of them nights), dog handler 8, driver 130
(response wants 14 by day and 10 at night), lang_nl 179 (10 by day, 6 at night).
So mandatory work and response fit in contract hours with ~19 % to spare; the hotspots want that
and more. Overtime is priced at 150 points an hour (default 20): above an hour of weight-1 hotspot
presence (100), below the weight-2/3 evening targets, so part of the weight-1 targets stays short.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

from scheduler.scenario.values import weekday_set as weekday_days
from scheduler.synth.capacity import least_shifts
from scheduler.synth.people import SHIFT_MIX, unit_skills
from scheduler.synth.render import SETTINGS_LINES
from scheduler.synth.vocabulary import SKILLS

SEED = 20260302
START = dt.date(2026, 3, 2)  # a Monday
DAYS = 7
OUT = Path(__file__).resolve().parent / "zone.yaml"


# id, name, start, hours. Shifts start on a 4-hour grid from 06:00: each covers two 4-h blocks.
SHIFTS = [
    ("E", "Early", "06:00", 8),
    ("L", "Late", "14:00", 8),
    ("N", "Night", "22:00", 8),
    ("D", "Day (reinforcement)", "10:00", 8),
    ("R", "Reinforcement evening", "18:00", 8),  # 18:00-02:00
]

# Units: (team, size, description). Skills are drawn per unit below.
UNITS = [
    *[(f"INT-{t}", 27, f"intervention team {t}") for t in "ABCDEF"],
    ("HTF", 28, "hotspot task force"),
    ("PO", 60, "public order unit"),
    ("TR", 22, "transfer unit"),
    ("SG", 28, "site guard unit"),
]

# fmt: off
FIRST = [
    "Aaron", "Amina", "Anke", "Arnaud", "Aylin", "Bart", "Bilal", "Camille", "Charlotte", "Joren", "Elif",
    "Elke", "Emma", "Eva", "Fatima", "Florence", "Geert", "Hamza", "Hanne", "Ilse", "Ines", "Jamal",
    "Jan", "Jeroen", "Julie", "Karim", "Katrien", "Kevin", "Laura", "Lien", "Lucas", "Marie", "Mathieu",
    "Mehdi", "Nadia", "Nathalie", "Nick", "Nora", "Olivier", "Pieter", "Rachid", "Sander", "Sara",
    "Sofie", "Stijn", "Thomas", "Tom", "Valérie", "Wim", "Yasmine", "Youssef", "Zoë",
]
LAST = [
    "Aerts", "Baert", "Benali", "Bogaert", "Claes", "Cools", "Dubois", "Dupont", "El Idrissi", "Goossens",
    "Hermans", "Jacobs", "Janssens", "Lambert", "Laurent", "Leclercq", "Maes", "Martens", "Mertens",
    "Michiels", "Moreau", "Nijs", "Peeters", "Renard", "Simon", "Smets", "Vandenberghe", "Van Damme",
    "Verhoeven", "Wauters", "Willems", "Wouters", "Yilmaz", "Ziani",
]

# Hourly emergency-response demand, in officers (about two per patrol car).
# (days, start, end, skill, count); skill counts are "of whom": a driver on response counts for both
# the patrol and the driver line.
RESPONSE = [
    (["all"], "06:00", "10:00", "patrol", 40),
    (["all"], "10:00", "14:00", "patrol", 46),
    (["all"], "14:00", "18:00", "patrol", 48),
    (["all"], "18:00", "22:00", "patrol", 42),
    (["all"], "22:00", "06:00", "patrol", 32),
    (["fri", "sat"], "18:00", "02:00", "patrol", 12),  # added on busy weekend evenings
    (["all"], "06:00", "22:00", "driver", 14),
    (["all"], "22:00", "06:00", "driver", 10),
    (["all"], "06:00", "22:00", "lang_nl", 10),  # service in both languages at all hours
    (["all"], "22:00", "06:00", "lang_nl", 6),
    (["fri", "sat"], "18:00", "02:00", "dog_handler", 1),
]

# Where each hotspot is, in km east and north of the zone's station (for `scheduler patrol`: travel
# at the default 25 km/h; visits and gaps keep the Koper-curve defaults, units are two-officer cars).
PATROL_LOCATIONS = {
    "place-rouge": (0.8, 1.2),
    "station-zuid": (1.4, 0.9),
    "cite-anderzee": (-2.1, -1.6),
    "parvis-vorstbeek": (-0.6, 2.4),
    "metro-lindenhof": (-1.7, -2.3),
}

# Hotspots: id, name, targets (days, start, end, officers, weight).
HOTSPOTS = [
    ("place-rouge", "Place Rouge (Midi-Ville)", [
        (["all"], "06:00", "14:00", 4, 1),
        (["all"], "14:00", "22:00", 5, 1),
        (["all"], "22:00", "06:00", 2, 1),
        (["thu-sat"], "18:00", "02:00", 8, 3),  # open-air drug market at its busiest
    ]),
    ("station-zuid", "Station Zuid (Midi-Ville)", [
        (["all"], "06:00", "14:00", 3, 1),  # commuters
        (["all"], "14:00", "22:00", 3, 1),
        (["all"], "22:00", "06:00", 2, 1),
        (["thu-sat"], "18:00", "02:00", 5, 3),
        (["fri-sat"], "22:00", "06:00", 3, 2),
    ]),
    ("cite-anderzee", "Cité Anderzee housing estate (Anderzee)", [
        (["all"], "10:00", "18:00", 4, 1),
        (["all"], "18:00", "02:00", 5, 2),
        (["thu-sat"], "18:00", "02:00", 7, 2),
    ]),
    ("parvis-vorstbeek", "Parvis de Vorstbeek (Vorstbeek)", [
        (["all"], "10:00", "18:00", 3, 1),  # market and shopping street
        (["all"], "18:00", "02:00", 4, 1),
        (["thu-sat"], "18:00", "02:00", 5, 2),
    ]),
    ("metro-lindenhof", "Metro Lindenhof (Anderzee)", [
        (["all"], "06:00", "14:00", 3, 1),
        (["all"], "14:00", "22:00", 4, 1),  # after school and evening
        (["all"], "22:00", "06:00", 2, 1),
        (["thu-sat"], "18:00", "02:00", 4, 2),
    ]),
]

# Mandatory tasks: id, name, kind, host_zone, windows (days, start, end), headcount, skill.
TASKS = [
    ("match-wed", "Home match FC Midi-Ville vs. visitors (kick-off 20:45)", "event", "brussels-south",
     [(["wed"], "18:00", "02:00")], 30, "public_order"),
    ("match-sat", "Home match Anderzee Sport (kick-off 18:00)", "event", "brussels-south",
     [(["sat"], "14:00", "22:00")], 40, "public_order"),
    ("hycap-thu", "HyCap: demonstration in brussels-capital", "event", "brussels-capital",
     [(["thu"], "10:00", "18:00")], 8, "public_order"),
    ("hycap-sun", "HyCap: football match in brussels-north", "event", "brussels-north",
     [(["sun"], "14:00", "22:00")], 10, "public_order"),
    ("transfer-court", "Prisoner transfers to the courthouse", "prisoner_transfer", None,
     [(["weekdays"], "07:00", "14:00")], 4, "transfer_escort"),
    ("transfer-hospital", "Prisoner transfers to hospital and hearings", "prisoner_transfer", None,
     [(["weekdays"], "10:00", "18:00")], 2, "transfer_escort"),
    ("transfer-sat", "Saturday hearings (investigating judge)", "prisoner_transfer", None,
     [(["sat"], "08:00", "14:00")], 2, "transfer_escort"),
    # 24/7 from Monday 06:00: the night before is last week's roster (no shift of this horizon can
    # cover Monday 00:00-06:00, so "00:00-24:00" would leave 6 h per guard unmet by construction).
    ("site-synagogue", "Protected site: synagogue and community centre (Vorstbeek)", "protected_site", None,
     [(["all"], "06:00", "06:00")], 2, "site_guard"),
    ("site-school", "Protected site: community school (Midi-Ville)", "protected_site", None,
     [(["all"], "06:00", "06:00")], 2, "site_guard"),
]
# fmt: on


def hm(text: str) -> int:
    return int(text[:2]) * 60 + int(text[3:])


# ---------------------------------------------------------------------------------------------
# Officers
# ---------------------------------------------------------------------------------------------


def make_officers(rng: random.Random) -> list[dict]:
    officers = []
    used_names: set[str] = set()
    for team, size, _ in UNITS:
        for k in range(size):
            # The same draws as every generated zone (scheduler/synth/people.py), in the same order.
            skills = set(unit_skills(rng, "INT" if team.startswith("INT") else team, k))
            # Rank: a commissioner leads each team; about one in six is a principal inspector.
            rank = "CP" if k == 0 else "INPP" if rng.random() < 0.17 else "INP"
            while True:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                if name not in used_names:
                    used_names.add(name)
                    break
            officers.append(
                {
                    "id": f"{team.lower()}-{k + 1:02d}",
                    "name": name,
                    "team": team,
                    "rank": rank,
                    "skills": [s for s in SKILLS if s in skills],
                }
            )
    # Part-timers: 45 (15 %), two in three at 4/5 (30.4 h), one in three half-time (19 h); none in
    # the public order unit or among the team leaders.
    candidates = [o for o in officers if o["team"] != "PO" and o["rank"] != "CP"]
    for j, o in enumerate(rng.sample(candidates, 45)):
        o["contract_hours"] = 30.4 if j < 30 else 19
    return officers


def add_absences(rng: random.Random, officers: list[dict]) -> None:
    """About 10 % of officers are away part of the week: leave, training, court."""
    for o in rng.sample(officers, 30):
        kind = rng.random()
        if kind < 0.5:  # leave, 2-5 days
            length = rng.randint(2, 5)
            first = rng.randint(0, DAYS - length)
            reason = "leave"
        elif kind < 0.8:  # training, 1-3 days on weekdays
            length = rng.randint(1, 3)
            first = rng.randint(0, 5 - length)
            reason = "training"
        else:  # a day in court as a witness
            length = 1
            first = rng.randint(0, 4)
            reason = "court"
        a = START + dt.timedelta(days=first)
        b = a + dt.timedelta(days=length - 1)
        o["unavailable"] = [{"start": a, "end": b, "reason": reason} if length > 1 else {"start": a, "reason": reason}]


def add_history(rng: random.Random, officers: list[dict]) -> None:
    """Last Friday to Sunday: about 5 officers in 7 work each day, with 11 h rest and forward rotation."""
    starts = {s: hm(t) for s, _, t, _ in SHIFTS}
    for o in officers:
        weights = SHIFT_MIX[o["team"].split("-")[0]]  # typical shifts per unit, as every generated zone has them
        ids = list(weights)
        history = []
        last_end = None  # minutes relative to Friday 00:00
        last_shift = None
        for d in range(3):  # Fri 27 Feb, Sat 28 Feb, Sun 1 Mar
            if rng.random() > 0.70:
                last_shift = None
                continue
            options = [
                s
                for s in ids
                if weights[s] > 0
                and (last_end is None or d * 1440 + starts[s] >= last_end + 11 * 60)  # 11 h rest
                and (last_shift, s) not in (("N", "E"), ("R", "E"))  # forbidden successions
            ]
            if not options:
                last_shift = None
                continue
            s = rng.choices(options, [weights[x] for x in options])[0]
            history.append({"date": START - dt.timedelta(days=3 - d), "shift": s})
            last_end = d * 1440 + starts[s] + 8 * 60
            last_shift = s
        if history:
            o["history"] = history


def add_requests(rng: random.Random, officers: list[dict]) -> None:
    """A dozen wishes: days off (a family event, a course) and a few preferred shifts."""
    for o in rng.sample(officers, 12):
        day = START + dt.timedelta(days=rng.randrange(DAYS))
        if rng.random() < 0.7:
            o["requests"] = [{"date": day, "want": False, "weight": rng.choice([2, 3])}]
        else:
            o["requests"] = [{"date": day, "shift": rng.choice(["E", "D"]), "want": True, "weight": 1}]


# ---------------------------------------------------------------------------------------------
# Capacity: least shifts per duty, officer-hours
# ---------------------------------------------------------------------------------------------

BLOCKS = [(6, "E"), (10, "D"), (14, "L"), (18, "R"), (22, "N"), (26, None)]  # 4-h blocks from 06:00


def hourly(windows: list[tuple[list[str], str, str, int]]) -> list[int]:
    """Officers wanted per hour of the horizon (plus one spill day), windows adding up."""
    need = [0] * (24 * (DAYS + 1))
    for days, start, end, count in windows:
        a, b = hm(start) // 60, hm(end) // 60
        if b <= a:
            b += 24
        for spec in days:
            for d in weekday_days(spec):
                for h in range(d * 24 + a, d * 24 + b):
                    need[h] += count
    return need[: 24 * DAYS]


def capacity(officers: list[dict]) -> str:
    lines = []
    contract = sum(o.get("contract_hours", 38) for o in officers)
    away_days = 0
    away_hours = 0.0
    ceiling = 0
    for o in officers:
        days = 0
        for u in o.get("unavailable", []):
            days += (u.get("end", u["start"]) - u["start"]).days + 1
        away_days += days
        away_hours += o.get("contract_hours", 38) * days / 7
        ceiling += min(6, DAYS - days)
    cap = contract - away_hours
    lines.append(f"officers {len(officers)}, part-timers {sum('contract_hours' in o for o in officers)}")
    lines.append(f"contract hours {contract:,.0f} h, away {away_days} officer-days = {away_hours:,.0f} h")
    lines.append(f"contract capacity {cap:,.0f} h = {cap / 8:,.0f} shifts; legal ceiling ~{ceiling:,} shifts")
    # Contract hours rounded up to whole shifts (38 h -> 5 shifts): the most worked without real overtime.
    rounded = 0
    for o in officers:
        days = sum((u.get("end", u["start"]) - u["start"]).days + 1 for u in o.get("unavailable", []))
        rounded += min(DAYS - days, -(-o.get("contract_hours", 38) * (DAYS - days) / DAYS // 8))
    lines.append(f"contract rounded up to whole shifts: {rounded:,.0f} shifts")

    patrol = hourly([(d, s, e, c) for d, s, e, k, c in RESPONSE if k == "patrol"])
    resp = least_shifts(patrol)
    lines.append(f"response: {resp} shifts ({sum(patrol):,} officer-hours wanted)")
    mandatory = 0
    for tid, _, _, _, windows, head, _ in TASKS:
        n = least_shifts(hourly([(d, s, e, head) for d, s, e in windows]))
        mandatory += n
        lines.append(f"  task {tid}: {n} shifts")
    lines.append(f"response + mandatory: {resp + mandatory} shifts = {(resp + mandatory) * 8 / cap:.0%} of contract")
    hot = 0
    for hid, _, targets in HOTSPOTS:
        # Overlapping targets: the larger count wins (as in problem.py).
        prof = [max(c) for c in zip(*(hourly([(d, s, e, n)]) for d, s, e, n, _ in targets), strict=True)]
        n = least_shifts(prof)
        hot += n
        lines.append(f"  hotspot {hid}: {n} shifts ({sum(prof)} officer-hours)")
    lines.append(
        f"hotspots: {hot} shifts; everything {resp + mandatory + hot} shifts = "
        f"{(resp + mandatory + hot) * 8 / cap:.0%} of contract"
    )
    for skill in ("public_order", "transfer_escort", "site_guard", "dog_handler", "driver", "lang_nl"):
        lines.append(f"  holders of {skill}: {sum(skill in o['skills'] for o in officers)}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# YAML output (by hand, for comments, quoted times and one compact line per item)
# ---------------------------------------------------------------------------------------------


def scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    s = str(v)
    if s.replace("-", "").replace("_", "").isalnum() and not s[0].isdigit() and s.isascii():
        return s
    return json.dumps(s, ensure_ascii=False)


def flow(v) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + "}"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return scalar(v)


def q(t: str) -> str:
    return f'"{t}"'


def window(days, start, end) -> str:
    return f"days: [{', '.join(days)}], start: {q(start)}, end: {q(end)}"


def render(officers: list[dict]) -> str:
    out = [
        "# yaml-language-server: $schema=../../scenario.schema.json",
        "# GENERATED by make_zone.py (seeded): edit the script, not this file.",
        "# A fictional zone: Brussels South, the municipalities Vorstbeek, Midi-Ville and Anderzee.",
        "# Every place, site and person here is invented. See make_zone.py for the capacity calculation.",
        "name: Brussels South (fictional)",
        "zone: brussels-south",
        "",
        "horizon:",
        "  start: 2026-03-02",
        f"  days: {DAYS}",
        "  timezone: Europe/Brussels",
        "",
        f"skills: [{', '.join(SKILLS)}]",
        "",
        "shift_types:",
    ]
    for sid, name, start, hours in SHIFTS:
        out.append(f"  - {{id: {sid}, name: {scalar(name)}, start: {q(start)}, hours: {hours}}}")
    out += [
        "",
        f"# {len(officers)} officers: intervention teams INT-A..F, hotspot task force HTF, public order PO,",
        "# transfer unit TR, site guard unit SG. Ranks: CP commissioner, INPP principal inspector, INP inspector.",
        "officers:",
    ]
    team = None
    for o in officers:
        if o["team"] != team:
            team = o["team"]
            desc = next(d for t, _, d in UNITS if t == team)
            out.append(f"  # {team}: {desc}")
        out.append(f"  - id: {o['id']}")
        for key in ("name", "team", "rank"):
            out.append(f"    {key}: {scalar(o[key])}")
        out.append(f"    skills: {flow(o['skills'])}")
        if "contract_hours" in o:
            out.append(f"    contract_hours: {o['contract_hours']}")
        for key in ("unavailable", "requests", "history"):
            if key in o:
                out.append(f"    {key}: {flow(o[key])}")
    out += [
        "",
        "# Emergency response, officers wanted per hour (about two per patrol car). The patrol lines are",
        "# met by 40 Early + 6 Day + 42 Late + 32 Night a day, plus 12 Reinforcement on Fri and Sat.",
        "# Skill lines count the officers on response who hold the skill (a Dutch-speaking driver counts",
        "# for patrol, driver and lang_nl). Windows add up where they overlap.",
        "demand:",
        "  windows:",
    ]
    for days, start, end, skill, count in RESPONSE:
        out.append(f"    - {{{window(days, start, end)}, skill: {skill}, count: {count}}}")
    out += ["", "# Mandatory work. host_zone other than brussels-south = HyCap help lent to that zone.", "tasks:"]
    for tid, name, kind, host, windows, head, skill in TASKS:
        out.append(f"  - id: {tid}")
        out.append(f"    name: {scalar(name)}")
        out.append(f"    kind: {kind}")
        if host:
            out.append(f"    host_zone: {host}")
        out.append("    windows:")
        for days, start, end in windows:
            note = "  # 24 h from 06:00; Mon 00:00-06:00 is last week's" if start == end else ""
            out.append(f"      - {{{window(days, start, end)}}}{note}")
        out.append(f"    headcount: {head}")
        out.append(f"    skills: [{skill}]")
        out.append("    priority: mandatory")
    out += [
        "",
        "# Hotspot presence targets (soft): weight 1 daytime, 2-3 the Thu-Sat evenings. Where targets of a",
        "# hotspot overlap, the larger count applies. Together they want more than the zone can give.",
        "hotspots:",
    ]
    for hid, name, targets in HOTSPOTS:
        out.append(f"  - id: {hid}")
        out.append(f"    name: {scalar(name)}")
        out.append("    skills: [patrol]")
        out.append("    targets:")
        for days, start, end, n, w in targets:
            out.append(f"      - {{{window(days, start, end)}, officers: {n}, weight: {w}}}")
        x, y = PATROL_LOCATIONS[hid]
        out.append(f"    patrol: {{location: {{x_km: {x}, y_km: {y}}}}}")
    out += ["", *SETTINGS_LINES, ""]  # objective, rules and solver as every generated zone has them
    return "\n".join(out)


def build() -> list[dict]:
    rng = random.Random(SEED)
    officers = make_officers(rng)
    add_absences(rng, officers)
    add_history(rng, officers)
    add_requests(rng, officers)
    return officers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--capacity", action="store_true", help="print the capacity calculation and exit")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    officers = build()
    if args.capacity:
        print(capacity(officers))
        return
    args.out.write_text(render(officers), encoding="utf-8")
    print(f"wrote {args.out} ({len(officers)} officers)")


if __name__ == "__main__":
    main()
