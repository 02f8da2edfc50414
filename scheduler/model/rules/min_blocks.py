"""Blocks of days: min_consecutive_days (worked) and min_consecutive_days_off (off), the same border
semantics for both.

On a partial roster (days not yet decided count as off) a block of work is short until its next
days are placed: the greedy roster judges both rules on the finished roster (`shift_can_break` False).
"""

from __future__ import annotations

import numpy as np
from ortools.sat.python import cp_model, cp_model_helper

from scheduler.model.pattern_space import PatternSpace
from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.days import history_days, worked_on
from scheduler.model.rules.spec import PatternFilter, RuleSpec, hard
from scheduler.model.variables import Variables
from scheduler.problem import Officer, Problem

# A day worked (or off), or its negation; a constant for days before the horizon and days without a shift.
DayLiteral = cp_model_helper.Literal | bool


def _min_blocks(model: cp_model.CpModel, problem: Problem, v: Variables, name: str, off: bool) -> list[Penalty]:
    """Each block (of worked days, or of days off when `off`) starting on day d lasts `days`.

    Clause per (block start d, j in 1..days-1): "not a block start at d, or day d+j is in the block";
    days past the horizon's end are exempt; blocks starting on day 0 or before are exempt when
    `exempt_at_start`, otherwise judged from the history when they reach into the horizon.
    Soft unit: one such day d+j not in the block.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)

    def val(o: Officer, d: int) -> DayLiteral:
        raw = worked_on(v, o, d)
        if not off:
            return raw
        if isinstance(raw, bool):
            return not raw
        return raw.Not()

    def neg(x: DayLiteral) -> DayLiteral:
        return (not x) if isinstance(x, bool) else x.Not()

    for o in problem.officers:
        rule = getattr(o.rules, name)
        k = rule.days
        if rule.mode == "off" or k <= 1:
            continue
        first = 1 if rule.exempt_at_start else -(k - 1)
        for d in range(first, problem.days):
            if d <= 0 and not all(val(o, p) is True for p in range(d, 0)):
                continue  # a history block that ended before the horizon
            for j in range(1, k):
                p = d + j
                if p >= problem.days:
                    break
                lits = [val(o, d - 1), neg(val(o, d)), val(o, p)]
                # All constants and none true (a history block running into days the officer is
                # unavailable) is a breach too: `clause` makes it infeasible or a fixed penalty.
                soft.clause(name, rule, lits, f"o={o.id},d={d},j={j}")
    return penalties


def add_min_consecutive_days(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Blocks of worked days last at least rule min_consecutive_days.days (practice; benchmark)."""
    return _min_blocks(model, problem, v, "min_consecutive_days", off=False)


def add_min_consecutive_days_off(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Blocks of days off last at least rule min_consecutive_days_off.days (practice; benchmark)."""
    return _min_blocks(model, problem, v, "min_consecutive_days_off", off=True)


def block_units(problem: Problem, worked: np.ndarray, o: Officer, rule_id: str, off: bool) -> np.ndarray:
    """Units of a minimum-block rule for each pattern's `worked` days (the checker's check_min_blocks):
    days missing from short blocks. Also what `solve/patterns.pattern_costs` charges when soft."""
    rule = getattr(o.rules, rule_id)
    k = rule.days
    units = np.zeros(len(worked), dtype=np.int64)
    if rule.mode == "off" or k <= 1:
        return units
    past = history_days(problem, o, False)
    n = len(worked)

    def on(d: int) -> np.ndarray:
        if d < 0:
            return np.full(n, (d in past) != off)
        if d >= problem.days:
            return np.zeros(n, dtype=bool)
        return worked[:, d] != off

    first = 1 if rule.exempt_at_start else -(k - 1)
    for d in range(first, problem.days):
        if d + k - 1 < 0:
            continue
        starts = ~on(d - 1) & on(d)
        if d <= 0 and not all(((p in past) != off) for p in range(d, 0)):
            continue
        missing = sum((~on(d + j)).astype(np.int64) for j in range(1, k) if 0 <= d + j < problem.days)
        units += np.where(starts, missing, 0)
    return units


def _block_patterns(space: PatternSpace, problem: Problem, o: Officer, rule_id: str, off: bool) -> PatternFilter | None:
    if not hard(o, rule_id):
        return None
    return PatternFilter(own=lambda ids: block_units(problem, space.worked[ids], o, rule_id, off) == 0)


def days_block_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    return _block_patterns(space, problem, o, "min_consecutive_days", off=False)


def days_off_block_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter | None:
    return _block_patterns(space, problem, o, "min_consecutive_days_off", off=True)


MIN_CONSECUTIVE_DAYS = RuleSpec("min_consecutive_days", add_min_consecutive_days, pattern_filter=days_block_patterns)
MIN_CONSECUTIVE_DAYS_OFF = RuleSpec("min_consecutive_days_off", add_min_consecutive_days_off,
                                    pattern_filter=days_off_block_patterns)
