"""Structural rule `fixed`: fixed assignments are worked as given."""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace
from scheduler.model.penalties import Penalty
from scheduler.model.rules.spec import PatternFilter, RuleSpec
from scheduler.model.variables import Variables, reserve_fixed_duties
from scheduler.problem import Officer, Problem


def add_fixed(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Structural: fixed assignments are worked; a fixed duty is reserved in its class's count."""
    for o in problem.officers:
        for i in o.fixed:
            lit = v.x[o.index].get(i)
            if lit is None:
                model.add_bool_or([])  # fixed onto leave: infeasible, reported by the diagnosis
            else:
                model.add(lit == 1)
    reserve_fixed_duties(model, problem, v, strict=True)
    return []


def fixed_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    """Patterns that work each fixed assignment's shift on its day."""
    if not o.fixed:
        return None

    def own(ids: np.ndarray) -> np.ndarray:
        keep = np.ones(len(ids), dtype=bool)
        for i in o.fixed:
            inst = problem.instances[i]
            keep &= space.code[ids, inst.day] == inst.shift + 1
        return keep

    return PatternFilter(own=own)


# The plan's counts start at the fixed ones (`build_plan_model`); greedy places them first.
FIXED = RuleSpec("fixed", add_fixed, pattern_filter=fixed_patterns)
