"""patrol.json: the plan as a document (what the cards, the workbook and the calendars read), with the
independent check and the measures. Plain Python, no solver."""

from __future__ import annotations

from typing import Any

from scheduler.patrol.check import check_visits, gaps, patrol_measures, travel_legs
from scheduler.patrol.units import PatrolSetup, Visit
from scheduler.problem import Problem


def _at(problem: Problem, minute: int) -> str:
    return problem.local_time(minute).isoformat(timespec="minutes")


def patrol_document(problem: Problem, setup: PatrolSetup, visits: list[Visit], summary: dict[str, Any]) -> dict[str, Any]:
    """summary (given: seed, files, time), check, measures, units with their visits and journeys, gaps
    over the max."""
    faults = check_visits(setup, visits)
    names = {h: r.name for h, r in setup.hotspots.items()}
    units = []
    for u in setup.units:
        own = sorted(v for v in visits if v.unit == u.id)
        units.append({
            "id": u.id, "officers": list(u.officers), "zone": u.zone, "day": u.day,
            "date": problem.date_of(u.day).isoformat(), "shift": u.shift, "duty": u.duty,
            "duty_name": names[u.duty], "start": _at(problem, u.start), "end": _at(problem, u.end),
            "visits": [{"hotspot": v.hotspot, "name": names[v.hotspot], "start": _at(problem, v.start),
                        "end": _at(problem, v.end), "minutes": v.end - v.start,
                        "start_minute": v.start, "end_minute": v.end} for v in own],
            "travel": [{"from": a, "to": b, "depart": _at(problem, d), "arrive": _at(problem, t), "minutes": t - d}
                       for a, b, d, t in travel_legs(setup, own)],
        })
    over = [{"hotspot": g.hotspot, "name": names[g.hotspot], "start": _at(problem, g.start), "end": _at(problem, g.end),
             "minutes": g.end - g.start, "excess_minutes": g.excess}
            for g in gaps(setup, visits) if g.excess > 0]
    return {
        "summary": {**summary, "units": len(setup.units), "visits": len(visits)},
        "check": {"faults": len(faults), "lines": [f"{f.rule} {f.unit} {f.hotspot} {_at(problem, f.start)}: {f.message}"
                                                   for f in faults]},
        "measures": patrol_measures(setup, visits, problem.days),
        "units": units,
        "gaps_over_max": over,
    }


def visits_of(doc: dict[str, Any]) -> list[Visit]:
    """The visits of a patrol.json, to check it again."""
    return [Visit(int(v["start_minute"]), int(v["end_minute"]), str(v["hotspot"]), str(u["id"]))
            for u in doc.get("units", []) for v in u.get("visits", [])]
