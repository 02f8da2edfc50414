"""Ctrl-C during a solve, and the solution callback that follows CP-SAT's search."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from typing import Any

from ortools.sat.python import cp_model

from scheduler.model.penalties import POINT
from scheduler.solve.progress import relative_gap


class Watcher(cp_model.CpSolverSolutionCallback):
    """When the first solution came, the latest objective and bound (internal units), and the display.

    `on_progress(elapsed, objective, bound)` receives points; the search stops at the proven `floor`, or
    within `gap` (the settings' relative gap) of it: CP-SAT's own gap limit knows only its own bound."""

    def __init__(self, start: float, on_progress: Callable[[float, float, float], None] | None = None,
                 floor: float = float("-inf"), gap: float = 0.0):
        super().__init__()
        self.start = start
        self.first: float | None = None
        self.on_progress = on_progress
        self.floor = floor
        self.stop_gap = gap
        self.objective: float | None = None
        self.bound = float("-inf")

    def gap(self) -> float:
        gap = relative_gap(self.objective, self.bound)
        return 1.0 if gap is None else gap

    def on_solution_callback(self) -> None:
        now = time.perf_counter() - self.start
        if self.first is None:
            self.first = now
        self.objective = self.objective_value
        self.bound = max(self.bound, self.best_objective_bound)
        if within(self.objective_value / POINT, self.floor, self.stop_gap):
            self.stop_search()
        if self.on_progress:
            bound = max(self.best_objective_bound / POINT, self.floor)
            self.on_progress(now, self.objective_value / POINT, bound)


def within(objective: float, floor: float, gap: float) -> bool:
    """`objective` (points) at the proven `floor` (half an internal unit's tolerance: both are on the
    unit grid), or within the relative `gap` of it: the search has nothing left it is asked to find."""
    if objective * POINT <= floor * POINT + 0.5:
        return True
    found = relative_gap(objective, floor)
    return gap > 0 and found is not None and found <= gap


class Interrupt:
    """Ctrl-C or SIGTERM stops the running CP-SAT search; the best roster found so far is kept."""

    def __init__(self) -> None:
        self.flag = threading.Event()
        self.solver: cp_model.CpSolver | None = None
        self.previous: Any = None
        self.previous_term: Any = None

    def __enter__(self) -> Interrupt:
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handle)
            self.previous_term = signal.signal(signal.SIGTERM, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
            signal.signal(signal.SIGTERM, self.previous_term)

    def _handle(self, signum: int, frame: object) -> None:
        self.flag.set()
        if self.solver is not None:
            self.solver.stop_search()

    def run(self, solver: cp_model.CpSolver, model: cp_model.CpModel,
            callback: cp_model.CpSolverSolutionCallback | None = None) -> cp_model.CpSolverStatus:
        """Solve in a worker thread, so that the main thread stays free to receive Ctrl-C.

        (Python runs signal handlers only in the main thread and only between bytecodes, never
        while it waits inside CP-SAT; CP-SAT's own SIGINT handling is switched off for the same reason.)
        """
        if self.flag.is_set():
            return cp_model.UNKNOWN
        self.solver = solver
        solver.parameters.catch_sigint_signal = False
        result: list[cp_model.CpSolverStatus] = []

        def work() -> None:
            result.append(solver.solve(model, callback) if callback is not None else solver.solve(model))

        try:
            if self.previous is None:  # not the main thread: no Ctrl-C to wait for
                work()
            else:
                worker = threading.Thread(target=work, daemon=True)
                worker.start()
                while worker.is_alive():
                    worker.join(0.2)
            return result[0] if result else cp_model.UNKNOWN
        finally:
            self.solver = None
