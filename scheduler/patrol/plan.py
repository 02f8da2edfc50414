"""Patrol plans with CP-SAT: for each group of overlapping shifts' hotspot units, visits (hotspot, start,
end) that hold each hotspot's max gap where the units can, at seeded random times.

The model, per zone and group of overlapping shifts (a late shift and a night shift overlapping 22:00-02:00
are one group; shifts that only touch are not), in the order groups start:
- per hotspot, N ordered visit *positions* (optional: presence p, start s, length d in the visit range);
  position j+1 is used only after j, and starts at least min_gap after j ends. Ordering the positions
  makes every gap a linear term (s[j+1] - e[j], first from the window's start or the previous group's last
  visit there, last to the window's end), with an excess variable each: the gap is soft, and its excess
  is what the plan minimises first. The positions are the hotspot's, whichever shift's unit does them,
  so the max gap counts every shift's visits and two units never crowd a hotspot (min_gap);
- each position is done by exactly one unit allowed there (y), inside that unit's shift with the journey
  from and back to the station: an optional interval per (position, unit), NoOverlap per unit, and for two
  positions at different hotspots one order literal per unit with the travel minutes between them (pairs,
  not a circuit: a unit's visits per shift are few);
- randomness: per hotspot a seeded random walk of target visits (gaps drawn between min_gap and 3/4 of the
  max gap, lengths in range); after the excess, the objective follows those targets. Another seed draws
  other targets, hence other times, under the same constraints.
A unit patrols the hotspot of its duty; a hotspot of a shift's target time without units of its own in
that shift is shared out among the shift's units (round robin, most crowded duty first), so one unit may
cover several. Groups are planned one after the other: a later group of the zone takes over the target
time from where the earlier ones end, and keeps min_gap after their last visit at each hotspot.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from scheduler.patrol.units import PatrolSetup, Unit, Visit, intersect

EXCESS_WEIGHT = 1000  # per minute beyond a max gap: above any sum of target deviations
MISS_WEIGHT = 40  # a target visit left out, or an extra one used


@dataclass(frozen=True)
class Span:
    """A hotspot's part of one shift's plan (absolute minutes)."""

    hotspot: str
    end: int  # the target time's end in this shift
    anchor: int  # where its first gap starts: the target's start, or the last visit before it
    lo: int  # visits start no earlier ...
    hi: int  # ... and end no later


def _spans(setup: PatrolSetup, zone: str, start: int, end: int, frm: int, last: dict[str, int]) -> list[Span]:
    out = []
    for h, rules in sorted(setup.hotspots.items()):
        part = intersect(setup.patrolled.get(h, []), [(frm, end)]) if rules.zone == zone else []
        if not part:
            continue
        a, b = part[0][0], part[-1][1]
        before = last.get(h)
        continuing = before is not None and any(x <= before and y >= a for x, y in setup.patrolled[h])
        lo = max(a, start + rules.station, before + rules.min_gap if before is not None else a)
        out.append(Span(h, b, before if continuing and before is not None else a, lo, min(b, end - rules.station)))
    return out


def _reach(setup: PatrolSetup, u: Unit, hotspot: str) -> tuple[int, int]:
    """When a unit can be at a hotspot: its shift less the journeys from and back to the station."""
    station = setup.hotspots[hotspot].station
    return u.start + station, u.end - station


def _allowed(setup: PatrolSetup, units: list[Unit], spans: list[Span]) -> dict[str, list[Unit]]:
    """Hotspot -> the units that may visit it: its own units; in a shift without any, one of that shift's
    units, shared out. Only units that can reach it within its span for a whole visit."""
    allowed: dict[str, list[Unit]] = {s.hotspot: [] for s in spans}
    shifts: dict[tuple[int, int, str], list[Unit]] = {}
    for u in units:
        shifts.setdefault((u.start, u.end, u.shift), []).append(u)
    for mine in shifts.values():
        own = {s.hotspot: [u for u in mine if u.duty == s.hotspot] for s in spans}
        crowded = sorted(mine, key=lambda u: (-len(own.get(u.duty, [])), u.id))
        orphans = [s.hotspot for s in spans if not own[s.hotspot] and _overlaps(setup, mine[0], s)]
        for k, h in enumerate(orphans):
            own[h] = [crowded[k % len(crowded)]]
        for h, us in own.items():
            allowed[h] += us
    span_of = {s.hotspot: s for s in spans}
    return {h: [u for u in us if _overlaps(setup, u, span_of[h])] for h, us in allowed.items()}


def _near(setup: PatrolSetup, u: Unit, hotspot: str, target: tuple[int, int]) -> bool:
    """Whether a unit can be at the hotspot within a max gap of a target visit."""
    a, b = _reach(setup, u, hotspot)
    slack = setup.hotspots[hotspot].max_gap
    return a <= target[0] + target[1] + slack and b >= target[0] - slack


def _overlaps(setup: PatrolSetup, u: Unit, span: Span) -> bool:
    a, b = _reach(setup, u, span.hotspot)
    return min(b, span.hi) - max(a, span.lo) >= setup.hotspots[span.hotspot].visit_min


def _targets(rng: random.Random, span: Span, vmin: int, vmax: int, min_gap: int, max_gap: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    t = span.anchor
    while True:
        s = max(span.lo, t + round(rng.uniform(min_gap if out else 0, max(min_gap, 0.75 * max_gap))))
        d = rng.randint(vmin, vmax)
        if s + vmin > span.hi:
            return out
        out.append((s, min(d, span.hi - s)))
        t = s + d


def _rules(setup: PatrolSetup, hotspot: str) -> tuple[int, int, int, int]:
    r = setup.hotspots[hotspot]
    return r.visit_min, r.visit_max, r.min_gap, r.max_gap


def _greedy(setup: PatrolSetup, allowed: dict[str, list[Unit]],
            drawn: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int, str]]]:
    """The drawn visits given, in time order, to the first allowed unit free for them with its travel: the
    search's hint (a visit no unit is free for is left out)."""
    busy: dict[str, list[tuple[int, int, str]]] = {}
    kept: dict[str, list[tuple[int, int, str]]] = {h: [] for h in drawn}
    for s, d, h in sorted((s, d, h) for h, ts in drawn.items() for s, d in ts):
        for u in allowed.get(h, []):
            a, b = _reach(setup, u, h)
            if a <= s and s + d <= b and all(s >= e2 + setup.travel_minutes(h2, h) or s + d + setup.travel_minutes(h, h2) <= s2
                   for s2, e2, h2 in busy.get(u.id, [])):
                busy.setdefault(u.id, []).append((s, s + d, h))
                kept[h].append((s, d, u.id))
                break
    return kept


def _solve_group(setup: PatrolSetup, units: list[Unit], spans: list[Span], rng: random.Random, seed: int,
                 work_limit: float) -> list[Visit]:
    m = cp_model.CpModel()
    allowed = _allowed(setup, units, spans)
    cost: list = []
    positions: list[tuple[str, Any, Any, Any, Any, dict[str, Any]]] = []  # hotspot, p, s, d, e, {unit: y}
    drawn = {sp.hotspot: _targets(rng, sp, *_rules(setup, sp.hotspot)) for sp in spans}
    hint = _greedy(setup, allowed, drawn)
    for sp in spans:
        r, us = setup.hotspots[sp.hotspot], allowed[sp.hotspot]
        if not us or sp.hi - sp.lo < r.visit_min:
            continue
        targets, kept = drawn[sp.hotspot], hint[sp.hotspot]
        horizon = sp.end - sp.anchor + r.max_gap
        prev = None
        for j in range(len(targets) + 2):
            p = m.new_bool_var("")
            s = m.new_int_var(sp.lo, sp.hi - r.visit_min, "")
            d = m.new_int_var(r.visit_min, r.visit_max, "")
            e = m.new_int_var(sp.lo + r.visit_min, sp.hi, "")
            m.add(e == s + d)
            gap = m.new_int_var(0, horizon, "")
            cost.append(EXCESS_WEIGHT * gap)
            if prev is None:
                m.add(s - sp.anchor <= r.max_gap + gap).only_enforce_if(p)
                m.add(sp.end - sp.anchor <= r.max_gap + gap).only_enforce_if(~p)
            else:
                m.add_implication(p, prev[0])
                m.add(s >= prev[2] + r.min_gap).only_enforce_if(p)
                m.add(s - prev[2] <= r.max_gap + gap).only_enforce_if(p)
                last = m.new_int_var(0, horizon, "")  # the gap to the window's end after the previous visit
                m.add(sp.end - prev[2] <= r.max_gap + last).only_enforce_if([prev[0], ~p])
                cost.append(EXCESS_WEIGHT * last)
            if j < len(targets):
                ts, td = targets[j]
                dev_s, dev_d = m.new_int_var(0, horizon, ""), m.new_int_var(0, r.visit_max, "")
                m.add_abs_equality(dev_s, s - ts)
                m.add_abs_equality(dev_d, d - td)
                cost += [dev_s, dev_d, MISS_WEIGHT * (1 - p)]
            else:
                cost.append(MISS_WEIGHT * p)
            # The units that may do it: near its target (a group's model stays the size of its shifts'
            # models), or any for the spare positions after the targets; the hint's unit always.
            near = [u for u in us if j >= len(targets) or _near(setup, u, sp.hotspot, targets[j])
                    or (j < len(kept) and u.id == kept[j][2])]
            ys = {u.id: m.new_bool_var("") for u in near}
            for u in near:  # inside the unit's shift (the span may reach beyond it: another shift of the group)
                a, b = _reach(setup, u, sp.hotspot)
                m.add(s >= a).only_enforce_if(ys[u.id])
                m.add(e <= b).only_enforce_if(ys[u.id])
            m.add_hint(p, j < len(kept))
            if j < len(kept):
                m.add_hint(s, kept[j][0])
                m.add_hint(d, kept[j][1])
                for uid, y in ys.items():
                    m.add_hint(y, uid == kept[j][2])
            m.add(sum(ys.values()) == p)
            positions.append((sp.hotspot, p, s, d, e, ys))
            prev = (p, s, e)
        if prev is not None:
            end_gap = m.new_int_var(0, horizon, "")
            m.add(sp.end - prev[2] <= r.max_gap + end_gap).only_enforce_if(prev[0])
            cost.append(EXCESS_WEIGHT * end_gap)
    for u in units:
        own = [(h, s, e, ys[u.id]) for h, _, s, _, e, ys in positions if u.id in ys]
        m.add_no_overlap([m.new_optional_interval_var(s, d, e, ys[u.id], "") for _, _, s, d, e, ys in positions if u.id in ys])
        for i, (h1, s1, e1, y1) in enumerate(own):
            for h2, s2, e2, y2 in own[i + 1:]:
                if h1 != h2 and (t := setup.travel_minutes(h1, h2)):
                    first = m.new_bool_var("")
                    m.add(s2 >= e1 + t).only_enforce_if([y1, y2, first])
                    m.add(s1 >= e2 + t).only_enforce_if([y1, y2, ~first])
    m.minimize(sum(cost))
    solver = cp_model.CpSolver()
    solver.parameters.random_seed = seed
    solver.parameters.num_workers = 1  # one worker: the same seed gives the same plan
    solver.parameters.max_deterministic_time = work_limit
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # out of time before a plan: the hint's visits
        return [Visit(s, s + d, h, uid) for h, kept in hint.items() for s, d, uid in kept]
    return [Visit(solver.value(s), solver.value(e), h, uid)
            for h, p, s, _, e, ys in positions if solver.value(p) for uid, y in ys.items() if solver.value(y)]


def _groups(units: list[Unit]) -> list[list[Unit]]:
    """The units of each zone in groups of overlapping shifts (shifts that only touch are apart), by start."""
    groups: list[list[Unit]] = []
    for zone in sorted({u.zone for u in units}):
        end = None
        for u in sorted((u for u in units if u.zone == zone), key=lambda u: (u.start, u.end, u.id)):
            if end is None or u.start >= end:
                groups.append([])
            groups[-1].append(u)
            end = u.end if end is None or u.start >= end else max(end, u.end)
    return sorted(groups, key=lambda g: (g[0].start, g[0].zone))


def plan_patrols(setup: PatrolSetup, seed: int = 0, work_limit: float = 0.03) -> list[Visit]:
    """Visits for every unit, group of overlapping shifts by group in the order they start (`work_limit`:
    CP-SAT's deterministic time per shift of a group, so that a seed gives one plan on any machine)."""
    rng = random.Random(seed)
    visits: list[Visit] = []
    covered: dict[str, int] = {}  # zone -> end of the groups planned so far
    last: dict[str, int] = {}  # hotspot -> end of its last visit so far
    for units in _groups(setup.units):
        zone, start, end = units[0].zone, min(u.start for u in units), max(u.end for u in units)
        spans = _spans(setup, zone, start, end, max(start, covered.get(zone, start)), last)
        shifts = len({(u.start, u.end, u.shift) for u in units})
        new = _solve_group(setup, units, spans, rng, seed, work_limit * shifts) if spans else []
        visits += new
        for v in new:
            last[v.hotspot] = max(last.get(v.hotspot, v.end), v.end)
        covered[zone] = max(covered.get(zone, end), end)
    return sorted(visits)
