"""The answer: assignments (officer, day, shift, duty) plus how the solve went.

Plain data, no ortools: the checker, the measures and the writers read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scheduler.problem import Problem


@dataclass(frozen=True, order=True)
class Assignment:
    officer: str
    day: int
    shift: str
    duty: str


@dataclass
class SolveInfo:
    status: str  # OPTIMAL | FEASIBLE | INFEASIBLE | UNKNOWN | MODEL_INVALID
    objective: float | None = None  # points (internal units / 60)
    best_bound: float | None = None
    gap: float | None = None
    wall_time_s: float = 0.0
    build_time_s: float = 0.0
    first_solution_s: float | None = None
    seed: int = 0
    workers: int = 1
    deterministic: bool = False
    interrupted: bool = False
    solver_version: str = ""
    tiers: dict[str, float] = field(default_factory=dict)
    penalties: dict[str, float] = field(default_factory=dict)
    explanation: list[str] = field(default_factory=list)
    zones: dict[str, dict] = field(default_factory=dict)  # per staffing zone, when solved zone by zone


@dataclass
class Roster:
    assignments: list[Assignment]
    info: SolveInfo

    def by_officer(self) -> dict[str, list[Assignment]]:
        out: dict[str, list[Assignment]] = {}
        for a in sorted(self.assignments, key=lambda a: (a.officer, a.day)):
            out.setdefault(a.officer, []).append(a)
        return out


def assign_duties(
    problem: Problem,
    worked: dict[int, list[int]],
    counts: dict[tuple[int, int, int], int],
    classes: list[tuple[int, ...]],
) -> dict[tuple[int, int], int]:
    """Turn per-class duty counts into individual duties, deterministically.

    `worked[i]`: officers on instance i; `counts[(i, k, c)]`: officers of class c doing duty k on i;
    `classes[c]`: the class's officers. Fixed duties are placed first; HyCap missions go to the
    officers with the fewest HyCap minutes so far (instances in time order), the rest by officer order.
    """
    out: dict[tuple[int, int], int] = {}
    hycap_minutes: dict[int, int] = {}
    class_of = {o: c for c, members in enumerate(classes) for o in members}
    for inst in sorted(problem.instances, key=lambda i: (i.start, i.index)):
        i = inst.index
        on = sorted(worked.get(i, []))
        if not on:
            continue
        todo: dict[tuple[int, int], int] = {}
        for o in on:
            c = class_of[o]
            for k in range(1, len(problem.duties)):
                todo[(c, k)] = counts.get((i, k, c), 0)
        free = []
        for o in on:
            fixed = problem.officers[o].fixed.get(i)
            c = class_of[o]
            if fixed is not None and fixed != 0 and todo.get((c, fixed), 0) > 0:
                out[(o, i)] = fixed
                todo[(c, fixed)] -= 1
            elif fixed == 0:
                out[(o, i)] = 0
            else:
                free.append(o)
        for k, duty in enumerate(problem.duties):
            if k == 0:
                continue
            for c in sorted({class_of[o] for o in free}):
                want = todo.get((c, k), 0)
                if not want:
                    continue
                pool = [o for o in free if class_of[o] == c and (o, i) not in out]
                if duty.hycap:
                    pool.sort(key=lambda o: (hycap_minutes.get(o, 0), o))
                for o in pool[:want]:
                    out[(o, i)] = k
                    if duty.hycap:
                        hycap_minutes[o] = hycap_minutes.get(o, 0) + inst.minutes
        for o in free:
            out.setdefault((o, i), 0)
    return out
