"""The decomposed strategy's pieces: the plan is a valid lower bound, the greedy roster is legal,
and the whole strategy returns a roster the checker agrees with."""

from __future__ import annotations

from pathlib import Path

import pytest
from ortools.sat.python import cp_model

from scheduler.check import check_roster
from scheduler.generate import generate
from scheduler.model.readout import to_assignments
from scheduler.model.variables import officer_classes
from scheduler.problem import build_problem
from scheduler.roster import Assignment
from scheduler.scenario.load import load_scenario, load_source
from scheduler.scenario.schema import SolverSettings
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve import solve
from scheduler.solve.budget import TimeBudget
from scheduler.solve.greedy import greedy_roster
from scheduler.solve.neighbourhood import by_shortfall, exchange_group, improve_group, shortfall_group, window_group
from scheduler.solve.plan import build_plan_model
from tests.random_scenarios import load_random, with_random_priors

ROOT = Path(__file__).resolve().parent.parent


def plan_bound(problem) -> tuple[float, dict]:
    plan = build_plan_model(problem)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 2
    solver.parameters.max_time_in_seconds = 5  # any bound proven by then is a lower bound; seed 11 stops here
    assert solver.solve(plan.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    targets = {key: var if isinstance(var, int) else solver.value(var) for key, var in plan.y.items()}
    return solver.best_objective_bound / 60, {"plan": plan, "targets": targets}


@pytest.mark.parametrize("seed", range(12))
def test_plan_is_a_lower_bound_of_the_proven_optimum(seed: int) -> None:
    # The plan relaxes the roster model (class counts, implied sums, convex lower bounds), so its
    # optimum can never exceed the roster model's proven optimum.
    problem = build_problem(load_random(seed))
    roster = solve(problem, SolverSettings(time_limit=10, workers=2, strategy="monolithic"))
    if roster.info.status != "OPTIMAL":
        pytest.skip(f"seed {seed}: not proven optimal in 10 s ({roster.info.status})")
    bound, _ = plan_bound(problem)
    assert bound <= roster.info.objective + 1e-6


@pytest.mark.parametrize("seed", range(6))
def test_plan_with_earlier_weeks_counted_is_a_lower_bound(seed: int) -> None:
    # Fairness priors (nights and weekend shifts of the weeks before): the plan's convex bound takes the
    # sum of each class's smallest marginal costs p_o + k, still below the roster model's optimum.
    problem = build_problem(load_random(seed))
    with_random_priors(problem, seed)
    roster = solve(problem, SolverSettings(time_limit=10, workers=2, strategy="monolithic", deterministic=True))
    if roster.info.status != "OPTIMAL":
        pytest.skip(f"seed {seed}: not proven optimal in 10 s ({roster.info.status})")
    bound, _ = plan_bound(problem)
    assert bound <= roster.info.objective + 1e-6


@pytest.mark.parametrize("seed", range(12))
def test_greedy_roster_has_no_hard_violation(seed: int) -> None:
    problem = build_problem(load_random(seed))
    _, found = plan_bound(problem)
    worked = greedy_roster(problem, found["plan"].vars.classes, found["targets"])
    if worked is None:
        pytest.skip("greedy found no legal roster (the strategy falls back)")
    assignments = [
        Assignment(problem.officers[o].id, problem.instances[i].day,
                   problem.shift_types[problem.instances[i].shift].id, "response")
        for o, insts in worked.items() for i in insts
        if 0 in problem.officers[o].duties
    ]
    # Officers who may not do response get no shift in this check (their duty comes later).
    assert [str(v) for v in check_roster(problem, assignments).hard_violations if v.rule != "skills"] == []


def test_decomposed_strategy_on_the_tiny_example_agrees_with_the_checker() -> None:
    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    roster = solve(problem, SolverSettings(time_limit=8, workers=2, strategy="decomposed"))
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == []
    assert result.objective == pytest.approx(roster.info.objective, abs=1e-6)
    bound, _ = plan_bound(problem)
    assert roster.info.best_bound >= bound - 1e-6  # the plan's bound is kept



def test_groups_short_of_their_duties_go_first() -> None:
    # Tiny zone: class 1 can staff the mandatory transfer (100,000 points per officer-hour short) and
    # the market hotspot, class 0 only the market. With nothing rostered, class 1's group goes first
    # whatever the order given; once the transfer is staffed both groups can only reduce the market's
    # shortfall, equally, and the order given is kept (a stable sort).
    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    classes = officer_classes(problem)
    assert [sorted(problem.duties[k].id for k in c.duties) for c in classes] == [
        ["market", "response"], ["market", "response", "transfer-wed"]]
    given = [[classes[0]], [classes[1]]]
    assert [g[0].index for g in by_shortfall(problem, given, {})] == [1, 0]
    transfer = next(d for d in problem.duties if d.id == "transfer-wed")
    cover = problem.covering()
    staffed: dict[tuple[int, int], int] = {}
    for t, need in sorted(transfer.need.items()):
        while sum(1 for (o, i), k in staffed.items() if k == transfer.index and i in cover[t]) < need:
            o = next(o for o in classes[1].officers if (o, cover[t][0]) not in staffed)
            staffed[(o, cover[t][0])] = transfer.index
    assert [g[0].index for g in by_shortfall(problem, given, staffed)] == [0, 1]


def test_exchange_group_pairs_the_dearest_last_shift_with_the_cheapest_next_one() -> None:
    # Tiny zone, every officer on the same day-shift pattern: o05 (part-time, 30.4 h = 1,824 min)
    # works 5 shifts, o02 works 4, everyone else 5 (full time: 38 h = 2,280 min), shifts of 480 min.
    # Weights per minute: overtime 20, undertime 2 (the defaults, per hour, on the same scale).
    # o05's fifth shift costs 20 x 480 = 9,600 (576 - 96 minutes over); a full-timer's fifth
    # 20 x 120 - 2 x 360 = 1,680; o02's next shift 20 x 120 - 2 x 360 = 1,680, a sixth 20 x 480 = 9,600.
    # (o03, on leave Thursday, owes 1,954 min: his fifth shift 20 x 446 - 2 x 34 = 8,852, second.)
    # So the first exchange group of two is o05 (dearest) with o02 (the one cheaper taker).
    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    index = {o.id: o.index for o in problem.officers}
    early = [problem.instance_of(d, 0).index for d in range(problem.days)]
    current = {(o.index, i): 0 for o in problem.officers for i in early[: 4 if o.id == "o02" else 5]}
    assert exchange_group(problem, current, 2, turn=0) == sorted([index["o02"], index["o05"]])
    # Later turns draw among the dearest three and the cheapest: o02 is the only one cheaper than 9,600.
    for turn in range(1, 6):
        group = exchange_group(problem, current, 2, turn=turn, seed=3)
        assert index["o02"] in group and len(group) == 2
    # Nobody over target: no shift is worth giving away.
    light = {(o.index, i): 0 for o in problem.officers for i in early[:3]}
    assert exchange_group(problem, light, 4, turn=0) is None


def test_shortfall_group_mixes_the_short_task_s_officers_with_others() -> None:
    # Tiny zone, nothing rostered: the mandatory transfer is short. A group of 4 draws 2 of the officers
    # who may escort it (o02, o03, o06, o08) and 2 who may not; once it is staffed, no group.
    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    transfer = next(d for d in problem.duties if d.id == "transfer-wed")
    escorts = {o.index for o in problem.officers if transfer.index in o.duties}
    assert sorted(problem.officers[o].id for o in escorts) == ["o02", "o03", "o06", "o08"]
    for turn in range(4):
        group = shortfall_group(problem, {}, 4, turn=turn, seed=1)
        assert len(group) == 4 and len(set(group) & escorts) == 2
    cover = problem.covering()
    staffed: dict[tuple[int, int], int] = {}
    for t, need in sorted(transfer.need.items()):
        while sum(1 for (o, i), k in staffed.items() if k == transfer.index and i in cover[t]) < need:
            o = next(o for o in sorted(escorts) if (o, cover[t][0]) not in staffed)
            staffed[(o, cover[t][0])] = transfer.index
    assert shortfall_group(problem, staffed, 4, turn=0) is None


def test_window_groups_go_round_the_horizon_zone_after_zone() -> None:
    # A week has 6 windows of 2 days (days 0-1 ... 5-6): turns 0-5 are the first zone's, turns 6-11
    # the second's (starting again at day 0), turn 12 the first zone's again. Every group is of one zone.
    problem = build_problem(load_source(YamlSource(generate(60, zones=2, seed=0), "<generated>"), None))
    windows = [window_group(problem, {}, 4, turn=turn, days=2, seed=1) for turn in range(13)]
    assert [sorted(days) for _, days in windows] == [[d, d + 1] for d in range(6)] * 2 + [[0, 1]]
    zones = []
    for members, _ in windows:
        assert len(members) == 4
        (zone,) = {problem.officers[o].zone for o in members}
        zones.append(zone)
    assert zones[:6] == [zones[0]] * 6 and zones[6:12] == [zones[6]] * 6 and zones[6] != zones[0]
    assert zones[12] == zones[0]


def test_window_step_changes_only_the_window_and_gains_what_the_checker_says() -> None:
    # The tiny zone's optimal roster with Wednesday and Thursday emptied; a step over those two days
    # (every officer) may only add or change shifts on them, and its gain is the checker's difference.
    problem = build_problem(load_scenario(ROOT / "examples/tiny/zone.yaml"))
    settings = SolverSettings(time_limit=10, workers=2, seed=0, strategy="monolithic")
    roster = solve(problem, settings)
    officer = {o.id: o.index for o in problem.officers}
    shift = {s.id: s.index for s in problem.shift_types}
    full = {(officer[a.officer], problem.instance_of(a.day, shift[a.shift]).index): problem.duty_index(a.duty)
            for a in roster.assignments}
    window = frozenset({2, 3})
    knocked = {key: k for key, k in full.items() if problem.instances[key[1]].day not in window}
    assert len(knocked) < len(full)
    before = check_roster(problem, to_assignments(problem, knocked)).objective
    better = improve_group(problem, knocked, list(range(len(problem.officers))), settings, 5.0, free_days=window)
    assert better is not None
    new, gain = better
    assert {key for key in new if problem.instances[key[1]].day not in window} == set(knocked)
    assert any(problem.instances[i].day in window for _, i in new)
    after = check_roster(problem, to_assignments(problem, new))
    assert not after.hard_violations
    assert after.objective == pytest.approx(before - gain)


def test_plan_budget_by_case() -> None:
    def _plan_budget(total: float, left: float, deterministic: bool, with_patterns: bool, room: bool) -> tuple:
        return TimeBudget(total, 0.0, deterministic).plan(left, with_patterns, room)

    # 120 s: share max(0.15 * 120, min(10, 60)) = 18 s; longest min(max(18, 0.30 * 120), 110) = 36 s.
    assert _plan_budget(120, 110, False, False, False) == (18, 36, 0.10)
    # patterns with room after: 8 s, then on only until a solution exists (good gap infinite)
    assert _plan_budget(120, 110, False, True, True) == (8, 36, float("inf"))
    # patterns without room for more, or the deterministic mode: the share and no more
    assert _plan_budget(120, 110, False, True, False) == (18, 18, 0.10)
    assert _plan_budget(120, 5, True, True, True) == (18, 18, 0.10)
    # little time: at least half of it (10 s floor capped at 0.5 x 12 = 6 s), never past what is left
    assert _plan_budget(12, 4, False, False, False) == (6, 4, 0.10)


def test_a_limit_too_short_for_the_plan_still_gives_a_checked_roster() -> None:
    # 300 officers' staffing plan has no solution in 0.3 s: it goes on until its first, so the zone gets a
    # roster a few seconds late rather than none (it ended UNKNOWN when the plan stopped at its share).
    problem = build_problem(load_source(YamlSource(generate(300, 1, 7, 0), "<gen-300>"), None))
    roster = solve(problem, SolverSettings(time_limit=0.3, workers=2, seed=0))
    assert roster.info.status == "FEASIBLE"
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == []
    assert abs(result.objective - roster.info.objective) < 1e-6


def test_the_first_duties_come_late_rather_than_never(monkeypatch: pytest.MonkeyPatch) -> None:
    # The first roster's duty step ends with no solution (as the merged region's 1.5 s did at a 30 s
    # limit): the duties go on to their first solution, so the decomposed strategy keeps its first roster
    # and searches from it instead of handing the whole problem to the full model.
    from types import SimpleNamespace

    import scheduler.solve.duties as duties

    calls: list[bool] = []

    class FirstStepEmpty(cp_model.CpSolver):
        def solve(self, model, callback=None):  # type: ignore[no-untyped-def]
            calls.append(True)
            if len(calls) == 1:
                return cp_model.UNKNOWN  # the step's time up before any solution
            return super().solve(model, callback)

    # Only the duties module's solver: the plan and the search keep CP-SAT's own.
    monkeypatch.setattr(duties, "cp_model", SimpleNamespace(
        CpSolver=FirstStepEmpty, UNKNOWN=cp_model.UNKNOWN, OPTIMAL=cp_model.OPTIMAL, FEASIBLE=cp_model.FEASIBLE))
    source = YamlSource.read(str(Path(__file__).parent.parent / "examples/tiny/zone.yaml"))
    problem = build_problem(load_source(source))
    settings = SolverSettings(time_limit=5, workers=1, seed=0, deterministic=True, strategy="decomposed")
    lines: list[str] = []
    roster = solve(problem, settings, log_callback=lines.append)
    assert len(calls) >= 2  # the first duties asked again
    assert any(line.startswith("[decomposed] improving by officer groups") for line in lines)
    assert roster.info.status in ("OPTIMAL", "FEASIBLE")
    assert check_roster(problem, roster.assignments).hard_violations == []
