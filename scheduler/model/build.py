"""Build the CP-SAT model: variables, every constraint family in order, the objective."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model.constraints import FAMILIES
from scheduler.model.penalties import Penalty
from scheduler.model.variables import Variables, add_variables
from scheduler.problem import Problem


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    vars: Variables
    penalties: list[Penalty]


def build_model(problem: Problem, skip: frozenset[str] = frozenset()) -> BuiltModel:
    """`skip` leaves out constraint families (used to diagnose an infeasible model)."""
    model = cp_model.CpModel()
    v = add_variables(model, problem)
    penalties: list[Penalty] = []
    for name, add in FAMILIES:
        if name in skip:
            continue
        penalties += add(model, problem, v)
    terms = [(p.weight, p.expr) for p in penalties if p.weight]
    model.minimize(cp_model.LinearExpr.sum([w * e for w, e in terms]))
    return BuiltModel(model, v, penalties)
