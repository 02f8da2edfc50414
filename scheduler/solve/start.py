"""A roster of a similar problem as a first roster: who works when, read by officer id, day and shift.

compare hands a policy's zone the baseline's roster of the same zone (a zone only slightly changed: a
HyCap quota moved, officers added), a policy solved as one problem (a merger) the baseline's zone rosters
joined, and `--until-decided` hands a re-solve its own best roster so far.
Only who works when is taken, where this problem allows it (the officer is in it, the shift exists, he is
not away then); the duties are chosen again for this problem's needs (`duties.best_duties`). The caller
keeps it only if the checker scores it better than its own first roster, hard violations first.
"""

from __future__ import annotations

from scheduler.model.variables import OfficerClass, officer_classes
from scheduler.problem import Problem
from scheduler.roster import Roster, SolveInfo
from scheduler.solve.context import RunContext
from scheduler.solve.duties import Counts, Scored, Worked, best_duties, scored
from scheduler.solve.full import Hint


def joined(rosters: list[Roster]) -> Roster:
    """Rosters of disjoint officers as one: the zones of a region solved one by one, a start for the same
    officers solved as one problem (a merger of those zones)."""
    return Roster([a for r in rosters for a in r.assignments], SolveInfo("FEASIBLE"))


def start_worked(problem: Problem, roster: Roster) -> Worked:
    """Officer index -> the instances he works in `roster`, as far as `problem` allows."""
    officer_ix = {o.id: o.index for o in problem.officers}
    shift_ix = {s.id: s.index for s in problem.shift_types}
    worked: Worked = {}
    for a in sorted(roster.assignments, key=lambda a: (a.officer, a.day)):
        o, s = officer_ix.get(a.officer), shift_ix.get(a.shift)
        if o is None or s is None or not 0 <= a.day < problem.days:
            continue
        i = problem.instance_of(a.day, s).index
        if i in problem.officers[o].blocked:
            continue
        worked.setdefault(o, []).append(i)
    return worked


def start_hint(run: RunContext, classes: list[OfficerClass] | None = None) -> Hint | None:
    """The run's start roster as a hint (who works when, duties chosen again for this problem), or None."""
    if run.start_roster is None or run.stopped:
        return None
    worked = start_worked(run.problem, run.start_roster)
    # On until a first solution: a merger's start (1,810 officers) has none in a 30 s limit's step.
    counts = best_duties(run, classes if classes is not None else officer_classes(run.problem), worked,
                         until_first=True)
    return None if counts is None else (worked, counts)


def better_start(run: RunContext, classes: list[OfficerClass], kept: Scored) -> tuple[Worked, Counts, Scored] | None:
    """The run's start roster with duties chosen for this problem, when the checker scores it better than
    `kept` (fewer hard violations, then a lower objective); None otherwise."""
    hint = start_hint(run, classes)
    if hint is None:
        return None
    worked, counts = hint
    theirs = scored(run.problem, classes, worked, counts)
    better = (theirs.hard, theirs.objective) < (kept.hard, kept.objective)
    run.log(f"[start] a similar problem's roster {theirs.objective:,.2f} ({theirs.hard} hard violations), "
            f"first roster {kept.objective:,.2f} ({kept.hard}): {'start' if better else 'first'} kept")
    return (worked, counts, theirs) if better else None
