"""What the comparison shows, from a compare.json document: measures side by side, deltas, a chart per key measure."""

from __future__ import annotations

from typing import Any

from scheduler.errors import InputError, InputProblem
from scheduler.report import charts
from scheduler.report.i18n import label, labels
from scheduler.report.numbers import number, percent, signed

# The measures charted one by one; a row matches on its full key or its last dotted part.
KEY_MEASURES = (
    "hotspot_coverage", "unmet_mandatory_officer_hours", "response_shortfall_officer_hours", "overtime_hours",
    "nights_spread", "weekend_shifts_spread", "hours_spread",
)
# Which way is better, to colour a delta; measures not listed stay neutral.
HIGHER_IS_BETTER = {"hotspot_coverage", "hotspot_target_slots_fully_covered", "hotspot_delivered_officer_hours", "coverage"}
LOWER_IS_BETTER = {
    "objective", "gap", "unmet_mandatory_officer_hours", "unmet_officer_hours", "response_shortfall_officer_hours",
    "shift_cover_shortfall_officers", "overtime_hours", "officers_with_overtime", "nights_spread",
    "weekend_shifts_spread", "hours_spread", "hycap_hours_spread",
}
SHARE_UNITS = {"share", "fraction", "ratio"}


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


def _short(measure: str) -> str:
    return measure.rsplit(".", 1)[-1]


def _direction(measure: str) -> int:
    if measure in HIGHER_IS_BETTER or _short(measure) in HIGHER_IS_BETTER:
        return 1
    if measure in LOWER_IS_BETTER or _short(measure) in LOWER_IS_BETTER:
        return -1
    return 0


def _value(v: float | None, unit: str, lang: str) -> str:
    return percent(v, lang) if unit in SHARE_UNITS else number(v, lang)


def _delta(d: float | None, unit: str, lang: str) -> str:
    if d is None:
        return "–"
    return f"{signed(d * 100, lang, 1)} pp" if unit in SHARE_UNITS else signed(d, lang)


def compare_context(doc: dict[str, Any], lang: str) -> dict[str, Any]:
    L = labels(lang)
    scenarios = [
        {
            "name": s.get("name", f"#{i + 1}"), "label": s.get("label") or s.get("name", f"#{i + 1}"),
            "status": (s.get("summary") or {}).get("status", ""),
            "objective": number((s.get("summary") or {}).get("objective"), lang),
            "gap": percent((s.get("summary") or {}).get("gap"), lang),
        }
        for i, s in enumerate(doc["scenarios"])
    ]
    names = [s["label"] for s in scenarios]
    rows = []
    for row in doc["rows"]:
        unit = row.get("unit") or ""
        values = row.get("values", [])
        deltas = row.get("deltas", [None] * len(values))
        direction = _direction(row["measure"])
        # One cell per scenario: its value and, after the reference, its delta (coloured when the
        # measure has a better direction) - side by side without a second set of columns.
        cells = []
        for i, v in enumerate(values):
            d = deltas[i] if i > 0 else None
            tone = "" if not d or not direction else ("better" if d * direction > 0 else "worse")
            cells.append({"value": _value(v, unit, lang), "delta": _delta(d, unit, lang) if i > 0 else "", "tone": tone})
        rows.append({"measure": label(lang, row["measure"]), "key": row["measure"], "unit": unit, "cells": cells,
                     "note": row.get("note") or ""})

    keyed = [r for r in doc["rows"] if r["measure"] in KEY_MEASURES or _short(r["measure"]) in KEY_MEASURES]
    # A compare.json with other measure names still gets charts: every row with a number in it.
    chosen = keyed or [r for r in doc["rows"] if any(v is not None for v in r.get("values", []))][:12]
    chart_list = []
    for i, r in enumerate(chosen):
        unit = r.get("unit") or ""
        share = unit in SHARE_UNITS
        values = [None if v is None else (v * 100 if share else v) for v in r["values"]]
        chart_list.append(charts.bars(
            f"chart-measure-{i + 1}", label(lang, r["measure"]), names, values, "%" if share else unit,
            value_labels=[_value(v, unit, lang) for v in r["values"]],
        ))

    return {
        "kind": "compare",
        "title": L["title_compare"],
        "scenarios": scenarios,
        "reference": names[0],
        "others": names[1:],
        "rows": rows,
        "charts": chart_list,
    }
