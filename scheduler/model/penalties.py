"""Named, weighted penalty terms: what soft rules and soft targets return instead of touching the objective.

Objective units: one *point* is 60 internal units, so time-measured terms (weights per officer-hour)
are exact in minutes: internal = weight x minutes, and count-measured terms are weight x 60 x count.
`roster.json` reports points (internal / 60).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from scheduler.scenario.rules import Rule

POINT = 60

# Objective tiers in their default priority order (see docs/objective.md).
TIERS = ("mandatory", "response", "hotspot", "labour", "overtime", "fairness", "requests", "staffing", "changes")


@dataclass
class Penalty:
    name: str  # the rule id or objective term, as in roster.json's `penalties`
    tier: str
    weight: int  # internal units per unit of `expr`
    expr: Any  # linear expression (or int)


class Soft:
    """Adds a rule's constraint hard, or soft with a named penalty, depending on the rule's mode."""

    def __init__(self, model: cp_model.CpModel, penalties: list[Penalty]) -> None:
        self.model = model
        self.penalties = penalties

    def _penalty(self, name: str, rule: Rule, expr: Any) -> None:
        self.penalties.append(Penalty(name, "labour", rule.weight * POINT, expr))

    def at_most(self, name: str, rule: Rule, expr: Any, ub: int, slack_ub: int, label: str) -> None:
        """expr <= ub; soft: one unit per unit above ub."""
        if rule.mode == "hard":
            self.model.add(expr <= ub)
        else:
            slack = self.model.new_int_var(0, max(0, slack_ub), f"{name}[{label}]")
            self.model.add(expr <= ub + slack)
            self._penalty(name, rule, slack)

    def at_least(self, name: str, rule: Rule, expr: Any, lb: int, slack_ub: int, label: str) -> None:
        if rule.mode == "hard":
            self.model.add(expr >= lb)
        else:
            slack = self.model.new_int_var(0, max(0, slack_ub), f"{name}[{label}]")
            self.model.add(expr + slack >= lb)
            self._penalty(name, rule, slack)

    def clause(self, name: str, rule: Rule, literals: list[Any], label: str) -> None:
        """At least one literal true (literals may be Python bools, i.e. constants); soft: one unit if none."""
        if any(lit is True for lit in literals):
            return
        lits = [lit for lit in literals if lit is not False]
        if rule.mode == "hard":
            self.model.add_bool_or(lits)
        elif not lits:
            self._penalty(name, rule, 1)
        else:
            v = self.model.new_bool_var(f"{name}[{label}]")
            self.model.add_bool_or([*lits, v])
            self._penalty(name, rule, v)
