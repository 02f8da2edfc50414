"""requests: `want` costs its weight x weights.requests when not granted; not `want` when worked.

E 06:00-14:00, L 14:00-22:00, one day.
"""

from __future__ import annotations

import pytest

from scheduler.roster import Assignment

from .conftest import WORK_COSTS, build, check, date, dont, officer, pattern, run, scenario, want

E_L = {"E": ("06:00", 8), "L": ("14:00", 8)}


@pytest.mark.parametrize(("multiplier", "expected", "objective"), [(3, "L", 8), (1, "-", 5)],
                         ids=["multiplier_3_granted", "multiplier_1_not_worth_8h"])
def test_requests_weight_times_multiplier_against_work_cost(multiplier, expected, objective):
    # L asked with weight 5: x 3 = 15 > 8 points of work: granted (8); x 1 = 5 < 8: refused (5).
    d = scenario([officer("a", requests=[want(0, "L", 5)])], shifts=E_L, days=1,
                 weights={**WORK_COSTS, "requests": multiplier})
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": expected}
    assert roster.info.objective == pytest.approx(objective)


@pytest.mark.parametrize(
    ("wish", "points"),
    [
        (want(0, None, 5), 0),  # any shift: E grants it
        (want(0, "L", 5), 15),  # L wanted, E worked: 5 x 3
        (dont(0, "L", 5), 0),  # L not wanted, E worked: granted
        (dont(0, None, 5), 15),  # no work wanted, E worked: 5 x 3
    ],
    ids=["want_any_granted_by_E", "want_L_not_granted_by_E", "dont_L_granted_by_E", "dont_any_broken_by_E"],
)
def test_requests_with_fixed_early(wish, points):
    d = scenario([officer("a", requests=[wish], fixed=[{"date": date(0), "shift": "E"}])], shifts=E_L, days=1,
                 weights={"requests": 3})
    problem, roster = run(d)
    assert pattern(problem, roster) == {"a": "E"}
    assert roster.info.penalties.get("requests", 0) == pytest.approx(points)
    assert roster.info.objective == pytest.approx(points)


def test_checker_requests_penalty_on_hand_built_roster():
    # Three requests on a roster with E Monday: want L (2) broken, don't E (4) broken, want E (1) kept.
    # (2 + 4) x 3 = 18 points; a request is a cost, not a violation.
    d = scenario([officer("a", requests=[want(0, "L", 2), dont(0, "E", 4), want(0, "E", 1)])], shifts=E_L, days=1,
                 weights={"requests": 3})
    result = check(build(d), [Assignment("a", 0, "E", "response")])
    assert result.violations == []
    assert result.penalties == {"requests": 18}
