"""Structural rules the variables enforce: one_shift_per_day, unavailability, skills, duty_without_need,
duty_surplus.

`model/variables.py` makes `work[o][d]` the sum of the day's `x` (one shift per day), has no `x` for a
blocked shift (leave, and hard min_service: `problem.py`), no duty count `n` for a duty a class may
not do (`Officer.duties`) nor on an instance where the duty wants no officer (`duty_instances`), and
caps the classes' counts of a duty on an instance together at the most it wants in the instance's slots
(`duty_cap`). What is left here is what the other stages read.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.rules.spec import PlanCounts, RuleSpec
from scheduler.model.variables import OfficerClass
from scheduler.problem import Problem


def shifts_per_day_sums(model: cp_model.CpModel, problem: Problem, c: OfficerClass, y: PlanCounts,
                        feas: list[set[int]]) -> None:
    """Each day, the class works at most as many shifts as it has officers who could work that day."""
    for d in range(problem.days):
        on_day = sum(1 for o in c.officers if any(i in feas[o] for i in problem.by_day[d]))
        model.add(sum(y[(i, c.index)] for i in problem.by_day[d]) <= on_day)


# Patterns give each day one shift or none, and legal_patterns keeps to the feasible instances:
# none of the three has a pattern filter of its own.
ONE_SHIFT_PER_DAY = RuleSpec("one_shift_per_day", None, class_sums=shifts_per_day_sums, plan_rank=1,
                             shift_can_break=True)
UNAVAILABILITY = RuleSpec("unavailability", None, shift_can_break=True)
# The greedy roster picks officers of the class the plan counted: skills are judged on the finished roster.
SKILLS = RuleSpec("skills", None)
# Duty counts, not shifts: a pattern or a greedy shift never names a duty (the duty step, the plan's
# counts, and the local moves keep to `duty_instances` and `duty_cap`).
DUTY_WITHOUT_NEED = RuleSpec("duty_without_need", None)
DUTY_SURPLUS = RuleSpec("duty_surplus", None)
