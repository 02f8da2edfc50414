"""duty_surplus (structural, always hard): a shift puts no more officers on a task or hotspot than it
wants in any one of the shift's slots.

D 08:00-16:00, one day; task 'escort' Monday 09:00-13:00, headcount 1, weight 10 per officer-hour short.
Officers a (no skills) and b (driver), both fixed to work D: a shift cover of D counts the officers on
response (count 0, 5 points per officer above it), a second one counts drivers (count 0, free), which
puts a and b in different officer classes. Each class alone may put at most one officer on the escort;
only the cap over the classes together keeps the second officer off it.
"""

from __future__ import annotations

import pytest

from scheduler.roster import Assignment

from .conftest import build, check, found, officer, run, scenario

ESCORT = {"id": "escort", "kind": "prisoner_transfer", "windows": [{"days": ["mon"], "start": "09:00", "end": "13:00"}],
          "headcount": 1, "weight": 10}
FIXED_D = [{"date": "2026-03-02", "shift": "D"}]
COVER = {"shift_cover": [{"days": ["mon"], "shift": "D", "count": 0, "over_weight": 5},
                         {"days": ["mon"], "shift": "D", "skill": "driver", "count": 0}]}


def escort_scenario(headcount: int = 1) -> dict:
    officers = [officer("a", fixed=FIXED_D), officer("b", skills=["driver"], fixed=FIXED_D)]
    return scenario(officers, days=1, skills=["driver"], tasks=[{**ESCORT, "headcount": headcount}], demand=COVER)


def test_model_second_officer_stays_on_response():
    # One escort (0 short), the other officer on response, 1 above the cover of 0: 5 points. Both on the
    # escort would cost 0, but the second one covers nothing there.
    problem, roster = run(escort_scenario())
    assert sorted(a.duty for a in roster.assignments) == ["escort", "response"]
    assert roster.info.penalties == pytest.approx({"cover_over": 5})


def test_model_both_on_the_escort_when_it_wants_two():
    problem, roster = run(escort_scenario(headcount=2))
    assert sorted(a.duty for a in roster.assignments) == ["escort", "escort"]
    assert roster.info.objective == pytest.approx(0)


def test_checker_two_officers_on_a_duty_wanting_one():
    result = check(build(escort_scenario()), [Assignment("a", 0, "D", "escort"), Assignment("b", 0, "D", "escort")])
    assert found(result, "duty_surplus") == [(None, 0, 1)]
    assert [v.message for v in result.violations] == [
        "2 officers (a, b) on duty 'escort' on shift D 08:00-16:00, at most 1 wanted in its slots"]
    assert result.hard_violations == result.violations
    assert result.penalties == {}


def test_checker_as_many_as_wanted_is_no_surplus():
    result = check(build(escort_scenario(headcount=2)),
                   [Assignment("a", 0, "D", "escort"), Assignment("b", 0, "D", "escort")])
    assert result.violations == []


def test_officers_fixed_to_the_duty_stay_on_it():
    # Both held to the escort (as a repair holds the published duties of shifts already worked, after the
    # headcount fell to 1): the cap is the two fixed officers, not the need; both escort, 0 points (the
    # cover counts response officers only), and the checker sees no surplus.
    fixed = [{"date": "2026-03-02", "shift": "D", "duty": "escort"}]
    officers = [officer("a", fixed=fixed), officer("b", skills=["driver"], fixed=fixed)]
    problem, roster = run(scenario(officers, days=1, skills=["driver"], tasks=[ESCORT], demand=COVER))
    assert sorted(a.duty for a in roster.assignments) == ["escort", "escort"]
    assert roster.info.objective == pytest.approx(0)
    assert check(problem, roster.assignments).violations == []
