"""Patrol plans with CP-SAT: for each shift's hotspot units, visits (hotspot, start, end) that hold each
hotspot's max gap where the units can, at seeded random times.

The model, per zone and shift (the units of one shift share their hours), in the order shifts start:
- per hotspot, N ordered visit *positions* (optional: presence p, start s, length d in the visit range);
  position j+1 is used only after j, and starts at least min_gap after j ends. Ordering the positions
  makes every gap a linear term (s[j+1] - e[j], first from the window's start or the previous shift's last
  visit there, last to the window's end), with an excess variable each: the gap is soft, and its excess
  is what the plan minimises first;
- each position is done by exactly one unit allowed there (y): an optional interval per (position, unit),
  NoOverlap per unit, and for two positions at different hotspots one order literal per unit with the
  travel minutes between them (pairs, not a circuit: a unit's visits per shift are few);
- randomness: per hotspot a seeded random walk of target visits (gaps drawn between min_gap and 3/4 of the
  max gap, lengths in range); after the excess, the objective follows those targets. Another seed draws
  other targets, hence other times, under the same constraints.
A unit patrols the hotspot of its duty; a hotspot of the shift's target time without units of its own is
shared out among the units (round robin, most crowded duty first), so one unit may cover several.
Shifts are planned one after the other: a later shift of the zone takes over the target time from where
the earlier ones end, and keeps min_gap after their last visit at each hotspot.
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


def _allowed(units: list[Unit], spans: list[Span]) -> dict[str, list[Unit]]:
    """Hotspot -> the units that may visit it: its own units; a hotspot without any, shared out."""
    allowed = {s.hotspot: [u for u in units if u.duty == s.hotspot] for s in spans}
    crowded = sorted(units, key=lambda u: (-len(allowed.get(u.duty, [])), u.id))
    orphans = [h for h, us in allowed.items() if not us]
    for k, h in enumerate(orphans):
        allowed[h] = [crowded[k % len(crowded)]] if crowded else []
    return allowed


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
            if all(s >= e2 + setup.travel_minutes(h2, h) or s + d + setup.travel_minutes(h, h2) <= s2
                   for s2, e2, h2 in busy.get(u.id, [])):
                busy.setdefault(u.id, []).append((s, s + d, h))
                kept[h].append((s, d, u.id))
                break
    return kept


def _solve_shift(setup: PatrolSetup, units: list[Unit], spans: list[Span], rng: random.Random, seed: int,
                 work_limit: float) -> list[Visit]:
    m = cp_model.CpModel()
    allowed = _allowed(units, spans)
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
            ys = {u.id: m.new_bool_var("") for u in us}
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
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return []
    return [Visit(solver.value(s), solver.value(e), h, uid)
            for h, p, s, _, e, ys in positions if solver.value(p) for uid, y in ys.items() if solver.value(y)]


def plan_patrols(setup: PatrolSetup, seed: int = 0, work_limit: float = 0.03) -> list[Visit]:
    """Visits for every unit, shift by shift in the order they start (`work_limit`: CP-SAT's deterministic
    time per shift, so that a seed gives one plan on any machine)."""
    rng = random.Random(seed)
    groups: dict[tuple[int, int, str, str], list[Unit]] = {}
    for u in setup.units:
        groups.setdefault((u.start, u.end, u.zone, u.shift), []).append(u)
    visits: list[Visit] = []
    covered: dict[str, int] = {}  # zone -> end of the shifts planned so far
    last: dict[str, int] = {}  # hotspot -> end of its last visit so far
    for (start, end, zone, _), units in sorted(groups.items()):
        spans = _spans(setup, zone, start, end, max(start, covered.get(zone, start)), last)
        new = _solve_shift(setup, units, spans, rng, seed, work_limit) if spans else []
        visits += new
        for v in new:
            last[v.hotspot] = max(last.get(v.hotspot, v.end), v.end)
        covered[zone] = max(covered.get(zone, end), end)
    return sorted(visits)
