"""An independent plain-Python reference of the Curtois-Qu objective and hard rules, with their exact
border semantics, for tests and benchmarks. It reads the instance only, never the scenario or the solver.
"""

from __future__ import annotations

from collections.abc import Mapping

from scheduler.nrp.format import NrpInstance


def _roster(inst: NrpInstance, assignment: Mapping[tuple[str, int], str | None]) -> dict[str, list[str | None]]:
    """Employee -> shift id or None per day; malformed entries raise ValueError."""
    shifts = inst.shift_by_id
    roster: dict[str, list[str | None]] = {e.id: [None] * inst.horizon for e in inst.staff}
    for (emp, day), shift in assignment.items():
        if emp not in roster:
            raise ValueError(f"assignment: unknown employee {emp!r}")
        if not isinstance(day, int) or not 0 <= day < inst.horizon:
            raise ValueError(f"assignment: day {day!r} of {emp!r} is outside the horizon 0..{inst.horizon - 1}")
        if shift is not None and shift not in shifts:
            raise ValueError(f"assignment: unknown shift {shift!r} for {emp!r} on day {day}")
        roster[emp][day] = shift
    return roster


def nrp_objective(inst: NrpInstance, assignment: Mapping[tuple[str, int], str | None]) -> int:
    """The benchmark objective of an assignment {(EmpID, day): ShiftID} (absent or None = day off)."""
    roster = _roster(inst, assignment)
    total = 0
    for r in inst.on_requests:
        if roster[r.employee][r.day] != r.shift:
            total += r.weight
    for r in inst.off_requests:
        if roster[r.employee][r.day] == r.shift:
            total += r.weight
    for c in inst.cover:
        x = sum(1 for days in roster.values() if days[c.day] == c.shift)
        if x < c.requirement:
            total += c.weight_under * (c.requirement - x)
        elif x > c.requirement:
            total += c.weight_over * (x - c.requirement)
    return total


def _blocks(flags: list[bool], value: bool) -> list[tuple[int, int]]:
    """Maximal runs [first, last] of days whose flag equals `value`."""
    out = []
    start = None
    for d, f in enumerate([*flags, not value]):
        if f == value and start is None:
            start = d
        elif f != value and start is not None:
            out.append((start, d - 1))
            start = None
    return out


def nrp_violations(inst: NrpInstance, assignment: Mapping[tuple[str, int], str | None]) -> list[str]:
    """Hard-rule violations (README rules 2-9; rule 1 holds by the mapping's shape), one line each."""
    roster = _roster(inst, assignment)
    shifts = inst.shift_by_id
    h = inst.horizon
    out: list[str] = []
    for e in inst.staff:
        days = roster[e.id]
        worked = [s is not None for s in days]
        # 2. Rotation, pairs inside the horizon.
        for d in range(h - 1):
            s, t = days[d], days[d + 1]
            if s is not None and t is not None and t in shifts[s].cannot_follow:
                out.append(f"rule 2 (rotation): {e.id} works {t} on day {d + 1} after {s} on day {d}")
        # 3. Shifts per type.
        for sid, limit in e.max_shifts.items():
            n = sum(1 for s in days if s == sid)
            if n > limit:
                out.append(f"rule 3 (max shifts): {e.id} works {n} shifts {sid}, at most {limit}")
        # 4. Total minutes.
        minutes = sum(shifts[s].length for s in days if s is not None)
        if minutes > e.max_total_minutes:
            out.append(f"rule 4 (max total minutes): {e.id} works {minutes} min, at most {e.max_total_minutes}")
        if minutes < e.min_total_minutes:
            out.append(f"rule 4 (min total minutes): {e.id} works {minutes} min, at least {e.min_total_minutes}")
        # 5-7. Blocks of worked days and of days off.
        for a, b in _blocks(worked, True):
            n = b - a + 1
            if n > e.max_consecutive_shifts:
                out.append(
                    f"rule 5 (max consecutive shifts): {e.id} works days {a}..{b}, {n} in a row, "
                    f"at most {e.max_consecutive_shifts}"
                )
            if n < e.min_consecutive_shifts and a > 0 and b < h - 1:
                out.append(
                    f"rule 6 (min consecutive shifts): {e.id} works days {a}..{b}, {n} in a row, "
                    f"at least {e.min_consecutive_shifts}"
                )
        for a, b in _blocks(worked, False):
            n = b - a + 1
            if n < e.min_consecutive_days_off and a > 0 and b < h - 1:
                out.append(
                    f"rule 7 (min consecutive days off): {e.id} is off days {a}..{b}, {n} in a row, "
                    f"at least {e.min_consecutive_days_off}"
                )
        # 8. Weekends: Saturday 7w+5 or Sunday 7w+6 worked.
        weekends = sorted({d // 7 for d in range(h) if worked[d] and d % 7 in (5, 6)})
        if len(weekends) > e.max_weekends:
            out.append(
                f"rule 8 (max weekends): {e.id} works {len(weekends)} weekends ({', '.join(map(str, weekends))}), "
                f"at most {e.max_weekends}"
            )
        # 9. Days off.
        for d in sorted(inst.days_off_of(e.id)):
            if worked[d]:
                out.append(f"rule 9 (days off): {e.id} works {days[d]} on day off {d}")
    return out
