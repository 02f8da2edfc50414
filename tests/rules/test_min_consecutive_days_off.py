"""min_consecutive_days_off: every block of days off lasts at least `days`; same borders as working days.

Days before the horizon that the history does not list are off. D 08:00-16:00, five days.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, dont, found, history, officer, pattern, roster_of, run, scenario, want


def one_day_off(rule: dict | None, weights: tuple[int, int, int, int] = (100, 150, 100, 100)) -> dict:
    """Wanted: D on Mon, Tue, Thu, Fri (weights); Wednesday 'don't' (1000)."""
    requests = [want(d, "D", w) for d, w in zip((0, 1, 3, 4), weights, strict=True)] + [dont(2, weight=1000)]
    return scenario([officer("a", requests=requests)], days=5,
                    rules={"min_consecutive_days_off": rule} if rule is not None else None, weights=WORK_COSTS)


def test_min_consecutive_days_off_2_extends_isolated_day_off():
    # Wednesday alone off is too short: also off Thursday (100, cheaper than Tuesday's 150): 24 + 100.
    problem, roster = run(one_day_off({"days": 2}))
    assert pattern(problem, roster) == {"a": "DD--D"}
    assert roster.info.objective == pytest.approx(124)


def test_min_consecutive_days_off_rule_off_allows_isolated_day_off():
    problem, roster = run(one_day_off(None))
    assert pattern(problem, roster) == {"a": "DD-DD"}
    assert roster.info.objective == pytest.approx(32)


def test_min_consecutive_days_off_soft_costs_weight_per_missing_day():
    # Soft, weight 10: DD-DD (32) plus one day missing from Wednesday's block: 42.
    problem, roster = run(one_day_off({"mode": "soft", "weight": 10, "days": 2}))
    assert pattern(problem, roster) == {"a": "DD-DD"}
    assert roster.info.penalties["min_consecutive_days_off"] == pytest.approx(10)
    assert roster.info.objective == pytest.approx(42)


def monday_off(exempt: bool, worked_sunday: bool) -> dict:
    """Monday 'don't' (1000), Tue..Fri wanted (100); Sunday before worked or not."""
    requests = [dont(0, weight=1000)] + [want(d, "D", 100) for d in range(1, 5)]
    hist = history((-1, "D")) if worked_sunday else []
    return scenario([officer("a", requests=requests, history=hist)], days=5,
                    rules={"min_consecutive_days_off": {"days": 2, "exempt_at_start": exempt}}, weights=WORK_COSTS)


@pytest.mark.parametrize(
    ("exempt", "worked_sunday", "expected", "objective"),
    [
        (True, True, "-DDDD", 32),  # a block of days off starting on day 0 is exempt
        (False, True, "--DDD", 124),  # judged: Monday alone after a worked Sunday; Tuesday added (100)
        (False, False, "-DDDD", 32),  # no history: Sunday was off, the block started before day 0
    ],
    ids=["exempt_at_start", "judged_after_worked_sunday", "judged_history_off"],
)
def test_min_consecutive_days_off_block_starting_on_day_0(exempt, worked_sunday, expected, objective):
    problem, roster = run(monday_off(exempt, worked_sunday))
    assert pattern(problem, roster) == {"a": expected}
    assert roster.info.objective == pytest.approx(objective)


def test_checker_min_consecutive_days_off_isolated_day_off():
    problem = build(one_day_off({"days": 2}))
    result = check(problem, roster_of({"a": "DD-DD"}))
    assert found(result, "min_consecutive_days_off") == [("a", 2, 1)]
    assert result.hard_violations == result.violations


def test_checker_min_consecutive_days_off_judged_after_history():
    problem = build(monday_off(exempt=False, worked_sunday=True))
    result = check(problem, roster_of({"a": "-DDDD"}))
    assert found(result, "min_consecutive_days_off") == [("a", 0, 1)]
