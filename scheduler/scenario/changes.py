"""The changes file of `scheduler repair`: what happened since a roster was published.

Strict like the scenario (`extra="forbid"`, the same YAML gate, file:line:field messages). The changes
are applied to the scenario's data (`apply_changes.py`) before it is validated, so the changed scenario
passes the same checks as any other. `ChangeWeights` prices each change of a published assignment;
`Baseline` carries the published roster into the problem (`Problem.baseline`), read by the model's
change term and, with its own code, by the checker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import Field, ValidationError

from scheduler.errors import InputError
from scheduler.scenario.messages import pydantic_problems
from scheduler.scenario.schema import Officer, Task, Window
from scheduler.scenario.values import MAX_HEADCOUNT, MAX_WEIGHT, DateOrTime, Strict
from scheduler.scenario.yaml_source import YamlSource


class Absence(Strict):
    """An officer unavailable from `start`: a date (the whole day) or a date-time; `end` included as a
    date, excluded as a date-time; no `end` = until the end of the horizon (a sickness still open)."""

    officer: str
    start: DateOrTime
    end: DateOrTime | None = None
    reason: Literal["sick", "leave", "training", "court", "day_off", "other"] = "sick"


class TaskMove(Strict):
    """A task that keeps its id, headcount and skills but happens at other times."""

    task: str
    windows: list[Window] = Field(min_length=1)


class HeadcountChange(Strict):
    """A task's headcount (and, optionally, how much of it other zones send under HyCap) changed."""

    task: str
    headcount: int = Field(ge=1, le=MAX_HEADCOUNT)
    hycap_officers: int | None = Field(None, ge=0, le=MAX_HEADCOUNT)


class ChangeWeights(Strict):
    """What a change of a published assignment costs, in objective points per change (see docs/objective.md).

    A change whose shift starts within 24 h of `--from` costs `within_24h` times as much, within 72 h
    `within_72h` times."""

    changed_duty: int = Field(50, ge=0, le=MAX_WEIGHT)
    """Same shift, another duty (response -> hotspot)."""
    changed_shift: int = Field(400, ge=0, le=MAX_WEIGHT)
    """A published shift moved to another shift type that day, or taken away."""
    rest_day_call_in: int = Field(1_000, ge=0, le=MAX_WEIGHT)
    """A shift on a day the published roster gave the officer off."""
    within_24h: int = Field(3, ge=1, le=1_000)
    within_72h: int = Field(2, ge=1, le=1_000)


class Changes(Strict):
    """Everything that changed since the roster was published; every list may be empty."""

    absences: list[Absence] = Field(default_factory=list)
    """Sickness, leave granted, training: officers unavailable from a time."""
    new_tasks: list[Task] = Field(default_factory=list)
    """New tasks, HyCap requests included (a task whose host_zone is another zone), as in the scenario."""
    cancelled_tasks: list[str] = Field(default_factory=list)
    moved_tasks: list[TaskMove] = Field(default_factory=list)
    headcounts: list[HeadcountChange] = Field(default_factory=list)
    new_officers: list[Officer] = Field(default_factory=list)
    """Officers added (transfers in, back from long leave), as in the scenario; no published shifts."""
    weights: ChangeWeights = Field(default_factory=ChangeWeights)


def read_changes(path: str) -> tuple[Changes, YamlSource]:
    """The changes file, validated (InputError with file, line and field), with its source for later messages."""
    source = YamlSource.read(path)
    try:
        return Changes.model_validate(source.data if source.data is not None else {}), source
    except ValidationError as exc:
        raise InputError(pydantic_problems(exc, source)) from None


@dataclass(frozen=True)
class Baseline:
    """The published roster a repair starts from. Assignments starting before `from_minute` (real minutes
    from the horizon's first midnight) are frozen; later ones may change, each change priced by `weights`."""

    from_minute: int
    previous: dict[tuple[str, int], tuple[str, str]]  # (officer id, day) -> (shift id, duty id)
    officers: frozenset[str]  # the officers the roster was published to (added officers have none)
    weights: ChangeWeights = field(default_factory=ChangeWeights)
    # The staffing zones the changes touch (None: any may be); a region's other zones keep their roster.
    zones: frozenset[str] | None = None

    def factor(self, start: int) -> int:
        """How much more a change of a shift starting at `start` costs, by its notice."""
        notice = start - self.from_minute
        if notice < 24 * 60:
            return self.weights.within_24h
        if notice < 72 * 60:
            return self.weights.within_72h
        return 1
