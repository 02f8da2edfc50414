"""Demand a zone answers, sized from its capacity: emergency response by shift mix, skill lines,
hotspot targets, and the mandatory tasks (events, prisoner transfers, protected sites, HyCap help).

Every count is per slot (officers wanted at that hour); the shapes are brussels-south's.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.synth.vocabulary import SHIFT_WINDOW


@dataclass(frozen=True)
class ShiftMix:
    """Officers on emergency response per day by shift (R: added on Friday and Saturday evenings)."""

    E: int
    D: int
    L: int
    N: int
    R: int

    @property
    def per_day(self) -> int:
        return self.E + self.D + self.L + self.N

    def per_week(self) -> int:
        return 7 * self.per_day + 2 * self.R


# Shares of a day's response shifts (brussels-south: E40 D6 L42 N32 = 120; R12 = 10 % on Fri, Sat).
MIX_SHARES = {"E": 0.333, "D": 0.05, "L": 0.35}
R_SHARE = 0.10


def _mix(day: int) -> ShiftMix:
    e = max(1, round(MIX_SHARES["E"] * day))
    d = round(MIX_SHARES["D"] * day)
    lt = max(1, round(MIX_SHARES["L"] * day))
    return ShiftMix(e, d, lt, max(1, day - e - d - lt), round(R_SHARE * day))


def shift_mix(shifts_per_week: float) -> ShiftMix:
    """The largest daily mix that spends at most `shifts_per_week` response shifts (at least one
    officer on each of E, L and N); what is left goes to Friday and Saturday evenings (R), which in
    small zones is the only step finer than 7 shifts a week."""
    day = 3
    while _mix(day + 1).per_week() <= shifts_per_week:
        day += 1
    mix = _mix(day)
    while mix.per_week() + 2 <= shifts_per_week:
        mix = ShiftMix(mix.E, mix.D, mix.L, mix.N, mix.R + 1)
    return mix


def response_windows(mix: ShiftMix, dog_handlers: int = 0) -> list[dict]:
    """Hourly response demand whose least cover is exactly `mix`; skill lines count the officers on
    response who hold the skill (a Dutch-speaking driver counts for patrol, driver and lang_nl)."""
    w = [
        {"days": ["all"], "start": "06:00", "end": "10:00", "skill": "patrol", "count": mix.E},
        {"days": ["all"], "start": "10:00", "end": "14:00", "skill": "patrol", "count": mix.E + mix.D},
        {"days": ["all"], "start": "14:00", "end": "18:00", "skill": "patrol", "count": mix.L + mix.D},
        {"days": ["all"], "start": "18:00", "end": "22:00", "skill": "patrol", "count": mix.L},
        {"days": ["all"], "start": "22:00", "end": "06:00", "skill": "patrol", "count": mix.N},
    ]
    if mix.R:
        w.append({"days": ["fri", "sat"], "start": "18:00", "end": "02:00", "skill": "patrol", "count": mix.R,
                  "_note": "busy weekend evenings"})
    day = min(mix.E, mix.L)
    for skill, by_day, at_night in (("driver", 0.35, 0.31), ("lang_nl", 0.25, 0.19)):
        if round(by_day * day):
            w.append({"days": ["all"], "start": "06:00", "end": "22:00", "skill": skill, "count": round(by_day * day)})
        if round(at_night * mix.N):
            w.append({"days": ["all"], "start": "22:00", "end": "06:00", "skill": skill,
                      "count": round(at_night * mix.N)})
    if dog_handlers >= 3:  # a dog on the busiest evenings, when the zone has enough handlers to rotate
        w.append({"days": ["fri", "sat"], "start": "18:00", "end": "02:00", "skill": "dog_handler", "count": 1})
    return w


# Hotspot target shapes (days, start, end, officers, weight), from brussels-south's five hotspots.
HOTSPOT_SHAPES: list[list[tuple[list[str], str, str, int, int]]] = [
    [(["all"], "06:00", "14:00", 4, 1), (["all"], "14:00", "22:00", 5, 1), (["all"], "22:00", "06:00", 2, 1),
     (["thu-sat"], "18:00", "02:00", 8, 3)],  # an open-air drug market, busiest Thu-Sat evenings
    [(["all"], "06:00", "14:00", 3, 1), (["all"], "14:00", "22:00", 3, 1), (["all"], "22:00", "06:00", 2, 1),
     (["thu-sat"], "18:00", "02:00", 5, 3), (["fri-sat"], "22:00", "06:00", 3, 2)],  # a station
    [(["all"], "10:00", "18:00", 4, 1), (["all"], "18:00", "02:00", 5, 2), (["thu-sat"], "18:00", "02:00", 7, 2)],
    [(["all"], "10:00", "18:00", 3, 1), (["all"], "18:00", "02:00", 4, 1), (["thu-sat"], "18:00", "02:00", 5, 2)],
    [(["all"], "06:00", "14:00", 3, 1), (["all"], "14:00", "22:00", 4, 1), (["all"], "22:00", "06:00", 2, 1),
     (["thu-sat"], "18:00", "02:00", 4, 2)],  # a metro station: commuters, after school, evening
]
# The kind of place that goes with each shape (index into vocabulary.HOTSPOT_KINDS).
SHAPE_KIND = [0, 1, 2, 3, 4]


def hotspot(hid: str, name: str, shape: int, factor: float, zone: str | None = None,
            municipality: str | None = None) -> dict:
    """A hotspot with shape `shape` (cycled), every target's officers x `factor` (at least 1)."""
    targets = [
        {"days": days, "start": s, "end": e, "officers": max(1, round(n * factor)), "weight": w}
        for days, s, e, n, w in HOTSPOT_SHAPES[shape % len(HOTSPOT_SHAPES)]
    ]
    return {"id": hid, "name": name, **({"zone": zone} if zone else {}),
            **({"municipality": municipality} if municipality else {}), "skills": ["patrol"], "targets": targets}


def event(tid: str, name: str, days: list[str], shift: str, headcount: int, hycap_officers: int = 0,
          zone: str | None = None, host_zone: str | None = None) -> dict:
    """A public-order event over one shift's window (so one officer-shift per officer and day)."""
    start, end = SHIFT_WINDOW[shift]
    return {
        "id": tid, "name": name, "kind": "event", **({"zone": zone} if zone else {}),
        **({"host_zone": host_zone} if host_zone else {}),
        "windows": [{"days": days, "start": start, "end": end}], "headcount": headcount,
        **({"hycap_officers": hycap_officers} if hycap_officers else {}),
        "skills": ["public_order"], "priority": "mandatory",
    }


def transfers(prefix: str, officers: int, scale: float = 1.0, zone: str | None = None) -> list[dict]:
    """Daily prisoner transfers: court on weekdays (07-14), hospital and hearings (10-18), Saturday
    hearings (08-14); brussels-south's 4 + 2 + 2 escorts for 300 officers, at least one court escort."""
    out = []
    for suffix, name, days, start, end, per in (
        ("court", "Prisoner transfers to the courthouse", ["weekdays"], "07:00", "14:00", 75),
        ("hospital", "Prisoner transfers to hospital and hearings", ["weekdays"], "10:00", "18:00", 150),
        ("sat", "Saturday hearings (investigating judge)", ["sat"], "08:00", "14:00", 150),
    ):
        head = round(officers * scale / per)
        if suffix == "court":
            head = max(1, head)
        if head:
            out.append({
                "id": f"{prefix}transfer-{suffix}", "name": name, "kind": "prisoner_transfer",
                **({"zone": zone} if zone else {}), "windows": [{"days": days, "start": start, "end": end}],
                "headcount": head, "skills": ["transfer_escort"], "priority": "mandatory",
            })
    return out


def protected_site(tid: str, name: str, guards: int, zone: str | None = None, municipality: str | None = None) -> dict:
    """A site guarded 24/7 from Monday 06:00 (Monday 00:00-06:00 is last week's night shift)."""
    return {
        "id": tid, "name": name, "kind": "protected_site", **({"zone": zone} if zone else {}),
        **({"municipality": municipality} if municipality else {}),
        "windows": [{"days": ["all"], "start": "06:00", "end": "06:00", "_note": "24 h from 06:00"}],
        "headcount": guards, "skills": ["site_guard"], "priority": "mandatory",
    }
