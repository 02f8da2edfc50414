"""Day-level patterns: consecutive days, nights, successions, weekends, shifts per type.

A day is worked when a shift starts on it (one shift per day is structural). History shifts are
constants: days before the horizon that the history does not list are days off.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.penalties import POINT, Penalty, Soft
from scheduler.model.variables import Variables
from scheduler.problem import Officer, Problem


def day_value(problem: Problem, v: Variables, o: Officer, d: int, night_only: bool = False):
    """Literal (or bool constant) for 'o works (a night) on day d'."""
    if d < 0:
        return any(h.day == d and (not night_only or problem.shift_types[h.shift].night) for h in o.history)
    if not night_only:
        return v.work[o.index].get(d, False)
    lits = [v.x[o.index][i] for i in problem.by_day[d] if i in v.x[o.index] and problem.shift_types[problem.instances[i].shift].night]
    return sum(lits) if lits else False


def add_max_consecutive_days(model, problem: Problem, v: Variables) -> list[Penalty]:
    """Every 7 consecutive days (rule max_consecutive_days.days + 1) hold a day off.

    Source: practice, implied by weekly rest. Windows may start in the history; days after the
    horizon count as off (the benchmark's semantics). Soft unit: one worked day above the limit.
    """
    return _windows(model, problem, v, "max_consecutive_days", night_only=False)


def add_max_consecutive_nights(model, problem: Problem, v: Variables) -> list[Penalty]:
    """At most 4 (rule max_consecutive_nights.nights) night shifts on consecutive days.

    Source: practice (3-4 nights). Same windows as max_consecutive_days over night shifts.
    """
    return _windows(model, problem, v, "max_consecutive_nights", night_only=True)


def _windows(model, problem: Problem, v: Variables, name: str, night_only: bool) -> list[Penalty]:
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    for o in problem.officers:
        rule = getattr(o.rules, name)
        if rule.mode == "off":
            continue
        limit = rule.nights if night_only else rule.days
        span = limit + 1
        if span > problem.days + 14:
            continue
        for first in range(-span + 1, problem.days - span + 1):
            vals = [day_value(problem, v, o, d, night_only) for d in range(first, first + span)]
            const = sum(1 for val in vals if val is True)
            lits = [val for val in vals if val is not True and val is not False]
            if const + len(lits) <= limit or not lits or const > limit:
                continue
            soft.at_most(name, rule, sum(lits) + const, limit, span - limit, f"o={o.id},d={first}")
    return penalties


def _min_blocks(model, problem: Problem, v: Variables, name: str, off: bool) -> list[Penalty]:
    """Each block (of worked days, or of days off when `off`) starting on day d lasts `days`.

    Clause per (block start d, j in 1..days-1): "not a block start at d, or day d+j is in the block";
    days past the horizon's end are exempt; blocks starting on day 0 or before are exempt when
    `exempt_at_start`, otherwise judged from the history when they reach into the horizon.
    Soft unit: one such day d+j not in the block.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)

    def val(o, d):
        raw = day_value(problem, v, o, d)
        if not off:
            return raw
        if isinstance(raw, bool):
            return not raw
        return raw.Not()

    def neg(x):
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


def add_min_consecutive_days(model, problem: Problem, v: Variables) -> list[Penalty]:
    """Blocks of worked days last at least rule min_consecutive_days.days (practice; benchmark)."""
    return _min_blocks(model, problem, v, "min_consecutive_days", off=False)


def add_min_consecutive_days_off(model, problem: Problem, v: Variables) -> list[Penalty]:
    """Blocks of days off last at least rule min_consecutive_days_off.days (practice; benchmark)."""
    return _min_blocks(model, problem, v, "min_consecutive_days_off", off=True)


def add_forbidden_successions(model, problem: Problem, v: Variables) -> list[Penalty]:
    """Shift a on day d is never followed by shift b on day d+1 (rule forbidden_successions.pairs).

    Source: practice (no night then early). The day before the horizon comes from the history.
    Soft unit: one succession.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    index = {s.id: s.index for s in problem.shift_types}
    for o in problem.officers:
        rule = o.rules.forbidden_successions
        if rule.mode == "off":
            continue
        for a_id, b_id in rule.pairs:
            a, b = index[a_id], index[b_id]
            for d in range(-1, problem.days - 1):
                if d < 0:
                    first: cp_model.IntVar | bool = any(h.day == d and h.shift == a for h in o.history)
                else:
                    first = v.x[o.index].get(problem.instance_of(d, a).index, False)
                second = v.x[o.index].get(problem.instance_of(d + 1, b).index, False)
                if first is False or second is False:
                    continue
                soft.clause(
                    "forbidden_successions", rule,
                    [False if first is True else first.Not(), second.Not()], f"o={o.id},d={d},{a_id}>{b_id}",  # type: ignore[union-attr]  # second: an x literal (False skipped above); mypy widens .get's default to bool
                )
    return penalties


def weekends(problem: Problem) -> list[list[int]]:
    """Weekends touching the horizon: the horizon days among each Saturday and Sunday."""
    out = []
    for w in range((problem.days + 6) // 7):
        days = [d for d in (7 * w + 5, 7 * w + 6) if d < problem.days]
        if days:
            out.append(days)
    return out


def add_max_weekends(model, problem: Problem, v: Variables) -> list[Penalty]:
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


def weekend_rest_conflicts(problem: Problem, xo: dict[int, cp_model.IntVar], week: int, hours: float) -> list[list[int]]:
    """Sets of instances (of one officer's `xo`) that cannot all be worked if week `week`'s weekend is
    to lie in `hours` of uninterrupted rest: each one overlapping Saturday 00:00 - Monday 00:00, and
    each pair around it closer than `hours` (a pair that close means the rest is too short). History
    services end by the horizon's first Monday morning, more than `hours` (at most 120) before any
    horizon weekend's end: never part of a pair."""
    sat, mon = problem.day_start[7 * week + 5], problem.day_start[7 * week + 7]
    owed = round(hours * 60)
    insts = [problem.instances[i] for i in xo]
    out = [[i.index] for i in insts if i.start < mon and sat < i.end]
    before = [i for i in insts if mon - owed < i.end <= sat]
    after = [j for j in insts if mon <= j.start]
    out += [[i.index, j.index] for i in before for j in after if j.start - i.end < owed]
    return out


def weekend_worked(model, problem: Problem, v: Variables, o: Officer, week: int) -> cp_model.IntVar | bool:
    """Literal (or bool constant) for 'o works week `week`'s Saturday or Sunday' (the history for weeks
    before the horizon), made once per officer and week in `v.weekend`."""
    key = (o.index, week)
    if key not in v.weekend:
        values = [day_value(problem, v, o, d) for d in (7 * week + 5, 7 * week + 6) if d < problem.days]
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


def add_rest_after_weekends(model, problem: Problem, v: Variables) -> list[Penalty]:
    """After `weekends` weekends worked in a row (history included), a rest of `hours` around the next.

    Source: Belgian police statute (3 weekends, 60 h). Soft unit: one weekend without that rest.
    Each conflict of `weekend_rest_conflicts` is a clause with the run's weekend literals.
    """
    penalties: list[Penalty] = []
    for o in problem.officers:
        rule = o.rules.rest_after_weekends
        if rule.mode == "off":
            continue
        for week in range((problem.days + 1) // 7):  # weeks whose Saturday is in the horizon
            run = [weekend_worked(model, problem, v, o, week - k) for k in range(1, rule.weekends + 1)]
            if any(val is False for val in run):
                continue
            trigger = [val.Not() for val in run if not isinstance(val, bool)]  # no False (skipped above): = `is not True`
            conflicts = weekend_rest_conflicts(problem, v.x[o.index], week, rule.hours)
            if not conflicts:
                continue
            short = None
            if rule.mode == "soft":
                short = model.new_bool_var(f"rest_after_weekends[o={o.id},w={week}]")
                penalties.append(Penalty("rest_after_weekends", "labour", rule.weight * POINT, short))
            for insts in conflicts:
                model.add_bool_or([*trigger, *(v.x[o.index][i].Not() for i in insts), *([short] if short is not None else [])])
    return penalties


def add_max_shifts_per_type(model, problem: Problem, v: Variables) -> list[Penalty]:
    """At most max_shifts[s] shifts of type s per officer (officer's limits, else the rule's).

    Source: contracts; the benchmark's MaxShifts. Soft unit: one shift above.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    for o in problem.officers:
        rule = o.rules.max_shifts_per_type
        if rule.mode == "off":
            continue
        for s, limit in o.max_shifts.items():
            lits = [v.x[o.index][i] for i in (problem.instance_of(d, s).index for d in range(problem.days))
                    if i in v.x[o.index]]
            if len(lits) > limit:
                soft.at_most("max_shifts_per_type", rule, sum(lits), limit, len(lits) - limit, f"o={o.id},s={s}")
    return penalties
