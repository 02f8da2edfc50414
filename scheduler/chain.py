"""A chain of weeks checked: the ledger against the rosters it was made from, and the rules whose
reference period is longer than a week (EU 2003/88/EC art. 6 and 16: 48 hours a week on average over
four months; the Belgian police statute: at most 28 weekends worked a year).

Pure Python on the files: each week's roster.json (its SHA-256 as the ledger recorded it, its rows
recounted) and the ledger's periods. Counts from a roster need only its rows and the ledger's night
shift ids, so a chain is checked without its scenarios.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# EU 2003/88/EC art. 6 and 16(b): 48 h a week on average over a reference period of up to 4 months.
AVERAGE_WEEK_HOURS, AVERAGE_WEEKS = 48.0, 17
# Belgian police statute: at most 28 weekends worked a year.
WEEKENDS_PER_YEAR, YEAR_WEEKS = 28, 52


@dataclass
class ChainReport:
    weeks: int
    officers: int
    mismatches: list[str] = field(default_factory=list)  # ledger against rosters
    breaches: list[str] = field(default_factory=list)  # long-period rules

    @property
    def ok(self) -> bool:
        return not self.mismatches and not self.breaches


def recount(rows: list[dict[str, Any]], night_shifts: set[str]) -> dict[str, dict[str, float]]:
    """Per officer: nights, weekend shifts, hours, hotspot and HyCap hours of a roster's rows."""
    out: dict[str, dict[str, float]] = {}
    for r in rows:
        c = out.setdefault(str(r["officer"]), {"nights": 0, "weekend_shifts": 0, "hours": 0.0, "hotspot_hours": 0.0,
                                               "hycap_hours": 0.0})
        hours = float(r.get("hours") or 0.0)
        c["nights"] += str(r["shift"]) in night_shifts
        c["weekend_shifts"] += dt.date.fromisoformat(str(r["date"])).weekday() >= 5
        c["hours"] += hours
        c["hotspot_hours"] += hours if r.get("duty_kind") == "hotspot" else 0.0
        c["hycap_hours"] += hours if r.get("hycap") else 0.0
    return out


def check_chain(ledger: dict[str, Any], folder: Path, rosters: dict[str, Any]) -> ChainReport:
    """`rosters`: each week's roster document, by its `roster` path in the ledger (None: not found)."""
    report = ChainReport(len(ledger["weeks"]), len(ledger["officers"]))
    nights = set(ledger.get("night_shifts") or [])
    for w in ledger["weeks"]:
        doc = rosters.get(w["roster"])
        where = f"week of {w['start']} ({w['roster']})"
        if doc is None:
            report.mismatches.append(f"{where}: roster not found")
            continue
        digest = hashlib.sha256((folder / w["roster"]).read_bytes()).hexdigest()
        if w.get("roster_sha256") and digest != w["roster_sha256"]:
            report.mismatches.append(f"{where}: the roster changed after the ledger was written (a repair? "
                                     "the next week's ledger recounts it)")
        counted = recount(doc.get("assignments") or [], nights)
        for oid, record in ledger["officers"].items():
            period = next((p for p in record["periods"] if p["start"] == w["start"]), None)
            have = counted.get(oid, {"nights": 0, "weekend_shifts": 0, "hours": 0.0, "hotspot_hours": 0.0,
                                     "hycap_hours": 0.0})
            if period is None:
                if have["hours"]:
                    report.mismatches.append(f"{where}: officer {oid} worked {have['hours']:g} h, not in the ledger")
                continue
            for key, value in have.items():
                if abs(float(period[key]) - value) > 1e-6:
                    report.mismatches.append(f"{where}: officer {oid} {key} {period[key]:g} in the ledger, "
                                             f"{value:g} in the roster")
    for oid, record in ledger["officers"].items():
        periods = record["periods"]
        recent = periods[-AVERAGE_WEEKS:]
        if recent:
            average = sum(p["hours"] * 7 / p["days"] for p in recent) / len(recent)
            if average > AVERAGE_WEEK_HOURS + 1e-9:
                report.breaches.append(f"officer {oid}: {average:.1f} h a week on average over the last "
                                       f"{len(recent)} weeks, above {AVERAGE_WEEK_HOURS:g} (EU 2003/88/EC art. 6)")
        weekends = sum(1 for p in periods[-YEAR_WEEKS:] if p["weekend_shifts"])
        if weekends > WEEKENDS_PER_YEAR:
            report.breaches.append(f"officer {oid}: {weekends} weekends worked in {min(len(periods), YEAR_WEEKS)} "
                                   f"weeks, above {WEEKENDS_PER_YEAR} a year (Belgian police statute)")
    return report
