"""Weekly patterns: legal exactly when the checker finds no hard violation, priced as the checker prices
the officer's own terms; the column-generation bound never exceeds a proven optimum; the roster built
from the patterns is legal."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from ortools.sat.python import cp_model

from scheduler.check import CheckResult, Service, check_officer, check_roster
from scheduler.model.pattern_space import pattern_space
from scheduler.problem import build_problem
from scheduler.roster import Assignment
from scheduler.scenario.load import load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve
from scheduler.solve.pattern_bound import pattern_plan, pattern_roster
from scheduler.solve.patterns import legal_patterns, pattern_costs
from scheduler.solve.plan import feasible_instances
from tests.random_scenarios import load_random, with_random_priors

ROOT = Path(__file__).resolve().parent.parent
# The officer's own terms a pattern prices; other soft rules cost a pattern nothing (a lower bound).
PRICED = {"overtime", "undertime", "fair_nights", "fair_weekends", "requests", "reinforcement_officer",
          "min_consecutive_days", "min_consecutive_days_off", "min_service"}


def _services(problem, space, p: int) -> list[Service]:
    out = []
    for d in range(problem.days):
        c = int(space.code[p, d])
        if c:
            inst = problem.instance_of(d, c - 1)
            out.append(Service(d, inst.shift, inst.start, inst.end, 0, False))
    return out


def _compare_with_checker(problem, officers, per_officer: int, rng: random.Random) -> int:
    """Patterns checked against the checker's check_officer: random ones and legal ones."""
    space = pattern_space(problem)
    assert space is not None
    checked = 0
    for o in officers:
        ids = legal_patterns(problem, space, o, feasible_instances(problem, o))
        costs = dict(zip(ids.tolist(), pattern_costs(problem, space, o, ids).tolist(), strict=True))
        sample = rng.sample(range(len(space.code)), per_officer)
        sample += rng.sample(ids.tolist(), min(per_officer, len(ids)))
        for p in sample:
            res = CheckResult()
            check_officer(problem, o, _services(problem, space, p), res)
            # Response duty (0) may be outside the officer's duties: a skills breach is not the pattern's.
            hard = [v for v in res.violations if v.hard and v.rule != "skills"]
            assert (p in costs) == (not hard), (o.id, space.code[p].tolist(), [str(v) for v in hard])
            if p in costs:
                priced = sum(u for term, u in res.internal.items() if term in PRICED)
                assert costs[p] == priced, (o.id, space.code[p].tolist(), dict(res.internal))
            checked += 1
    return checked


@pytest.mark.parametrize("seed", range(12))
def test_patterns_agree_with_the_checker_on_random_scenarios(seed: int) -> None:
    # Random rule modes (hard, soft, off), histories, leave, requests, fixed shifts.
    problem = build_problem(load_random(seed))
    if pattern_space(problem) is None:
        pytest.skip("horizon too long to enumerate patterns")
    assert _compare_with_checker(problem, problem.officers, 150, random.Random(seed)) > 0


@pytest.mark.parametrize("seed", range(4))
def test_patterns_agree_with_the_checker_with_earlier_weeks_counted(seed: int) -> None:
    # Nights and weekend shifts of the weeks before (a chain's fairness priors): the k-th of the running
    # period costs k, so a pattern's n nights after p earlier ones cost p*n + n(n+1)/2, as the checker says.
    problem = build_problem(load_random(seed))
    if pattern_space(problem) is None:
        pytest.skip("horizon too long to enumerate patterns")
    rng = with_random_priors(problem, seed)
    assert _compare_with_checker(problem, problem.officers, 100, rng) > 0


@pytest.mark.parametrize("seed", range(6))
def test_bounds_with_earlier_weeks_counted_stay_below_the_optimum(seed: int) -> None:
    problem = build_problem(load_random(seed))
    with_random_priors(problem, seed)
    roster = solve(problem, SolverSettings(time_limit=10, workers=2, strategy="monolithic", deterministic=True))
    if roster.info.status != "OPTIMAL":
        pytest.skip(f"seed {seed}: not proven optimal in 10 s ({roster.info.status})")
    plan = pattern_plan(problem, time_limit=30, deterministic=True)
    if plan is None:
        pytest.skip("no patterns (horizon too long, or an officer without a legal week)")
    assert plan.bound <= roster.info.objective + 1e-6


def test_patterns_agree_with_the_checker_over_two_weeks() -> None:
    # 13 days of E and a 3 h shift S (3^13 sequences): the weekend rule judges the second weekend from
    # the first, the history the first; S is short for min_service (soft, priced).
    from tests.rules.conftest import build, history, officer, scenario

    officers = [officer("a", history=history((-2, "E"), (-9, "E"))), officer("b", history=history((-2, "E"))),
                officer("c")]
    problem = build(scenario(officers, shifts={"E": ("06:00", 8), "S": ("20:00", 3)}, days=13,
                             rules={"rest_after_weekends": {"weekends": 1, "hours": 60},
                                    "min_service": {"mode": "soft", "weight": 7, "hours": 4},
                                    "min_rest": {"hours": 11}}, weights={"overtime": 1}))
    space = pattern_space(problem)
    assert space is not None and len(space.code) == 3**13
    rng = random.Random(0)
    assert _compare_with_checker(problem, problem.officers, 2000, rng) == 3 * 4000
    # The filter binds: officer c (no history) loses the weeks that work both weekends, or the Friday
    # evening and the Monday morning around a second weekend after a first one worked.
    both = (space.worked[:, [5, 12]]).all(axis=1)
    legal = legal_patterns(problem, space, problem.officers[2], feasible_instances(problem, problem.officers[2]))
    assert both.any() and not both[legal].any()


def test_patterns_agree_with_the_checker_on_the_example_zone() -> None:
    problem = build_problem(load_scenario(ROOT / "examples/brussels-south/zone.yaml"))
    rng = random.Random(0)
    assert _compare_with_checker(problem, rng.sample(problem.officers, 12), 150, rng) == 12 * 300


def test_pattern_space_is_every_sequence_once() -> None:
    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    space = pattern_space(problem)
    n_types = len(problem.shift_types)
    assert len(space.code) == (n_types + 1) ** problem.days
    assert len({tuple(row) for row in space.code.tolist()}) == len(space.code)
    # Minutes of a pattern are its instances' minutes.
    p = int(np.flatnonzero(space.worked.sum(axis=1) == problem.days)[0])
    assert space.minutes[p] == sum(problem.instances[i].minutes for i in space.inst[p])


@pytest.mark.parametrize("seed", range(12))
def test_pattern_bound_is_a_lower_bound_of_the_proven_optimum(seed: int) -> None:
    problem = build_problem(load_random(seed))
    plan = pattern_plan(problem, time_limit=30, deterministic=True)
    if plan is None:
        pytest.skip("no patterns (horizon too long, or an officer without a legal week)")
    roster = solve(problem, SolverSettings(time_limit=10, workers=2, strategy="monolithic"))
    if roster.info.status != "OPTIMAL":
        pytest.skip(f"seed {seed}: not proven optimal in 10 s ({roster.info.status})")
    assert plan.bound <= roster.info.objective + 1e-6


@pytest.mark.parametrize("search", ["cp-sat", "no solution in the time"])
def test_roster_from_patterns_is_legal(search: str) -> None:
    # With no CP-SAT solution (a small zone's share can end in presolve) the roster is the relaxation
    # rounded: still every officer on a legal week of his own, and as many officers on each pattern as
    # the rounding of the relaxation's numbers says.
    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    plan = pattern_plan(problem, time_limit=30, deterministic=True)
    assert plan is not None and plan.converged
    run = (lambda s, m, cb: s.solve(m, cb)) if search == "cp-sat" else (lambda s, m, cb: cp_model.UNKNOWN)
    worked = pattern_roster(problem, plan, SolverSettings(time_limit=10, workers=2, deterministic=True), 5, run)
    assert set(worked) == {o.index for o in problem.officers}
    assignments = [Assignment(problem.officers[o].id, problem.instances[i].day,
                              problem.shift_types[problem.instances[i].shift].id, "response")
                   for o, insts in worked.items() for i in insts]
    res = check_roster(problem, assignments)
    assert [v for v in res.hard_violations if v.rule != "skills"] == []
    if search != "cp-sat":
        for t, members in enumerate(plan.types):
            got = sorted(tuple(worked[o]) for o in members)
            values = plan.values[t]
            for k, (insts, _) in enumerate(plan.patterns[t]):
                assert np.floor(values[k] - 1e-6) <= got.count(insts) <= np.ceil(values[k] + 1e-6)


def test_a_worse_roster_from_patterns_gives_way_to_the_greedy_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # Patterns given too little time can end worse than the greedy first roster; here the roster from
    # patterns is made the worst there is (nobody works), so the greedy roster must be kept, and the
    # search goes on from it: the final roster is legal and no worse than the greedy one.
    import scheduler.solve.decomposed as solve_module

    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    monkeypatch.setattr(solve_module, "pattern_roster", lambda problem, *args: {o.index: [] for o in problem.officers})
    lines: list[str] = []
    settings = SolverSettings(time_limit=20, workers=2, strategy="decomposed", deterministic=True)
    roster = solve(problem, settings, log_callback=lines.append)
    kept = [line for line in lines if line.startswith("[decomposed] roster from patterns")]
    assert len(kept) == 1 and kept[0].endswith("greedy kept")
    greedy = float(kept[0].split("greedy roster ")[1].split(" ")[0].replace(",", ""))
    res = check_roster(problem, roster.assignments)
    assert res.hard_violations == []
    assert res.objective <= greedy + 1e-6
