"""A minimal conflicting set of groups in the planner's words: the task, the slot (weekday, date, local
hours), officers wanted against officers who hold the skill, and for each of them why they cannot come.

A candidate's reasons are read from the data where they are certain (leave, a service too short, his
history and fixed shifts for rest and hours) and otherwise from the other groups of the set (another
strict task the same day or within his rest).
"""

from __future__ import annotations

from scheduler.feasibility import (
    blocked_words,
    holders,
    length_words,
    shift_words,
    slots_words,
    wanted_words,
    when_words,
)
from scheduler.model.guarded import NOBODY, Group
from scheduler.model.rules.minute_windows import overlap, windows_7_days, windows_24h
from scheduler.model.rules.rest import rest_after
from scheduler.problem import Officer, Problem

# (start, end, label) of a service the officer works for certain: his history, his fixed shifts.
Forced = list[tuple[int, int, str]]


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g} h"


def _forced(problem: Problem, o: Officer, skip: tuple[int, ...]) -> Forced:
    out = [(h.start, h.end, "shift") for h in o.history]
    out += [(problem.instances[i].start, problem.instances[i].end, "fixed shift") for i in o.fixed if i not in skip]
    return sorted(out)


def _task_insts(problem: Problem, g: Group) -> tuple[int, ...]:
    return tuple(problem.covering()[g.slots[0]])


def _task_span(problem: Problem, g: Group) -> str:
    return f"task {problem.duties[g.duty].id} on {slots_words(problem, g.slots)}"


def _rest_words(problem: Problem, o: Officer, insts: tuple[int, ...], others: list[Group]) -> str:
    for i in insts:
        inst = problem.instances[i]
        for start, end, label in _forced(problem, o, insts):
            owed = rest_after(problem, o, end)
            if end <= inst.start < end + owed or inst.start < end and start < inst.end:
                return f"rest after his {label} ending {when_words(problem, end)} ({_hours(owed)} owed)"
            owed = rest_after(problem, o, inst.end)
            if inst.end <= start < inst.end + owed:
                return f"rest before his {label} starting {when_words(problem, start)} ({_hours(owed)} owed)"
        for g in others:
            for j in _task_insts(problem, g):
                other = problem.instances[j]
                first, second = sorted((inst, other), key=lambda x: x.start)
                owed = rest_after(problem, o, first.end)
                if second.start < first.end + owed:
                    return f"rest between this and {_task_span(problem, g)} ({_hours(owed)} owed)"
    return f"rest between services ({_hours(round(o.rules.min_rest.hours * 60))} owed)"


def _window_words(problem: Problem, o: Officer, rule_id: str, insts: tuple[int, ...], others: list[Group]) -> str:
    limit = round(getattr(o.rules, rule_id).hours * 60)
    span = "7 days" if rule_id == "max_hours_per_7_days" else "24 h"
    windows = windows_7_days(problem) if rule_id == "max_hours_per_7_days" else windows_24h(problem, o)
    head = f"{'weekly hours' if span == '7 days' else 'hours in 24 h'} at the cap ({rule_id}: {_hours(limit)} in {span})"
    forced = _forced(problem, o, insts)
    for i in insts:
        inst = problem.instances[i]
        for a, b in windows:
            mine = overlap(a, b, inst.start, inst.end)
            done = sum(overlap(a, b, s, e) for s, e, _ in forced)
            if mine and done + mine > limit:
                return (f"{head}: {_hours(done)} already worked from {when_words(problem, a)} to "
                        f"{when_words(problem, b)} (history and fixed shifts), and this shift adds {_hours(mine)}")
    if others:
        return f"{head}, with " + " and ".join(_task_span(problem, g) for g in others)
    return head


def _fixed_words(problem: Problem, o: Officer, i: int) -> str:
    if i in o.short and o.rules.min_service.mode == "hard":
        return f"{shift_words(problem, i)}, which {length_words(problem, o, i)}"
    return shift_words(problem, i) + (f", but {blocked_words(problem, o, i)}" if i in o.blocked else "")


def rule_words(problem: Problem, o: Officer, rule_id: str, insts: tuple[int, ...], others: list[Group]) -> str:
    """Why rule `rule_id` keeps officer `o` off instances `insts` (or, with none, what it asks of him)."""
    if rule_id in ("min_rest", "no_overlap"):
        return _rest_words(problem, o, insts, others)
    if rule_id in ("max_hours_per_7_days", "max_service_per_24h"):
        return _window_words(problem, o, rule_id, insts, others)
    if rule_id == "fixed":
        return "fixed on " + "; ".join(_fixed_words(problem, o, i) for i in sorted(o.fixed))
    rule = getattr(o.rules, rule_id, None)
    params = {k: val for k, val in (rule.model_dump() if rule is not None else {}).items() if k not in ("mode", "weight")}
    said = ", ".join(f"{k} {val}" for k, val in params.items())
    return f"rule {rule_id}" + (f" ({said})" if said else "")


def _candidate(problem: Problem, o: Officer, g: Group, core: list[Group]) -> str | None:
    """Why officer `o`, who holds the skill, is not one of task group `g`'s officers, as words that follow
    his id (' is on leave ...', ': rest after ...'); None: he can come."""
    insts = _task_insts(problem, g)
    open_ = [i for i in insts if i not in o.blocked]
    if not open_:
        return " " + blocked_words(problem, o, insts[0])
    others = [h for h in core if h.duty != NOBODY and h != g and h.duty in o.duties]
    rules = [h.family for h in core if h.officer == o.index]
    if rules:
        return ": " + "; ".join(rule_words(problem, o, r, tuple(open_), others) for r in rules)
    days = {problem.instances[i].day for i in open_}
    for h in others:
        theirs = [problem.instances[j] for j in _task_insts(problem, h) if j not in o.blocked]
        if any(problem.instances[i].start < t.end and t.start < problem.instances[i].end for i in open_ for t in theirs):
            return f": another strict task at that time ({_task_span(problem, h)})"
        if any(t.day in days for t in theirs):
            return f": one shift per day, also wanted for {_task_span(problem, h)}"
    return None


def task_line(problem: Problem, g: Group, core: list[Group]) -> str:
    duty = problem.duties[g.duty]
    need = duty.need[g.slots[0]]
    able = holders(problem, duty)
    reasons = [(o.id, why) for o in able if (why := _candidate(problem, o, g, core)) is not None]
    line = f"task {duty.id} (strict) {wanted_words(problem, duty, g.slots, need, len(able))}"
    if reasons:
        line += f", {len(able) - len(reasons)} can come: " + "; ".join(who + why for who, why in reasons)
    return line


def core_lines(problem: Problem, core: list[Group], minimal: bool) -> list[str]:
    """The set's groups in words: tasks first (with their candidates), then officers' rules not said yet."""
    tasks = [g for g in core if g.duty != NOBODY]
    said = {o.index for g in tasks for o in holders(problem, problem.duties[g.duty])}
    if len(core) == 1:
        head = "why: this cannot be met"
    else:
        head = f"why: these {len(core)} cannot all be met" + (
            " (leave any one out and a roster exists)" if minimal else
            " (perhaps fewer: the time for the diagnosis ran out before the set was shown minimal)")
    lines = [head]
    lines += [task_line(problem, g, core) for g in tasks]
    for g in core:
        if g.officer != NOBODY and g.officer not in said:
            o = problem.officers[g.officer]
            lines.append(f"officer {o.id}: {rule_words(problem, o, g.family, (), [])}")
        elif g.officer == NOBODY and g.duty == NOBODY:
            lines.append(f"the whole family '{g.family}' (its constraints are not split by officer or slot)")
    return lines


__all__ = ["core_lines", "rule_words"]
