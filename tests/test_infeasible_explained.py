"""Hand-made infeasible weeks from examples/tiny: each message names the task, the date and time, and why.

The cheap cases (a skill holder on leave, a headcount above the holders, a fixed shift the clock change
shortens) are refused by `validate` (exit 2) before any solve; the others are explained after the solve
by a minimal set of named groups (`solve/diagnose.py`), which the cheap cases also get when solved.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from scheduler.cli import main
from scheduler.problem import build_problem
from scheduler.scenario.load import load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve

TINY = yaml.safe_load(Path("examples/tiny/zone.yaml").read_text(encoding="utf-8"))
SETTINGS = SolverSettings(time_limit=10, workers=2, deterministic=True)


def week(**changes: Any) -> dict[str, Any]:
    """The tiny zone with a strict transfer (its window, headcount, escorts as given)."""
    d = copy.deepcopy(TINY)
    task = d["tasks"][0]
    task["strict"] = True
    task.update(changes.get("task", {}))
    escorts = changes.get("escorts")
    for o in d["officers"]:
        if escorts is not None:
            o["skills"] = [s for s in o["skills"] if s != "transfer_escort"] + (["transfer_escort"] if o["id"] in escorts else [])
        o.update(changes.get("officers", {}).get(o["id"], {}))
    d["shift_types"] += changes.get("shift_types", [])
    d["tasks"] += changes.get("more_tasks", [])
    d.update(changes.get("top", {}))
    return d


def write(tmp_path: Path, d: dict[str, Any]) -> str:
    path = tmp_path / "zone.yaml"
    path.write_text(yaml.safe_dump(d, sort_keys=False), encoding="utf-8")
    return str(path)


def validate(path: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", path])
    return result.exit_code, result.output


def explained(path: str) -> list[str]:
    roster = solve(build_problem(load_scenario(path)), SETTINGS)
    assert roster.info.status == "INFEASIBLE"
    return roster.info.explanation


LEAVE = {"start": "2026-03-04", "reason": "leave"}


def test_skill_holders_on_leave(tmp_path: Path) -> None:
    path = write(tmp_path, week(officers={o: {"unavailable": [LEAVE]} for o in ("o02", "o06", "o08")}))
    code, out = validate(path)
    assert code == 2
    assert "tasks[0].headcount: task transfer-wed (strict) cannot be staffed" in out
    assert "needs 2 officers with skill transfer_escort on Wed 2026-03-04 09:00-13:00; 4 hold it, 1 free then" in out
    assert "o02 is on leave Wed 2026-03-04" in out
    lines = explained(path)
    assert lines[1].startswith("task transfer-wed (strict) needs 2 officers with skill transfer_escort on "
                               "Wed 2026-03-04 09:00-13:00; 4 hold it, 1 can come: o02 is on leave Wed 2026-03-04;")


def test_headcount_above_holders(tmp_path: Path) -> None:
    d = week(task={"headcount": 10}, escorts=("o01", "o02", "o03", "o04", "o06", "o08"))
    d["officers"][2].pop("unavailable")
    path = write(tmp_path, d)
    code, out = validate(path)
    assert code == 2
    assert "task transfer-wed (strict) cannot be staffed" in out
    assert "needs 10 officers with skill transfer_escort on Wed 2026-03-04 09:00-13:00; 6 hold it" in out
    assert explained(path)[1] == ("task transfer-wed (strict) needs 10 officers with skill transfer_escort on "
                                  "Wed 2026-03-04 09:00-13:00; 6 hold it")


def test_headcount_above_holders_not_strict_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, week(task={"headcount": 10, "strict": False}))
    code, out = validate(path)
    assert code == 0
    assert "warning" in out and "task transfer-wed will be short: 24 officer-hours unmet" in out


def test_two_tasks_a_day_from_the_only_two_escorts(tmp_path: Path) -> None:
    afternoon = {**TINY["tasks"][0], "id": "transfer-pm", "strict": True,
                 "windows": [{"days": ["wed"], "start": "15:00", "end": "19:00"}]}
    path = write(tmp_path, week(escorts=("o02", "o06"), more_tasks=[afternoon]))
    assert validate(path)[0] == 0  # each task alone can be staffed
    lines = explained(path)
    assert lines[0] == "why: these 2 cannot all be met (leave any one out and a roster exists)"
    assert lines[1] == (
        "task transfer-wed (strict) needs 2 officers with skill transfer_escort on Wed 2026-03-04 09:00-13:00; "
        "2 hold it, 0 can come: o02: one shift per day, also wanted for task transfer-pm on Wed 2026-03-04 "
        "15:00-19:00; o06: one shift per day, also wanted for task transfer-pm on Wed 2026-03-04 15:00-19:00")
    assert lines[2].startswith("task transfer-pm (strict) needs 2 officers with skill transfer_escort on "
                               "Wed 2026-03-04 15:00-19:00")


def test_min_rest_after_last_weeks_shift(tmp_path: Path) -> None:
    path = write(tmp_path, week(
        escorts=("o02", "o06"), task={"windows": [{"days": ["mon"], "start": "06:00", "end": "10:00"}]},
        shift_types=[{"id": "S4", "name": "Evening", "start": "18:00", "hours": 4}],
        officers={"o06": {"history": [{"date": "2026-03-01", "shift": "S4"}]}}))
    assert validate(path)[0] == 0
    assert explained(path)[1:] == [
        "task transfer-wed (strict) needs 2 officers with skill transfer_escort on Mon 2026-03-02 06:00-10:00; "
        "2 hold it, 1 can come: o06: rest after his shift ending Sun 2026-03-01 22:00 (11 h owed)"]


def test_weekly_hours_at_the_cap(tmp_path: Path) -> None:
    long_days = [{"date": f"2026-0{d}", "shift": "D12"} for d in ("2-26", "2-27", "2-28", "3-01")]
    path = write(tmp_path, week(
        escorts=("o02", "o06"), task={"windows": [{"days": ["mon"], "start": "09:00", "end": "13:00"}]},
        shift_types=[{"id": "D12", "name": "Long day", "start": "06:00", "hours": 12}],
        officers={"o06": {"history": long_days}}))
    assert validate(path)[0] == 0
    assert explained(path)[1:] == [
        "task transfer-wed (strict) needs 2 officers with skill transfer_escort on Mon 2026-03-02 09:00-13:00; "
        "2 hold it, 1 can come: o06: weekly hours at the cap (max_hours_per_7_days: 50 h in 7 days): 48 h already "
        "worked from Tue 2026-02-24 00:00 to Tue 2026-03-03 00:00 (history and fixed shifts), and this shift adds 8 h"]


def test_fixed_shift_shortened_by_the_spring_clock_change(tmp_path: Path) -> None:
    d = week(top={"horizon": {"start": "2026-03-23", "days": 7, "timezone": "Europe/Brussels"}},
             shift_types=[{"id": "X", "name": "Extra", "start": "23:00", "hours": 4}],
             officers={"o01": {"fixed": [{"date": "2026-03-28", "shift": "X"}]}})
    for o in d["officers"]:
        for key in ("unavailable", "requests", "history"):
            o.pop(key, None)
    path = write(tmp_path, d)
    code, out = validate(path)
    assert code == 2
    said = ("officer o01 is fixed on shift X (Extra) Sat 2026-03-28 23:00-03:00, which lasts 3 h (the clock change: "
            "4 h on the clock), less than a service (rule min_service: 4 h, hard)")
    assert "officers[0].fixed[0]: " + said in out
    assert explained(path)[1:] == [said.replace("officer o01 is fixed", "officer o01: fixed")]


@pytest.mark.parametrize("strict", [True, False])
def test_feasible_week_says_nothing(tmp_path: Path, strict: bool) -> None:
    code, out = validate(write(tmp_path, week(task={"strict": strict})))
    assert code == 0 and "warning" not in out
