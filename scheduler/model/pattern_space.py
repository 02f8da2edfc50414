"""Every sequence of one officer's shifts over a short horizon, as arrays: what the rule modules filter
(`RuleSpec.pattern_filter`) and `solve/patterns.py` prices.

A pattern gives each day one shift type or a day off (one shift per calendar day is structural). For
a horizon of at most a week there are at most (shift types + 1) ** days sequences, enumerated once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from scheduler.problem import Problem

MAX_PATTERNS = 2_000_000  # above this many sequences the horizon is too long to enumerate


@dataclass
class PatternSpace:
    """All sequences of the horizon: `code[p, d]` is 0 (off) or shift index + 1."""

    code: np.ndarray  # (N, D) int8
    inst: np.ndarray  # (N, D) instance index, -1 when off
    start: np.ndarray  # (N, D) absolute minutes (0 when off)
    end: np.ndarray  # (N, D)
    worked: np.ndarray  # (N, D) bool
    night: np.ndarray  # (N, D) bool
    minutes: np.ndarray  # (N,) total minutes
    nights: np.ndarray  # (N,)
    weekend: np.ndarray  # (N,) shifts on weekend days
    cache: dict = field(default_factory=dict)  # per-pattern arrays shared by officers (see `cached`)


def enumerable(problem: Problem) -> bool:
    """Whether the horizon's sequences are few enough to enumerate (a week of 5 shift types is)."""
    return (len(problem.shift_types) + 1) ** problem.days <= MAX_PATTERNS


def pattern_space(problem: Problem) -> PatternSpace | None:
    """Every sequence of the horizon, or None when there are too many to enumerate."""
    n_types, days = len(problem.shift_types), problem.days
    if not enumerable(problem):
        return None
    grids = np.indices((n_types + 1,) * days, dtype=np.int8).reshape(days, -1).T
    code = np.ascontiguousarray(grids)
    start_of = np.zeros((days, n_types + 1), dtype=np.int64)
    end_of = np.zeros((days, n_types + 1), dtype=np.int64)
    inst_of = np.full((days, n_types + 1), -1, dtype=np.int64)
    night_of = np.zeros((days, n_types + 1), dtype=bool)
    for d in range(days):
        for s in range(n_types):
            inst = problem.instance_of(d, s)
            start_of[d, s + 1], end_of[d, s + 1], inst_of[d, s + 1] = inst.start, inst.end, inst.index
            night_of[d, s + 1] = problem.shift_types[s].night
    cols = np.arange(days)
    start, end = start_of[cols, code], end_of[cols, code]
    worked = code > 0
    night = night_of[cols, code]
    weekend_days = np.array([problem.is_weekend(d) for d in range(days)])
    return PatternSpace(
        code=code, inst=inst_of[cols, code], start=start, end=end, worked=worked, night=night,
        minutes=(end - start).sum(axis=1), nights=night.sum(axis=1), weekend=(worked & weekend_days).sum(axis=1),
    )


def cached(space: PatternSpace, key: tuple, compute: Callable[[], np.ndarray]) -> np.ndarray:
    """An array over all patterns, computed once and shared by every officer who needs it."""
    if key not in space.cache:
        space.cache[key] = compute()
    return space.cache[key]


def minutes_in(space: PatternSpace, a: int, b: int) -> np.ndarray:
    """Minutes of each pattern inside [a, b) (computed once per window, shared by every officer)."""
    return cached(space, ("minutes", a, b),
                  lambda: np.clip(np.minimum(space.end, b) - np.maximum(space.start, a), 0, None).sum(axis=1))
