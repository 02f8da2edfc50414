"""`scheduler compare`: the baseline and each policy solved alike, the measures side by side.

Every scenario gets the same seed, time limit and workers; scenarios run in parallel worker processes.
A region solved zone by zone solves each distinct zone problem once: the baseline first, then every policy
with the baseline's zones (`solve/shared.py`), so a zone a policy leaves as it was keeps the baseline's
roster and figures. A policy solved as one problem while the baseline is solved zone by zone (a merger)
waits for it too, and starts from the baseline's zone rosters joined (`solve/start.py`). The table
(`table.py`) says what the bounds prove about each difference (`verdicts.py`).
"""

from __future__ import annotations

import multiprocessing
import queue
import resource
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from scheduler.api import checked_document, load_problem, settings_for
from scheduler.compare.policy_effect import policy_effect
from scheduler.compare.refine import Decided, decide
from scheduler.compare.spec import BASELINE, CompareSettings, ScenarioResult, ScenarioSpec
from scheduler.compare.table import Verdict, _verdict, compare_table
from scheduler.compare.text import table_csv, table_markdown, write_tables
from scheduler.compare.unmet import add_unmet_ranges, floors
from scheduler.errors import InputError, InputProblem
from scheduler.io.roster_files import write_roster
from scheduler.roster import Roster
from scheduler.scenario.load import scenario_data
from scheduler.scenario.policies import policy_library, resolve
from scheduler.scenario.schema import SolverSettings
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve import solve
from scheduler.solve.shared import ZoneRosters, zone_fingerprint
from scheduler.solve.split import split_by_zone
from scheduler.solve.start import joined
from scheduler.staffing import staffing_gap

# What compare's callers and tests import from here.
__all__ = ["BASELINE", "CompareSettings", "ScenarioResult", "ScenarioSpec", "Verdict", "_verdict", "compare_table",
           "decide_verdicts", "run_compare", "scenario_specs", "solve_scenario", "table_csv", "table_markdown",
           "with_effects", "write_tables"]


def scenario_specs(path: str, policy_ids: list[str], all_policies: bool) -> list[ScenarioSpec]:
    """The baseline, then each policy asked for (or every policy the scenario offers)."""

    source = YamlSource.read(path)
    data, _ = scenario_data(source, Path(path))
    library = policy_library(data, source, Path(path))
    ids = list(library) if all_policies else list(policy_ids)
    specs = [ScenarioSpec(BASELINE, "the scenario as written", ())]
    for pid in ids:
        if pid not in library:
            known = ", ".join(library) or "none"
            raise InputError([InputProblem(path, None, "--policy", f"unknown policy '{pid}' (known: {known})")])
        # Read from the policies themselves: no scenario is loaded twice to find out.
        changes = any(p.rules or p.weights for p in resolve([pid], library, path))
        specs.append(ScenarioSpec(pid, library[pid].policy.description.strip(), (pid,), changes))
    return specs


def with_effects(path: str, specs: list[ScenarioSpec]) -> list[ScenarioSpec]:
    """The specs, each policy's with what it changes against the baseline (`policy_effect`), and each with
    the zones it is solved over, read from the loaded problems (each loaded once): nothing is solved. A
    scenario that does not load gets neither (its solve says why)."""
    try:
        base_loaded, base = load_problem(path)
    except InputError:
        return specs
    out = []
    for spec in specs:
        if not spec.policies:
            out.append(replace(spec, zones=_solved_zones(base_loaded, base)))
            continue
        try:
            loaded, problem = load_problem(path, policies=spec.policies)
        except InputError:
            out.append(spec)
            continue
        out.append(replace(spec, effect=policy_effect(base, problem).as_dict(), zones=_solved_zones(loaded, problem)))
    return out


def _solver_settings(loaded: Any, settings: CompareSettings) -> SolverSettings:
    return settings_for(loaded, time_limit=settings.time_limit, workers=settings.workers, seed=settings.seed,
                        deterministic=settings.deterministic)


def _solved_zones(loaded: Any, problem: Any) -> tuple[str, ...]:
    """The zones a scenario is solved zone by zone over (empty: solved as one problem)."""
    parts = split_by_zone(problem) if loaded.scenario.solver.zone_split else None
    return tuple(p.zone for p in parts or [])


def zones_of(path: str, spec: ScenarioSpec) -> tuple[str, ...]:
    """`spec.zones`, or read from its loaded scenario (empty when it does not load: its solve says why)."""
    if spec.zones is not None:
        return spec.zones
    try:
        return _solved_zones(*load_problem(path, policies=spec.policies))
    except InputError:
        return ()


def solve_scenario(path: str, spec: ScenarioSpec, settings: CompareSettings, out_dir: str | None,
                   progress: Any = None, shared: ZoneRosters | None = None,
                   starts: dict[str, Roster] | None = None, known: dict[str, dict] | None = None) -> ScenarioResult:
    """Load with the spec's policies, solve, check, measure; write OUT/<name>/roster.json. Runs in a worker.
    `shared`: problems solved before (fingerprint -> roster): the zones of a region solved zone by zone, or
    the whole problem of one that is not; the result's `zone_rosters` has them and its own. `starts`: zone ->
    the baseline's roster of that zone, a first roster for a zone the policy changes (`solve/start.py`), or
    all of them joined for a policy solved as one problem.
    `known`: the baseline's least unmet work by fingerprint (`unmet.floors`), not asked again."""
    t0 = time.perf_counter()
    try:
        loaded, problem = load_problem(path, policies=spec.policies)
    except InputError as exc:
        return ScenarioResult(spec, {}, {}, error=str(exc))
    load_s = time.perf_counter() - t0
    solver = _solver_settings(loaded, settings)

    def report(p: Any) -> None:
        if progress is not None:
            progress.put((spec.name, round(p.elapsed, 1), p.objective, p.bound, p.stage))

    whole = None
    as_one = not (solver.zone_split and split_by_zone(problem))
    if shared is not None and as_one:
        whole = zone_fingerprint(problem, solver)
    if starts and as_one:  # a merger of the baseline's zones: from all of their rosters at once
        starts = {problem.zone: joined([starts[z] for z in sorted(starts)])}
    if whole is not None and shared is not None and whole in shared:
        roster = shared[whole]
    else:
        roster = solve(problem, solver, on_progress=report if progress is not None else None, shared=shared,
                       starts=starts)
        if whole is not None and shared is not None and roster.info.status in ("OPTIMAL", "FEASIBLE"):
            shared[whole] = roster
    solved = roster.info.status in ("OPTIMAL", "FEASIBLE")
    gap = staffing_gap(path, spec.policies, solver) if settings.staffing_gap and solved else None
    result = finish_scenario(spec, problem, roster, out_dir, whole, gap, solver, known)
    if solved:
        result.extra["load_s"] = round(load_s, 2)
    result.zone_rosters = shared
    return result


def finish_scenario(spec: ScenarioSpec, problem: Any, roster: Roster, out_dir: str | None,
                    fingerprint: str | None = None, gap: dict[str, Any] | None = None,
                    solver: SolverSettings | None = None, known: dict[str, dict] | None = None) -> ScenarioResult:
    """A scenario's roster checked and measured, written to OUT/<name>/roster.json. `fingerprint`: of the
    whole problem, when it is solved as one (a region's zones carry theirs in `summary.zones`). The least
    unmet mandatory work (`unmet.py`): solved for with `solver`, taken from `known` for a problem asked
    before."""
    info = roster.info
    if info.status not in ("OPTIMAL", "FEASIBLE"):
        return ScenarioResult(spec, {"status": info.status, "interrupted": info.interrupted}, {},
                              error=f"no roster ({info.status})")
    doc = checked_document(problem, roster, {"fingerprint": fingerprint} if fingerprint else None)
    add_unmet_ranges(problem, doc["summary"], doc["measures"], roster.assignments, solver, known)
    if out_dir:
        write_roster(str(Path(out_dir) / spec.name), problem, doc)
    # Each scenario runs in a fresh worker process (compare), so this peak is the scenario's own.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    reused = [z for z, v in info.zones.items() if v.get("shared")]
    return ScenarioResult(spec, doc["summary"], doc["measures"], staffing_gap=gap,
                          extra={"peak_mib": round(peak), "zones_shared": reused})


def _waits_for_baseline(path: str, specs: list[ScenarioSpec], settings: CompareSettings) -> set[str]:
    """The policies solved after the baseline, when it is solved zone by zone: those with a zone of its, which
    take the zones it left as they were and start each zone it changed from its roster of that zone, and
    those solved as one problem (a merger of its zones), which start from its zone rosters joined."""
    if not settings.share_zones or len(specs) < 2:
        return set()
    base = set(zones_of(path, specs[0]))
    if not base:
        return set()
    zones = {s.name: set(zones_of(path, s)) for s in specs[1:]}  # each read once (a load when not given)
    return {name for name, z in zones.items() if not z or z & base}


def _baseline_starts(base: ScenarioResult) -> dict[str, Roster]:
    """Zone -> the baseline's roster of it, to start a policy's changed zone from (all of them, joined, for a
    policy solved as one problem)."""
    rosters = base.zone_rosters or {}
    zones = base.summary.get("zones") or {}
    return {z: rosters[v["fingerprint"]] for z, v in zones.items() if v.get("fingerprint") in rosters}


def run_compare(
    path: str, specs: list[ScenarioSpec], settings: CompareSettings, out_dir: str | None, jobs: int,
    on_update: Callable[[str, tuple], None] | None = None, in_process: bool = False,
) -> list[ScenarioResult]:
    """Solve every spec, `jobs` at a time, each in a fresh worker process (its own peak memory, no state
    left by the one before); `in_process` solves them one by one here instead (tests, debugging). The
    baseline (specs[0]) goes first; a policy with a zone of the baseline's starts when it is done."""

    def update(name: str, item: tuple) -> None:
        if on_update:
            on_update(name, item)

    waiting = _waits_for_baseline(path, specs, settings)
    first: ZoneRosters | None = {} if settings.share_zones and specs and specs[0].name == BASELINE else _own(settings)
    results: dict[str, ScenarioResult] = {}
    if in_process:
        class _Direct:
            def put(self, item: tuple) -> None:
                update(item[0], item[1:])

        for spec in specs:
            update(spec.name, ("solving",))
            shared = first if spec is specs[0] else (
                dict(results[specs[0].name].zone_rosters or {}) if spec.name in waiting else _own(settings))
            starts = _baseline_starts(results[specs[0].name]) if spec.name in waiting else None
            known = floors(results[specs[0].name].summary) if spec.name in waiting else None
            results[spec.name] = solve_scenario(path, spec, settings, out_dir, _Direct(), shared, starts, known)
            update(spec.name, ("done", results[spec.name]))
        return [results[s.name] for s in specs]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Manager() as manager, ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, max_tasks_per_child=1) as pool:
        progress = manager.Queue()
        futures: dict[Future, ScenarioSpec] = {}

        pending: set[Future] = set()

        def submit(spec: ScenarioSpec, shared: ZoneRosters | None, starts: dict[str, Roster] | None = None,
                   known: dict[str, dict] | None = None) -> None:
            future = pool.submit(solve_scenario, path, spec, settings, out_dir, progress, shared, starts, known)
            futures[future] = spec
            pending.add(future)

        for i, spec in enumerate(specs):
            if spec.name not in waiting:
                submit(spec, first if i == 0 else _own(settings))
        while pending:
            try:
                item = progress.get(timeout=0.5)
                update(item[0], item[1:])
            except queue.Empty:
                pass
            for f in [f for f in pending if f.done()]:
                pending.discard(f)
                name = futures[f].name
                results[name] = f.result()
                update(name, ("done", results[name]))
                if futures[f] is specs[0]:
                    # Policies with a zone of the baseline's, with its zones (pickled to each worker).
                    for spec in (s for s in specs if s.name in waiting):
                        submit(spec, dict(results[name].zone_rosters or {}), _baseline_starts(results[name]),
                               floors(results[name].summary))
            time.sleep(0.01)
    return [results[s.name] for s in specs]



def _own(settings: CompareSettings) -> ZoneRosters | None:
    """A scenario's own record of its solves, when `--until-decided` will want them back."""
    return {} if settings.keep_solves else None


def decide_verdicts(path: str, results: list[ScenarioResult], settings: CompareSettings, out_dir: str | None,
                    cap_s: float, say: Callable[[str], None] | None = None) -> tuple[list[ScenarioResult], Decided]:
    """`--until-decided`: re-solve where the bounds leave verdicts open (`refine.py`), each scenario whose
    roster changes checked, measured and written again."""
    pool: ZoneRosters = {}
    for r in results:
        pool.update(r.zone_rosters or {})

    def rebuild(old: ScenarioResult, problem: Any, roster: Roster) -> ScenarioResult:
        new = finish_scenario(old.spec, problem, roster, out_dir, old.summary.get("fingerprint"), old.staffing_gap,
                              known=floors(old.summary))
        new.extra = {**old.extra, "zones_shared": new.extra["zones_shared"]}
        return new

    return decide(path, results, settings, pool, cap_s, rebuild, say)
