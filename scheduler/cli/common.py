"""What every command shares: exit codes, the consoles, loading with messages, output paths checked
before a solve, writers whose failures become messages."""

from __future__ import annotations

import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from rich.console import Console

from scheduler.api import is_benchmark_file, load_problem
from scheduler.campaign.outputs import CSV_FIELDS, csv_rows, is_campaign_document
from scheduler.errors import InputError, InputProblem
from scheduler.io.atomic import write_together
from scheduler.nrp import nrp_objective, parse_nrp
from scheduler.problem import Problem
from scheduler.report import render_report, write_report
from scheduler.report.campaign_page import validate_campaign
from scheduler.roster import Assignment
from scheduler.scenario.load import LoadedScenario

EXIT_NO_ROSTER = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130
# The terminal grid: a row per officer; above this many, roster.csv and the workbook are the place.
GRID_MAX_OFFICERS = 60

# User data (names, ids, file names with `:100:` in a message) is printed as text: no markup, no emoji.
err = Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)  # one problem per line


def out_console() -> Console:
    """The standard output's console. Piped, it is as wide as a table needs: a cell is never cut."""
    return Console(highlight=False, markup=False, emoji=False, width=None if sys.stdout.isatty() else 10_000)


def stop_on_sigterm() -> None:
    """SIGTERM (a scheduler's kill, a closed terminal) ends the run as Ctrl-C would: the search stops,
    the best roster is kept, `finally` blocks remove temporary files."""
    signal.signal(signal.SIGTERM, lambda signum, frame: signal.default_int_handler(signum, frame))


def bad_input(exc: InputError) -> NoReturn:
    for p in exc.problems:
        err.print(str(p))
    sys.exit(EXIT_BAD_INPUT)


def load_or_exit(path: str, fmt: str = "auto", policies: tuple[str, ...] = ()) -> tuple[LoadedScenario, Problem]:
    try:
        loaded, problem = load_problem(path, fmt, policies)
    except InputError as exc:
        bad_input(exc)
    for w in loaded.warnings:
        err.print(f"warning: {w}")
    return loaded, problem


def check_outputs(dirs: dict[str, str | None], files: list[tuple[str, str | None]]) -> None:
    """Fail before a solve, not after it, when an output cannot be written (the roster would be lost):
    each folder can be made and written, no file target (option, path) is a folder."""
    targets = [(o, Path(d)) for o, d in dirs.items() if d] + [(o, Path(f).parent) for o, f in files if f]
    for option, folder in targets:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            err.print(f"{option} {folder}: cannot write there ({exc.strerror or exc})")
            sys.exit(EXIT_BAD_INPUT)
    for option, file in files:
        if file and Path(file).is_dir():
            err.print(f"{option}: {file} is a folder, and a file is to be written there")
            sys.exit(EXIT_BAD_INPUT)


@contextmanager
def writing(what: str) -> Iterator[None]:
    """A writer's OSError (a read-only folder, a full disk) as a message and exit 2, not a traceback."""
    try:
        yield
    except OSError as exc:
        target = exc.filename or what
        err.print(f"{target}: cannot write ({exc.strerror or exc})")
        sys.exit(EXIT_BAD_INPUT)


def benchmark_summary(path: str, fmt: str, loaded: LoadedScenario, assignments: list[Assignment],
                      objective: float | None) -> dict[str, Any]:
    """For a Curtois-Qu instance, its objective by the benchmark's own reference (nrp.score, which reads
    the instance file only): what published results are compared with. For a scenario converted from
    one (rule pack `nrp`), the objective as the integer the benchmark reports."""
    if not is_benchmark_file(path, fmt):
        if loaded.scenario.rules.pack == "nrp" and objective is not None:
            return {"benchmark_objective": round(objective)}
        return {}
    try:
        return {"benchmark_objective": nrp_objective(parse_nrp(path), {(a.officer, a.day): a.shift for a in assignments})}
    except ValueError:  # a hand-made roster with ids the instance does not have: the checker says which
        return {}


def write_exports(
    problem: Problem, assignments: list[Assignment], doc: dict[str, Any], xlsx_file: str | None, ics_dir: str | None,
    patrol: dict[str, Any] | None = None,
) -> list[str]:
    """The workbook and the calendars (with the visits of `patrol`, a patrol.json of the roster), when asked
    for; returns what was written, for the user."""
    wrote = []
    if xlsx_file:
        from scheduler.io.xlsx import write_xlsx  # here: openpyxl loads only when a workbook is asked for

        with writing(xlsx_file):
            write_xlsx(xlsx_file, problem, assignments, doc)
        wrote.append(xlsx_file)
    if ics_dir:
        from scheduler.io.ics import write_ics  # here: icalendar loads only when calendars are asked for

        with writing(ics_dir):
            wrote.append(f"{len(write_ics(ics_dir, problem, assignments, patrol=patrol))} calendars in {ics_dir}")
    return wrote


def write_compare_exports(
    table: dict[str, Any], xlsx_file: str | None, html_file: str | None, lang: str = "en", source: str = "",
) -> list[str]:
    """The comparison workbook and briefing, when asked for; returns what was written."""
    wrote = []
    if xlsx_file:
        from scheduler.compare.workbook import write_compare_xlsx  # here: openpyxl only when asked for

        with writing(xlsx_file):
            write_compare_xlsx(xlsx_file, table)
        wrote.append(xlsx_file)
    if html_file:
        with writing(html_file):
            write_report(html_file, render_report(table, lang=lang, source=source))
        wrote.append(html_file)
    return wrote


def campaign_report_files(doc: dict[str, Any], html_file: Path | None, xlsx_file: Path | None,
                          lang: str = "en") -> dict[Path, bytes]:
    """A campaign.json's page and workbook as bytes, to be written with whatever goes with them
    (`scheduler campaign` writes them in one `write_together` with campaign.json and campaign.csv)."""
    files: dict[Path, bytes] = {}
    if html_file is not None:
        source = str(html_file.with_name("campaign.json"))  # the page names the file it was made from
        files[html_file] = render_report(doc, lang=lang, source=source).encode("utf-8")
    if xlsx_file is not None:
        from scheduler.io.campaign_xlsx import campaign_xlsx  # here: openpyxl loads only when a workbook is written

        files[xlsx_file] = campaign_xlsx(doc, CSV_FIELDS, csv_rows(doc["chains"]))
    return files


def export_campaign(doc: dict[str, Any], source: str, xlsx_file: str | None, ics_dir: str | None) -> bool:
    """`scheduler export campaign.json --xlsx FILE`: the campaign's workbook. False for another document."""
    if not is_campaign_document(doc):
        return False
    if ics_dir or not xlsx_file:
        raise InputError([InputProblem(source, None, "", "a campaign.json has no roster to put in calendars: "
                                       "give --xlsx FILE (each week's roster.json is in the chains' folders)")])
    validate_campaign(doc, source)  # checked as the page checks it
    with writing(xlsx_file):
        write_together(campaign_report_files(doc, None, Path(xlsx_file)))
    return True
