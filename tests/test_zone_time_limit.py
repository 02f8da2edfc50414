"""A region solved zone by zone keeps the command's time limit: each zone's limit is what is left of its
share by the clock, so the region ends within the limit plus the zones' own overrun."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from scheduler.roster import Roster, SolveInfo
from scheduler.scenario.schema import SolverSettings
from scheduler.solve import zones as zone_split
from scheduler.solve.budget import RETRY_MIN_SECONDS

ROOT = Path(__file__).resolve().parent.parent
OVERRUN = 0.5  # seconds each fake zone solve runs past its limit (model building, the final check)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def perf_counter(self) -> float:
        return self.now


def _zones(sizes: list[int]) -> list:
    return [SimpleNamespace(zone=f"z{k}", officers=[None] * n) for k, n in enumerate(sizes)]


def _run(monkeypatch: pytest.MonkeyPatch, sizes: list[int], limit: float, rostered: set[int] | None = None,
         deterministic: bool = False) -> tuple[list[tuple[str, float]], float, Roster]:
    """Zones of `sizes` officers solved by a fake that uses its whole limit plus OVERRUN; those not in
    `rostered` end without a roster. The limits given, in order, the clock at the end, the roster."""
    clock = FakeClock()
    monkeypatch.setattr(zone_split, "time", clock)
    given: list[tuple[str, float]] = []

    def solve_one(part, settings, progress, log, diagnose):  # noqa: ANN001, ANN202
        given.append((part.zone, settings.time_limit))
        clock.now += settings.time_limit + OVERRUN
        ok = rostered is None or int(part.zone[1:]) in rostered
        info = SolveInfo(status="FEASIBLE" if ok else "UNKNOWN", objective=1.0 if ok else None,
                         best_bound=0.0 if ok else None)
        return Roster([], info)

    settings = SolverSettings(time_limit=limit, deterministic=deterministic)
    roster = zone_split.solve_by_zone(SimpleNamespace(), _zones(sizes), settings, solve_one, None, None, False)
    return given, clock.now, roster


def test_six_zones_in_twenty_seconds_end_near_twenty(monkeypatch: pytest.MonkeyPatch) -> None:
    # The shipped region's zone sizes. With a 15 s minimum per zone (the tested first-roster time of a
    # 1,000-officer zone) added on top, this took 6 x 15.5 = 93 s; the minimum is now at most half an
    # equal share, 20/12 s.
    given, end, roster = _run(monkeypatch, [450, 400, 330, 290, 180, 160], 20.0)
    assert roster.info.status == "FEASIBLE"
    assert len(given) == 6
    assert end <= 20.0 + 6 * OVERRUN


def test_a_long_limit_gives_every_zone_its_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    given, end, _ = _run(monkeypatch, [1000, 50], 120.0)
    # 50/1050 of 120 s is 5.7 s, below the 15 s minimum: the small zone gets 15 s, the large 105 s.
    assert given[0] == ("z0", pytest.approx(105.0))
    assert given[1][1] == pytest.approx(15.0 - OVERRUN)  # what the first zone's overrun left of its share
    assert end == pytest.approx(120.0 + OVERRUN)


def test_a_zone_without_a_roster_tries_again_only_with_time_to_spare(monkeypatch: pytest.MonkeyPatch) -> None:
    given, _, roster = _run(monkeypatch, [100, 100], 60.0, rostered=set())
    # The first zone's retry needs RETRY_MIN_SECONDS that the second can spare; it has none: 30 s are
    # its own share. The region has no roster and says so; nothing ran past the limit to find one.
    assert [zone for zone, _ in given] == ["z0"]
    assert roster.info.status == "UNKNOWN"
    assert RETRY_MIN_SECONDS > 0


def test_deterministic_shares_are_the_limit_split_by_officers(monkeypatch: pytest.MonkeyPatch) -> None:
    given, _, _ = _run(monkeypatch, [300, 100], 40.0, deterministic=True)
    assert given == [("z0", pytest.approx(30.0)), ("z1", pytest.approx(10.0))]
