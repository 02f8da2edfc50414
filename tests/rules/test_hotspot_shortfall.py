"""hotspot shortfall: officer-hours short of a hotspot target x weights.hotspot_shortfall x target weight.

L 14:00-22:00, one officer fixed on L Monday. Targets 18:00-22:00, one officer; hotspot_shortfall 100.
"""

from __future__ import annotations

import pytest

from scheduler.roster import Assignment

from .conftest import build, check, date, officer, run, scenario


def hotspots(market_weight: int, station_weight: int, market_end: str = "22:00", days: int = 1) -> dict:
    def hotspot(hid: str, weight: int, end: str) -> dict:
        return {"id": hid, "targets": [{"days": ["mon"], "start": "18:00", "end": end, "officers": 1, "weight": weight}]}

    spots = [hotspot("market", market_weight, market_end)]
    if station_weight:
        spots.append(hotspot("station", station_weight, "22:00"))
    return scenario([officer("a", fixed=[{"date": date(0), "shift": "L"}])], shifts={"L": ("14:00", 8)}, days=days,
                    hotspots=spots, weights={"hotspot_shortfall": 100})


def test_hotspot_officer_goes_to_heavier_target():
    # Market weight 2, station weight 1: a on the market; station 4 h short x 100 x 1 = 400.
    problem, roster = run(hotspots(2, 1))
    assert roster.assignments == [Assignment("a", 0, "L", "market")]
    assert roster.info.penalties == pytest.approx({"hotspot_shortfall": 400})


def test_hotspot_heavier_station_takes_the_officer():
    # Station weight 3: a on the station; market 4 h short x 100 x 2 = 800.
    problem, roster = run(hotspots(2, 3))
    assert roster.assignments == [Assignment("a", 0, "L", "station")]
    assert roster.info.penalties == pytest.approx({"hotspot_shortfall": 800})


def test_hotspot_target_met():
    problem, roster = run(hotspots(2, 0))
    assert roster.assignments == [Assignment("a", 0, "L", "market")]
    assert roster.info.objective == pytest.approx(0)


def test_hotspot_shortfall_counts_slots_after_the_shift():
    # Market 18:00-02:00 over two days: L covers 18-22, 22:00-02:00 short: 4 h x 100 x 2 = 800.
    problem, roster = run(hotspots(2, 0, market_end="02:00", days=2))
    assert roster.assignments == [Assignment("a", 0, "L", "market")]
    assert roster.info.penalties == pytest.approx({"hotspot_shortfall": 800})


def test_checker_hotspot_shortfall_on_hand_built_roster():
    # a on response: market 4 h x 100 x 2 + station 4 h x 100 x 1 = 1200.
    result = check(build(hotspots(2, 1)), [Assignment("a", 0, "L", "response")])
    assert result.violations == []
    assert result.penalties == {"hotspot_shortfall": 1200}
