"""The checker's duty rules: officers on a task or hotspot only where, and only as many as, it wants them.

Plain Python like `check.py` (never ortools, the model or the solver), written from the rules' words in
`scenario/rules.py:STRUCTURAL_RULES`:
- `duty_without_need`: an officer on duty k on a shift that covers no slot where k wants officers (one
  violation per officer and shift, amount 1);
- `duty_surplus`: more officers on duty k on one shift instance than the most k wants in any slot the
  shift covers (one violation per shift instance and duty, amount the officers above).
A slot counts for a shift when the shift covers it whole, as in `coverage_terms`. Response is never
judged here: it has no headcount to exceed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple, Protocol

from scheduler.problem import Problem


class Staffed(Protocol):
    """One worked shift as the checker holds it (`check.Service`)."""

    @property
    def day(self) -> int: ...
    @property
    def shift(self) -> int: ...
    @property
    def duty(self) -> int | None: ...


class Breach(NamedTuple):
    """A hard violation, in the fields of `check.Violation` (which `check_roster` makes of it)."""

    rule: str
    officer: str | None
    day: int | None
    amount: int
    message: str


def duty_staff(problem: Problem, services: Mapping[int, Sequence[Staffed]]) -> dict[tuple[int, int, int], list[str]]:
    """(day, shift, duty) -> ids of the officers on that duty on that shift, for every duty but response."""
    out: dict[tuple[int, int, int], list[str]] = {}
    for o_ix, roster in services.items():
        for s in roster:
            if s.duty:
                out.setdefault((s.day, s.shift, s.duty), []).append(problem.officers[o_ix].id)
    return dict(sorted(out.items()))


def most_wanted(problem: Problem, duty: int, start: int, end: int) -> int:
    """The largest count duty `duty` wants in a slot that [start, end) covers whole (0: none)."""
    size = problem.slot_minutes
    need = problem.duties[duty].need
    slots = range(max(0, -(-start // size)), min(problem.n_slots, end // size))
    return max((need.get(t, 0) for t in slots), default=0)


def _shift_words(problem: Problem, shift: int, start: int, end: int) -> str:
    """The shift as a planner reads it: id and local hours."""
    begin, finish = problem.local_time(start), problem.local_time(end)
    return f"shift {problem.shift_types[shift].id} {begin:%H:%M}-{finish:%H:%M}"


def check_duty_without_need(problem: Problem, staff: dict[tuple[int, int, int], list[str]]) -> list[Breach]:
    out = []
    for (day, shift, k), officers in staff.items():
        inst = problem.instance_of(day, shift)
        if most_wanted(problem, k, inst.start, inst.end):
            continue
        for officer in sorted(officers):
            out.append(Breach("duty_without_need", officer, day, 1,
                              f"on duty '{problem.duties[k].id}' on {_shift_words(problem, shift, inst.start, inst.end)}, "
                              "which covers no slot where it wants officers (0 wanted)"))
    return out


def check_duty_surplus(problem: Problem, staff: dict[tuple[int, int, int], list[str]]) -> list[Breach]:
    out = []
    for (day, shift, k), officers in staff.items():
        inst = problem.instance_of(day, shift)
        wanted = most_wanted(problem, k, inst.start, inst.end)
        if not wanted:
            continue  # none wanted: each officer is a duty_without_need
        # Officers held to the duty there (a repair's shifts already worked) stay, whatever the need says now.
        cap = max(wanted, sum(1 for o in problem.officers if o.fixed.get(inst.index) == k))
        if len(officers) <= cap:
            continue
        out.append(Breach("duty_surplus", None, day, len(officers) - cap,
                          f"{len(officers)} officers ({', '.join(sorted(officers))}) on duty '{problem.duties[k].id}' "
                          f"on {_shift_words(problem, shift, inst.start, inst.end)}, at most {cap} wanted in its slots"))
    return out


def check_duties(problem: Problem, services: Mapping[int, Sequence[Staffed]]) -> list[Breach]:
    """Both duty rules over the roster's services (officer index -> services)."""
    staff = duty_staff(problem, services)
    return check_duty_without_need(problem, staff) + check_duty_surplus(problem, staff)
