"""A fast legal roster that follows the staffing plan: the first roster and the hint for the search.

Shift instances are taken in time order; for each, the plan's count of each class is filled with the
class's officers furthest below their contract target whose roster stays legal. Legality is tested
with the checker's per-rule functions on the officer's partial roster (days not yet decided count as
off, so the test is never too strict except for weekly rest, which is repaired at the end by taking
shifts away). The result is only a hint: CP-SAT re-evaluates it with the full model.
"""

from __future__ import annotations

from scheduler import check as rules_check
from scheduler.model.rules import RULES
from scheduler.model.variables import OfficerClass
from scheduler.problem import Officer, Problem

# Rules that adding a shift can break (the others are judged on the finished roster).
_PER_SHIFT = frozenset(rule.id for rule in RULES if rule.shift_can_break)


def _hard_breaks(problem: Problem, o: Officer, services: list, final: bool) -> list:
    """Hard violations of one officer's (partial) roster, by the checker's own per-officer rules.

    On a partial roster only the rules that adding a shift can break count; a total below the
    officer's minimum is judged on the finished roster.
    """
    res = rules_check.CheckResult()
    rules_check.check_officer(problem, o, services, res)
    if final:
        return [v for v in res.hard_violations if v.rule != "fixed"]
    return [v for v in res.hard_violations if v.rule in _PER_SHIFT and v.direction != "under"]


def _fill(problem, classes, left, cap, days_used, minutes, services, place, continuity) -> None:
    """One chronological pass filling `left` counts (at most `cap` per (instance, class) when given)."""
    for inst in sorted(problem.instances, key=lambda i: (i.start, i.index)):
        for c in classes:
            want = left.get((inst.index, c.index), 0)
            if cap is not None:
                want = min(want, cap.get((inst.index, c.index), 0))
            if want <= 0:
                continue
            candidates = [
                o for o in c.officers
                if inst.index not in problem.officers[o].blocked and inst.day not in days_used[o]
            ]
            candidates.sort(key=lambda o: (continuity(o, inst), minutes[o] - problem.officers[o].target_minutes, o))
            for o in candidates:
                if want <= 0:
                    break
                s = rules_check.Service(inst.day, inst.shift, inst.start, inst.end, 0, False)
                if not _hard_breaks(problem, problem.officers[o], services[o] + [s], final=False):
                    place(o, inst.index)
                    if cap is not None:
                        cap[(inst.index, c.index)] -= 1
                    want -= 1


def greedy_roster(
    problem: Problem, classes: list[OfficerClass], targets: dict[tuple[int, int], int],
    first: dict[tuple[int, int], int] | None = None,
) -> dict[int, list[int]] | None:
    """Officer -> instances worked; None when no legal roster follows (the caller falls back).

    `first`: counts per (instance, class) to place before the rest (the plan's mandatory work).
    """
    services: dict[int, list] = {o.index: [] for o in problem.officers}
    minutes = [0] * len(problem.officers)
    days_used: list[set[int]] = [set() for _ in problem.officers]
    left = dict(targets)
    class_of = {o: c.index for c in classes for o in c.officers}
    last_shift: dict[tuple[int, int], int] = {(o.index, h.day): h.shift for o in problem.officers for h in o.history}

    def place(o: int, i: int) -> None:
        inst = problem.instances[i]
        services[o].append(rules_check.Service(inst.day, inst.shift, inst.start, inst.end, 0, False))
        last_shift[(o, inst.day)] = inst.shift
        minutes[o] += inst.minutes
        days_used[o].add(inst.day)
        key = (i, class_of[o])
        left[key] = left.get(key, 0) - 1

    def continuity(o: int, inst) -> int:
        """0: same shift yesterday (blocks of one shift type, as real rosters have), 1: off, 2: other."""
        before = last_shift.get((o, inst.day - 1))
        return 1 if before is None else (0 if before == inst.shift else 2)

    for o in problem.officers:
        for i in o.fixed:
            place(o.index, i)
    # First the shifts the plan puts on mandatory work, over the whole horizon, then the rest: the
    # scarce officers are not used up by response before the matches and sites get theirs.
    for cap in ([dict(first)] if first else []) + [None]:
        _fill(problem, classes, left, cap, days_used, minutes, services, place, continuity)
    # What a class could not fill, a class that can do all it can (same zone, more skills) may.
    for inst in sorted(problem.instances, key=lambda i: (i.start, i.index)):
        for c in classes:
            want = left.get((inst.index, c.index), 0)
            if want <= 0:
                continue
            candidates = [
                o for d in classes if d.zone == c.zone and c.duties <= d.duties and c.skills <= d.skills
                for o in d.officers
                if inst.index not in problem.officers[o].blocked and inst.day not in days_used[o]
            ]
            candidates.sort(key=lambda o: (minutes[o] - problem.officers[o].target_minutes, o))
            for oi in candidates:
                if want <= 0 or minutes[oi] >= problem.officers[oi].target_minutes:
                    break
                s = rules_check.Service(inst.day, inst.shift, inst.start, inst.end, 0, False)
                if not _hard_breaks(problem, problem.officers[oi], services[oi] + [s], final=False):
                    place(oi, inst.index)
                    left[(inst.index, c.index)] = left.get((inst.index, c.index), 0) - 1
                    want -= 1
    # Weekly rest (and any rule judged only on the finished roster): take shifts away until legal.
    for o in problem.officers:
        mine = services[o.index]
        tries = 0
        while _hard_breaks(problem, o, mine, final=True) and tries < problem.days:
            tries += 1
            removable = [s for s in mine if problem.instance_of(s.day, s.shift).index not in o.fixed]
            if not removable:
                break
            best = min(
                removable,
                key=lambda s: (len(_hard_breaks(problem, o, [t for t in mine if t is not s], final=True)), -s.day),
            )
            mine.remove(best)
        if _hard_breaks(problem, o, mine, final=True):
            return None
    return {o: [problem.instance_of(s.day, s.shift).index for s in ss] for o, ss in services.items()}
