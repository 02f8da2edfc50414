"""The value types of the scenario YAML: clock times, dates within the years a plan can be about,
day specifications, and the bounds every number that reaches the solver is held to. `schema.py` builds
the mappings from them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, WithJsonSchema

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Upper bounds no zone reaches, that catch a typing slip (an extra row of zeros) as an input error.
# Weights multiply (a hotspot target's weight by hotspot_shortfall, by minutes, by officers short), so
# extreme values within them can still exceed the solver's 64-bit objective: the solve then says so.
MAX_HEADCOUNT = 10_000
MAX_WEIGHT = 1_000_000_000
# Minutes in a year: the most any minute bound of one officer can mean.
MAX_MINUTES = 366 * 24 * 60
# Dates a plan can be about; beyond them date arithmetic (a day after 9999-12-31) is meaningless.
FIRST_YEAR, LAST_YEAR = 2000, 2100
# CP-SAT's random seed is a 32-bit integer.
MAX_SEED = 2**31 - 1
# 52 weeks: the longest horizon (a year's leave and duty plan; cyclic rosters of up to 52 weeks).
MAX_DAYS = 364
# A week: no solve is given more.
MAX_TIME_LIMIT = 7 * 24 * 3600
_CLOCK = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)$")


class Strict(BaseModel):
    # Attribute docstrings become the JSON Schema's descriptions (editor hovers, `scheduler schema`).
    # No .nan or .inf: every number reaches the solver or its arithmetic.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True, allow_inf_nan=False)


def _clock_minutes(value: Any) -> int:
    """'HH:MM' -> minutes after midnight; '24:00' allowed as an end."""
    if isinstance(value, bool):
        raise ValueError(f"expected a time in quotes, like \"06:00\", got {str(value).lower()}")
    if isinstance(value, int) and 0 <= value < 24:
        raise ValueError(f"expected a time in quotes, like \"06:00\", got the number {value}")
    if isinstance(value, int):
        # YAML 1.1 reads an unquoted 14:00 as 14*60+0 = 840.
        raise ValueError(
            f"unquoted time read by YAML as the number {value}; write it in quotes: "
            f"\"{value // 60:02d}:{value % 60:02d}\""
        )
    if isinstance(value, str) and re.fullmatch(r"\d:\d\d", value):
        raise ValueError(f"write the hour with two digits: \"0{value}\", not {value!r}")
    if isinstance(value, str) and re.fullmatch(r"\d\d:\d\d", value) and not _CLOCK.match(value):
        raise ValueError(f"{value!r} is not a time of day (\"00:00\" to \"23:59\", or \"24:00\" as an end)")
    if not isinstance(value, str) or not _CLOCK.match(value):
        raise ValueError(f"expected a time \"HH:MM\" in quotes, like \"06:00\", got {value!r}")
    hours, minutes = int(value[:2]), int(value[3:])
    if hours == 24 and minutes:
        raise ValueError(f"{value!r} is not a time of day (\"00:00\" to \"23:59\", or \"24:00\" as an end)")
    return hours * 60 + minutes


ClockTime = Annotated[
    str,
    BeforeValidator(lambda v: (_clock_minutes(v), v)[1]),
    # What the validator accepts, for editors: an unquoted or one-digit hour is flagged as you type.
    WithJsonSchema({
        "type": "string", "pattern": "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
        "description": 'A local time in quotes, "HH:MM" ("24:00" as an end).',
    }),
]


def _start_minutes(value: Any) -> Any:
    if _clock_minutes(value) == 24 * 60:
        raise ValueError('"24:00" is only an end; a start at midnight is "00:00"')
    return value


StartTime = Annotated[
    str,
    BeforeValidator(_start_minutes),
    WithJsonSchema({
        "type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$",
        "description": 'A local time in quotes, "HH:MM" ("00:00" to "23:59").',
    }),
]


def clock_minutes(value: str) -> int:
    return _clock_minutes(value)


def _in_years(value: Any) -> Any:
    if isinstance(value, dt.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"{value} is outside the years {FIRST_YEAR}-{LAST_YEAR} a plan can be about")
    return value


Date = Annotated[dt.date, AfterValidator(_in_years)]
"""A date within FIRST_YEAR-LAST_YEAR."""
DateOrTime = Annotated[dt.date | dt.datetime, AfterValidator(_in_years)]


def _day_spec(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date or a weekday, not a date-time")
    if isinstance(value, dt.date):
        return _in_years(value)
    if isinstance(value, str):
        v = value.strip().lower()
        if v in ("all", "weekdays", "weekend") or v in WEEKDAYS:
            return v
        if "-" in v and all(p in WEEKDAYS for p in v.split("-")) and len(v.split("-")) == 2:
            return v
        try:
            return _in_years(dt.date.fromisoformat(v))
        except ValueError as exc:
            if "outside the years" in str(exc):
                raise
    raise ValueError(
        f"expected a weekday (mon..sun), a range (mon-thu), 'all', 'weekdays', 'weekend' or a date, got {value!r}"
    )


DaySpec = Annotated[str | dt.date, BeforeValidator(_day_spec)]



def weekday_set(spec: str) -> set[int]:
    """'mon-thu' -> {0, 1, 2, 3}; 'fri-mon' wraps around."""
    if spec == "all":
        return set(range(7))
    if spec == "weekdays":
        return set(range(5))
    if spec == "weekend":
        return {5, 6}
    if "-" in spec:
        a, b = (WEEKDAYS.index(p) for p in spec.split("-"))
        return {(a + k) % 7 for k in range((b - a) % 7 + 1)}
    return {WEEKDAYS.index(spec)}
