"""Improve a roster a group of officers at a time (large-neighbourhood search by officer groups).

Everyone outside the group keeps their shifts and duties; what they cover is taken off every need
(`residual_problem`), so the group's own model, with every labour rule and every term of the group's
officers, has exactly the roster's objective up to a constant. The group's current roster is the
hint; a better answer replaces it. Groups are officers who can do the same tasks (`task_groups`),
so each model decides who of a pool staffs what.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable

from ortools.sat.python import cp_model

from scheduler.check import contract_terms
from scheduler.model.build import build_model
from scheduler.model.penalties import POINT
from scheduler.model.readout import read_duties
from scheduler.model.variables import OfficerClass
from scheduler.problem import Problem
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.hint import complete_hint
from scheduler.solve.params import solver_parameters


def group_classes(classes: list[OfficerClass], max_officers: int = 30) -> list[list[OfficerClass]]:
    """Pack classes into groups of at most `max_officers`; a larger class is cut into near-equal parts
    (a 270-officer class as one group is a model the search cannot improve in a step)."""
    groups: list[list[OfficerClass]] = []
    sizes: list[int] = []
    parts = []
    for c in classes:
        pieces = -(-len(c.officers) // max_officers)
        parts += [dataclasses.replace(c, officers=c.officers[k::pieces]) for k in range(pieces)] if pieces > 1 else [c]
    for c in sorted(parts, key=lambda c: -len(c.officers)):
        for g, size in enumerate(sizes):
            if size + len(c.officers) <= max_officers:
                groups[g].append(c)
                sizes[g] += len(c.officers)
                break
        else:
            groups.append([c])
            sizes.append(len(c.officers))
    return groups


def task_groups(problem: Problem, classes: list[OfficerClass], max_officers: int = 80) -> list[list[OfficerClass]]:
    """Classes grouped by the tasks they can staff, scarcest task skills first, plain classes last.

    Officers who can do the same tasks are rostered together, so a task's whole pool is decided in
    one model; groups larger than `max_officers` are split.
    """
    keys: dict[frozenset[int], list[OfficerClass]] = {}
    for c in classes:
        tasks = frozenset(k for k in c.duties if problem.duties[k].kind == "task")
        keys.setdefault(tasks, []).append(c)
    ordered = sorted(keys.items(), key=lambda kv: (not kv[0], sum(len(c.officers) for c in kv[1])))
    out: list[list[OfficerClass]] = []
    for _tasks, members in ordered:
        out += group_classes(members, max_officers)
    return out


def by_shortfall(problem: Problem, groups: list[list[OfficerClass]], current: dict[tuple[int, int], int]) -> list[list[OfficerClass]]:
    """Groups ordered by the task and hotspot shortfall they could reduce, largest first (a stable sort).

    A first roster that leaves a mandatory task short costs more than everything else together; the
    group able to staff it is re-rostered first rather than when its turn comes.
    """
    cost = {k: problem.duties[k].weight * short for k, short in duty_shortfall(problem, current).items()}
    return sorted(groups, key=lambda g: -sum(cost.get(k, 0) for k in set().union(*(c.duties for c in g))))


def duty_shortfall(problem: Problem, current: dict[tuple[int, int], int]) -> dict[int, int]:
    """Officer-slots each task and hotspot is short in the roster, weighted by its slots' need weights."""
    covered, _, _ = coverage_of(problem, current, set())
    return {
        d.index: sum(max(0, n - covered.get((d.index, t), 0)) * d.need_weight.get(t, 1) for t, n in d.need.items())
        for d in problem.duties if d.kind != "response"
    }


def _draws(seed: int, turn: int) -> random.Random:
    """The random draws of a mixed group: reproducible for a seed, different at each turn."""
    return random.Random(seed * 100_003 + turn)


def exchange_group(
    problem: Problem, current: dict[tuple[int, int], int], size: int, turn: int, seed: int = 0
) -> list[int] | None:
    """Officers who would gain most from working a shift less, with those who could take it for least.

    Groups of one skill class cannot move work from one class to another (a shift dropped leaves its
    need short within the group's model), so a part-timer on overtime keeps his fourth shift while a
    full-timer of another class stays under his contract. This group mixes the two, from one zone:
    half the officers among those with the dearest last shift, half among the cheapest next shift
    (overtime and undertime weights, a shift of median length): the very dearest and cheapest at turn
    0, then drawn at random among three times as many (by `seed` and `turn`) so that successive groups
    differ. None when no exchange can pay.
    """
    if not problem.weights["overtime"] and not problem.weights["undertime"]:
        return None
    lengths = sorted(i.minutes for i in problem.instances)
    shift = lengths[len(lengths) // 2]
    worked: dict[int, int] = {}
    for (o, i), _k in current.items():
        worked[o] = worked.get(o, 0) + problem.instances[i].minutes

    def cost(o: int, minutes: int) -> int:
        return sum(contract_terms(problem, problem.officers[o], minutes))

    give = {o: cost(o, m) - cost(o, m - shift) for o, m in worked.items()}
    rng = _draws(seed, turn)
    givers = sorted((o for o in give if give[o] > 0), key=lambda o: (-give[o], o))
    if not givers:
        return None
    zone = problem.officers[givers[0] if turn == 0 else rng.choice(givers[:size])].zone
    givers = [o for o in givers if problem.officers[o].zone == zone]
    chosen = set(givers)
    take = {o.index: cost(o.index, worked.get(o.index, 0) + shift) - cost(o.index, worked.get(o.index, 0))
            for o in problem.officers if o.zone == zone and not o.reinforcement and o.index not in chosen}
    takers = sorted((o for o in take if take[o] < give[givers[0]]), key=lambda o: (take[o], o))
    if not takers:
        return None
    half = max(1, size // 2)
    if turn == 0:
        picked = givers[:half]
        return sorted(picked + takers[: size - len(picked)])
    picked = rng.sample(givers[: 3 * half], min(half, len(givers)))
    return sorted(picked + rng.sample(takers[: 3 * (size - len(picked))], min(size - len(picked), len(takers))))


def shortfall_group(
    problem: Problem, current: dict[tuple[int, int], int], size: int, turn: int, seed: int = 0
) -> list[int] | None:
    """Officers who may do the mandatory task most short, with officers of their zone who may not.

    A mandatory task left short after the class groups usually needs officers of several classes at
    once: those with its skill leave their response shifts to it, others take those shifts over.
    Half the group is drawn among the task's officers, half among the others of its zone (by `seed`
    and `turn`). None when every mandatory task is staffed.
    """
    short = {k: v for k, v in duty_shortfall(problem, current).items()
             if v > 0 and problem.duties[k].kind == "task" and problem.duties[k].priority == "mandatory"}
    if not short:
        return None
    duty = max(short, key=lambda k: (short[k], -k))
    rng = _draws(seed, turn)
    able = [o.index for o in problem.officers if duty in o.duties]
    if not able:
        return None
    half = max(1, size // 2)
    picked = rng.sample(able, min(half, len(able)))
    zones = {problem.officers[o].zone for o in picked}
    others = [o.index for o in problem.officers if duty not in o.duties and o.zone in zones]
    return sorted(picked + rng.sample(others, min(size - len(picked), len(others))))


def window_group(
    problem: Problem, current: dict[tuple[int, int], int], size: int, turn: int, days: int, seed: int = 0
) -> tuple[list[int], frozenset[int]] | None:
    """Officers of one zone re-rostered over a few consecutive days only, the rest of their week fixed.

    Officer groups re-roster whole weeks of few officers; what is left after them is local in time:
    a hotspot hour short while officers of several classes could shift their hours around it, short
    blocks of days (minimum consecutive days worked or off) that one officer cannot mend alone. A window
    frees every decision of many officers over `days` days; the windows go round the horizon (turn),
    the officers are drawn among those of one zone, the zones in turn (by `seed` and `turn`).
    """
    zones = sorted({o.zone for o in problem.officers if not o.reinforcement})
    if not zones or problem.days < 2:
        return None
    width = min(days, problem.days)
    zone_turn, first = divmod(turn, problem.days - width + 1)  # every window of a zone, then the next zone
    pool = [o.index for o in problem.officers if o.zone == zones[zone_turn % len(zones)] and not o.reinforcement]
    members = sorted(_draws(seed, turn).sample(pool, min(size, len(pool))))
    return members, frozenset(range(first, first + width))


def residual_problem(problem: Problem, officers: list[int], covered: dict, response: dict, cover: dict) -> Problem:
    """The problem for some officers, with what other officers already cover taken off every need.

    Shortfall is max(0, need - covered - new) = max(0, (need - covered) - new), so each group's model
    has the true objective for its own contribution.
    """
    members = [dataclasses.replace(problem.officers[o], index=j) for j, o in enumerate(officers)]
    duties = [
        dataclasses.replace(d, need={t: n - covered.get((d.index, t), 0) for t, n in d.need.items()
                                     if n > covered.get((d.index, t), 0)})
        for d in problem.duties
    ]
    response_need = {
        key: {t: n - response.get((key, t), 0) for t, n in need.items() if n > response.get((key, t), 0)}
        for key, need in problem.response_need.items()
    }
    cover_needs = [dataclasses.replace(cn, count=max(0, cn.count - cover.get(j, 0))) for j, cn in enumerate(problem.cover_needs)]
    return dataclasses.replace(problem, officers=members, duties=duties, response_need=response_need, cover_needs=cover_needs)


def coverage_of(problem: Problem, current: dict[tuple[int, int], int], skip: set[int]) -> tuple[dict, dict, dict]:
    """What the officers not in `skip` cover: duty slots, response slots by (zone, skill), shift cover."""
    covered: dict[tuple[int, int], int] = {}
    response: dict[tuple[tuple[str, str | None], int], int] = {}
    cover: dict[int, int] = {}
    cover_at: dict[int, list[int]] = {}
    for j, cn in enumerate(problem.cover_needs):
        cover_at.setdefault(cn.instance, []).append(j)
    for (o, i), k in current.items():
        if o in skip:
            continue
        officer = problem.officers[o]
        for t in problem.slots_of(problem.instances[i]):
            if k:
                covered[(k, t)] = covered.get((k, t), 0) + 1
            else:
                for key in problem.response_keys(officer):
                    response[(key, t)] = response.get((key, t), 0) + 1
        if not k:
            for j in cover_at.get(i, []):
                cn = problem.cover_needs[j]
                if cn.zone == officer.zone and (cn.skill is None or cn.skill in officer.skills):
                    cover[j] = cover.get(j, 0) + 1
    return covered, response, cover


def improve_group(
    problem: Problem, current: dict[tuple[int, int], int], officers: list[int],
    settings: SolverSettings, time_limit: float, run=None, free_days: frozenset[int] | None = None,
) -> tuple[dict[tuple[int, int], int], float] | None:
    """A better roster for the group's officers, with the gain in points; None if none was found.

    `run(solver, model)` solves (the caller's, so that Ctrl-C can stop it). `free_days`: only the
    shifts of those days may change (which shifts, not their duties: those stay free)."""
    run = run or (lambda solver, model: solver.solve(model))

    group = set(officers)
    sub = residual_problem(problem, officers, *coverage_of(problem, current, group))
    local = {o: j for j, o in enumerate(officers)}
    mine = {(local[o], i): k for (o, i), k in current.items() if o in group}
    found = search_from(sub, mine, lambda day: free_days is not None and day not in free_days, settings,
                        time_limit, run)
    if found is None:
        return None
    better, gain = found
    # The group's officers are numbered 0.. in `sub`; instances and duties are the problem's own.
    return {(officers[j], i): k for (j, i), k in better.items()}, gain


def search_from(
    sub: Problem, mine: dict[tuple[int, int], int], fixed: Callable[[int], bool], settings: SolverSettings,
    time_limit: float, run: Callable, fix_counts: bool = False,
) -> tuple[dict[tuple[int, int], int], float] | None:
    """`sub`'s model searched for `time_limit` from `mine` (its officers' roster, by `sub`'s indices), the
    shifts of the days where `fixed(day)` kept as they are (with `fix_counts`, their duty counts too).
    Returns the better roster by `sub`'s indices with the gain in points, or None if none was found."""
    built = build_model(sub)
    model = built.model
    for j, xo in enumerate(built.vars.x):
        for i, lit in xo.items():
            model.add_hint(lit, (j, i) in mine)
            if fixed(sub.instances[i].day):
                model.add(lit == int((j, i) in mine))
    class_of = {o: c.index for c in built.vars.classes for o in c.officers}
    counts: dict[tuple[int, int, int], int] = {}
    for (j, i), k in mine.items():
        if k:
            counts[(i, k, class_of[j])] = counts.get((i, k, class_of[j]), 0) + 1
    for key, var in built.vars.n.items():
        model.add_hint(var, counts.get(key, 0))
        if fix_counts and fixed(sub.instances[key[0]].day):
            model.add(var == counts.get(key, 0))
    before = complete_hint(model, settings, max(1.0, 0.3 * time_limit))
    if before is None:
        return None
    after = cp_model.CpSolver()
    solver_parameters(after, settings, time_limit=time_limit)
    if run(after, model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    gain = (before.objective_value - after.objective_value) / POINT
    if gain <= 1e-9:
        return None
    return read_duties(sub, built, after), gain
