"""A campaign week's row: the week's measures (from the checked roster's measures, never the solver's)
and each officer's week, which the campaign's measures over many weeks are computed from."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scheduler.campaign.weeks import WeekInput
from scheduler.problem import Problem
from scheduler.roster import Assignment, SolveInfo

# An officer's week in week.json (`per_officer`): a list in this order (compact: 300 officers x 26 weeks).
OFFICER_FIELDS = ("zone", "hours", "available_hours", "nights", "weekend_shifts", "holiday_shifts",
                  "hycap_hours", "short_notice_changes", "absent_days")


def week_row(wi: WeekInput, problem: Problem, doc: dict[str, Any], planned: SolveInfo, plan_s: float,
             repairs: list[dict[str, Any]]) -> dict[str, Any]:
    m = doc["measures"]
    check = doc["summary"]["check"]
    fair = m.get("fairness") or {}
    gave = [r["failed"] for r in repairs if "failed" in r]
    if check["hard_violations"]:
        gave.append(f"{check['hard_violations']} hard rule(s) broken in the final roster (see roster.json)")
    return {
        "week": wi.index + 1, "start": wi.start.isoformat(),
        "public_holidays": [d.isoformat() for d in wi.public_holidays],
        "plan": {"status": planned.status, "objective": planned.objective, "best_bound": planned.best_bound,
                 "gap": planned.gap, "seconds": round(plan_s, 2)},
        "repairs": repairs,
        "objective": check["objective"],
        "hard_violations": check["hard_violations"],
        "hard_rule_gave": gave,
        "hotspot_target_officer_hours": m.get("hotspot_target_officer_hours", 0),
        "hotspot_delivered_officer_hours": m.get("hotspot_delivered_officer_hours", 0),
        "hotspot_coverage": m.get("hotspot_coverage"),
        "unmet_mandatory_officer_hours": m.get("unmet_mandatory_officer_hours", 0),
        "response_shortfall_officer_hours": m.get("response_shortfall_officer_hours", 0),
        "response_wanted_officer_hours": m.get("response_wanted_officer_hours", 0),
        "overtime_hours": m.get("overtime_hours", 0),
        "officers_with_overtime": m.get("officers_with_overtime", 0),
        "hours_worked": m.get("hours_worked", 0),
        "officers": m.get("officers", 0),
        "nights_spread": fair.get("nights_spread"),
        "weekend_shifts_spread": fair.get("weekend_shifts_spread"),
        "hycap_hours_given": m.get("hycap_hours_given", {}),
        "hycap_hours_received": m.get("hycap_hours_received", {}),
        "short_notice_changes": sum(r.get("changed_assignments", 0) for r in repairs),
    }


def away_days(data: dict[str, Any], first: dt.date, days: int) -> dict[str, int]:
    """officer -> days of the week touched by an `unavailable` entry (leave, sickness, ...) in `data`."""
    out = {}
    last = first + dt.timedelta(days=days - 1)
    for o in data.get("officers") or []:
        touched: set[dt.date] = set()
        for u in o.get("unavailable") or []:
            a, b = u.get("start"), u.get("end")
            a_day = a.date() if isinstance(a, dt.datetime) else a
            if b is None:
                b_day = last
            elif isinstance(b, dt.datetime):  # excluded end: midnight ends the day before
                b_day = (b - dt.timedelta(microseconds=1)).date()
            else:
                b_day = b
            if not isinstance(a_day, dt.date):
                continue
            d = max(a_day, first)
            while d <= min(b_day, last):
                touched.add(d)
                d += dt.timedelta(days=1)
        out[str(o.get("id"))] = len(touched)
    return out


def officer_rows(problem: Problem, assignments: list[Assignment], ledger: dict[str, Any],
                 changes: dict[str, int], holidays: list[dt.date], away: dict[str, int]) -> dict[str, list[Any]]:
    """officer -> OFFICER_FIELDS: hours worked and available (the contract pro rata over days not away,
    as the ledger keeps it), nights, weekend and public-holiday shifts, HyCap hours, short-notice
    changes, days away."""
    holiday_days = {(d - problem.start_date).days for d in holidays}
    on_holiday: dict[str, int] = {}
    for a in assignments:
        if a.day in holiday_days:
            on_holiday[a.officer] = on_holiday.get(a.officer, 0) + 1
    out = {}
    for o in problem.officers:
        period = ledger["officers"][o.id]["periods"][-1]
        out[o.id] = [o.zone, round(period["hours"], 2), round(period["contract_hours"], 2), period["nights"],
                     period["weekend_shifts"], on_holiday.get(o.id, 0), round(period["hycap_hours"], 2),
                     changes.get(o.id, 0), away.get(o.id, 0)]
    return out
