"""Officers a zone would need: the chain's worst week solved again, in hindsight, with a pool of extra
officers (the staffing gap of `solve --staffing-gap`, here over the week the targets were missed most).

The week is its planned scenario with every change that came during it applied (absences, requests):
what the zone would have had to cover. The extra officers the solver takes are the need; the count is
"at least" when a zone used its whole pool.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scheduler.api import settings_for, solve_problem
from scheduler.measures import compute_measures
from scheduler.problem import build_problem
from scheduler.scenario.apply_changes import apply_changes
from scheduler.scenario.changes import read_changes
from scheduler.scenario.load import load_data
from scheduler.scenario.yaml_source import YamlSource


def shortfall_hours(week: dict[str, Any]) -> float:
    """Officer-hours the week's final roster left short: hotspot targets, response, mandatory work."""
    return (week["hotspot_target_officer_hours"] - week["hotspot_delivered_officer_hours"]
            + week["response_shortfall_officer_hours"] + week["unmet_mandatory_officer_hours"])


def worst_week_need(folder: Path, weeks: list[dict[str, Any]], time_limit: float, seed: int, workers: int,
                    deterministic: bool) -> dict[str, Any] | None:
    """The worst week's staffing gap, or None when no week fell short."""
    if not weeks:
        return None
    worst = max(weeks, key=shortfall_hours)
    if shortfall_hours(worst) <= 1e-9:
        return {"week": None, "extra_officers": 0, "per_zone": {}, "pool_exhausted": []}
    week_dir = folder / f"week-{worst['week']:02d}"
    path = week_dir / "scenario.yaml"
    source = YamlSource.read(path)
    data: dict[str, Any] = dict(source.data or {})
    files = [str(path)]
    for changes_path in sorted(week_dir.glob("changes-*.yaml"), key=lambda p: int(p.stem.split("-")[1])):
        changes, changes_source = read_changes(str(changes_path))
        data = apply_changes(data, changes, changes_source)
        files.append(str(changes_path))
    loaded = load_data(data, files, source, path, staffing_gap=True)
    problem = build_problem(loaded)
    roster = solve_problem(problem, settings_for(loaded, time_limit=time_limit, seed=seed, workers=workers,
                                                  deterministic=deterministic))
    if not roster.assignments:
        return {"week": worst["week"], "status": roster.info.status, "extra_officers": None}
    used = compute_measures(problem, roster.assignments)["reinforcements_used"]
    pool = loaded.scenario.reinforcements.per_zone
    return {
        "week": worst["week"], "status": roster.info.status, "gap": roster.info.gap,
        "shortfall_officer_hours": round(shortfall_hours(worst), 1),
        "extra_officers": sum(used.values()), "per_zone": dict(used),
        "pool_exhausted": sorted(z for z, n in used.items() if n >= pool),
        "profile": json.loads(loaded.scenario.reinforcements.model_dump_json()),
    }
