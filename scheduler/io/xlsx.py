"""The roster as a workbook a planner recognises: a sheet per team, coverage, measures and a legend.

Built from the problem and the assignments rather than from roster.json's rows alone: the grid needs what
roster.json does not carry (each officer's unavailability and its reason, shift and duty names, the needs per
slot). Totals and coverage counts come from `measures.py`, so the workbook and `measures` can never disagree.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.io.atomic import write_atomic_bytes
from scheduler.io.labels import duty_label, reason_label
from scheduler.measures import count_coverage, officer_totals
from scheduler.problem import Officer, Problem, ShiftType
from scheduler.roster import Assignment

TOTALS = ("Hours", "Nights", "Weekend shifts", "Overtime (h)")
COVERAGE_COLUMNS = ("Required", "Assigned", "Shortfall")
REASON_COLOURS = {
    "leave": "D9D9D9", "day_off": "EDEDED", "training": "D9D2E9", "court": "DDEBF7", "sick": "F4CCCC",
    "other": "BFBFBF",
}
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D6DCE4")
WEEKEND_FILL = PatternFill("solid", fgColor="EDEDED")
SHORT_FILL = PatternFill(start_color="FFC7CE", end_color="FFC7CE", fill_type="solid")
SHORT_FONT = Font(color="9C0006", bold=True)
SECTION_FONT = Font(bold=True, size=12)
# Keys whose children are ids (shown by name), not field names (shown as words).
ID_PARENTS = {"hotspots", "tasks", "hycap_hours_given", "hycap_hours_received", "hycap_surplus_hours"}
PERCENT_KEYS = {"gap", "coverage", "hotspot_coverage", "target_slots_fully_covered", "hotspot_target_slots_fully_covered"}
WORDS = {"input_sha256": "Input SHA-256", "hycap": "HyCap", "agrees_with_solver": "Agrees with the solver"}


def shift_colour(shift: ShiftType) -> str:
    """A fill by time of day, as paper rosters colour them: nights dark, earlies pale, evenings warmer."""
    if shift.night:
        return "1F3864"
    hour = shift.start_clock // 60
    if hour < 10:
        return "FFF2CC"
    if hour < 14:
        return "E2EFDA"
    if hour < 18:
        return "FCE4D6"
    return "F4B183"


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour)


def _sheet_title(wb: Workbook, title: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "-", title)[:31]
    name, n = base, 2
    while name in wb.sheetnames:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


def _header(ws: Worksheet, values: Sequence[str], row: int = 1) -> None:
    for col, value in enumerate(values, start=1):
        c = ws.cell(row=row, column=col, value=value)
        c.font = BOLD
        c.fill = HEADER_FILL
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _landscape(ws: Worksheet) -> None:
    """Printed on landscape pages, one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def day_header(problem: Problem, day: int) -> str:
    return problem.date_of(day).strftime("%a %d/%m")


def _clock(problem: Problem, minute: int, end: bool = False) -> str:
    text = problem.local_time(minute).strftime("%H:%M")
    return "24:00" if end and text == "00:00" else text


def cell_text(problem: Problem, a: Assignment) -> str:
    """'L' on emergency response (the default duty), else the shift and the duty: 'L Hotspot Market square'."""
    duty = problem.duties[problem.duty_index(a.duty)]
    return a.shift if duty.kind == "response" else f"{a.shift} {duty_label(duty)}"


def unavailable_on(problem: Problem, o: Officer, day: int) -> tuple[str | None, list[tuple[str, str]]]:
    """The reason when the whole day is unavailable, and the part-day ones as (reason, 'Court 09:00-12:00')."""
    a0, b0 = problem.day_start[day], problem.day_start[day + 1]
    whole, parts = None, []
    for a, b, reason in o.unavailable:
        if a <= a0 and b0 <= b:
            whole = whole or reason
        elif a < b0 and a0 < b:
            times = f"{_clock(problem, max(a, a0))}-{_clock(problem, min(b, b0), end=True)}"
            parts.append((reason, f"{reason_label(reason)} {times}"))
    return whole, parts


def add_team_sheets(wb: Workbook, problem: Problem, assignments: list[Assignment]) -> None:
    """One sheet per team: officers as rows, days as columns, then the officer's totals."""
    by_cell = {(a.officer, a.day): a for a in assignments}
    totals = officer_totals(problem, assignments)
    shifts = {s.id: s for s in problem.shift_types}
    teams: dict[str, list[Officer]] = {}
    for o in problem.officers:
        teams.setdefault(o.team, []).append(o)
    first_total = 3 + problem.days
    for team, members in teams.items():
        ws = wb.create_sheet(_sheet_title(wb, f"Team {team}" if team else "No team"))
        _header(ws, ["Officer", "Name", *(day_header(problem, d) for d in range(problem.days)), *TOTALS])
        for d in range(problem.days):
            if problem.is_weekend(d):
                ws.cell(row=1, column=3 + d).fill = WEEKEND_FILL
        for r, o in enumerate(members, start=2):
            ws.cell(row=r, column=1, value=o.id)
            ws.cell(row=r, column=2, value=o.name)
            for d in range(problem.days):
                c = ws.cell(row=r, column=3 + d)
                whole, parts = unavailable_on(problem, o, d)
                a = by_cell.get((o.id, d))
                if a is not None:
                    shift = shifts[a.shift]
                    c.value = cell_text(problem, a)
                    c.fill = _fill(shift_colour(shift))
                    c.font = Font(color="FFFFFF" if shift.night else "000000",
                                  bold=problem.duties[problem.duty_index(a.duty)].hycap)
                    if parts:  # worked around a part-day absence: say so without hiding the shift
                        c.comment = Comment("; ".join(text for _, text in parts), "scheduler")
                elif whole or parts:
                    c.value = reason_label(whole) if whole else "; ".join(text for _, text in parts)
                    reason = whole or parts[0][0]
                    c.fill = _fill(REASON_COLOURS.get(reason, REASON_COLOURS["other"]))
                    c.font = Font(italic=True)
            t = totals[o.id]
            for col, value, fmt in (
                (first_total, round(t.hours, 2), "0.0"), (first_total + 1, t.nights, "0"),
                (first_total + 2, t.weekend_shifts, "0"), (first_total + 3, round(t.overtime_hours, 2), "0.0"),
            ):
                c = ws.cell(row=r, column=col, value=value)
                c.number_format = fmt
        ws.freeze_panes = "C2"  # the header row and the officer's id and name stay in view
        ws.auto_filter.ref = f"A1:{get_column_letter(first_total + 3)}{len(members) + 1}"
        ws.column_dimensions["A"].width = 10
        ws.column_dimensions["B"].width = max(12, min(28, max(len(o.name) for o in members) + 2))
        for d in range(problem.days):
            longest = max((len(str(ws.cell(row=r, column=3 + d).value or "")) for r in range(2, len(members) + 2)), default=0)
            ws.column_dimensions[get_column_letter(3 + d)].width = max(10, min(32, longest + 2))
        for i in range(len(TOTALS)):
            ws.column_dimensions[get_column_letter(first_total + i)].width = 10
        _landscape(ws)


def coverage_posts(problem: Problem, assignments: list[Assignment]) -> list[tuple[str, dict[int, int], dict[int, int]]]:
    """(label, need per slot, officers per slot) for response by skill, then every task and hotspot."""
    cov = count_coverage(problem, assignments)
    posts = []
    for (zone, skill), need in sorted(problem.response_need.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        label = "Response" + (f" ({skill})" if skill else "") + (f" [{zone}]" if zone != problem.zone else "")
        posts.append((label, need, {t: cov.on_response.get((zone, skill, t), 0) for t in range(problem.n_slots)}))
    for duty in problem.duties[1:]:
        posts.append((duty_label(duty), duty.need, {t: cov.on_duty.get((duty.index, t), 0) for t in range(problem.n_slots)}))
    return posts


def add_coverage_sheet(wb: Workbook, problem: Problem, assignments: list[Assignment]) -> Worksheet:
    """Slots as rows; per post three columns: required, assigned, shortfall (red when short).

    Required and shortfall are blank where a post wants nobody; the last row sums each column in officer-hours.
    """
    ws = wb.create_sheet(_sheet_title(wb, "Coverage"))
    posts = coverage_posts(problem, assignments)
    hours = problem.slot_minutes / 60
    ws.cell(row=1, column=1, value="Post").font = BOLD
    _header(ws, ["Slot", *(name for _ in posts for name in COVERAGE_COLUMNS)], row=2)
    for p, (label, _, _) in enumerate(posts):
        col = 2 + 3 * p
        c = ws.cell(row=1, column=col, value=label)
        c.font, c.fill = BOLD, HEADER_FILL
        c.alignment = Alignment(horizontal="center", wrap_text=True)
        ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + 2)
    last = 2 + problem.n_slots
    for t in range(problem.n_slots):
        r = 3 + t
        c = ws.cell(row=r, column=1, value=problem.local_time(t * problem.slot_minutes).replace(tzinfo=None))
        c.number_format = "ddd dd/mm hh:mm"
        for p, (_, need, got) in enumerate(posts):
            col = 2 + 3 * p
            if t in need:
                ws.cell(row=r, column=col, value=need[t])
                ws.cell(row=r, column=col + 2, value=max(0, need[t] - got[t]))
            if got[t]:
                ws.cell(row=r, column=col + 1, value=got[t])
    total_row = last + 1
    ws.cell(row=total_row, column=1, value="Officer-hours").font = BOLD
    for p, (_, need, got) in enumerate(posts):
        col = 2 + 3 * p
        for i, value in enumerate((
            sum(need.values()) * hours,
            sum(got.values()) * hours,
            sum(max(0, n - got[t]) for t, n in need.items()) * hours,
        )):
            c = ws.cell(row=total_row, column=col + i, value=value)
            c.font, c.number_format = BOLD, "0.##"
    short_ranges = " ".join(
        f"{get_column_letter(4 + 3 * p)}3:{get_column_letter(4 + 3 * p)}{total_row}" for p in range(len(posts))
    )
    if posts:
        ws.conditional_formatting.add(
            short_ranges, CellIsRule(operator="greaterThan", formula=["0"], fill=SHORT_FILL, font=SHORT_FONT)
        )
    ws.freeze_panes = "B3"
    ws.column_dimensions["A"].width = 17
    for col in range(2, 2 + 3 * len(posts)):
        ws.column_dimensions[get_column_letter(col)].width = 10
    ws.row_dimensions[1].height = 45
    _landscape(ws)
    return ws


def add_shift_cover_sheet(wb: Workbook, problem: Problem, assignments: list[Assignment]) -> Worksheet | None:
    """Officers on response wanted per shift (the scenario's `demand.shift_cover`), when there are any."""
    if not problem.cover_needs:
        return None
    ws = wb.create_sheet(_sheet_title(wb, "Shift cover"))
    cov = count_coverage(problem, assignments)
    _header(ws, ["Date", "Shift", "Skill", *COVERAGE_COLUMNS])
    for cn in problem.cover_needs:
        inst = problem.instances[cn.instance]
        got = cov.on_cover.get((cn.instance, cn.skill), 0)
        ws.append([day_header(problem, inst.day), problem.shift_types[inst.shift].id, cn.skill or "any",
                   cn.count, got, max(0, cn.count - got)])
    end = 1 + len(problem.cover_needs)
    ws.conditional_formatting.add(f"F2:F{end}", CellIsRule(operator="greaterThan", formula=["0"], fill=SHORT_FILL, font=SHORT_FONT))
    ws.freeze_panes = "A2"
    return ws


def _words(key: str) -> str:
    if key in WORDS:
        return WORDS[key]
    text = key[:-2] + " (s)" if key.endswith("_s") else key
    text = text.replace("_", " ").capitalize()
    return re.sub(r"\bhycap\b", "HyCap", text, flags=re.IGNORECASE)


def flat_rows(data: Mapping[str, Any], names: Mapping[str, str] | None = None) -> list[tuple[str, Any, str]]:
    """A nested mapping as (readable path, value, key) rows: 'Hotspots / Market square / Coverage'."""
    names = names or {}
    rows: list[tuple[str, Any, str]] = []

    def walk(obj: Any, label: str, key: str) -> None:
        if isinstance(obj, Mapping):
            if not obj:
                rows.append((label, "none", key))
            for k, v in obj.items():
                part = names.get(k, str(k)) if key in ID_PARENTS else _words(str(k))
                walk(v, f"{label} / {part}", str(k))
        elif isinstance(obj, list):
            rows.append((label, "; ".join(map(str, obj)), key))
        else:
            rows.append((label, obj, key))

    for k, v in data.items():
        walk(v, _words(k), k)
    return rows


def add_measures_sheet(wb: Workbook, problem: Problem, doc: Mapping[str, Any]) -> Worksheet:
    """roster.json's summary, measures and penalties, one readable line each."""
    ws = wb.create_sheet(_sheet_title(wb, "Measures"))
    names = {d.id: d.name or d.id for d in problem.duties}
    _header(ws, ["Measure", "Value"])
    for section in ("summary", "measures", "penalties"):
        data = doc.get(section)
        if not data:
            continue
        section_title(ws, _words(section))
        append_value_rows(ws, flat_rows(data, names), number_format="#,##0.00", whole_numbers=False)
    finish_value_sheet(ws)
    return ws


def section_title(ws: Worksheet, title: str) -> None:
    """A blank line, then the section's title in bold."""
    ws.append([])
    ws.append([title])
    ws.cell(row=ws.max_row, column=1).font = SECTION_FONT


def append_value_rows(ws: Worksheet, rows: Any, number_format: str, whole_numbers: bool) -> None:
    """(label, value, key) rows as `label | value`: yes/no for booleans, `-` for none, shares as
    percentages; `whole_numbers` also formats integers (else only floats get `number_format`)."""
    for label, value, key in rows:
        if isinstance(value, bool):
            value = "yes" if value else "no"
        ws.append([label, "-" if value is None else value])
        c = ws.cell(row=ws.max_row, column=2)
        if isinstance(value, float) or (whole_numbers and isinstance(value, int)):  # booleans are text by now
            c.number_format = "0.0%" if key in PERCENT_KEYS else number_format
        c.alignment = Alignment(horizontal="right")


def finish_value_sheet(ws: Worksheet) -> None:
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 24


def add_legend_sheet(wb: Workbook, problem: Problem) -> Worksheet:
    """What the colours and words of the team sheets mean."""
    ws = wb.create_sheet(_sheet_title(wb, "Legend"))
    _header(ws, ["Shift", "Name", "Start", "Hours", "Night"])
    for s in problem.shift_types:
        ws.append([s.id, s.name, f"{s.start_clock // 60:02d}:{s.start_clock % 60:02d}", s.clock_minutes / 60,
                   "yes" if s.night else "no"])
        ws.cell(row=ws.max_row, column=1).fill = _fill(shift_colour(s))
        ws.cell(row=ws.max_row, column=1).font = Font(color="FFFFFF" if s.night else "000000")
    ws.append([])
    ws.append(["Duty", "Shown as", "Kind"])
    for c in ws[ws.max_row]:
        c.font = BOLD
    for d in problem.duties:
        shown = "the shift alone" if d.kind == "response" else f"shift + {duty_label(d)}"
        ws.append([d.id, shown, (d.task_kind or d.kind) + (f", HyCap for {d.host_zone} (bold)" if d.hycap else "")])
    ws.append([])
    ws.append(["Unavailable", "Shown as"])
    for c in ws[ws.max_row]:
        c.font = BOLD
    for reason, colour in REASON_COLOURS.items():
        ws.append([reason, reason_label(reason)])
        ws.cell(row=ws.max_row, column=2).fill = _fill(colour)
    ws.append(["part of a day", "reason and times, e.g. 'Court 09:00-12:00' (a comment on a worked day)"])
    for col, width in zip("ABCDE", (16, 40, 40, 8, 8), strict=True):
        ws.column_dimensions[col].width = width
    return ws


def build_workbook(problem: Problem, assignments: list[Assignment], doc: Mapping[str, Any]) -> Workbook:
    """Team sheets, coverage (and shift cover when the scenario has it), measures, legend."""
    wb = Workbook()
    wb.remove(wb.active)
    add_team_sheets(wb, problem, assignments)
    add_coverage_sheet(wb, problem, assignments)
    add_shift_cover_sheet(wb, problem, assignments)
    add_measures_sheet(wb, problem, doc)
    add_legend_sheet(wb, problem)
    return wb


def save_workbook(path: str | Path, wb: Workbook) -> None:
    """Saved to memory, then written atomically (openpyxl alone would write the file in place)."""
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic_bytes(path, buf.getvalue())


def write_xlsx(path: str | Path, problem: Problem, assignments: list[Assignment], doc: Mapping[str, Any]) -> None:
    save_workbook(path, build_workbook(problem, assignments, doc))
