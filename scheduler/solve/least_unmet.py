"""The least mandatory work any roster of a problem must leave unmet: a proven range, for `compare`.

The objective trades unmet mandatory work against everything else (docs/objective.md: orders of
magnitude, not a strict order), so its bound proves nothing about unmet hours alone. This solve asks the
question on its own: the same model, every hard rule, minimising only the mandatory shortfall. Its bound
is a floor no roster goes below; the found roster's own unmet hours (or the solve's, if fewer) are a
ceiling. A policy that leaves mandatory work unmet under a floor above the baseline's ceiling has made
that work impossible, not merely unfound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ortools.sat.python import cp_model

from scheduler.model.build import BuiltModel, build_model
from scheduler.model.constraints.coverage import TASK_TERM
from scheduler.problem import Problem
from scheduler.roster import Assignment, duties_of
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.budget import HINT_SECONDS
from scheduler.solve.full import add_hint
from scheduler.solve.hint import complete_hint
from scheduler.solve.params import solver_parameters
from scheduler.solve.repair import duties_hint

# The search's time per problem. Started from the roster, brussels-region's zones (160-450 officers) prove
# their least in 1.7-6.7 s, build and hint included; its merged 1,810 officers find no roster in it
# (benchmarks/least_unmet.py, docs/benchmarks.md).
LEAST_UNMET_SECONDS = 10.0
UNMET_TERM = TASK_TERM["mandatory"]


@dataclass(frozen=True)
class UnmetRange:
    """The least unmet mandatory officer-hours of any roster lies in [low, high]."""

    low: float
    high: float

    def as_dict(self) -> dict[str, float]:
        return {"low": round(self.low, 2), "high": round(self.high, 2)}


def least_unmet(problem: Problem, settings: SolverSettings, found_hours: float,
                seconds: float = LEAST_UNMET_SECONDS, roster: list[Assignment] | None = None) -> UnmetRange:
    """[proven floor, ceiling] of the mandatory officer-hours any roster of `problem` leaves unmet;
    `found_hours` is a roster's own (a ceiling). Nothing to solve when it is 0; [0, found] when the solve
    ends with no roster in its time (the merged region's 1,810 officers at 10 s). `roster`: that roster
    (its officers of `problem` are read), the search's start."""
    if found_hours <= 0:
        return UnmetRange(0.0, 0.0)
    # Every mandatory task weighs 1 internal unit per officer-minute short (a task's own weight aside: the
    # question is hours, not points), so the objective counts officer-minutes.
    duties = [replace(d, weight=1) if d.kind == "task" and d.priority == "mandatory" else d for d in problem.duties]
    built = build_model(replace(problem, duties=duties))
    terms = [(p.weight, p.expr) for p in built.penalties if p.name == UNMET_TERM and p.weight]
    built.model.minimize(cp_model.LinearExpr.sum([w * e for w, e in terms]))
    if roster:
        _hint(problem, built, roster, settings)
    solver = cp_model.CpSolver()
    solver_parameters(solver, settings.model_copy(update={"relative_gap": 0.0}), time_limit=seconds)
    status = solver.solve(built.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return UnmetRange(0.0, found_hours)  # nothing proven in the time: the roster's own is the ceiling
    # Officer-minutes short are whole: a bound of 59.9999999 (CP-SAT's float) proves 60. The floor is at
    # most any roster's hours, `found_hours` too (tests/test_compare_unmet.py, on seeded random scenarios).
    floor_minutes = max(0, math.ceil(solver.best_objective_bound - 1e-6))
    return UnmetRange(floor_minutes / 60, min(found_hours, solver.objective_value / 60))


def _hint(problem: Problem, built: BuiltModel, roster: list[Assignment], settings: SolverSettings) -> None:
    """The roster as a complete hint (evaluated exactly first; left partial if it breaks a hard rule)."""
    ids = {o.id for o in problem.officers}
    add_hint(built, duties_hint(problem, duties_of(problem, [a for a in roster if a.officer in ids])))
    complete_hint(built.model, settings, HINT_SECONDS)
