"""`scheduler patrol`: patrol plans for the hotspot duty of a roster (patrol.json, cards, workbook, and
the officers' calendars when asked); `scheduler check-patrol`: a patrol.json checked again (one edited by
hand, say) against its roster and scenario."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from scheduler.cli.commands import main
from scheduler.cli.common import EXIT_BAD_INPUT, EXIT_NO_ROSTER, bad_input, check_outputs, err, load_or_exit, writing
from scheduler.cli.patrol_files import read_patrol, roster_record
from scheduler.errors import InputError
from scheduler.io.atomic import write_together
from scheduler.io.roster_files import check_ids, read_json, read_roster, roster_assignments, scenario_of
from scheduler.patrol.document import patrol_document, recheck
from scheduler.patrol.plan import plan_patrols
from scheduler.patrol.units import patrol_setup
from scheduler.report.patrol_cards import patrol_mismatch, render_patrol
from scheduler.scenario.schema import MAX_SEED

# Gaps over the max printed on the terminal; patrol.json and the cards have them all.
SHOWN_GAPS = 10


@main.command()
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.argument("roster_json", type=click.Path(dir_okay=False))
@click.option("--seed", type=click.IntRange(0, MAX_SEED), default=0, show_default=True,
              help="Draws the visit times: another seed, other times, the same rules.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for patrol.json, patrol.html and patrol.xlsx (default: the roster's folder).")
@click.option("--ics", "ics_dir", type=click.Path(file_okay=False),
              help="Also write one calendar per officer here: the roster's shifts and the plan's visits.")
def patrol(scenario: str, roster_json: str, seed: int, out_dir: str | None, ics_dir: str | None) -> None:
    """Patrol plans for the hotspot duty of ROSTER_JSON: per unit and shift, visits of the hotspots (lengths,
    gaps and travel from each hotspot's `patrol:` settings) at seeded random times, checked independently.
    Writes patrol.json, patrol.html (printable cards) and patrol.xlsx. Exit 0, or 1 if the check finds a fault."""
    loaded, problem = load_or_exit(scenario)
    try:
        assignments, _ = read_roster(roster_json, problem)
        check_ids(roster_json, problem, assignments)
        setup = patrol_setup(problem, loaded.scenario, assignments, scenario)
    except InputError as exc:
        bad_input(exc)
    folder = Path(out_dir) if out_dir else Path(roster_json).parent
    check_outputs({"--out": str(folder), "--ics": ics_dir}, [])
    began = time.perf_counter()
    visits = plan_patrols(setup, seed)
    summary = {"scenario": Path(scenario).name, "roster": Path(roster_json).name, "seed": seed,
               "wall_time_s": round(time.perf_counter() - began, 2),
               **roster_record(problem, assignments, scenario, roster_json, folder)}
    doc = patrol_document(problem, setup, visits, summary)
    files = {folder / "patrol.json": json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8"),
             folder / "patrol.html": render_patrol(doc, Path(scenario).name).encode("utf-8")}
    from scheduler.io.patrol_xlsx import patrol_workbook  # here: openpyxl loads only when a plan is written

    files[folder / "patrol.xlsx"] = patrol_workbook(doc)
    with writing(str(folder)):
        write_together(files)
    wrote = [str(p) for p in files]
    if ics_dir:
        from scheduler.io.ics import write_ics  # here: icalendar loads only when calendars are asked for

        with writing(ics_dir):
            wrote.append(f"{len(write_ics(ics_dir, problem, assignments, patrol=doc))} calendars in {ics_dir}")
    m = doc["measures"]
    click.echo(f"{len(setup.units)} units, {len(visits)} visits in {summary['wall_time_s']} s; target time within "
               f"the max gap {100 * m['share_within_max_gap']:.1f} %, largest gap {m['largest_gap_minutes']} min")
    for g in doc["gaps_over_max"][:SHOWN_GAPS]:
        click.echo(f"GAP {g['hotspot']} {g['start'][:16]} to {g['end'][11:16]}: {g['minutes']} min, "
                   f"{g['excess_minutes']} over the max")
    if len(doc["gaps_over_max"]) > SHOWN_GAPS:
        click.echo(f"... {len(doc['gaps_over_max']) - SHOWN_GAPS} more gaps over the max in patrol.json")
    for line in doc["check"]["lines"]:
        err.print(f"FAULT {line}")
    click.echo(f"check: {doc['check']['faults']} faults; wrote {', '.join(wrote)}")
    sys.exit(EXIT_NO_ROSTER if doc["check"]["faults"] else 0)


def _recorded(patrol_json: str, summary: dict, key: str) -> str | None:
    """A file patrol.json names (relative to its own folder), if it is there."""
    named = summary.get(key)
    if isinstance(named, str) and named and (Path(patrol_json).parent / named).is_file():
        return str(Path(patrol_json).parent / named)
    return None


@main.command("check-patrol")
@click.argument("patrol_json", type=click.Path(dir_okay=False))
@click.option("--scenario", type=click.Path(dir_okay=False),
              help="The scenario (default: the one patrol.json names, else the roster's summary.input_file).")
@click.option("--roster", "roster_json", type=click.Path(dir_okay=False),
              help="The roster the plan is for (default: the one patrol.json names, summary.roster_file).")
def check_patrol(patrol_json: str, scenario: str | None, roster_json: str | None) -> None:
    """Check PATROL_JSON again with the independent checker (a plan edited by hand, say): units the roster
    has, visits inside their unit's shift with the journeys, lengths, no overlap, travel, spacing; the gaps
    recomputed per hotspot. Exit 0 without fault, 1 with faults, 2 on bad input."""
    try:
        doc = read_patrol(patrol_json, cards=False)
        summary = doc["summary"]
        roster_json = roster_json or _recorded(patrol_json, summary, "roster_file")
        if roster_json is None:
            err.print(f"{patrol_json}: the roster it was planned for is not found (summary.roster_file); give --roster FILE")
            sys.exit(EXIT_BAD_INPUT)
        roster = read_json(roster_json)
        found = scenario or _recorded(patrol_json, summary, "scenario_file") or scenario_of(roster, roster_json)
        if found is None:
            err.print(f"{patrol_json}: the scenario is not found (summary.scenario_file, or the roster's "
                      "summary.input_file); give --scenario FILE")
            sys.exit(EXIT_BAD_INPUT)
        loaded, problem = load_or_exit(str(found))
        assignments = roster_assignments(roster, roster_json, problem)
        check_ids(roster_json, problem, assignments)
        setup = patrol_setup(problem, loaded.scenario, assignments, str(found))
        faults, measures, notes = recheck(problem, setup, doc, patrol_json)
    except InputError as exc:
        bad_input(exc)
    if why := patrol_mismatch(doc, roster):
        err.print(f"warning: {patrol_json} is checked against {roster_json}, but {why}")
    if summary.get("scenario_sha256") not in (None, problem.sha256):
        err.print(f"warning: {found} differs from the scenario {patrol_json} was planned from (SHA-256)")
    for note in notes:
        err.print(f"note: {patrol_json}: {note}")
    for f in faults:
        click.echo(f"FAULT {f.rule} {f.unit} {f.hotspot} {problem.local_time(f.start).isoformat(timespec='minutes')}: "
                   f"{f.message}")
    for h, m in measures["hotspots"].items():
        click.echo(f"{h}: largest gap {m['largest_gap_minutes']} min (max {m['max_gap_minutes']}), target time within "
                   f"the max gap {100 * m['share_within_max_gap']:.1f} %, {m['visits']} visits")
    click.echo(f"{len(faults)} faults; {measures['visits']} visits; target time within the max gap "
               f"{100 * measures['share_within_max_gap']:.1f} %, largest gap {measures['largest_gap_minutes']} min, "
               f"{measures['gaps_over_max']} gaps over the max")
    sys.exit(EXIT_NO_ROSTER if faults else 0)
