"""One week of a campaign as data: the scenario the week is planned from, and what happens after.

A week is planned `publish_days` before it starts (the roster is published ahead): what the zone knows
by then is in the week's scenario (leave granted, long absences under way, fixtures announced, recruits
and departures, hotspot targets, public holidays); what becomes known later comes as disruptions, each
a changes mapping (`scheduler repair`'s schema) with the time from which the roster is repaired.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import holidays as holiday_calendars

from scheduler.campaign.draws import Episode
from scheduler.scenario.campaign import Campaign, Fixture
from scheduler.scenario.values import WEEKDAYS, weekday_set

WEEK = 7


@dataclass
class Disruption:
    """What becomes known at `known` (local time) and changes the week from `start` on."""

    known: dt.datetime
    start: dt.datetime
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass
class WeekInput:
    index: int  # 0-based
    start: dt.date
    data: dict[str, Any]  # the week's scenario mapping, planned
    disruptions: list[Disruption]  # in time order
    public_holidays: list[dt.date]


def week_dates(start: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=d) for d in range(WEEK)]


@cache
def _calendar(country: str, subdivision: str | None, year: int) -> dict[dt.date, str]:
    return dict(holiday_calendars.country_holidays(country, subdiv=subdivision, years=year))


def public_holidays(campaign: Campaign, start: dt.date) -> dict[dt.date, str]:
    """The week's legal public holidays (the `holidays` package's calendar)."""
    ph = campaign.public_holidays
    if ph is None:
        return {}
    out = {}
    for day in week_dates(start):
        name = _calendar(ph.country, ph.subdivision, day.year).get(day)
        if name:
            out[day] = name
    return out


def _on(days: list[Any], day: dt.date) -> bool:
    for spec in days:
        if isinstance(spec, dt.date):
            if spec == day:
                return True
        elif day.weekday() in weekday_set(str(spec).strip().lower()):
            return True
    return False


def _as_sunday(window: dict[str, Any], holiday: dt.date, week: list[dt.date]) -> dict[str, Any]:
    """`window` applying on `holiday` exactly when it applies on a Sunday (its days made explicit dates
    when they change)."""
    days = list(window.get("days") or ["all"])
    sunday = next(d for d in week if d.weekday() == 6) if any(d.weekday() == 6 for d in week) else None
    on_sunday = any(not isinstance(s, dt.date) and 6 in weekday_set(str(s).strip().lower()) for s in days) or (
        sunday is not None and _on(days, sunday))
    if _on(days, holiday) == on_sunday:
        return window
    dates = [d for d in week if _on(days, d) and d != holiday] + ([holiday] if on_sunday else [])
    if not dates:
        return {}
    return {**window, "days": sorted(dates)}


def _apply_holidays(data: dict[str, Any], holidays: list[dt.date], week: list[dt.date]) -> None:
    demand = data.get("demand") or {}
    for part in ("windows", "shift_cover"):
        windows = list(demand.get(part) or [])
        for h in holidays:
            windows = [w2 for w in windows if (w2 := _as_sunday(w, h, week))]
        if part in demand:
            demand[part] = windows


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def fixture_task(f: Fixture) -> dict[str, Any]:
    """A fixture as a scenario task (a window of `hours` from `start` on its date)."""
    h, m = (int(p) for p in str(f.start).split(":"))
    begin = h * 60 + m
    end = begin + round(f.hours * 60)
    task: dict[str, Any] = {
        "id": f.id, "name": f.name or f.id, "kind": f.kind,
        "windows": [{"days": [f.date], "start": _hhmm(begin), "end": "24:00" if end == 24 * 60 else _hhmm(end)}],
        "headcount": f.headcount, "hycap_officers": f.hycap_officers, "skills": list(f.skills),
    }
    if f.host_zone:
        task["host_zone"] = f.host_zone
    return task


def _scale_hotspots(data: dict[str, Any], campaign: Campaign, last_day: dt.date) -> None:
    factors: dict[str, float] = {}
    for change in sorted(campaign.hotspot_changes, key=lambda c: c.start):
        if change.start <= last_day:
            if "all" in change.scale:
                factors = {"all": change.scale["all"]}
            factors.update({k: v for k, v in change.scale.items() if k != "all"})
    if not factors:
        return
    kept = []
    for h in data.get("hotspots") or []:
        factor = factors.get(h.get("id"), factors.get("all", 1.0))
        targets = []
        for t in h.get("targets") or []:
            officers = round(int(t.get("officers", 1)) * factor)
            if officers >= 1:
                targets.append({**t, "officers": officers})
        if targets:
            kept.append({**h, "targets": targets})
    data["hotspots"] = kept


def _absence(e: Episode, first: dt.date, last: dt.date) -> dict[str, Any]:
    return {"start": max(e.first, first), "end": min(e.last, last), "reason": "leave" if e.kind == "leave" else "sick"}


def week_input(template: dict[str, Any], index: int, campaign: Campaign, episodes: list[Episode],
               publish_days: int) -> WeekInput:
    """Week `index` from its template (the scenario with its horizon moved to the week, history left to
    `previous:`), with what the campaign brings to it."""
    data = copy.deepcopy(template)
    data.pop("campaign", None)
    start = dt.date.fromisoformat(str(data["horizon"]["start"]))
    week = week_dates(start)
    first, last = week[0], week[-1]
    planned_at = dt.datetime.combine(first - dt.timedelta(days=publish_days), dt.time())
    week_begins = dt.datetime.combine(first, dt.time())

    officers = [o for o in data.get("officers") or []
                if not any(d.officer == o.get("id") and d.date <= first for d in campaign.departures)]
    for join in campaign.joins:
        if join.date <= last:
            officers.append(join.officer.model_dump(mode="json", exclude_defaults=True))
    present = {o["id"] for o in officers}
    by_id = {o["id"]: o for o in officers}
    for join in campaign.joins:
        if first < join.date <= last:
            _unavailable(by_id[join.officer.id], {"start": first, "end": join.date - dt.timedelta(days=1), "reason": "other"})
    for dep in campaign.departures:
        if dep.officer in present and first < dep.date <= last:
            _unavailable(by_id[dep.officer], {"start": dep.date, "end": last, "reason": "other"})

    batches: dict[dt.datetime, Disruption] = {}

    def later(known: dt.datetime) -> Disruption:
        when = max(known, week_begins)
        return batches.setdefault(when, Disruption(known, when))

    for e in episodes:
        if e.officer not in present or e.last < first or e.first > last:
            continue
        if e.known <= planned_at:
            _unavailable(by_id[e.officer], _absence(e, first, last))
        else:
            a = _absence(e, first, last)
            later(e.known).changes.setdefault("absences", []).append(
                {"officer": e.officer, "start": a["start"], "end": a["end"], "reason": a["reason"]})
    tasks = list(data.get("tasks") or [])
    for f in campaign.fixtures:
        if first <= f.date <= last:
            known = dt.datetime.combine(f.date - dt.timedelta(days=f.announced_days), dt.time())
            if known <= planned_at:
                tasks.append(fixture_task(f))
            else:
                later(known).changes.setdefault("new_tasks", []).append(fixture_task(f))
    data["officers"] = officers
    data["tasks"] = tasks
    _scale_hotspots(data, campaign, last)
    holidays = sorted(public_holidays(campaign, start))
    if campaign.public_holidays is not None and campaign.public_holidays.demand_as == "sunday":
        _apply_holidays(data, holidays, week)
    return WeekInput(index, start, data, [batches[k] for k in sorted(batches)], holidays)


def _unavailable(officer: dict[str, Any], entry: dict[str, Any]) -> None:
    officer["unavailable"] = [*(officer.get("unavailable") or []), entry]


__all__ = ["WEEKDAYS", "Disruption", "WeekInput", "fixture_task", "public_holidays", "week_input"]
