"""The search by officer groups: which group is re-rostered at each step, and for how long."""

from __future__ import annotations

import time

import scheduler.solve.budget as B
from scheduler.model.variables import OfficerClass
from scheduler.solve.context import RunContext
from scheduler.solve.duties import Scored
from scheduler.solve.interrupt import within
from scheduler.solve.neighbourhood import (
    by_shortfall,
    exchange_group,
    improve_group,
    shortfall_group,
    task_groups,
    window_group,
)

STAGE = "improving by officer groups"


def search_groups(run: RunContext, classes: list[OfficerClass], kept: Scored, floor: float, lns_end: float,
                  lns_seconds: float, scored: bool = True) -> dict[tuple[int, int], int]:
    """Re-roster groups of officers in turn against what the others cover, from `kept` until `lns_end`
    (perf_counter time; deterministic mode: `lns_seconds` of steps), or until the roster is at the proven
    `floor` or within the settings' relative gap of it (`scored`: `kept.objective` is the roster's, not a
    stand-in). Returns (officer, instance) -> duty."""
    problem, settings = run.problem, run.settings
    current, objective = kept.duties, kept.objective
    scored = scored and kept.hard == 0  # a roster that breaks a hard rule is not at any bound
    run.progress(objective, floor, STAGE)
    if scored and within(objective, floor, settings.relative_gap):
        run.log(f"[decomposed] roster {objective:,.2f} within {settings.relative_gap:.2%} of the bound {floor:,.2f}: "
                "no search by groups")
        return current
    groups = by_shortfall(problem, task_groups(problem, classes, max_officers=B.GROUP_OFFICERS), current)
    step = idle = turn = exchanges = windows = 0
    first_round = B.EXCHANGE_AFTER_ROUNDS * len(groups)
    while groups and idle < len(groups) and not run.stopped:
        if settings.deterministic:
            limit = B.LNS_STEP
            if step * B.LNS_STEP >= lns_seconds:
                break
        else:
            limit = min(B.LNS_STEP, lns_end - time.perf_counter())
            if limit < 0.5:
                break
        # During the first round of class groups, every EXCHANGE_EVERY-th step is a shortfall group while
        # a mandatory task is short; after it, the kinds of AFTER_FIRST_ROUND in turn ("mixed": a
        # shortfall group while a mandatory task is short, else an exchange group); a kind with no group
        # to offer gives way to a class group.
        members, kind, free_days = None, "class", None
        if step < first_round:
            want = "mixed" if B.EXCHANGE_EVERY and step % B.EXCHANGE_EVERY == 1 else "class"
        else:
            want = B.AFTER_FIRST_ROUND[(step - first_round) % len(B.AFTER_FIRST_ROUND)]
        if want == "mixed":
            members, kind = shortfall_group(problem, current, B.EXCHANGE_OFFICERS, exchanges, settings.seed), "shortfall"
            if members is None and step >= first_round:
                members = exchange_group(problem, current, B.EXCHANGE_OFFICERS, exchanges, settings.seed)
                kind = "exchange"
            exchanges += 1
        elif want == "window":
            found = window_group(problem, current, B.WINDOW_OFFICERS, windows, B.WINDOW_DAYS, settings.seed)
            windows += 1
            if found is not None:
                (members, free_days), kind = found, "window"
        if members is None:
            kind = "class"
            members = [o for c in groups[turn % len(groups)] for o in c.officers]
            turn += 1
        step += 1
        t_step = time.perf_counter()
        better = improve_group(problem, current, members, settings, limit, run.interrupt.run, free_days)
        run.log(f"[decomposed] step {step}: {kind} group of {len(members)} officers, "
                f"gain {better[1] if better else 0:,.2f} points in {time.perf_counter() - t_step:.1f} s "
                f"(at {run.elapsed():.1f} s)")
        if better is None:
            idle += kind == "class"
            continue
        idle = 0
        objective -= better[1]
        run.progress(objective, floor, STAGE)
        if scored and within(objective, floor, settings.relative_gap):
            break
        gone = set(members)
        current = {key: k for key, k in current.items() if key[0] not in gone} | better[0]
    return current
