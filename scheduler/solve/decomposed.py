"""The decomposed strategy for large zones.

1. the staffing plan (`plan.py`: aggregate, also a valid lower bound); 2. a greedy legal roster that
follows it (`greedy.py`) and its best duties; 3. on horizons short enough to enumerate, every officer's
legal weeks combined by column generation (`pattern_bound.py`: a tighter bound and a roster from its
relaxation, kept if the checker scores it better); 4. search by officer groups, exchanges and day
windows with the full model of each group (`neighbourhood.py`); 5. the full model, hinted with the
best roster, polishes it and makes its objective exact; local moves (`polish.py`) end it.
"""

from __future__ import annotations

import threading
import time

from ortools.sat.python import cp_model

import scheduler.solve.budget as B
from scheduler.model.pattern_space import enumerable
from scheduler.model.penalties import POINT
from scheduler.model.variables import officer_classes
from scheduler.roster import Roster
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.context import RunContext
from scheduler.solve.duties import Scored, best_duties, scored, with_duties
from scheduler.solve.full import solve_full
from scheduler.solve.greedy import greedy_roster
from scheduler.solve.group_search import search_groups
from scheduler.solve.interrupt import Interrupt, Watcher
from scheduler.solve.params import solver_parameters
from scheduler.solve.pattern_bound import pattern_plan, pattern_roster
from scheduler.solve.plan import build_plan_model
from scheduler.solve.start import better_start


def solve_decomposed(run: RunContext) -> Roster | None:
    """None: no plan solution or no legal first roster; the caller falls back to the full model."""
    problem, settings, interrupt = run.problem, run.settings, run.interrupt
    budget = run.budget
    stage = run.stages("decomposed")

    stage("staffing plan")
    plan = build_plan_model(problem)
    solver = cp_model.CpSolver()
    search_end = budget.search_end(len(problem.officers))  # seconds from the start
    needed = budget.patterns_needed(len(problem.officers))
    with_patterns = B.PATTERNS and enumerable(problem)
    patterns_room = with_patterns and search_end - B.PLAN_WITH_PATTERNS >= needed
    code = run_plan(solver, plan.model, settings, interrupt, *budget.plan(budget.left(), with_patterns, patterns_room))
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    floor = solver.best_objective_bound / POINT
    plan_classes = plan.vars.classes

    stage("first roster")
    targets = {key: var if isinstance(var, int) else solver.value(var) for key, var in plan.y.items()}
    mandatory: dict[tuple[int, int], int] = {}
    for (i, k, c), var in plan.vars.n.items():
        duty = problem.duties[k]
        if duty.kind == "task" and duty.priority == "mandatory":
            mandatory[(i, c)] = mandatory.get((i, c), 0) + solver.value(var)
    worked = greedy_roster(problem, plan_classes, targets, first=mandatory)
    if worked is None:
        return None
    # From here on, classes of officers who may do the same duties (the plan's may be coarser).
    classes = officer_classes(problem)
    stage("duties")
    # Once the greedy roster exists, Ctrl-C still gets it: its duties are not interruptible (about a
    # second), and every later stage skips to the final evaluation of the best roster so far.
    counts = best_duties(run, classes, worked, interruptible=False, until_first=True)
    if counts is None:
        return None
    first_roster = run.elapsed()
    lns_share = B.LNS_SHARE
    kept: Scored | None = None
    lns_end = run.start + search_end

    def usable() -> float:
        return lns_end - time.perf_counter()

    room = budget.total if settings.deterministic else usable()  # deterministic: from the settings only
    if B.PATTERNS and room >= needed and not run.stopped:
        stage("weekly patterns")
        patterns = pattern_plan(problem, budget.pattern_generation(usable()), settings.deterministic,
                                run.log_callback, stop=interrupt.flag.is_set, initial=worked)
        if patterns is not None:
            floor = max(floor, patterns.bound)
            stage("roster from weekly patterns")
            from_patterns = pattern_roster(problem, patterns, settings, budget.pattern_roster(usable()), interrupt.run)
            counts_then = best_duties(run, classes, from_patterns)
            if counts_then is not None:
                # Patterns given little time can give a worse roster than the greedy one: keep the better,
                # a legal one first (a strict task left short is a hard violation the objective omits).
                ours, greedy = scored(problem, classes, from_patterns, counts_then), scored(problem, classes, worked, counts)
                choose_ours = (ours.hard, ours.objective) <= (greedy.hard, greedy.objective)
                run.log(f"[decomposed] roster from patterns {ours.objective:,.2f} ({ours.hard} hard violations), "
                        f"greedy roster {greedy.objective:,.2f} ({greedy.hard}): "
                        f"{'patterns' if choose_ours else 'greedy'} kept")
                kept = ours if choose_ours else greedy
                if kept is ours:
                    worked, counts = from_patterns, counts_then
            lns_share = max(0.1, B.LNS_SHARE - B.PATTERN_SHARE - B.PATTERN_ROSTER_SHARE)

    if run.start_roster is not None:
        stage("roster of a similar problem")
        kept = kept or scored(problem, classes, worked, counts)
        start = better_start(run, classes, kept)
        if start is not None:
            worked, counts, kept = start
    stage("improving by officer groups")
    # The first roster's objective, by the checker (plain Python, a fraction of a second), so that the
    # progress display shows best, bound and gap through the search; each step then subtracts its gain.
    # Already known when the roster from patterns was weighed against the greedy one.
    known = kept is not None
    if kept is None:
        kept = Scored(with_duties(problem, classes, worked, counts), 0.0, 0)
        if run.on_progress:  # only a display needs it
            kept, known = scored(problem, classes, worked, counts), True
    current = search_groups(run, classes, kept, floor, lns_end, lns_share * budget.total, scored=known)
    worked = {}
    counts = {}
    class_of = {o: c.index for c in classes for o in c.officers}
    for (o, i), k in current.items():
        worked.setdefault(o, []).append(i)
        if k:
            counts[(i, k, class_of[o])] = counts.get((i, k, class_of[o]), 0) + 1

    stage("improving")
    roster = solve_full(run, hint=(worked, counts), floor=floor, diagnose=False, first_roster=first_roster)
    return roster if roster.assignments else None


def run_plan(solver: cp_model.CpSolver, model: cp_model.CpModel, settings: SolverSettings, interrupt: Interrupt,
             share: float, longest: float, good_gap: float = B.PLAN_GOOD_GAP) -> cp_model.CpSolverStatus:
    """Solve the plan: until a 2 % gap, or `share` seconds if it has a solution within `good_gap` by
    then, else on (checking every half second) until it has, or `longest` seconds. Without a solution by
    then (a short limit on a large zone) it goes on until its first, at most PLAN_FIRST_MAX seconds: a
    first roster late rather than none. Deterministic mode: `share` seconds, as the settings say."""
    if settings.deterministic:
        solver_parameters(solver, settings, time_limit=longest)
    else:
        solver_parameters(solver, settings, time_limit=max(longest, B.PLAN_FIRST_MAX))
    solver.parameters.relative_gap_limit = max(settings.relative_gap, 0.02)
    # A light presolve: the plan is small and its LP does the work.
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    # The root LP solved in one go: the plan's bound and its first good solution both wait for it.
    solver.parameters.root_lp_iterations = B.PLAN_ROOT_LP_ITERATIONS
    if settings.deterministic:
        return interrupt.run(solver, model)
    began = time.perf_counter()
    progress = Watcher(began)
    solver.best_bound_callback = lambda bound: setattr(progress, "bound", max(progress.bound, bound))
    done = threading.Event()

    def watch() -> None:
        if done.wait(min(share, longest)):
            return
        while progress.objective is None or (progress.gap() > good_gap and time.perf_counter() - began < longest):
            if done.wait(0.5):
                return
        solver.stop_search()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return interrupt.run(solver, model, progress)
    finally:
        done.set()
        watcher.join()
