"""`scheduler campaign`: many weeks of a scenario under absences and events, per policy and seed."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import click

from scheduler.api import load_problem, settings_for
from scheduler.campaign.checks import campaign_problems
from scheduler.campaign.outputs import campaign_document, campaign_files
from scheduler.campaign.run import Plan, check_address, plan_file, read_plan_file, run_plan
from scheduler.cli.commands import main
from scheduler.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    bad_input,
    campaign_report_files,
    check_outputs,
    err,
    out_console,
    stop_on_sigterm,
    writing,
)
from scheduler.compare.run import scenario_specs
from scheduler.errors import InputError
from scheduler.io.atomic import write_atomic, write_together
from scheduler.scenario.campaign import MAX_CAMPAIGN_WEEKS, Campaign
from scheduler.scenario.load import scenario_data
from scheduler.scenario.region import is_region
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve import time_limit_note


@main.command("campaign")
@click.argument("scenario", type=click.Path(dir_okay=False))
@click.option("--weeks", type=click.IntRange(1, MAX_CAMPAIGN_WEEKS), help="Weeks per chain (default: campaign.weeks).")
@click.option("--policy", "policy_ids", multiple=True, help="A policy to run besides the baseline (repeatable).")
@click.option("--all", "all_policies", is_flag=True, help="Every policy the scenario offers.")
@click.option("--seeds", type=click.IntRange(1, 1000), default=3, show_default=True,
              help="Independent draws of the absences (seeds 0 to K-1); every policy gets the same draws.")
@click.option("--jobs", type=click.IntRange(1, 512), default=1, show_default=True, help="Chains at once.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--address", help="A Dask scheduler (tcp://HOST:PORT); without it, --executor dask starts a LocalCluster.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="CP-SAT workers per chain.")
@click.option("--week-time-limit", type=click.FloatRange(0.1, 3600), help="Seconds per week's roster (default: the campaign's).")
@click.option("--repair-time-limit", type=click.FloatRange(0.1, 3600), help="Seconds per repair (default: the campaign's).")
@click.option("--deterministic/--not-deterministic", default=True, show_default=True,
              help="The same scenario, policy and seed give the same weeks.")
@click.option("--resume", is_flag=True, help="Continue the campaign in --out after its last finished weeks.")
@click.option("-o", "--out", required=True, type=click.Path(file_okay=False), help="Folder for the campaign.")
@click.option("--lang", type=click.Choice(["en", "fr", "nl"]), default="en", show_default=True,
              help="The language of campaign.html.")
@click.option("--quiet", is_flag=True, help="No progress display.")
def campaign(scenario: str, weeks: int | None, policy_ids: tuple[str, ...], all_policies: bool, seeds: int, jobs: int,
             executor: str, address: str | None, workers: int, week_time_limit: float | None,
             repair_time_limit: float | None, deterministic: bool, resume: bool, out: str, lang: str,
             quiet: bool) -> None:
    """Roster SCENARIO week after week for a campaign (its `campaign:` block: absences, leave seasons,
    public holidays, fixtures, hotspot changes, joins and departures), each absence repaired when it is
    known, for the baseline and each policy over several seeds; then each policy's measures with their
    90 % intervals and verdicts. Writes OUT/campaign.json, campaign.csv, campaign.html (the page to read,
    in --lang), campaign.xlsx and every week's roster."""
    stop_on_sigterm()
    try:
        specs = scenario_specs(scenario, list(policy_ids), all_policies)
        loaded, problem = load_problem(scenario)  # the whole scenario checked as a week would be
        source = YamlSource.read(scenario)
        data, _ = scenario_data(source, Path(scenario))  # a region's zone files joined (its campaign: block is the region file's)
        camp = loaded.scenario.campaign or Campaign()  # validated with the scenario
        weeks = weeks or camp.weeks
        problems = campaign_problems(data, camp, max(weeks, camp.weeks), source)  # a shorter run stops before some
        if problems:
            raise InputError(problems)
        ignored = ignored_zone_campaigns(source, Path(scenario))
    except InputError as exc:
        bad_input(exc)
    for name in ignored:
        err.print(f"warning: {name}: its campaign: block is not read; a region's campaign is the region file's")
    if address and executor != "dask":
        err.print("--address: a Dask scheduler's address goes with --executor dask")
        sys.exit(EXIT_BAD_INPUT)
    if executor == "dask" and address and (why := check_address(address)):
        err.print(f"--address: {why}")
        sys.exit(EXIT_BAD_INPUT)
    plan = Plan(str(Path(scenario).resolve()), tuple(s.name for s in specs), tuple(range(seeds)), weeks,
                str(Path(out).resolve()), workers, deterministic, week_time_limit, repair_time_limit)
    folder = Path(out)
    earlier = read_plan_file(folder)
    if earlier is not None and not resume:
        err.print(f"{out}: holds a campaign already; add --resume to continue it, or choose another --out")
        sys.exit(EXIT_BAD_INPUT)
    if resume and earlier is not None and earlier != plan_file(plan):
        err.print(f"{out}: holds a campaign run with other settings ({folder / 'campaign-run.json'}); "
                  "--resume continues only the same campaign")
        sys.exit(EXIT_BAD_INPUT)
    check_outputs({"--out": out}, [])
    import json  # noqa: PLC0415  (only here)

    with writing(out):
        write_atomic(folder / "campaign-run.json", json.dumps(plan_file(plan), indent=1) + "\n")
    total = len(plan.tasks()) * weeks
    # The zones of a region share each week's limit, deterministic or not.
    week_settings = settings_for(loaded, time_limit=week_time_limit or camp.week_time_limit, workers=workers)
    if note := time_limit_note(problem, week_settings):
        err.print(f"warning: each week: {note.replace('--time-limit', '--week-time-limit')}")
    if not quiet:
        err.print(f"campaign: {len(specs)} scenario(s) x {seeds} seed(s) x {weeks} weeks = {total} weeks to roster, "
                  f"{jobs} at once ({executor})")
    last = [0.0, -1.0]  # when the last line was printed, and the weeks done then

    def progress(done: int, all_weeks: int, seconds: float) -> None:
        # A line when a week is done, else one a minute (a long week still shows the run is alive).
        if quiet or (done == last[1] and seconds - last[0] < 60):
            return
        last[0], last[1] = seconds, done
        per_week = f", {seconds / done:.1f} s a week" if done else ""
        err.print(f"  {done}/{all_weeks} weeks done in {seconds:.0f} s{per_week}")

    start = time.monotonic()
    try:
        chains = run_plan(plan, jobs, executor, address, progress)
    except KeyboardInterrupt:
        for tmp in folder.glob("chains/*/seed-*/.week-*.tmp"):
            shutil.rmtree(tmp, ignore_errors=True)
        err.print(f"interrupted: the finished weeks are kept in {out}/chains (a week.json in each); "
                  f"run the same command with --resume to continue")
        sys.exit(EXIT_INTERRUPTED)
    doc = campaign_document(plan_file(plan), chains, False, time.monotonic() - start)
    files = campaign_files(folder, doc)
    files.update(campaign_report_files(doc, folder / "campaign.html", folder / "campaign.xlsx", lang))
    with writing(out):
        write_together(files)  # the four replaced together: never a page of another run beside the json
    _print_summary(doc, quiet)


def _print_summary(doc: dict, quiet: bool) -> None:
    console = out_console()
    for c in doc["chains"]:
        if c.get("failed"):
            console.print(f"{c['policy']} seed {c['seed']}: stopped at week {c['failed']['week']}: {c['failed']['reason']}")
    if quiet:
        return
    for policy, summary in doc["policies"].items():
        console.print(f"{policy} (seeds {', '.join(map(str, summary['seeds']))}):")
        for m, iv in summary["measures"].items():
            if iv["mean"] is None:
                continue
            band = f" [{iv['low']:.3g}, {iv['high']:.3g}]" if iv["low"] is not None else ""
            verdict = (summary.get("against_baseline") or {}).get(m, {}).get("verdict", "")
            console.print(f"  {doc['measures'][m]}: {iv['mean']:.4g}{band}{'  ' + verdict if verdict else ''}")


def ignored_zone_campaigns(source: YamlSource, path: Path) -> list[str]:
    """A region's zone files that have a campaign: block of their own (the region file's is the one read)."""
    data = source.data
    if not isinstance(data, dict) or not is_region(data):
        return []
    out = []
    for entry in data.get("zones") or []:
        if isinstance(entry, dict) and "file" in entry:
            zone = YamlSource.read(path.parent / str(entry["file"]))
            if isinstance(zone.data, dict) and "campaign" in zone.data:
                out.append(zone.name)
    return out
