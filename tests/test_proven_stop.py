"""A roster at its proven bound ends the search: the weekly patterns' bound on the objective's unit grid,
the stop at the bound or within the settings' relative gap, and a campaign week's gap."""

from __future__ import annotations

import pytest

from scheduler.model.penalties import POINT
from scheduler.solve.interrupt import within
from scheduler.solve.pattern_bound import on_grid


def test_a_bound_a_float_error_below_a_unit_is_that_unit() -> None:
    # brussels-south's first campaign week: the patterns' bound summed to 9,660,107.99999992 internal
    # units, its roster 9,660,108 (161,001.80 points): proven optimal, no longer "FEASIBLE, 0.00 %".
    assert on_grid(9_660_107.99999992) == 9_660_108 / POINT == 161_001.8


def test_a_bound_between_two_units_rises_to_the_next() -> None:
    # No roster's objective lies between two whole units: 107.5 proves 108.
    assert on_grid(9_660_107.5) == 9_660_108 / POINT


def test_a_bound_on_a_unit_or_within_the_slack_above_it_stays_there() -> None:
    assert on_grid(9_660_108.0) == 9_660_108 / POINT
    # 0.0005 above a unit is within the float slack (0.001): it is not raised to the next unit.
    assert on_grid(9_660_108.0005) == 9_660_108 / POINT


@pytest.mark.parametrize(("objective", "floor", "gap", "done"), [
    (161_001.8, 161_001.8, 0.0, True),  # at the bound
    (161_001.8 + 1 / POINT, 161_001.8, 0.0, False),  # one unit above it, no gap asked
    (100.5, 100.0, 0.005, True),  # 0.5 / 100.5 = 0.4975 % <= 0.5 %
    (100.6, 100.0, 0.005, False),  # 0.6 / 100.6 = 0.596 %
    (100.0, float("-inf"), 0.5, False),  # no bound known: never done
])
def test_within_the_gap_of_the_floor(objective: float, floor: float, gap: float, done: bool) -> None:
    assert within(objective, floor, gap) is done
