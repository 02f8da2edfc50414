"""The scenario YAML as pydantic models: one class per YAML mapping, keys = field names.

Strict on purpose: unknown keys are errors (a misspelt legal limit must never fall back to a default),
times are quoted "HH:MM" strings, and cross-references are checked in `references.py` after loading.
Units are in the field names or docstrings: hours for people-facing durations, minutes where the
benchmark format uses minutes. The value types and bounds are in `values.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationInfo, field_validator, model_validator

from scheduler.scenario.campaign import Campaign
from scheduler.scenario.patrol_schema import HotspotPatrol
from scheduler.scenario.people import Officer
from scheduler.scenario.values import (
    MAX_DAYS,
    MAX_HEADCOUNT,
    MAX_SEED,
    MAX_TIME_LIMIT,
    MAX_WEIGHT,
    ClockTime,
    Date,
    DaySpec,
    StartTime,
    Strict,
)


class Horizon(Strict):
    """The planning period: whole days from a Monday, in one time zone."""

    start: Date
    days: int = Field(7, ge=1, le=MAX_DAYS)
    timezone: str = "Europe/Brussels"
    slot_minutes: int = 60
    """Coverage is measured per slot of this length; must divide 60."""

    @field_validator("start")
    @classmethod
    def _monday(cls, v: dt.date) -> dt.date:
        if v.weekday() != 0:
            day = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[v.weekday()]
            monday = v - dt.timedelta(days=v.weekday())
            raise ValueError(f"{v} is a {day}; the horizon must start on a Monday, e.g. {monday}")
        return v

    @field_validator("slot_minutes")
    @classmethod
    def _slot(cls, v: int) -> int:
        if v <= 0 or 60 % v:
            raise ValueError("slot_minutes must divide 60 (5, 10, 15, 20, 30 or 60)")
        return v


class ShiftType(Strict):
    id: str
    name: str | None = None
    start: StartTime
    hours: float = Field(gt=0, le=24)

    @field_validator("hours")
    @classmethod
    def _whole_minutes(cls, v: float) -> float:
        if abs(v * 60 - round(v * 60)) > 1e-6:
            raise ValueError(f"{v:g} h is not a whole number of minutes ({v * 60:g} min)")
        return v

    @property
    def minutes(self) -> int:
        return round(self.hours * 60)


class Window(Strict):
    """Days plus a local time window; `end` <= `start` crosses midnight into the next day, so `end`
    equal to `start` is 24 hours (a site guarded round the clock, relieved at 06:00: "06:00" to "06:00")."""

    days: list[DaySpec] = Field(default_factory=lambda: ["all"], min_length=1)  # type: ignore[arg-type]  # Field's union of factory signatures keeps mypy from inferring the lambda as list[DaySpec]
    """Empty is refused: a window on no day would drop its work silently."""
    start: StartTime = "00:00"
    end: ClockTime = "24:00"


class DemandWindow(Window):
    """Officers on emergency response wanted per slot in a time window, with a skill."""

    skill: str | None = None
    count: int = Field(ge=0, le=MAX_HEADCOUNT)
    zone: str | None = None
    """The zone whose officers answer it; default: the scenario's `zone` (set per zone in a region)."""


class ShiftCover(Strict):
    """Officers on emergency response wanted on a shift type on given days (cover per shift)."""

    days: list[DaySpec] = Field(default_factory=lambda: ["all"], min_length=1)  # type: ignore[arg-type]  # Field's union of factory signatures keeps mypy from inferring the lambda as list[DaySpec]
    shift: str
    skill: str | None = None
    count: int = Field(ge=0, le=MAX_HEADCOUNT)
    under_weight: int | None = Field(None, ge=0, le=MAX_WEIGHT)
    """Per officer short; default: objective.weights.response_shortfall x shift hours."""
    over_weight: int = Field(0, ge=0, le=MAX_WEIGHT)
    """Per officer above `count`; 0 = extra officers are welcome."""
    zone: str | None = None


class Demand(Strict):
    windows: list[DemandWindow] = Field(default_factory=list)
    shift_cover: list[ShiftCover] = Field(default_factory=list)


class Task(Strict):
    id: str
    name: str | None = None
    kind: Literal["event", "prisoner_transfer", "protected_site", "other"]
    host_zone: str | None = None
    """The zone the work is for; another zone than ours makes it HyCap help."""
    zone: str | None = None
    """The zone whose officers staff it; default: the scenario's `zone` (in a region: the zone file's)."""
    municipality: str | None = None
    """Where the work is (one of its host zone's `municipalities`; default: the first). Only a merger's
    `max_travel_minutes` reads it."""
    windows: list[Window] = Field(min_length=1)
    """At least one: a task on no window would never be staffed."""
    headcount: int = Field(ge=1, le=MAX_HEADCOUNT)
    hycap_officers: int = Field(0, ge=0, le=MAX_HEADCOUNT)
    """Of `headcount`, how many the other zones of the region send under their HyCap quota."""
    skills: list[str] = Field(default_factory=list)
    """Every officer on the task holds all of these."""
    priority: Literal["mandatory", "fill", "optional"] = "mandatory"
    strict: bool = False
    """Mandatory and strict: a roster that cannot staff it is infeasible rather than reported short."""
    weight: int | None = Field(None, ge=0, le=MAX_WEIGHT)
    """Per officer-hour short; default from objective.weights by priority."""


class HotspotTarget(Window):
    officers: int = Field(ge=1, le=MAX_HEADCOUNT)
    weight: int = Field(1, ge=0, le=MAX_WEIGHT)
    """Multiplies objective.weights.hotspot_shortfall."""


class Hotspot(Strict):
    id: str
    name: str | None = None
    zone: str | None = None
    municipality: str | None = None
    """Where it is (one of its zone's `municipalities`; default: the first). Only a merger's
    `max_travel_minutes` reads it."""
    skills: list[str] = Field(default_factory=list)
    targets: list[HotspotTarget] = Field(min_length=1)
    patrol: HotspotPatrol = Field(default_factory=HotspotPatrol)
    """How units on duty here patrol (`scheduler patrol`): visit lengths, gaps, travel."""


class RuleSettings(Strict):
    """A reference to a rule pack plus overrides: {pack: belgian-police, min_rest: {hours: 10}}."""

    model_config = ConfigDict(extra="allow", frozen=True)
    pack: str | None = "belgian-police"


class Weights(Strict):
    """Objective weights. Per officer-hour unless said otherwise. See docs/objective.md."""

    unmet_mandatory: int = Field(100_000, ge=0, le=MAX_WEIGHT)
    response_shortfall: int = Field(1_000, ge=0, le=MAX_WEIGHT)
    hotspot_shortfall: int = Field(100, ge=0, le=MAX_WEIGHT)
    fill_task_shortfall: int = Field(50, ge=0, le=MAX_WEIGHT)
    optional_task_shortfall: int = Field(5, ge=0, le=MAX_WEIGHT)
    overtime: int = Field(20, ge=0, le=MAX_WEIGHT)
    """Per hour worked above the officer's pro-rata contract hours."""
    undertime: int = Field(2, ge=0, le=MAX_WEIGHT)
    """Per hour below the pro-rata contract hours (fairness of hours)."""
    fair_nights: int = Field(3, ge=0, le=MAX_WEIGHT)
    """Per unit of sum over officers of k for their k-th night: least when nights are spread evenly."""
    fair_weekends: int = Field(3, ge=0, le=MAX_WEIGHT)
    """Same for weekend shifts."""
    requests: int = Field(1, ge=0, le=MAX_WEIGHT)
    """Multiplies each request's own weight."""
    reinforcement_officer: int = Field(1_000, ge=0, le=MAX_WEIGHT)
    """Per extra officer used (solve --staffing-gap): worth it when he closes 10 hotspot officer-hours."""


class Objective(Strict):
    weights: Weights = Field(default_factory=Weights)
    fairness_weeks: int = Field(8, ge=1, le=53)
    """With `previous:`, nights and weekend shifts are made fair over this many weeks, not this week alone."""


class SolverSettings(Strict):
    time_limit: float = Field(60, gt=0, le=MAX_TIME_LIMIT)
    """Seconds for the whole command (every zone of a region together)."""
    workers: int = Field(2, ge=1, le=64)
    seed: int = Field(0, ge=0, le=MAX_SEED)
    relative_gap: float = Field(0.0, ge=0, lt=1)
    deterministic: bool = False
    """Same input + seed + workers give the same roster (CP-SAT's interleaved search)."""
    zone_split: bool = True
    """Solve a region zone by zone (exact when nothing couples the zones: see scheduler/solve/split.py)."""
    strategy: Literal["auto", "monolithic", "decomposed", "rolling"] = "auto"
    """monolithic: one CP-SAT model; decomposed: staffing plan, greedy roster, search by officer groups, then the full
    model polishes from that hint; rolling: windows of 14 days solved in turn, the days before each fixed;
    auto: rolling above 42 days, else decomposed above 98 officer-days (officers x days: 14 officers for a
    week; 280, 40 officers for a week, for shift cover alone), else monolithic. Above 42 days, monolithic and
    decomposed are what each window gets."""
    plan_bound: bool = True
    """The staffing plan's lower bound as the full model's floor (monolithic strategy). Off where the
    model's own bound is better and the plan's time is better spent searching (the Curtois-Qu instances)."""


WORK_KINDS = ("hycap", "prisoner_transfer", "protected_site")


class Exemption(Strict):
    """A zone no longer does a kind of work; `absorbed_by` says who does it instead."""

    work: Literal["hycap", "prisoner_transfer", "protected_site"]
    tasks: list[str] = Field(default_factory=list)
    """Only these tasks (ids); empty = all of that kind."""
    absorbed_by: str = "pro_rata"
    """`pro_rata` (the other zones by HyCap share), a zone id, or `outside` (outside the region, e.g.
    the federal police: reported, never dropped silently)."""
    share_by: Literal["strength", "skill_holders"] = "strength"
    """With `absorbed_by: pro_rata`, how the other zones share the work: `strength` (their HyCap share),
    or `skill_holders` (a task needing skills, in proportion to each zone's officers holding them all;
    by strength when no other zone holds them)."""

    @field_validator("share_by")
    @classmethod
    def _pro_rata_only(cls, v: str, info: ValidationInfo) -> str:
        absorbed = info.data.get("absorbed_by", "pro_rata")
        if v != "strength" and absorbed != "pro_rata":
            raise ValueError(f"share_by '{v}' shares work between zones: it needs absorbed_by: pro_rata, "
                             f"not '{absorbed}'")
        return v


class Zone(Strict):
    """A zone of the scenario (a region lists several); `file` reads a zone file into it."""

    id: str
    name: str | None = None
    file: str | None = None
    """A zone scenario file (relative to this file): its officers, demand, tasks and hotspots join the region."""
    hycap_share: float | None = Field(None, ge=0, le=MAX_WEIGHT)
    """Weight of this zone in HyCap quotas; default: its operational strength (officers rostered)."""
    exempt: list[Exemption] = Field(default_factory=list)
    municipalities: list[str] = Field(default_factory=list)
    """The zone's municipalities (a zone file's own `municipalities` when empty); the first is the
    default station and place of work."""


class Merger(Strict):
    """Zones merged into one: their officers serve any response, hotspot and task of the merged area."""

    id: str
    name: str | None = None
    zones: list[str] = Field(min_length=2)
    max_travel_minutes: int | None = Field(None, ge=0, le=24 * 60)
    """Hotspots and tasks in another former zone only for officers whose station is at most this many
    minutes away (scenario `travel_minutes`); emergency response stays one pool. Default: no limit."""


class TravelTime(Strict):
    """Travel time between two municipalities, both ways."""

    between: list[str] = Field(min_length=2, max_length=2)
    minutes: int = Field(ge=0, le=24 * 60)


class OfficerBatch(Strict):
    """Officers added by a policy: `count` alike officers, ids `<id_prefix>-01`, ..."""

    id_prefix: str
    count: int = Field(ge=1, le=1000)
    zone: str | None = None
    team: str | None = None
    skills: list[str] = Field(default_factory=list)
    contract_hours: float = Field(38, ge=0, le=80)


class HotspotChanges(Strict):
    add: list[Hotspot] = Field(default_factory=list)
    scale: dict[str, Annotated[float, Field(ge=0, le=100)]] = Field(default_factory=dict)
    """Hotspot id -> factor on every target's officers (rounded up), e.g. {clemenceau: 1.5}."""


class Policy(Strict):
    """A named, documented change to a scenario; `include` composes other policies first."""

    id: str
    description: str
    include: list[str] = Field(default_factory=list)
    exempt: dict[str, list[Exemption]] = Field(default_factory=dict)
    """Zone id -> exemptions added to that zone."""
    add_officers: list[OfficerBatch] = Field(default_factory=list)
    remove_officers: list[str] = Field(default_factory=list)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Rule overrides, as under the scenario's `rules`, e.g. {max_service_per_24h: {hours: 10}}."""
    weights: dict[str, Annotated[int, Field(ge=0, le=MAX_WEIGHT)]] = Field(default_factory=dict)
    """Objective weight overrides, as under objective.weights."""
    hotspots: HotspotChanges = Field(default_factory=HotspotChanges)
    merge: list[Merger] = Field(default_factory=list)


class Reinforcements(Strict):
    """The profile of the extra officers the staffing gap counts (solve --staffing-gap)."""

    per_zone: int = Field(30, ge=1, le=500)
    """Most extra officers offered to each zone."""
    team: str = "reinforcement"
    skills: list[str] = Field(default_factory=list)
    contract_hours: float = Field(38, gt=0, le=80)


class Scenario(Strict):
    """One zone's week (or up to six weeks)."""

    schema_: str | None = Field(None, alias="$schema")
    """The JSON Schema of this file, for editors; ignored by the scheduler."""
    name: str | None = None
    zone: str = "zone"
    municipalities: list[str] = Field(default_factory=list)
    """The zone's municipalities; the first is the default station and place of work."""
    horizon: Horizon
    skills: list[str] = Field(default_factory=list)
    shift_types: list[ShiftType] = Field(min_length=1)
    officers: list[Officer]
    demand: Demand = Field(default_factory=Demand)
    tasks: list[Task] = Field(default_factory=list)
    hotspots: list[Hotspot] = Field(default_factory=list)
    rules: RuleSettings = Field(default_factory=RuleSettings)
    objective: Objective = Field(default_factory=Objective)
    solver: SolverSettings = Field(default_factory=SolverSettings)
    zones: list[Zone] = Field(default_factory=list)
    """Several zones in one scenario (a region); empty = the single zone `zone`."""
    mergers: list[Merger] = Field(default_factory=list)
    travel_minutes: list[TravelTime] = Field(default_factory=list)
    """Travel times between municipalities (for mergers with `max_travel_minutes`); one municipality to
    itself is 0."""
    policies: list[Policy] = Field(default_factory=list)
    """Policies this scenario offers to `compare` (besides configs/policies/)."""
    reinforcements: Reinforcements = Field(default_factory=Reinforcements)
    previous: str | None = None
    """Last week's roster.json (relative to this file), with its ledger.json beside it: this week's history
    and fairness start where it ended (`scheduler next-week` writes it)."""
    campaign: Campaign | None = None
    """What varies from week to week over many weeks (`scheduler campaign`); a plain solve ignores it."""

    @model_validator(mode="before")
    @classmethod
    def _not_empty(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("a scenario is a YAML mapping (horizon, shift_types, officers, ...)")
        return data


SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def scenario_json_schema() -> dict[str, Any]:
    """The scenario as a JSON Schema for editors (`scheduler schema`, committed as scenario.schema.json).

    Generated from the models above, so it has their `extra="forbid"` (additionalProperties: false) and their
    docstrings; cross-references (an unknown skill, say) are checked by `scheduler validate` only.
    """
    schema = Scenario.model_json_schema(by_alias=True)
    return {"$schema": SCHEMA_DIALECT, "title": "Police duty scheduler scenario", **{k: v for k, v in schema.items() if k != "title"}}
