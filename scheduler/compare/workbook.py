"""The comparison workbook of `scheduler compare --xlsx` (or `scheduler export compare.json --xlsx`).

A `Comparison` sheet holds compare.json's table as a planner would lay it out: measures as rows,
scenarios as columns, then one delta column per policy; under it each policy's verdict on the
objective, the notes (scenarios not proven optimal, with their gap) and the scenarios themselves. A
sheet per scenario lists its summary and measures. Everything comes from the compare.json document, so
the workbook and the file it was made from can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.compare.rows import row_kinds, row_meaning, verdict_kind
from scheduler.compare.text import effect_text
from scheduler.compare.verdicts import GAP_FLAG, signed_amount
from scheduler.io.xlsx import (  # the roster workbook's own helpers: both workbooks look alike
    _header,
    _landscape,
    _sheet_title,
    _words,
    append_value_rows,
    finish_value_sheet,
    flat_rows,
    save_workbook,
    section_title,
)

BETTER_FONT = Font(color="006100")
WORSE_FONT = Font(color="9C0006")
NOISE_FONT = Font(color="7F7F7F", italic=True)
UNPROVEN_FILL = PatternFill("solid", fgColor="FFC7CE")
# A figure from a solve (or a zone's) whose gap is above GAP_FLAG: the cell itself says so.
GAP_FILL = PatternFill("solid", fgColor="FFEB9C")
VERDICT_FONTS = {"better": BETTER_FONT, "worse": WORSE_FONT, "undecided": NOISE_FONT, "within": NOISE_FONT,
                 "equal": NOISE_FONT, "not_comparable": NOISE_FONT, "no_roster": WORSE_FONT}
NO_TARGET = "no target"
# Per-scenario sheets leave out what only a chart can show (168 hours a week) or another file holds.
DETAIL_KEYS = {"per_officer", "response_by_hour_of_week", "by_hour_of_week"}


def _number_format(unit: str) -> str:
    return "0.0#" if unit == "%" else "#,##0.##"


def add_compare_sheet(wb: Workbook, table: Mapping[str, Any], title: str = "Comparison") -> Worksheet:
    """compare.json's rows (values, then deltas against the first scenario), verdicts, notes, scenarios."""
    ws = wb.create_sheet(_sheet_title(wb, title))
    scenarios = table["scenarios"]
    names = [s.get("name", f"#{i + 1}") for i, s in enumerate(scenarios)]
    n = len(names)
    _header(ws, ["Measure", "Unit", *names, *(f"Δ {name}" for name in names[1:]),
                 *(f"Proven Δ {name}" for name in names[1:])])
    for col, s in enumerate(scenarios, start=3):
        summary = s.get("summary") or {}
        if summary.get("status") not in (None, "OPTIMAL"):
            # The column of a solve not proven optimal says so where it is read, not only in the notes.
            c = ws.cell(row=1, column=col)
            c.fill = UNPROVEN_FILL
            gap = summary.get("gap")
            c.comment = Comment(f"not proven optimal (gap {gap:.1%})" if gap is not None else
                                "not proven optimal (no bound)", "scheduler")
    kinds = [verdict_kind(s) for s in scenarios]
    for row in table["rows"]:
        _append_row(ws, row, scenarios, kinds)
    last = ws.max_row
    section_title(ws, "Verdict on the objective (each policy against the baseline)")
    for s, kind in zip(scenarios[1:], kinds[1:], strict=True):
        ws.append([s.get("name"), s.get("verdict") or ""])
        ws.cell(row=ws.max_row, column=2).font = VERDICT_FONTS.get(kind, Font())
    section_title(ws, "Notes")
    for note in table.get("notes") or ["Every scenario is proven optimal."]:
        ws.append([note])
    section_title(ws, "Scenarios")
    _header(ws, ["Scenario", "Description", "What it changes (read from its data)", "Status", "Objective",
                 "Best bound", "Gap", "Policies", "Staffing gap (extra officers)"], row=ws.max_row + 1)
    for s in scenarios:
        summary, gap = s.get("summary") or {}, s.get("staffing_gap") or {}
        ws.append([s.get("name"), s.get("label"), effect_text(s), s.get("error") or summary.get("status"),
                   summary.get("objective"), summary.get("best_bound"), summary.get("gap"),
                   ", ".join(s.get("policies") or []), gap.get("extra_officers")])
        ws.cell(row=ws.max_row, column=7).number_format = "0.0%"
        for col in (5, 6):
            ws.cell(row=ws.max_row, column=col).number_format = "#,##0.##"
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(2 + 3 * n - 2)}{last}"
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 12
    for col in range(3, 3 + 2 * n - 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    for col in range(2 + 2 * n, 2 + 3 * n - 1):
        ws.column_dimensions[get_column_letter(col)].width = 24
    ws.row_dimensions[1].height = 32
    _landscape(ws)
    return ws


def _proven_text(row: Mapping[str, Any], i: int) -> str | None:
    """'-5 to +40 (undecided)': what the bounds prove about a row's difference (objective, unmet work)."""
    ranges = row.get("ranges") or []
    if i >= len(ranges) or ranges[i] is None:
        return None
    low, high = ranges[i]
    unit = row.get("unit") or ""
    return f"{signed_amount(low, unit)} to {signed_amount(high, unit)} ({row['verdicts'][i]})"


def _append_row(ws: Worksheet, row: dict[str, Any], scenarios: list, kinds: list[str]) -> None:
    """Values, deltas, proven ranges; gap-flagged figures filled, deltas coloured by their verdict."""
    n = len(scenarios)
    values, deltas = row.get("values", []), row.get("deltas") or [None] * n
    no_target = row.get("no_target") or [False] * n
    shown = [NO_TARGET if v is None and no_target[i] else v for i, v in enumerate(values)]
    ws.append([row["measure"], row.get("unit", ""), *shown, *deltas[1:],
               *(_proven_text(row, i) for i in range(1, n))])
    r, meaning, fmt = ws.max_row, row_meaning(row), _number_format(row.get("unit", ""))
    for col in range(3, 3 + 2 * n - 1):
        ws.cell(row=r, column=col).number_format = fmt
    for i, flagged in enumerate(row.get("gap_flags") or []):
        if flagged:
            c = ws.cell(row=r, column=3 + i)
            c.fill = GAP_FILL
            c.comment = Comment(f"from a solve whose gap is above {GAP_FLAG:.0%}: may move by a re-solve", "scheduler")
    tones = row_kinds(row, kinds)
    for i, d in enumerate(deltas[1:], start=1):
        c = ws.cell(row=r, column=2 + n + i)
        tone = meaning.delta_tone(d, tones[i])
        if tone in ("undecided", "not_comparable"):
            c.font = NOISE_FONT
            c.comment = Comment(_proven_text(row, i) or scenarios[i].get("verdict") or tones[i], "scheduler")
        elif tone:
            c.font = BETTER_FONT if tone == "better" else WORSE_FONT


def _without_detail(data: Any) -> Any:
    if isinstance(data, Mapping):
        return {k: _without_detail(v) for k, v in data.items() if k not in DETAIL_KEYS}
    return data


def add_scenario_sheet(wb: Workbook, scenario: Mapping[str, Any]) -> Worksheet:
    """One scenario's summary, measures and staffing gap, one readable line each (as the roster workbook's
    Measures sheet)."""
    ws = wb.create_sheet(_sheet_title(wb, str(scenario.get("name", "scenario"))))
    _header(ws, ["Measure", "Value"])
    ws.append(["Description", scenario.get("label", "")])
    if effect_text(scenario):
        ws.append(["What it changes (read from its data)", effect_text(scenario)])
    ws.append(["Verdict on the objective", scenario.get("verdict") or ""])
    for section in ("summary", "measures", "staffing_gap"):
        data = _without_detail(scenario.get(section))
        if not data:
            continue
        section_title(ws, _words(section))
        append_value_rows(ws, flat_rows(data), number_format="#,##0.####", whole_numbers=True)
    finish_value_sheet(ws)
    return ws


def build_compare_workbook(table: Mapping[str, Any]) -> Workbook:
    """The Comparison sheet first, then a sheet per scenario."""
    wb = Workbook()
    wb.remove(wb.active)
    add_compare_sheet(wb, table)
    for s in table["scenarios"]:
        add_scenario_sheet(wb, s)
    wb.active = 0
    return wb


def write_compare_xlsx(path: str | Path, table: Mapping[str, Any]) -> None:
    """Written atomically, like every output."""
    save_workbook(path, build_compare_workbook(table))
