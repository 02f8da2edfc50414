"""Zones solved once: a stable fingerprint of a zone's solver-ready problem and the settings it is solved
with, so that `compare` can hand a zone's roster from one scenario to another whose zone is the same.

A policy that changes one zone then changes only that zone's figures: the other zones are not re-solved
(a re-solve that stops at another roster of the same problem would show solver noise as a policy effect),
and their optimum is provably the same (`compare/verdicts.py` gives them a proven difference of zero).
The fingerprint covers everything the solve reads: officers (skills, contract, leave, blocked and fixed
shifts, history, requests, rules), shift instances, duties with their needs and weights, response and
cover needs, rules and weights, and the solver settings but for the time limit (the zones of a region
share it, so one zone's share moves when another zone grows). Names, the source, and what only the
measures read (work handed outside the region, the zone layout) do not enter: no solve reads them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from typing import Any

from pydantic import BaseModel

from scheduler.problem import Problem
from scheduler.roster import Roster
from scheduler.scenario.schema import SolverSettings
from scheduler.solve.progress import relative_gap

# Problem fields that name or trace the scenario, or that only the measures read (work handed outside the
# region, the zone layout): no part of the model or of a strategy reads them (split.py only filters them).
NOT_SOLVED = frozenset({"name", "source", "sha256", "policies", "_covering", "outside_work", "zones", "staff_zone"})

ZoneRosters = dict[str, Roster]  # fingerprint -> the zone's roster, as solved once


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _canonical(value: Any, models: dict[int, Any] | None = None) -> Any:
    """Plain JSON data, the same for equal values whatever the order of sets and dicts. `models` keeps each
    pydantic object's form by identity: officers share their rule pack, dumped once."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    models = {} if models is None else models
    if isinstance(value, BaseModel):
        if id(value) not in models:
            models[id(value)] = (value, _canonical(value.model_dump(mode="json"), models))
        return models[id(value)][1]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name), models) for f in dataclasses.fields(value)
                if f.name not in NOT_SOLVED}
    if isinstance(value, dict):
        return sorted(([_canonical(k, models), _canonical(v, models)] for k, v in value.items()), key=_key)
    if isinstance(value, set | frozenset):
        if all(isinstance(v, int) for v in value):
            return sorted(value)  # instance and duty indices: no need to sort by their JSON
        return sorted((_canonical(v, models) for v in value), key=_key)
    if isinstance(value, list | tuple):
        return [_canonical(v, models) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    raise TypeError(f"no canonical form for {type(value).__name__}")


def zone_fingerprint(problem: Problem, settings: SolverSettings) -> str:
    """SHA-256 of the problem as solved and the settings but the time limit: equal for equal zones."""
    data = {"problem": _canonical(problem),
            "settings": settings.model_dump(mode="json", exclude={"time_limit"})}
    return hashlib.sha256(_key(data).encode("utf-8")).hexdigest()


def best_of(old: Roster, new: Roster) -> Roster:
    """Two solves of the same problem (the same fingerprint): the better roster (the earlier on a tie) and
    the better bound, since each solve's bound holds for the problem; the time is both solves'."""
    if new.info.objective is None:
        better = old
    elif old.info.objective is None or new.info.objective < old.info.objective:
        better = new
    else:
        better = old
    bounds = [b for b in (old.info.best_bound, new.info.best_bound) if b is not None]
    bound = max(bounds) if bounds else None
    if bound is not None and better.info.objective is not None:
        bound = min(bound, better.info.objective)
    gap = relative_gap(better.info.objective, bound)
    status = "OPTIMAL" if gap == 0 else better.info.status
    info = dataclasses.replace(better.info, best_bound=bound, gap=gap, status=status,
                               wall_time_s=old.info.wall_time_s + new.info.wall_time_s,
                               interrupted=new.info.interrupted)
    return Roster(better.assignments, info)
