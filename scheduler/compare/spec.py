"""What compare solves and what each solve gives back: the scenarios, the settings they share, the results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scheduler.roster import Roster

BASELINE = "baseline"


@dataclass(frozen=True)
class ScenarioSpec:
    name: str  # "baseline" or the policy id
    description: str
    policies: tuple[str, ...]
    changes_objective: bool = False  # its policies change weights or rules: what the objective means
    # What its policies change against the baseline, read from the data (compare/policy_effect.py), as
    # compare.json's `effect`; None for the baseline and for a scenario that does not load.
    effect: dict[str, Any] | None = None
    # The zones it is solved zone by zone over (empty: as one problem), read with its effect, so compare
    # knows which policies wait for the baseline without loading each scenario again; None when not read.
    zones: tuple[str, ...] | None = None


@dataclass
class CompareSettings:
    time_limit: float | None = None
    workers: int | None = None
    seed: int | None = None
    deterministic: bool | None = None
    staffing_gap: bool = False
    # Zones whose solver-ready problem is the baseline's are taken from the baseline's solve (solve/shared.py).
    share_zones: bool = True
    # Every scenario hands back its solves (fingerprint -> roster), for `--until-decided` to re-solve.
    keep_solves: bool = False


@dataclass
class ScenarioResult:
    spec: ScenarioSpec
    summary: dict[str, Any]
    measures: dict[str, Any]
    staffing_gap: dict[str, Any] | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    zone_rosters: dict[str, Roster] | None = None  # zones solved so far (fingerprint -> roster), to share
