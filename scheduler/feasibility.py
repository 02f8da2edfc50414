"""Cheap infeasibility, found before any solve, and the planner's words for slots and unavailability.

A strict task (priority mandatory, `strict: true`) whose headcount is above the officers who may do it
and are free in a slot has no roster: an error, found here from the problem alone. A non-strict
mandatory task in the same case is a warning naming the officer-hours it will leave unmet. A fixed
shift on leave, or one that the clock change makes shorter than a hard `min_service`, is an error too.

`slot_runs`, `span_words`, `officer_words` and `unavailable_words` are shared with the explanation of an
infeasible model (`solve/diagnose.py`), so both speak alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.problem import Duty, Officer, Problem
from scheduler.scenario.loaded import LoadedScenario


@dataclass(frozen=True)
class Finding:
    """One cheap finding: where in the scenario (a loc path, as in `InputProblem.path`), what, how bad."""

    loc: tuple
    message: str
    error: bool


def slot_runs(problem: Problem, need: dict[int, int]) -> list[tuple[tuple[int, ...], tuple[int, ...], int]]:
    """(slots, covering instances, officers wanted) per run of consecutive slots that the same instances
    cover and that want the same count, in time order."""
    cover = problem.covering()
    runs: list[tuple[tuple[int, ...], tuple[int, ...], int]] = []
    for t in sorted(need):
        if need[t] <= 0:
            continue
        key = (tuple(cover[t]), need[t])
        if runs and runs[-1][0][-1] == t - 1 and (runs[-1][1], runs[-1][2]) == key:
            runs[-1] = ((*runs[-1][0], t), *key)
        else:
            runs.append(((t,), *key))
    return runs


def span_words(problem: Problem, start: int, end: int) -> str:
    """'Wed 2026-03-04 09:00-13:00' for absolute minutes [start, end), local time."""
    a, b = problem.local_time(start), problem.local_time(end)
    return f"{a:%a} {a:%Y-%m-%d} {a:%H:%M}-{b:%H:%M}"


def slots_words(problem: Problem, slots: tuple[int, ...]) -> str:
    return span_words(problem, slots[0] * problem.slot_minutes, (slots[-1] + 1) * problem.slot_minutes)


def when_words(problem: Problem, minute: int) -> str:
    """'Wed 2026-03-04 06:00' for an absolute minute, local time."""
    return f"{problem.local_time(minute):%a %Y-%m-%d %H:%M}"


def unavailable_words(problem: Problem, start: int, end: int, reason: str) -> str:
    """'on leave Thu 2026-03-05' (whole days, inclusive) or 'on training from ... to ...'."""
    a, b = problem.local_time(start), problem.local_time(end)
    what = reason or "leave"
    if (a.hour, a.minute, b.hour, b.minute) == (0, 0, 0, 0) and b.date() > a.date():
        last = problem.local_time(end - 1).date()
        days = f"{a:%a %Y-%m-%d}" + (f" .. {last:%a %Y-%m-%d}" if last != a.date() else "")
        return f"on {what} {days}"
    return f"on {what} from {when_words(problem, start)} to {when_words(problem, end)}"


def shift_words(problem: Problem, instance: int) -> str:
    """'shift N (Night) Sat 2026-03-28 23:00-03:00'."""
    inst = problem.instances[instance]
    st = problem.shift_types[inst.shift]
    return f"shift {st.id} ({st.name}) {span_words(problem, inst.start, inst.end)}"


def length_words(problem: Problem, o: Officer, instance: int) -> str:
    """'lasts 3 h (the clock change: 4 h on the clock), less than a service (rule min_service: 4 h, hard)'."""
    inst = problem.instances[instance]
    nominal = problem.shift_types[inst.shift].clock_minutes
    why = f" (the clock change: {nominal / 60:g} h on the clock)" if nominal != inst.minutes else ""
    return (f"lasts {inst.minutes / 60:g} h{why}, less than a service "
            f"(rule min_service: {o.rules.min_service.hours:g} h, hard)")


def blocked_words(problem: Problem, o: Officer, instance: int) -> str:
    """Why an instance is closed to an officer: 'is on leave ...', or 'cannot work shift ...: it lasts 3 h ...'."""
    inst = problem.instances[instance]
    for a, b, reason in o.unavailable:
        if inst.start < b and a < inst.end:
            return "is " + unavailable_words(problem, a, b, reason)
    return f"cannot work {shift_words(problem, instance)}: it {length_words(problem, o, instance)}"


def holders(problem: Problem, duty: Duty) -> list[Officer]:
    """Officers who may do the duty (its skills, its zone)."""
    return [o for o in problem.officers if duty.index in o.duties]


def wanted_words(problem: Problem, duty: Duty, slots: tuple[int, ...], need: int, able: int) -> str:
    """'needs 2 officers with skill s on Wed 2026-03-04 09:00-13:00; 4 hold it'."""
    skill = " with skill " + ", ".join(sorted(duty.skills)) if duty.skills else ""
    held = (f"{able} hold{'s' * (able == 1)} it" if duty.skills else f"{able} may do it")
    return f"needs {need} officer{'s' * (need != 1)}{skill} on {slots_words(problem, slots)}; {held}"


def short_task_words(problem: Problem, duty: Duty, slots: tuple[int, ...], insts: tuple[int, ...], need: int,
                     consequence: str = "") -> str:
    """'task t (strict)<consequence>: it needs 2 officers with skill s on Wed ...; 4 hold it, 1 free then:
    o03 is on leave ...'."""
    able = holders(problem, duty)
    free = [o for o in able if any(i not in o.blocked for i in insts)]
    kind = " (strict)" if duty.strict else ""
    head = f"task {duty.id}{kind}{consequence}: it {wanted_words(problem, duty, slots, need, len(able))}"
    if len(free) < len(able):
        away = [f"{o.id} {blocked_words(problem, o, insts[0])}" for o in able if o not in free]
        head += f", {len(free)} free then: " + "; ".join(away)
    return head


def _task_loc(loaded: LoadedScenario, duty: Duty) -> tuple:
    for i, task in enumerate(loaded.scenario.tasks):
        if duty.id == task.id or duty.id.startswith(task.id + "@"):
            return ("tasks", i, "headcount")
    return ("tasks",)


def task_findings(loaded: LoadedScenario, problem: Problem) -> list[Finding]:
    """Mandatory tasks wanting more officers in a slot than hold the skill and are free then."""
    out = []
    for duty in problem.duties:
        if duty.kind != "task" or duty.priority != "mandatory":
            continue
        able = holders(problem, duty)
        for slots, insts, need in slot_runs(problem, duty.need):
            free = sum(1 for o in able if any(i not in o.blocked for i in insts))
            if free >= need:
                continue
            if duty.strict:
                words = short_task_words(problem, duty, slots, insts, need, " cannot be staffed, no roster exists")
            else:
                hours = (need - free) * len(slots) * problem.slot_minutes / 60
                words = short_task_words(problem, duty, slots, insts, need,
                                         f" will be short: {hours:g} officer-hours unmet")
            out.append(Finding(_task_loc(loaded, duty), words, duty.strict))
    return out


def fixed_findings(loaded: LoadedScenario, problem: Problem) -> list[Finding]:
    """Fixed shifts an officer cannot work: on his leave, or shorter than a hard min_service."""
    out = []
    shift_index = {st.id: st.index for st in problem.shift_types}
    for o, given in zip(problem.officers, loaded.scenario.officers, strict=True):
        for j, f in enumerate(given.fixed):
            inst = problem.instance_of((f.date - problem.start_date).days, shift_index[f.shift])
            if inst.index not in o.blocked:
                continue
            shift = shift_words(problem, inst.index)
            if inst.index in o.short and o.rules.min_service.mode == "hard":
                words = f"officer {o.id} is fixed on {shift}, which {length_words(problem, o, inst.index)}"
            else:
                words = f"officer {o.id} is fixed on {shift}, but {blocked_words(problem, o, inst.index)}"
            out.append(Finding(("officers", o.index, "fixed", j), words + "; no roster exists", True))
    return out


def feasibility_findings(loaded: LoadedScenario, problem: Problem) -> list[Finding]:
    """Every cheap finding, errors and warnings, in scenario order (tasks, then fixed shifts)."""
    return task_findings(loaded, problem) + fixed_findings(loaded, problem)
