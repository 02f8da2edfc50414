"""The absences of a campaign, drawn once per chain from the scenario's models and the chain's seed.

Each officer has three random streams of his own (leave, sickness, long absences), seeded by the
campaign seed and his id only: the same seed gives every policy the same absences (a comparison
between policies is then paired, not blurred by different luck), and changing one model's rate does
not reshuffle the others' draws. `random.Random` seeded with a string is the same on every platform
and Python run (it hashes the string with SHA-512, not with the salted `hash`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Literal

from scheduler.scenario.campaign import Campaign, Leave, Sickness

Kind = Literal["leave", "sick", "long"]


@dataclass(frozen=True)
class Episode:
    """An officer away from `first` to `last` (both whole days, included)."""

    officer: str
    kind: Kind
    first: dt.date
    last: dt.date
    known: dt.datetime  # local time from which the zone knows it

    def covers(self, day: dt.date) -> bool:
        return self.first <= day <= self.last


def _in_season(day: dt.date, leave: Leave) -> float:
    for season in leave.seasons:
        a = (season.start.month, season.start.day)
        b = (season.end.month, season.end.day)
        here = (day.month, day.day)
        inside = a <= here <= b if a <= b else (here >= a or here <= b)
        if inside:
            return season.rate
    return leave.rate


def _start_probability(share: float, mean_days: float) -> float:
    """Probability per free day that an episode starts, so that `share` of days are covered on average:
    with start probability q and mean length D, the covered share is qD / (1 + qD)."""
    if share <= 0:
        return 0.0
    if share >= 1:
        return 1.0
    return min(1.0, share / (mean_days * (1 - share)))


def _mean_days(sickness: Sickness) -> float:
    total = sum(sickness.durations.values())
    return sum(d * w for d, w in sickness.durations.items()) / total


def draw_episodes(officers: list[str], campaign: Campaign, start: dt.date, weeks: int, seed: int,
                  publish_days: int) -> list[Episode]:
    """Every absence of the campaign's `weeks` from `start`, in order of officer then date. Leave is
    known when the week is planned (`publish_days` before it starts), a long absence on its first
    day, a sickness `notice_hours` before its first day."""
    days = 7 * weeks
    out: list[Episode] = []
    sick_q = _start_probability(campaign.sickness.rate, _mean_days(campaign.sickness))
    durations = sorted(campaign.sickness.durations.items())
    long = campaign.long_absences
    for oid in officers:
        leave_rng = random.Random(f"{seed}:leave:{oid}")
        sick_rng = random.Random(f"{seed}:sick:{oid}")
        long_rng = random.Random(f"{seed}:long:{oid}")
        busy_until = -1
        for d in range(days):
            day = start + dt.timedelta(days=d)
            # Every stream draws every day, busy or not, so that one model's draws never shift another's.
            long_roll, long_day, long_weeks = long_rng.random(), long_rng.randrange(7), long_rng.randint(long.min_weeks, long.max_weeks)
            leave_roll = leave_rng.random()
            sick_roll, sick_pick = sick_rng.random(), sick_rng.random()
            if d <= busy_until:
                continue
            if d % 7 == 0 and long_roll < long.rate_per_week:
                first = d + long_day
                last = min(days - 1, first + 7 * long_weeks - 1)
                if first < days:
                    out.append(_episode(oid, "long", start, first, last, 0))
                    busy_until = last
                continue
            block = campaign.leave.block_days
            if leave_roll < _start_probability(_in_season(day, campaign.leave), block):
                last = min(days - 1, d + block - 1)
                planned = _planning_time(start, d, publish_days)
                out.append(Episode(oid, "leave", day, start + dt.timedelta(days=last), planned))
                busy_until = last
                continue
            if sick_roll < sick_q:
                length = _pick(durations, sick_pick)
                last = min(days - 1, d + length - 1)
                out.append(_episode(oid, "sick", start, d, last, campaign.sickness.notice_hours))
                busy_until = last
    return out


def _planning_time(start: dt.date, d: int, publish_days: int) -> dt.datetime:
    week_start = start + dt.timedelta(days=d - d % 7)
    return dt.datetime.combine(week_start - dt.timedelta(days=publish_days), dt.time())


def _episode(oid: str, kind: Kind, start: dt.date, first: int, last: int, notice_hours: float) -> Episode:
    first_day = start + dt.timedelta(days=first)
    known = dt.datetime.combine(first_day, dt.time()) - dt.timedelta(hours=notice_hours)
    return Episode(oid, kind, first_day, start + dt.timedelta(days=last), known)


def _pick(weighted: list[tuple[int, float]], roll: float) -> int:
    total = sum(w for _, w in weighted)
    acc = 0.0
    for value, weight in weighted:
        acc += weight / total
        if roll < acc:
            return value
    return weighted[-1][0]
