"""Rest between services: no_overlap (structural) and min_rest.

The two share their measure, the gap from one service's end to the next one's start: no_overlap
wants it at least 0, min_rest at least the rest owed. So no_overlap's pattern filter and plan sums
use min_rest's rest where min_rest is hard, and min_rest has none of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Literal

import numpy as np
from ortools.sat.python import cp_model

from scheduler.model.pattern_space import PatternSpace, cached
from scheduler.model.penalties import Penalty, Soft
from scheduler.model.rules.spec import PatternFilter, PlanCounts, RuleSpec, hard
from scheduler.model.variables import OfficerClass, Variables
from scheduler.problem import Officer, Problem
from scheduler.scenario.values import clock_minutes

# (start, end, literal) of a possible service; the constant True for a history one.
Busy = list[tuple[int, int, cp_model.IntVar | Literal[True]]]


def rest_after(problem: Problem, officer: Officer, end: int) -> int:
    """Minutes of rest owed after a service ending at absolute minute `end` (min_rest rule)."""
    rule = officer.rules.min_rest
    rest = round(rule.hours * 60)
    if officer.consents_reduced_rest and rule.reduced_hours is not None and rule.reduced_after_end_between:
        a, b = (clock_minutes(t) for t in rule.reduced_after_end_between)
        local = problem.local_time(end)
        clock = local.hour * 60 + local.minute
        if a <= clock <= b:
            rest = round(rule.reduced_hours * 60)
    return rest


def busy(problem: Problem, v: Variables, o: Officer) -> Busy:
    """(start, end, literal) of every possible service; history services are the constant True."""
    items: Busy = [(h.start, h.end, True) for h in o.history]
    items += [(problem.instances[i].start, problem.instances[i].end, lit) for i, lit in v.x[o.index].items()]
    return sorted(items, key=lambda t: (t[0], t[1]))


def _cliques(model: cp_model.CpModel, items: Busy, extra: Callable[[int], int], cache: dict) -> None:
    """Services whose [start, end + extra) intervals share a point: at most one (interval-graph cliques).
    The cliques depend on the intervals only, so officers with the same ones share them (`cache`)."""
    reach = [e + extra(e) for _, e, _ in items]
    key = tuple((s, r, lit is True) for (s, _, lit), r in zip(items, reach, strict=True))
    cliques = cache.get(key)
    if cliques is None:
        cliques = []
        for p, _, _ in items:
            members = [j for j, (s, _, _) in enumerate(items) if s <= p < reach[j]]
            cliques.append((any(items[j][2] is True for j in members), members))
        cache[key] = cliques
    for with_history, members in cliques:
        if with_history:  # a history service: the others in reach are out
            for j in members:
                if items[j][2] is not True:
                    model.add(items[j][2] == 0)
        elif len(members) > 1:
            model.add_at_most_one([items[j][2] for j in members])


def add_no_overlap(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """Structural, hard: an officer's services never overlap (history included)."""
    cache: dict = {}
    for o in problem.officers:
        _cliques(model, busy(problem, v, o), lambda e: 0, cache)
    return []


def add_min_rest(model: cp_model.CpModel, problem: Problem, v: Variables) -> list[Penalty]:
    """At least 11 h (rule min_rest.hours) from the end of one service to the start of the next.

    Source: EU 2003/88/EC art. 3; Belgian police statute (10 h with consent after a service ending
    20:00-23:00). Hard: the services' intervals extended by the rest owed form an interval graph, and
    one at-most-one per maximal clique is the tightest linear form. Soft: one penalty per pair of
    services too close.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    cache: dict = {}
    for o in problem.officers:
        rule = o.rules.min_rest
        if rule.mode == "off":
            continue
        items = busy(problem, v, o)
        if rule.mode == "hard":
            _cliques(model, items, partial(rest_after, problem, o), cache)
            continue
        for a, (_s1, e1, l1) in enumerate(items):
            rest = rest_after(problem, o, e1)
            for s2, _e2, l2 in items[a + 1 :]:
                if s2 >= e1 + rest:
                    break
                if s2 < e1 or (l1 is True and l2 is True):
                    continue  # overlap is no_overlap's; two history services are not ours to judge
                lits = [lit.Not() if lit is not True else False for lit in (l1, l2)]
                soft.clause("min_rest", rule, lits, f"o={o.id},t={s2}")
    return penalties


def gap_patterns(problem: Problem, space: PatternSpace, o: Officer) -> PatternFilter:
    """No overlap, and min_rest when hard, between the horizon's own services (shared by officers owed
    the same rest); against the history, `legal_patterns` keeps to the feasible instances."""
    rest_hard = hard(o, "min_rest")
    owed_of = {e: rest_after(problem, o, e) if rest_hard else 0 for e in sorted({i.end for i in problem.instances})}
    key = ("rest", tuple(owed_of.items()))

    def compute() -> np.ndarray:
        ends = np.array(list(owed_of))
        owed_arr = np.array(list(owed_of.values()), dtype=np.int64)
        n = len(space.code)
        ok = np.ones(n, dtype=bool)
        last_end = np.full(n, -(10**9), dtype=np.int64)
        last_owed = np.zeros(n, dtype=np.int64)
        for d in range(problem.days):
            w = space.worked[:, d]
            gap = space.start[:, d] - last_end
            ok &= ~w | ((gap >= last_owed) & (gap >= 0))
            last_end = np.where(w, space.end[:, d], last_end)
            last_owed = np.where(w, owed_arr[np.minimum(np.searchsorted(ends, space.end[:, d]), len(ends) - 1)], last_owed)
        return ok

    return PatternFilter(shared=[(key, cached(space, key, compute))])


def instance_cliques(problem: Problem, rest: int) -> list[list[int]]:
    """Maximal sets of instances pairwise within `rest` minutes (start-to-end) of each other."""
    insts = sorted(problem.instances, key=lambda i: i.start)
    out, last = [], None
    for p in sorted({i.start for i in insts}):
        clique = [i.index for i in insts if i.start <= p < i.end + rest]
        if len(clique) > 1 and clique != last:
            out.append(clique)
        last = clique
    return out


def rest_clique_sums(model: cp_model.CpModel, problem: Problem, c: OfficerClass, y: PlanCounts,
                     feas: list[set[int]]) -> None:
    """Instances that overlap (or lie within the least rest every member is owed) hold at most one
    service per officer of the class."""
    members = [problem.officers[o] for o in c.officers]
    rest = 0
    if all(o.rules.min_rest.mode == "hard" for o in members):
        rest = min(min(rest_after(problem, o, e) for e in {i.end for i in problem.instances}) for o in members)
    for clique in instance_cliques(problem, rest):
        model.add(sum(y[(i, c.index)] for i in clique) <= len(c.officers))


NO_OVERLAP = RuleSpec("no_overlap", add_no_overlap, pattern_filter=gap_patterns, class_sums=rest_clique_sums,
                      plan_rank=2, shift_can_break=True)
MIN_REST = RuleSpec("min_rest", add_min_rest, shift_can_break=True)
