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
    published = published_duties(problem)
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
        surplus = _surplus(free, i, todo, class_of, published)
        for k, duty in enumerate(problem.duties):
            if k == 0:
                continue
            for c in sorted({class_of[o] for o in free}):
                want = todo.get((c, k), 0)
                pool = [o for o in free if class_of[o] == c and (o, i) not in out]
                for _ in range(min(want, len(pool))):
                    o = min(pool, key=lambda o: (_rank(published, surplus, o, i, c, k),
                                                 hycap_minutes.get(o, 0) if duty.hycap else 0, o))
                    pool.remove(o)
                    had = published.get((o, i))
                    if had is not None and had != k:
                        surplus[(c, had)] = surplus.get((c, had), 0) - 1
                    out[(o, i)] = k
                    if duty.hycap:
                        hycap_minutes[o] = hycap_minutes.get(o, 0) + inst.minutes
        for o in free:
            out.setdefault((o, i), 0)
    return out


def duties_of(problem: Problem, assignments: list[Assignment]) -> dict[tuple[int, int], int]:
    """(officer, instance) -> duty of `assignments` (ids of `problem`): the inverse of
    `model.readout.to_assignments`."""
    officer_ix = {o.id: o.index for o in problem.officers}
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    return {(officer_ix[a.officer], problem.instance_of(a.day, shift_ix[a.shift]).index): duty_ix[a.duty]
            for a in assignments}


def published_duties(problem: Problem) -> dict[tuple[int, int], int]:
    """(officer, instance) -> duty of the published roster a repair starts from (-1: a duty no longer in
    the scenario); empty without one."""
    base = problem.baseline
    if base is None:
        return {}
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    out = {}
    for o in problem.officers:
        for d in range(problem.days):
            if (o.id, d) in base.previous:
                shift, duty = base.previous[(o.id, d)]
                out[(o.index, problem.instance_of(d, shift_ix[shift]).index)] = duty_ix.get(duty, -1)
    return out


def _surplus(free: list[int], i: int, todo: dict[tuple[int, int], int], class_of: dict[int, int],
             published: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """(class, duty) -> how many of the class's officers on instance i who had that duty must lose it:
    more had it than the counts keep (response: the officers no duty takes)."""
    had: dict[tuple[int, int], int] = {}
    size: dict[int, int] = {}
    for o in free:
        size[class_of[o]] = size.get(class_of[o], 0) + 1
        if (o, i) in published:
            key = (class_of[o], published[(o, i)])
            had[key] = had.get(key, 0) + 1
    kept = {(c, k): n for (c, k), n in todo.items() if k}
    for c, n in size.items():
        kept[(c, 0)] = n - sum(m for (cc, _k), m in kept.items() if cc == c)
    return {(c, k): n - kept.get((c, k), 0) for (c, k), n in had.items() if n > kept.get((c, k), 0)}


def _rank(published: dict[tuple[int, int], int], surplus: dict[tuple[int, int], int], o: int, i: int, c: int, k: int) -> int:
    """A repair keeps published duties: first who had duty k on instance i, then who was not on it, then
    who loses his duty anyway (a surplus); without a published roster, every officer alike."""
    if not published:
        return 0
    had = published.get((o, i))
    if had == k:
        return 0
    if had is None:
        return 1
    return 2 if surplus.get((c, had), 0) > 0 else 3
