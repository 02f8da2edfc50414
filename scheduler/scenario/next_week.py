"""Next week's scenario from this week's: the same zone, its horizon moved on by its length, `previous:`
naming this week's roster, and what is dated before the new horizon left out (it is history now)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from scheduler.errors import InputError, InputProblem
from scheduler.scenario.region import is_region
from scheduler.scenario.schema import Horizon


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _days_from(days: list[Any], start: dt.date) -> list[Any]:
    """A window's days without the dates before `start` (weekdays and ranges are kept)."""
    return [d for d in days if (day := _date(d)) is None or day >= start]


def _windows_from(windows: list[Any], start: dt.date) -> list[Any]:
    out = []
    for w in windows:
        if isinstance(w, dict) and "days" in w:
            days = _days_from(list(w["days"] or []), start)
            if not days:
                continue  # a window on past dates only
            w = {**w, "days": days}
        out.append(w)
    return out


def next_week_data(data: dict[str, Any], source: str, previous: str) -> dict[str, Any]:
    """`data` (a zone scenario as read) for the following horizon; `previous` is the roster's path
    relative to where the new file will be."""
    if is_region(data):
        raise InputError([InputProblem(source, None, "zones", "next-week writes a zone file; for a region, set "
                                       "previous: in the region file and move each zone file's horizon")])
    horizon = Horizon.model_validate(data["horizon"])
    start = horizon.start + dt.timedelta(days=horizon.days)
    out = copy.deepcopy(data)
    out["horizon"] = {**out["horizon"], "start": start}
    out["previous"] = previous
    for o in out.get("officers") or []:
        o.pop("history", None)  # next week's history is this week's roster
        for key in ("fixed", "requests"):
            if key in o:
                o[key] = [x for x in o[key] if (_date(x.get("date")) or start) >= start]
        if "unavailable" in o:
            o["unavailable"] = [u for u in o["unavailable"]
                                if (_date(u.get("end")) or _date(u.get("start")) or start) >= start]
    demand = out.get("demand") or {}
    for part in ("windows", "shift_cover"):
        if part in demand:
            demand[part] = _windows_from(demand[part], start)
    out["tasks"] = [t for t in (out.get("tasks") or [])
                    if not isinstance(t, dict) or _windows_from(t.get("windows") or [], start)]
    for t in out["tasks"]:
        if isinstance(t, dict):
            t["windows"] = _windows_from(t.get("windows") or [], start)
    for h in out.get("hotspots") or []:
        if isinstance(h, dict):
            h["targets"] = _windows_from(h.get("targets") or [], start)
    out["hotspots"] = [h for h in out.get("hotspots") or [] if not isinstance(h, dict) or h["targets"]]
    return out
