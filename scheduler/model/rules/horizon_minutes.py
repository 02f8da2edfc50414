"""horizon_minutes: each officer's min_minutes <= minutes worked over the horizon <= max_minutes."""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace
from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.spec import PatternFilter, PlanCounts, RuleSpec, hard
from scheduler.model.variables import OfficerClass, Variables
from scheduler.problem import Officer, Problem


def worked_minutes(problem: Problem, v: Variables, o: Officer) -> cp_model.LinearExpr | int:
    return sum(problem.instances[i].minutes * lit for i, lit in v.x[o.index].items())


def most_minutes(problem: Problem, v: Variables, o: Officer) -> int:
    """The most minutes an officer could work over the horizon (the longest possible shift each day)."""
    return sum(max((problem.instances[i].minutes for i in problem.by_day[d] if i in v.x[o.index]), default=0)
               for d in range(problem.days))


def add_horizon_minutes(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Each officer's min_minutes <= minutes of the shifts worked in the horizon <= max_minutes.

    Source: contracts; the benchmark's MinTotalMinutes/MaxTotalMinutes. Soft unit: minute outside.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    for o in problem.officers:
        rule = o.rules.horizon_minutes
        if rule.mode == "off" or (o.min_minutes is None and o.max_minutes is None):
            continue
        expr = worked_minutes(problem, v, o)
        top = most_minutes(problem, v, o)
        if o.max_minutes is not None and top > o.max_minutes:
            soft.at_most("horizon_minutes", rule, expr, o.max_minutes, top - o.max_minutes, f"o={o.id},max")
        if o.min_minutes:
            soft.at_least("horizon_minutes", rule, expr, o.min_minutes, o.min_minutes, f"o={o.id},min")
    return penalties


def horizon_minutes_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    if not hard(o, "horizon_minutes") or (o.min_minutes is None and o.max_minutes is None):
        return None

    def own(ids: np.ndarray) -> np.ndarray:
        total = space.minutes[ids]
        keep = np.ones(len(ids), dtype=bool)
        if o.max_minutes is not None:
            keep &= total <= o.max_minutes
        if o.min_minutes is not None:
            keep &= total >= o.min_minutes
        return keep

    return PatternFilter(own=own)


def horizon_minutes_sums(model: cp_model.CpModel, problem: Problem, c: OfficerClass, y: PlanCounts,
                         feas: list[set[int]]) -> None:
    """The class's minutes lie between the sums of its members' bounds."""
    members = [problem.officers[o] for o in c.officers]
    tops = [o.max_minutes for o in members if o.rules.horizon_minutes.mode == "hard" and o.max_minutes is not None]
    if len(tops) == len(members):
        model.add(sum(i.minutes * y[(i.index, c.index)] for i in problem.instances) <= sum(tops))
    if all(o.rules.horizon_minutes.mode == "hard" for o in members):
        low = sum(o.min_minutes or 0 for o in members)
        if low:
            model.add(sum(i.minutes * y[(i.index, c.index)] for i in problem.instances) >= low)


HORIZON_MINUTES = RuleSpec("horizon_minutes", add_horizon_minutes, pattern_filter=horizon_minutes_patterns,
                           class_sums=horizon_minutes_sums, plan_rank=8, shift_can_break=True)
