"""CP-SAT decision variables.

Individual decisions are only *which shift each officer works each day* (`x[o][i]`). *Which duty*
an officer does on a shift is decided in aggregate: officers with the same zone and skills are
interchangeable for every duty, so per instance and officer class the model chooses integer counts
`n[i, k, c]` (officers of class c on instance i doing duty k); the rest of the class's officers on
that instance are on emergency response. This keeps the model's duty layer independent of headcount
(classes are few) and removes the symmetry between officers who could swap duties on a shift. After
the solve, `roster.assign_duties` turns the counts into individual duties; no objective term depends
on which officer of a class does which duty, so this loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.problem import Problem


@dataclass(frozen=True)
class OfficerClass:
    index: int
    zone: str
    skills: frozenset[str]
    duties: frozenset[int]
    officers: tuple[int, ...]
    reinforcement: bool = False  # extra officers of the staffing-gap solve: no undertime, a cost when used


@dataclass
class Variables:
    # x[o][i]: officer o works instance i; absent = cannot (leave, skills) and counts as 0.
    x: list[dict[int, cp_model.IntVar]]
    # work[o][d]: officer o works a shift starting on day d (= sum of x over the day's instances).
    work: list[dict[int, cp_model.IntVar]]
    classes: list[OfficerClass]
    # n[(i, k, c)]: officers of class c on instance i doing duty k (k != response).
    n: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    # on_shift[(i, c)]: sum of x over class c's officers on instance i.
    on_shift: dict[tuple[int, int], cp_model.LinearExpr | int] = field(default_factory=dict)
    # response[(i, c)]: class c's officers on instance i doing emergency response.
    response: dict[tuple[int, int], cp_model.LinearExpr | int] = field(default_factory=dict)
    # weekend[(o, week)]: officer o works that week's Saturday or Sunday (a literal or a constant), made
    # once for the families that read it (max_weekends, rest_after_weekends).
    weekend: dict[tuple[int, int], cp_model.IntVar | bool] = field(default_factory=dict)


def relevant_skills(problem: Problem) -> frozenset[str]:
    """Skills that some demand or duty counts: officers differing only in other skills are interchangeable."""
    out = {skill for (_zone, skill) in problem.response_need if skill}
    out |= {cn.skill for cn in problem.cover_needs if cn.skill}
    for d in problem.duties:
        out |= d.skills
    return frozenset(out)


def officer_classes(problem: Problem, by_duties: bool = True) -> list[OfficerClass]:
    """Officers grouped by zone, the skills that matter, and the duties they may do.

    Zone and skills decide the duties, except under a merger's travel limit, where the station does too.
    `by_duties=False` ignores that: a class then may do any duty one of its officers may, which is a
    relaxation (the staffing plan's bound stays valid) with 27 classes instead of 133 in the example's
    travel-limited merger.
    """
    relevant = relevant_skills(problem)
    groups: dict[tuple, list[int]] = {}
    for o in problem.officers:
        key = (o.zone, tuple(sorted(o.skills & relevant)), tuple(sorted(o.duties)) if by_duties else (), o.reinforcement)
        groups.setdefault(key, []).append(o.index)
    return [
        OfficerClass(c, key[0], frozenset(key[1]),
                     frozenset().union(*(problem.officers[o].duties for o in members)), tuple(members), key[3])
        for c, (key, members) in enumerate(sorted(groups.items()))
    ]


def duty_instances(problem: Problem, duty_index: int) -> list[int]:
    """Instances that cover at least one slot where the duty wants officers."""
    need = problem.duties[duty_index].need
    return [i.index for i in problem.instances if any(t in need for t in problem.slots_of(i))]


def duty_cap(problem: Problem, duty_index: int, instance: int, fixed: int = 0) -> int:
    """The most officers duty k can use on an instance: the largest count it wants in the instance's slots
    (0: none, the instance covers no slot where it wants officers), never below the `fixed` officers held
    to it there (a repair keeps the published duties of shifts already worked, whatever the need says now)."""
    need = problem.duties[duty_index].need
    return max(fixed, max((need.get(t, 0) for t in problem.slots_of(problem.instances[instance])), default=0))


def fixed_on_duty(problem: Problem) -> dict[tuple[int, int], int]:
    """(instance, duty) -> officers fixed to that duty on that instance."""
    out: dict[tuple[int, int], int] = {}
    for o in problem.officers:
        for i, k in o.fixed.items():
            if k:
                out[(i, k)] = out.get((i, k), 0) + 1
    return out


def add_duty_variables(
    model: cp_model.CpModel, problem: Problem, v: Variables, avail: dict[tuple[int, int], int]
) -> None:
    """Duty counts n[i, k, c] and the response expressions, given v.on_shift and class availability.

    A duty has counts only on the instances where it wants officers (`duty_instances`: rule
    `duty_without_need`), and all classes together put at most `duty_cap` officers on it there (rule
    `duty_surplus`). Coverage counts min(need, on duty) per slot, so an officer beyond the most wanted
    in every one of the instance's slots covers nothing: the cap keeps such an officer on emergency
    response or off the shift. It changes an optimum only where response costs (over its shift cover, an
    officer who may not do response) or a repair's published duty is kept.
    """
    fixed = fixed_on_duty(problem)
    for duty in problem.duties:
        if duty.kind == "response":
            continue
        for i in duty_instances(problem, duty.index):
            cap = duty_cap(problem, duty.index, i, fixed.get((i, duty.index), 0))
            counts, most = [], 0
            for c in v.classes:
                if duty.index not in c.duties or avail.get((i, c.index), 0) == 0:
                    continue
                top = min(avail[(i, c.index)], cap)
                v.n[(i, duty.index, c.index)] = var = model.new_int_var(0, top, f"n[i={i},k={duty.id},c={c.index}]")
                counts.append(var)
                most += top
            if most > cap:  # classes together could exceed it (one class alone never does: its bound)
                model.add(sum(counts) <= cap)
    by_ic: dict[tuple[int, int], list[cp_model.IntVar]] = {}
    for (i, _k, ci), var in v.n.items():
        by_ic.setdefault((i, ci), []).append(var)
    for (i, ci), expr in v.on_shift.items():
        duties = by_ic.get((i, ci), [])
        if duties:
            model.add(sum(duties) <= expr)
            v.response[(i, ci)] = expr - sum(duties)
        else:
            v.response[(i, ci)] = expr


def add_variables(model: cp_model.CpModel, problem: Problem) -> Variables:
    x: list[dict[int, cp_model.IntVar]] = []
    work: list[dict[int, cp_model.IntVar]] = []
    for o in problem.officers:
        xo = {}
        for inst in problem.instances:
            if inst.index in o.blocked:
                continue
            xo[inst.index] = model.new_bool_var(f"x[o={o.id},d={inst.day},s={problem.shift_types[inst.shift].id}]")
        x.append(xo)
        wo = {}
        for d in range(problem.days):
            day_vars = [xo[i] for i in problem.by_day[d] if i in xo]
            if day_vars:
                w = model.new_bool_var(f"work[o={o.id},d={d}]")
                # one_shift_per_day: structural, so work is exactly the day's sum.
                model.add(sum(day_vars) == w)
                wo[d] = w
        work.append(wo)
    classes = officer_classes(problem)
    v = Variables(x, work, classes)
    for c in classes:
        for inst in problem.instances:
            members = [x[o][inst.index] for o in c.officers if inst.index in x[o]]
            v.on_shift[(inst.index, c.index)] = sum(members) if members else 0
    avail = {
        (inst.index, c.index): sum(1 for o in c.officers if inst.index in x[o])
        for c in classes for inst in problem.instances
    }
    add_duty_variables(model, problem, v, avail)
    return v


def reserve_fixed_duties(model: cp_model.CpModel, problem: Problem, v: Variables, strict: bool) -> None:
    """A fixed duty is reserved in its class's count on that instance (structural rule `fixed`).

    `strict`: a fixed duty the class cannot do there makes the model infeasible (the roster model);
    otherwise it is left out (the plan, a relaxation).
    """
    class_of = {o: c.index for c in v.classes for o in c.officers}
    need: dict[tuple[int, int, int], int] = {}
    for o in problem.officers:
        for i, k in o.fixed.items():
            if k is not None:
                key = (i, k, class_of[o.index])
                need[key] = need.get(key, 0) + 1
    for (i, k, c), count in need.items():
        if k == 0:
            model.add(v.response[(i, c)] >= count)
        elif (i, k, c) in v.n:
            model.add(v.n[(i, k, c)] >= count)
        elif strict:
            model.add_bool_or([])
