"""The change list of a repair: officer, date, before -> after, why; as JSON, CSV and Markdown.

"Why" names the change that made it: the officer's own absence, a task that is new, moved, cancelled or
of another headcount; otherwise the changes it covers for on that day (a shift taken over, say).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from scheduler.check_changes import Change
from scheduler.io.atomic import write_together
from scheduler.problem import Problem
from scheduler.scenario.changes import Changes

KIND_LABEL = {"changed_duty": "duty changed", "changed_shift": "shift changed", "rest_day_call_in": "called in on a rest day",
              "frozen": "changed before --from"}
FIELDS = ["officer", "name", "date", "day", "before", "after", "kind", "points", "why"]


def _label(p: tuple[str, str] | None) -> str:
    return "off" if p is None else f"{p[0]} {p[1]}"


def _task_reasons(changes: Changes) -> dict[str, str]:
    out = {t.id: f"new task {t.id}" + (f" (HyCap for {t.host_zone})" if t.host_zone else "") for t in changes.new_tasks}
    out.update({m.task: f"task {m.task} moved" for m in changes.moved_tasks})
    out.update({h.task: f"task {h.task} headcount now {h.headcount}" for h in changes.headcounts})
    out.update({t: f"task {t} cancelled" for t in changes.cancelled_tasks})
    return out


def change_rows(problem: Problem, changes: list[Change], given: Changes) -> list[dict[str, Any]]:
    """One row per changed assignment, in date and officer order."""
    officers = {o.id: o for o in problem.officers}
    tasks = _task_reasons(given)
    absent: dict[str, str] = {}
    for a in given.absences:
        absent.setdefault(a.officer, f"{a.reason} from {a.start}" + (f" to {a.end}" if a.end else " (open)"))
    own: dict[tuple[str, int], str] = {}
    for c in changes:
        duties = [p[1] for p in (c.before, c.after) if p is not None]
        if c.officer in absent and c.after is None:
            own[(c.officer, c.day)] = f"{c.officer} {absent[c.officer]}"
        elif any(d in tasks for d in duties):
            own[(c.officer, c.day)] = next(tasks[d] for d in duties if d in tasks)
    causes: dict[int, list[str]] = {}
    for (_officer, day), why in own.items():
        causes.setdefault(day, []).append(why)
    rows = []
    for c in sorted(changes, key=lambda c: (c.day, c.officer)):
        near = sorted(set(causes.get(c.day, []) or causes.get(c.day - 1, []) or causes.get(c.day + 1, [])))
        why = own.get((c.officer, c.day)) or ("covers: " + "; ".join(near) if near else "re-planned around the changes")
        o = officers.get(c.officer)
        rows.append({
            "officer": c.officer, "name": o.name if o else c.officer, "date": problem.date_of(c.day).isoformat(),
            "day": c.day, "before": _label(c.before), "after": _label(c.after), "kind": KIND_LABEL[c.kind],
            "points": round(c.cost / 60, 2), "why": why,
        })
    return rows


def markdown(rows: list[dict[str, Any]], summary: dict[str, Any]) -> str:
    head = (f"# Changes from {summary['from']}\n\n{summary['changed_assignments']} changed assignments "
            f"(at least {summary['lower_bound']} could not stay), change penalty {summary['change_penalty']:,} points.\n\n")
    lines = ["| officer | date | before | after | why |", "|---|---|---|---|---|"]
    lines += [f"| {r['officer']} {r['name']} | {r['date']} | {r['before']} | {r['after']} | {r['why']} |" for r in rows]
    return head + "\n".join(lines) + "\n"


def write_change_list(out_dir: str | Path, rows: list[dict[str, Any]], summary: dict[str, Any]) -> list[Path]:
    """changes.json, changes.csv and changes.md in `out_dir`, replaced together."""
    out = Path(out_dir)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    files = {
        out / "changes.json": (json.dumps({"summary": summary, "changes": rows}, indent=2, ensure_ascii=False) + "\n").encode(),
        out / "changes.csv": buf.getvalue().encode(),
        out / "changes.md": markdown(rows, summary).encode(),
    }
    write_together(files)
    return list(files)


def describe_changes(changes: Changes) -> list[str]:
    """The changes given, one line each, for the duty desk."""
    lines = [f"{a.officer}: {a.reason} from {a.start}" + (f" to {a.end}" if a.end else " (open)") for a in changes.absences]
    lines += [f"new task {t.id} ({t.kind}, {t.headcount} officers" + (f", HyCap for {t.host_zone})" if t.host_zone else ")")
              for t in changes.new_tasks]
    lines += [f"task {t} cancelled" for t in changes.cancelled_tasks]
    lines += [f"task {m.task} moved" for m in changes.moved_tasks]
    lines += [f"task {h.task}: headcount {h.headcount}" for h in changes.headcounts]
    lines += [f"officer {o.id} added" for o in changes.new_officers]
    return lines
