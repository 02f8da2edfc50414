"""A textbook CP-SAT model of the Curtois-Qu shift scheduling benchmark: the baseline for `benchmarks/nrp.py`.

Written from the rules in `benchmarks/data/nrp/README.md` only, with no tuning (CP-SAT's default parameters
apart from time limit, workers and seed):
- one boolean x[e, d, s] per employee, day and shift type; at most one per day; work[e, d] = their sum;
- CannotFollow as binary clauses on consecutive days inside the horizon;
- MaxShifts as sums; MinTotalMinutes <= minutes worked <= MaxTotalMinutes;
- maximum consecutive shifts: every window of Max+1 days inside the horizon has at most Max worked days;
- minimum consecutive shifts / days off: the pattern off, on x k, off (resp. on, off x k, on) is forbidden
  for every k < Min, only for blocks that touch neither day 0 nor day H-1 (border exemption);
- one boolean per employee and weekend (>= Saturday's and Sunday's work), their sum <= MaxWeekends;
- days off fixed to 0;
- objective: request penalties plus weighted cover under/over, with integer slacks
  under = max(0, requirement - x), over = x - requirement + under (exact, so CP-SAT's objective value
  always equals the benchmark objective of its roster).

The solution is validated with the project's independent reference (`nrp_violations` must be empty,
`nrp_objective` must equal CP-SAT's objective).

Usage: python benchmarks/textbook_nrp.py INSTANCE [--time-limit 60] [--workers 2] [--seed 0]
prints one JSON line: status, objective, bound, wall_s, time_to_best_s, peak_mib.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from ortools.sat.python import cp_model

from scheduler.nrp import nrp_objective, nrp_violations, parse_nrp


class _Improvements(cp_model.CpSolverSolutionCallback):
    """Records the elapsed time of the last objective improvement."""

    def __init__(self, start: float) -> None:
        super().__init__()
        self.start = start
        self.best: float | None = None
        self.time_to_best: float | None = None

    def on_solution_callback(self) -> None:
        value = self.objective_value
        if self.best is None or value < self.best:
            self.best = value
            self.time_to_best = time.perf_counter() - self.start


def build_textbook(inst):
    """(model, x, objective terms) for an `NrpInstance`; x[e_id, d, s_id] are the shift booleans."""
    m = cp_model.CpModel()
    H = inst.horizon
    shifts = inst.shifts
    length = {s.id: s.length for s in shifts}
    x: dict[tuple[str, int, str], cp_model.IntVar] = {}
    for e in inst.staff:
        for d in range(H):
            for s in shifts:
                x[e.id, d, s.id] = m.new_bool_var(f"x_{e.id}_{d}_{s.id}")

    for e in inst.staff:
        work = []
        for d in range(H):
            w = m.new_bool_var(f"work_{e.id}_{d}")
            # 1. At most one shift per day; work[e, d] is that sum.
            m.add(sum(x[e.id, d, s.id] for s in shifts) == w)
            work.append(w)
        # 9. Days off.
        for d in inst.days_off_of(e.id):
            m.add(work[d] == 0)
        # 2. Rotation: CannotFollow pairs on consecutive days inside the horizon.
        for d in range(H - 1):
            for s in shifts:
                for t in s.cannot_follow:
                    m.add_bool_or([x[e.id, d, s.id].Not(), x[e.id, d + 1, t].Not()])
        # 3. MaxShifts per type.
        for sid, limit in e.max_shifts.items():
            m.add(sum(x[e.id, d, sid] for d in range(H)) <= limit)
        # 4. Total minutes, both bounds hard.
        minutes = sum(length[s.id] * x[e.id, d, s.id] for d in range(H) for s in shifts)
        m.add(minutes <= e.max_total_minutes)
        m.add(minutes >= e.min_total_minutes)
        # 5. Max consecutive shifts: every window of Max+1 days inside the horizon has a day off.
        cmax = e.max_consecutive_shifts
        for a in range(H - cmax):
            m.add(sum(work[a : a + cmax + 1]) <= cmax)
        # 6. Min consecutive shifts: no block off, on x k, off with k < Min inside the horizon.
        for k in range(1, e.min_consecutive_shifts):
            for a in range(1, H - k):  # block a..a+k-1, with a-1 >= 0 and a+k <= H-1
                m.add_bool_or([work[a - 1], *(work[d].Not() for d in range(a, a + k)), work[a + k]])
        # 7. Min consecutive days off: no block on, off x k, on with k < Min inside the horizon.
        for k in range(1, e.min_consecutive_days_off):
            for a in range(1, H - k):
                m.add_bool_or([work[a - 1].Not(), *(work[d] for d in range(a, a + k)), work[a + k].Not()])
        # 8. Max weekends: a weekend counts if Saturday or Sunday is worked.
        weekends = []
        for w in range(H // 7 + 1):
            days = [d for d in (7 * w + 5, 7 * w + 6) if d < H]
            if not days:
                continue
            b = m.new_bool_var(f"weekend_{e.id}_{w}")
            for d in days:
                m.add_implication(work[d], b)
            weekends.append(b)
        m.add(sum(weekends) <= e.max_weekends)

    # Objective.
    terms = []
    for r in inst.on_requests:
        terms.append(r.weight * (1 - x[r.employee, r.day, r.shift]))
    for r in inst.off_requests:
        terms.append(r.weight * x[r.employee, r.day, r.shift])
    for c in inst.cover:
        count = sum(x[e.id, c.day, c.shift] for e in inst.staff)
        under = m.new_int_var(0, max(c.requirement, 0), f"under_{c.day}_{c.shift}")
        m.add_max_equality(under, [0, c.requirement - count])
        over = count - c.requirement + under  # >= 0, and exactly max(0, count - requirement)
        terms.append(c.weight_under * under + c.weight_over * over)
    m.minimize(sum(terms))
    return m, x


def solve_textbook(path: str | Path, time_limit: float = 60, workers: int = 2, seed: int = 0) -> dict:
    """Solve an instance with the textbook model; the roster is checked against the reference."""
    inst = parse_nrp(path)
    start = time.perf_counter()
    model, x = build_textbook(inst)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    cb = _Improvements(start)
    code = solver.solve(model, cb)
    wall = time.perf_counter() - start
    out: dict = {"status": solver.status_name(code), "objective": None, "bound": None, "wall_s": round(wall, 3),
                 "time_to_best_s": None}
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return out
    assignment = {(e, d): s for (e, d, s), var in x.items() if solver.boolean_value(var)}
    violations = nrp_violations(inst, assignment)
    if violations:
        raise AssertionError(f"textbook model: {len(violations)} hard violations, e.g. {violations[0]}")
    objective = round(solver.objective_value)
    reference = nrp_objective(inst, assignment)
    if reference != objective:
        raise AssertionError(f"textbook model: CP-SAT objective {objective} != reference objective {reference}")
    out.update(objective=objective, bound=round(solver.best_objective_bound),
               time_to_best_s=round(cb.time_to_best, 3) if cb.time_to_best is not None else None)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("instance")
    ap.add_argument("--time-limit", type=float, default=60)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    result = solve_textbook(args.instance, args.time_limit, args.workers, args.seed)
    result["peak_mib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
