"""The patrol plan as a workbook: `Patrol` (a row per visit, in the order units and times come),
`Patrol gaps` (each gap over a hotspot's max) and `Patrol measures`. Reads patrol.json's document."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font


def _sheet(wb: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    ws.freeze_panes = "A2"


def patrol_workbook(doc: dict[str, Any]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    visits = [[u["date"], u["shift"], u["id"], ", ".join(u["officers"]), v["name"], v["start"][11:16], v["end"][11:16],
               v["minutes"]] for u in doc["units"] for v in u["visits"]]
    _sheet(wb, "Patrol", ["Date", "Shift", "Unit", "Officers", "Hotspot", "Start", "End", "Minutes"], visits)
    _sheet(wb, "Patrol gaps", ["Hotspot", "From", "To", "Minutes", "Over the max"],
           [[g["name"], g["start"][:16].replace("T", " "), g["end"][:16].replace("T", " "), g["minutes"],
             g["excess_minutes"]] for g in doc["gaps_over_max"]])
    _sheet(wb, "Patrol measures", ["Hotspot", "Target (min)", "Within max gap", "Max gap (min)", "Largest gap (min)",
                                   "Visits", "Visits per day"],
           [[h, m["target_minutes"], m["share_within_max_gap"], m["max_gap_minutes"], m["largest_gap_minutes"],
             m["visits"], m["visits_per_day"]] for h, m in doc["measures"]["hotspots"].items()])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
