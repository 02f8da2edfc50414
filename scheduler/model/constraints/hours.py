"""Working time: max_service_per_24h, max_hours_per_7_days, horizon_minutes."""

from __future__ import annotations

from ortools.sat.python.cp_model import LinearExpr

from scheduler.model.penalties import Penalty, Soft
from scheduler.model.variables import Variables
from scheduler.problem import Problem


def overlap(a: int, b: int, s: int, e: int) -> int:
    return max(0, min(b, e) - max(a, s))


class _WindowTerms:
    """Minutes worked in a window, as terms over an officer's shift variables. Which instances overlap a
    window is the same for every officer, and the terms and their bound the same for every officer with
    the same possible instances (most of them): each is computed once (1,000 officers: 1.8 M overlaps
    -> 35 k)."""

    def __init__(self, problem: Problem, v: Variables) -> None:
        self.problem = problem
        self.v = v
        self.overlaps: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self.shared: dict[tuple, tuple[list[int], list[int], int]] = {}
        self.possible: dict[int, tuple[int, ...]] = {}  # officer -> his possible instances, as a key

    def _overlaps(self, a: int, b: int) -> list[tuple[int, int, int]]:
        """(instance, minutes in [a, b), day) of every instance overlapping the window, in instance order."""
        found = self.overlaps.get((a, b))
        if found is None:
            found = [(inst.index, m, inst.day) for inst in self.problem.instances
                     if (m := overlap(a, b, inst.start, inst.end))]
            self.overlaps[(a, b)] = found
        return found

    def window_sum(self, o, a: int, b: int):
        """(linear expr, constant from history, upper bound) of minutes worked by `o` in [a, b)."""
        xo = self.v.x[o.index]
        possible = self.possible.get(o.index)
        if possible is None:
            possible = self.possible[o.index] = tuple(xo)
        shared = self.shared.get((a, b, possible))
        if shared is None:
            terms = [(i, m, d) for i, m, d in self._overlaps(a, b) if i in xo]
            per_day: dict[int, int] = {}
            for _, m, d in terms:
                per_day[d] = max(per_day.get(d, 0), m)
            shared = [i for i, _, _ in terms], [m for _, m, _ in terms], sum(per_day.values())
            self.shared[(a, b, possible)] = shared
        instances, minutes, most = shared
        const = sum(overlap(a, b, h.start, h.end) for h in o.history)
        return LinearExpr.weighted_sum([xo[i] for i in instances], minutes), const, const + most


def service_windows_24h(problem: Problem, o) -> list[int]:
    """Starts of the 24 h windows judged: every possible shift start in the horizon and every history start."""
    return sorted({inst.start for inst in problem.instances} | {h.start for h in o.history})


def add_min_service(model, problem: Problem, v: Variables) -> list[Penalty]:
    """Every service lasts at least `hours`. Source: Belgian police statute (a planned service, 4 h).

    The shorter shifts are the officer's `short` (problem.py). Hard: they are blocked there (no variable,
    like leave), so every stage (plan, patterns, greedy) keeps to it. Soft unit: one shorter service.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    for o in problem.officers:
        if o.rules.min_service.mode != "soft":
            continue
        for i in sorted(o.short & v.x[o.index].keys()):
            soft.at_most("min_service", o.rules.min_service, v.x[o.index][i], 0, 1, f"o={o.id},i={i}")
    return penalties


def add_max_service_per_24h(model, problem: Problem, v: Variables) -> list[Penalty]:
    """At most 12 h (rule max_service_per_24h.hours) of service in any 24 h from a shift start.

    Source: Belgian police statute (12 h since July 2024). One linear constraint per window start;
    windows that cannot exceed the limit (one shift per day) are skipped. Soft unit: minute above.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    windows = _WindowTerms(problem, v)
    for o in problem.officers:
        rule = o.rules.max_service_per_24h
        if rule.mode == "off":
            continue
        limit = round(rule.hours * 60)
        for a in service_windows_24h(problem, o):
            expr, const, ub = windows.window_sum(o, a, a + 1440)
            if ub <= limit or const > limit:  # a window the history alone breaks is not ours to judge
                continue
            soft.at_most("max_service_per_24h", rule, expr + const, limit, ub - limit, f"o={o.id},t={a}")
    return penalties


def add_max_hours_per_7_days(model, problem: Problem, v: Variables) -> list[Penalty]:
    """At most 50 h (rule max_hours_per_7_days.hours) worked in any 7 consecutive calendar days.

    Source: Belgian police statute (50 h a week). Windows start at each local midnight from 6 days
    before the horizon (history counts) to the last day. Soft unit: minute above.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    windows = _WindowTerms(problem, v)
    for o in problem.officers:
        rule = o.rules.max_hours_per_7_days
        if rule.mode == "off":
            continue
        limit = round(rule.hours * 60)
        for d in range(-6, problem.days):
            a, b = problem.day_start[d], problem.day_start[min(d + 7, problem.days + 1)]
            expr, const, ub = windows.window_sum(o, a, b)
            if ub <= limit or const > limit:  # a window the history alone breaks is not ours to judge
                continue
            soft.at_most("max_hours_per_7_days", rule, expr + const, limit, ub - limit, f"o={o.id},d={d}")
    return penalties


def worked_minutes(problem: Problem, v: Variables, o):
    return sum(problem.instances[i].minutes * lit for i, lit in v.x[o.index].items())


def most_minutes(problem: Problem, v: Variables, o) -> int:
    """The most minutes an officer could work over the horizon (the longest possible shift each day)."""
    return sum(max((problem.instances[i].minutes for i in problem.by_day[d] if i in v.x[o.index]), default=0)
               for d in range(problem.days))


def add_horizon_minutes(model, problem: Problem, v: Variables) -> list[Penalty]:
    """Each officer's min_minutes <= minutes of the shifts worked in the horizon <= max_minutes.

    Source: contracts; the benchmark's MinTotalMinutes/MaxTotalMinutes. Soft unit: minute outside.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    for o in problem.officers:
        rule = o.rules.horizon_minutes
        if rule.mode == "off" or (o.min_minutes is None and o.max_minutes is None):
            continue
        expr = worked_minutes(problem, v, o)
        top = most_minutes(problem, v, o)
        if o.max_minutes is not None and top > o.max_minutes:
            soft.at_most("horizon_minutes", rule, expr, o.max_minutes, top - o.max_minutes, f"o={o.id},max")
        if o.min_minutes:
            soft.at_least("horizon_minutes", rule, expr, o.min_minutes, o.min_minutes, f"o={o.id},min")
    return penalties
