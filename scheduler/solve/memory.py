"""Whether a scenario's solve fits in memory, estimated before anything is built.

Peak memory grows with the cells of the largest CP-SAT model the solve builds (officers x days x shift
types: the full model, or under the rolling strategy one window's or one stretch's of the search over
the horizon) and, less, with the whole horizon's
cells (the problem, the staffing plan, the checker). The constants are measured peaks (resident set of
`scheduler solve`, 2 workers; docs/benchmarks.md, "Long horizons"), rounded up.
"""

from __future__ import annotations

from scheduler.solve.budget import (
    COVER_ONLY_WHOLE_HORIZON_MAX,
    HORIZON_AHEAD_DAYS,
    HORIZON_STEP_DAYS,
    HORIZON_STEP_OFFICERS,
    LONG_HORIZON_DAYS,
    ROLLING_LOOKAHEAD_DAYS,
    ROLLING_WINDOW_DAYS,
)

BASE_MIB = 250.0  # the interpreter, OR-Tools and a small model
MODEL_KIB_PER_CELL = 40.0  # a model's cell, from its build to CP-SAT's search on 2 workers
HORIZON_KIB_PER_CELL = 2.0  # a cell of the whole horizon outside the models
LIMIT_MIB = 20 * 1024  # of this machine's 24 GiB, what a solve may take


def model_cells(officers: int, days: int, shift_types: int, strategy: str) -> int:
    """Cells of the largest model a solve of `days` builds: the full model's, or a window's (every
    officer) or a stretch's (at most HORIZON_STEP_OFFICERS officers) when the horizon is rolled. Up to
    COVER_ONLY_WHOLE_HORIZON_MAX officer-days a long horizon may be solved whole (shift cover alone)."""
    if strategy == "rolling" or (days > LONG_HORIZON_DAYS and officers * days > COVER_ONLY_WHOLE_HORIZON_MAX):
        window = officers * min(days, ROLLING_WINDOW_DAYS + ROLLING_LOOKAHEAD_DAYS)
        stretch = min(officers, HORIZON_STEP_OFFICERS) * min(days, HORIZON_STEP_DAYS + HORIZON_AHEAD_DAYS)
        return max(window, stretch) * shift_types
    return officers * days * shift_types


def estimate_mib(officers: int, days: int, shift_types: int, strategy: str = "auto") -> float:
    """The solve's estimated peak memory in MiB."""
    model = model_cells(officers, days, shift_types, strategy)
    horizon = officers * days * shift_types
    return BASE_MIB + (MODEL_KIB_PER_CELL * model + HORIZON_KIB_PER_CELL * horizon) / 1024


def too_large(officers: int, days: int, shift_types: int, strategy: str = "auto") -> str | None:
    """What to say when the solve would not fit in LIMIT_MIB, else None."""
    need = estimate_mib(officers, days, shift_types, strategy)
    if need <= LIMIT_MIB:
        return None
    return (f"{officers} officers x {days} days x {shift_types} shift types would need about {need / 1024:,.1f} GiB "
            f"to solve, more than the {LIMIT_MIB / 1024:g} GiB this machine allows; solve fewer days at a time "
            "(a shorter horizon) or fewer officers (a zone at a time)")
