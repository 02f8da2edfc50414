"""max_shifts_per_type: at most `limits[s]` shifts of type s per officer (the officer's `max_shifts` first)."""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace
from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.spec import PatternFilter, PlanCounts, RuleSpec, hard
from scheduler.model.variables import OfficerClass, Variables
from scheduler.problem import Officer, Problem


def add_max_shifts_per_type(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """At most max_shifts[s] shifts of type s per officer (officer's limits, else the rule's).

    Source: contracts; the benchmark's MaxShifts. Soft unit: one shift above.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    for o in problem.officers:
        rule = o.rules.max_shifts_per_type
        if rule.mode == "off":
            continue
        for s, limit in o.max_shifts.items():
            lits = [v.x[o.index][i] for i in (problem.instance_of(d, s).index for d in range(problem.days))
                    if i in v.x[o.index]]
            if len(lits) > limit:
                soft.at_most("max_shifts_per_type", rule, sum(lits), limit, len(lits) - limit, f"o={o.id},s={s}")
    return penalties


def shift_type_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    if not hard(o, "max_shifts_per_type") or not o.max_shifts:
        return None

    def own(ids: np.ndarray) -> np.ndarray:
        code = space.code[ids]
        keep = np.ones(len(ids), dtype=bool)
        for s, limit in o.max_shifts.items():
            keep &= (code == s + 1).sum(axis=1) <= limit
        return keep

    return PatternFilter(own=own)


def shift_type_sums(model: cp_model.CpModel, problem: Problem, c: OfficerClass, y: PlanCounts,
                    feas: list[set[int]]) -> None:
    """Shifts of a type the class works: at most the sum of its members' limits (every member has one)."""
    members = [problem.officers[o] for o in c.officers]
    if not all(o.rules.max_shifts_per_type.mode == "hard" for o in members):
        return
    for s in problem.shift_types:
        limits = [limit for o in members if (limit := o.max_shifts.get(s.index)) is not None]
        if len(limits) == len(members):
            model.add(sum(y[(problem.instance_of(d, s.index).index, c.index)] for d in range(problem.days)) <= sum(limits))


MAX_SHIFTS_PER_TYPE = RuleSpec("max_shifts_per_type", add_max_shifts_per_type, pattern_filter=shift_type_patterns,
                               class_sums=shift_type_sums, plan_rank=7, shift_can_break=True)
