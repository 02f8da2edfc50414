"""The roster in the terminal: the summary table and the officer x day grid, team by team."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from scheduler.problem import Problem


def _rate(share: float | None) -> str:
    """A share as a percentage; None is a rate over nothing (a hotspot without a target), not 100 %."""
    return "no target" if share is None else f"{share:.1%}"


def print_summary(console: Console, problem: Problem, doc: dict[str, Any]) -> None:
    s, m = doc["summary"], doc["measures"]
    t = Table(title=f"{problem.name}: {problem.date_of(0)} + {problem.days} days", show_header=False)
    t.add_column("measure")
    t.add_column("value", justify="right")
    gap_text = f"{s['gap']:.2%}" if s["gap"] is not None else "-"
    t.add_row("status", f"{s['status']}{' (interrupted)' if s['interrupted'] else ''}, gap {gap_text}")
    t.add_row("objective / bound", f"{s['objective']:,.2f} / {s['best_bound']:,.2f}")
    if "benchmark_objective" in s:
        t.add_row("benchmark objective", str(s["benchmark_objective"]))
    t.add_row("unmet mandatory officer-hours", f"{m['unmet_mandatory_officer_hours']:g}")
    t.add_row("response shortfall officer-hours", f"{m['response_shortfall_officer_hours']:g}")
    if problem.cover_needs:
        t.add_row("shift cover shortfall (officers)", str(m["shift_cover_shortfall_officers"]))
    if m["hotspots"]:
        t.add_row("hotspot coverage", f"{_rate(m['hotspot_coverage'])} of {m['hotspot_target_officer_hours']:g} officer-hours")
        for hid, h in m["hotspots"].items():
            t.add_row(f"  {hid}", _rate(h["coverage"]))
    t.add_row("overtime hours (above pro-rata contract)", f"{m['overtime_hours']:g} ({m['officers_with_overtime']} officers)")
    f = m["fairness"]
    t.add_row("spread nights / weekend shifts / hours", f"{f['nights_spread']:g} / {f['weekend_shifts_spread']:g} / {f['hours_spread']:g}")
    for zone, h in m["hycap_hours_received"].items():
        t.add_row(f"HyCap hours given to {zone}", f"{h:g}")
    for zone, h in m.get("hycap_surplus_hours", {}).items():
        t.add_row(f"HyCap hours of {zone} beyond its quota", f"{h:g}")
    if m["outside_region_officer_hours"]:
        t.add_row("work handed outside the region", f"{m['outside_region_officer_hours']:g} officer-hours")
    t.add_row("officers used", f"{m['officers_used']} of {m['officers']}")
    gap = doc.get("staffing_gap")
    if gap and gap.get("extra_officers") is not None:
        zones = ", ".join(f"{z} {n}" for z, n in gap["per_zone"].items() if n)
        t.add_row("staffing gap: extra officers", f"{gap['extra_officers']}" + (f" ({zones})" if zones else ""))
        t.add_row("  hotspot coverage with them", _rate(gap["hotspot_coverage_with_them"]))
        if gap["pool_exhausted"]:
            t.add_row("  pool used up (gap is larger) in", ", ".join(gap["pool_exhausted"]))
    for tier, v in s["tiers"].items():
        t.add_row(f"penalty: {tier}", f"{v:,.2f}")
    t.add_row("checker", f"{s['check']['hard_violations']} hard violations, objective {s['check']['objective']:,.2f}")
    t.caption = ("overtime: hours worked above each officer's contract hours pro rata over his days not on "
                 "leave; the objective weighs it against shortfall (objective.weights.overtime)")
    console.print(t)


def print_grid(console: Console, problem: Problem, rows: list[dict[str, Any]]) -> None:
    """Officers x days, team by team; a cell is the shift and, when not response, the duty."""
    cell: dict[tuple[str, int], str] = {}
    for r in rows:
        cell[(r["officer"], r["day"])] = r["shift"] + ("" if r["duty"] == "response" else f":{r['duty'][:8]}")
    teams: dict[str, list] = {}
    for o in problem.officers:
        teams.setdefault(o.team or "-", []).append(o)
    for team, members in teams.items():
        t = Table(title=f"team {team}", show_lines=False, pad_edge=False)
        t.add_column("officer", no_wrap=True)
        for d in range(problem.days):
            t.add_column(problem.date_of(d).strftime("%a %d"), no_wrap=True)
        for o in members:
            row = []
            for d in range(problem.days):
                if (o.id, d) in cell:
                    row.append(cell[(o.id, d)])
                elif any(a <= problem.day_start[d] and problem.day_start[d + 1] <= b for a, b, _ in o.unavailable):
                    row.append(next(r for a, b, r in o.unavailable if a <= problem.day_start[d])[:5])
                else:
                    row.append(".")
            t.add_row(o.id, *row)
        console.print(t)
