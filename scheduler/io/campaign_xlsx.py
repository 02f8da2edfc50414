"""The campaign as a workbook (`scheduler campaign` writes it as campaign.xlsx): `Policies` (a row per
measure and policy: mean and 90 % interval over seeds, the paired difference from the baseline and its
verdict), `Weeks` (campaign.csv's rows: one per policy, seed and week), `Officers` (each officer's totals
per chain) and `Plan` (how the campaign was run, the chains that stopped).

Everything comes from the campaign.json document, and the week rows from the caller (campaign.csv's own
columns and rows, which the campaign package makes: this layer writes, it does not compute them).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.io.xlsx import _header, _sheet_title, _words  # the roster workbook's look

BASELINE = "baseline"
POLICY_COLUMNS = ("Measure", "Measure id", "Policy", "Seeds", "Mean", "Low (90 %)", "High (90 %)",
                  "Δ mean", "Δ low (90 %)", "Δ high (90 %)", "Verdict")
SHARES = {"hotspot_coverage", "plan_gap"}  # fractions: shown as percentages
# An officer's totals in this order; any other key the document has comes after them.
OFFICER_TOTALS = ("weeks", "hours", "available_hours", "hours_balance", "highest_average_hours", "nights",
                  "weekend_shifts", "holiday_shifts", "hycap_hours", "short_notice_changes", "absent_days")
VERDICT_FONTS = {"better": Font(color="006100"), "worse": Font(color="9C0006"),
                 "no clear difference": Font(color="7F7F7F", italic=True)}
NUMBER = "#,##0.##"
PERCENT = "0.0%"


def _policies(doc: Mapping[str, Any]) -> list[str]:
    names = [p for p in doc["plan"].get("policies") or [] if p in doc["policies"]]
    names += [p for p in doc["policies"] if p not in names]
    return sorted(names, key=lambda p: p != BASELINE)


def _widths(ws: Worksheet, widths: Sequence[int]) -> None:
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _finish(ws: Worksheet, columns: int, freeze: str) -> None:
    ws.freeze_panes = freeze  # the header row (and the row's keys) stay in view
    ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{max(1, ws.max_row)}"


def add_policies_sheet(wb: Workbook, doc: Mapping[str, Any]) -> Worksheet:
    ws = wb.create_sheet(_sheet_title(wb, "Policies"))
    _header(ws, POLICY_COLUMNS)
    policies = _policies(doc)
    for measure, label in doc["measures"].items():
        for policy in policies:
            summary = doc["policies"][policy]
            iv = (summary.get("measures") or {}).get(measure) or {}
            d = (summary.get("against_baseline") or {}).get(measure) or {}
            verdict = "reference" if policy == BASELINE else d.get("verdict", "")
            ws.append([label, measure, policy, iv.get("n"), iv.get("mean"), iv.get("low"), iv.get("high"),
                       d.get("mean"), d.get("low"), d.get("high"), verdict])
            row = ws.max_row
            for col in range(5, 11):
                ws.cell(row=row, column=col).number_format = PERCENT if measure in SHARES else NUMBER
            if verdict in VERDICT_FONTS:
                ws.cell(row=row, column=11).font = VERDICT_FONTS[verdict]
    _finish(ws, len(POLICY_COLUMNS), "D2")
    _widths(ws, (42, 28, 16, 7, 11, 11, 11, 11, 11, 11, 22))
    return ws


def _scalar(value: Any) -> Any:
    """A cell's value: a list or a mapping (a future column of campaign.csv) as text, not an error."""
    if isinstance(value, list | tuple):
        return "; ".join(map(str, value))
    if isinstance(value, Mapping):
        return "; ".join(f"{k} {v}" for k, v in value.items())
    return value


def add_weeks_sheet(wb: Workbook, fields: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> Worksheet:
    ws = wb.create_sheet(_sheet_title(wb, "Weeks"))
    _header(ws, list(fields))
    for r in rows:
        ws.append([_scalar(r.get(f)) for f in fields])
        for col, f in enumerate(fields, start=1):
            if isinstance(r.get(f), float):
                ws.cell(row=ws.max_row, column=col).number_format = PERCENT if f in SHARES else NUMBER
    _finish(ws, len(fields), "D2")
    _widths(ws, [max(9, min(28, len(f) + 2)) for f in fields])
    return ws


def add_officers_sheet(wb: Workbook, doc: Mapping[str, Any]) -> Worksheet:
    ws = wb.create_sheet(_sheet_title(wb, "Officers"))
    chains = [c for c in doc["chains"] if isinstance(c.get("officers"), Mapping)]
    extra = sorted({k for c in chains for t in c["officers"].values() for k in t} - {"zone", *OFFICER_TOTALS})
    totals = [*OFFICER_TOTALS, *extra]
    _header(ws, ["Policy", "Seed", "Officer", "Zone", *(_words(k) for k in totals)])
    rank = {p: i for i, p in enumerate(_policies(doc))}
    for c in sorted(chains, key=lambda c: (rank.get(c["policy"], len(rank)), c["policy"], c["seed"])):
        for officer, t in c["officers"].items():
            ws.append([c["policy"], c["seed"], officer, t.get("zone"), *(t.get(k) for k in totals)])
            for col in range(5, 5 + len(totals)):
                ws.cell(row=ws.max_row, column=col).number_format = NUMBER
    _finish(ws, 4 + len(totals), "D2")
    _widths(ws, (16, 6, 12, 12, *(12 for _ in totals)))
    return ws


def add_plan_sheet(wb: Workbook, doc: Mapping[str, Any]) -> Worksheet:
    """How the campaign ran: its plan, time and the chains that stopped (with why)."""
    ws = wb.create_sheet(_sheet_title(wb, "Plan"))
    _header(ws, ["Setting", "Value"])
    for key, value in doc["plan"].items():
        ws.append([_words(key), ", ".join(map(str, value)) if isinstance(value, list | tuple) else _scalar(value)])
    ws.append([_words("seconds"), doc.get("seconds")])
    ws.append([_words("interrupted"), "yes" if doc.get("interrupted") else "no"])
    stopped = [c for c in doc["chains"] if isinstance(c.get("failed"), Mapping)]
    ws.append([])
    ws.append(["Chains that stopped", "none" if not stopped else len(stopped)])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    for c in stopped:
        ws.append([f"{c['policy']} seed {c['seed']}", f"week {c['failed'].get('week')}: {c['failed'].get('reason', '')}"])
    _widths(ws, (28, 80))
    ws.freeze_panes = "A2"
    return ws


def campaign_workbook(doc: Mapping[str, Any], week_fields: Sequence[str], week_rows: Sequence[Mapping[str, Any]]) -> Workbook:
    """The four sheets; `week_fields` and `week_rows` are campaign.csv's columns and rows."""
    wb = Workbook()
    wb.remove(wb.active)
    add_policies_sheet(wb, doc)
    add_weeks_sheet(wb, week_fields, week_rows)
    add_officers_sheet(wb, doc)
    add_plan_sheet(wb, doc)
    return wb


def campaign_xlsx(doc: Mapping[str, Any], week_fields: Sequence[str], week_rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The workbook as bytes, to be written with the campaign's other files (`io.atomic.write_together`)."""
    buffer = io.BytesIO()
    campaign_workbook(doc, week_fields, week_rows).save(buffer)
    return buffer.getvalue()
