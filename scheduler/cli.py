"""The `scheduler` command: thin wrappers that parse, call the library and print.

Exit codes: 0 roster found (even with shortfall) / check passed; 1 no roster / hard violations;
2 bad input; 130 interrupted (the best roster found so far is written, marked interrupted).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from scheduler.errors import InputError
from scheduler.load import LoadedScenario, load_scenario
from scheduler.problem import Problem, build_problem

EXIT_NO_ROSTER = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

err = Console(stderr=True, highlight=False, soft_wrap=True)  # one problem per line, never wrapped


def _load(path: str, fmt: str = "auto") -> tuple[LoadedScenario, Problem]:
    try:
        if fmt == "nrp" or (fmt == "auto" and Path(path).suffix.lower() == ".txt"):
            from scheduler.io.nrp import read_nrp_scenario

            loaded = read_nrp_scenario(path)
            problem = build_problem(loaded)
        else:
            loaded = load_scenario(path)
            problem = build_problem(loaded)
    except InputError as exc:
        for p in exc.problems:
            err.print(str(p), markup=False)
        sys.exit(EXIT_BAD_INPUT)
    for w in loaded.warnings:
        err.print(f"warning: {w}", markup=False)
    return loaded, problem


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="police-duty-scheduler")
def main() -> None:
    """Duty rosters for police zones: legal, fair 24/7 rosters on OR-Tools CP-SAT, independently checked."""


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "yaml", "nrp"]), default="auto", show_default=True)
def validate(scenario: str, fmt: str) -> None:
    """Check a scenario file: schema, rules, cross-references. Exit 2 on bad input."""
    loaded, problem = _load(scenario, fmt)
    click.echo(
        f"{scenario}: valid: {len(problem.officers)} officers, {problem.days} days, "
        f"{len(problem.shift_types)} shift types, {sum(d.kind == 'task' for d in problem.duties)} tasks, "
        f"{sum(d.kind == 'hotspot' for d in problem.duties)} hotspots"
    )


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--time-limit", type=float, help="Seconds (default: the scenario's solver.time_limit).")
@click.option("--workers", type=int, help="CP-SAT workers (default: the scenario's solver.workers).")
@click.option("--seed", type=int, help="Random seed (default: the scenario's solver.seed).")
@click.option("--deterministic/--no-deterministic", default=None, help="Reproducible search (interleaved, deterministic time).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["auto", "yaml", "nrp"]), default="auto", show_default=True)
@click.option("--log", "log_file", type=click.Path(dir_okay=False), help="Keep the CP-SAT search log in this file.")
@click.option("--quiet", is_flag=True, help="No progress or tables; just the result line.")
@click.option("--grid/--no-grid", default=True, help="Print the officer x day grid.")
def solve(
    scenario: str, time_limit: float | None, workers: int | None, seed: int | None, deterministic: bool | None,
    out_dir: str, fmt: str, log_file: str | None, quiet: bool, grid: bool,
) -> None:
    """Solve a scenario and write OUT/roster.json and OUT/roster.csv."""
    from scheduler.check import check_roster
    from scheduler.io.roster_files import roster_document, write_roster
    from scheduler.kpi import compute_measures
    from scheduler.model.solve import solve as run_solve

    loaded, problem = _load(scenario, fmt)
    settings = loaded.scenario.solver.model_copy(
        update={k: v for k, v in {"time_limit": time_limit, "workers": workers, "seed": seed,
                                   "deterministic": deterministic}.items() if v is not None}
    )
    console = Console(highlight=False)
    live = not quiet and console.is_terminal
    log_fh = open(log_file, "w", encoding="utf-8") if log_file else None  # noqa: SIM115
    status_line = None
    try:
        if live:
            status_line = console.status("building the model...")
            status_line.start()

        def on_progress(p: Any) -> None:
            if status_line is not None:
                gap = f"{p.gap:.2%}" if p.gap is not None else "-"
                status_line.update(f"{p.elapsed:6.1f} s  best {p.objective:,.2f}  bound {p.bound:,.2f}  gap {gap}")

        roster = run_solve(
            problem, settings, on_progress=on_progress,
            log_callback=(lambda line: log_fh.write(line + "\n")) if log_fh else None,
        )
    finally:
        if status_line is not None:
            status_line.stop()
        if log_fh:
            log_fh.close()
    info = roster.info
    if info.status not in ("OPTIMAL", "FEASIBLE"):
        err.print(f"no roster: solver status {info.status}" + (" (interrupted)" if info.interrupted else ""))
        for line in info.explanation:
            err.print(f"  {line}", markup=False)
        sys.exit(EXIT_INTERRUPTED if info.interrupted else EXIT_NO_ROSTER)
    result = check_roster(problem, roster.assignments)
    check = {
        "hard_violations": len(result.hard_violations),
        "objective": result.objective,
        "agrees_with_solver": abs(result.objective - (info.objective or 0)) < 1e-6,
    }
    measures = compute_measures(problem, roster.assignments)
    doc = roster_document(problem, roster, measures, check)
    write_roster(out_dir, problem, doc)
    if not quiet:
        print_summary(console, problem, doc)
        if grid:
            print_grid(console, problem, doc["assignments"])
    gap = f"{info.gap:.2%}" if info.gap is not None else "-"
    click.echo(
        f"{info.status}{' (interrupted)' if info.interrupted else ''}: objective {info.objective:,.2f}, "
        f"bound {info.best_bound:,.2f}, gap {gap}, {info.wall_time_s:.1f} s; "
        f"checker: {check['hard_violations']} hard violations; wrote {Path(out_dir) / 'roster.json'}"
    )
    if not check["agrees_with_solver"]:
        err.print(f"warning: checker objective {result.objective} differs from the solver's {info.objective}")
    if info.interrupted:
        sys.exit(EXIT_INTERRUPTED)


def print_summary(console: Console, problem: Problem, doc: dict[str, Any]) -> None:
    s, m = doc["summary"], doc["measures"]
    t = Table(title=f"{problem.name}: {problem.date_of(0)} + {problem.days} days", show_header=False)
    t.add_column("measure")
    t.add_column("value", justify="right")
    gap = f"{s['gap']:.2%}" if s["gap"] is not None else "-"
    t.add_row("status", f"{s['status']}{' (interrupted)' if s['interrupted'] else ''}, gap {gap}")
    t.add_row("objective / bound", f"{s['objective']:,.2f} / {s['best_bound']:,.2f}")
    if "benchmark_objective" in s:
        t.add_row("benchmark objective", str(s["benchmark_objective"]))
    t.add_row("unmet mandatory officer-hours", f"{m['unmet_mandatory_officer_hours']:g}")
    t.add_row("response shortfall officer-hours", f"{m['response_shortfall_officer_hours']:g}")
    if problem.cover_needs:
        t.add_row("shift cover shortfall (officers)", str(m["shift_cover_shortfall_officers"]))
    if m["hotspots"]:
        t.add_row("hotspot coverage", f"{m['hotspot_coverage']:.1%} of {m['hotspot_target_officer_hours']:g} officer-hours")
        for hid, h in m["hotspots"].items():
            t.add_row(f"  {hid}", f"{h['coverage']:.1%}")
    t.add_row("overtime hours", f"{m['overtime_hours']:g} ({m['officers_with_overtime']} officers)")
    f = m["fairness"]
    t.add_row("spread nights / weekend shifts / hours", f"{f['nights_spread']:g} / {f['weekend_shifts_spread']:g} / {f['hours_spread']:g}")
    for zone, h in m["hycap_hours_given"].items():
        t.add_row(f"HyCap hours given to {zone}", f"{h:g}")
    t.add_row("officers used", f"{m['officers_used']} of {m['officers']}")
    for tier, v in s["tiers"].items():
        t.add_row(f"penalty: {tier}", f"{v:,.2f}")
    t.add_row("checker", f"{s['check']['hard_violations']} hard violations, objective {s['check']['objective']:,.2f}")
    console.print(t)


def print_grid(console: Console, problem: Problem, rows: list[dict[str, Any]]) -> None:
    """Officers x days, team by team; a cell is the shift and, when not response, the duty."""
    cell: dict[tuple[str, int], str] = {}
    for r in rows:
        cell[(r["officer"], r["day"])] = r["shift"] + ("" if r["duty"] == "response" else f":{r['duty'][:8]}")
    teams: dict[str, list] = {}
    for o in problem.officers:
        teams.setdefault(o.team or "-", []).append(o)
    for team, members in teams.items():
        t = Table(title=f"team {team}", show_lines=False, pad_edge=False)
        t.add_column("officer", no_wrap=True)
        for d in range(problem.days):
            t.add_column(problem.date_of(d).strftime("%a %d"), no_wrap=True)
        for o in members:
            row = []
            for d in range(problem.days):
                if (o.id, d) in cell:
                    row.append(cell[(o.id, d)])
                elif any(a <= problem.day_start[d] and problem.day_start[d + 1] <= b for a, b, _ in o.unavailable):
                    row.append(next(r for a, b, r in o.unavailable if a <= problem.day_start[d])[:5])
                else:
                    row.append(".")
            t.add_row(o.id, *row)
        console.print(t)


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.argument("roster_json", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "yaml", "nrp"]), default="auto", show_default=True)
def check(scenario: str, roster_json: str, fmt: str) -> None:
    """Recompute every hard rule and penalty of ROSTER_JSON; exit 0 if no hard violation, else 1."""
    from scheduler.check import check_roster
    from scheduler.io.roster_files import read_assignments

    _, problem = _load(scenario, fmt)
    try:
        assignments, summary = read_assignments(roster_json)
    except InputError as exc:
        for p in exc.problems:
            err.print(str(p), markup=False)
        sys.exit(EXIT_BAD_INPUT)
    result = check_roster(problem, assignments)
    for v in result.violations:
        click.echo(f"{'HARD' if v.hard else 'soft'} {v}")
    for term, value in result.penalties.items():
        click.echo(f"penalty {term}: {value:,.2f}")
    click.echo(f"objective {result.objective:,.2f}")
    if problem.nrp:
        click.echo(f"benchmark objective {round(result.objective)}")
    solver_obj = summary.get("objective")
    if solver_obj is not None and abs(solver_obj - result.objective) > 1e-6:
        click.echo(f"note: the roster's summary says objective {solver_obj:,.2f}")
    hard = len(result.hard_violations)
    click.echo(f"{hard} hard violations")
    sys.exit(1 if hard else 0)


@main.command()
@click.option("--officers", type=int, required=True, help="Officers in all, split between the zones.")
@click.option("--zones", type=int, default=1, show_default=True, help="Zones (more than 1: one multi-zone file).")
@click.option("--days", type=int, default=7, show_default=True, help="Horizon in days, from Monday 2026-03-02.")
@click.option("--seed", type=int, default=0, show_default=True, help="Same seed, same file.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The YAML scenario to write.")
def generate(officers: int, zones: int, days: int, seed: int, output: str) -> None:
    """Write a synthetic but plausible scenario: skills mix, leave, hotspots, tasks, HyCap requests."""
    from scheduler.generate import write_scenario

    try:
        write_scenario(output, officers, zones, days, seed)
    except ValueError as exc:
        err.print(f"generate: {exc}", markup=False)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"wrote {output}: {officers} officers in {zones} zone{'s' if zones > 1 else ''}, {days} days")


@main.command("import-nrp")
@click.argument("instance", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The YAML scenario to write.")
def import_nrp(instance: str, output: str) -> None:
    """Write a Curtois-Qu benchmark instance as an equivalent YAML scenario."""
    from scheduler.io.nrp import write_nrp_yaml

    try:
        write_nrp_yaml(instance, output)
    except InputError as exc:
        for p in exc.problems:
            err.print(str(p), markup=False)
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"wrote {output}")


if __name__ == "__main__":
    main()
