"""Duty rosters for police zones on OR-Tools CP-SAT.

The public API, the pipeline in five calls:

    import scheduler
    loaded, problem = scheduler.load_problem("examples/tiny/zone.yaml")
    roster = scheduler.solve_problem(problem, scheduler.settings_for(loaded, time_limit=10))
    result = scheduler.check_roster(problem, roster.assignments)       # the independent checker
    measures = scheduler.compute_measures(problem, roster.assignments)
    scheduler.write_roster("out", problem, scheduler.checked_document(problem, roster))

Names are loaded on first use (PEP 562), so that importing one layer (the checker, the scenario
loader) does not load the solver and OR-Tools with it.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = {
    "load_problem": "scheduler.api",
    "settings_for": "scheduler.api",
    "checked_document": "scheduler.api",
    "build_problem": "scheduler.problem",
    "solve_problem": "scheduler.api",
    "check_roster": "scheduler.check",
    "compute_measures": "scheduler.measures",
    "write_roster": "scheduler.io.roster_files",
    "SolverSettings": "scheduler.scenario.schema",
    "InputError": "scheduler.errors",
}
__all__ = [*_API, "__version__"]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    raise AttributeError(f"module 'scheduler' has no attribute {name!r}")
