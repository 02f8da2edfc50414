"""Needs before the horizon's first shift, under last week's shifts, are not counted (with a warning)."""

from __future__ import annotations

import yaml

from scheduler.problem import build_problem
from scheduler.scenario.load import load_source
from scheduler.scenario.yaml_source import YamlSource


def scenario(shifts: list[dict]) -> dict:
    return {
        "horizon": {"start": "2026-03-02", "days": 1, "timezone": "UTC"},
        "rules": {"pack": None},
        "skills": [],
        "shift_types": shifts,
        "officers": [{"id": "a"}],
        "tasks": [{"id": "site", "kind": "protected_site", "headcount": 2,
                   "windows": [{"days": ["all"], "start": "00:00", "end": "24:00"}]}],
    }


def load(d: dict):
    loaded = load_source(YamlSource(yaml.safe_dump(d), "zone.yaml"))
    return loaded, build_problem(loaded)


def test_slots_under_last_weeks_night_shift_are_not_counted():
    # E 06:00-14:00 and N 22:00-06:00: Sunday's N covers Monday 00:00-06:00, so the site's need
    # starts at slot 6 (06:00) and runs to slot 23: 18 slots of 2 officers.
    loaded, problem = load(scenario([{"id": "E", "start": "06:00", "hours": 8}, {"id": "N", "start": "22:00", "hours": 8}]))
    site = problem.duties[problem.duty_index("site")]
    assert sorted(site.need) == list(range(6, 24))
    assert loaded.warnings == [
        "zone.yaml: task 'site': 360 min of its windows fall where no shift of this horizon can work "
        "(before its first shift, under last week's shifts); they are not counted"
    ]


def test_slots_no_shift_ever_covers_are_counted():
    # Only E 06:00-14:00: nothing from last week reaches Monday 00:00-06:00, so all 24 slots count.
    loaded, problem = load(scenario([{"id": "E", "start": "06:00", "hours": 8}]))
    assert sorted(problem.duties[problem.duty_index("site")].need) == list(range(24))
    assert loaded.warnings == []
