"""A scenario's `campaign:` block: what varies from week to week over a campaign of many weeks
(`scheduler campaign`). Strict like the rest of the scenario; see docs/campaign.md.

Rates are per officer and day unless the name says otherwise; durations are in days (weeks where the
name says so). What is drawn (sickness, long absences, leave) is drawn from these models with the
campaign's seed; what is dated (fixtures, hotspot changes, joins and departures) happens as written.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from scheduler.scenario.people import Officer
from scheduler.scenario.values import MAX_HEADCOUNT, Date, StartTime, Strict

MAX_CAMPAIGN_WEEKS = 104


class Sickness(Strict):
    """Short sickness: on each day an officer is not yet absent, they fall sick with probability `rate`."""

    rate: float = Field(0.04, ge=0, le=0.5)
    """Probability per officer-day that a sickness starts (a few per cent in most police forces)."""
    durations: dict[int, float] = Field(default_factory=lambda: {1: 0.35, 2: 0.25, 3: 0.15, 5: 0.15, 10: 0.1})
    """Length in days -> relative weight (need not sum to 1)."""
    notice_hours: float = Field(2, ge=0, le=72)
    """How long before the first sick day's 00:00 the sickness is known (the roster is repaired from then)."""

    @field_validator("durations")
    @classmethod
    def _durations(cls, value: dict[int, float]) -> dict[int, float]:
        if not value:
            raise ValueError("give at least one duration, e.g. {2: 1.0}")
        for days, weight in value.items():
            if not 1 <= days <= 365:
                raise ValueError(f"a duration is 1 to 365 days, not {days}")
            if not 0 <= weight <= 1_000_000:
                raise ValueError(f"a weight is 0 to 1,000,000, not {weight}")
        if sum(value.values()) <= 0:
            raise ValueError("the weights sum to 0; give at least one positive weight")
        return value


class LongAbsences(Strict):
    """Long-term absences (long sickness, parental leave): known as they start, then for their length."""

    rate_per_week: float = Field(0.002, ge=0, le=0.5)
    """Probability per officer-week that a long absence starts."""
    min_weeks: int = Field(4, ge=1, le=MAX_CAMPAIGN_WEEKS)
    max_weeks: int = Field(12, ge=1, le=MAX_CAMPAIGN_WEEKS)

    @model_validator(mode="after")
    def _ordered(self) -> LongAbsences:
        if self.max_weeks < self.min_weeks:
            raise ValueError(f"max_weeks ({self.max_weeks}) is below min_weeks ({self.min_weeks})")
        return self


class MonthDay(Strict):
    """A day of the year, for seasons that come back every year."""

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)


class LeaveSeason(Strict):
    """A period of more (or less) leave, every year: school holidays, Christmas. `start` after `end`
    wraps over the new year."""

    name: str | None = None
    start: MonthDay
    end: MonthDay
    rate: float = Field(ge=0, le=1)
    """Share of officer-days on leave in the season (instead of the base rate)."""


class Leave(Strict):
    """Planned leave: granted before the week is rostered, in blocks."""

    rate: float = Field(0.06, ge=0, le=1)
    """Share of officer-days on leave outside the seasons."""
    block_days: int = Field(5, ge=1, le=28)
    """Length of a block of leave."""
    seasons: list[LeaveSeason] = Field(default_factory=list)


class PublicHolidays(Strict):
    """Legal public holidays from the `holidays` package; on one, demand follows `demand_as`'s windows."""

    country: str = "BE"
    subdivision: str | None = None
    demand_as: Literal["sunday", "weekday"] = "sunday"
    """`sunday`: response demand and shift cover of a Sunday apply on a public holiday."""


class Fixture(Strict):
    """A dated event: a home match, a summit. Becomes a task of its week; announced `announced_days`
    before its date (later than the week is rostered: the roster is repaired when it is announced)."""

    id: str
    name: str | None = None
    kind: Literal["event", "prisoner_transfer", "protected_site", "other"] = "event"
    date: Date
    start: StartTime
    hours: float = Field(gt=0, le=24)
    headcount: int = Field(ge=1, le=MAX_HEADCOUNT)
    hycap_officers: int = Field(0, ge=0, le=MAX_HEADCOUNT)
    """Of the headcount, officers other zones send under HyCap."""
    host_zone: str | None = None
    """Another zone's id: help this zone owes under HyCap; empty: the zone's own event."""
    skills: list[str] = Field(default_factory=list)
    announced_days: int = Field(28, ge=0, le=365)


class HotspotChange(Strict):
    """From a date on, hotspot targets are scaled (1.5 = half as many officers again, 0 = dropped)."""

    start: Date
    scale: dict[str, float] = Field(min_length=1)
    """Hotspot id (or `all`) -> factor on every target's officers (0 to 10)."""

    @field_validator("scale")
    @classmethod
    def _factors(cls, value: dict[str, float]) -> dict[str, float]:
        for key, factor in value.items():
            if not 0 <= factor <= 10:
                raise ValueError(f"{key}: a factor is 0 to 10, not {factor}")
        return value


class Join(Strict):
    """A recruit or a transfer in, rostered from `date`."""

    date: Date
    officer: Officer


class Departure(Strict):
    """An officer who leaves (retirement, transfer out) on `date`: not rostered from that day."""

    date: Date
    officer: str


class Campaign(Strict):
    """What varies from week to week over a campaign (`scheduler campaign`)."""

    weeks: int = Field(26, ge=1, le=MAX_CAMPAIGN_WEEKS)
    """Weeks in a chain, unless `--weeks` says otherwise."""
    sickness: Sickness = Field(default_factory=Sickness)
    long_absences: LongAbsences = Field(default_factory=LongAbsences)
    leave: Leave = Field(default_factory=Leave)
    public_holidays: PublicHolidays | None = Field(default_factory=PublicHolidays)
    """None: no public holidays."""
    fixtures: list[Fixture] = Field(default_factory=list)
    hotspot_changes: list[HotspotChange] = Field(default_factory=list)
    joins: list[Join] = Field(default_factory=list)
    departures: list[Departure] = Field(default_factory=list)
    publish_days: int = Field(7, ge=0, le=56)
    """How long before a week starts its roster is made and published: what is known by then is planned,
    what becomes known later is repaired."""
    week_time_limit: float = Field(20, gt=0, le=3600)
    """Seconds for each week's roster."""
    repair_time_limit: float = Field(2, gt=0, le=3600)
    """Seconds for each repair. Under 3 s a repair is local moves from the published roster, with no
    full-model search unless they leave a hard rule broken."""
    week_gap: float = Field(0.005, ge=0, lt=1)
    """A week's roster is done once proven within this relative gap of its bound (the rest of its
    `week_time_limit` is not spent); 0: only once proven optimal."""
    overtime_bound_hours: float = Field(40, ge=0, le=1000)
    """An officer's hours balance above this is 'overtime beyond the bound' (the campaign's staffing need)."""
