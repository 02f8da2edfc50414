"""`scheduler patrol`: patrol plans for the hotspot duty of a roster (patrol.json, cards, workbook)."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from scheduler.cli.commands import main
from scheduler.cli.common import EXIT_NO_ROSTER, bad_input, check_outputs, err, load_or_exit, writing
from scheduler.errors import InputError
from scheduler.io.atomic import write_together
from scheduler.io.roster_files import check_ids, read_roster
from scheduler.patrol.document import patrol_document
from scheduler.patrol.plan import plan_patrols
from scheduler.patrol.units import patrol_setup
from scheduler.report.patrol_cards import render_patrol
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
def patrol(scenario: str, roster_json: str, seed: int, out_dir: str | None) -> None:
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
    check_outputs({"--out": str(folder)}, [])
    began = time.perf_counter()
    visits = plan_patrols(setup, seed)
    summary = {"scenario": Path(scenario).name, "roster": Path(roster_json).name, "seed": seed,
               "wall_time_s": round(time.perf_counter() - began, 2)}
    doc = patrol_document(problem, setup, visits, summary)
    files = {folder / "patrol.json": json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8"),
             folder / "patrol.html": render_patrol(doc, Path(scenario).name).encode("utf-8")}
    from scheduler.io.patrol_xlsx import patrol_workbook  # here: openpyxl loads only when a plan is written

    files[folder / "patrol.xlsx"] = patrol_workbook(doc)
    with writing(str(folder)):
        write_together(files)
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
    click.echo(f"check: {doc['check']['faults']} faults; wrote {', '.join(str(p) for p in files)}")
    sys.exit(EXIT_NO_ROSTER if doc["check"]["faults"] else 0)
