"""Changes to a published roster (`scheduler repair`): each one costs, by kind and notice.

Only when the problem has a `baseline`; otherwise nothing is added (the model of `solve` is unchanged).
Per officer of the published roster and day whose shifts start after `from`: a published shift not
worked as published costs `changed_shift` (moved to another shift type, or taken away), a shift on a day
the roster gave off costs `rest_day_call_in`. Duties are counts per officer class (`n`), so a changed duty
is counted per instance and class: of the class's officers who keep their published shift, those whose
published duty k is no longer needed that often, max(0, kept_k - n_k); `roster.assign_duties` then keeps
every other officer on his published duty, so the count is exact. Each cost is in points times the
notice factor of the shift's start (`Baseline.factor`).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.penalties import POINT, Penalty
from scheduler.model.variables import Variables
from scheduler.problem import Problem

TIER = "changes"


def add_changes(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    base = problem.baseline
    if base is None:
        return []
    w = base.weights
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    out: list[Penalty] = []
    # (instance, class) -> published duty (-1: a duty the changed scenario no longer has) -> literals
    kept: dict[tuple[int, int], dict[int, list[cp_model.IntVar]]] = {}
    class_of = {o: c.index for c in v.classes for o in c.officers}
    for o in problem.officers:
        if o.id not in base.officers:
            continue  # an added officer had nothing published
        xo = v.x[o.index]
        for d in range(problem.days):
            published = base.previous.get((o.id, d))
            if published is None:
                for i in problem.by_day[d]:
                    inst = problem.instances[i]
                    if inst.start >= base.from_minute and i in xo:
                        out.append(Penalty("rest_day_call_in", TIER, w.rest_day_call_in * POINT * base.factor(inst.start), xo[i]))
                continue
            shift, duty = published
            inst = problem.instance_of(d, shift_ix[shift])
            if inst.start < base.from_minute:
                continue  # frozen: fixed as published
            weight = w.changed_shift * POINT * base.factor(inst.start)
            lit = xo.get(inst.index)
            out.append(Penalty("changed_shift", TIER, weight, 1 if lit is None else 1 - lit))
            if lit is not None:
                kept.setdefault((inst.index, class_of[o.index]), {}).setdefault(duty_ix.get(duty, -1), []).append(lit)
    for (i, c), by_duty in sorted(kept.items()):
        weight = w.changed_duty * POINT * base.factor(problem.instances[i].start)
        for k, lits in sorted(by_duty.items()):
            now = v.response[(i, c)] if k == 0 else v.n.get((i, k, c), 0) if k > 0 else 0
            if isinstance(now, int) and now == 0:
                out.append(Penalty("changed_duty", TIER, weight, sum(lits)))
                continue
            moved = model.new_int_var(0, len(lits), f"changed_duty[i={i},k={k},c={c}]")
            model.add(moved >= sum(lits) - now)
            out.append(Penalty("changed_duty", TIER, weight, moved))
    return out
