"""Week after week: `next-week` writes next week's scenario from this week's roster; `check-chain`
checks a chain of weeks through its ledger."""

from __future__ import annotations

import os
from pathlib import Path

import click
import yaml

from scheduler.chain import check_chain
from scheduler.cli.commands import main
from scheduler.cli.common import bad_input, check_outputs, err, writing
from scheduler.errors import InputError, InputProblem
from scheduler.io.atomic import write_atomic
from scheduler.io.roster_files import read_json, scenario_of
from scheduler.scenario.next_week import next_week_data
from scheduler.scenario.yaml_source import YamlSource


@main.command("next-week")
@click.argument("roster_json", type=click.Path(dir_okay=False))
@click.option("--scenario", type=click.Path(dir_okay=False),
              help="This week's scenario (default: the roster's summary.input_file).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="Next week's scenario to write.")
def next_week(roster_json: str, scenario: str | None, output: str) -> None:
    """Write next week's scenario: this week's zone, its horizon moved on, `previous:` naming ROSTER_JSON
    (history and the fairness ledger carry over), past dates left out. Edit its leave, requests and tasks,
    then solve it."""
    try:
        doc = read_json(roster_json)
        found = Path(scenario) if scenario else scenario_of(doc, roster_json)
        if found is None:
            err.print(f"{roster_json}: the scenario it was made from is not found; give --scenario FILE")
            raise SystemExit(2)
        source = YamlSource.read(found)
        if not isinstance(source.data, dict):
            raise InputError([])
        found = Path(os.path.relpath(found.resolve()))
        previous = os.path.relpath(Path(roster_json).resolve(), Path(output).resolve().parent)
        data = next_week_data(source.data, source.name, previous)
    except InputError as exc:
        bad_input(exc)
    check_outputs({}, [("-o", output)])
    header = (f"# Next week after {found} (scheduler next-week {roster_json}): edit leave, requests and tasks,\n"
              "# then solve it; history and fairness carry over through `previous:`.\n")
    with writing(output):
        write_atomic(output, header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120))
    click.echo(f"wrote {output}")


@main.command("check-chain")
@click.argument("ledger_json", type=click.Path(dir_okay=False))
def check_chain_command(ledger_json: str) -> None:
    """Check a chain of weeks: LEDGER_JSON against the rosters it was made from (their SHA-256 and their
    counts), and the rules over more than a week (48 h a week on average over 17 weeks, 28 weekends a
    year). Exit 0 when all hold, 1 otherwise."""
    folder = Path(ledger_json).parent
    try:
        ledger = read_json(ledger_json)
        if not isinstance(ledger, dict) or not isinstance(ledger.get("weeks"), list) or not isinstance(
                ledger.get("officers"), dict):
            raise InputError([InputProblem(ledger_json, None, "", "not a ledger.json (weeks, officers)")])
        rosters = {}
        for w in ledger["weeks"]:
            path = folder / str(w.get("roster"))
            rosters[str(w.get("roster"))] = read_json(path) if path.is_file() else None
    except InputError as exc:
        bad_input(exc)
    report = check_chain(ledger, folder, rosters)
    for line in report.mismatches:
        click.echo(f"MISMATCH {line}")
    for line in report.breaches:
        click.echo(f"HARD {line}")
    click.echo(f"{report.weeks} weeks, {report.officers} officers: {len(report.mismatches)} mismatches, "
               f"{len(report.breaches)} breaches of rules over more than a week")
    raise SystemExit(0 if report.ok else 1)
