"""What the commands that read a patrol.json share: what patrol.json records of its roster and scenario,
reading one (bad input named by file and field), and finding the plan of a roster for the briefing and the
calendars (never the plan of another roster)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from scheduler.cli.common import err
from scheduler.errors import InputError, InputProblem
from scheduler.io.roster_files import assignments_sha256, read_json
from scheduler.patrol.document import recheck, validate_patrol
from scheduler.patrol.units import patrol_setup
from scheduler.problem import Problem
from scheduler.report.patrol_cards import patrol_mismatch
from scheduler.roster import Assignment
from scheduler.scenario.schema import Scenario


def roster_record(problem: Problem, assignments: list[Assignment], scenario: str, roster_json: str,
                  folder: Path) -> dict[str, Any]:
    """patrol.json's summary of what it was planned from: the files relative to its own folder (found from
    anywhere, as roster.json names its scenario), the scenario's SHA-256 and the roster's fingerprint."""
    rows = [{"officer": a.officer, "day": a.day, "shift": a.shift, "duty": a.duty} for a in assignments]
    return {"roster_file": os.path.relpath(Path(roster_json).resolve(), folder.resolve()),
            "scenario_file": os.path.relpath(Path(scenario).resolve(), folder.resolve()),
            "scenario_sha256": problem.sha256, "roster_assignments_sha256": assignments_sha256(rows)}


def read_patrol(path: str | Path, cards: bool = True) -> dict[str, Any]:
    """A patrol.json that the cards (`cards`), the calendars and the checker can read (InputError otherwise)."""
    doc = read_json(path)
    validate_patrol(doc, str(path), cards)
    return doc


def patrol_for_roster(roster: dict[str, Any], roster_json: str, given: str | None) -> dict[str, Any] | None:
    """The patrol plan to show with a roster: `given`, or patrol.json in the roster's folder. A plan of other
    assignments, or one found that cannot be read, is left out with a warning; a given one that cannot be
    read is bad input (InputError)."""
    path = Path(given) if given else Path(roster_json).parent / "patrol.json"
    if not given and not path.is_file():
        return None
    try:
        doc = read_patrol(path)
    except InputError as exc:
        if given:
            raise
        err.print(f"warning: {path} is left out: {exc.problems[0]}")
        return None
    why = patrol_mismatch(doc, roster)
    if why:
        err.print(f"warning: {path} is not the patrol plan of {roster_json}, left out: {why}")
        return None
    return doc


def patrol_for_calendars(path: str, roster: dict[str, Any], roster_json: str, problem: Problem, scenario: Scenario,
                         assignments: list[Assignment]) -> dict[str, Any]:
    """The patrol plan whose visits go into the calendars: this roster's (InputError otherwise: calendars
    without the visits would remove the ones an officer has), checked again (a warning names the faults'
    count; `check-patrol` names them)."""
    doc = read_patrol(path, cards=False)
    if why := patrol_mismatch(doc, roster):
        raise InputError([InputProblem(path, None, "summary.roster_assignments_sha256",
                                       f"not the patrol plan of {roster_json}: {why}")])
    faults, _, _ = recheck(problem, patrol_setup(problem, scenario, assignments, path), doc, path)
    if faults:
        err.print(f"warning: {path}: {len(faults)} faults (`scheduler check-patrol {path}` names them); "
                  "its visits are written as planned")
    return doc
