"""Weekly patterns: every legal sequence of one officer's shifts over a short horizon, with its cost.

A pattern gives each day one shift type or a day off (one shift per calendar day is structural). For
a horizon of at most a week there are at most (shift types + 1) ** days sequences, so they are
enumerated once as arrays, and each officer's hard rules (history included) filter them and his
own terms (overtime, undertime, fairness, requests, soft minimum blocks and services, a reinforcement
officer's cost) price them, vectorised. The rules follow the checker's definitions; where a rule is soft and
not priced here, a pattern is not charged for it, so a pattern's cost never exceeds what the checker
charges the officer: the bound built on patterns (`pattern_bound.py`) stays valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scheduler.model.constraints.rest import rest_after
from scheduler.model.penalties import POINT
from scheduler.problem import Officer, Problem

MAX_PATTERNS = 2_000_000  # above this many sequences the horizon is too long to enumerate


@dataclass
class PatternSpace:
    """All sequences of the horizon: `code[p, d]` is 0 (off) or shift index + 1."""

    code: np.ndarray  # (N, D) int8
    inst: np.ndarray  # (N, D) instance index, -1 when off
    start: np.ndarray  # (N, D) absolute minutes (0 when off)
    end: np.ndarray  # (N, D)
    worked: np.ndarray  # (N, D) bool
    night: np.ndarray  # (N, D) bool
    minutes: np.ndarray  # (N,) total minutes
    nights: np.ndarray  # (N,)
    weekend: np.ndarray  # (N,) shifts on weekend days
    cache: dict = field(default_factory=dict)  # per-pattern arrays shared by officers (see `_cached`)


def enumerable(problem: Problem) -> bool:
    """Whether the horizon's sequences are few enough to enumerate (a week of 5 shift types is)."""
    return (len(problem.shift_types) + 1) ** problem.days <= MAX_PATTERNS


def pattern_space(problem: Problem) -> PatternSpace | None:
    """Every sequence of the horizon, or None when there are too many to enumerate."""
    n_types, days = len(problem.shift_types), problem.days
    if not enumerable(problem):
        return None
    grids = np.indices((n_types + 1,) * days, dtype=np.int8).reshape(days, -1).T
    code = np.ascontiguousarray(grids)
    start_of = np.zeros((days, n_types + 1), dtype=np.int64)
    end_of = np.zeros((days, n_types + 1), dtype=np.int64)
    inst_of = np.full((days, n_types + 1), -1, dtype=np.int64)
    night_of = np.zeros((days, n_types + 1), dtype=bool)
    for d in range(days):
        for s in range(n_types):
            inst = problem.instance_of(d, s)
            start_of[d, s + 1], end_of[d, s + 1], inst_of[d, s + 1] = inst.start, inst.end, inst.index
            night_of[d, s + 1] = problem.shift_types[s].night
    cols = np.arange(days)
    start, end = start_of[cols, code], end_of[cols, code]
    worked = code > 0
    night = night_of[cols, code]
    weekend_days = np.array([problem.is_weekend(d) for d in range(days)])
    return PatternSpace(
        code=code, inst=inst_of[cols, code], start=start, end=end, worked=worked, night=night,
        minutes=(end - start).sum(axis=1), nights=night.sum(axis=1), weekend=(worked & weekend_days).sum(axis=1),
    )


def _hard(o: Officer, rule_id: str) -> bool:
    return getattr(o.rules, rule_id).mode == "hard"


def _minutes_in(space: PatternSpace, a: int, b: int) -> np.ndarray:
    """Minutes of each pattern inside [a, b) (computed once per window, shared by every officer)."""
    return _cached(space, ("minutes", a, b),
                   lambda: np.clip(np.minimum(space.end, b) - np.maximum(space.start, a), 0, None).sum(axis=1))


def _history_minutes(o: Officer, a: int, b: int) -> int:
    return sum(max(0, min(b, h.end) - max(a, h.start)) for h in o.history)


def _rest_mask(problem: Problem, space: PatternSpace, o: Officer) -> tuple[tuple, np.ndarray]:
    """No overlap and min_rest between the horizon's own services (shared by officers owed the same
    rest): its cache key and mask."""
    rest_hard = _hard(o, "min_rest")
    owed_of = {e: rest_after(problem, o, e) if rest_hard else 0 for e in sorted({i.end for i in problem.instances})}
    key = ("rest", tuple(owed_of.items()))

    def compute() -> np.ndarray:
        ends = np.array(list(owed_of))
        owed_arr = np.array(list(owed_of.values()), dtype=np.int64)
        n = len(space.code)
        ok = np.ones(n, dtype=bool)
        last_end = np.full(n, -(10**9), dtype=np.int64)
        last_owed = np.zeros(n, dtype=np.int64)
        for d in range(problem.days):
            w = space.worked[:, d]
            gap = space.start[:, d] - last_end
            ok &= ~w | ((gap >= last_owed) & (gap >= 0))
            last_end = np.where(w, space.end[:, d], last_end)
            last_owed = np.where(w, owed_arr[np.minimum(np.searchsorted(ends, space.end[:, d]), len(ends) - 1)], last_owed)
        return ok

    return key, _cached(space, key, compute)


def legal_patterns(problem: Problem, space: PatternSpace, o: Officer, feasible: set[int]) -> np.ndarray:
    """Indices of the patterns the officer may work: every hard rule as the checker reads it, history
    included. The service against the last history one is in `feasible` (the plan's feasible instances:
    not blocked, not overlapping history, not within the rest owed after it)."""
    days = problem.days
    # Windows the officer's history does not reach are the same checks for every officer: computed
    # once over all patterns (cached), the rest per officer on the patterns still in.
    rest_key, rest = _rest_mask(problem, space, o)
    shared_keys: list[tuple] = [rest_key]
    shared = [rest]
    own: list[tuple[int, int, int, int]] = []  # (a, b, minutes already worked, limit)
    for rule_id, limit, windows in _minute_windows(problem, o):
        if not _hard(o, rule_id):
            continue
        clear = []
        for a, b in windows:
            past = _history_minutes(o, a, b)
            if past == 0:
                clear.append((a, b))
            elif past <= limit:  # a window the history alone breaks is not ours to judge
                own.append((a, b, past, limit))
        shared_keys.append((rule_id, limit, tuple(clear)))
        shared.append(_cached(space, shared_keys[-1],
                              lambda clear=clear, limit=limit: np.logical_and.reduce(
                                  [_minutes_in(space, a, b) <= limit for a, b in clear] + [np.ones(len(space.code), bool)])))
    for rule_id, limit, nights in _runs(o):
        if _hard(o, rule_id):
            mark = space.night if nights else space.worked
            shared_keys.append(("run", limit, nights))
            shared.append(_cached(space, shared_keys[-1], lambda mark=mark, limit=limit: ~_run_breach_inside(mark, limit)))
    weekly = _weekly_rest_masks(problem, space, o)
    shared += [mask for _, mask in weekly]
    shared_keys += [key for key, _ in weekly]
    ids = _cached(space, ("ids", *shared_keys), lambda: np.flatnonzero(np.logical_and.reduce(shared)))
    allowed = np.zeros(len(problem.instances) + 1, dtype=bool)
    allowed[list(feasible)] = True
    allowed[-1] = True  # index -1: off
    keep = allowed[space.inst[ids]].all(axis=1)
    for i in o.fixed:
        inst = problem.instances[i]
        keep &= space.code[ids, inst.day] == inst.shift + 1
    for a, b, past, limit in own:
        keep &= _minutes_in(space, a, b)[ids] + past <= limit
    ids = ids[keep]
    worked, code = space.worked[ids], space.code[ids]
    keep = np.ones(len(ids), dtype=bool)
    total = space.minutes[ids]
    if _hard(o, "horizon_minutes"):
        if o.max_minutes is not None:
            keep &= total <= o.max_minutes
        if o.min_minutes is not None:
            keep &= total >= o.min_minutes
    for rule_id, limit, nights in _runs(o):
        if _hard(o, rule_id):
            keep &= ~_run_breach_history(problem, _prefix_counts(space, nights)[ids], o, limit, nights)
    if _hard(o, "forbidden_successions") and o.rules.forbidden_successions.pairs:
        index = {s.id: s.index for s in problem.shift_types}
        before = {h.day: h.shift for h in o.history}.get(-1)
        for a_id, b_id in o.rules.forbidden_successions.pairs:
            if before == index[a_id]:
                keep &= code[:, 0] != index[b_id] + 1
            for d in range(days - 1):
                keep &= ~((code[:, d] == index[a_id] + 1) & (code[:, d + 1] == index[b_id] + 1))
    if _hard(o, "max_weekends") and o.rules.max_weekends.weekends is not None:
        weeks = np.zeros(len(ids), dtype=np.int64)
        for week in range((days + 6) // 7):
            weekend = [d for d in range(7 * week, min(days, 7 * week + 7)) if problem.is_weekend(d)]
            if weekend:
                weeks += worked[:, weekend].any(axis=1)
        keep &= weeks <= o.rules.max_weekends.weekends
    if _hard(o, "rest_after_weekends"):
        keep &= _weekend_rest_kept(problem, space, ids, o)
    if _hard(o, "max_shifts_per_type"):
        for s, limit in o.max_shifts.items():
            keep &= (code == s + 1).sum(axis=1) <= limit
    for rule_id, off in (("min_consecutive_days", False), ("min_consecutive_days_off", True)):
        if _hard(o, rule_id):
            keep &= _block_units(problem, worked, o, rule_id, off) == 0
    return ids[keep]


def _weekend_rest_kept(problem: Problem, space: PatternSpace, ids: np.ndarray, o: Officer) -> np.ndarray:
    """Rule rest_after_weekends as the checker reads it: for each weekend in the horizon that follows
    `weekends` weekends worked (history or pattern), no service on it and `hours` between the last
    service before it and the first after it (history services end too early to matter: hours <= 120)."""
    rule = o.rules.rest_after_weekends
    history = {h.day // 7 for h in o.history if problem.is_weekend(h.day)}
    runs = {week: [week - k for k in range(1, rule.weekends + 1)] for week in range((problem.days + 1) // 7)}
    # Weeks whose run the history does not already break (none on a one-week horizon at 3 weekends).
    judged = {week: run for week, run in runs.items() if all(w >= 0 or w in history for w in run)}
    kept = np.ones(len(ids), dtype=bool)
    if not judged:
        return kept
    worked, start, end = space.worked[ids], space.start[ids], space.end[ids]
    for week, run in judged.items():
        ran = np.ones(len(ids), dtype=bool)
        for w in run:
            if w >= 0:
                ran &= worked[:, [d for d in (7 * w + 5, 7 * w + 6) if d < problem.days]].any(axis=1)
        sat, mon = problem.day_start[7 * week + 5], problem.day_start[7 * week + 7]
        on_weekend = (worked & (start < mon) & (end > sat)).any(axis=1)
        last = np.where(worked & (end <= sat), end, -(10**9)).max(axis=1)
        first = np.where(worked & (start >= mon), start, 10**9).min(axis=1)
        kept &= ~ran | (~on_weekend & (first - last >= round(rule.hours * 60)))
    return kept


def _runs(o: Officer) -> tuple[tuple[str, int, bool], ...]:
    """The maximum-run rules: (rule id, limit, counts nights only)."""
    return (("max_consecutive_days", o.rules.max_consecutive_days.days, False),
            ("max_consecutive_nights", o.rules.max_consecutive_nights.nights, True))


def _history_days(o: Officer, nights: bool, problem: Problem) -> set[int]:
    return {h.day for h in o.history if not nights or problem.shift_types[h.shift].night}


def _weekly_rest_masks(problem: Problem, space: PatternSpace, o: Officer) -> list[tuple[tuple, np.ndarray]]:
    """weekly_rest, as the checker reads it: the longest rest in each week of the horizon (history
    services reaching into the week included), one mask per week shared by officers alike there."""
    if not _hard(o, "weekly_rest"):
        return []
    need = round(o.rules.weekly_rest.hours * 60)
    out = []
    for week in range(problem.days // 7):
        w0, w1 = problem.day_start[7 * week], problem.day_start[7 * week + 7]
        longest, free_from = 0, w0
        for h in sorted(o.history, key=lambda h: (h.start, h.end)):
            if h.end <= w0 or h.start >= w1:
                continue
            longest = max(longest, h.start - free_from)
            free_from = max(free_from, h.end)

        def compute(week=week, w0=w0, w1=w1, longest=longest, free_from=free_from) -> np.ndarray:
            n = len(space.code)
            best = np.full(n, longest, dtype=np.int64)
            free = np.full(n, free_from, dtype=np.int64)
            for d in range(7 * week, 7 * week + 7):
                w = space.worked[:, d] & (space.start[:, d] < w1) & (space.end[:, d] > w0)
                best = np.where(w, np.maximum(best, space.start[:, d] - free), best)
                free = np.where(w, np.maximum(free, space.end[:, d]), free)
            return np.maximum(best, w1 - free) >= need

        key = ("weekly_rest", week, need, longest, free_from)
        out.append((key, _cached(space, key, compute)))
    return out


def _cached(space: PatternSpace, key: tuple, compute) -> np.ndarray:
    """An array over all patterns, computed once and shared by every officer who needs it."""
    if key not in space.cache:
        space.cache[key] = compute()
    return space.cache[key]


def _minute_windows(problem: Problem, o: Officer) -> list[tuple[str, int, list[tuple[int, int]]]]:
    """The checker's windows of max_service_per_24h (from every service start, history included) and
    max_hours_per_7_days (from every day's midnight, 6 days before the horizon on)."""
    starts = sorted({i.start for i in problem.instances} | {h.start for h in o.history})
    days = problem.days
    return [
        ("max_service_per_24h", round(o.rules.max_service_per_24h.hours * 60), [(t, t + 1440) for t in starts]),
        ("max_hours_per_7_days", round(o.rules.max_hours_per_7_days.hours * 60),
         [(problem.day_start[d], problem.day_start[min(d + 7, days + 1)]) for d in range(-6, days)]),
    ]


def _run_breach_inside(mark: np.ndarray, limit: int) -> np.ndarray:
    """More than `limit` marked days in `limit + 1` consecutive days of the horizon."""
    span = limit + 1
    bad = np.zeros(len(mark), dtype=bool)
    for first in range(0, mark.shape[1] - span + 1):
        bad |= mark[:, first:first + span].sum(axis=1) > limit
    return bad


def _prefix_counts(space: PatternSpace, nights: bool) -> np.ndarray:
    """(N, D + 1): worked days (nights) among the first k days of each pattern."""
    mark = space.night if nights else space.worked
    return _cached(space, ("prefix", nights), lambda: np.concatenate(
        [np.zeros((len(mark), 1), np.int8), np.cumsum(mark, axis=1, dtype=np.int8)], axis=1))


def _run_breach_history(problem: Problem, prefix: np.ndarray, o: Officer, limit: int, nights: bool) -> np.ndarray:
    """check_max_run's windows that start before the horizon (the others are `_run_breach_inside`);
    `prefix` from `_prefix_counts`."""
    past = _history_days(o, nights, problem)
    span = limit + 1
    bad = np.zeros(len(prefix), dtype=bool)
    for first in range(-span + 1, min(0, problem.days - span + 1)):
        before = sum(1 for d in range(first, 0) if d in past)
        if before > limit:
            continue
        if before and first + span - 1 >= 0:  # without history in it, `_run_breach_inside` has it
            bad |= before + prefix[:, first + span] > limit
    return bad


def _block_units(problem: Problem, worked: np.ndarray, o: Officer, rule_id: str, off: bool) -> np.ndarray:
    """Units of a minimum-block rule (checker's check_min_blocks): days missing from short blocks."""
    rule = getattr(o.rules, rule_id)
    k = rule.days
    units = np.zeros(len(worked), dtype=np.int64)
    if rule.mode == "off" or k <= 1:
        return units
    past = _history_days(o, False, problem)
    n = len(worked)

    def on(d: int) -> np.ndarray:
        if d < 0:
            return np.full(n, (d in past) != off)
        if d >= problem.days:
            return np.zeros(n, dtype=bool)
        return worked[:, d] != off

    first = 1 if rule.exempt_at_start else -(k - 1)
    for d in range(first, problem.days):
        if d + k - 1 < 0:
            continue
        starts = ~on(d - 1) & on(d)
        if d <= 0 and not all(((p in past) != off) for p in range(d, 0)):
            continue
        missing = sum((~on(d + j)).astype(np.int64) for j in range(1, k) if 0 <= d + j < problem.days)
        units += np.where(starts, missing, 0)
    return units


def pattern_costs(problem: Problem, space: PatternSpace, o: Officer, ids: np.ndarray) -> np.ndarray:
    """The officer's own terms for patterns `ids`, in internal units (a lower bound of the checker's)."""
    w = problem.weights
    total = space.minutes[ids]
    nights, weekend, code = space.nights[ids], space.weekend[ids], space.code[ids]
    cost = w["overtime"] * np.maximum(0, total - o.target_minutes)
    if o.reinforcement:
        cost = cost + w["reinforcement_officer"] * POINT * (total > 0)
    else:
        cost = cost + w["undertime"] * np.maximum(0, o.target_minutes - total)
    cost = cost + w["fair_nights"] * POINT * nights * (nights + 1) // 2
    cost = cost + w["fair_weekends"] * POINT * weekend * (weekend + 1) // 2
    for r in o.requests:
        if r.day >= problem.days:
            continue
        col = code[:, r.day]
        granted = (col > 0) if r.shift is None else (col == r.shift + 1)
        cost = cost + np.where(granted != r.want, w["requests"] * POINT * r.weight, 0)
    worked = space.worked[ids]
    for rule_id, off in (("min_consecutive_days", False), ("min_consecutive_days_off", True)):
        rule = getattr(o.rules, rule_id)
        if rule.mode == "soft":
            cost = cost + rule.weight * POINT * _block_units(problem, worked, o, rule_id, off)
    if o.rules.min_service.mode == "soft" and o.short:
        # An off day (instance -1) reads the last entry, False.
        short = np.zeros(len(problem.instances) + 1, dtype=bool)
        short[list(o.short)] = True
        cost = cost + o.rules.min_service.weight * POINT * short[space.inst[ids]].sum(axis=1)
    return cost.astype(np.int64)
