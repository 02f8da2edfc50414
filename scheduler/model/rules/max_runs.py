"""Runs of days: max_consecutive_days and max_consecutive_nights (the same windows, over days worked
or over nights)."""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace, cached
from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.days import day_value, history_days
from scheduler.model.rules.spec import PatternFilter, PlanCounts, RuleSpec, hard
from scheduler.model.variables import OfficerClass, Variables
from scheduler.problem import Officer, Problem


def add_max_consecutive_days(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Every 7 consecutive days (rule max_consecutive_days.days + 1) hold a day off.

    Source: practice, implied by weekly rest. Windows may start in the history; days after the
    horizon count as off (the benchmark's semantics). Soft unit: one worked day above the limit.
    """
    return _windows(model, problem, v, "max_consecutive_days", night_only=False)


def add_max_consecutive_nights(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """At most 4 (rule max_consecutive_nights.nights) night shifts on consecutive days.

    Source: practice (3-4 nights). Same windows as max_consecutive_days over night shifts.
    """
    return _windows(model, problem, v, "max_consecutive_nights", night_only=True)


def _limit(o: Officer, rule_id: str) -> int:
    rule = getattr(o.rules, rule_id)
    return rule.nights if rule_id == "max_consecutive_nights" else rule.days


def _windows(model: cp_model.CpModel, problem: Problem, v: Variables, name: str, night_only: bool) -> list[Penalty]:
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    for o in problem.officers:
        rule = getattr(o.rules, name)
        if rule.mode == "off":
            continue
        limit = _limit(o, name)
        span = limit + 1
        if span > problem.days + 14:
            continue
        for first in range(-span + 1, problem.days - span + 1):
            vals = [day_value(problem, v, o, d, night_only) for d in range(first, first + span)]
            const = sum(1 for val in vals if val is True)
            lits = [val for val in vals if val is not True and val is not False]
            if const + len(lits) <= limit or not lits or const > limit:
                continue
            soft.at_most(name, rule, sum(lits) + const, limit, span - limit, f"o={o.id},d={first}")
    return penalties


def _breach_inside(mark: np.ndarray, limit: int) -> np.ndarray:
    """More than `limit` marked days in `limit + 1` consecutive days of the horizon."""
    span = limit + 1
    bad = np.zeros(len(mark), dtype=bool)
    for first in range(0, mark.shape[1] - span + 1):
        bad |= mark[:, first:first + span].sum(axis=1) > limit
    return bad


def _prefix_counts(space: PatternSpace, nights: bool) -> np.ndarray:
    """(N, D + 1): worked days (nights) among the first k days of each pattern."""
    mark = space.night if nights else space.worked
    return cached(space, ("prefix", nights), lambda: np.concatenate(
        [np.zeros((len(mark), 1), np.int8), np.cumsum(mark, axis=1, dtype=np.int8)], axis=1))


def _breach_history(problem: Problem, prefix: np.ndarray, o: Officer, limit: int, nights: bool) -> np.ndarray:
    """The checker's windows that start before the horizon (the others are `_breach_inside`);
    `prefix` from `_prefix_counts`."""
    past = history_days(problem, o, nights)
    span = limit + 1
    bad = np.zeros(len(prefix), dtype=bool)
    for first in range(-span + 1, min(0, problem.days - span + 1)):
        before = sum(1 for d in range(first, 0) if d in past)
        if before > limit:
            continue
        if before and first + span - 1 >= 0:  # without history in it, `_breach_inside` has it
            bad |= before + prefix[:, first + span] > limit
    return bad


def _run_patterns(space: PatternSpace, problem: Problem, o: Officer, rule_id: str, nights: bool) -> PatternFilter | None:
    """Windows inside the horizon are the same test for every officer with the limit (shared); those
    reaching into his history are his own."""
    if not hard(o, rule_id):
        return None
    limit = _limit(o, rule_id)
    mark = space.night if nights else space.worked
    key = ("run", limit, nights)
    inside = cached(space, key, lambda: ~_breach_inside(mark, limit))
    return PatternFilter(shared=[(key, inside)],
                         own=lambda ids: ~_breach_history(problem, _prefix_counts(space, nights)[ids], o, limit, nights))


def days_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    return _run_patterns(space, problem, o, "max_consecutive_days", nights=False)


def nights_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    return _run_patterns(space, problem, o, "max_consecutive_nights", nights=True)


def week_shift_sums(model: cp_model.CpModel, problem: Problem, c: OfficerClass, y: PlanCounts,
                    feas: list[set[int]]) -> None:
    """Each 7 consecutive days, at most the shifts the class's officers can start there: 7 each (one a
    day), and with runs of at most m days, 7 - floor(7 / (m + 1))."""
    caps = []
    for o in (problem.officers[o] for o in c.officers):
        cap = 7
        if o.rules.max_consecutive_days.mode == "hard":
            cap = min(cap, 7 - 7 // (o.rules.max_consecutive_days.days + 1))
        caps.append(cap)
    week = sum(caps)
    for first in range(0, max(1, problem.days - 6)):
        days = range(first, min(problem.days, first + 7))
        model.add(sum(y[(i, c.index)] for d in days for i in problem.by_day[d]) <= week)


def night_window_sums(model: cp_model.CpModel, problem: Problem, c: OfficerClass, y: PlanCounts,
                      feas: list[set[int]]) -> None:
    """Each k + 1 consecutive days (k the least limit of the class), at most k nights per officer."""
    members = [problem.officers[o] for o in c.officers]
    if not all(o.rules.max_consecutive_nights.mode == "hard" for o in members):
        return
    k = min(o.rules.max_consecutive_nights.nights for o in members)
    nights = [i.index for i in problem.instances if problem.shift_types[i.shift].night]
    for first in range(0, problem.days - k):
        window = [i for i in nights if first <= problem.instances[i].day <= first + k]
        if window:
            model.add(sum(y[(i, c.index)] for i in window) <= k * len(members))


MAX_CONSECUTIVE_DAYS = RuleSpec("max_consecutive_days", add_max_consecutive_days, pattern_filter=days_patterns,
                                class_sums=week_shift_sums, plan_rank=3, shift_can_break=True)
MAX_CONSECUTIVE_NIGHTS = RuleSpec("max_consecutive_nights", add_max_consecutive_nights,
                                  pattern_filter=nights_patterns, class_sums=night_window_sums, plan_rank=5,
                                  shift_can_break=True)
