"""A hinted roster evaluated exactly, then given to CP-SAT as a complete hint."""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.scenario.schema import SolverSettings
from scheduler.solve.params import solver_parameters


def complete_hint(model: cp_model.CpModel, settings: SolverSettings, time_limit: float) -> cp_model.CpSolver | None:
    """Evaluate the hinted decisions exactly (every hinted variable fixed) and, when they are feasible,
    hint every variable of the model with that solution: CP-SAT starts from a complete hint, while it
    often cannot complete a partial one. Returns the evaluating solver, or None if the hint is infeasible."""
    solver = cp_model.CpSolver()
    solver_parameters(solver, settings, time_limit=time_limit)  # seed and deterministic mode as the search
    solver.parameters.fix_variables_to_their_hinted_value = True
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    model.clear_hints()
    for index in range(len(model.proto.variables)):
        var = model.get_int_var_from_proto_index(index)
        model.add_hint(var, solver.value(var))
    return solver
