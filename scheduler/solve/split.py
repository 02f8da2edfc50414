"""Split a region's problem into one problem per staffing zone, when nothing couples the zones.

HyCap quotas and exempted work are allocated to zones before the solve (scenario/zones.py), so a zone's officers
only ever serve that zone's duties, response demand and shift cover, and every objective term is per
officer, per duty or per (zone, skill): the region's optimum is the sum of the zones' optima. Each
sub-problem is an ordinary Problem (officers and duties renumbered), solved on its own.
"""

from __future__ import annotations

from dataclasses import replace

from scheduler.problem import Officer, Problem


def split_by_zone(problem: Problem) -> list[Problem] | None:
    """One problem per staffing zone, or None when there is one zone or something is shared."""
    zones = list(dict.fromkeys(o.zone for o in problem.officers))
    if len(zones) < 2:
        return None
    duty_zone = {d.index: d.zone for d in problem.duties[1:]}
    if any(z not in zones for z in duty_zone.values()):
        return None  # a task open to every officer, or a duty no officer of its zone could do
    if any(z not in zones for z, _ in problem.response_need) or any(c.zone not in zones for c in problem.cover_needs):
        return None
    if any(k != 0 and duty_zone[k] != o.zone for o in problem.officers for k in o.duties):
        return None
    parts = []
    for zone in zones:
        kept = [problem.duties[0], *(d for d in problem.duties[1:] if d.zone == zone)]
        new_index = {d.index: j for j, d in enumerate(kept)}
        duties = [replace(d, index=j) for j, d in enumerate(kept)]
        officers: list[Officer] = []
        for o in (o for o in problem.officers if o.zone == zone):
            officers.append(replace(
                o, index=len(officers), duties=frozenset(new_index[k] for k in o.duties),
                fixed={i: (new_index[k] if k is not None else None) for i, k in o.fixed.items()},
            ))
        parts.append(replace(
            problem, name=f"{problem.name} / {zone}", zone=zone, officers=officers, duties=duties,
            response_need={key: need for key, need in problem.response_need.items() if key[0] == zone},
            cover_needs=[c for c in problem.cover_needs if c.zone == zone],
            zones=[z for z in problem.zones if problem.staff_zone.get(z, z) == zone],
            outside_work=[w for w in problem.outside_work if problem.staff_zone.get(w["zone"], w["zone"]) == zone],
            _covering=problem._covering,
        ))
    return parts
