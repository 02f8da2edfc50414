"""The pipeline, written once: load a scenario, solve it, check and measure the roster, write it.

The CLI, `compare`, the staffing gap and the benchmark scripts all go through these functions;
`scheduler/__init__.py` exposes them as the package's public API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scheduler.check import check_roster
from scheduler.errors import InputError, InputProblem
from scheduler.feasibility import feasibility_findings
from scheduler.io.roster_files import roster_document
from scheduler.measures import compute_measures
from scheduler.nrp import read_nrp_scenario
from scheduler.problem import Problem, build_problem
from scheduler.roster import Roster
from scheduler.scenario.load import LoadedScenario, load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.scenario.yaml_source import YamlSource, format_loc
from scheduler.solve import solve
from scheduler.solve.memory import too_large

__all__ = ["checked_document", "is_benchmark_file", "load_problem", "settings_for", "solve_problem"]


def is_benchmark_file(path: str | Path, fmt: str = "auto") -> bool:
    """A Curtois-Qu instance (`--format nrp`, or under `auto` a `.txt` file with the format's
    SECTION_HORIZON) rather than a YAML scenario (a scenario saved as `.txt` is read as one)."""
    if fmt != "auto":
        return fmt == "nrp"
    path = Path(path)
    if path.suffix.lower() != ".txt" or not path.is_file():  # a FIFO or a device: the YAML gate says so
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return False
    return b"SECTION_HORIZON" in head


def load_problem(path: str | Path, fmt: str = "auto", policies: tuple[str, ...] | list[str] = (),
                 staffing_gap: bool = False) -> tuple[LoadedScenario, Problem]:
    """A scenario or region file (policies applied in order), or a benchmark instance as a scenario, and
    its solver-ready problem."""
    if is_benchmark_file(path, fmt):
        loaded = read_nrp_scenario(path)
    else:
        loaded = load_scenario(path, tuple(policies), staffing_gap)
    check_memory(loaded, path)
    problem = build_problem(loaded)
    check_feasibility(loaded, problem, path)
    return loaded, problem


def check_memory(loaded: LoadedScenario, path: str | Path) -> None:
    """Refuses (InputError, exit 2) a scenario whose solve would not fit in memory, before building it."""
    sc = loaded.scenario
    why = too_large(len(sc.officers), sc.horizon.days, len(sc.shift_types), sc.solver.strategy)
    if why is None:
        return
    try:
        line = YamlSource.read(str(path)).locate(("horizon", "days"))
    except (InputError, OSError, ValueError):
        line = None  # a benchmark instance: no line numbers
    raise InputError([InputProblem(loaded.source, line, "horizon.days", why)])


def check_feasibility(loaded: LoadedScenario, problem: Problem, path: str | Path) -> None:
    """The cheap infeasibility checks (`feasibility.py`) before any solve: errors raise InputError (exit 2),
    warnings join `loaded.warnings`; lines are looked up in the file only when there is something to say."""
    findings = feasibility_findings(loaded, problem)
    if not findings:
        return
    try:
        source = YamlSource.read(str(path))
        lines = [source.locate(f.loc) for f in findings]
    except (InputError, OSError, ValueError):
        lines = [None] * len(findings)  # a benchmark instance, or a file gone since: no line numbers
    problems = [InputProblem(loaded.source, line, format_loc(f.loc), f.message)
                for f, line in zip(findings, lines, strict=True)]
    errors = [p for p, f in zip(problems, findings, strict=True) if f.error]
    if errors:
        raise InputError(errors)
    loaded.warnings.extend(str(p) for p in problems)


def settings_for(loaded: LoadedScenario, **overrides: Any) -> SolverSettings:
    """The scenario's solver settings with the overrides that are given (None: keep the scenario's),
    validated like the file's (a ValidationError for an out-of-range override)."""
    given = {k: v for k, v in overrides.items() if v is not None}
    return SolverSettings.model_validate({**loaded.scenario.solver.model_dump(), **given})


def checked_document(problem: Problem, roster: Roster, extra_summary: dict[str, Any] | None = None) -> dict[str, Any]:
    """roster.json's document for a solved roster, with the independent check and the measures."""
    result = check_roster(problem, roster.assignments)
    check = {
        "hard_violations": len(result.hard_violations),
        "objective": result.objective,
        "agrees_with_solver": abs(result.objective - (roster.info.objective or 0)) < 1e-6,
    }
    doc = roster_document(problem, roster, compute_measures(problem, roster.assignments), check)
    doc["summary"].update(extra_summary or {})
    return doc


solve_problem = solve  # the package's name for it: `scheduler.solve` is the package of strategies
