"""The officers of a scenario as pydantic models (their leave, fixed shifts, wishes and last shifts).

Apart from `schema.py` so that the campaign block (`campaign.py`), whose recruits are officers, and the
scenario can both use them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from scheduler.scenario.values import MAX_HEADCOUNT, MAX_MINUTES, MAX_WEIGHT, Date, DateOrTime, Strict


class DateRange(Strict):
    """Unavailability. Dates are whole days, both ends included; date-times are [start, end)."""

    start: DateOrTime
    end: DateOrTime | None = None
    reason: Literal["leave", "training", "court", "sick", "day_off", "other"] = "leave"


class FixedAssignment(Strict):
    date: Date
    shift: str
    duty: str | None = None
    """`response`, a hotspot id or a task id; None lets the solver choose."""


class Request(Strict):
    """A wish: `want: true` to work `shift` on `date` (any shift if omitted), `false` to not."""

    date: Date
    shift: str | None = None
    want: bool
    weight: int = Field(1, ge=0, le=MAX_WEIGHT)


class HistoryShift(Strict):
    date: Date
    shift: str


class Officer(Strict):
    id: str
    name: str | None = None
    zone: str | None = None
    team: str | None = None
    rank: str | None = None
    station: str | None = None
    """The municipality the officer starts from (one of the zone's `municipalities`; default: the first).
    Only a merger's `max_travel_minutes` reads it."""
    skills: list[str] = Field(default_factory=list)
    contract_hours: float = Field(38, ge=0, le=80)
    """Contract hours per week; the horizon target is pro rata over days not on leave."""
    unavailable: list[DateRange] = Field(default_factory=list)
    fixed: list[FixedAssignment] = Field(default_factory=list)
    requests: list[Request] = Field(default_factory=list)
    history: list[HistoryShift] = Field(default_factory=list)
    consents_reduced_rest: bool = False
    min_minutes: int | None = Field(None, ge=0, le=MAX_MINUTES)
    """Least minutes worked over the horizon (rule horizon_minutes)."""
    max_minutes: int | None = Field(None, ge=0, le=MAX_MINUTES)
    """Most minutes worked over the horizon (rule horizon_minutes)."""
    max_shifts: dict[str, Annotated[int, Field(ge=0, le=MAX_HEADCOUNT)]] = Field(default_factory=dict)
    """Most shifts of each type over the horizon (rule max_shifts_per_type)."""
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Per-officer overrides of rule parameters, e.g. {max_consecutive_days: {days: 5}}."""
