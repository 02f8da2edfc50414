"""Coverage per time slot: tasks (mandatory, fill, optional), hotspots, emergency response.

A slot is covered by every officer whose shift covers the whole slot and whose duty is the one
counted. Shortfalls are soft (named penalties) except for strict mandatory tasks, which are hard.

Slots covered by the same instances and wanting the same count have the same shortfall, so they
share one constraint and one shortfall variable weighted by their number (`_same_slots`): exact, and
about four times fewer rows with hourly slots and 4-hour shift boundaries (the plan's coverage rows on
brussels-south: 1,645 to 418), which the LP relaxation of the large models feels most.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.model.penalties import Penalty
from scheduler.model.variables import Variables
from scheduler.problem import Problem

TASK_TERM = {"mandatory": "unmet_mandatory", "fill": "fill_task_shortfall", "optional": "optional_task_shortfall"}
TASK_TIER = {"mandatory": "mandatory", "fill": "hotspot", "optional": "hotspot"}


def _same_slots(cover: list[list[int]], wanted: dict[int, int], weights: dict[int, int] | None = None) -> list[tuple[int, list[int], int, int, int]]:
    """(first slot, covering instances, count wanted, weight multiplier, number of slots) per class of
    slots alike, in the order of their first slots. A slot's multiplier is `weights[t]`, else 1."""
    groups: dict[tuple, list[int]] = {}  # (instances, count, multiplier) -> [first slot, number of slots]
    for t, need in sorted(wanted.items()):
        if need > 0:
            groups.setdefault((tuple(cover[t]), need, (weights or {}).get(t, 1)), [t, 0])[1] += 1
    return [(first, list(insts), need, mult, slots) for (insts, need, mult), (first, slots) in groups.items()]


def add_duty_coverage(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Tasks and hotspots: officers on the duty in each slot vs. the headcount or target wanted."""
    penalties: list[Penalty] = []
    cover = problem.covering()
    by_duty_inst: dict[tuple[int, int], list] = {}
    for (i, k, _c), var in v.n.items():
        by_duty_inst.setdefault((k, i), []).append(var)
    for duty in problem.duties:
        if duty.kind == "response":
            continue
        for t, insts, need, mult, slots in _same_slots(cover, duty.need, duty.need_weight):  # tasks: no weights
            on = [var for i in insts for var in by_duty_inst.get((duty.index, i), [])]
            if duty.kind == "task" and duty.priority == "mandatory" and duty.strict:
                model.add(sum(on) >= need)
                continue
            short = model.new_int_var(0, need, f"short[k={duty.id},t={t}]")
            model.add(sum(on) + short >= need)
            if duty.kind == "task":
                assert duty.priority is not None  # every task has one (problem.py)
                name, tier = TASK_TERM[duty.priority], TASK_TIER[duty.priority]
            else:
                name, tier = "hotspot_shortfall", "hotspot"
            penalties.append(Penalty(name, tier, duty.weight * mult * problem.slot_minutes * slots, short))
    return penalties


def add_response_coverage(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Emergency response: per slot and skill (windows), and per day and shift type (shift cover)."""
    penalties: list[Penalty] = []
    cover = problem.covering()
    w = problem.weights["response_shortfall"] * problem.slot_minutes
    # skills (structural): officers who may not do response (another zone) work only on their other duties.
    for (_i, c), expr in v.response.items():
        if 0 not in v.classes[c].duties and not isinstance(expr, int):
            model.add(expr == 0)

    def on_response(instances: list[int], zone: str, skill: str | None):
        return [
            v.response[(i, c.index)]
            for i in instances
            for c in v.classes
            if c.zone == zone and (skill is None or skill in c.skills)
        ]

    for (zone, skill), need in sorted(problem.response_need.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        for t, insts, count, _, slots in _same_slots(cover, need):
            short = model.new_int_var(0, count, f"short[response,{skill},t={t}]")
            model.add(sum(on_response(insts, zone, skill)) + short >= count)
            penalties.append(Penalty("response_shortfall", "response", w * slots, short))
    for j, cn in enumerate(problem.cover_needs):
        on = sum(on_response([cn.instance], cn.zone, cn.skill))
        if cn.under_weight and cn.count > 0:
            short = model.new_int_var(0, cn.count, f"cover_under[{j}]")
            model.add(on + short >= cn.count)
            penalties.append(Penalty("cover_under", "response", cn.under_weight, short))
        if cn.over_weight:
            over = model.new_int_var(0, len(problem.officers), f"cover_over[{j}]")
            model.add(on - over <= cn.count)
            penalties.append(Penalty("cover_over", "response", cn.over_weight, over))
    return penalties
