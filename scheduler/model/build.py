"""Build the CP-SAT model: variables, every rule's clauses and every term in order (`FAMILIES`), the objective."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model.constraints import TERMS
from scheduler.model.penalties import Penalty
from scheduler.model.rules import RULES
from scheduler.model.rules.spec import AddToModel
from scheduler.model.variables import Variables, add_variables
from scheduler.problem import Problem

# The model's table of contents, in the order its parts are added (CP-SAT's search depends on it): the
# rules with clauses of their own, then coverage and the soft terms. Family ids are what `skip` names.
FAMILIES: tuple[tuple[str, AddToModel], ...] = (
    *((rule.id, rule.add_to_model) for rule in RULES if rule.add_to_model is not None),
    *TERMS,
)


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    vars: Variables
    penalties: list[Penalty]
    objective: cp_model.LinearExpr | None = None  # the objective expression, to restore after a phase with another one
    seconds: float = 0.0  # the time build_model took


def build_model(
    problem: Problem,
    skip: frozenset[str] = frozenset(),
    extra: Callable[[cp_model.CpModel, Problem, Variables], list[Penalty]] | None = None,
) -> BuiltModel:
    """`skip` leaves out constraint families (to diagnose an infeasible model); `extra` adds terms."""
    t0 = time.perf_counter()
    model = cp_model.CpModel()
    v = add_variables(model, problem)
    penalties: list[Penalty] = []
    for name, add in FAMILIES:
        if name in skip:
            continue
        penalties += add(model, problem, v)
    if extra is not None:
        penalties += extra(model, problem, v)
    terms = [(p.weight, p.expr) for p in penalties if p.weight]
    objective = cp_model.LinearExpr.sum([w * e for w, e in terms])
    model.minimize(objective)
    return BuiltModel(model, v, penalties, objective, time.perf_counter() - t0)
