"""The `scheduler` command: validate, solve, check, import-nrp, through click's runner and once for real."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scheduler.cli import main

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny" / "zone.yaml"
NRP1 = ROOT / "benchmarks" / "data" / "nrp" / "Instance1.txt"
INVALID = ROOT / "tests" / "data" / "invalid_unknown_skill.yaml"
NRP1_OPTIMUM = 607

SUMMARY_KEYS = {
    "status", "objective", "best_bound", "gap", "wall_time_s", "seed", "workers", "solver_version", "input_sha256",
}
ROW_KEYS = {"officer", "date", "day", "shift", "start", "end", "duty"}


def run(*args: str) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def output(result: Result) -> str:
    """Everything the command printed: click's runner mixes stderr into `output`."""
    return result.output


@pytest.fixture(scope="module")
def tiny_roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny")
    result = run("solve", TINY, "--time-limit", 5, "--out", out, "--quiet")
    assert result.exit_code == 0, output(result)
    return out


def test_validate_tiny() -> None:
    result = run("validate", TINY)
    assert result.exit_code == 0, output(result)
    assert "valid: 10 officers, 7 days, 3 shift types, 1 task, 1 hotspot" in result.output


def test_validate_invalid_file() -> None:
    result = run("validate", INVALID)
    assert result.exit_code == 2
    text = output(result)
    # One line per problem, never wrapped (stderr is not a terminal here).
    assert f"{INVALID}:48: officers[1].skills[0]: unknown skill 'riot'" in text.splitlines()
    assert "Traceback" not in text
    assert isinstance(result.exception, SystemExit)


def test_validate_missing_file() -> None:
    result = run("validate", ROOT / "tests" / "data" / "no_such_file.yaml")
    assert result.exit_code == 2
    assert "Traceback" not in output(result)


@pytest.mark.parametrize("option", ["--out", "--log"])
def test_solve_refuses_an_output_it_cannot_write_before_solving(tmp_path: Path, option: str) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / "out" / ("log.txt" if option == "--log" else "")
    args = ["solve", TINY, "--time-limit", 600, "--quiet", option, target]
    result = run(*args, *(["--out", tmp_path / "out"] if option != "--out" else []))
    # Refused at once (a 600 s solve would not have ended), before anything is written.
    assert result.exit_code == 2
    folder = blocker / "out"
    assert output(result).splitlines() == [f"{option} {folder}: cannot write there (Not a directory)"]
    assert not (tmp_path / "out" / "roster.json").exists()


def test_solve_refuses_a_folder_as_an_output_file(tmp_path: Path) -> None:
    result = run("solve", TINY, "--time-limit", 600, "--quiet", "--out", tmp_path / "out", "--xlsx", tmp_path)
    # Refused at once, by the option's own check (a 600 s solve would not have ended).
    assert result.exit_code == 2
    assert "is a directory" in output(result) and "Traceback" not in output(result)


def test_solve_writes_roster_json_and_csv(tiny_roster: Path) -> None:
    doc = json.loads((tiny_roster / "roster.json").read_text(encoding="utf-8"))
    summary = doc["summary"]
    assert SUMMARY_KEYS <= set(summary), SUMMARY_KEYS - set(summary)
    assert summary["status"] in ("OPTIMAL", "FEASIBLE")
    assert summary["workers"] == 2
    assert summary["solver_version"].startswith("ortools")
    assert len(summary["input_sha256"]) == 64
    assert summary["check"]["hard_violations"] == 0
    assert summary["check"]["agrees_with_solver"] is True
    rows = doc["assignments"]
    assert rows
    for row in rows:
        assert ROW_KEYS <= set(row), ROW_KEYS - set(row)
    with (tiny_roster / "roster.csv").open(encoding="utf-8", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert len(csv_rows) == len(rows)
    assert [(r["officer"], int(r["day"]), r["shift"], r["duty"]) for r in csv_rows] == [
        (r["officer"], r["day"], r["shift"], r["duty"]) for r in rows
    ]


def test_check_solved_roster(tiny_roster: Path) -> None:
    result = run("check", TINY, tiny_roster / "roster.json")
    assert result.exit_code == 0, output(result)
    assert "0 hard violations" in result.output
    assert "note:" not in result.output  # the summary's objective is the checker's


def test_check_broken_roster(tiny_roster: Path, tmp_path: Path) -> None:
    doc = json.loads((tiny_roster / "roster.json").read_text(encoding="utf-8"))
    doc["assignments"].append(dict(doc["assignments"][0]))  # the same officer twice on that day
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(doc), encoding="utf-8")
    result = run("check", TINY, broken)
    assert result.exit_code == 1, output(result)
    assert "one_shift_per_day" in result.output
    first = doc["assignments"][0]
    weekday = dt.date.fromisoformat(first["date"]).strftime("%a")
    assert (f"HARD one_shift_per_day: officer {first['officer']} {weekday} {first['date']}: 2 shifts start on "
            "this day [amount 1 shift above one]") in result.output.splitlines()


def test_check_a_hand_made_roster_by_dates(tiny_roster: Path, tmp_path: Path) -> None:
    doc = json.loads((tiny_roster / "roster.json").read_text(encoding="utf-8"))
    by_date = {"assignments": [{k: a[k] for k in ("officer", "date", "shift", "duty")} for a in doc["assignments"]]}
    hand = tmp_path / "hand.json"
    hand.write_text(json.dumps(by_date), encoding="utf-8")
    result = run("check", TINY, hand)
    assert result.exit_code == 0, output(result)
    # The same assignments as the solver's: the same objective.
    assert f"objective {doc['summary']['objective']:,.2f}" in result.output.splitlines()
    wrong = {"assignments": [dict(doc["assignments"][0], day=doc["assignments"][0]["day"] + 1)]}
    hand.write_text(json.dumps(wrong), encoding="utf-8")
    result = run("check", TINY, hand)
    assert result.exit_code == 2
    first = doc["assignments"][0]
    later = dt.date.fromisoformat(first["date"]) + dt.timedelta(days=1)
    assert output(result).splitlines() == [
        f"{hand}: assignments[0]: day {first['day'] + 1} is {later}, not its date {first['date']}"
    ]


def test_weights_too_large_for_the_solver_are_explained(tmp_path: Path) -> None:
    # Each weight within its bound (10^9), their product (hotspot_shortfall x a target's weight x minutes)
    # is not: no roster, exit 1, and the reason rather than a bare status.
    import yaml

    d = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    d["objective"] = {"weights": {"hotspot_shortfall": 10**9}}
    for target in d["hotspots"][0]["targets"]:
        target["weight"] = 10**9
    path = tmp_path / "zone.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False), encoding="utf-8")
    result = run("solve", path, "--time-limit", 5, "--out", tmp_path / "out", "--quiet")
    assert result.exit_code == 1
    lines = output(result).splitlines()
    assert lines[0] == "no roster: solver status MODEL_INVALID"
    assert lines[1].startswith("  the solver rejects the model: Coefficients larger than")
    assert lines[2] == "  objective weights x counts x slots too large? lower the largest weights"


def test_check_a_roster_whose_rows_are_not_mappings(tmp_path: Path) -> None:
    bad = tmp_path / "roster.json"
    bad.write_text(json.dumps({"assignments": [["o1", 0, "early", "response"]]}), encoding="utf-8")
    result = run("check", TINY, bad)
    assert result.exit_code == 2
    assert output(result).splitlines() == [f"{bad}: assignments[0]: needs officer, day (index) or date, shift and duty"]


def test_check_unreadable_roster(tmp_path: Path) -> None:
    bad = tmp_path / "roster.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run("check", TINY, bad)
    assert result.exit_code == 2
    assert "invalid JSON" in output(result)
    assert "Traceback" not in output(result)


def test_solve_nrp_instance1(tmp_path: Path) -> None:
    result = run("solve", NRP1, "--time-limit", 30, "--out", tmp_path, "--quiet")
    assert result.exit_code == 0, output(result)
    summary = json.loads((tmp_path / "roster.json").read_text(encoding="utf-8"))["summary"]
    assert summary["benchmark_objective"] == NRP1_OPTIMUM
    assert summary["objective"] == pytest.approx(NRP1_OPTIMUM)
    assert summary["status"] == "OPTIMAL"
    checked = run("check", NRP1, tmp_path / "roster.json")
    assert checked.exit_code == 0, output(checked)
    assert f"benchmark objective {NRP1_OPTIMUM}" in checked.output


def test_import_nrp_round_trip(tmp_path: Path) -> None:
    scenario = tmp_path / "instance1.yaml"
    result = run("import-nrp", NRP1, "-o", scenario)
    assert result.exit_code == 0, output(result)
    assert scenario.is_file()
    assert run("validate", scenario).exit_code == 0
    out = tmp_path / "out"
    result = run("solve", scenario, "--time-limit", 30, "--out", out, "--quiet")
    assert result.exit_code == 0, output(result)
    summary = json.loads((out / "roster.json").read_text(encoding="utf-8"))["summary"]
    assert summary["objective"] == pytest.approx(NRP1_OPTIMUM)
    assert summary["benchmark_objective"] == NRP1_OPTIMUM


def scheduler_command() -> list[str]:
    script = Path(sys.executable).parent / ("scheduler.exe" if os.name == "nt" else "scheduler")
    if script.is_file():
        return [str(script)]
    found = shutil.which("scheduler")
    return [found] if found else [sys.executable, "-m", "scheduler.cli"]


def test_solve_as_a_real_process(tmp_path: Path) -> None:
    cmd = [*scheduler_command(), "solve", str(TINY), "--time-limit", "5", "--out", str(tmp_path), "--quiet"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "roster.json").is_file()
    assert (tmp_path / "roster.csv").is_file()
    assert "checker: 0 hard violations" in done.stdout


def test_every_rule_has_a_unit_for_its_amount() -> None:
    # `scheduler check` prints each violation's amount in its rule's unit; a rule added without one
    # would print "unit".
    from scheduler.check import AMOUNT_UNITS
    from scheduler.scenario.rules import RULE_IDS, STRUCTURAL_RULES

    assert set(RULE_IDS) | set(STRUCTURAL_RULES) | {"strict_task", "unknown", "frozen"} == set(AMOUNT_UNITS)


def test_piped_summary_explains_overtime_and_prints_the_whole_grid(tmp_path: Path) -> None:
    """Piped (not a terminal), the tiny zone's 10 officers get the grid, its cells uncut, and the
    summary says what overtime counts; a zone above 60 officers gets a line saying where the grid is."""
    cmd = [*scheduler_command(), "solve", str(TINY), "--time-limit", "3", "--out", str(tmp_path / "out"),
           "--deterministic"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "overtime hours (above pro-rata contract)" in done.stdout
    assert "hours worked above each officer's contract hours pro rata" in done.stdout
    doc = json.loads((tmp_path / "out" / "roster.json").read_text(encoding="utf-8"))
    hotspot = next(r for r in doc["assignments"] if r["duty"] == "market")
    # A grid cell is the shift and the duty's first 8 characters: never cut with "…" when piped.
    assert f"{hotspot['shift']}:market" in done.stdout and "…" not in done.stdout
    assert "team A" in done.stdout and "team B" in done.stdout
