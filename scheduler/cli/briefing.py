"""`scheduler report`: the HTML briefing of a roster.json (with its patrol plan's cards when there is
one), a compare.json or a campaign.json."""

from __future__ import annotations

import sys
from typing import Any

import click

from scheduler.cli.commands import main
from scheduler.cli.common import EXIT_BAD_INPUT, err, load_or_exit, writing
from scheduler.cli.patrol_files import patrol_for_roster
from scheduler.errors import InputError, InputProblem
from scheduler.io.roster_files import check_ids, read_assignments, roster_integrity, scenario_of
from scheduler.measures import compute_measures
from scheduler.report import document_kind, read_document, render_report, write_report


def _measures_again(doc: dict[str, Any], path: str) -> dict[str, Any]:
    """A roster.json edited after its solve: its stored measures are stale, so they are computed again
    from the scenario it names, if that is found unchanged; otherwise the user must give it."""
    for line in roster_integrity(doc, path):
        err.print(f"warning: {path}: {line}")
    scenario = scenario_of(doc, path)
    if scenario is None:
        raise InputError([InputProblem(path, None, "assignments", "changed after the solve and its scenario is "
                                       "not found: give --scenario FILE to measure them again")])
    _, problem = load_or_exit(str(scenario))
    if doc["summary"].get("input_sha256") not in (None, problem.sha256):
        raise InputError([InputProblem(path, None, "assignments", f"changed after the solve, and {scenario} too: "
                                       "give --scenario FILE to measure them again")])
    assignments, _ = read_assignments(path, problem)
    check_ids(path, problem, assignments)
    return compute_measures(problem, assignments)


@main.command()
@click.argument("input_json", metavar="ROSTER_COMPARE_OR_CAMPAIGN.json", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True, help="The HTML file to write.")
@click.option("--lang", type=click.Choice(["en", "fr", "nl"]), default="en", show_default=True, help="Labels' language.")
@click.option("--anonymize", is_flag=True, help="Replace officer names and ids by stable pseudonyms (for sharing outside the zone).")
@click.option("--salt", envvar="SCHEDULER_REPORT_SALT", default="", help="Secret for the pseudonyms (or $SCHEDULER_REPORT_SALT); same salt, same pseudonyms.")
@click.option("--scenario", "scenario", type=click.Path(dir_okay=False),
              help="Recompute the measures from this scenario and the roster's assignments (older or hand-made rosters).")
@click.option("--patrol", "patrol_json", type=click.Path(dir_okay=False),
              help="The roster's patrol plan, shown as cards (default: patrol.json beside the roster, if it is this "
                   "roster's).")
def report(input_json: str, output: str, lang: str, anonymize: bool, salt: str, scenario: str | None,
           patrol_json: str | None) -> None:
    """Write a self-contained HTML briefing of a roster.json, a compare.json or a campaign.json; a roster's
    with the cards of its patrol plan (--patrol, or patrol.json beside it when planned from this roster)."""
    try:
        doc = read_document(input_json)
        if scenario is not None:

            if "assignments" not in doc:
                raise InputError([InputProblem(input_json, None, "", "--scenario needs a roster.json, "
                                               "not a compare.json or a campaign.json")])
            _, problem = load_or_exit(scenario)
            assignments, _ = read_assignments(input_json, problem)
            known = ({o.id for o in problem.officers}, {s.id for s in problem.shift_types}, {d.id for d in problem.duties})
            strange = [a for a in assignments if a.officer not in known[0] or a.shift not in known[1]
                       or a.duty not in known[2] or not 0 <= a.day < problem.days]
            if strange:
                raise InputError([InputProblem(input_json, None, "assignments", f"{len(strange)} assignments name an officer, "
                                               f"shift, duty or day that {scenario} does not have, e.g. {strange[0]}")])
            if doc["summary"].get("input_sha256") not in (None, problem.sha256):
                err.print(f"warning: {input_json} was solved from a different version of {scenario}")
            doc["measures"] = compute_measures(problem, assignments)
        elif document_kind(doc, input_json) == "roster" and roster_integrity(doc, input_json):
            doc["measures"] = _measures_again(doc, input_json)
        kind = document_kind(doc, input_json)
        if patrol_json and kind != "roster":
            raise InputError([InputProblem(input_json, None, "", f"--patrol needs a roster.json, not a {kind}.json")])
        patrol = patrol_for_roster(doc, input_json, patrol_json) if kind == "roster" else None
        html = render_report(doc, lang=lang, anonymize=anonymize, salt=salt, source=input_json, patrol=patrol,
                             patrol_source=patrol_json or "patrol.json")
    except InputError as exc:
        for p in exc.problems:
            err.print(str(p))
        sys.exit(EXIT_BAD_INPUT)
    if anonymize and not salt:
        err.print("warning: --anonymize without --salt: anyone with the officer ids can recompute the pseudonyms")
    with writing(output):
        write_report(output, html)
    click.echo(f"wrote {output}")


