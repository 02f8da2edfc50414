"""rest_after_weekends: after `weekends` weekends worked in a row, a rest of `hours` around the next."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace
from scheduler.model.penalties import POINT, Penalty
from scheduler.model.rules.days import weekend_worked
from scheduler.model.rules.spec import PatternFilter, RuleSpec, hard
from scheduler.model.variables import Variables
from scheduler.problem import Officer, Problem


def weekend_rest_conflicts(problem: Problem, xo: Mapping[int, object], week: int, hours: float) -> list[list[int]]:
    """Sets of instances (of one officer's `xo`) that cannot all be worked if week `week`'s weekend is
    to lie in `hours` of uninterrupted rest: each one overlapping Saturday 00:00 - Monday 00:00, and
    each pair around it closer than `hours` (a pair that close means the rest is too short). History
    services end by the horizon's first Monday morning, more than `hours` (at most 120) before any
    horizon weekend's end: never part of a pair."""
    sat, mon = problem.day_start[7 * week + 5], problem.day_start[7 * week + 7]
    owed = round(hours * 60)
    insts = [problem.instances[i] for i in xo]
    out = [[i.index] for i in insts if i.start < mon and sat < i.end]
    before = [i for i in insts if mon - owed < i.end <= sat]
    after = [j for j in insts if mon <= j.start]
    out += [[i.index, j.index] for i in before for j in after if j.start - i.end < owed]
    return out


def add_rest_after_weekends(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """After `weekends` weekends worked in a row (history included), a rest of `hours` around the next.

    Source: Belgian police statute (3 weekends, 60 h). Soft unit: one weekend without that rest.
    Each conflict of `weekend_rest_conflicts` is a clause with the run's weekend literals.
    """
    penalties: list[Penalty] = []
    for o in problem.officers:
        rule = o.rules.rest_after_weekends
        if rule.mode == "off":
            continue
        for week in range((problem.days + 1) // 7):  # weeks whose Saturday is in the horizon
            run = [weekend_worked(model, problem, v, o, week - k) for k in range(1, rule.weekends + 1)]
            if any(val is False for val in run):
                continue
            trigger = [val.Not() for val in run if not isinstance(val, bool)]  # no False: skipped above
            conflicts = weekend_rest_conflicts(problem, v.x[o.index], week, rule.hours)
            if not conflicts:
                continue
            short = None
            if rule.mode == "soft":
                short = model.new_bool_var(f"rest_after_weekends[o={o.id},w={week}]")
                penalties.append(Penalty("rest_after_weekends", "labour", rule.weight * POINT, short))
            for insts in conflicts:
                model.add_bool_or([*trigger, *(v.x[o.index][i].Not() for i in insts), *([short] if short is not None else [])])
    return penalties


def weekend_rest_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    """As the checker reads it: for each weekend in the horizon that follows `weekends` weekends worked
    (history or pattern), no service on it and `hours` between the last service before it and the first
    after it (history services end too early to matter: hours <= 120)."""
    if not hard(o, "rest_after_weekends"):
        return None
    rule = o.rules.rest_after_weekends
    history = {h.day // 7 for h in o.history if problem.is_weekend(h.day)}
    runs = {week: [week - k for k in range(1, rule.weekends + 1)] for week in range((problem.days + 1) // 7)}
    # Weeks whose run the history does not already break (none on a one-week horizon at 3 weekends).
    judged = {week: run for week, run in runs.items() if all(w >= 0 or w in history for w in run)}
    if not judged:
        return None

    def own(ids: np.ndarray) -> np.ndarray:
        kept = np.ones(len(ids), dtype=bool)
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

    return PatternFilter(own=own)


REST_AFTER_WEEKENDS = RuleSpec("rest_after_weekends", add_rest_after_weekends, pattern_filter=weekend_rest_patterns,
                               shift_can_break=True)
