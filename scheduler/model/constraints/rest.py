"""Rest between services: no_overlap (structural), min_rest, weekly_rest."""

from __future__ import annotations

from typing import Literal

from ortools.sat.python import cp_model

from scheduler.model.penalties import Penalty, Soft
from scheduler.model.variables import Variables
from scheduler.problem import Officer, Problem
from scheduler.scenario.schema import clock_minutes


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


def _busy(problem: Problem, v: Variables, o: Officer) -> list[tuple[int, int, cp_model.IntVar | Literal[True]]]:
    """(start, end, literal) of every possible service; history services are the constant True."""
    items: list[tuple[int, int, cp_model.IntVar | Literal[True]]] = [(h.start, h.end, True) for h in o.history]
    items += [(problem.instances[i].start, problem.instances[i].end, lit) for i, lit in v.x[o.index].items()]
    return sorted(items, key=lambda t: (t[0], t[1]))


def _cliques(model, items: list[tuple[int, int, cp_model.IntVar | Literal[True]]], extra, cache: dict) -> None:
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


def add_no_overlap(model, problem: Problem, v: Variables) -> list[Penalty]:
    """Structural, hard: an officer's services never overlap (history included)."""
    cache: dict = {}
    for o in problem.officers:
        _cliques(model, _busy(problem, v, o), lambda e: 0, cache)
    return []


def add_min_rest(model, problem: Problem, v: Variables) -> list[Penalty]:
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
        items = _busy(problem, v, o)
        if rule.mode == "hard":
            _cliques(model, items, lambda e, o=o: rest_after(problem, o, e), cache)
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


def add_weekly_rest(model, problem: Problem, v: Variables) -> list[Penalty]:
    """One uninterrupted rest of 35 h (rule weekly_rest.hours) in each whole week of the horizon.

    Source: EU 2003/88/EC art. 5 (24 h + the 11 h daily rest per 7-day period). Modelled with one
    literal per candidate rest start (the week's start or the end of a possible service): the
    candidate implies no service overlaps [start, start + 35 h); at least one candidate holds.
    """
    penalties: list[Penalty] = []
    soft = Soft(model, penalties)
    cache: dict = {}
    for o in problem.officers:
        rule = o.rules.weekly_rest
        if rule.mode == "off":
            continue
        need = round(rule.hours * 60)
        items = _busy(problem, v, o)
        shape = tuple((s, e, lit is True) for s, e, lit in items)
        for week in range(problem.days // 7):
            w0, w1 = problem.day_start[7 * week], problem.day_start[7 * week + 7]
            # The candidates depend on the services' times only: officers alike share them.
            candidates = cache.get((shape, need, w0, w1))
            if candidates is None:
                candidates = _rest_candidates(shape, need, w0, w1)
                cache[(shape, need, w0, w1)] = candidates
            options: list = []
            for t, blockers in candidates:
                if not blockers:
                    options = [True]
                    break
                r = model.new_bool_var(f"weekly_rest[o={o.id},w={week},t={t}]")
                # One constraint per candidate, not one implication per service (211 k -> 25 k
                # constraints at 1,000 officers; the same clauses once loaded).
                model.add_bool_and([items[j][2].Not() for j in blockers]).only_enforce_if(r)  # type: ignore[union-attr]  # blockers are horizon services (literals), never history's True
                options.append(r)
            soft.clause("weekly_rest", rule, options, f"o={o.id},w={week}")
    return penalties


def _rest_candidates(shape: tuple, need: int, w0: int, w1: int) -> list[tuple[int, list[int]]]:
    """(rest start, services in the way) for each candidate start of a `need`-minute rest in [w0, w1):
    the week's start or the end of a possible service; a candidate a history service is in the way of
    is dropped."""
    starts = sorted({w0} | {e for (_, e, _) in shape if w0 < e <= w1 - need})
    found = []
    for t in starts:
        blockers = [j for j, (s, e, _) in enumerate(shape) if s < t + need and t < e]
        if any(shape[j][2] for j in blockers):
            continue
        found.append((t, blockers))
    return found
