"""The checker's own count of a repaired roster's changes against the published one (plain Python).

Read from the definitions in `scenario/changes.py` (`ChangeWeights`, `Baseline`), not from the model:
officer by officer and day, the published (shift, duty) against the new one. Before `from` nothing may
differ (rule `frozen`, hard). After it, for an officer the roster was published to: the same shift with
another duty is a changed duty; a published shift not worked as published (another shift that day, or
none) a changed shift; a shift on a day he had off a rest-day call-in. Each costs its weight in points
times the notice factor of the shift's start (the published shift's, for a changed one).
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.problem import Problem
from scheduler.roster import Assignment

POINT = 60  # internal units per objective point (see model/penalties.py)


@dataclass(frozen=True)
class Change:
    """One changed assignment: officer, day, what was published and what is now (None: off)."""

    officer: str
    day: int
    before: tuple[str, str] | None  # (shift, duty)
    after: tuple[str, str] | None
    kind: str  # changed_duty | changed_shift | rest_day_call_in | frozen
    cost: int  # internal units

    @property
    def frozen(self) -> bool:
        return self.kind == "frozen"


def roster_changes(problem: Problem, assignments: list[Assignment]) -> list[Change]:
    """Every difference between the published roster (`problem.baseline`) and `assignments`, priced;
    empty without a baseline. Officers added since publication have nothing to differ from."""
    base = problem.baseline
    if base is None:
        return []
    shift_ix = {s.id: s.index for s in problem.shift_types}
    now: dict[tuple[str, int], tuple[str, str]] = {}
    for a in assignments:
        if a.shift in shift_ix and 0 <= a.day < problem.days:
            now.setdefault((a.officer, a.day), (a.shift, a.duty))
    out = []
    for key in sorted(set(base.previous) | set(now)):
        officer, day = key
        before, after = base.previous.get(key), now.get(key)
        if before == after:
            continue
        starts = [problem.instance_of(day, shift_ix[p[0]]).start for p in (before, after) if p is not None]
        if min(starts) < base.from_minute:
            out.append(Change(officer, day, before, after, "frozen", 0))
            continue
        if officer not in base.officers:
            continue
        w = base.weights
        if before is None:
            kind, weight, start = "rest_day_call_in", w.rest_day_call_in, starts[0]
        elif after is not None and after[0] == before[0]:
            kind, weight, start = "changed_duty", w.changed_duty, starts[0]
        else:
            kind, weight, start = "changed_shift", w.changed_shift, starts[0]
        out.append(Change(officer, day, before, after, kind, weight * POINT * base.factor(start)))
    return out
