"""max_weekends: at most `weekends` weekends worked over the horizon (Saturday or Sunday worked)."""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace
from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.days import weekend_worked, weekends
from scheduler.model.rules.spec import PatternFilter, RuleSpec, hard
from scheduler.model.variables import Variables
from scheduler.problem import Officer, Problem


def add_max_weekends(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """At most rule max_weekends.weekends weekends worked (a weekend is worked if Sat or Sun is).

    Source: Belgian police statute (28 a year); the benchmark's MaxWeekends. Soft unit: one weekend.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    wk = weekends(problem)
    for o in problem.officers:
        rule = o.rules.max_weekends
        if rule.mode == "off" or rule.weekends is None or rule.weekends >= len(wk):
            continue
        worked = [lit for week in range(len(wk)) if (lit := weekend_worked(model, problem, v, o, week)) is not False]
        if len(worked) > rule.weekends:
            soft.at_most("max_weekends", rule, sum(worked), rule.weekends, len(worked), f"o={o.id}")
    return penalties


def max_weekends_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    limit = o.rules.max_weekends.weekends
    if not hard(o, "max_weekends") or limit is None:
        return None

    def own(ids: np.ndarray) -> np.ndarray:
        worked = space.worked[ids]
        weeks = np.zeros(len(ids), dtype=np.int64)
        for week in range((problem.days + 6) // 7):
            weekend = [d for d in range(7 * week, min(problem.days, 7 * week + 7)) if problem.is_weekend(d)]
            if weekend:
                weeks += worked[:, weekend].any(axis=1)
        return weeks <= limit

    return PatternFilter(own=own)


MAX_WEEKENDS = RuleSpec("max_weekends", add_max_weekends, pattern_filter=max_weekends_patterns, shift_can_break=True)
