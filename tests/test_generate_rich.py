"""`scheduler generate --rich`: small zones with a scarce skill, strict tasks on scarce skills,
part-day absences, HyCap requests and clock-change weeks; always solvable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.generate import generate, write_scenario
from scheduler.measures import compute_measures
from scheduler.problem import build_problem
from scheduler.scenario.load import load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import solve

SATURDAY = 5


def _data(officers: int, seed: int) -> dict:
    return yaml.safe_load(generate(officers, 1, 7, seed, rich=True))


def _away(officer: dict, day: dt.date) -> bool:
    for u in officer.get("unavailable", []):
        a, b = u["start"], u.get("end", u["start"])
        a, b = (x.date() if isinstance(x, dt.datetime) else x for x in (a, b))
        if a <= day <= b:
            return True
    return False


@pytest.mark.parametrize("seed", range(6))
def test_strict_tasks_on_scarce_skills_keep_a_spare_holder(seed: int) -> None:
    data = _data(15 + 9 * seed, seed)
    start = data["horizon"]["start"]
    tasks = {t["id"]: t for t in data["tasks"]}
    dogs = [o for o in data["officers"] if "dog_handler" in o["skills"]]
    assert len(dogs) in (2, 3)  # scarce: two or three holders, no more
    sweep, escort = tasks["dog-sweep"], tasks["escort-high-risk"]
    assert sweep["strict"] and escort["strict"] and sweep["skills"] == ["dog_handler"]
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    escorts = [o for o in data["officers"] if "transfer_escort" in o["skills"]]
    first = start + dt.timedelta(days=names.index(sweep["windows"][0]["days"][0]))
    for task, holders, spare in ((sweep, dogs, 2), (escort, escorts, 3)):
        days = task["windows"][0]["days"]
        assert "mon" not in days  # last week's nights leave Monday mornings short of rested holders
        for name in days:
            day = start + dt.timedelta(days=names.index(name))
            free = sum(not _away(o, day) for o in holders)
            # The first sweep day: one handler has a part-day absence, another is free all day.
            wanted = min(len(holders), spare) - (task is sweep and day == first)
            assert free >= max(1, wanted), (task["id"], name)
    squeezed = [o["id"] for o in dogs for u in o.get("unavailable", [])
                if isinstance(u["start"], dt.datetime) and u["start"].date() == first]
    assert len(squeezed) == 1
    assert any(t.get("host_zone") for t in data["tasks"] if t["id"] == "hycap-summit")


@pytest.mark.parametrize(("seed", "night_minutes"), [(0, 480), (1, 420), (2, 540)])
def test_seed_picks_a_plain_or_a_clock_change_week(tmp_path: Path, seed: int, night_minutes: int) -> None:
    path = tmp_path / "rich.yaml"
    write_scenario(path, 20, seed=seed, rich=True)
    problem = build_problem(load_scenario(path))
    n = next(s.index for s in problem.shift_types if s.id == "N")
    # Saturday's night: 8 h, 7 h when the clocks go forward (2026-03-29), 9 h when they go back (2026-10-25).
    assert problem.instance_of(SATURDAY, n).minutes == night_minutes
    # Part-day absences keep their times: an officer away 08:00-12:00 still has the day's other hours.
    assert any(isinstance(u.start, dt.datetime) for o in load_scenario(path).scenario.officers for u in o.unavailable)


def test_small_rich_week_solves_with_strict_tasks_staffed(tmp_path: Path) -> None:
    path = tmp_path / "rich.yaml"
    write_scenario(path, 15, seed=1, rich=True)  # the smallest size, on the spring clock change
    problem = build_problem(load_scenario(path))
    roster = solve(problem, SolverSettings(time_limit=10, workers=2, seed=0))
    assert roster.info.status in ("OPTIMAL", "FEASIBLE")
    assert check_roster(problem, roster.assignments).hard_violations == []
    strict = {d.index for d in problem.duties if d.strict}
    assert strict  # the dog sweep and the high-risk escort
    # Mandatory work fits: three escorts kept free on the escort's day cover it and the court transfer.
    assert compute_measures(problem, roster.assignments)["unmet_mandatory_officer_hours"] == 0
    worked = {a.duty for a in roster.assignments if a.duty in {problem.duties[i].id for i in strict}}
    assert worked == {problem.duties[i].id for i in strict}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    assert generate(30, 1, 7, 4, rich=True) == generate(30, 1, 7, 4, rich=True)
    assert generate(30, 1, 7, 4, rich=True) != generate(30, 1, 7, 4)


@pytest.mark.parametrize(("args", "message"), [
    (["--officers", "100"], "a rich week is one zone of 15 to 60 officers, got 100 in 1"),
    (["--officers", "40", "--zones", "2"], "a rich week is one zone of 15 to 60 officers, got 40 in 2"),
    (["--officers", "20", "--days", "1"], "a rich week needs a Tuesday to Friday in its horizon"),
])
def test_cli_refuses_what_is_not_a_rich_week(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "x.yaml"
    result = CliRunner().invoke(main, ["generate", "--rich", *args, "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()
