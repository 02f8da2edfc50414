"""The measures a chief compares, computed from a roster and the problem (never from the solver).

Each measure is defined once here; `roster.json`'s `measures`, the terminal summary, the HTML report
and the compare table all read these. Slots are counted exactly as the checker's `coverage_terms`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scheduler.problem import Problem
from scheduler.roster import Assignment

# Per-zone measures (officer-hours unless said otherwise); a zone is an officer's home zone, a
# hotspot's or task part's zone (the zone whose part of the work it is: for HyCap, the giving zone), a
# task's host zone (received, hosted), or (response) the zone that answers it: a merger's id when merged.
ZONE_MEASURES = (
    "officers", "hours_worked", "overtime_hours", "hotspot_target_officer_hours", "hotspot_delivered_officer_hours",
    "unmet_mandatory_officer_hours", "unmet_mandatory_hosted_officer_hours", "response_shortfall_officer_hours",
    "hycap_hours_given", "hycap_hours_received", "hycap_surplus_hours", "taken_over_hours", "handed_over_hours",
    "outside_region_hours",
)


HOURS_PER_WEEK = 168


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


def _by_hour(how: list[int], per_slot: Mapping[int, float], hours_per_slot: float) -> list[float]:
    out = [0.0] * HOURS_PER_WEEK
    for t, v in per_slot.items():
        out[how[t]] += v * hours_per_slot
    return [round(v, 4) for v in out]


def _slots(problem: Problem, start: int, end: int) -> range:
    s = problem.slot_minutes
    return range(max(0, -(-start // s)), min(problem.n_slots, end // s))


@dataclass(frozen=True)
class OfficerTotals:
    """One officer's week in the units a planner reads (real hours: a DST night counts 7 or 9 h)."""

    hours: float
    nights: int
    weekend_shifts: int
    overtime_hours: float  # above the pro-rata contract


@dataclass
class Coverage:
    """Officers present per slot, counted once for the measures and the spreadsheet's coverage sheet."""

    on_duty: dict[tuple[int, int], int]  # (duty index, slot) -> officers (hotspots and tasks)
    on_response: dict[tuple[str, str | None, int], int]  # (zone, skill or None for all, slot) -> officers
    on_cover: dict[tuple[int, str | None], int]  # (instance, skill or None) -> officers on response


def officer_totals(problem: Problem, assignments: list[Assignment]) -> dict[str, OfficerTotals]:
    """Hours, nights, weekend shifts and overtime of every officer (zeros for officers not rostered)."""
    shift_ix = {s.id: s.index for s in problem.shift_types}
    minutes: dict[str, int] = defaultdict(int)
    nights: dict[str, int] = defaultdict(int)
    weekend: dict[str, int] = defaultdict(int)
    for a in assignments:
        inst = problem.instance_of(a.day, shift_ix[a.shift])
        minutes[a.officer] += inst.minutes
        nights[a.officer] += problem.shift_types[inst.shift].night
        weekend[a.officer] += problem.is_weekend(a.day)
    return {
        o.id: OfficerTotals(minutes[o.id] / 60, nights[o.id], weekend[o.id], max(0, minutes[o.id] - o.target_minutes) / 60)
        for o in problem.officers
    }


def count_coverage(problem: Problem, assignments: list[Assignment]) -> Coverage:
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    officer_ix = {o.id: o for o in problem.officers}
    cov = Coverage(defaultdict(int), defaultdict(int), defaultdict(int))
    for a in assignments:
        o = officer_ix[a.officer]
        inst = problem.instance_of(a.day, shift_ix[a.shift])
        k = duty_ix[a.duty]
        if k == 0:
            for skill in [None, *o.skills]:
                cov.on_cover[(inst.index, skill)] += 1
        for t in _slots(problem, inst.start, inst.end):
            if k == 0:
                for skill in [None, *o.skills]:
                    cov.on_response[(o.zone, skill, t)] += 1
            else:
                cov.on_duty[(k, t)] += 1
    return cov


def compute_measures(problem: Problem, assignments: list[Assignment]) -> dict[str, Any]:
    hours_per_slot = problem.slot_minutes / 60
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    officer_ix = {o.id: o for o in problem.officers}
    hycap_minutes: dict[str, int] = defaultdict(int)  # per officer: his shifts on HyCap duty (fairness)
    zone_hours: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))  # zone -> measure -> hours
    for a in assignments:
        duty = problem.duties[duty_ix[a.duty]]
        home = officer_ix[a.officer].home_zone
        hours = problem.instance_of(a.day, shift_ix[a.shift]).minutes / 60
        zone_hours[home]["hours_worked"] += hours
        if duty.hycap:
            hycap_minutes[a.officer] += round(hours * 60)
        elif duty.for_other_zone:  # work taken over from an exempted zone
            zone_hours[home]["taken_over_hours"] += hours
            zone_hours[duty.host_zone or ""]["handed_over_hours"] += hours
    cov = count_coverage(problem, assignments)
    on_duty, on_response = cov.on_duty, cov.on_response
    totals = officer_totals(problem, assignments)
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
            "coverage": round(delivered / target, 4) if target else None,  # no target: no rate
            "target_slots_fully_covered": round(full / len(d.need), 4) if d.need else None,
            # For the report's heatmap: officer-hours per local hour of the week (weeks summed).
            "by_hour_of_week": {
                "target": _by_hour(how, dict(d.need), hours_per_slot),
                "delivered": _by_hour(how, {t: min(n, on_duty[(d.index, t)]) for t, n in d.need.items()}, hours_per_slot),
            },
        }
        total_target += target
        total_delivered += delivered
        zone_hours[d.home_zone or d.zone]["hotspot_target_officer_hours"] += target
        zone_hours[d.home_zone or d.zone]["hotspot_delivered_officer_hours"] += delivered
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
        staffing, host = d.home_zone or d.zone, d.host_zone or d.zone
        if d.hycap:  # the quota served (officers beyond it in a slot apart), by the giving zone and the host
            served = sum(min(n, on_duty[(d.index, t)]) for t, n in d.need.items()) * hours_per_slot
            zone_hours[staffing]["hycap_hours_given"] += served
            zone_hours[host]["hycap_hours_received"] += served
            zone_hours[staffing]["hycap_surplus_hours"] += sum(
                max(0, on_duty[(d.index, t)] - n) for t, n in d.need.items()) * hours_per_slot
        if d.priority == "mandatory":
            unmet_mandatory += short
            zone_hours[staffing]["unmet_mandatory_officer_hours"] += short
            zone_hours[host]["unmet_mandatory_hosted_officer_hours"] += short

    response_short = 0.0
    response_wanted = 0.0
    response_by_hour: dict[str, dict[str, list[float]]] = {}
    for (zone, skill), need in problem.response_need.items():
        line = response_by_hour.setdefault(skill or "any", {"wanted": [0.0] * HOURS_PER_WEEK, "delivered": [0.0] * HOURS_PER_WEEK})
        for key, per_slot in (
            ("wanted", dict(need)),
            ("delivered", {t: min(n, on_response[(zone, skill, t)]) for t, n in need.items()}),
        ):
            line[key] = [round(a + b, 4) for a, b in zip(line[key], _by_hour(how, per_slot, hours_per_slot), strict=True)]
        for t, n in need.items():
            response_wanted += n * hours_per_slot
            short = max(0, n - on_response[(zone, skill, t)]) * hours_per_slot
            response_short += short
            zone_hours[zone]["response_shortfall_officer_hours"] += short
    cover_short = sum(max(0, cn.count - cov.on_cover[(cn.instance, cn.skill)]) for cn in problem.cover_needs)

    extra = {o.id for o in problem.officers if o.reinforcement}  # staffing-gap officers: no contract
    overtime = {o: t.overtime_hours for o, t in totals.items() if o not in extra}
    # Comparable officers: same zone and contract, available every day of the horizon.
    groups: dict[tuple[str, float], list[str]] = defaultdict(list)
    for o in problem.officers:
        if not o.unavailable and not o.reinforcement:
            groups[(o.zone, o.contract_hours)].append(o.id)

    group_of = {m: f"{zone} {hours:g} h" for (zone, hours), members in groups.items() if len(members) > 1 for m in members}

    def spread(values: dict[str, float]) -> float:
        worst = 0.0
        for members in groups.values():
            if len(members) > 1:
                vals = [values.get(m, 0) for m in members]
                worst = max(worst, max(vals) - min(vals))
        return round(worst, 2)

    worked_hours = {o: t.hours for o, t in totals.items()}
    reinforcements: dict[str, int] = defaultdict(int)
    for o in problem.officers:
        zone_hours[o.home_zone]["overtime_hours"] += overtime.get(o.id, 0.0)
        zone_hours[o.home_zone]["officers"] += not o.reinforcement
        if o.reinforcement and worked_hours[o.id]:
            reinforcements[o.home_zone] += 1
    for w in problem.outside_work:
        zone_hours[w["zone"]]["outside_region_hours"] += w["officer_hours"]
    zones: dict[str, dict[str, Any]] = {}
    # A merger answers response demand as one zone: its shortfall shows under the merger's id.
    extra_zones = sorted(z for z in set(zone_hours) - set(problem.zones) if any(zone_hours[z].values()))
    for z in [*problem.zones, *extra_zones]:
        v = zone_hours.get(z, {})
        target = v.get("hotspot_target_officer_hours", 0.0)
        zones[z] = {k: round(v.get(k, 0.0), 2) for k in ZONE_MEASURES}
        zones[z]["hotspot_coverage"] = round(v.get("hotspot_delivered_officer_hours", 0.0) / target, 4) if target else None
        zones[z]["officers"] = int(v.get("officers", 0))
    return {
        "hotspot_coverage": round(total_delivered / total_target, 4) if total_target else None,
        "hotspot_target_officer_hours": total_target,
        "hotspot_delivered_officer_hours": total_delivered,
        "hotspot_target_slots_fully_covered": round(full_slots / target_slots, 4) if target_slots else None,
        "hotspots": hotspots,
        "unmet_mandatory_officer_hours": unmet_mandatory,
        "tasks": tasks,
        "response_wanted_officer_hours": response_wanted,
        "response_shortfall_officer_hours": response_short,
        "response_by_hour_of_week": response_by_hour,
        "shift_cover_shortfall_officers": cover_short,
        "overtime_hours": round(sum(overtime.values()), 2),
        "officers_with_overtime": sum(1 for v in overtime.values() if v > 0),
        "hours_worked": round(sum(worked_hours.values()), 2),
        "officers_used": sum(1 for t in totals.values() if t.hours > 0),
        "officers": len(problem.officers) - len(extra),
        "fairness": {
            "nights_spread": spread({o: t.nights for o, t in totals.items()}),
            "weekend_shifts_spread": spread({o: t.weekend_shifts for o, t in totals.items()}),
            "hours_spread": spread(worked_hours),
            "hycap_hours_spread": spread({k: v / 60 for k, v in hycap_minutes.items()}),
            "comparable_groups": len([g for g in groups.values() if len(g) > 1]),
        },
        "hycap_hours_given": {z: v["hycap_hours_given"] for z, v in zones.items() if v["hycap_hours_given"]},
        "hycap_hours_received": {z: v["hycap_hours_received"] for z, v in sorted(zones.items()) if v["hycap_hours_received"]},
        "hycap_surplus_hours": {z: v["hycap_surplus_hours"] for z, v in zones.items() if v["hycap_surplus_hours"]},
        "outside_region_officer_hours": round(sum(w["officer_hours"] for w in problem.outside_work), 2),
        "outside_region": problem.outside_work,
        "zones": zones,
        "reinforcements_used": dict(reinforcements),
        # The distributions behind the fairness spreads (the report's histograms).
        "per_officer": {
            o.id: {
                "name": o.name, "team": o.team, "hours": round(totals[o.id].hours, 2), "nights": totals[o.id].nights,
                "weekend_shifts": totals[o.id].weekend_shifts, "hycap_hours": round(hycap_minutes[o.id] / 60, 2),
                "overtime_hours": round(overtime.get(o.id, 0.0), 2), "comparable_group": group_of.get(o.id),
            }
            for o in problem.officers
        },
    }
