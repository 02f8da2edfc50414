"""The model for a diagnosis: every group of hard constraints enforced only if its own literal is true.

A group is one strict task's run of slots (`duty_coverage`), one hard rule for one officer, or, where
a family cannot be split (response coverage, the workload terms), the whole family. Solved with every
group literal as an assumption, an infeasible model gives a core of groups (`solve/diagnose.py`).

The normal model (`build.build_model`) is not touched: its CP-SAT proto is the same whether or not a
diagnosis ever runs. Here the rule modules run one officer at a time (a copy of the problem with that
officer alone; the variables are indexed by officer, so they are shared), and `GuardedModel` adds the
current group's literal to every constraint they add. Definitions (`work` = the day's shifts, duty counts
within the shift, a weekend literal) are not guarded: they never conflict on their own. Soft coverage
is left out: a shortfall variable always satisfies it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ortools.sat.python import cp_model

from scheduler.feasibility import slot_runs
from scheduler.model.build import FAMILIES
from scheduler.model.rules import RULES
from scheduler.model.variables import Variables, add_variables
from scheduler.problem import Problem

RULE_IDS = frozenset(rule.id for rule in RULES)
NOBODY = -1


@dataclass(frozen=True, order=True)
class Group:
    """A named group of constraints: (family, officer) or (duty_coverage, duty, slots) or (family)."""

    family: str
    officer: int = NOBODY
    duty: int = NOBODY
    slots: tuple[int, ...] = ()


class GuardedModel(cp_model.CpModel):
    """A CpModel whose constraints are enforced only if the current group's literal is true."""

    def __init__(self) -> None:
        super().__init__()
        self.group: Group | None = None
        self.literals: dict[Group, cp_model.IntVar] = {}  # made on a group's first constraint

    def _guarded(self, ct: cp_model.Constraint) -> cp_model.Constraint:
        if self.group is not None:
            lit = self.literals.get(self.group)
            if lit is None:
                lit = self.literals[self.group] = self.new_bool_var(f"guard[{self.group}]")
            ct.only_enforce_if(lit)
        return ct

    def add(self, ct: Any, *args: Any, **kwargs: Any) -> cp_model.Constraint:
        return self._guarded(super().add(ct, *args, **kwargs))

    def add_bool_or(self, *literals: Any) -> cp_model.Constraint:
        return self._guarded(super().add_bool_or(*literals))

    def add_bool_and(self, *literals: Any) -> cp_model.Constraint:
        return self._guarded(super().add_bool_and(*literals))

    def add_implication(self, a: Any, b: Any) -> cp_model.Constraint:
        return self._guarded(super().add_implication(a, b))

    def add_at_most_one(self, *literals: Any) -> cp_model.Constraint:
        if self.group is None:
            return super().add_at_most_one(*literals)
        flat = list(literals[0]) if len(literals) == 1 and not isinstance(literals[0], cp_model.IntVar) else list(literals)
        return self.add(sum(flat) <= 1)  # a linear row: enforcement works on it in every CP-SAT version


@dataclass
class GuardedBuild:
    model: GuardedModel
    vars: Variables

    @property
    def literals(self) -> dict[Group, cp_model.IntVar]:
        return self.model.literals


def add_strict_coverage(model: GuardedModel, problem: Problem, v: Variables) -> None:
    """Strict mandatory tasks: officers on the duty >= headcount, one group per run of slots alike."""
    by_duty_inst: dict[tuple[int, int], list] = {}
    for (i, k, _c), var in v.n.items():
        by_duty_inst.setdefault((k, i), []).append(var)
    for duty in problem.duties:
        if not (duty.kind == "task" and duty.priority == "mandatory" and duty.strict):
            continue
        for slots, insts, need in slot_runs(problem, duty.need):
            model.group = Group("duty_coverage", duty=duty.index, slots=slots)
            on = [var for i in insts for var in by_duty_inst.get((duty.index, i), [])]
            model.add(sum(on) >= need if on else model.new_constant(0) >= need)
    model.group = None


def build_guarded_model(problem: Problem) -> GuardedBuild:
    """The hard part of the model, each group guarded by its literal (`GuardedModel.literals`); no objective."""
    model = GuardedModel()
    v = add_variables(model, problem)
    for name, add in FAMILIES:
        if name == "duty_coverage":
            add_strict_coverage(model, problem, v)
        elif name in RULE_IDS:
            for o in problem.officers:
                model.group = Group(name, officer=o.index)
                add(model, replace(problem, officers=[o]), v)
        else:
            model.group = Group(name)
            add(model, problem, v)
    model.group = None
    return GuardedBuild(model, v)
