"""skills (structural, always hard): a duty is done only by officers holding all its skills and serving its zone.

D 08:00-16:00, one day. Task 'escort' Monday 09:00-13:00, headcount 1, weight 10 per officer-hour
short (4 h short = 40 points). Every hour worked costs 1 point.
"""

from __future__ import annotations

import pytest

from scheduler.roster import Assignment

from .conftest import WORK_COSTS, build, check, found, officer, run, scenario, want

ESCORT = {"id": "escort", "kind": "prisoner_transfer", "windows": [{"days": ["mon"], "start": "09:00", "end": "13:00"}],
          "headcount": 1, "priority": "mandatory", "weight": 10}


def escort_scenario(task_skills: list[str]) -> dict:
    # a (no skills) wants to work (100); b holds 'driver' and asked for nothing.
    return scenario(
        [officer("a", requests=[want(0, "D", 100)]), officer("b", skills=["driver"])],
        days=1, skills=["driver"], tasks=[{**ESCORT, "skills": task_skills}], weights=WORK_COSTS,
    )


def test_skills_task_needs_driver():
    # a cannot escort; b works (8) rather than leave the escort 4 h short (40). a on response: 16.
    problem, roster = run(escort_scenario(["driver"]))
    assert roster.assignments == [Assignment("a", 0, "D", "response"), Assignment("b", 0, "D", "escort")]
    assert roster.info.objective == pytest.approx(16)


def test_skills_task_without_skills_done_by_anyone():
    # a does the escort; b stays home: 8.
    problem, roster = run(escort_scenario([]))
    assert roster.assignments == [Assignment("a", 0, "D", "escort")]
    assert roster.info.objective == pytest.approx(8)


def zone_scenario() -> dict:
    # Hotspot in zone 'north': only b (zone north) may patrol it; response is the scenario zone's duty.
    hotspot = {"id": "square", "zone": "north", "targets": [{"days": ["mon"], "start": "08:00", "end": "16:00",
                                                             "officers": 1}]}
    return scenario([officer("a", requests=[want(0, "D", 100)]), officer("b", zone="north")], days=1,
                    hotspots=[hotspot], weights={**WORK_COSTS, "hotspot_shortfall": 10})


def test_skills_hotspot_only_for_officers_of_its_zone():
    # b on the hotspot (8) rather than 8 h short x 10 = 80; a on response: 16.
    problem, roster = run(zone_scenario())
    assert roster.assignments == [Assignment("a", 0, "D", "response"), Assignment("b", 0, "D", "square")]
    assert roster.info.objective == pytest.approx(16)


def test_skills_officer_of_another_zone_does_not_work_response():
    # b serves zone 'north' and there is no hotspot or task: b has no duty here, so the wish to work
    # (100) cannot be granted, although the solver would gain by it. a works: 8 + 100 = 108.
    d = scenario([officer("a", requests=[want(0, "D", 100)]), officer("b", zone="north", requests=[want(0, "D", 100)])],
                 days=1, weights=WORK_COSTS)
    problem, roster = run(d)
    assert roster.assignments == [Assignment("a", 0, "D", "response")]
    assert roster.info.objective == pytest.approx(108)


def test_checker_skills_violation_missing_skill():
    problem = build(escort_scenario(["driver"]))
    result = check(problem, [Assignment("a", 0, "D", "escort")])
    assert found(result, "skills") == [("a", 0, 1)]
    assert result.hard_violations == result.violations


def test_checker_skills_violation_other_zone():
    problem = build(zone_scenario())
    result = check(problem, [Assignment("a", 0, "D", "square"), Assignment("b", 0, "D", "response")])
    assert found(result, "skills") == [("a", 0, 1), ("b", 0, 1)]
