"""What the display is told during a solve, and the relative gap it shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    if abs(objective) < 1e-9:
        return 0.0 if abs(bound) < 1e-9 else 1.0
    return max(0.0, (objective - bound) / abs(objective))


@dataclass
class Progress:
    elapsed: float
    objective: float
    bound: float
    stage: str = ""

    @property
    def gap(self) -> float | None:
        return relative_gap(self.objective, self.bound)


ProgressCallback = Callable[[Progress], None]
LogCallback = Callable[[str], object]  # what it returns is ignored (a file's write returns a count)
