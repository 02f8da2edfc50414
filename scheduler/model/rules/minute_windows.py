"""Minutes worked in sliding windows: max_service_per_24h and max_hours_per_7_days.

Both sum the minutes of services inside a window, history included; a window the history alone
breaks is not judged (the same in the model, the pattern filter and the checker).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from ortools.sat.python import cp_model
from ortools.sat.python.cp_model import LinearExpr

from scheduler.model.pattern_space import PatternSpace, cached, minutes_in
from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.spec import PatternFilter, PlanCounts, RuleSpec, hard
from scheduler.model.variables import OfficerClass, Variables
from scheduler.problem import Officer, Problem


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

    def window_sum(self, o: Officer, a: int, b: int) -> tuple[LinearExpr, int, int]:
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


def windows_24h(problem: Problem, o: Officer) -> list[tuple[int, int]]:
    """The 24 h windows judged: from every possible shift start in the horizon and every history start."""
    starts = sorted({inst.start for inst in problem.instances} | {h.start for h in o.history})
    return [(t, t + 1440) for t in starts]


def windows_7_days(problem: Problem) -> list[tuple[int, int]]:
    """The 7-day windows judged: from each local midnight, 6 days before the horizon (day -6) on."""
    return [(problem.day_start[d], problem.day_start[min(d + 7, problem.days + 1)]) for d in range(-6, problem.days)]


def _add_windows(model: cp_model.CpModel, problem: Problem, v: Variables, rule_id: str,
                 labelled: Callable[[Officer], list[tuple[str, int, int]]]) -> list[Penalty]:
    """One linear constraint per window (label, start, end); windows that cannot exceed the limit are skipped."""
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    windows = _WindowTerms(problem, v)
    for o in problem.officers:
        rule = getattr(o.rules, rule_id)
        if rule.mode == "off":
            continue
        limit = round(rule.hours * 60)
        for label, a, b in labelled(o):
            expr, const, ub = windows.window_sum(o, a, b)
            if ub <= limit or const > limit:  # a window the history alone breaks is not ours to judge
                continue
            soft.at_most(rule_id, rule, expr + const, limit, ub - limit, f"o={o.id},{label}")
    return penalties


def add_max_service_per_24h(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """At most 12 h (rule max_service_per_24h.hours) of service in any 24 h from a shift start.

    Source: Belgian police statute (12 h since July 2024). Soft unit: minute above.
    """
    return _add_windows(model, problem, v, "max_service_per_24h",
                        lambda o: [(f"t={a}", a, b) for a, b in windows_24h(problem, o)])


def add_max_hours_per_7_days(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """At most 50 h (rule max_hours_per_7_days.hours) worked in any 7 consecutive calendar days.

    Source: Belgian police statute (50 h a week). Windows start at each local midnight from 6 days
    before the horizon (history counts) to the last day. Soft unit: minute above.
    """
    labelled = [(f"d={d}", a, b) for d, (a, b) in enumerate(windows_7_days(problem), start=-6)]
    return _add_windows(model, problem, v, "max_hours_per_7_days", lambda o: labelled)


def _window_patterns(space: PatternSpace, o: Officer, rule_id: str, windows: list[tuple[int, int]]) -> PatternFilter | None:
    """Windows the officer's history does not reach are the same test for every officer (one shared
    mask); the others are his own."""
    if not hard(o, rule_id):
        return None
    limit = round(getattr(o.rules, rule_id).hours * 60)
    clear, own = [], []
    for a, b in windows:
        past = sum(overlap(a, b, h.start, h.end) for h in o.history)
        if past == 0:
            clear.append((a, b))
        elif past <= limit:  # a window the history alone breaks is not ours to judge
            own.append((a, b, past))
    key = (rule_id, limit, tuple(clear))
    mask = cached(space, key, lambda: np.logical_and.reduce(
        [minutes_in(space, a, b) <= limit for a, b in clear] + [np.ones(len(space.code), bool)]))

    def own_mask(ids: np.ndarray) -> np.ndarray:
        keep = np.ones(len(ids), dtype=bool)
        for a, b, past in own:
            keep &= minutes_in(space, a, b)[ids] + past <= limit
        return keep

    return PatternFilter(shared=[(key, mask)], own=own_mask if own else None)


def service_24h_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    return _window_patterns(space, o, "max_service_per_24h", windows_24h(problem, o))


def hours_7_days_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    return _window_patterns(space, o, "max_hours_per_7_days", windows_7_days(problem))


def hours_7_days_sums(model: cp_model.CpModel, problem: Problem, c: OfficerClass, y: PlanCounts,
                      feas: list[set[int]]) -> None:
    """The class's minutes inside each 7-day window of the horizon are at most its members' limits."""
    members = [problem.officers[o] for o in c.officers]
    if not all(o.rules.max_hours_per_7_days.mode == "hard" for o in members):
        return
    limit = sum(round(o.rules.max_hours_per_7_days.hours * 60) for o in members)
    for first in range(0, max(1, problem.days - 6)):
        a, b = problem.day_start[first], problem.day_start[min(first + 7, problem.days + 1)]
        # Only the minutes inside the window count, as in the officer's rule.
        model.add(sum(max(0, min(b, i.end) - max(a, i.start)) * y[(i.index, c.index)]
                      for i in problem.instances) <= limit)


MAX_SERVICE_PER_24H = RuleSpec("max_service_per_24h", add_max_service_per_24h,
                               pattern_filter=service_24h_patterns, shift_can_break=True)
MAX_HOURS_PER_7_DAYS = RuleSpec("max_hours_per_7_days", add_max_hours_per_7_days,
                                pattern_filter=hours_7_days_patterns, class_sums=hours_7_days_sums, plan_rank=4,
                                shift_can_break=True)
