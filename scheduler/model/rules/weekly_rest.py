"""weekly_rest: one uninterrupted rest of `hours` in each whole week of the horizon."""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace, cached
from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.rest import busy
from scheduler.model.rules.spec import PatternFilter, RuleSpec, hard
from scheduler.model.variables import Variables
from scheduler.problem import Officer, Problem


def add_weekly_rest(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """One uninterrupted rest of 35 h (rule weekly_rest.hours) in each whole week of the horizon.

    Source: EU 2003/88/EC art. 5 (24 h + the 11 h daily rest per 7-day period). Modelled with one
    literal per candidate rest start (the week's start or the end of a possible service): the
    candidate implies no service overlaps [start, start + 35 h); at least one candidate holds.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    cache: dict = {}
    for o in problem.officers:
        rule = o.rules.weekly_rest
        if rule.mode == "off":
            continue
        need = round(rule.hours * 60)
        items = busy(problem, v, o)
        shape = tuple((s, e, lit is True) for s, e, lit in items)
        for week in range(problem.days // 7):
            w0, w1 = problem.day_start[7 * week], problem.day_start[7 * week + 7]
            # The candidates depend on the services' times only: officers alike share them.
            candidates = cache.get((shape, need, w0, w1))
            if candidates is None:
                candidates = _rest_candidates(shape, need, w0, w1)
                cache[(shape, need, w0, w1)] = candidates
            options: list = []
            for t, blockers in candidates:
                if not blockers:
                    options = [True]
                    break
                r = model.new_bool_var(f"weekly_rest[o={o.id},w={week},t={t}]")
                # One constraint per candidate, not one implication per service (211 k -> 25 k
                # constraints at 1,000 officers; the same clauses once loaded).
                # Blockers are horizon services: a candidate a history service blocks is dropped.
                model.add_bool_and([lit.Not() for j in blockers if not isinstance(lit := items[j][2], bool)]).only_enforce_if(r)
                options.append(r)
            soft.clause("weekly_rest", rule, options, f"o={o.id},w={week}")
    return penalties


def _rest_candidates(shape: tuple, need: int, w0: int, w1: int) -> list[tuple[int, list[int]]]:
    """(rest start, services in the way) for each candidate start of a `need`-minute rest in [w0, w1):
    the week's start or the end of a possible service; a candidate a history service is in the way of
    is dropped."""
    starts = sorted({w0} | {e for (_, e, _) in shape if w0 < e <= w1 - need})
    found = []
    for t in starts:
        blockers = [j for j, (s, e, _) in enumerate(shape) if s < t + need and t < e]
        if any(shape[j][2] for j in blockers):
            continue
        found.append((t, blockers))
    return found


def weekly_rest_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    """As the checker reads it: the longest rest in each week of the horizon (history services reaching
    into the week included), one mask per week shared by officers alike there."""
    if not hard(o, "weekly_rest"):
        return None
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

        def compute(week: int = week, w0: int = w0, w1: int = w1, longest: int = longest,
                    free_from: int = free_from) -> np.ndarray:
            n = len(space.code)
            best = np.full(n, longest, dtype=np.int64)
            free = np.full(n, free_from, dtype=np.int64)
            for d in range(7 * week, 7 * week + 7):
                w = space.worked[:, d] & (space.start[:, d] < w1) & (space.end[:, d] > w0)
                best = np.where(w, np.maximum(best, space.start[:, d] - free), best)
                free = np.where(w, np.maximum(free, space.end[:, d]), free)
            return np.maximum(best, w1 - free) >= need

        key = ("weekly_rest", week, need, longest, free_from)
        out.append((key, cached(space, key, compute)))
    return PatternFilter(shared=out)


WEEKLY_REST = RuleSpec("weekly_rest", add_weekly_rest, pattern_filter=weekly_rest_patterns, shift_can_break=True)
