"""The `scheduler` command: thin wrappers that parse, call the library and print.

Exit codes: 0 roster found (even with shortfall) / check passed; 1 no roster / hard violations;
2 bad input; 130 interrupted (the best roster found so far is written, marked interrupted).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click
from rich.live import Live
from rich.table import Table

from scheduler.api import checked_document, settings_for
from scheduler.check import check_roster, describe
from scheduler.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_NO_ROSTER,
    GRID_MAX_OFFICERS,
    bad_input,
    benchmark_summary,
    check_outputs,
    err,
    export_campaign,
    load_or_exit,
    out_console,
    stop_on_sigterm,
    write_compare_exports,
    write_exports,
    writing,
)
from scheduler.cli.patrol_files import patrol_for_calendars
from scheduler.cli.types import DAYS, JOBS, OFFICERS, SEED, TIME_LIMIT, WORKERS, ZONES
from scheduler.compare.rows import is_compare_document
from scheduler.compare.run import (
    CompareSettings,
    compare_table,
    decide_verdicts,
    run_compare,
    scenario_specs,
    table_markdown,
    with_effects,
    write_tables,
)
from scheduler.errors import InputError
from scheduler.generate import write_scenario
from scheduler.io.roster_files import (
    check_ids,
    read_json,
    roster_assignments,
    roster_integrity,
    scenario_of,
    write_roster,
)
from scheduler.ledger import week_ledger
from scheduler.measures import compute_measures
from scheduler.nrp import write_nrp_yaml
from scheduler.report import render_report, write_report
from scheduler.report.compare_page import validate_compare
from scheduler.report.console import print_grid, print_summary
from scheduler.scenario.load import load_scenario, scenario_data
from scheduler.scenario.policies import policy_library
from scheduler.scenario.schema import scenario_json_schema
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve import solve as run_solve
from scheduler.solve import time_limit_note
from scheduler.staffing import staffing_gap as solve_staffing_gap


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="police-duty-scheduler")
def main() -> None:
    """Duty rosters for police zones: legal, fair 24/7 rosters on OR-Tools CP-SAT, independently checked."""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "yaml", "nrp"]), default="auto", show_default=True)
def validate(scenario: str, fmt: str) -> None:
    """Check a scenario file: schema, rules, cross-references, the policies it offers. Exit 2 on bad input."""
    loaded, problem = load_or_exit(scenario, fmt)
    click.echo(
        f"{scenario}: valid: {_count(len(problem.officers), 'officer')}, {_count(problem.days, 'day')}, "
        f"{_count(len(problem.shift_types), 'shift type')}, {_count(sum(d.kind == 'task' for d in problem.duties), 'task')}, "
        f"{_count(sum(d.kind == 'hotspot' for d in problem.duties), 'hotspot')}"
    )


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--time-limit", type=TIME_LIMIT, help="Seconds (default: the scenario's solver.time_limit).")
@click.option("--workers", type=WORKERS, help="CP-SAT workers (default: the scenario's solver.workers).")
@click.option("--seed", type=SEED, help="Random seed (default: the scenario's solver.seed).")
@click.option("--deterministic/--no-deterministic", default=None, help="Reproducible search (interleaved, deterministic time).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["auto", "yaml", "nrp"]), default="auto", show_default=True)
@click.option("--log", "log_file", type=click.Path(dir_okay=False), help="Keep the CP-SAT search log in this file.")
@click.option("--quiet", is_flag=True, help="No progress or tables; just the result line.")
@click.option("--grid/--no-grid", default=None,
              help=f"Print the officer x day grid (default: up to {GRID_MAX_OFFICERS} officers).")
@click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False), help="Also write this workbook (see `export`).")
@click.option("--ics", "ics_dir", type=click.Path(file_okay=False), help="Also write one calendar per officer here.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), help="Also write the HTML briefing to this file.")
@click.option("--policy", "policies", multiple=True, help="Apply this policy of the scenario (repeatable, in order).")
@click.option("--staffing-gap", is_flag=True, help="Also solve with a pool of extra officers per zone and report how many are needed.")
def solve(
    scenario: str, time_limit: float | None, workers: int | None, seed: int | None, deterministic: bool | None,
    out_dir: str, fmt: str, log_file: str | None, quiet: bool, grid: bool | None, xlsx_file: str | None, ics_dir: str | None,
    html_file: str | None, policies: tuple[str, ...], staffing_gap: bool,
) -> None:
    """Solve a scenario and write OUT/roster.json and OUT/roster.csv (and a workbook, calendars, a briefing if asked)."""
    stop_on_sigterm()
    loaded, problem = load_or_exit(scenario, fmt, policies)
    check_outputs({"--out": out_dir, "--ics": ics_dir}, [
        ("--xlsx", xlsx_file), ("--html", html_file), ("--log", log_file),
        ("--out", str(Path(out_dir) / "roster.json")), ("--out", str(Path(out_dir) / "roster.csv")),
    ])
    settings = settings_for(loaded, time_limit=time_limit, workers=workers, seed=seed, deterministic=deterministic)
    note = time_limit_note(problem, settings)
    if note and not quiet:
        err.print(f"note: {note}")
    console = out_console()
    live = not quiet and console.is_terminal
    log_fh = open(log_file, "w", encoding="utf-8", buffering=1) if log_file else None  # noqa: SIM115
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
            err.print(f"  {line}")
        sys.exit(EXIT_INTERRUPTED if info.interrupted else EXIT_NO_ROSTER)
    doc = checked_document(problem, roster, benchmark_summary(scenario, fmt, loaded, roster.assignments, info.objective))
    check = doc["summary"]["check"]
    if staffing_gap:

        if not quiet:
            err.print("staffing gap: solving again with extra officers offered to every zone...")
        doc["staffing_gap"] = solve_staffing_gap(scenario, policies, settings)
    with writing(out_dir):
        write_roster(out_dir, problem, doc, week_ledger(problem, roster.assignments, loaded.previous, out_dir))
    wrote = [str(Path(out_dir) / "roster.json"), *write_exports(problem, roster.assignments, doc, xlsx_file, ics_dir)]
    if html_file:
        with writing(html_file):
            write_report(html_file, render_report(doc, source=str(Path(out_dir) / "roster.json")))
        wrote.append(html_file)
    if not quiet:
        print_summary(console, problem, doc)
        if grid or (grid is None and len(problem.officers) <= GRID_MAX_OFFICERS):
            print_grid(console, problem, doc["assignments"])
        elif grid is None:
            err.print(f"(grid of {len(problem.officers)} officers not printed: --grid prints it; "
                      f"{Path(out_dir) / 'roster.csv'} and --xlsx hold it)")
    gap = f"{info.gap:.2%}" if info.gap is not None else "-"
    click.echo(
        f"{info.status}{' (interrupted)' if info.interrupted else ''}: objective {info.objective:,.2f}, "
        f"bound {info.best_bound:,.2f}, gap {gap}, {info.wall_time_s:.1f} s; "
        f"checker: {check['hard_violations']} hard violations; wrote {', '.join(wrote)}"
    )
    if not check["agrees_with_solver"]:
        err.print(f"warning: checker objective {check['objective']} differs from the solver's {info.objective}")
    if info.interrupted:
        sys.exit(EXIT_INTERRUPTED)


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.argument("roster_json", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["auto", "yaml", "nrp"]), default="auto", show_default=True)
def check(scenario: str, roster_json: str, fmt: str) -> None:
    """Recompute every hard rule and penalty of ROSTER_JSON; exit 0 if no hard violation, else 1."""

    loaded, problem = load_or_exit(scenario, fmt)
    try:
        doc = read_json(roster_json)
        assignments = roster_assignments(doc, roster_json, problem)
    except InputError as exc:
        bad_input(exc)
    summary = doc.get("summary") or {}
    for line in roster_integrity(doc, roster_json):
        err.print(f"warning: {roster_json}: {line}")
    result = check_roster(problem, assignments)
    for v in result.violations:
        click.echo(f"{'HARD' if v.hard else 'soft'} {describe(v, problem)}")
    for term, value in result.penalties.items():
        click.echo(f"penalty {term}: {value:,.2f}")
    click.echo(f"objective {result.objective:,.2f}")
    for key, value in benchmark_summary(scenario, fmt, loaded, assignments, result.objective).items():
        click.echo(f"{key.replace('_', ' ')} {value}")
    solver_obj = summary.get("objective")
    if solver_obj is not None and abs(solver_obj - result.objective) > 1e-6:
        click.echo(f"note: the roster's summary says objective {solver_obj:,.2f}")
    hard = len(result.hard_violations)
    click.echo(f"{hard} hard violations")
    sys.exit(1 if hard else 0)


@main.command()
@click.argument("roster_json", metavar="ROSTER_COMPARE_OR_CAMPAIGN.json", type=click.Path(dir_okay=False))
@click.option("--scenario", type=click.Path(dir_okay=False),
              help="The scenario the roster was made from (default: the roster's summary.input_file).")
@click.option("--format", "fmt", type=click.Choice(["auto", "yaml", "nrp"]), default="auto", show_default=True)
@click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False),
              help="Write a workbook: a sheet per team, coverage, measures (for a compare.json: the comparison; "
                   "for a campaign.json: the campaign's).")
@click.option("--ics", "ics_dir", type=click.Path(file_okay=False),
              help="Write one iCalendar file per officer into this folder.")
@click.option("--patrol", "patrol_json", type=click.Path(dir_okay=False),
              help="With --ics: the roster's patrol.json, whose visits become events inside the shifts.")
def export(roster_json: str, scenario: str | None, fmt: str, xlsx_file: str | None, ics_dir: str | None,
           patrol_json: str | None) -> None:
    """Write a roster.json as a workbook (--xlsx) and/or one calendar per officer (--ics), or a compare.json
    or a campaign.json as its workbook (--xlsx).

    A roster needs its scenario too: roster.json does not carry leave, names of shifts and duties, or the needs
    per slot. A compare.json or a campaign.json carries everything its workbook shows.
    """

    if not xlsx_file and not ics_dir:
        raise click.UsageError("nothing to export: give --xlsx FILE and/or --ics DIR")
    if patrol_json and not ics_dir:
        raise click.UsageError("--patrol puts the visits into the calendars: give --ics DIR too")
    try:
        doc = read_json(roster_json)
        if is_compare_document(doc):
            if ics_dir:
                raise click.UsageError("a compare.json has no roster to put in calendars: export a scenario's "
                                       "OUT/<scenario>/roster.json with --ics")
            validate_compare(doc, roster_json)  # checked as the briefing checks it
            click.echo(f"wrote {', '.join(write_compare_exports(doc, xlsx_file, None))}")
            return
        if export_campaign(doc, roster_json, xlsx_file, ics_dir):
            click.echo(f"wrote {xlsx_file}")
            return
        assignments = roster_assignments(doc, roster_json)
    except InputError as exc:
        bad_input(exc)
    summary = doc.get("summary") or {}
    if scenario is None:
        found = scenario_of(doc, roster_json)
        if found is None:
            named = f"'{summary['input_file']}' is not found" if summary.get("input_file") else "is not named in its summary"
            err.print(f"{roster_json}: the scenario it was made from {named}; give --scenario FILE")
            sys.exit(EXIT_BAD_INPUT)
        scenario = str(found)
    loaded, problem = load_or_exit(scenario, fmt)
    if summary.get("input_sha256") and summary["input_sha256"] != problem.sha256:
        err.print(f"warning: {scenario} differs from the file {roster_json} was solved from (SHA-256)")
    try:
        check_ids(roster_json, problem, assignments)
        patrol = (patrol_for_calendars(patrol_json, doc, roster_json, problem, loaded.scenario, assignments)
                  if patrol_json else None)
    except InputError as exc:
        bad_input(exc)
    changed = roster_integrity(doc, roster_json)
    for line in changed:
        err.print(f"warning: {roster_json}: {line}")
    if not doc.get("measures") or changed:  # a hand-made or hand-edited roster: measured here, as `solve` would
        doc["measures"] = compute_measures(problem, assignments)
    click.echo(f"wrote {', '.join(write_exports(problem, assignments, doc, xlsx_file, ics_dir, patrol))}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the scenario YAML (for editors; the repository keeps it as scenario.schema.json)."""
    click.echo(json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
def policies(scenario: str) -> None:
    """List the policies a scenario (or region) offers, with their descriptions and what each changes."""
    try:
        source = YamlSource.read(scenario)
        data, _ = scenario_data(source, Path(scenario))
        library = policy_library(data, source, Path(scenario))
    except InputError as exc:
        bad_input(exc)
    if not library:
        click.echo(f"{scenario}: no policies (add a `policies:` list or files in configs/policies/)")
    try:  # what each changes, read from the data; a policy that does not load is listed without it
        changes = {s.name: (s.effect or {}).get("text") for s in with_effects(scenario, scenario_specs(scenario, [], True))}
    except InputError:
        changes = {}
    for pid, entry in library.items():
        includes = f" (includes {', '.join(entry.policy.include)})" if entry.policy.include else ""
        click.echo(f"{pid}{includes}\n    {' '.join(entry.policy.description.split())}\n    from {entry.source}"
                   + (f"\n    what it changes: {changes[pid]}" if changes.get(pid) else ""))


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--policy", "policy_ids", multiple=True, help="A policy to compare with the baseline (repeatable).")
@click.option("--all", "all_policies", is_flag=True, help="Every policy the scenario offers.")
@click.option("--time-limit", type=TIME_LIMIT, help="Seconds per scenario (default: the scenario's solver.time_limit).")
@click.option("--workers", type=WORKERS, help="CP-SAT workers per scenario (default: the scenario's solver.workers).")
@click.option("--seed", type=SEED, help="Random seed, the same for every scenario.")
@click.option("--deterministic/--no-deterministic", default=None, help="Reproducible search: the same table every run.")
@click.option("--jobs", type=JOBS, help="Scenarios solved at once (default: cores / workers).")
@click.option("--staffing-gap", is_flag=True, help="Also find, per scenario, the extra officers that close the shortfall.")
@click.option("--until-decided", "until_decided", type=TIME_LIMIT, metavar="SECONDS",
              help="Then re-solve where the bounds leave a verdict open, widest first, for up to SECONDS of solving.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out/compare", show_default=True)
@click.option("--xlsx", "xlsx_file", type=click.Path(dir_okay=False),
              help="Also write the comparison workbook (a Comparison sheet, a sheet per scenario).")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), help="Also write the HTML briefing of the comparison.")
@click.option("--lang", type=click.Choice(["en", "fr", "nl"]), default="en", show_default=True,
              help="The briefing's language (--html).")
@click.option("--quiet", is_flag=True, help="No progress display.")
def compare(
    scenario: str, policy_ids: tuple[str, ...], all_policies: bool, time_limit: float | None, workers: int | None,
    seed: int | None, deterministic: bool | None, jobs: int | None, staffing_gap: bool, until_decided: float | None,
    out_dir: str, xlsx_file: str | None, html_file: str | None, lang: str, quiet: bool,
) -> None:
    """Solve the baseline and each policy alike; print and write the measures side by side (OUT/compare.md,
    .csv, .json, and OUT/<scenario>/roster.json; a workbook and a briefing if asked)."""
    stop_on_sigterm()
    if not policy_ids and not all_policies:
        raise click.UsageError("name policies with --policy ID (see `scheduler policies SCENARIO`) or use --all")
    try:
        specs = with_effects(scenario, scenario_specs(scenario, list(policy_ids), all_policies))
        loaded = load_scenario(scenario)  # for its solver settings; each worker builds its own problem
    except InputError as exc:
        bad_input(exc)
    check_outputs({"--out": out_dir}, [("--xlsx", xlsx_file), ("--html", html_file)])
    settings = CompareSettings(time_limit, workers, seed, deterministic, staffing_gap,
                               keep_solves=until_decided is not None)
    per_solve = workers or loaded.scenario.solver.workers
    jobs = jobs or max(1, (os.cpu_count() or 1) // per_solve)
    console = out_console()
    state: dict[str, str] = {s.name: "queued" for s in specs}
    if not quiet:
        each = time_limit or loaded.scenario.solver.time_limit
        rounds = -(-len(specs) // jobs)
        err.print(f"compare: {len(specs)} scenarios of {each:g} s each, {jobs} at a time: about {rounds * each:g} s "
                  "of solving" + (", then the staffing gap's solves" if staffing_gap else "") + ", plus loading and writing")

    def render() -> Table:
        t = Table(title=f"compare: {len(specs)} scenarios, {jobs} at a time", show_header=True)
        t.add_column("scenario")
        t.add_column("progress")
        for s in specs:
            t.add_row(s.name, state[s.name])
        return t

    def on_update(name: str, item: tuple) -> None:
        if item[0] == "done":
            r = item[1]
            gap = r.summary.get("gap")
            state[name] = (f"error: {r.error}" if r.error else
                           f"{r.summary.get('status')}  objective {r.summary.get('objective'):,.2f}"
                           + (f"  gap {gap:.2%}" if gap is not None else ""))
        elif item[0] == "solving":
            state[name] = "solving"
        else:
            elapsed, objective, bound, stage = item
            best = f"best {objective:,.2f}  bound {bound:,.2f}" if objective == objective else ""
            state[name] = f"{elapsed:6.1f} s  {best}  {stage}".rstrip()
        if live is not None:
            live.update(render())

    live = None
    if not quiet and console.is_terminal:

        live = Live(render(), console=console, refresh_per_second=4)
        live.start()
    try:
        results = run_compare(scenario, specs, settings, out_dir, jobs, on_update)
    finally:
        if live is not None:
            live.stop()
    decided = None
    if until_decided is not None and not any(r.error for r in results):
        results, decided = decide_verdicts(scenario, results, settings, out_dir, until_decided,
                                           None if quiet else err.print)
    table = compare_table(results, decided)
    with writing(out_dir):
        write_tables(out_dir, table)
    click.echo(table_markdown(table))
    wrote = write_compare_exports(table, xlsx_file, html_file, lang, str(Path(out_dir) / "compare.json"))
    click.echo(f"wrote {Path(out_dir) / 'compare.md'}, compare.csv, compare.json, "
               + ", ".join([*wrote, "and one roster.json per scenario"]))
    if any(r.error for r in results):
        sys.exit(EXIT_NO_ROSTER)


@main.command()
@click.option("--officers", type=OFFICERS, required=True, help="Officers in all, split between the zones.")
@click.option("--zones", type=ZONES, default=1, show_default=True, help="Zones (more than 1: one multi-zone file).")
@click.option("--days", type=DAYS, default=7, show_default=True,
              help="Horizon in days, from Monday 2026-03-02 (--rich: the seed's Monday).")
@click.option("--seed", type=SEED, default=0, show_default=True, help="Same seed, same file.")
@click.option("--rich", is_flag=True, help="A small rich zone (15-60 officers): a scarce skill, strict tasks on "
              "scarce skills, part-day absences, HyCap requests; seed % 3 = 1 or 2: a week with a clock change.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The YAML scenario to write.")
def generate(officers: int, zones: int, days: int, seed: int, rich: bool, output: str) -> None:
    """Write a synthetic but plausible scenario: skills mix, leave, hotspots, tasks, HyCap requests."""
    try:
        write_scenario(output, officers, zones, days, seed, rich)
    except ValueError as exc:
        err.print(f"generate: {exc}")
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"wrote {output}: {officers} officers in {zones} zone{'s' if zones > 1 else ''}, {days} days")


@main.command("import-nrp")
@click.argument("instance", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The YAML scenario to write.")
def import_nrp(instance: str, output: str) -> None:
    """Write a Curtois-Qu benchmark instance as an equivalent YAML scenario."""
    try:
        write_nrp_yaml(instance, output)
    except InputError as exc:
        for p in exc.problems:
            err.print(str(p))
        sys.exit(EXIT_BAD_INPUT)
    click.echo(f"wrote {output}")

