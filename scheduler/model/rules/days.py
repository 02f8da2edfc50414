"""Days worked, nights, weekends: what the day-level rules (runs, blocks, successions, weekends) read.

A day is worked when a shift starts on it (one shift per day is structural). History shifts are
constants: days before the horizon that the history does not list are days off.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.variables import Variables
from scheduler.problem import Officer, Problem


def worked_on(v: Variables, o: Officer, d: int) -> cp_model.IntVar | bool:
    """Literal (or bool constant) for 'o works on day d'."""
    if d < 0:
        return any(h.day == d for h in o.history)
    return v.work[o.index].get(d, False)


def day_value(problem: Problem, v: Variables, o: Officer, d: int, night_only: bool = False) -> cp_model.LinearExpr | int:
    """Expression (or bool constant) for 'o works (a night) on day d'."""
    if not night_only:
        return worked_on(v, o, d)
    if d < 0:
        return any(h.day == d and problem.shift_types[h.shift].night for h in o.history)
    lits = [v.x[o.index][i] for i in problem.by_day[d] if i in v.x[o.index] and problem.shift_types[problem.instances[i].shift].night]
    return sum(lits) if lits else False


def history_days(problem: Problem, o: Officer, nights: bool) -> set[int]:
    """Days before the horizon the officer worked (a night, when `nights`)."""
    return {h.day for h in o.history if not nights or problem.shift_types[h.shift].night}


def weekends(problem: Problem) -> list[list[int]]:
    """Weekends touching the horizon: the horizon days among each Saturday and Sunday."""
    out = []
    for w in range((problem.days + 6) // 7):
        days = [d for d in (7 * w + 5, 7 * w + 6) if d < problem.days]
        if days:
            out.append(days)
    return out


def weekend_worked(model: cp_model.CpModel, problem: Problem, v: Variables, o: Officer, week: int) -> cp_model.IntVar | bool:
    """Literal (or bool constant) for 'o works week `week`'s Saturday or Sunday' (the history for weeks
    before the horizon), made once per officer and week in `v.weekend`."""
    key = (o.index, week)
    if key not in v.weekend:
        values = [worked_on(v, o, d) for d in (7 * week + 5, 7 * week + 6) if d < problem.days]
        lits = [val for val in values if val is not False]
        if any(val is True for val in lits):
            v.weekend[key] = True
        elif len(lits) <= 1:
            v.weekend[key] = lits[0] if lits else False
        else:
            ww = model.new_bool_var(f"weekend[o={o.id},d={7 * week + 5}]")
            model.add_max_equality(ww, lits)
            v.weekend[key] = ww
    return v.weekend[key]
