"""The full model: every strategy ends here, hinted with the roster found so far, if any."""

from __future__ import annotations

import ortools
from ortools.sat.python import cp_model

from scheduler.model.build import BuiltModel, build_model
from scheduler.model.penalties import POINT, TIERS
from scheduler.model.readout import read_assignments
from scheduler.roster import Roster, SolveInfo
from scheduler.solve.budget import HINT_SECONDS
from scheduler.solve.context import RunContext
from scheduler.solve.diagnose import explain_infeasible
from scheduler.solve.hint import complete_hint
from scheduler.solve.interrupt import Watcher, within
from scheduler.solve.params import solver_parameters
from scheduler.solve.plan import build_plan_model
from scheduler.solve.polish import polish_roster
from scheduler.solve.progress import Progress, relative_gap

Hint = tuple[dict[int, list[int]], dict[tuple[int, int, int], int]]  # who works when; duty counts


def add_hint(built: BuiltModel, hint: Hint) -> None:
    """Who works when and the duty counts, as hints on the full model's variables (a partial hint)."""
    worked, counts = hint
    on = {(o, i) for o, insts in worked.items() for i in insts}
    for o, xo in enumerate(built.vars.x):
        for i, lit in xo.items():
            built.model.add_hint(lit, (o, i) in on)
    for key, var in built.vars.n.items():
        built.model.add_hint(var, counts.get(key, 0))


def solve_full(
    run: RunContext,
    hint: Hint | None = None,
    floor: float | None = None,
    diagnose: bool = True,
    first_roster: float | None = None,
    built: BuiltModel | None = None,
) -> Roster:
    """The full model, searched from `hint` (evaluated exactly first: a roster that breaks a hard rule is
    never returned as is), with `floor` a proven bound; the objective made exact at the end. `built`: the
    full model when a caller built it already (it gains the hints and the fixings)."""
    problem, settings = run.problem, run.settings
    if built is None:
        built = build_model(problem)
    if hint is not None:
        add_hint(built, hint)
    shown = (lambda t, o, b: run.on_progress(Progress(t, o, b, "search"))) if run.on_progress else None  # type: ignore[misc]  # the lambda exists only when on_progress is set; mypy does not narrow into it
    watcher = Watcher(run.start, shown, floor if floor is not None else float("-inf"), settings.relative_gap)
    fallback = None
    kept_hint = False
    if hint is not None:
        # The hinted roster, evaluated exactly; then a complete hint (every variable) for the search.
        # Not interruptible: it is quick, and after Ctrl-C it is the roster that gets written.
        fallback = complete_hint(built.model, settings, HINT_SECONDS)
        if fallback is not None:
            run.log(f"[full model] hinted roster: objective {fallback.objective_value / POINT:,.2f} "
                    f"(at {run.elapsed():.1f} s)")
    solver = cp_model.CpSolver()
    if fallback is not None and floor is not None and within(fallback.objective_value / POINT, floor, settings.relative_gap):
        # Already at the proven floor (or within the gap asked of it): no search, whose presolve alone
        # takes 2-3 s on a 300-officer week.
        run.log(f"[full model] hinted roster within {settings.relative_gap:.2%} of the bound {floor:,.2f}: no search")
        code = cp_model.UNKNOWN
    else:
        solver_parameters(solver, settings, time_limit=run.budget.full_model(hinted=hint is not None,
                                                                         officers=len(problem.officers)),
                          log=run.log_callback is not None)
        if run.log_callback is not None:
            solver.log_callback = run.log_callback  # type: ignore[assignment]  # CP-SAT ignores what the callback returns; its stub asks for None
        code = run.interrupt.run(solver, built.model, watcher)
    if fallback is not None and (
        code not in (cp_model.OPTIMAL, cp_model.FEASIBLE) or solver.objective_value > fallback.objective_value
    ):
        bound = solver.best_objective_bound if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None
        solver, code = fallback, cp_model.FEASIBLE
        # The fallback solved a model with every variable fixed: its own bound is its objective, not a
        # bound on the roster problem. Only the search's bound and the plan's floor are bounds.
        kept_hint = True
        floor = max(b for b in (floor, bound / POINT if bound is not None else None, 0.0) if b is not None)
    status = solver.status_name(code)
    info = SolveInfo(
        status=status, wall_time_s=round(run.elapsed(), 3), build_time_s=round(built.seconds, 3),
        first_solution_s=first_roster if first_roster is not None else watcher.first,
        seed=settings.seed, workers=settings.workers, deterministic=settings.deterministic,
        interrupted=run.stopped, solver_version=f"ortools {ortools.__version__}",  # type: ignore[attr-defined]  # set in ortools/__init__.py; mypy sees only its typed subpackages
    )
    if info.first_solution_s is not None:
        info.first_solution_s = round(info.first_solution_s, 3)
    if status not in ("OPTIMAL", "FEASIBLE"):
        if status == "INFEASIBLE" and diagnose and not info.interrupted:
            info.explanation = explain_infeasible(problem, settings)
        elif status == "MODEL_INVALID":
            # Weights and counts each within their bounds can still multiply past 64-bit integers.
            why = (built.model.validate() or solver.solution_info()).split(": vars")[0][:200]  # not the variable lists
            info.explanation = [f"the solver rejects the model{': ' + why if why else ''}",
                                "objective weights x counts x slots too large? lower the largest weights"]
        return Roster([], info)
    bound = solver.best_objective_bound / POINT if not kept_hint else float("-inf")
    solver = tighten(built, solver)
    info.objective = round(solver.objective_value) / POINT  # internal units are integers
    if floor is not None:
        bound = max(bound, floor)
    info.best_bound = min(bound, info.objective)
    info.gap = relative_gap(info.objective, info.best_bound)
    if info.gap == 0 and status == "FEASIBLE":
        info.status = "OPTIMAL"
    for p in built.penalties:
        value = p.weight * (p.expr if isinstance(p.expr, int) else solver.value(p.expr)) / POINT
        if value:
            info.penalties[p.name] = info.penalties.get(p.name, 0) + value
            info.tiers[p.tier] = info.tiers.get(p.tier, 0) + value
    info.tiers = {t: info.tiers[t] for t in TIERS if t in info.tiers}
    # Every strategy ends here: local moves take what the search left on the table (the checker decides).
    roster = polish_roster(run, Roster(read_assignments(problem, built, solver), info))
    info.wall_time_s = round(run.elapsed(), 3)
    return roster


def plan_bound(run: RunContext) -> float | None:
    """The staffing plan's lower bound (often far better than the full model's own, and cheap)."""
    plan = build_plan_model(run.problem)
    solver = cp_model.CpSolver()
    solver_parameters(solver, run.settings, time_limit=run.budget.plan_bound())
    if run.interrupt.run(solver, plan.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver.best_objective_bound / POINT
    return None


def tighten(built: BuiltModel, solver: cp_model.CpSolver) -> cp_model.CpSolver:
    """Re-solve with every decision fixed, so each slack is at its least and the objective is exact.

    A feasible (not optimal) CP-SAT solution may carry slack above what its decisions need; the
    roster's objective must be the one the checker recomputes from the assignments alone.
    """
    model = built.model
    model.clear_hints()
    for xo in built.vars.x:
        for lit in xo.values():
            model.add(lit == solver.boolean_value(lit))
    for var in built.vars.n.values():
        model.add(var == solver.value(var))
    tight = cp_model.CpSolver()
    tight.parameters.num_workers = 1
    tight.parameters.max_time_in_seconds = HINT_SECONDS
    code = tight.solve(model)
    return tight if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else solver
