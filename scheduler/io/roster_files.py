"""roster.json (complete, documented in docs/outputs.md) and roster.csv (one row per assignment)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

from scheduler.errors import InputError, InputProblem
from scheduler.io.atomic import write_together
from scheduler.problem import Problem
from scheduler.roster import Assignment, Roster
from scheduler.scenario.yaml_source import read_input_bytes

FORMAT = "police-duty-roster/1"
CSV_FIELDS = ["officer", "name", "team", "date", "day", "shift", "start", "end", "hours", "duty", "duty_kind", "hycap"]


def assignment_rows(problem: Problem, assignments: list[Assignment]) -> list[dict[str, Any]]:
    shift_ix = {s.id: s.index for s in problem.shift_types}
    officers = {o.id: o for o in problem.officers}
    duties = {d.id: d for d in problem.duties}
    rows = []
    for a in sorted(assignments, key=lambda a: (a.day, shift_ix[a.shift], a.officer)):
        inst = problem.instance_of(a.day, shift_ix[a.shift])
        o = officers[a.officer]
        duty = duties[a.duty]
        rows.append({
            "officer": a.officer, "name": o.name, "team": o.team, "date": problem.date_of(a.day).isoformat(),
            "day": a.day, "shift": a.shift, "start": problem.local_time(inst.start).isoformat(),
            "end": problem.local_time(inst.end).isoformat(), "hours": inst.minutes / 60, "duty": a.duty,
            "duty_kind": duty.task_kind or duty.kind, "hycap": duty.hycap,
        })
    return rows


def roster_document(problem: Problem, roster: Roster, measures: dict[str, Any], check: dict[str, Any]) -> dict[str, Any]:
    info = roster.info
    summary = {
        "scenario": problem.name, "input_file": problem.source, "input_sha256": problem.sha256,
        "horizon": {"start": problem.start_date.isoformat(), "days": problem.days, "timezone": problem.timezone},
        "status": info.status, "interrupted": info.interrupted,
        "objective": info.objective, "best_bound": info.best_bound, "gap": info.gap,
        "wall_time_s": info.wall_time_s, "build_time_s": info.build_time_s,
        "first_solution_s": info.first_solution_s, "seed": info.seed, "workers": info.workers,
        "deterministic": info.deterministic, "solver_version": info.solver_version,
        "tiers": info.tiers, "check": check,
    }
    if info.explanation:
        summary["explanation"] = info.explanation
    if info.zones:
        summary["zones"] = info.zones
    if problem.policies:
        summary["policies"] = list(problem.policies)
    return {
        "format": FORMAT,
        "summary": summary,
        "assignments": assignment_rows(problem, roster.assignments),
        "measures": measures,
        "penalties": info.penalties,
    }


def write_roster(out_dir: str | Path, problem: Problem, doc: dict[str, Any], ledger: dict[str, Any] | None = None) -> None:
    """roster.json and roster.csv (and the fairness ledger.json when given), replaced together. roster.json names the scenario relative to its own
    folder (found from anywhere) and carries the SHA-256 of its assignments and of roster.csv, so a
    hand edit or a roster.csv of another run is found (`roster_integrity`)."""
    out = Path(out_dir)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(doc["assignments"])
    csv_bytes = buf.getvalue().encode("utf-8")
    summary = doc["summary"]
    if summary.get("input_file") and Path(summary["input_file"]).exists():
        summary["input_file"] = os.path.relpath(Path(summary["input_file"]).resolve(), out.resolve())
    summary["assignments_sha256"] = assignments_sha256(doc["assignments"])
    summary["files"] = {"roster.csv": hashlib.sha256(csv_bytes).hexdigest()}
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    files = {out / "roster.json": text.encode("utf-8"), out / "roster.csv": csv_bytes}
    if ledger is not None:
        ledger["weeks"][-1]["roster_sha256"] = hashlib.sha256(files[out / "roster.json"]).hexdigest()
        files[out / "ledger.json"] = (json.dumps(ledger, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    write_together(files)


def assignments_sha256(rows: list[dict[str, Any]]) -> str:
    key = sorted((str(r.get("officer")), str(r.get("day")), str(r.get("shift")), str(r.get("duty"))) for r in rows)
    return hashlib.sha256(json.dumps(key).encode("utf-8")).hexdigest()


def roster_integrity(doc: dict[str, Any], path: str | Path) -> list[str]:
    """What no longer matches the run that wrote this roster.json: its assignments (edited by hand) and
    the roster.csv beside it (of another run). Empty for a roster without the hashes (made by hand)."""
    summary = doc.get("summary") or {}
    found = []
    if summary.get("assignments_sha256") and summary["assignments_sha256"] != assignments_sha256(doc["assignments"]):
        found.append("its assignments were changed after the solve (its measures are the solve's)")
    expected = (summary.get("files") or {}).get("roster.csv")
    beside = Path(path).parent / "roster.csv"
    if expected and beside.is_file() and hashlib.sha256(beside.read_bytes()).hexdigest() != expected:
        found.append(f"{beside} is not the one written with it (another run's, or edited)")
    return found


def scenario_of(doc: dict[str, Any], path: str | Path) -> Path | None:
    """The scenario a roster.json was solved from: its `input_file` relative to the roster's folder
    (or, as older rosters stored it, to the current folder); None when it is not found."""
    named = (doc.get("summary") or {}).get("input_file")
    if not named:
        return None
    for candidate in (Path(path).parent / named, Path(named)):
        if candidate.is_file():
            return candidate
    return None


def read_assignments(path: str | Path, problem: Problem | None = None) -> tuple[list[Assignment], dict[str, Any]]:
    """Assignments and summary of a roster.json (made by `solve` or by hand: only officer, day or date,
    shift and duty needed; a date needs the `problem`, whose horizon gives its day)."""
    assignments, doc = read_roster(path, problem)
    return assignments, doc.get("summary", {})


def read_json(path: str | Path) -> Any:
    """A JSON file we wrote (roster.json, compare.json), or an input error naming file and line."""
    path = Path(path)
    try:
        return json.loads(read_input_bytes(path).decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError([InputProblem(str(path), None, "", "not UTF-8 text")]) from None
    except RecursionError:
        raise InputError([InputProblem(str(path), None, "", "nested too deep for a roster")]) from None
    except json.JSONDecodeError as exc:
        raise InputError([InputProblem(str(path), exc.lineno, "", f"invalid JSON: {exc.msg}")]) from None


def read_roster(path: str | Path, problem: Problem | None = None) -> tuple[list[Assignment], dict[str, Any]]:
    """Assignments and the whole document of a roster.json (summary, measures, penalties when present)."""
    doc = read_json(path)
    return roster_assignments(doc, path, problem), doc


def roster_assignments(doc: Any, path: str | Path, problem: Problem | None = None) -> list[Assignment]:
    """The assignments of a roster.json document already read from `path` (named in errors).

    Each row names its day by index (`day`, 0 = the horizon's first) or, given the `problem`, by `date`
    (a hand-made roster); with both, they must agree."""
    rows = doc.get("assignments") if isinstance(doc, dict) else None
    if not isinstance(rows, list):
        raise InputError([InputProblem(str(path), None, "assignments", "a roster has a list 'assignments'")])
    out = []
    for i, row in enumerate(rows):
        by_date = None
        try:
            if problem is not None and row.get("date") is not None:
                by_date = (dt.date.fromisoformat(str(row["date"])) - problem.start_date).days
            day = by_date if "day" not in row and by_date is not None else int(row["day"])
            out.append(Assignment(str(row["officer"]), day, str(row["shift"]), str(row.get("duty", "response"))))
        except (KeyError, TypeError, ValueError, AttributeError):  # AttributeError: a row that is not a mapping
            need = "day (index) or date" if problem is not None else "day (index)"
            raise InputError(
                [InputProblem(str(path), None, f"assignments[{i}]", f"needs officer, {need}, shift and duty")]
            ) from None
        if problem is not None and by_date is not None and by_date != day:
            raise InputError([InputProblem(str(path), None, f"assignments[{i}]",
                                           f"day {day} is {problem.date_of(day)}, not its date {row['date']}")])
    return out


def check_ids(path: str | Path, problem: Problem, assignments: list[Assignment]) -> None:
    """Raise InputError naming every assignment whose officer, day, shift or duty the scenario does not have.

    The checker reports these as violations; writers that look ids up (spreadsheet, calendars) need them known.
    """
    officers = {o.id for o in problem.officers}
    shifts = {s.id for s in problem.shift_types}
    duties = {d.id for d in problem.duties}
    problems = []
    for i, a in enumerate(assignments):
        unknown = [
            f"{what} {value!r}" for what, value, ok in (
                ("officer", a.officer, a.officer in officers), ("day", a.day, 0 <= a.day < problem.days),
                ("shift", a.shift, a.shift in shifts), ("duty", a.duty, a.duty in duties),
            ) if not ok
        ]
        if unknown:
            problems.append(InputProblem(str(path), None, f"assignments[{i}]", f"not in the scenario: {', '.join(unknown)}"))
    if len(problems) > 10:  # a roster of another scenario: the first few say enough
        more = len(problems) - 10
        problems = [*problems[:10], InputProblem(str(path), None, "", f"and {more} more; is this the right scenario?")]
    if problems:
        raise InputError(problems)
