"""What the roster briefing shows, from a roster.json document: plain values for the template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import scheduler.report.charts as charts
from scheduler.report.i18n import label, labels, weekdays
from scheduler.report.numbers import number, percent


def _officer_table(per_officer: dict[str, dict[str, Any]], display: Callable[[str, str], str], anonymized: bool) -> list[dict[str, Any]]:
    rows = [
        {**o, "officer": display(oid, o.get("name") or oid), "id": None if anonymized else oid}
        for oid, o in per_officer.items()
    ]
    # Anonymized rows are sorted by pseudonym: the id order would say who is who.
    return sorted(rows, key=lambda r: (r.get("team") or "", r["officer"] if anonymized else r["id"]))


def roster_context(doc: dict[str, Any], lang: str, display: Callable[[str, str], str], anonymized: bool) -> dict[str, Any]:
    L = labels(lang)
    s, m = doc.get("summary", {}), doc.get("measures", {})
    days = weekdays(lang)

    summary = []
    if h := s.get("horizon"):
        summary.append((L["horizon"], f"{h['start']} + {h['days']} {L['days']} ({h['timezone']})"))
    status = s.get("status", "?") + (f" ({L['interrupted']})" if s.get("interrupted") else "")
    summary.append((L["status"], status))
    summary.append((L["objective"], number(s.get("objective"), lang)))
    summary.append((L["best_bound"], number(s.get("best_bound"), lang)))
    summary.append((L["gap"], percent(s.get("gap"), lang)))
    if s.get("wall_time_s") is not None:
        summary.append((L["wall_time"], f"{number(s['wall_time_s'], lang, 1)} {L['seconds']}"))
    if c := s.get("check"):
        verdict = L["checker_agrees"] if c.get("agrees_with_solver") else L["checker_differs"]
        summary.append((L["checker"], f"{c.get('hard_violations')} {L['hard_violations']}, "
                                      f"{L['objective'].lower()} {number(c.get('objective'), lang)} ({verdict})"))

    measures: list[tuple[str, str, bool]] = []  # label, value, needs attention

    def add(key: str, value: str, bad: bool = False) -> None:
        measures.append((label(lang, key), value, bad))

    if m.get("hotspots"):
        add("hotspot_coverage", f"{percent(m['hotspot_coverage'], lang) if m['hotspot_coverage'] is not None else L['no_target']} "
            f"({number(m['hotspot_delivered_officer_hours'], lang)} / {number(m['hotspot_target_officer_hours'], lang)})")
        add("hotspot_target_slots_fully_covered", percent(m["hotspot_target_slots_fully_covered"], lang))
    if "unmet_mandatory_officer_hours" in m:
        add("unmet_mandatory_officer_hours", number(m["unmet_mandatory_officer_hours"], lang), m["unmet_mandatory_officer_hours"] > 0)
    if "response_shortfall_officer_hours" in m:
        add("response_shortfall_officer_hours", f"{number(m['response_shortfall_officer_hours'], lang)} / "
            f"{number(m.get('response_wanted_officer_hours'), lang)}", m["response_shortfall_officer_hours"] > 0)
    if m.get("shift_cover_shortfall_officers"):
        add("shift_cover_shortfall_officers", number(m["shift_cover_shortfall_officers"], lang), True)
    if "overtime_hours" in m:
        add("overtime_hours", f"{number(m['overtime_hours'], lang)} ({m.get('officers_with_overtime', 0)} {L['officers_count']})")
    if "hours_worked" in m:
        add("hours_worked", number(m["hours_worked"], lang))
    if "officers_used" in m:
        add("officers_used", f"{m['officers_used']} / {m.get('officers', '?')}")
    for key in ("nights_spread", "weekend_shifts_spread", "hours_spread", "hycap_hours_spread"):
        if key in m.get("fairness", {}):
            add(key, number(m["fairness"][key], lang))
    for zone, hours in m.get("hycap_hours_received", {}).items():  # by host zone: "given to" it
        measures.append((f"{L['hycap_hours_given']} {zone}", number(hours, lang), False))
    for zone, hours in m.get("hycap_surplus_hours", {}).items():  # officers sent beyond a zone's quota
        measures.append((f"{L['hycap_surplus_hours']}: {zone}", number(hours, lang), True))

    hotspots = [
        {"id": hid, "target": number(h["target_officer_hours"], lang), "delivered": number(h["delivered_officer_hours"], lang),
         "coverage": L["no_target"] if h["coverage"] is None else percent(h["coverage"], lang),
         "full": percent(h["target_slots_fully_covered"], lang), "bad": (h["coverage"] or 1) < 1}
        for hid, h in m.get("hotspots", {}).items()
    ]
    hotspot_chart = None
    if hotspots and all("by_hour_of_week" in h for h in m["hotspots"].values()):
        hs = m["hotspots"]
        hotspot_chart = charts.heatmap(
            "chart-hotspots", list(hs), [h["by_hour_of_week"]["delivered"] for h in hs.values()],
            [h["by_hour_of_week"]["target"] for h in hs.values()], days, L["delivered_over_target"],
        )
    response_chart = None
    if rb := m.get("response_by_hour_of_week"):
        response_chart = charts.heatmap(
            "chart-response", list(rb), [r["delivered"] for r in rb.values()], [r["wanted"] for r in rb.values()],
            days, L["delivered_over_target"],
        )

    tasks = sorted(
        ({"id": tid, "kind": t.get("kind") or "", "priority": t.get("priority") or "", "host_zone": t.get("host_zone") or "",
          "wanted": number(t.get("wanted_officer_hours"), lang), "unmet": number(t.get("unmet_officer_hours"), lang),
          "bad": (t.get("unmet_officer_hours") or 0) > 0, "unmet_value": t.get("unmet_officer_hours") or 0}
         for tid, t in m.get("tasks", {}).items()),
        key=lambda t: (-t["unmet_value"], t["id"]),
    )

    fairness_charts: list[tuple[str, str]] = []
    officers: list[dict[str, Any]] = []
    fairness_population = 0
    if per := m.get("per_officer"):
        # The histograms show the officers the spreads are measured on (comparable ones) when there are some.
        comparable = [o for o in per.values() if o.get("comparable_group")] or list(per.values())
        fairness_population = len(comparable)
        for key in ("hours", "nights", "weekend_shifts"):
            fairness_charts.append((L[key], charts.histogram(
                f"chart-{key.replace('_', '-')}", [o[key] for o in comparable], L[key], L["officers_count"])))
        officers = [
            {**r, "hours": number(r["hours"], lang), "overtime_hours": number(r["overtime_hours"], lang),
             "hycap_hours": number(r["hycap_hours"], lang)}
            for r in _officer_table(per, display, anonymized)
        ]

    return {
        "kind": "roster",
        "title": s.get("scenario") or L["title_roster"],
        "summary": summary,
        "tiers": [(L.get(f"tier_{k}", k), number(v, lang)) for k, v in s.get("tiers", {}).items()],
        "measures": measures,
        "hotspots": hotspots,
        "hotspot_chart": hotspot_chart,
        "response_chart": response_chart,
        "response_wanted": m.get("response_wanted_officer_hours", 0) > 0,
        "tasks": tasks,
        "all_tasks_staffed": bool(tasks) and not any(t["bad"] for t in tasks),
        "fairness_charts": fairness_charts,
        "fairness_population": fairness_population,
        "officers": officers,
        "missing_detail": bool(m) and ("per_officer" not in m or (hotspots and hotspot_chart is None)),
        "penalties": [(k, number(v, lang)) for k, v in doc.get("penalties", {}).items()],
        # Only the file name: a full path can name the person or machine that solved it.
        "source": Path(s.get("input_file") or "").name,
        "sha256": s.get("input_sha256", ""),
        "solver": s.get("solver_version", ""),
    }
