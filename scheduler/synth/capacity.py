"""Capacity arithmetic: how many 8-h shifts a duty's hourly profile needs, and what a zone can give.

The shifts start at 06, 10, 14, 18 and 22, so each covers two 4-h blocks of the service day
(06:00-06:00) and an officer does one duty for a whole shift: the fewest shifts covering a profile is
a left-to-right greedy over the six blocks, optimal on this chain (each block is covered by the shift
starting on it and the one starting on the block before; the 02:00-06:00 block only by the night).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scheduler.scenario.values import weekday_set
from scheduler.synth.people import away_days
from scheduler.synth.vocabulary import SHIFT_HOURS, hm


def hourly(windows: list[dict], days: int, count_key: str = "count") -> list[int]:
    """Officers wanted per hour of a horizon starting on a Monday, windows adding up.

    A window is a mapping with `days` (weekday specs), `start`, `end` and a count under `count_key`.
    """
    need = [0] * (24 * (days + 1))
    for w in windows:
        a, b = hm(w["start"]) // 60, hm(w["end"]) // 60
        if b <= a:
            b += 24
        selected = set().union(*(weekday_set(spec) for spec in w["days"]))
        for d in range(days):
            if d % 7 in selected:
                for h in range(d * 24 + a, d * 24 + b):
                    need[h] += w[count_key]
    return need[: 24 * days]


def max_profile(profiles: list[list[int]]) -> list[int]:
    """Where targets of one hotspot overlap the larger count wins (as in problem.py)."""
    return [max(c) for c in zip(*profiles, strict=True)] if profiles else []


def least_shifts(need: list[int]) -> int:
    """Fewest 8-h shifts (starts 06, 10, 14, 18, 22) covering an hourly profile, per service day.

    Hours before Monday 06:00 are last week's (the night shift before the horizon covers them).
    """
    days = len(need) // 24
    total = 0
    for d in range(days):
        blocks = []
        for k in range(6):
            h0 = d * 24 + 6 + 4 * k
            blocks.append(max((need[h] for h in range(h0, h0 + 4) if h < len(need)), default=0))
        carried = 0
        for k in range(5):
            x = max(0, blocks[k] - carried)
            if k == 4:
                x = max(x, blocks[5])
            total += x
            carried = x
    return total


def task_shifts(task: dict, days: int, headcount: int | None = None) -> int:
    """Least shifts for a task (every window at `headcount`, default the task's)."""
    head = task["headcount"] if headcount is None else headcount
    return least_shifts(hourly([{**w, "count": head} for w in task["windows"]], days))


def hotspot_profile(hotspot: dict, days: int) -> list[int]:
    return max_profile([hourly([t], days, "officers") for t in hotspot["targets"]])


@dataclass(frozen=True)
class Capacity:
    """A zone's contract capacity over the horizon, in hours and 8-h shifts."""

    officers: int
    part_timers: int
    contract_hours: float  # per week, summed
    away_days: int
    away_hours: float
    hours: float  # contract hours of the horizon minus time away

    @property
    def shifts(self) -> float:
        return self.hours / SHIFT_HOURS


def capacity(officers: list[dict], days: int, start: dt.date) -> Capacity:
    contract = sum(o.get("contract_hours", 38) for o in officers)
    away = [away_days(o, days, start) for o in officers]
    away_hours = sum(o.get("contract_hours", 38) * a / 7 for o, a in zip(officers, away, strict=True))
    return Capacity(
        len(officers), sum("contract_hours" in o for o in officers), contract, sum(away), away_hours,
        contract * days / 7 - away_hours,
    )
