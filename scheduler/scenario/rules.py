"""The catalogue of labour rules: id, title, source, parameters, hard/soft/off.

A rule pack (`configs/rules/*.yaml`) sets every rule's parameters; a scenario's `rules:` overrides
them, and an officer's `rules:` overrides them again for that officer. The id is the same everywhere:
YAML key, pydantic class, `RuleSpec` id in `model/rules/`, `check_<id>` in `check.py` (`check_duties.py`
for the duty rules),
`Violation.rule` and the test module.

Every rule can be `off`, `hard` (a constraint) or `soft` (a penalty of `weight` per unit of
violation, the unit given in the class docstring). One shift per day, no overlapping shifts, skills,
unavailability, fixed assignments and the duty rules (no officer on a duty where it wants none, none
beyond what it wants) are structural and always hard.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from scheduler.scenario.values import MAX_HEADCOUNT, MAX_WEIGHT, ClockTime, StartTime, Strict

# Bounds no labour rule reaches, that catch a slip (25 h of minimum service, an extra digit).
DAY_HOURS = 24
WEEK_HOURS = 7 * 24
MAX_DAYS = 366

Mode = Literal["hard", "soft", "off"]


class Rule(Strict):
    mode: Mode = "hard"
    weight: int = Field(1000, ge=0, le=MAX_WEIGHT)
    """Penalty per unit of violation when `mode: soft`."""


class MinRest(Rule):
    """At least `hours` between the end of a service and the start of the next.

    Unit when soft: one pair of services too close. `reduced_hours` applies, for officers with
    `consents_reduced_rest`, after a service ending between the two `reduced_after_end_between` times.
    """

    hours: float = Field(11, ge=0, le=WEEK_HOURS)
    reduced_hours: float | None = Field(None, ge=0, le=WEEK_HOURS)
    reduced_after_end_between: tuple[StartTime, ClockTime] | None = None


class MinService(Rule):
    """Every service lasts at least `hours` (real hours: a shift over a clock change counts as worked).

    Hard: an officer never works a shift shorter than that (such shifts are blocked for him, like
    leave). Unit when soft: one such service.
    """

    hours: float = Field(4, ge=0, le=DAY_HOURS)


class MaxServicePer24h(Rule):
    """At most `hours` of service in any 24 h starting at a shift start. Unit: minute above.

    Window starts: every shift start in the horizon and every history start; a window that the
    history alone breaks is not judged.
    """

    hours: float = Field(12, gt=0, le=DAY_HOURS)


class MaxHoursPer7Days(Rule):
    """At most `hours` worked in any 7 consecutive calendar days. Unit: minute above.

    Windows start at each local midnight from 6 days before the horizon; one that the history alone
    breaks is not judged.
    """

    hours: float = Field(50, gt=0, le=WEEK_HOURS)


class HorizonMinutes(Rule):
    """Each officer's `min_minutes` <= minutes worked over the horizon <= `max_minutes`.

    Unit: minute outside the bounds. Officers without bounds are not constrained.
    """


class WeeklyRest(Rule):
    """In each whole week of the horizon (Mon 00:00 to Mon 00:00), one uninterrupted rest of `hours`.

    Unit: one week without it. History shifts that run into the week count as work.
    """

    hours: float = Field(35, gt=0, le=WEEK_HOURS)


class MaxConsecutiveDays(Rule):
    """Every `days`+1 consecutive days (history included) hold a day off. Unit: window without one."""

    days: int = Field(6, ge=1, le=MAX_DAYS)


class MinConsecutiveDays(Rule):
    """Every block of worked days lasts at least `days`. Unit: day missing from a block.

    A block reaching the horizon's end is exempt (the next horizon may continue it); a block that
    starts on day 0 or before is exempt when `exempt_at_start` (the benchmark semantics).
    """

    days: int = Field(1, ge=1, le=MAX_DAYS)
    exempt_at_start: bool = True


class MinConsecutiveDaysOff(Rule):
    """Every block of days off lasts at least `days`; same border semantics as working days."""

    days: int = Field(1, ge=1, le=MAX_DAYS)
    exempt_at_start: bool = True


class MaxConsecutiveNights(Rule):
    """Every `nights`+1 consecutive days hold a day without a night shift. Unit: window without one."""

    nights: int = Field(4, ge=1, le=MAX_DAYS)


class ForbiddenSuccessions(Rule):
    """Shift `a` on one day is never followed by shift `b` on the next. Unit: one such succession."""

    pairs: list[tuple[str, str]] = Field(default_factory=list)


class MaxWeekends(Rule):
    """At most `weekends` weekends worked over the horizon (Sat or Sun worked). Unit: weekend above."""

    weekends: int | None = Field(None, ge=0, le=MAX_DAYS)


class RestAfterWeekends(Rule):
    """After `weekends` weekends worked in a row, an uninterrupted rest of `hours` that includes the next
    weekend (Saturday 00:00 to Monday 00:00). Unit when soft: one such weekend without that rest.

    A weekend is worked when a service starts on its Saturday or Sunday (as for `max_weekends`); last
    week's history counts (its 14 days hold two weekends). The rest may run past the horizon's end.
    """

    weekends: int = Field(3, ge=1, le=MAX_DAYS)
    hours: float = Field(60, ge=48, le=120)


class MaxShiftsPerType(Rule):
    """At most `limits[s]` shifts of type s per officer over the horizon (officer's `max_shifts` first).

    Unit: shift above.
    """

    limits: dict[str, Annotated[int, Field(ge=0, le=MAX_HEADCOUNT)]] = Field(default_factory=dict)


class NightDefinition(Strict):
    """A shift is a night shift when it has at least `min_hours` between `start` and `end`.

    EU directive 2003/88/EC art. 2: night time includes 00:00-05:00; a night worker works at least
    3 hours of daily working time during night time.
    """

    start: StartTime = "22:00"
    end: ClockTime = "06:00"
    min_hours: float = Field(3, ge=0, le=DAY_HOURS)


class RulePack(Strict):
    """All rules, resolved: pack, then scenario overrides."""

    night: NightDefinition = Field(default_factory=NightDefinition)
    min_rest: MinRest = Field(default_factory=MinRest)
    min_service: MinService = Field(default_factory=MinService)
    max_service_per_24h: MaxServicePer24h = Field(default_factory=MaxServicePer24h)
    max_hours_per_7_days: MaxHoursPer7Days = Field(default_factory=MaxHoursPer7Days)
    horizon_minutes: HorizonMinutes = Field(default_factory=HorizonMinutes)
    weekly_rest: WeeklyRest = Field(default_factory=WeeklyRest)
    max_consecutive_days: MaxConsecutiveDays = Field(default_factory=MaxConsecutiveDays)
    min_consecutive_days: MinConsecutiveDays = Field(default_factory=MinConsecutiveDays)
    min_consecutive_days_off: MinConsecutiveDaysOff = Field(default_factory=MinConsecutiveDaysOff)
    max_consecutive_nights: MaxConsecutiveNights = Field(default_factory=MaxConsecutiveNights)
    forbidden_successions: ForbiddenSuccessions = Field(default_factory=ForbiddenSuccessions)
    max_weekends: MaxWeekends = Field(default_factory=MaxWeekends)
    rest_after_weekends: RestAfterWeekends = Field(default_factory=RestAfterWeekends)
    max_shifts_per_type: MaxShiftsPerType = Field(default_factory=MaxShiftsPerType)


RULE_IDS: tuple[str, ...] = tuple(name for name in RulePack.model_fields if name != "night")

# The structural rules: always hard, no parameters.
STRUCTURAL_RULES: dict[str, str] = {
    "one_shift_per_day": "An officer starts at most one shift per calendar day.",
    "no_overlap": "An officer's shifts never overlap in time.",
    "skills": "A duty is done only by officers holding all its skills and serving its zone.",
    "unavailability": "No shift overlaps an officer's leave, training, court or sickness.",
    "fixed": "Fixed assignments are worked as given.",
    "duty_without_need": "An officer is on a task or hotspot only on a shift covering a slot where it wants officers.",
    "duty_surplus": "A shift puts no more officers on a task or hotspot than it wants in any one of the shift's slots.",
}

# Source of each rule, for the catalogue and the docs (check the consolidated texts before relying
# on exact wording; see configs/rules/belgian-police.yaml).
RULE_SOURCES: dict[str, str] = {
    "min_rest": "EU 2003/88/EC art. 3; Belgian police statute (11 h, 10 h with consent after 20-23 h)",
    "min_service": "Belgian police statute (a planned service lasts at least 4 h)",
    "max_service_per_24h": "Belgian police statute (12 h in 24 h since July 2024)",
    "max_hours_per_7_days": "Belgian police statute (50 h in a week); EU 2003/88/EC art. 6 (48 h avg)",
    "horizon_minutes": "contract / benchmark bounds on total time",
    "weekly_rest": "EU 2003/88/EC art. 5 (24 h + the 11 h daily rest per 7 days)",
    "max_consecutive_days": "common practice; implied by weekly rest",
    "min_consecutive_days": "common practice (no isolated working days)",
    "min_consecutive_days_off": "common practice (no isolated days off)",
    "max_consecutive_nights": "common practice (3-4 nights)",
    "forbidden_successions": "common practice (no night then early; forward rotation)",
    "max_weekends": "Belgian police statute (28 weekends a year)",
    "rest_after_weekends": "Belgian police statute (after 3 weekends worked in a row, 60 h rest including the next)",
    "max_shifts_per_type": "contract / benchmark limits",
}
