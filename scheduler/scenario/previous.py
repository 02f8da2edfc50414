"""Last week, read for this one: a scenario's `previous:` names last week's roster.json, beside which
the solve wrote `ledger.json` (the fairness ledger, `scheduler/ledger.py`).

From them this week gets its officers' history (the shifts of the 14 days before the horizon, as
worked: the roster's own, then the ledger's older ones) and each officer's counts over the running
period (`objective.fairness_weeks`), which the fairness terms start from. The roster is read as it is
now, so a repaired roster counts as repaired.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from scheduler.errors import InputError, InputProblem
from scheduler.scenario.yaml_source import read_input_bytes

LEDGER_FORMAT = "police-duty-ledger/1"
HISTORY_DAYS = 14


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Period(_Loose):
    """One officer's week."""

    start: dt.date
    days: int = Field(ge=1)
    nights: int = Field(ge=0)
    weekend_shifts: int = Field(ge=0)
    hours: float = Field(ge=0)
    contract_hours: float = Field(ge=0)
    hotspot_hours: float = Field(ge=0)
    hycap_hours: float = Field(ge=0)
    requests_granted: int = Field(0, ge=0)
    requests_refused: int = Field(0, ge=0)


class RecentShift(_Loose):
    date: dt.date
    shift: str


class OfficerRecord(_Loose):
    periods: list[Period] = Field(default_factory=list)
    recent: list[RecentShift] = Field(default_factory=list)


class Week(_Loose):
    start: dt.date
    days: int = Field(ge=1)
    roster: str  # relative to the ledger's folder
    roster_sha256: str


class LedgerFile(_Loose):
    format: str
    night_shifts: list[str] = Field(default_factory=list)
    weeks: list[Week] = Field(default_factory=list)
    officers: dict[str, OfficerRecord] = Field(default_factory=dict)


@dataclass
class PreviousWeeks:
    """What last week's roster and ledger give this week."""

    roster: Path
    ledger: LedgerFile
    history: dict[str, list[tuple[dt.date, str]]] = field(default_factory=dict)  # officer -> (date, shift)
    last_week: dict[str, tuple[int, int]] = field(default_factory=dict)  # officer -> nights, weekend shifts

    def priors(self, officers: list[str], horizon_start: dt.date, weeks: int) -> dict[str, tuple[int, int]]:
        """Each officer's nights and weekend shifts over the `weeks` before the horizon: last week's from
        its roster as it is now, older ones from the ledger. An officer new to the zone starts from the
        mean of the others, so that he is neither spared nor loaded for weeks he was not here."""
        since = horizon_start - dt.timedelta(days=7 * weeks)
        last = self.ledger.weeks[-1].start
        known: dict[str, tuple[int, int]] = {}
        for oid in officers:
            record = self.ledger.officers.get(oid)
            if record is None and oid not in self.last_week:
                continue
            older = [p for p in (record.periods if record else []) if since <= p.start < last]
            nights, weekends = self.last_week.get(oid, (0, 0))
            known[oid] = (nights + sum(p.nights for p in older), weekends + sum(p.weekend_shifts for p in older))
        if not known:
            return {}
        mean = (round(sum(n for n, _ in known.values()) / len(known)), round(sum(w for _, w in known.values()) / len(known)))
        return {oid: known.get(oid, mean) for oid in officers}


def _bad(path: Path | str, message: str, where: str = "") -> InputError:
    return InputError([InputProblem(str(path), None, where, message)])


def _json(path: Path) -> Any:
    try:
        return json.loads(read_input_bytes(path).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _bad(path, f"not a JSON file we wrote ({exc})") from None


def read_previous(roster_path: Path, horizon_start: dt.date, source: str) -> PreviousWeeks:
    """Last week's roster and its ledger, for a horizon starting on `horizon_start`."""
    if not roster_path.is_file():
        raise _bad(source, f"no roster '{roster_path}' (previous: is relative to the scenario file)", "previous")
    doc = _json(roster_path)
    rows = doc.get("assignments") if isinstance(doc, dict) else None
    if not isinstance(rows, list):
        raise _bad(roster_path, "a roster has a list 'assignments'", "assignments")
    ledger_path = roster_path.parent / "ledger.json"
    if not ledger_path.is_file():
        raise _bad(roster_path, "no ledger.json beside it: solve that week again with this version", "previous")
    try:
        ledger = LedgerFile.model_validate(_json(ledger_path))
    except ValidationError as exc:
        first = exc.errors()[0]
        raise _bad(ledger_path, first["msg"], ".".join(str(p) for p in first["loc"])) from None
    if ledger.format != LEDGER_FORMAT or not ledger.weeks:
        raise _bad(ledger_path, f"not a ledger ({LEDGER_FORMAT}) with at least one week")
    last = ledger.weeks[-1]
    if last.start + dt.timedelta(days=last.days) != horizon_start:
        raise _bad(source, f"last week's roster covers {last.start} + {last.days} days, so this horizon "
                           f"starts on {last.start + dt.timedelta(days=last.days)}, not {horizon_start}", "horizon.start")
    history: dict[str, list[tuple[dt.date, str]]] = {}
    first_day = horizon_start - dt.timedelta(days=HISTORY_DAYS)
    try:
        worked = [(str(r["officer"]), dt.date.fromisoformat(str(r["date"])), str(r["shift"])) for r in rows]
    except (KeyError, TypeError, ValueError):
        raise _bad(roster_path, "every assignment needs officer, date and shift", "assignments") from None
    for oid, record in ledger.officers.items():
        # The ledger's shifts before last week; last week's come from the roster as it is now.
        history[oid] = [(r.date, r.shift) for r in record.recent if first_day <= r.date < last.start]
    last_week: dict[str, tuple[int, int]] = {}
    nights = set(ledger.night_shifts)
    for oid, day, shift in worked:
        if first_day <= day < horizon_start:
            history.setdefault(oid, []).append((day, shift))
        if last.start <= day < horizon_start:
            n, w = last_week.get(oid, (0, 0))
            last_week[oid] = (n + (shift in nights), w + (day.weekday() >= 5))
    return PreviousWeeks(roster_path, ledger, {k: sorted(v) for k, v in history.items()}, last_week)


def roster_digest(path: Path) -> str:
    return hashlib.sha256(read_input_bytes(path)).hexdigest()


def with_history(data: dict[str, Any], previous: PreviousWeeks) -> dict[str, Any]:
    """The scenario mapping with last weeks' shifts added to each officer's `history` (a date the
    scenario already gives for that officer keeps the scenario's)."""
    officers = []
    for item in data.get("officers") or []:
        if isinstance(item, dict) and str(item.get("id")) in previous.history:
            own = list(item.get("history") or [])
            dates = {h.get("date") for h in own if isinstance(h, dict)}
            own += [{"date": day, "shift": shift} for day, shift in previous.history[str(item["id"])] if day not in dates]
            item = {**item, "history": own}
        officers.append(item)
    return {**data, "officers": officers}
