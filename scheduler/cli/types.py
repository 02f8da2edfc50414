"""The CLI's option types: the same bounds as the YAML's (`scenario/schema.py`), so an option can never
reach the solver with a value the scenario file would refuse."""

from __future__ import annotations

import math
from typing import Any

import click

from scheduler.scenario.values import MAX_DAYS, MAX_SEED, MAX_TIME_LIMIT


class FiniteFloatRange(click.FloatRange):
    """click's FloatRange lets nan through: every comparison with nan is false."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number.", param, ctx)
        return number


TIME_LIMIT = FiniteFloatRange(min=0, min_open=True, max=MAX_TIME_LIMIT)
WORKERS = click.IntRange(1, 64)
SEED = click.IntRange(0, MAX_SEED)
JOBS = click.IntRange(1, 64)
OFFICERS = click.IntRange(1, 100_000)
ZONES = click.IntRange(1, 50)
DAYS = click.IntRange(1, MAX_DAYS)
