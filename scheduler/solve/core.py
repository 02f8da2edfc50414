"""A minimal conflicting set of named constraint groups: CP-SAT's core, then a deletion filter.

`solver.sufficient_assumptions_for_infeasibility()` names groups enough for infeasibility, not always
a minimal set; the deletion filter tries each group of it out in turn (in the groups' order, so the
result depends on the model alone) and keeps it only when the rest has a solution without it. One
worker and a seed make each solve reproducible; the whole search keeps to `seconds`, and a core not
shown minimal in time is returned as such.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.model.guarded import Group, GuardedBuild


@dataclass
class Core:
    groups: list[Group]
    minimal: bool  # False: the time ran out before every group was tried out


class _Trial:
    def __init__(self, built: GuardedBuild, seconds: float, seed: int) -> None:
        self.built = built
        self.deadline = time.monotonic() + seconds
        self.seed = seed
        self.group_of = {lit.index: g for g, lit in built.literals.items()}

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def run(self, groups: list[Group]) -> list[Group] | bool | None:
        """A core among `groups` when they conflict, False when they do not, None when unknown in time."""
        model = self.built.model
        model.clear_assumptions()
        model.add_assumptions([self.built.literals[g] for g in groups])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed
        solver.parameters.max_time_in_seconds = max(0.01, self.left())
        status = solver.solve(model)
        if status == cp_model.INFEASIBLE:
            return sorted(self.group_of[i] for i in solver.sufficient_assumptions_for_infeasibility())
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        return None


def minimal_core(built: GuardedBuild, seconds: float, seed: int = 0) -> Core | None:
    """A minimal set of groups that cannot hold together; None when the guarded model is not shown
    infeasible through its groups (feasible, unknown in time, or infeasible with no group named)."""
    trial = _Trial(built, seconds, seed)
    found = trial.run(sorted(built.literals))
    if not isinstance(found, list) or not found:
        return None
    kept: list[Group] = []
    rest = list(found)
    minimal = True
    while rest:
        group = rest.pop(0)
        if trial.left() <= 0:
            return Core(sorted(kept + [group] + rest), False)
        result = trial.run(kept + rest)
        if isinstance(result, list):  # still infeasible without it: a core within what is left
            rest = [g for g in rest if g in result]
        else:
            kept.append(group)  # needed (or not shown unneeded in time)
            minimal = minimal and result is False
    return Core(sorted(kept), minimal)
