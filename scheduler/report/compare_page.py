"""What the comparison page shows, from a compare.json document.

The scenarios with their description, what each changes (read from its data), status, gap, staffing gap
and the verdict on the objective; the solver gaps said plainly at the top (a chief must never read solver
noise as a policy effect); the measures side by side with deltas, grouped (the whole scenario, hotspot
by hotspot, then one folded section per zone, so a region of six zones stays readable); and a chart per
key measure, the right way up.
"""

from __future__ import annotations

from typing import Any

import scheduler.report.charts as charts
from scheduler.compare.rows import RowMeaning, row_kinds, row_meaning, verdict_kind
from scheduler.compare.text import effect_text
from scheduler.compare.verdicts import GAP_FLAG, range_places
from scheduler.errors import InputError, InputProblem
from scheduler.report.i18n import label, labels
from scheduler.report.numbers import number, percent, signed

# One bar chart each, in this order, for the rows of the whole scenario (not per zone or hotspot).
KEY_CHARTS = (
    "objective", "hotspot_coverage", "unmet_mandatory_officer_hours", "response_shortfall_officer_hours",
    "overtime_hours", "officers_used", "staffing_gap",
)
# Per-zone rows drawn as one grouped chart (zones x scenarios): who absorbs the work a policy moves.
ZONE_CHARTS = ("hours_worked", "hycap_given")
SHARE_UNITS = {"share", "fraction", "ratio"}  # values are fractions (0.61): shown as percentages
PERCENT_UNITS = {"%"}  # values are percentages already (61.2), as compare.py writes them
FALLBACK_CHARTS = 12
CHANGED_NAMED = 4  # measures named in a folded zone's summary line


def validate_compare(doc: dict[str, Any], source: str) -> None:
    """Clear messages for a malformed compare.json, never a traceback."""
    def bad(where: str, message: str) -> InputError:
        return InputError([InputProblem(source, None, where, message)])

    scenarios = doc["scenarios"]
    if not scenarios or not all(isinstance(s, dict) for s in scenarios):
        raise bad("scenarios", "a non-empty list of objects with name, label, summary, measures")
    for i, row in enumerate(doc["rows"]):
        if not isinstance(row, dict) or not isinstance(row.get("measure"), str):
            raise bad(f"rows[{i}]", "each row needs 'measure' (text), 'values' and 'deltas'")
        for key in ("values", "deltas"):
            values = row.get(key, [None] * len(scenarios))
            if not isinstance(values, list) or len(values) != len(scenarios):
                raise bad(f"rows[{i}].{key}", f"a list with one number (or null) per scenario ({len(scenarios)})")
            if not all(v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in values):
                raise bad(f"rows[{i}].{key}", "numbers or null only")
    notes = doc.get("notes", [])
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise bad("notes", "a list of texts")


def _value(v: float | None, unit: str, lang: str) -> str:
    if unit in SHARE_UNITS:
        return percent(v, lang)
    if unit in PERCENT_UNITS and v is not None:
        return f"{number(v, lang, 1)}\u00a0%"
    return number(v, lang)


def _delta(d: float | None, unit: str, lang: str) -> str:
    if d is None:
        return "–"
    if unit in SHARE_UNITS:
        return f"{signed(d * 100, lang, 1)} pp"
    return f"{signed(d, lang, 1)} pp" if unit in PERCENT_UNITS else signed(d, lang)


def _summary(s: dict[str, Any]) -> dict[str, Any]:
    return s.get("summary") or {}


def _verdict_text(s: dict[str, Any], kind: str, lang: str) -> str:
    """A scenario's verdict sentence: compare.json's own in English; in French and Dutch rebuilt from its
    numbers (the found difference and the proven range), else the original (an older compare.json)."""
    original = s.get("verdict") or ""
    if lang == "en" or kind in ("", "reference", "no_roster"):
        return "" if kind == "reference" else original
    L = labels(lang)
    if kind == "not_comparable":
        return L["verdict_not_comparable_text"]
    diff, proven, slack = s.get("objective_difference"), s.get("objective_range"), s.get("gap_slack")
    if diff is None:
        return original
    if proven is None:
        # An older compare.json: its difference against the sum of both gaps.
        if kind != "undecided" or "gap_slack" not in s:
            return original
        return L["verdict_within_text"].format(diff=signed(diff, lang, 0),
                                               slack="∞" if slack is None else number(slack, lang, 0))
    return L[f"verdict_{kind}_text"].format(low=signed(proven[0], lang, 0), high=signed(proven[1], lang, 0),
                                            diff=signed(diff, lang, 0))


def _proven_cell(row: dict[str, Any], i: int, lang: str) -> str:
    """'−5 … +40 · undecided' under a delta with a proven range (objective, unmet work): what the bounds
    prove beside what was found."""
    ranges = row.get("ranges") or []
    if i >= len(ranges) or ranges[i] is None:
        return ""
    low, high = ranges[i]
    kind = (row.get("verdicts") or [""] * (i + 1))[i]
    tag = labels(lang).get(f"verdict_{kind}", kind)
    places = range_places(row.get("unit") or "")
    return f"[{signed(low, lang, places)} … {signed(high, lang, places)}] {tag}"


def _staffing_text(gap: dict[str, Any] | None, lang: str) -> str:
    if not gap or gap.get("extra_officers") is None:
        return ""
    L = labels(lang)
    zones = ", ".join(f"{z} {n}" for z, n in (gap.get("per_zone") or {}).items() if n)
    text = L["staffing_gap_text"].format(n=gap["extra_officers"]) + (f" ({zones})" if zones else "")
    if gap.get("pool_exhausted"):
        text += "; " + L["pool_exhausted"].format(zones=", ".join(gap["pool_exhausted"]))
    return text


def _scenarios(doc: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    L = labels(lang)
    out = []
    for i, s in enumerate(doc["scenarios"]):
        summary = _summary(s)
        status = summary.get("status", "")
        kind = "reference" if i == 0 else verdict_kind(s)
        out.append({
            "name": s.get("name", f"#{i + 1}"), "label": s.get("label") or s.get("name", f"#{i + 1}"),
            "effect": effect_text(s),  # generated in English from the data, beside the stated description
            "status": {"OPTIMAL": L["optimal"], "FEASIBLE": L["not_proven_optimal"]}.get(status, status),
            "proven": status == "OPTIMAL", "error": s.get("error") or "",
            "objective": number(summary.get("objective"), lang), "bound": number(summary.get("best_bound"), lang),
            "gap": percent(summary.get("gap"), lang),
            "verdict_kind": kind, "verdict_tag": L.get(f"verdict_{kind}", "") if kind else "",
            "verdict": _verdict_text(s, kind, lang) if i else "",
            "staffing_gap": _staffing_text(s.get("staffing_gap"), lang),
        })
    return out


def _gap_notes(doc: dict[str, Any], lang: str) -> list[str]:
    """compare.json's notes (scenarios not proven optimal, with their gap; errors); rebuilt from the
    scenarios in French and Dutch, where compare.py's English notes would not do."""
    notes = list(doc.get("notes") or [])
    if lang == "en":
        return notes
    L = labels(lang)
    out, named = [], set()
    for s in doc["scenarios"]:
        name, summary = s.get("name", ""), _summary(s)
        if s.get("error"):
            out.append(f"{name}: {s['error']}")
        elif summary.get("status") and summary["status"] != "OPTIMAL":
            gap = summary.get("gap")
            out.append(L["note_not_optimal"].format(name=name, gap=percent(gap, lang)) if gap is not None
                       else L["note_no_bound"].format(name=name))
        else:
            continue
        named.add(name)
    # Notes of another kind than these stay, as written.
    return out + [n for n in notes if n.split(":", 1)[0] not in named]


def _measure_label(meaning: RowMeaning, measure: str, lang: str) -> str:
    if meaning.hotspot is not None:
        return meaning.hotspot
    text = label(lang, meaning.key)
    return measure if text == meaning.key and meaning.zone is None else text


def _row(row: dict[str, Any], meaning: RowMeaning, kinds: list[str], lang: str) -> dict[str, Any]:
    L = labels(lang)
    unit = row.get("unit") or ""
    values = row.get("values", [])
    deltas = row.get("deltas") or [None] * len(values)
    tones = row_kinds(row, kinds)
    flags = row.get("gap_flags") or [False] * len(values)
    no_target = row.get("no_target") or [False] * len(values)
    cells = []
    for i, v in enumerate(values):
        d = deltas[i] if i > 0 else None
        tone, mark = (meaning.delta_tone(d, tones[i]) if i > 0 else ""), ""
        if tone in ("undecided", "not_comparable"):
            # An objective's delta the bounds do not decide is not news: no colour, and say why.
            tone, mark = "", L["within_gaps_mark" if tone == "undecided" else "not_comparable_mark"]
        # A zero delta is left blank (as in compare.md): the changes stand out.
        cells.append({"value": L["no_target"] if v is None and no_target[i] else _value(v, unit, lang),
                      "delta": _delta(d, unit, lang) if i > 0 and d != 0 else "", "tone": tone, "mark": mark,
                      "proven": _proven_cell(row, i, lang) if i > 0 else "",
                      "flag": L["gap_flag_mark"].format(limit=percent(GAP_FLAG, lang)) if flags[i] else ""})
    return {
        "measure": _measure_label(meaning, row["measure"], lang), "key": row["measure"],
        "unit": labels(lang).get(f"unit_{unit}", unit), "cells": cells, "note": row.get("note") or "",
        "equal": len(set(values)) <= 1,
    }


def _group(gid: str, title: str, rows: list[dict[str, Any]], folded: bool, lang: str) -> dict[str, Any]:
    L = labels(lang)
    differ = [r for r in rows if not r["equal"]]
    same = [r for r in rows if r["equal"]]
    changed = ", ".join(r["measure"] for r in differ[:CHANGED_NAMED]) + ("…" if len(differ) > CHANGED_NAMED else "")
    return {
        "id": gid, "title": title, "folded": folded, "rows": differ, "same": same,
        "summary": L["differ_count"].format(n=len(differ), total=len(rows)), "changed": changed,
        "same_summary": L["equal_rows"].format(n=len(same)),
    }


def _groups(doc: dict[str, Any], kinds: list[str], lang: str) -> list[dict[str, Any]]:
    L = labels(lang)
    overall: list[dict[str, Any]] = []
    hotspots: list[dict[str, Any]] = []
    zones: dict[str, list[dict[str, Any]]] = {}
    for row in doc["rows"]:
        meaning = row_meaning(row)
        built = _row(row, meaning, kinds, lang)
        if meaning.zone is not None:
            zones.setdefault(meaning.zone, []).append(built)
        elif meaning.hotspot is not None:
            hotspots.append(built)
        else:
            overall.append(built)
    groups = [_group("group-overall", L["overall"], overall, False, lang)] if overall else []
    if hotspots:
        groups.append(_group("group-hotspots", L["hotspots_each"], hotspots, True, lang))
    for i, (zone, rows) in enumerate(zones.items()):
        groups.append(_group(f"group-zone-{i + 1}", f"{L['zone']} {zone}", rows, True, lang))
    return groups


def _direction_text(meaning: RowMeaning, lang: str) -> str:
    L = labels(lang)
    return {1: L["higher_better"], -1: L["lower_better"]}.get(meaning.direction, "")


def _axis(unit: str, meaning: RowMeaning, lang: str) -> str:
    shown = "%" if unit in SHARE_UNITS else labels(lang).get(f"unit_{unit}", unit)
    return " · ".join(t for t in (shown, _direction_text(meaning, lang)) if t)


def _charts(doc: dict[str, Any], names: list[str], lang: str) -> tuple[list[tuple[str, str]], str]:
    """(svg, caption) per chart, and the key measures left out because every scenario has the same value."""
    L = labels(lang)
    overall: dict[str, dict[str, Any]] = {}
    per_zone: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for row in doc["rows"]:
        meaning = row_meaning(row)
        if meaning.zone is not None:
            per_zone.setdefault(meaning.key, []).append((meaning.zone, row))
        elif meaning.hotspot is None:
            overall.setdefault(meaning.key, row)
    out: list[tuple[str, str]] = []
    equal: list[str] = []
    keyed = [(k, overall[k]) for k in KEY_CHARTS if k in overall]
    fallback = not keyed and not any(k in per_zone for k in ZONE_CHARTS)
    if fallback:
        # A compare.json with other measure names still gets charts: every row with a number in it.
        keyed = [(row_meaning(r).key, r) for r in doc["rows"]
                 if any(v is not None for v in r.get("values", []))][:FALLBACK_CHARTS]
    for key, r in keyed:
        meaning, unit = row_meaning(r), r.get("unit") or ""
        title = _measure_label(meaning, r["measure"], lang)
        if not fallback and len(set(r["values"])) <= 1:  # a chart of equal bars says less than one line
            equal.append(f"{title} ({_value(r['values'][0], unit, lang)})")
            continue
        share = unit in SHARE_UNITS
        values = [None if v is None else (v * 100 if share else v) for v in r["values"]]
        lower, caption = None, ""
        if key == "objective":
            lower = [_summary(s).get("best_bound") for s in doc["scenarios"]]
            caption = L["objective_whisker"]
        svg = charts.bars(f"chart-measure-{len(out) + 1}", title, names, values, _axis(unit, meaning, lang),
                          value_labels=[_value(v, unit, lang) for v in r["values"]], lower=lower)
        out.append((svg, caption))
    for n, key in enumerate(k for k in ZONE_CHARTS if k in per_zone):
        rows = per_zone[key]
        if all(len(set(r["values"])) <= 1 for _, r in rows):
            equal.append(L["per_zone"].format(measure=label(lang, key)))
            continue
        unit = rows[0][1].get("unit") or ""
        zone_values = [[r["values"][i] for _, r in rows] for i in range(len(names))]
        svg = charts.grouped_bars(f"chart-zones-{n + 1}", L["per_zone"].format(measure=label(lang, key)),
                                  [z for z, _ in rows], names, zone_values, _axis(unit, RowMeaning(key), lang))
        out.append((svg, ""))
    return out, "; ".join(equal)


def compare_context(doc: dict[str, Any], lang: str) -> dict[str, Any]:
    """Everything compare.html.j2 shows, formatted for `lang`."""
    L = labels(lang)
    scenarios = _scenarios(doc, lang)
    kinds = [s["verdict_kind"] for s in scenarios]
    names = [s["name"] for s in scenarios]
    chart_list, equal_charts = _charts(doc, names, lang)
    return {
        "kind": "compare",
        "title": L["title_compare"],
        "scenarios": scenarios,
        "reference": names[0],
        "others": names[1:],
        "all_proven": all(s["proven"] and not s["error"] for s in scenarios),
        "gap_notes": _gap_notes(doc, lang),
        "has_staffing_gap": any(s["staffing_gap"] for s in scenarios),
        "has_notes": any(r.get("note") for r in doc["rows"]),
        "groups": _groups(doc, kinds, lang),
        "any_flag": any(any(r.get("gap_flags") or []) for r in doc["rows"]),
        "flag_legend": L["gap_flag_mark"].format(limit=percent(GAP_FLAG, lang)),
        "charts": chart_list,
        "equal_charts": equal_charts,
    }
