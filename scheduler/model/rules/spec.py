"""What every hard rule's module offers, in one shape (`RuleSpec`); the registry is `model/rules/__init__.py`.

The checker (`check.py`) keeps its own code for every rule, written from the rule's docstring: it is the
independent judge of what these modules build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace
from scheduler.model.penalties import Penalty
from scheduler.model.variables import OfficerClass, Variables
from scheduler.problem import Officer, Problem


@dataclass
class PatternFilter:
    """One rule's test of the pattern space for one officer.

    `shared`: (cache key, mask over all patterns) pairs, each shared by the officers alike there (the
    key says what the mask depends on); `own`: a test that depends on this officer alone, given the
    indices of the patterns still in, returning a mask over them.
    """

    shared: list[tuple[tuple, np.ndarray]] = field(default_factory=list)
    own: Callable[[np.ndarray], np.ndarray] | None = None


# The staffing plan's counts: y[(instance, class)] is an integer variable or a constant.
PlanCounts = dict[tuple[int, int], Any]

AddToModel = Callable[[cp_model.CpModel, Problem, Variables], list[Penalty]]
FilterPatterns = Callable[[Problem, PatternSpace, Officer], PatternFilter | None]
# (plan model, problem, class, y, each officer's feasible instances): adds the class's sums.
AddClassSums = Callable[[cp_model.CpModel, Problem, OfficerClass, PlanCounts, list[set[int]]], None]


@dataclass(frozen=True)
class RuleSpec:
    """A hard rule (or a structural one) for every stage that reads it.

    - `add_to_model`: its clauses in the CP-SAT model, hard or soft by the officer's `mode` (None: the
      variables themselves enforce it).
    - `pattern_filter`: the patterns it forbids, exactly as the checker reads the rule, when hard
      (`solve/patterns.legal_patterns`; `tests/test_patterns.py` compares them). None: nothing to filter.
    - `class_sums`: sums it implies for every officer of a class, never stricter than the rule (the
      plan's optimum is a bound); `plan_rank` orders them in the plan (lowest first, then registry order).
    - `shift_can_break`: adding a shift to a legal partial roster can break it (the greedy roster
      tests those after every shift, the others on the finished roster).
    """

    id: str
    add_to_model: AddToModel | None
    pattern_filter: FilterPatterns | None = None
    class_sums: AddClassSums | None = None
    plan_rank: int = 100
    shift_can_break: bool = False


def hard(o: Officer, rule_id: str) -> bool:
    return getattr(o.rules, rule_id).mode == "hard"
