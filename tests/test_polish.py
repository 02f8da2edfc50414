"""Local moves after every solve (`solve/polish.py`): hand-made rosters with a cheap repair left on the
table, and the random scenarios' rosters, none of which a single duty change or duty swap improves.

The hand-made cases use the rule tests' scenarios (every rule off, every weight 0 but those named): one
Early shift (06:00-14:00, 8 slots of an hour) on Monday, emergency response wanted there, a hotspot.
"""

from __future__ import annotations

import random
from functools import cache
from itertools import combinations

import pytest
from random_scenarios import load_random
from rules.conftest import build, date, officer, scenario

from scheduler.check import check_roster
from scheduler.problem import Problem, build_problem
from scheduler.roster import Assignment, Roster
from scheduler.scenario.changes import Baseline
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve
from scheduler.solve.polish import polish

MONDAY = [{"days": ["mon"], "start": "06:00", "end": "14:00"}]


def monday(officers: list[dict], response: list[dict], hotspot_weight: int = 1) -> Problem:
    """Response wanted Monday 06:00-14:00 as `response` says (count, skill); one officer wanted on the
    hotspot `market` then; response short 1,000 points an officer-hour, the hotspot `hotspot_weight`."""
    return build(scenario(
        officers, shifts={"E": ("06:00", 8)}, skills=["patrol", "driver"],
        weights={"response_shortfall": 1000, "hotspot_shortfall": hotspot_weight, "requests": 0},
        demand={"windows": [{**MONDAY[0], **r} for r in response]},
        hotspots=[{"id": "market", "targets": [{**MONDAY[0], "officers": 1}]}],
    ))


def on_monday(**duties: str) -> list[Assignment]:
    return [Assignment(o, 0, "E", duty) for o, duty in duties.items()]


def test_officer_on_the_hotspot_moves_to_response_short_on_his_shift() -> None:
    problem = monday([officer("a"), officer("b")], [{"count": 2}])
    done = polish(problem, on_monday(a="response", b="market"))
    # Before: response 1 officer short for 8 h: 8 x 1,000 = 8,000; the hotspot met.
    # After: b on response, response met; the hotspot 1 officer short for 8 h at 1 a hour: 8.
    assert done.before.objective == 8000
    assert done.after.objective == 8
    assert sorted(done.assignments) == on_monday(a="response", b="response")
    assert dict(done.moves) == {"duty change": 1}
    assert done.after.objective == check_roster(problem, done.assignments).objective


def test_two_officers_swap_duties_when_only_one_has_the_skill_response_lacks() -> None:
    problem = monday([officer("a", skills=["patrol"]), officer("b", skills=["patrol", "driver"])],
                     [{"count": 1, "skill": "patrol"}, {"count": 1, "skill": "driver"}], hotspot_weight=2000)
    done = polish(problem, on_monday(a="response", b="market"))
    # Before: no driver on response for 8 h: 8,000. b alone to response would leave the hotspot short
    # (8 x 2,000 = 16,000), a alone to the hotspot would leave patrol short: only the swap gains.
    # After: a on the hotspot, b (patrol and driver) on response: 0.
    assert (done.before.objective, done.after.objective) == (8000, 0)
    assert sorted(done.assignments) == on_monday(a="market", b="response")
    assert dict(done.moves) == {"duty swap": 1}


def test_officer_off_takes_the_shift_response_lacks() -> None:
    problem = monday([officer("a"), officer("b"), officer("c")], [{"count": 3}])
    done = polish(problem, on_monday(a="response", b="response"))
    # Before: response short 1 for 8 h: 8,000, the hotspot (1 a hour) 8: 8,008. c, off and costing nothing
    # (contract 0 h, overtime weight 0), takes Monday's E: response first (1,000 a hour), 8 left.
    assert (done.before.objective, done.after.objective) == (8008, 8)
    assert sorted(done.assignments) == on_monday(a="response", b="response", c="response")
    assert dict(done.moves) == {"shift move": 1}


def test_fixed_duty_and_blocked_shift_are_not_moved() -> None:
    fixed = officer("b", fixed=[{"date": date(0), "shift": "E", "duty": "market"}])
    away = officer("c", unavailable=[{"start": date(0), "reason": "leave"}])
    problem = monday([officer("a"), fixed, away], [{"count": 2}])
    done = polish(problem, on_monday(a="response", b="market"))
    assert done.moves == {} and done.after.objective == done.before.objective == 8000


@pytest.mark.parametrize(("from_hour", "after"), [(0, 158), (12, 8000)])
def test_repair_pays_for_the_changed_duty_and_leaves_the_frozen_past(from_hour: int, after: float) -> None:
    problem = monday([officer("a"), officer("b")], [{"count": 2}])
    published = on_monday(a="response", b="market")
    problem.baseline = Baseline(from_hour * 60, {(a.officer, a.day): (a.shift, a.duty) for a in published},
                                frozenset({"a", "b"}))
    done = polish(problem, published)
    # From Monday 00:00: b to response gains 8,000 - 8 (the hotspot), and his changed duty, 6 h after
    # `from`, costs 50 x 3: 8 + 150 = 158. From 12:00 the 06:00 shift is frozen: nothing moves.
    assert (done.before.objective, done.after.objective) == (8000, after)
    assert done.after.objective == check_roster(problem, done.assignments).objective


def test_cap_counts_work_and_in_deterministic_mode_never_the_clock() -> None:
    problem = monday([officer("a"), officer("b")], [{"count": 2}])
    bad = on_monday(a="response", b="market")
    stopped = polish(problem, bad, work=0)
    assert stopped.capped and stopped.moves == {} and stopped.assignments == bad
    timed_out = polish(problem, bad, seconds=-1)
    assert timed_out.capped and timed_out.moves == {}
    clock_ignored = polish(problem, bad, seconds=-1, deterministic=True)
    assert not clock_ignored.capped and clock_ignored.after.objective == 8


SEEDS = range(30)


def wanted(problem: Problem, assignments: list[Assignment], a: Assignment, duty: str) -> bool:
    """May `a`'s officer take `duty` on his shift, as the model's duty counts allow? Response always; another
    duty only where it wants officers on that shift, and while fewer do it than it wants at most there."""
    k = problem.duty_index(duty)
    if k == 0:
        return True
    inst = problem.instance_of(a.day, next(s.index for s in problem.shift_types if s.id == a.shift))
    cap = max((problem.duties[k].need.get(t, 0) for t in problem.slots_of(inst)), default=0)
    return sum(1 for b in assignments if (b.day, b.shift, b.duty) == (a.day, a.shift, duty)) < cap


def improving_single_moves(problem: Problem, assignments: list[Assignment]) -> list[str]:
    """Every duty change (to a duty `wanted` there) and every duty swap within a shift instance that the
    checker scores lower with no more hard violations: a brute force that knows nothing of the local moves."""
    base = check_roster(problem, assignments)
    officers = {o.id: o for o in problem.officers}
    shift_ix = {s.id: s.index for s in problem.shift_types}
    allowed = {o.id: {problem.duties[k].id for k in o.duties} for o in problem.officers}
    out = []

    def better(new: list[Assignment], what: str) -> None:
        result = check_roster(problem, new)
        if len(result.hard_violations) <= len(base.hard_violations) and result.objective < base.objective - 1e-9:
            out.append(f"{what}: {base.objective} -> {result.objective}")

    def free(a: Assignment) -> bool:
        i = problem.instance_of(a.day, shift_ix[a.shift]).index
        return officers[a.officer].fixed.get(i) is None

    for j, a in enumerate(assignments):
        for duty in sorted(allowed[a.officer] - {a.duty}) if free(a) else ():
            if wanted(problem, assignments, a, duty):
                new = [*assignments[:j], Assignment(a.officer, a.day, a.shift, duty), *assignments[j + 1:]]
                better(new, f"{a} -> {duty}")
    for (j, a), (k, b) in combinations(enumerate(assignments), 2):
        if (a.day, a.shift) != (b.day, b.shift) or a.duty == b.duty or not (free(a) and free(b)):
            continue
        if b.duty not in allowed[a.officer] or a.duty not in allowed[b.officer]:
            continue
        new = list(assignments)
        new[j], new[k] = Assignment(a.officer, a.day, a.shift, b.duty), Assignment(b.officer, b.day, b.shift, a.duty)
        better(new, f"swap {a} <-> {b}")
    return out


@cache
def solved(seed: int) -> tuple[Problem, Roster]:
    problem = build_problem(load_random(seed))
    # A short deterministic solve: rosters the search has not finished with (at 0.2 s, three of these
    # seeds' rosters gain from local moves), the same on any machine.
    return problem, solve(problem, SolverSettings(time_limit=0.2, workers=1, seed=seed, deterministic=True),
                          diagnose=False)


@pytest.mark.parametrize("seed", SEEDS)
def test_no_single_duty_change_or_swap_improves_a_returned_roster(seed: int) -> None:
    problem, roster = solved(seed)
    if roster.info.status not in ("OPTIMAL", "FEASIBLE"):
        pytest.skip(f"seed {seed}: no roster ({roster.info.status})")
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == []
    assert result.objective == pytest.approx(roster.info.objective, abs=1e-6)
    assert improving_single_moves(problem, roster.assignments) == []


@pytest.mark.parametrize("seed", SEEDS)
def test_local_moves_leave_no_single_improving_move_in_a_shuffled_roster(seed: int) -> None:
    problem, roster = solved(seed)
    if roster.info.status not in ("OPTIMAL", "FEASIBLE"):
        pytest.skip(f"seed {seed}: no roster ({roster.info.status})")
    # The returned roster with every free duty drawn at random among the officer's duties wanted there.
    rng = random.Random(seed)
    officers = {o.id: o for o in problem.officers}
    shuffled = []
    for a in roster.assignments:
        inst = problem.instance_of(a.day, next(s.index for s in problem.shift_types if s.id == a.shift))
        choices = sorted(problem.duties[k].id for k in officers[a.officer].duties
                         if k == 0 or any(t in problem.duties[k].need for t in problem.slots_of(inst)))
        free = officers[a.officer].fixed.get(inst.index) is None and choices
        shuffled.append(Assignment(a.officer, a.day, a.shift, rng.choice(choices)) if free else a)
    done = polish(problem, shuffled, deterministic=True)
    assert not done.rejected and not done.capped
    assert done.after.objective <= done.before.objective
    assert len(done.after.hard_violations) <= len(done.before.hard_violations)
    assert done.after.objective == check_roster(problem, done.assignments).objective
    assert improving_single_moves(problem, done.assignments) == []
