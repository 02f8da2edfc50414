"""`scheduler repair`: a published roster changed as little as possible after sickness, new tasks, ..."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from scheduler.check import check_roster, describe
from scheduler.cli.commands import main
from scheduler.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_NO_ROSTER,
    bad_input,
    check_outputs,
    err,
    stop_on_sigterm,
    writing,
)
from scheduler.cli.types import SEED, TIME_LIMIT, WORKERS
from scheduler.errors import InputError
from scheduler.io.atomic import write_atomic
from scheduler.io.roster_files import write_roster
from scheduler.repair.changelist import change_rows, describe_changes, write_change_list
from scheduler.repair.run import load_repair, repair
from scheduler.report.repair_page import render_repair_summary


@main.command(name="repair")
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.argument("roster", type=click.Path(dir_okay=False))
@click.option("--changes", "changes_file", type=click.Path(dir_okay=False), required=True,
              help="The changes since the roster was published (YAML; see docs/outputs.md#repair).")
@click.option("--from", "from_time", type=click.DateTime(["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]),
              required=True, help="Local date-time: assignments starting before it are frozen (already worked).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="out-repair", show_default=True)
@click.option("--time-limit", type=TIME_LIMIT, help="Seconds (default: the scenario's solver.time_limit).")
@click.option("--workers", type=WORKERS, help="CP-SAT workers (default: the scenario's solver.workers).")
@click.option("--seed", type=SEED, help="Random seed (default: the scenario's solver.seed).")
@click.option("--deterministic/--no-deterministic", default=None, help="Reproducible search (interleaved, deterministic time).")
@click.option("--ics", "ics_dir", type=click.Path(file_okay=False), help="Calendar updates of the officers affected, here.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False), help="The duty desk's one-page summary.")
def repair_command(
    scenario: str, roster: str, changes_file: str, from_time: dt.datetime, out_dir: str, time_limit: float | None,
    workers: int | None, seed: int | None, deterministic: bool | None, ics_dir: str | None, html_file: str | None,
) -> None:
    """Repair ROSTER (a roster.json of SCENARIO) after the changes: OUT/roster.json, roster.csv, changes.json/.csv/.md."""
    stop_on_sigterm()
    try:
        given = load_repair(scenario, roster, changes_file, from_time)
    except InputError as exc:
        bad_input(exc)
    check_outputs({"--out": out_dir, "--ics": ics_dir}, [("--html", html_file)])
    done = repair(given, time_limit=time_limit, seed=seed, workers=workers, deterministic=deterministic)
    info = done.roster.info
    if info.status not in ("OPTIMAL", "FEASIBLE"):
        err.print(f"no roster: solver status {info.status}" + (" (interrupted)" if info.interrupted else ""))
        for line in info.explanation:
            err.print(f"  {line}")
        sys.exit(EXIT_INTERRUPTED if info.interrupted else EXIT_NO_ROSTER)
    problem = given.problem
    summary = done.doc["summary"]["repair"]
    rows = change_rows(problem, done.changes, given.changes)
    with writing(out_dir):
        write_roster(out_dir, problem, done.doc)
        write_change_list(out_dir, rows, summary)
    wrote = [str(Path(out_dir) / "roster.json"), str(Path(out_dir) / "changes.md")]
    if ics_dir:
        from scheduler.io.ics_updates import write_ics_updates  # here: icalendar only when asked for

        with writing(ics_dir):
            paths = write_ics_updates(ics_dir, problem, given.published, done.roster.assignments, done.sequences)
        wrote.append(f"{len(paths)} calendar updates in {ics_dir}")
    check = done.doc["summary"]["check"]
    if html_file:
        with writing(html_file):
            write_atomic(html_file, render_repair_summary(problem.name, summary, rows, describe_changes(given.changes),
                                                          check["hard_violations"]))
        wrote.append(html_file)
    for row in rows:
        click.echo(f"{row['officer']:>10}  {row['date']}  {row['before']:<22} -> {row['after']:<22} {row['why']}")
    click.echo(
        f"{info.status}{' (interrupted)' if info.interrupted else ''}: {summary['changed_assignments']} changed assignments "
        f"(lower bound {summary['lower_bound']}), change penalty {summary['change_penalty']:,.2f}, objective {info.objective:,.2f}, "
        f"{info.wall_time_s:.1f} s; checker: {check['hard_violations']} hard violations; wrote {', '.join(wrote)}"
    )
    for v in check_roster(problem, done.roster.assignments).hard_violations[:10]:
        err.print(describe(v, problem))
    if not check["agrees_with_solver"]:
        err.print(f"warning: checker objective {check['objective']} differs from the solver's {info.objective}")
    if info.interrupted:
        sys.exit(EXIT_INTERRUPTED)
