"""Long horizons: a rolling roster, window by window, each with the strategies of a short horizon.

Days [0, W) are solved first (with a look ahead of a week, whose shifts are not kept), then [W, 2W) with the first window's shifts as fixed history
(`window_problem.py`), and so on to the horizon's end: every model is a window's, so memory and time
grow with the horizon only linearly. A window the fixed days leave with no legal roster (a hard rule over
the seam) is solved again together with the window before it; if still none, the caller solves the whole
horizon as one model. Each window gets an equal share of the time left by the bound
(deterministic mode: of the limit, from the settings alone). The roster is scored by the independent
checker over the whole horizon (its objective is the roster's, exactly). On a problem of shift cover
alone the windows leave budget.HORIZON_SEARCH_SHARE of the limit to the search over the horizon
(`horizon_search.py`: stretches of two weeks re-rostered with both sides fixed, each step kept only if
the checker scores it better); every rolled roster ends with local moves over the whole horizon.

The bound is the staffing plan's over the whole horizon (`plan.py`: an aggregate relaxation of the
roster model, a valid lower bound whenever its search stops), never a sum of the windows' bounds: a
window's bound holds only given the days fixed before it.
"""

from __future__ import annotations

from collections.abc import Callable

import ortools
from ortools.sat.python import cp_model

import scheduler.solve.budget as B
from scheduler.check import check_roster
from scheduler.model.penalties import POINT, TIERS
from scheduler.problem import Problem
from scheduler.roster import Assignment, Roster, SolveInfo
from scheduler.solve.context import RunContext
from scheduler.solve.horizon_columns import separable
from scheduler.solve.horizon_search import search_horizon
from scheduler.solve.params import solver_parameters
from scheduler.solve.plan import build_plan_model
from scheduler.solve.polish import moves_text, polish
from scheduler.solve.progress import relative_gap
from scheduler.solve.window_problem import Done, window_problem

WindowSolver = Callable[[RunContext], Roster]


def windows(days: int, width: int) -> list[tuple[int, int]]:
    """[first, end) of each window; a remainder shorter than a week joins the last window."""
    out = [(a, min(days, a + width)) for a in range(0, days, width)]
    if len(out) > 1 and out[-1][1] - out[-1][0] < 7:
        out[-2:] = [(out[-2][0], days)]
    return out


def horizon_bound(run: RunContext, seconds: float) -> float | None:
    """The staffing plan's lower bound over the whole horizon after `seconds` (None: none proven)."""
    plan = build_plan_model(run.problem)
    solver = cp_model.CpSolver()
    solver_parameters(solver, run.settings, time_limit=seconds)
    solver.parameters.root_lp_iterations = B.PLAN_ROOT_LP_ITERATIONS
    code = run.interrupt.run(solver, plan.model)
    if code == cp_model.INFEASIBLE:
        return None
    bound = solver.best_objective_bound  # CP-SAT's proven bound, also when its search stops early
    return bound / POINT if bound > float("-inf") else None


def solve_rolling(run: RunContext, solve_window: WindowSolver) -> Roster | None:
    """None when a window has no roster, even solved again with the one before it; the caller falls back to
    the full model."""
    problem, budget = run.problem, run.budget
    stage = run.stages("rolling")
    spans = windows(problem.days, B.ROLLING_WINDOW_DAYS)
    cover_only = separable(problem)  # the search over the horizon pays only there (budget.py)
    stage(f"bound over {problem.days} days")
    bound = horizon_bound(run, budget.rolling_bound())
    run.log(f"[rolling] plan bound {bound if bound is not None else '-'}; {len(spans)} windows of "
            f"{B.ROLLING_WINDOW_DAYS} days (at {run.elapsed():.1f} s)")
    done: Done = {}
    assignments: list[Assignment] = []
    first_roster: float | None = None
    officer_ix = {o.id: o.index for o in problem.officers}
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    for n, (first, end) in enumerate(spans):
        stage(f"days {first + 1}-{end} of {problem.days}")
        limit = budget.rolling_window(len(spans), len(spans) - n, cover_only)
        roster = _window(run, solve_window, first, end, done, limit)
        if _no_roster(roster) and n > 0:
            # The days fixed before leave this window no legal roster (a hard rule over the seam): take the
            # window before back and solve both as one, with a window's time (deterministic mode: one share
            # more than the limit, rather than a clock).
            run.log(f"[rolling] days {first + 1}-{end}: no roster ({roster.info.status}) given the days "
                    f"before; solved again with days {spans[n - 1][0] + 1}-{first}")
            first = spans[n - 1][0]
            _take_back(problem, done, assignments, first)
            limit = budget.rolling_window(len(spans), len(spans) - n, cover_only)
            roster = _window(run, solve_window, first, end, done, limit)
        if _no_roster(roster):
            run.log(f"[rolling] days {first + 1}-{end}: no roster ({roster.info.status}) in {limit:.1f} s")
            return None
        for a in roster.assignments:
            day = a.day + first
            if day >= end:
                continue
            o, i = officer_ix[a.officer], problem.instance_of(day, shift_ix[a.shift]).index
            done.setdefault(o, []).append((i, duty_ix[a.duty]))
            assignments.append(Assignment(a.officer, day, a.shift, a.duty))
        run.log(f"[rolling] days {first + 1}-{end}: {roster.info.status} {roster.info.objective}, "
                f"window bound {roster.info.best_bound} (at {run.elapsed():.1f} s)")
        if first_roster is None and n == len(spans) - 1:
            first_roster = run.elapsed()
    stage("search over the horizon" if cover_only else "local moves over the horizon")
    moves = min(B.MOVES_SECONDS, B.MOVES_SECONDS_PER_OFFICER * len(problem.officers))
    if cover_only:
        assignments = search_horizon(run, assignments, run.start + budget.total - moves, budget.horizon_search(True))
    # Local moves over the whole horizon: what no stretch could see (the checker confirms them).
    polished = polish(problem, assignments, seconds=budget.moves(), deterministic=run.settings.deterministic,
                      shift_moves=not run.stopped)
    run.log(f"[local moves] {moves_text(polished.moves)}: objective {polished.before.objective:,.2f} -> "
            f"{polished.after.objective:,.2f} in {polished.seconds:.2f} s")
    return _scored(run, sorted(polished.assignments, key=lambda a: (a.day, a.officer)), bound, first_roster)


def _window(run: RunContext, solve_window: WindowSolver, first: int, end: int, done: Done, limit: float) -> Roster:
    """Days [first, end) solved with the days before fixed, and a look ahead whose shifts are not kept: the
    last days of a window cannot see what they leave the next (weekends worked in a row, a task's officers
    used up)."""
    ahead = min(run.problem.days, end + B.ROLLING_LOOKAHEAD_DAYS)
    return solve_window(_child(run, window_problem(run.problem, first, ahead, done), limit))


def _no_roster(roster: Roster) -> bool:
    return not roster.assignments and roster.info.status not in ("OPTIMAL", "FEASIBLE")


def _take_back(problem: Problem, done: Done, assignments: list[Assignment], first: int) -> None:
    """Forget what was kept from day `first` on (in place): those days are solved again."""
    for worked in done.values():
        worked[:] = [(i, k) for i, k in worked if problem.instances[i].day < first]
    assignments[:] = [a for a in assignments if a.day < first]


def _child(run: RunContext, sub: Problem, limit: float) -> RunContext:
    """A window's run: its own problem and limit, the parent's Ctrl-C and log, no display, no diagnosis."""
    settings = run.settings.model_copy(update={"time_limit": max(limit, 0.5)})
    return RunContext(sub, settings, run.interrupt, None, run.log_callback, diagnose=False)


def _scored(run: RunContext, assignments: list[Assignment], bound: float | None, first: float | None) -> Roster:
    """The roster with the checker's objective over the whole horizon and the plan's bound."""
    result = check_roster(run.problem, assignments)
    objective = result.objective
    info = SolveInfo(
        status="FEASIBLE", objective=objective, wall_time_s=round(run.elapsed(), 3),
        first_solution_s=round(first, 3) if first is not None else None,
        seed=run.settings.seed, workers=run.settings.workers, deterministic=run.settings.deterministic,
        interrupted=run.stopped, solver_version=f"ortools {ortools.__version__}",  # type: ignore[attr-defined]  # set in ortools/__init__.py
    )
    if bound is not None:
        info.best_bound = min(bound, objective)
        info.gap = relative_gap(objective, info.best_bound)
        if info.gap == 0:
            info.status = "OPTIMAL"
    info.penalties = result.penalties
    info.tiers = {t: result.tiers[t] / POINT for t in TIERS if result.tiers.get(t)}
    if result.hard_violations:
        run.log(f"[rolling] the checker finds {len(result.hard_violations)} hard violations over the horizon")
    return Roster(assignments, info)
