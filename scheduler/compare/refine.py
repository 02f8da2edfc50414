"""Effort where it decides (`compare --until-decided`): after the first pass, more solving time goes to the
solves whose gaps keep a verdict open, the largest contribution first, until every verdict is decided or
the time is spent.

A policy's proven range is the sum of its zones' (`verdicts.py`): a zone whose problem is the baseline's
adds [0, 0], any other adds the gaps (objective - bound) of its two solves. A range narrows only where a
gap closes, so each round picks the solve (a zone's problem, by fingerprint, or a whole scenario solved as
one) whose gap, summed over the open verdicts it widens, is largest; solves it again with twice the time
it had, keeping the better roster and the better bound (`solve/shared.best_of`); and rebuilds the
scenarios that hold it without solving (their other problems stay as they were). The region's verdicts
come first, then the zones'. A solve that moved neither its roster nor its bound is not tried again:
its bound is what the formulation proves, and more time is better spent elsewhere.

The time counted is the re-solves' own (their limits in deterministic mode, so such a run stops after the
same rounds); loading and checking come on top.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from scheduler import solve as solving
from scheduler.api import load_problem, settings_for
from scheduler.compare.spec import CompareSettings, ScenarioResult
from scheduler.compare.verdicts import ProvenRange, region_range, zone_ranges
from scheduler.problem import Problem
from scheduler.roster import Roster
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.shared import ZoneRosters, best_of, zone_fingerprint
from scheduler.solve.split import split_by_zone
from scheduler.solve.zones import zone_union

# A re-solve shorter than this rarely moves a bound; the last one gets what is left if it is at least this.
MIN_RESOLVE_SECONDS = 10.0
# A re-solve that narrows its gap by less than this share of it has stalled (not tried again).
STALLED = 0.01

WHOLE = ""  # the "zone" of a scenario solved as one problem


@dataclass(frozen=True)
class Target:
    """An open verdict: a policy's on the region's objective (zone None) or on one zone's."""

    policy: str
    zone: str | None


@dataclass
class Decided:
    """What the re-solves did and what stayed open, for compare.json (`decided`) and the notes."""

    cap_s: float
    spent_s: float = 0.0
    rounds: list[dict[str, Any]] = field(default_factory=list)
    undecided: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"cap_s": self.cap_s, "spent_s": round(self.spent_s, 1), "rounds": self.rounds,
                "undecided": self.undecided}

    def notes(self) -> list[str]:
        lines = [f"until decided: {len(self.rounds)} re-solves in {self.spent_s:,.0f} s of {self.cap_s:,.0f} s"]
        lines += [f"{u['policy']}{' zone ' + u['zone'] if u['zone'] else ''}: undecided, {u['why']}"
                  for u in self.undecided]
        return lines


def units(result: ScenarioResult) -> dict[str, str]:
    """The solves a scenario's roster is made of: zone -> fingerprint (WHOLE for one problem)."""
    zones = result.summary.get("zones") or {}
    if zones:
        return {z: v["fingerprint"] for z, v in zones.items() if v.get("fingerprint")}
    whole = result.summary.get("fingerprint")
    return {WHOLE: whole} if whole else {}


def _gap_points(roster: Roster) -> float:
    """How much a solve widens a range: objective - bound (the objective itself when nothing is proven)."""
    info = roster.info
    if info.objective is None:
        return 0.0
    return info.objective - (info.best_bound if info.best_bound is not None else 0.0)


def _comparable(result: ScenarioResult) -> bool:
    return result.error is None and not result.spec.changes_objective and result.summary.get("objective") is not None


def open_targets(results: list[ScenarioResult]) -> list[Target]:
    """The verdicts worked on: the region's open ones, or when all are decided, the zones' open ones."""
    every = all_open(results)
    region = [t for t in every if t.zone is None]
    return region or every


def all_open(results: list[ScenarioResult]) -> list[Target]:
    """Verdicts whose proven range holds zero (or has no bound): the region's, then the zones'."""
    base = results[0]
    if base.error is not None:
        return []
    region: list[Target] = []
    zones: list[Target] = []
    for r in results[1:]:
        if not _comparable(r):
            continue
        rng = region_range(base.summary, r.summary)
        if rng is None or rng.kind == "undecided":
            region.append(Target(r.spec.name, None))
        for z, zr in zone_ranges(base.summary, r.summary).items():
            if zr is None or zr.kind == "undecided":
                zones.append(Target(r.spec.name, z))
    return region + zones


def widening(results: list[ScenarioResult], target: Target) -> list[str]:
    """The fingerprints of the solves whose gaps make up the target's range (a shared zone adds none)."""
    base = results[0]
    other = next(r for r in results if r.spec.name == target.policy)
    a, b = units(base), units(other)
    if target.zone is not None:
        zones = [target.zone]
    elif set(a) == set(b) and WHOLE not in a:
        zones = list(a)  # the region's range is the sum of its zones'
    else:
        return sorted(set(a.values()) | set(b.values()))  # from the totals: every solve counts
    return sorted({fp for z in zones if a.get(z) != b.get(z) for fp in (a.get(z), b.get(z)) if fp})


def _holder(results: list[ScenarioResult], fp: str) -> tuple[ScenarioResult, str]:
    for r in results:
        for z, f in units(r).items():
            if f == fp:
                return r, z
    raise KeyError(fp)


def _loaded(path: str, result: ScenarioResult, compare: CompareSettings) -> tuple[Problem, SolverSettings]:
    """The scenario's problem and its solver settings, as its first solve had them."""
    loaded, problem = load_problem(path, policies=result.spec.policies)
    return problem, settings_for(loaded, time_limit=compare.time_limit, workers=compare.workers, seed=compare.seed,
                                 deterministic=compare.deterministic)


def decide(path: str, results: list[ScenarioResult], compare: CompareSettings, pool: ZoneRosters, cap_s: float,
           rebuild: Callable[[ScenarioResult, Problem, Roster], ScenarioResult],
           say: Callable[[str], None] | None = None) -> tuple[list[ScenarioResult], Decided]:
    """Re-solve, widest contribution first, until every verdict is decided or `cap_s` seconds of solving
    are spent. `pool`: every solve of the first pass (fingerprint -> roster); `rebuild` turns a scenario
    and its new roster into its result (checked, measured, written)."""
    decided = Decided(cap_s)
    results = list(results)
    limits = {fp: max(r.info.wall_time_s, MIN_RESOLVE_SECONDS / 2) for fp, r in pool.items()}
    stalled: set[str] = set()
    while True:
        targets = open_targets(results)
        scores: dict[str, float] = {}
        for t in targets:
            for fp in widening(results, t):
                if fp in pool and fp not in stalled and _gap_points(pool[fp]) > 0:
                    scores[fp] = scores.get(fp, 0.0) + _gap_points(pool[fp])
        left = cap_s - decided.spent_s
        if not scores or left < MIN_RESOLVE_SECONDS:
            break
        fp = min(scores, key=lambda f: (-scores[f], f))
        holder, zone = _holder(results, fp)
        limit = min(max(2 * limits[fp], MIN_RESOLVE_SECONDS), left)
        problem, settings = _loaded(path, holder, compare)
        settings = settings.model_copy(update={"time_limit": limit})
        if zone != WHOLE:
            problem = next(p for p in split_by_zone(problem) or [] if p.zone == zone)
        if zone_fingerprint(problem, settings) != fp:
            raise RuntimeError(f"{holder.spec.name} zone {zone or 'all'}: its problem changed during compare")
        before = pool[fp]
        where = f"{holder.spec.name}{' zone ' + zone if zone else ''}"
        if say:
            say(f"until decided: {where} again for {limit:g} s (gap {_gap_points(before):,.0f} points)")
        again = solving.solve_one(problem, settings, None, None, False, before)  # from its best roster so far
        # A deterministic run counts the limit (the same rounds every run); otherwise the time taken.
        decided.spent_s += limit if settings.deterministic else min(limit, again.info.wall_time_s)
        limits[fp] = limit
        pool[fp] = best_of(before, again)
        if _gap_points(before) - _gap_points(pool[fp]) < STALLED * _gap_points(before):
            stalled.add(fp)
        was_open = set(all_open(results))
        for i, r in enumerate(results):
            if fp in units(r).values():
                results[i] = _rebuilt(path, r, compare, pool, rebuild)
        now_open = set(all_open(results))
        decided.rounds.append({
            "scenario": holder.spec.name, "zone": zone or None, "time_limit_s": round(limit, 1),
            "before": [before.info.objective, before.info.best_bound],
            "after": [pool[fp].info.objective, pool[fp].info.best_bound],
            "decided": sorted(_label(t) for t in was_open - now_open),
        })
        if again.info.interrupted:
            break
    decided.undecided = _why_open(results, pool, stalled, decided.spent_s >= cap_s - MIN_RESOLVE_SECONDS)
    return results, decided


def _label(t: Target) -> str:
    return t.policy if t.zone is None else f"{t.policy} zone {t.zone}"


def _rebuilt(path: str, result: ScenarioResult, compare: CompareSettings, pool: ZoneRosters,
             rebuild: Callable[[ScenarioResult, Problem, Roster], ScenarioResult]) -> ScenarioResult:
    """The scenario's roster again from its solves in `pool` (no solving), checked and measured."""
    problem, settings = _loaded(path, result, compare)
    parts_of = units(result)
    if WHOLE in parts_of:
        return rebuild(result, problem, pool[parts_of[WHOLE]])
    zones = result.summary.get("zones") or {}
    parts = split_by_zone(problem) or []
    prints = [zones[p.zone]["fingerprint"] for p in parts]
    rosters = [pool[f] for f in prints]
    reused = [bool(zones[p.zone].get("shared")) for p in parts]
    wall = sum(r.info.wall_time_s for r, shared in zip(rosters, reused, strict=True) if not shared)
    return rebuild(result, problem, zone_union(parts, rosters, settings, prints, reused, wall))


def _why_open(results: list[ScenarioResult], pool: ZoneRosters, stalled: set[str], capped: bool) -> list[dict]:
    """Each verdict still open, with its range and why: its widest solve and whether the time ran out or
    that solve's bound stalled."""
    base = results[0]
    out = []
    for t in all_open(results):
        other = next(r for r in results if r.spec.name == t.policy)
        rng: ProvenRange | None = (region_range(base.summary, other.summary) if t.zone is None
                                   else zone_ranges(base.summary, other.summary).get(t.zone))
        fps = [f for f in widening(results, t) if f in pool]
        widest = max(fps, key=lambda f: (_gap_points(pool[f]), f), default=None)
        if widest is None:
            why = "no bound to narrow"
        else:
            holder, zone = _holder(results, widest)
            where = f"{holder.spec.name}{' zone ' + zone if zone else ''}"
            gap = f"{where}'s gap of {_gap_points(pool[widest]):,.0f} points"
            if widest in stalled:
                why = f"{gap} did not narrow with more time (its bound is what the model proves)"
            elif capped:
                why = f"the time ran out; the widest contribution is {gap}"
            else:
                why = f"the widest contribution is {gap}"
        out.append({"policy": t.policy, "zone": t.zone, "range": rng.as_list() if rng else None, "why": why})
    return out
