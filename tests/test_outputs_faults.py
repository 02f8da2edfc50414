"""Outputs under faults and CLI options: paths checked before a solve, the files of one run replaced
together and checked together, writers' errors as messages, option bounds like the YAML's."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scheduler.cli import main
from scheduler.io.atomic import write_together

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny" / "zone.yaml"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("solved")
    result = run("solve", TINY, "--time-limit", 5, "--out", out, "--quiet", "--deterministic", "--seed", 0)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(("option", "value"), [
    ("--time-limit", "-5"), ("--time-limit", "0"), ("--time-limit", "nan"), ("--time-limit", "1e9"),
    ("--workers", "0"), ("--workers", "1000"), ("--seed", "99999999999999"), ("--seed", "-1"),
])
def test_an_option_out_of_bounds_is_a_usage_error(tmp_path: Path, option: str, value: str) -> None:
    result = run("solve", TINY, option, value, "--out", tmp_path)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.output
    assert not (tmp_path / "roster.json").exists()


def test_roster_json_being_a_folder_is_found_before_the_solve(tmp_path: Path) -> None:
    (tmp_path / "roster.json").mkdir()
    result = run("solve", TINY, "--out", tmp_path, "--time-limit", 5)
    assert result.exit_code == 2, result.output
    assert f"--out: {tmp_path / 'roster.json'} is a folder, and a file is to be written there" in result.output
    assert "objective" not in result.output  # nothing was solved


def test_an_output_under_a_file_is_a_message_not_a_traceback(solved: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for args in (("export", solved / "roster.json", "--xlsx", blocker / "r.xlsx"),
                 ("export", solved / "roster.json", "--ics", blocker / "ics"),
                 ("report", solved / "roster.json", "-o", blocker / "r.html")):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert str(blocker) in result.output and "Traceback" not in result.output


def test_roster_files_carry_each_others_hashes(solved: Path, tmp_path: Path) -> None:
    doc = json.loads((solved / "roster.json").read_text(encoding="utf-8"))
    summary = doc["summary"]
    assert set(summary["files"]) == {"roster.csv"} and len(summary["assignments_sha256"]) == 64
    # A roster.csv of another run beside it: `check` says so.
    copy = tmp_path / "run"
    copy.mkdir()
    (copy / "roster.json").write_text((solved / "roster.json").read_text(encoding="utf-8"), encoding="utf-8")
    (copy / "roster.csv").write_text("officer,day\n", encoding="utf-8")
    result = run("check", TINY, copy / "roster.json")
    assert result.exit_code == 0, result.output
    assert f"{copy / 'roster.csv'} is not the one written with it" in result.output


def test_a_hand_edited_roster_is_measured_again_for_the_report(solved: Path, tmp_path: Path) -> None:
    doc = json.loads((solved / "roster.json").read_text(encoding="utf-8"))
    removed = doc["assignments"].pop()
    doc["summary"]["input_file"] = str(TINY)
    edited = tmp_path / "roster.json"
    edited.write_text(json.dumps(doc), encoding="utf-8")
    result = run("report", edited, "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    assert "its assignments were changed after the solve" in result.output
    # An unknown officer in the edit: refused, not reported with the solve's measures.
    doc["assignments"].append({**removed, "officer": "nobody"})
    edited.write_text(json.dumps(doc), encoding="utf-8")
    result = run("report", edited, "-o", tmp_path / "r.html")
    assert result.exit_code == 2, result.output
    assert "not in the scenario: officer 'nobody'" in result.output


def test_a_roster_whose_assignments_are_null(tmp_path: Path) -> None:
    bad = tmp_path / "roster.json"
    bad.write_text(json.dumps({"summary": {}, "measures": {}, "assignments": None}), encoding="utf-8")
    result = run("report", bad, "-o", tmp_path / "r.html")
    assert result.exit_code == 2, result.output
    assert "assignments: a roster.json has a list 'assignments'" in result.output


def test_export_finds_the_scenario_from_another_folder(solved: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = json.loads((solved / "roster.json").read_text(encoding="utf-8"))
    assert not Path(doc["summary"]["input_file"]).is_absolute()  # relative to the roster's folder
    assert (solved / doc["summary"]["input_file"]).resolve() == TINY.resolve()
    monkeypatch.chdir(tmp_path)
    result = run("export", solved / "roster.json", "--xlsx", "r.xlsx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.xlsx").stat().st_size > 0


def test_a_killed_writers_temporaries_are_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)  # a process that has ended
    stale = tmp_path / f".roster.json.{pid}.abc123.tmp"
    stale.write_text("half", encoding="utf-8")
    other = tmp_path / f".notes.txt.{pid}.abc123.tmp"  # not a temporary of a file we write: kept
    other.write_text("x", encoding="utf-8")
    write_together({tmp_path / "roster.json": b"{}", tmp_path / "roster.csv": b""})
    assert not stale.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([other.name, "roster.csv", "roster.json"])


def test_a_failed_write_replaces_nothing_and_leaves_no_temporary(tmp_path: Path) -> None:
    (tmp_path / "roster.json").write_text("old", encoding="utf-8")
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    with pytest.raises(OSError):
        # The second target is a folder: its rename fails after the first file was staged.
        write_together({tmp_path / "roster.json": b"new", blocked: b"x"})
    assert (tmp_path / "roster.json").read_text(encoding="utf-8") in ("old", "new")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
