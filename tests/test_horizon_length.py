"""Six weeks of the tiny zone get a legal roster with one worker (decomposed), seven weeks too (rolled)."""

from __future__ import annotations

from pathlib import Path

from scheduler.check import check_roster
from scheduler.problem import build_problem
from scheduler.scenario.load import load_source
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve import solve

TINY = Path(__file__).resolve().parent.parent / "examples" / "tiny" / "zone.yaml"


def test_six_weeks_of_the_tiny_zone_with_one_worker() -> None:
    text = TINY.read_text(encoding="utf-8")
    assert "\n  days: 7\n" in text
    loaded = load_source(YamlSource(text.replace("\n  days: 7\n", "\n  days: 42\n"), "tiny-42-days"), None)
    problem = build_problem(loaded)
    assert problem.days == 42
    # 10 officers x 42 days is above the full model's 280 officer-days: decomposed, whose greedy first
    # roster exists in under a second (the full model alone, one worker: none after 10 s).
    settings = loaded.scenario.solver.model_copy(update={"time_limit": 5.0, "workers": 1, "seed": 0})
    lines: list[str] = []
    roster = solve(problem, settings, log_callback=lines.append)
    assert any(line.startswith("[decomposed]") for line in lines)
    assert roster.info.status in ("OPTIMAL", "FEASIBLE")
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == []
    assert abs(result.objective - roster.info.objective) < 1e-6
    # Every week is rostered, the sixth too.
    assert {a.day // 7 for a in roster.assignments} == set(range(6))


def test_seven_weeks_of_the_tiny_zone_are_rolled() -> None:
    # Above 42 days (the longest horizon the whole-horizon strategies were measured on) the horizon is
    # rolled: windows of 14 days (+7 ahead), the days before each fixed; one legal roster over all 49.
    text = TINY.read_text(encoding="utf-8")
    loaded = load_source(YamlSource(text.replace("\n  days: 7\n", "\n  days: 49\n"), "tiny-49-days"), None)
    problem = build_problem(loaded)
    settings = loaded.scenario.solver.model_copy(update={"time_limit": 5.0, "workers": 1, "seed": 0})
    lines: list[str] = []
    roster = solve(problem, settings, log_callback=lines.append)
    assert any(line.startswith("[rolling]") for line in lines)
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == [] and abs(result.objective - roster.info.objective) < 1e-6
    assert {a.day // 7 for a in roster.assignments} == set(range(7))
