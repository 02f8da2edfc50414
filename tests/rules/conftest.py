"""Helpers for the rule tests: tiny scenarios built in Python, loaded like a YAML file, solved, checked.

Every scenario starts from nothing: no rule pack, every rule `off`, every objective weight 0 except
`requests` (1 point per unit of a request's own weight). A test names the rules it checks (a rule
named without a `mode` is `hard`) and the weights it needs, so its hand calculation has no other
terms. Officers have `contract_hours: 0`, so with `weights=WORK_COSTS` (overtime 1 point per hour)
every hour worked costs 1 point: work nobody asked for is never free and the optimum is unique.

`solve_checked` solves and then asserts what must hold for every solved roster: status OPTIMAL, no
hard violation found by the independent checker, and the checker's objective and penalties equal to
the solver's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from scheduler.check import CheckResult, check_roster
from scheduler.problem import Problem, build_problem
from scheduler.roster import Assignment, Roster
from scheduler.scenario.load import load_source
from scheduler.scenario.rules import RULE_IDS
from scheduler.scenario.schema import SolverSettings, Weights
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve import solve

START = dt.date(2026, 3, 2)  # a Monday
SETTINGS = SolverSettings(time_limit=10, workers=2)
WORK_COSTS = {"overtime": 1}  # with contract_hours 0: 1 point per hour worked


def date(day: int) -> dt.date:
    return START + dt.timedelta(days=day)


def officer(oid: str, **fields: Any) -> dict[str, Any]:
    return {"id": oid, "contract_hours": 0, **fields}


def want(day: int, shift: str | None = None, weight: int = 1) -> dict[str, Any]:
    """A request to work (`shift` on) `day`."""
    return _request(day, shift, True, weight)


def dont(day: int, shift: str | None = None, weight: int = 1) -> dict[str, Any]:
    """A request not to work (`shift` on) `day`."""
    return _request(day, shift, False, weight)


def _request(day: int, shift: str | None, wanted: bool, weight: int) -> dict[str, Any]:
    out: dict[str, Any] = {"date": date(day), "want": wanted, "weight": weight}
    if shift is not None:
        out["shift"] = shift
    return out


def history(*shifts: tuple[int, str]) -> list[dict[str, Any]]:
    """History shifts as (day, shift): day -1 is the Sunday before the horizon."""
    return [{"date": date(day), "shift": shift} for day, shift in shifts]


def scenario(
    officers: list[dict[str, Any]],
    shifts: dict[str, tuple[str, float]] | None = None,
    days: int = 7,
    rules: dict[str, dict[str, Any]] | None = None,
    weights: dict[str, int] | None = None,
    timezone: str = "Europe/Brussels",
    **extra: Any,
) -> dict[str, Any]:
    """A scenario dict; `shifts` maps a one-letter id to (start, hours); `extra` adds top-level keys."""
    shifts = shifts if shifts is not None else {"D": ("08:00", 8)}
    rule_settings: dict[str, Any] = {"pack": None, **{r: {"mode": "off"} for r in RULE_IDS}}
    for name, params in (rules or {}).items():
        rule_settings[name] = {"mode": "hard", **params} if name in RULE_IDS else params
    all_weights = {name: 0 for name in Weights.model_fields} | {"requests": 1} | (weights or {})
    return {
        "name": "rule test",
        "zone": "zone",
        "horizon": {"start": START, "days": days, "timezone": timezone},
        "shift_types": [{"id": s, "start": start, "hours": hours} for s, (start, hours) in shifts.items()],
        "officers": officers,
        "rules": rule_settings,
        "objective": {"weights": all_weights},
        **extra,
    }


def build(d: dict[str, Any]) -> Problem:
    """Load the dict exactly as a scenario file is loaded (strict YAML, schema, references), then build."""
    loaded = load_source(YamlSource(yaml.safe_dump(d, sort_keys=False), "test.yaml"))
    return build_problem(loaded)


def solve_checked(problem: Problem) -> Roster:
    roster = solve(problem, SETTINGS)
    assert roster.info.status == "OPTIMAL", roster.info
    result = check_roster(problem, roster.assignments)
    assert result.hard_violations == []
    assert result.objective == pytest.approx(roster.info.objective, abs=1e-6)
    assert result.penalties == pytest.approx(roster.info.penalties, abs=1e-6)
    return roster


def run(d: dict[str, Any]) -> tuple[Problem, Roster]:
    problem = build(d)
    return problem, solve_checked(problem)


def pattern(problem: Problem, roster: Roster) -> dict[str, str]:
    """Officer -> one character per day: the shift id worked, '-' for a day off."""
    out = {o.id: ["-"] * problem.days for o in problem.officers}
    for a in roster.assignments:
        assert out[a.officer][a.day] == "-", f"two shifts on one day: {a}"
        out[a.officer][a.day] = a.shift
    return {o: "".join(days) for o, days in out.items()}


def roster_of(patterns: dict[str, str], duty: str = "response") -> list[Assignment]:
    """A hand-built roster from officer -> one character per day (see `pattern`)."""
    return [
        Assignment(o, day, shift, duty)
        for o, days in patterns.items()
        for day, shift in enumerate(days)
        if shift != "-"
    ]


def check(problem: Problem, assignments: list[Assignment]) -> CheckResult:
    return check_roster(problem, assignments)


def found(result: CheckResult, rule: str) -> list[tuple[str | None, int | None, float]]:
    """(officer, day, amount) of each violation of `rule`, in the checker's order."""
    return [(v.officer, v.day, v.amount) for v in result.violations if v.rule == rule]
