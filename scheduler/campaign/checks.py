"""What a campaign needs of its scenario beyond the schema: a week's horizon, dates within the
campaign, ids that exist. Every problem names the file, line and field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scheduler.errors import InputProblem
from scheduler.scenario.campaign import Campaign
from scheduler.scenario.schema import Horizon
from scheduler.scenario.yaml_source import YamlSource, format_loc


def campaign_problems(data: dict[str, Any], campaign: Campaign, weeks: int, source: YamlSource) -> list[InputProblem]:
    problems: list[InputProblem] = []

    def bad(loc: tuple[Any, ...], message: str) -> None:
        problems.append(InputProblem(source.name, source.locate(loc), format_loc(loc), message))

    horizon = Horizon.model_validate(data.get("horizon"))  # validated with the scenario before
    if horizon.days != 7:
        bad(("horizon", "days"), "a campaign goes week by week: the horizon is 7 days")
    start = horizon.start
    last = start + dt.timedelta(days=7 * weeks - 1)
    span = f"the campaign's {weeks} weeks run from {start} to {last}"
    officers = {str(o.get("id")) for o in data.get("officers") or [] if isinstance(o, dict)}
    hotspots = {str(h.get("id")) for h in data.get("hotspots") or [] if isinstance(h, dict)}
    tasks = {str(t.get("id")) for t in data.get("tasks") or [] if isinstance(t, dict)}
    seen: set[str] = set()
    for i, f in enumerate(campaign.fixtures):
        where = ("campaign", "fixtures", i)
        if not start <= f.date <= last:
            bad((*where, "date"), f"{f.date} is outside the campaign: {span}")
        if f.id in tasks or f.id in seen:
            bad((*where, "id"), f"task id '{f.id}' is used twice (fixtures become tasks)")
        seen.add(f.id)
    for i, change in enumerate(campaign.hotspot_changes):
        for key in change.scale:
            if key != "all" and key not in hotspots:
                bad(("campaign", "hotspot_changes", i, "scale", key), f"unknown hotspot '{key}' (known: {', '.join(sorted(hotspots)) or 'none'})")
        if change.start > last:
            bad(("campaign", "hotspot_changes", i, "start"), f"{change.start} is after the campaign: {span}")
    for i, dep in enumerate(campaign.departures):
        if dep.officer not in officers:
            bad(("campaign", "departures", i, "officer"), f"unknown officer '{dep.officer}'")
        if not start <= dep.date <= last:
            bad(("campaign", "departures", i, "date"), f"{dep.date} is outside the campaign: {span}")
    for i, join in enumerate(campaign.joins):
        if join.officer.id in officers:
            bad(("campaign", "joins", i, "officer", "id"), f"officer id '{join.officer.id}' is already in the zone")
        if not start <= join.date <= last:
            bad(("campaign", "joins", i, "date"), f"{join.date} is outside the campaign: {span}")
    return problems
