"""A day window of a long horizon as a problem of its own, the days before it fixed.

`window_problem(problem, first, end, done)` is days [first, end) of `problem` with the roster `done`
(officer -> services on days before `first`) as history: the mechanism a week uses for last week's
shifts, so every rule across the window's start (rest, runs, blocks, 7-day hours, weekends in a row)
is judged as in the whole horizon. Nothing after `end` is decided yet, so nothing after it is fixed.

What spans the whole horizon gets its share:
- needs (duties, response, shift cover) less what the fixed days' services already cover (a night shift
  before the window covers its first morning);
- fairness: the nights and weekend shifts before the window are priors, so the k-th night still costs
  k (the whole horizon's cost is the sum of the windows' costs, exactly);
- limits over the horizon (minutes, weekends, shifts of a type) less what was used before, capped at
  the share of the days up to `end` (pro rata, rounded up) so that the first windows do not use up what
  the last ones need; a horizon minimum becomes what the days after `end` could not still make up, and
  at least its pace (its share of the days present up to a week before `end`);
- the contract target: the share of the days up to `end` less the minutes already worked;
- block rules (minimum consecutive days, days off) judge a block that runs in from before the window
  (never exempt at a window's start after the first);
- the rest owed around the weekend just before the window (rest_after_weekends, which a horizon lets
  run past its end) blocks the window's first shifts that would cut it short.
Minutes, slots and days are shifted so that the window starts at day 0, minute 0.
"""

from __future__ import annotations

import dataclasses
import math

from scheduler.problem import HistoryShift, Instance, Officer, Problem, Request

# Days before a window kept as history: four weekends (rest after three weekends in a row) and runs of
# up to four weeks; day_start keeps the 15 days before day 0 that a horizon's own has.
HISTORY_DAYS, DAY_START_DAYS = 35, 15

Done = dict[int, list[tuple[int, int]]]  # officer -> (instance, duty) worked on the fixed days


def _share(total: int, upto: int, days: int) -> int:
    return math.ceil(total * upto / days)


def window_problem(problem: Problem, first: int, end: int, done: Done) -> Problem:
    """Days [first, end) of `problem`, with `done` (services on days before `first`) fixed."""
    n_types = len(problem.shift_types)
    off = problem.day_start[first]
    slot0 = off // problem.slot_minutes
    days = end - first
    shift_of = {i.index: i for i in problem.instances}

    def moved(i: int) -> int:
        return i - first * n_types

    instances = [Instance(moved(i.index), i.day - first, i.shift, i.start - off, i.end - off)
                 for i in problem.instances if first <= i.day < end]
    by_day = [[moved(i) for i in problem.by_day[d]] for d in range(first, end)]
    day_start = {d - first: m - off for d, m in problem.day_start.items() if first - DAY_START_DAYS <= d <= end + 1}
    n_slots = day_start[days] // problem.slot_minutes
    inside = set(range(first * n_types, end * n_types))

    # What the fixed days cover in the window's slots and shift cover.
    covered: dict[tuple[int, int], int] = {}
    response: dict[tuple[tuple[str, str | None], int], int] = {}
    for o, services in done.items():
        officer = problem.officers[o]
        for i, k in services:
            for t in problem.slots_of(shift_of[i]):
                if t < slot0:
                    continue
                if k:
                    covered[(k, t)] = covered.get((k, t), 0) + 1
                else:
                    for key in problem.response_keys(officer):
                        response[(key, t)] = response.get((key, t), 0) + 1

    def in_window(t: int) -> bool:
        return slot0 <= t < slot0 + n_slots

    duties = [
        dataclasses.replace(
            d,
            need={t - slot0: n - covered.get((d.index, t), 0) for t, n in d.need.items()
                  if in_window(t) and n > covered.get((d.index, t), 0)},
            need_weight={t - slot0: w for t, w in d.need_weight.items() if in_window(t)},
        )
        for d in problem.duties
    ]
    response_need = {
        key: {t - slot0: n - response.get((key, t), 0) for t, n in need.items()
              if in_window(t) and n > response.get((key, t), 0)}
        for key, need in problem.response_need.items()
    }
    cover_needs = [dataclasses.replace(cn, instance=moved(cn.instance)) for cn in problem.cover_needs
                   if cn.instance in inside]
    officers = [_officer(problem, o, first, end, done.get(o.index, []), off) for o in problem.officers]
    return dataclasses.replace(
        problem, start_date=problem.date_of(first), days=days, instances=instances, by_day=by_day,
        day_start=day_start, officers=officers, duties=duties, response_need=response_need,
        cover_needs=cover_needs, n_slots=n_slots, _covering=None,
    )


def _officer(problem: Problem, o: Officer, first: int, end: int, services: list[tuple[int, int]], off: int) -> Officer:
    n_types, days = len(problem.shift_types), problem.days
    inst = problem.instances
    worked = [inst[i] for i, _ in services]
    minutes = sum(i.minutes for i in worked)
    history = [HistoryShift(h.day - first, h.shift, h.start - off, h.end - off)
               for h in o.history if h.day >= first - HISTORY_DAYS]
    history += [HistoryShift(i.day - first, i.shift, i.start - off, i.end - off)
                for i in worked if i.day >= first - HISTORY_DAYS]
    history.sort(key=lambda h: h.start)

    def moved(ids: frozenset[int] | dict) -> set[int]:
        return {i - first * n_types for i in ids if first * n_types <= i < end * n_types}

    rules = o.rules
    if first > 0:  # a block running in from the fixed days is judged, not exempt
        rules = rules.model_copy(update={
            name: getattr(rules, name).model_copy(update={"exempt_at_start": False})
            for name in ("min_consecutive_days", "min_consecutive_days_off")
        })
    weekends = rules.max_weekends.weekends
    if weekends is not None and rules.max_weekends.mode != "off":
        used = len({i.day // 7 for i in worked if problem.is_weekend(i.day)})
        weeks = -(-days // 7)
        cap = min(weekends, _share(weekends, -(-end // 7), weeks)) - used
        rules = rules.model_copy(update={"max_weekends": rules.max_weekends.model_copy(update={"weekends": max(0, cap)})})
    max_shifts = {}
    for s, limit in o.max_shifts.items():
        used = sum(1 for i in worked if i.shift == s)
        max_shifts[s] = max(0, min(limit, _share(limit, end, days)) - used)
    max_minutes = None
    if o.max_minutes is not None:
        max_minutes = max(0, min(o.max_minutes, _share(o.max_minutes, end, days)) - minutes)
    # The contract target up to the window's end (pro rata over the days not wholly on leave).
    away = [d for d in range(days) if any(a <= problem.day_start[d] and problem.day_start[d + 1] <= b
                                          for a, b, _ in o.unavailable)]
    present = days - len(away)
    present_to_end = end - sum(1 for d in away if d < end)
    min_minutes = None
    if o.min_minutes is not None:
        # The minimum's pace: by `end`, its share of the days present less a week (rounded down), so
        # that the last windows are not left more than they can work under the other rules.
        pace = o.min_minutes * max(0, present_to_end - 7) // present if present else 0
        # What the days after the window could still add at most: a longest shift a day, less the days
        # off the longest run allows.
        longest = max(i.minutes for i in inst)
        after = days - end
        run = rules.max_consecutive_days.days if rules.max_consecutive_days.mode == "hard" else after
        can = (after - after // (run + 1)) * longest
        min_minutes = max(0, o.min_minutes - minutes - can, pace - minutes)
        if max_minutes is not None:
            max_minutes = max(max_minutes, min_minutes)
    target = round(o.target_minutes * present_to_end / present) if present else 0
    nights = sum(1 for i in worked if problem.shift_types[i.shift].night)
    weekend_shifts = sum(1 for i in worked if problem.is_weekend(i.day))
    late = _weekend_rest_owed(problem, o, first, worked)
    blocked = moved(o.blocked) | {i.index - first * n_types for i in inst[first * n_types:end * n_types] if i.start < late}
    return dataclasses.replace(
        o,
        target_minutes=max(0, target - minutes),
        unavailable=[(a - off, b - off, why) for a, b, why in o.unavailable if b > off],
        blocked=frozenset(blocked),
        short=frozenset(moved(o.short)),
        fixed={i - first * n_types: k for i, k in o.fixed.items() if first * n_types <= i < end * n_types},
        requests=[Request(r.day - first, r.shift, r.want, r.weight) for r in o.requests if first <= r.day < end],
        history=history,
        rules=rules,
        min_minutes=min_minutes,
        max_minutes=max_minutes,
        max_shifts=max_shifts,
        prior_nights=o.prior_nights + nights,
        prior_weekend_shifts=o.prior_weekend_shifts + weekend_shifts,
    )




def _weekend_rest_owed(problem: Problem, o: Officer, first: int, worked: list[Instance]) -> int:
    """The minute (the whole horizon's) before which a hard rest_after_weekends leaves the officer no
    shift starting: the weekend just before day `first` after `weekends` weekends worked in a row."""
    rule = o.rules.rest_after_weekends
    if rule.mode != "hard" or first < 7:
        return 0
    week = first // 7 - 1  # the window starts on a Monday: its previous weekend is this week's
    weekend_weeks = {h.day // 7 for h in o.history if problem.is_weekend(h.day)}
    weekend_weeks |= {i.day // 7 for i in worked if problem.is_weekend(i.day)}
    if not all(w in weekend_weeks for w in range(week - rule.weekends, week)):
        return 0
    saturday = problem.day_start[7 * week + 5]
    ends = [h.end for h in o.history if h.end <= saturday] + [i.end for i in worked if i.end <= saturday]
    return max(ends, default=saturday) + round(rule.hours * 60)
