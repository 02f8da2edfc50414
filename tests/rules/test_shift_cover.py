"""shift_cover: officers on response per shift and day; under_weight per officer short, over_weight per extra.

D 08:00-16:00, one day, cover count 1. Weights are points per officer (count terms); the default
under_weight is weights.response_shortfall x shift hours = 1000 x 8 = 8000.
"""

from __future__ import annotations

import pytest

from scheduler.roster import Assignment

from .conftest import build, check, date, dont, officer, run, scenario, want


def cover(requests: tuple[dict, dict], **cover_fields) -> dict:
    demand = {"shift_cover": [{"days": ["mon"], "shift": "D", "count": 1, **cover_fields}]}
    officers = [officer("a", requests=[requests[0]]), officer("b", requests=[requests[1]])]
    return scenario(officers, days=1, demand=demand, weights={"response_shortfall": 1000})


DONT = (dont(0, weight=10), dont(0, weight=11))
WANT = (want(0, "D", 11), want(0, "D", 10))


@pytest.mark.parametrize(("under", "assignments", "penalties"), [
    (7, [], {"cover_under": 7}),  # 7 < 10: nobody works
    (20, [Assignment("a", 0, "D", "response")], {"requests": 10}),  # 20 > 10: a works
], ids=["under_weight_7_left_short", "under_weight_20_covered"])
def test_shift_cover_under_weight(under, assignments, penalties):
    problem, roster = run(cover(DONT, under_weight=under))
    assert roster.assignments == assignments
    assert roster.info.penalties == pytest.approx(penalties)


def test_shift_cover_default_under_weight_is_response_shortfall_times_hours():
    # a on leave, b's 'don't' (11) outweighed by 8000: b works, 11.
    d = cover(DONT)
    d["officers"][0]["unavailable"] = [{"start": date(0)}]
    problem, roster = run(d)
    assert roster.assignments == [Assignment("b", 0, "D", "response")]
    assert roster.info.objective == pytest.approx(11)
    assert build(d).cover_needs[0].under_weight == 8000 * 60


@pytest.mark.parametrize(("over", "assignments", "penalties"), [
    (0, ["a", "b"], {}),  # extra officers welcome
    (5, ["a", "b"], {"cover_over": 5}),  # 5 < 10: both work, one above
    (20, ["a"], {"requests": 10}),  # 20 > 10: b (10) stays home
], ids=["over_weight_0", "over_weight_5", "over_weight_20"])
def test_shift_cover_over_weight(over, assignments, penalties):
    problem, roster = run(cover(WANT, over_weight=over, under_weight=1000))
    assert [a.officer for a in roster.assignments] == assignments
    assert roster.info.penalties == pytest.approx(penalties)


def test_checker_shift_cover_under_and_over_on_hand_built_roster():
    problem = build(cover(WANT, under_weight=7, over_weight=5))
    both = check(problem, [Assignment("a", 0, "D", "response"), Assignment("b", 0, "D", "response")])
    assert both.violations == []
    assert both.penalties == {"cover_over": 5}
    assert check(problem, []).penalties == {"cover_under": 7, "requests": 21}
