"""response windows: officers on emergency response per slot, by skill; 1000 points per officer-hour short.

D 08:00-16:00, one day. a holds 'driver', b holds nothing; 'don't' requests a 2, b 1.
"""

from __future__ import annotations

import pytest

from scheduler.roster import Assignment

from .conftest import build, check, dont, officer, run, scenario


def response(skill: str | None, start: str = "08:00", end: str = "16:00", driver: bool = True) -> dict:
    window = {"days": ["all"], "start": start, "end": end, "count": 1}
    if skill:
        window["skill"] = skill
    officers = [officer("a", skills=["driver"] if driver else [], requests=[dont(0, weight=2)]),
                officer("b", requests=[dont(0, weight=1)])]
    return scenario(officers, days=1, skills=["driver"], demand={"windows": [window]},
                    weights={"response_shortfall": 1000})


def test_response_window_with_skill_needs_the_driver():
    # Only a counts for the driver window: a works, 2 points.
    problem, roster = run(response("driver"))
    assert roster.assignments == [Assignment("a", 0, "D", "response")]
    assert roster.info.objective == pytest.approx(2)


def test_response_window_without_skill_takes_anyone():
    # Anyone counts: b (1) rather than a (2).
    problem, roster = run(response(None))
    assert roster.assignments == [Assignment("b", 0, "D", "response")]
    assert roster.info.objective == pytest.approx(1)


def test_response_shortfall_when_nobody_holds_the_skill():
    # No driver: 8 h x 1 officer x 1000 = 8000; b's working would not help.
    problem, roster = run(response("driver", driver=False))
    assert roster.assignments == []
    assert roster.info.penalties == pytest.approx({"response_shortfall": 8000})


def test_response_shortfall_outside_the_shift():
    # Window 06:00-10:00: D covers 08-10, 06-08 stays short: 2 h x 1000 = 2000, plus b's request 1.
    problem, roster = run(response(None, start="06:00", end="10:00"))
    assert roster.assignments == [Assignment("b", 0, "D", "response")]
    assert roster.info.penalties == pytest.approx({"response_shortfall": 2000, "requests": 1})


def test_checker_response_shortfall_on_hand_built_roster():
    # b (no driver) on response does not count for the driver window: 8000.
    problem = build(response("driver"))
    result = check(problem, [Assignment("b", 0, "D", "response")])
    assert result.violations == []
    assert result.penalties == {"response_shortfall": 8000, "requests": 1}
    assert check(problem, [Assignment("a", 0, "D", "response")]).penalties == {"requests": 2}
