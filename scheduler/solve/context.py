"""What every strategy receives: one run context instead of six loose arguments."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from scheduler.problem import Problem
from scheduler.roster import Roster
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.budget import TimeBudget
from scheduler.solve.interrupt import Interrupt
from scheduler.solve.progress import LogCallback, Progress, ProgressCallback


@dataclass
class RunContext:
    """One solve of one problem: its settings, time budget (started at `start`), display, log and Ctrl-C."""

    problem: Problem
    settings: SolverSettings
    interrupt: Interrupt
    on_progress: ProgressCallback | None = None
    log_callback: LogCallback | None = None
    diagnose: bool = True
    start: float = field(default_factory=time.perf_counter)
    # A roster of a similar problem to start from, if the checker scores it better (`start.py`).
    start_roster: Roster | None = None

    @property
    def budget(self) -> TimeBudget:
        return TimeBudget(self.settings.time_limit, self.start, self.settings.deterministic)

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def progress(self, objective: float, bound: float, stage: str) -> None:
        if self.on_progress:
            self.on_progress(Progress(self.elapsed(), objective, bound, stage))

    def log(self, line: str) -> None:
        if self.log_callback:
            self.log_callback(line)

    def stages(self, prefix: str) -> Callable[[str], None]:
        """The stage announcer of a strategy: the display gets the stage's name, the log a line."""

        def stage(name: str) -> None:
            self.progress(float("nan"), float("nan"), name)
            self.log(f"[{prefix}] {name} (at {self.elapsed():.1f} s)")

        return stage

    @property
    def stopped(self) -> bool:
        return self.interrupt.flag.is_set()
