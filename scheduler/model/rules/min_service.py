"""min_service: every service lasts at least `hours`."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.spec import RuleSpec
from scheduler.model.variables import Variables
from scheduler.problem import Problem


def add_min_service(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Every service lasts at least `hours`. Source: Belgian police statute (a planned service, 4 h).

    The shorter shifts are the officer's `short` (problem.py). Hard: they are blocked there (no variable,
    like leave), so every stage (plan, patterns, greedy) keeps to it. Soft unit: one shorter service.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    for o in problem.officers:
        if o.rules.min_service.mode != "soft":
            continue
        for i in sorted(o.short & v.x[o.index].keys()):
            soft.at_most("min_service", o.rules.min_service, v.x[o.index][i], 0, 1, f"o={o.id},i={i}")
    return penalties


# Hard, the short shifts are blocked: no pattern filter or plan sum is needed (`pattern_costs` prices it soft).
MIN_SERVICE = RuleSpec("min_service", add_min_service, shift_can_break=True)
