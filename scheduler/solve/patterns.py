"""Weekly patterns: each officer's legal sequences of shifts over a short horizon, with their cost.

The pattern space (`model/pattern_space.py`) enumerates every sequence of the horizon once; each rule
module's pattern filter (`RuleSpec.pattern_filter`) removes what the rule forbids when hard, as the
checker reads it, history included. His own terms (overtime, undertime, fairness, requests, soft minimum
blocks and services, a reinforcement officer's cost) price what is left, vectorised. Where a rule is soft
and not priced here, a pattern is not charged for it, so a pattern's cost never exceeds what the checker
charges the officer: the bound built on patterns (`pattern_bound.py`) stays valid.
"""

from __future__ import annotations

import numpy as np

from scheduler.model.pattern_space import PatternSpace, cached
from scheduler.model.penalties import POINT
from scheduler.model.rules import RULES, PatternFilter
from scheduler.model.rules.min_blocks import block_units
from scheduler.problem import Officer, Problem


def legal_patterns(problem: Problem, space: PatternSpace, o: Officer, feasible: set[int]) -> np.ndarray:
    """Indices of the patterns the officer may work: every rule's filter, history included. The service
    against the last history one is in `feasible` (the plan's feasible instances: not blocked, not
    overlapping history, not within the rest owed after it)."""
    filters: list[PatternFilter] = [
        found for rule in RULES
        if rule.pattern_filter is not None and (found := rule.pattern_filter(problem, space, o)) is not None
    ]
    # The masks shared by officers alike are joined once per combination (cached), then each officer's
    # own tests run on the patterns still in.
    shared = [pair for f in filters for pair in f.shared]
    ids = cached(space, ("ids", *(key for key, _ in shared)),
                 lambda: np.flatnonzero(np.logical_and.reduce([mask for _, mask in shared] or [np.ones(len(space.code), bool)])))
    allowed = np.zeros(len(problem.instances) + 1, dtype=bool)
    allowed[list(feasible)] = True
    allowed[-1] = True  # index -1: off
    ids = ids[allowed[space.inst[ids]].all(axis=1)]
    for f in filters:
        if f.own is not None:
            ids = ids[f.own(ids)]
    return ids


def pattern_costs(problem: Problem, space: PatternSpace, o: Officer, ids: np.ndarray) -> np.ndarray:
    """The officer's own terms for patterns `ids`, in internal units (a lower bound of the checker's)."""
    w = problem.weights
    total = space.minutes[ids]
    nights, weekend, code = space.nights[ids], space.weekend[ids], space.code[ids]
    cost = w["overtime"] * np.maximum(0, total - o.target_minutes)
    if o.reinforcement:
        cost = cost + w["reinforcement_officer"] * POINT * (total > 0)
    else:
        cost = cost + w["undertime"] * np.maximum(0, o.target_minutes - total)
    # The k-th night of the running period costs k: this week's n nights after p earlier ones cost
    # p*n + n(n+1)/2 (the model's and the checker's term; without p, last week's night workers look free).
    cost = cost + w["fair_nights"] * POINT * (o.prior_nights * nights + nights * (nights + 1) // 2)
    cost = cost + w["fair_weekends"] * POINT * (o.prior_weekend_shifts * weekend + weekend * (weekend + 1) // 2)
    for r in o.requests:
        if r.day >= problem.days:
            continue
        col = code[:, r.day]
        granted = (col > 0) if r.shift is None else (col == r.shift + 1)
        cost = cost + np.where(granted != r.want, w["requests"] * POINT * r.weight, 0)
    worked = space.worked[ids]
    for rule_id, off in (("min_consecutive_days", False), ("min_consecutive_days_off", True)):
        rule = getattr(o.rules, rule_id)
        if rule.mode == "soft":
            cost = cost + rule.weight * POINT * block_units(problem, worked, o, rule_id, off)
    if o.rules.min_service.mode == "soft" and o.short:
        # An off day (instance -1) reads the last entry, False.
        short = np.zeros(len(problem.instances) + 1, dtype=bool)
        short[list(o.short)] = True
        cost = cost + o.rules.min_service.weight * POINT * short[space.inst[ids]].sum(axis=1)
    return cost.astype(np.int64)
