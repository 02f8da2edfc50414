"""forbidden_successions: shift a on one day is never followed by shift b on the next."""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace
from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.spec import PatternFilter, PlanCounts, RuleSpec, hard
from scheduler.model.variables import OfficerClass, Variables
from scheduler.problem import Officer, Problem


def add_forbidden_successions(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Shift a on day d is never followed by shift b on day d+1 (rule forbidden_successions.pairs).

    Source: practice (no night then early). The day before the horizon comes from the history.
    Soft unit: one succession.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    index = {s.id: s.index for s in problem.shift_types}
    for o in problem.officers:
        rule = o.rules.forbidden_successions
        if rule.mode == "off":
            continue
        for a_id, b_id in rule.pairs:
            a, b = index[a_id], index[b_id]
            for d in range(-1, problem.days - 1):
                first: cp_model.IntVar | bool
                if d < 0:
                    first = any(h.day == d and h.shift == a for h in o.history)
                else:
                    first = v.x[o.index].get(problem.instance_of(d, a).index, False)
                second = v.x[o.index].get(problem.instance_of(d + 1, b).index)
                if first is False or second is None:
                    continue
                soft.clause(
                    "forbidden_successions", rule,
                    [False if isinstance(first, bool) else first.Not(), second.Not()], f"o={o.id},d={d},{a_id}>{b_id}",
                )
    return penalties


def succession_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    """No pair in the horizon, nor from the history's last day into day 0."""
    if not hard(o, "forbidden_successions") or not o.rules.forbidden_successions.pairs:
        return None
    index = {s.id: s.index for s in problem.shift_types}
    before = {h.day: h.shift for h in o.history}.get(-1)

    def own(ids: np.ndarray) -> np.ndarray:
        code = space.code[ids]
        keep = np.ones(len(ids), dtype=bool)
        for a, b in o.rules.forbidden_successions.pairs:
            if before == index[a]:
                keep &= code[:, 0] != index[b] + 1
            for d in range(problem.days - 1):
                keep &= ~((code[:, d] == index[a] + 1) & (code[:, d + 1] == index[b] + 1))
        return keep

    return PatternFilter(own=own)


def succession_sums(model: cp_model.CpModel, problem: Problem, c: OfficerClass, y: PlanCounts,
                    feas: list[set[int]]) -> None:
    """When every member has the same pairs hard: a on day d and b on day d + 1 together at most the
    class's size."""
    members = [problem.officers[o] for o in c.officers]
    pairs = members[0].rules.forbidden_successions.pairs
    if not all(o.rules.forbidden_successions.mode == "hard" and o.rules.forbidden_successions.pairs == pairs
               for o in members):
        return
    index = {s.id: s.index for s in problem.shift_types}
    for a, b in pairs:
        for d in range(problem.days - 1):
            model.add(
                y[(problem.instance_of(d, index[a]).index, c.index)]
                + y[(problem.instance_of(d + 1, index[b]).index, c.index)] <= len(members)
            )


FORBIDDEN_SUCCESSIONS = RuleSpec("forbidden_successions", add_forbidden_successions,
                                 pattern_filter=succession_patterns, class_sums=succession_sums, plan_rank=6,
                                 shift_can_break=True)
