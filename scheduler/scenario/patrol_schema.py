"""A hotspot's `patrol:` settings: how the units on its duty spend their hours (`scheduler patrol`).

The Koper curve (Koper 1995): stops of about 10-16 minutes give the most residual deterrence, repeated at
unpredictable times so that no critical period goes about 2 hours without a visit. Travel is given per
hotspot (to the station and to other hotspots, both ways) or by coordinates and a speed, so that a region's
zone files stay self-contained.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from scheduler.scenario.values import Strict

# A day: no visit, gap or journey inside one shift is longer.
MAX_PATROL_MINUTES = 24 * 60
MAX_KM = 1_000.0


class VisitMinutes(Strict):
    min: int = Field(10, ge=1, le=MAX_PATROL_MINUTES)
    max: int = Field(16, ge=1, le=MAX_PATROL_MINUTES)

    @model_validator(mode="after")
    def _ordered(self) -> VisitMinutes:
        if self.min > self.max:
            raise ValueError(f"visit_minutes: min {self.min} is above max {self.max}")
        return self


class Location(Strict):
    """Where the hotspot is, in km east and north of its zone's station."""

    x_km: float = Field(ge=-MAX_KM, le=MAX_KM)
    y_km: float = Field(ge=-MAX_KM, le=MAX_KM)


class HotspotPatrol(Strict):
    """Visits to this hotspot by the units on hotspot duty (defaults: the Koper curve)."""

    visit_minutes: VisitMinutes = Field(default_factory=VisitMinutes)
    """Length of one visit (a stop at the hotspot), minutes."""
    max_gap_minutes: int = Field(120, ge=1, le=MAX_PATROL_MINUTES)
    """Longest time without a visit during the hotspot's target windows (end of one visit to start of the
    next, and from a window's start or to its end); longer gaps are reported with their excess."""
    min_gap_minutes: int = Field(30, ge=0, le=MAX_PATROL_MINUTES)
    """Shortest time between two visits here (end to start, any units), so that visits are spread."""
    officers_per_unit: int = Field(2, ge=1, le=10)
    """Officers on this hotspot's duty in one shift who patrol together (a two-officer car: 2)."""
    station_minutes: int | None = Field(None, ge=0, le=MAX_PATROL_MINUTES)
    """Travel from the zone's station to here (and back). Default: from `location` and `speed_kmh`."""
    travel_minutes: dict[str, Annotated[int, Field(ge=0, le=MAX_PATROL_MINUTES)]] = Field(default_factory=dict)
    """Hotspot id -> travel minutes between here and there, both ways (either hotspot may say it; if
    both do, the larger counts). Default: from both hotspots' `location` and the slower `speed_kmh`."""
    location: Location | None = None
    speed_kmh: float = Field(25.0, gt=0, le=200)
    """Average speed of a unit driving to or from here (with `location`)."""

    @model_validator(mode="after")
    def _gaps_ordered(self) -> HotspotPatrol:
        if self.min_gap_minutes > self.max_gap_minutes:
            raise ValueError(f"min_gap_minutes {self.min_gap_minutes} is above max_gap_minutes {self.max_gap_minutes}")
        return self
