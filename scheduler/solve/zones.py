"""A region whose zones nothing couples: each zone solved in turn, the region's roster their union.

Given `shared` (fingerprint -> roster, `shared.py`), a zone already solved in an identical form elsewhere
(compare's baseline) is taken from there, not solved again, and each zone solved here is added to it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from scheduler.problem import Problem
from scheduler.roster import Roster, SolveInfo
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.budget import RETRY_MIN_SECONDS, ZONE_MIN_SECONDS, zone_shares
from scheduler.solve.progress import LogCallback, Progress, ProgressCallback, relative_gap
from scheduler.solve.shared import ZoneRosters, zone_fingerprint

SolveOne = Callable[[Problem, SolverSettings, ProgressCallback | None, LogCallback | None, bool], Roster]


def solve_by_zone(problem: Problem, parts: list[Problem], settings: SolverSettings, solve_one: SolveOne,
                  on_progress: ProgressCallback | None, log_callback: LogCallback | None, diagnose: bool,
                  shared: ZoneRosters | None = None) -> Roster:
    """Each zone in turn, with time in proportion to its officers (time a zone leaves unused goes to the
    next ones); the region's objective and bound are the zones' sums. A zone found in `shared` keeps that
    roster and its time is not spent (nor handed on: the zones solved get the shares they would have)."""
    start = time.perf_counter()
    rosters: list[Roster] = []
    # Only compare shares zones: a plain solve spends no time on fingerprints.
    prints = [zone_fingerprint(p, settings) if shared is not None else "" for p in parts]
    reused = [shared is not None and f in shared for f in prints]
    budget = 0.0  # the shares of the zones solved so far
    done_objective = done_bound = 0.0
    sizes = [len(p.officers) for p in parts]
    total = settings.time_limit
    # The time a large zone's first roster takes, unless the limit is too short to give it to every zone
    # (then half an equal share, so the shares still follow the officers): the limit holds for the whole
    # region; a shorter share makes a zone's plan go on past it until its first solution (decomposed.run_plan),
    # and a zone still without a roster says so in its result.
    minimum = 0.0 if settings.deterministic else min(ZONE_MIN_SECONDS, total / (2 * len(parts)))
    shares = zone_shares(sizes, total, minimum)
    for k, part in enumerate(parts):
        if shared is not None and reused[k]:
            roster = shared[prints[k]]
            rosters.append(roster)
            done_objective += roster.info.objective or 0.0
            done_bound += roster.info.best_bound if roster.info.best_bound is not None else 0.0
            continue
        budget += shares[k]
        if settings.deterministic:
            limit = shares[k]
        else:
            # Its share plus what the zones before it left unused, less what they ran over (a solve
            # ends a moment after its limit), but never less than half its minimum.
            limit = max(min(minimum, shares[k]) / 2, budget - (time.perf_counter() - start))

        def progress(p: Progress, base_obj: float = done_objective, base_bound: float = done_bound,
                     zone: str = part.zone) -> None:
            if on_progress:
                on_progress(Progress(time.perf_counter() - start, base_obj + p.objective, base_bound + p.bound,
                                     f"zone {zone}: {p.stage}" if p.stage else f"zone {zone}"))

        roster = solve_one(part, settings.model_copy(update={"time_limit": limit}), progress, log_callback, diagnose)
        spare = total - (time.perf_counter() - start) - sum(s for j, s in enumerate(shares) if j > k and not reused[j])
        if (roster.info.status not in ("OPTIMAL", "FEASIBLE") and not roster.info.interrupted
                and not settings.deterministic and spare >= RETRY_MIN_SECONDS):
            # No first roster in the zone's share: once more with what the later zones can spare, rather
            # than a region without a roster.
            roster = solve_one(part, settings.model_copy(update={"time_limit": spare}), progress, log_callback,
                               diagnose)
        rosters.append(roster)
        info = roster.info
        if info.status not in ("OPTIMAL", "FEASIBLE") and not info.interrupted and not info.explanation:
            info.explanation.append(f"no roster in its {limit:.1f} s of the {total:g} s limit; a longer "
                                    "--time-limit gives it more")
        if info.status not in ("OPTIMAL", "FEASIBLE") or info.interrupted:
            break
        if shared is not None:
            shared[prints[k]] = roster
        done_objective += info.objective or 0.0
        done_bound += info.best_bound if info.best_bound is not None else 0.0
    return zone_union(parts, rosters, settings, prints, reused, time.perf_counter() - start)


def zone_union(parts: list[Problem], rosters: list[Roster], settings: SolverSettings, prints: list[str],
               reused: list[bool], wall_time_s: float) -> Roster:
    """The region's roster from its zones' (the first len(rosters) parts): objective and bound the sums,
    each zone's figures, fingerprint and whether it was taken from elsewhere (`reused`) in `info.zones`."""
    info = _region_info(parts, rosters, settings, wall_time_s)
    for k, part in enumerate(parts[: len(rosters)]):
        info.zones[part.zone] |= {"fingerprint": prints[k] or None, "shared": reused[k]}
    return Roster([a for r in rosters for a in r.assignments], info)


def _region_info(parts: list[Problem], rosters: list[Roster], settings: SolverSettings, wall_time_s: float) -> SolveInfo:
    infos = [r.info for r in rosters]
    complete = len(rosters) == len(parts) and all(i.status in ("OPTIMAL", "FEASIBLE") for i in infos)
    status = ("OPTIMAL" if all(i.status == "OPTIMAL" for i in infos) else "FEASIBLE") if complete else infos[-1].status
    if not complete and infos[-1].status in ("OPTIMAL", "FEASIBLE"):
        status = "UNKNOWN"  # interrupted before every zone had a roster
    objective = sum(i.objective or 0.0 for i in infos) if complete else None
    bounds = [i.best_bound for i in infos]
    bound = sum(b for b in bounds if b is not None) if complete and all(b is not None for b in bounds) else None
    sums: dict[str, float] = {}
    penalties: dict[str, float] = {}
    for i in infos:
        for key, v in i.tiers.items():
            sums[key] = sums.get(key, 0.0) + v
        for key, v in i.penalties.items():
            penalties[key] = penalties.get(key, 0.0) + v
    firsts = [i.first_solution_s for i in infos]
    info = SolveInfo(
        status=status, objective=objective, best_bound=bound, gap=relative_gap(objective, bound),
        wall_time_s=wall_time_s, build_time_s=sum(i.build_time_s for i in infos),
        first_solution_s=sum(f for f in firsts if f is not None) if all(f is not None for f in firsts) else None,
        seed=settings.seed, workers=settings.workers, deterministic=settings.deterministic,
        interrupted=any(i.interrupted for i in infos), solver_version=infos[0].solver_version, tiers=sums,
        penalties=penalties,
        explanation=[f"zone {p.zone}: {line}" for p, i in zip(parts, infos, strict=False) for line in i.explanation],
    )
    info.zones = {p.zone: {"status": i.status, "objective": i.objective, "best_bound": i.best_bound, "gap": i.gap,
                           "officers": len(p.officers), "wall_time_s": round(i.wall_time_s, 2)}
                  for p, i in zip(parts, infos, strict=False)}
    return info
