"""The measures a chief compares, computed from a roster and the problem (never from the solver).

Each measure is defined once here; `roster.json`'s `measures`, the terminal summary, the HTML report
and the compare table all read these. Slots are counted exactly as the checker's `coverage_terms`.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from scheduler.problem import Problem
from scheduler.roster import Assignment

HOURS_PER_WEEK = 168


def _slots(problem: Problem, start: int, end: int) -> range:
    s = problem.slot_minutes
    return range(max(0, -(-start // s)), min(problem.n_slots, end // s))


def hour_of_week(problem: Problem) -> list[int]:
    """slot -> local hour of the week (0 = Monday 00:00-01:00).

    Local wall-clock hours, so a daylight-saving week is shown as people live it: the hour the clocks
    skip is empty, the hour they repeat counts twice. slot_minutes divides 60, so a slot is inside one hour.
    """
    out = []
    for t in range(problem.n_slots):
        when = problem.local_time(t * problem.slot_minutes)
        out.append(when.weekday() * 24 + when.hour)
    return out


def _by_hour(how: list[int], per_slot: dict[int, float], hours_per_slot: float) -> list[float]:
    out = [0.0] * HOURS_PER_WEEK
    for t, v in per_slot.items():
        out[how[t]] += v * hours_per_slot
    return [round(v, 4) for v in out]


def compute_measures(problem: Problem, assignments: list[Assignment]) -> dict[str, Any]:
    hours_per_slot = problem.slot_minutes / 60
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    officer_ix = {o.id: o for o in problem.officers}
    on_duty: dict[tuple[int, int], int] = defaultdict(int)
    on_response: dict[tuple[str, str | None, int], int] = defaultdict(int)
    minutes: dict[str, int] = defaultdict(int)
    nights: dict[str, int] = defaultdict(int)
    weekend: dict[str, int] = defaultdict(int)
    hycap_minutes: dict[str, int] = defaultdict(int)
    hycap_by_zone: dict[str, float] = defaultdict(float)
    for a in assignments:
        o = officer_ix[a.officer]
        inst = problem.instance_of(a.day, shift_ix[a.shift])
        k = duty_ix[a.duty]
        minutes[a.officer] += inst.minutes
        nights[a.officer] += problem.shift_types[inst.shift].night
        weekend[a.officer] += problem.is_weekend(a.day)
        duty = problem.duties[k]
        if duty.hycap:
            hycap_minutes[a.officer] += inst.minutes
            hycap_by_zone[duty.host_zone or ""] += inst.minutes / 60
        for t in _slots(problem, inst.start, inst.end):
            if k == 0:
                for skill in [None, *o.skills]:
                    on_response[(o.zone, skill, t)] += 1
            else:
                on_duty[(k, t)] += 1

    how = hour_of_week(problem)
    hotspots = {}
    total_target = total_delivered = 0.0
    full_slots = target_slots = 0
    for d in problem.duties:
        if d.kind != "hotspot":
            continue
        target = sum(d.need.values()) * hours_per_slot
        delivered = sum(min(n, on_duty[(d.index, t)]) for t, n in d.need.items()) * hours_per_slot
        full = sum(1 for t, n in d.need.items() if on_duty[(d.index, t)] >= n)
        hotspots[d.id] = {
            "target_officer_hours": target,
            "delivered_officer_hours": delivered,
            "coverage": round(delivered / target, 4) if target else 1.0,
            "target_slots_fully_covered": round(full / len(d.need), 4) if d.need else 1.0,
            # For the report's heatmap: officer-hours per local hour of the week (weeks summed).
            "by_hour_of_week": {
                "target": _by_hour(how, dict(d.need), hours_per_slot),
                "delivered": _by_hour(how, {t: min(n, on_duty[(d.index, t)]) for t, n in d.need.items()}, hours_per_slot),
            },
        }
        total_target += target
        total_delivered += delivered
        full_slots += full
        target_slots += len(d.need)

    tasks = {}
    unmet_mandatory = 0.0
    for d in problem.duties:
        if d.kind != "task":
            continue
        wanted = sum(d.need.values()) * hours_per_slot
        short = sum(max(0, n - on_duty[(d.index, t)]) for t, n in d.need.items()) * hours_per_slot
        tasks[d.id] = {
            "kind": d.task_kind, "priority": d.priority, "host_zone": d.host_zone,
            "wanted_officer_hours": wanted, "unmet_officer_hours": short,
        }
        if d.priority == "mandatory":
            unmet_mandatory += short

    response_short = 0.0
    response_wanted = 0.0
    response_by_hour: dict[str, dict[str, list[float]]] = {}
    for (zone, skill), need in problem.response_need.items():
        for t, n in need.items():
            response_wanted += n * hours_per_slot
            response_short += max(0, n - on_response[(zone, skill, t)]) * hours_per_slot
        line = response_by_hour.setdefault(skill or "any", {"wanted": [0.0] * HOURS_PER_WEEK, "delivered": [0.0] * HOURS_PER_WEEK})
        for key, per_slot in (
            ("wanted", dict(need)),
            ("delivered", {t: min(n, on_response[(zone, skill, t)]) for t, n in need.items()}),
        ):
            line[key] = [round(a + b, 4) for a, b in zip(line[key], _by_hour(how, per_slot, hours_per_slot), strict=True)]
    cover_short = 0
    cover_count: dict[tuple[int, str | None], int] = defaultdict(int)
    for a in assignments:
        if a.duty == "response":
            inst = problem.instance_of(a.day, shift_ix[a.shift])
            for skill in [None, *officer_ix[a.officer].skills]:
                cover_count[(inst.index, skill)] += 1
    for cn in problem.cover_needs:
        cover_short += max(0, cn.count - cover_count[(cn.instance, cn.skill)])

    overtime = {o.id: max(0, minutes[o.id] - o.target_minutes) / 60 for o in problem.officers}
    # Comparable officers: same zone and contract, available every day of the horizon.
    groups: dict[tuple[str, float], list[str]] = defaultdict(list)
    for o in problem.officers:
        if not o.unavailable:
            groups[(o.zone, o.contract_hours)].append(o.id)
    group_of = {m: f"{zone} {hours:g} h" for (zone, hours), members in groups.items() if len(members) > 1 for m in members}

    def spread(values: dict[str, float]) -> float:
        worst = 0.0
        for members in groups.values():
            if len(members) > 1:
                vals = [values.get(m, 0) for m in members]
                worst = max(worst, max(vals) - min(vals))
        return round(worst, 2)

    hours = {o.id: minutes[o.id] / 60 for o in problem.officers}
    return {
        "hotspot_coverage": round(total_delivered / total_target, 4) if total_target else 1.0,
        "hotspot_target_officer_hours": total_target,
        "hotspot_delivered_officer_hours": total_delivered,
        "hotspot_target_slots_fully_covered": round(full_slots / target_slots, 4) if target_slots else 1.0,
        "hotspots": hotspots,
        "unmet_mandatory_officer_hours": unmet_mandatory,
        "tasks": tasks,
        "response_wanted_officer_hours": response_wanted,
        "response_shortfall_officer_hours": response_short,
        "response_by_hour_of_week": response_by_hour,
        "shift_cover_shortfall_officers": cover_short,
        "overtime_hours": round(sum(overtime.values()), 2),
        "officers_with_overtime": sum(1 for v in overtime.values() if v > 0),
        "hours_worked": round(sum(hours.values()), 2),
        "officers_used": sum(1 for v in minutes.values() if v > 0),
        "officers": len(problem.officers),
        "fairness": {
            "nights_spread": spread(dict(nights)),
            "weekend_shifts_spread": spread(dict(weekend)),
            "hours_spread": spread(hours),
            "hycap_hours_spread": spread({k: v / 60 for k, v in hycap_minutes.items()}),
            "comparable_groups": len([g for g in groups.values() if len(g) > 1]),
        },
        "hycap_hours_given": {z: round(h, 2) for z, h in sorted(hycap_by_zone.items())},
        "hycap_hours_received": {},
        # The distributions behind the fairness spreads (the report's histograms).
        "per_officer": {
            o.id: {
                "name": o.name, "team": o.team, "hours": round(hours[o.id], 2), "nights": nights[o.id],
                "weekend_shifts": weekend[o.id], "hycap_hours": round(hycap_minutes[o.id] / 60, 2),
                "overtime_hours": round(overtime[o.id], 2), "comparable_group": group_of.get(o.id),
            }
            for o in problem.officers
        },
    }
