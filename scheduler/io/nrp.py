"""The Curtois-Qu shift scheduling benchmark ("NRP" instances 1-24): reader, converter, reference.

`parse_nrp` reads an instance text file (format in `benchmarks/data/nrp/README.md`) into an
`NrpInstance`; `nrp_to_scenario_dict` turns it into the equivalent scenario as plain YAML-able data
for our schema (rule pack `nrp`, per-officer rule overrides for the per-employee limits);
`read_nrp_scenario` validates that data through the same path as a YAML file, so an instance becomes
the same `LoadedScenario` a scenario file gives; `write_nrp_yaml` writes it as a readable YAML file
(`scheduler import-nrp`).

`nrp_objective` and `nrp_violations` are an independent plain-Python reference of the benchmark's
objective and hard rules with their exact border semantics, for tests and the checker. They read the
instance only, never the scenario or the solver.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scheduler.config import Weights
from scheduler.errors import InputError, InputProblem
from scheduler.io.atomic import write_atomic
from scheduler.io.yaml_source import YamlSource
from scheduler.load import LoadedScenario, load_source, rule_pack_dirs
from scheduler.rules import RulePack

START_DATE = dt.date(2024, 1, 1)
"""Day 0 of every converted instance: a Monday (the format's day 0 is a Monday)."""

SECTIONS = (
    "SECTION_HORIZON",
    "SECTION_SHIFTS",
    "SECTION_STAFF",
    "SECTION_DAYS_OFF",
    "SECTION_SHIFT_ON_REQUESTS",
    "SECTION_SHIFT_OFF_REQUESTS",
    "SECTION_COVER",
)
REQUIRED_SECTIONS = ("SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF")


# --------------------------------------------------------------------------------------------------
# The instance


@dataclass(frozen=True)
class NrpShift:
    id: str
    length: int
    """Minutes."""
    cannot_follow: tuple[str, ...] = ()
    """Shift ids that may not be worked on the day after this shift."""


@dataclass(frozen=True)
class NrpStaff:
    id: str
    max_shifts: dict[str, int]
    """Most shifts of each listed type over the horizon (0 = never); unlisted types are unlimited."""
    max_total_minutes: int
    min_total_minutes: int
    max_consecutive_shifts: int
    min_consecutive_shifts: int
    min_consecutive_days_off: int
    max_weekends: int


@dataclass(frozen=True)
class NrpRequest:
    employee: str
    day: int
    shift: str
    weight: int


@dataclass(frozen=True)
class NrpCover:
    day: int
    shift: str
    requirement: int
    weight_under: int
    weight_over: int


@dataclass
class NrpInstance:
    horizon: int
    shifts: list[NrpShift]
    staff: list[NrpStaff]
    days_off: dict[str, frozenset[int]] = field(default_factory=dict)
    on_requests: list[NrpRequest] = field(default_factory=list)
    off_requests: list[NrpRequest] = field(default_factory=list)
    cover: list[NrpCover] = field(default_factory=list)
    source: str = ""

    @property
    def shift_by_id(self) -> dict[str, NrpShift]:
        return {s.id: s for s in self.shifts}

    @property
    def staff_by_id(self) -> dict[str, NrpStaff]:
        return {e.id: e for e in self.staff}

    def days_off_of(self, employee: str) -> frozenset[int]:
        return self.days_off.get(employee, frozenset())

    @property
    def weekends(self) -> int:
        """Weekends with at least one day inside the horizon."""
        return len({d // 7 for d in range(self.horizon) if d % 7 in (5, 6)})


# --------------------------------------------------------------------------------------------------
# Parsing


_FIELDS = {
    "SECTION_SHIFTS": "ShiftID,LengthInMinutes,CannotFollow",
    "SECTION_STAFF": "EmpID,MaxShifts,MaxTotalMinutes,MinTotalMinutes,MaxConsecutiveShifts,"
    "MinConsecutiveShifts,MinConsecutiveDaysOff,MaxWeekends",
    "SECTION_DAYS_OFF": "EmpID,day,day,...",
    "SECTION_SHIFT_ON_REQUESTS": "EmpID,day,ShiftID,weight",
    "SECTION_SHIFT_OFF_REQUESTS": "EmpID,day,ShiftID,weight",
    "SECTION_COVER": "day,ShiftID,requirement,weightUnder,weightOver",
}


class _Parser:
    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[InputProblem] = []

    def bad(self, line: int | None, section: str, message: str) -> None:
        self.problems.append(InputProblem(self.name, line, section, message))

    def count(self, line: int, section: str, fields: list[str], lo: int, hi: int | None) -> bool:
        if len(fields) < lo or (hi is not None and len(fields) > hi):
            want = f"{lo}" if hi == lo else f"{lo} to {hi}" if hi is not None else f"at least {lo}"
            self.bad(line, section, f"expected {want} comma-separated fields ({_FIELDS[section]}), got {len(fields)}")
            return False
        return True

    def number(self, line: int, section: str, text: str, what: str, minimum: int = 0) -> int | None:
        try:
            value = int(text)
        except ValueError:
            self.bad(line, section, f"{what}: expected a whole number, got {text!r}")
            return None
        if value < minimum:
            self.bad(line, section, f"{what}: must be at least {minimum}, got {value}")
            return None
        return value

    def ident(self, line: int, section: str, text: str, what: str) -> str | None:
        if not text or any(c.isspace() for c in text) or "|" in text or "=" in text:
            self.bad(line, section, f"{what}: expected an id, got {text!r}")
            return None
        return text


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([InputProblem(str(path), None, "", f"cannot read: {exc.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([InputProblem(str(path), line, "", "not UTF-8 text")]) from None


def parse_nrp(path: str | Path) -> NrpInstance:
    """Read an instance file. Every problem is reported, with file and line, in one `InputError`."""
    path = Path(path)
    return parse_nrp_text(_read_text(path), str(path))


def parse_nrp_text(text: str, name: str = "<nrp>") -> NrpInstance:
    """Parse instance text; `name` is the file name used in error messages."""
    p = _Parser(name)
    sections: dict[str, list[tuple[int, list[str]]]] = {}
    header_line: dict[str, int] = {}
    current: str | None = None
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.upper().startswith("SECTION_"):
            head = line.rstrip(",").strip().upper()
            if head not in SECTIONS:
                p.bad(lineno, "", f"unknown section {line!r} (expected one of {', '.join(SECTIONS)})")
                current = ""  # skip its lines: already reported
                continue
            if head in sections:
                p.bad(lineno, head, f"section repeated (first at line {header_line[head]})")
            current = head
            header_line.setdefault(head, lineno)
            sections.setdefault(head, [])
            continue
        if current is None:
            p.bad(lineno, "", "data outside a section (expected a SECTION_... line first)")
            current = ""
        if not current:
            continue
        fields = [f.strip() for f in line.split(",")]
        while fields and fields[-1] == "":  # trailing commas
            fields.pop()
        sections[current].append((lineno, fields))
    for head in REQUIRED_SECTIONS:
        if head not in sections:
            p.bad(None, head, "section missing")

    # Horizon.
    horizon: int | None = None
    rows = sections.get("SECTION_HORIZON", [])
    if len(rows) > 1:
        p.bad(rows[1][0], "SECTION_HORIZON", "expected one line with the horizon length in days")
    if not rows and "SECTION_HORIZON" in sections:
        p.bad(header_line["SECTION_HORIZON"], "SECTION_HORIZON", "the horizon length is missing")
    if rows:
        line, fields = rows[0]
        if len(fields) != 1:
            p.bad(line, "SECTION_HORIZON", f"expected one number, got {len(fields)} fields")
        else:
            horizon = p.number(line, "SECTION_HORIZON", fields[0], "horizon", 1)

    def day_ok(line: int, section: str, text: str, what: str = "day") -> int | None:
        day = p.number(line, section, text, what)
        if day is not None and horizon is not None and day >= horizon:
            p.bad(line, section, f"{what} {day} is outside the horizon 0..{horizon - 1}")
            return None
        return day

    # Shifts.
    S = "SECTION_SHIFTS"
    shifts: list[NrpShift] = []
    shift_line: dict[str, int] = {}
    follow_rows: list[tuple[int, str, list[str]]] = []
    for line, fields in sections.get(S, []):
        if not p.count(line, S, fields, 2, 3):
            continue
        sid = p.ident(line, S, fields[0], "ShiftID")
        length = p.number(line, S, fields[1], "LengthInMinutes", 1)
        follow = [f.strip() for f in fields[2].split("|")] if len(fields) > 2 else []
        follow = [f for f in follow if f]
        if sid is None or length is None:
            continue
        if sid in shift_line:
            p.bad(line, S, f"duplicate ShiftID {sid!r} (first at line {shift_line[sid]})")
            continue
        shift_line[sid] = line
        shifts.append(NrpShift(sid, length, tuple(dict.fromkeys(follow))))
        follow_rows.append((line, sid, follow))
    if S in sections and not shifts and not sections[S]:
        p.bad(header_line[S], S, "no shift types")
    for line, sid, follow in follow_rows:
        for other in follow:
            if other not in shift_line:
                p.bad(line, S, f"CannotFollow of {sid!r}: unknown shift {other!r}")

    def shift_ok(line: int, section: str, text: str) -> str | None:
        if text not in shift_line:
            p.bad(line, section, f"unknown shift {text!r}")
            return None
        return text

    # Staff.
    S = "SECTION_STAFF"
    staff: list[NrpStaff] = []
    staff_line: dict[str, int] = {}
    names = ("MaxTotalMinutes", "MinTotalMinutes", "MaxConsecutiveShifts", "MinConsecutiveShifts",
             "MinConsecutiveDaysOff", "MaxWeekends")
    for line, fields in sections.get(S, []):
        if not p.count(line, S, fields, 8, 8):
            continue
        eid = p.ident(line, S, fields[0], "EmpID")
        ok = eid is not None
        limits: dict[str, int] = {}
        for item in (x.strip() for x in fields[1].split("|")):
            if not item:
                continue
            key, eq, value = (x.strip() for x in item.partition("="))
            if not eq:
                p.bad(line, S, f"MaxShifts: expected ShiftID=number, got {item!r}")
                ok = False
                continue
            n = p.number(line, S, value, f"MaxShifts[{key}]")
            if shift_ok(line, S, key) is None or n is None:
                ok = False
            elif key in limits:
                p.bad(line, S, f"MaxShifts: shift {key!r} given twice")
                ok = False
            else:
                limits[key] = n
        values = [p.number(line, S, f, what) for f, what in zip(fields[2:], names, strict=True)]
        if not ok or any(v is None for v in values):
            continue
        vmax, vmin, cmax, cmin, offmin, weekends = (int(v) for v in values)  # type: ignore[arg-type]
        if vmin > vmax:
            p.bad(line, S, f"MinTotalMinutes {vmin} > MaxTotalMinutes {vmax}")
            continue
        assert eid is not None
        if eid in staff_line:
            p.bad(line, S, f"duplicate EmpID {eid!r} (first at line {staff_line[eid]})")
            continue
        staff_line[eid] = line
        staff.append(NrpStaff(eid, limits, vmax, vmin, cmax, cmin, offmin, weekends))
    if S in sections and not sections[S]:
        p.bad(header_line[S], S, "no staff")

    def employee_ok(line: int, section: str, text: str) -> str | None:
        if text not in staff_line:
            p.bad(line, section, f"unknown EmpID {text!r}")
            return None
        return text

    # Days off.
    S = "SECTION_DAYS_OFF"
    days_off: dict[str, set[int]] = {}
    for line, fields in sections.get(S, []):
        if not p.count(line, S, fields, 1, None):
            continue
        eid = employee_ok(line, S, fields[0])
        days = [day_ok(line, S, f) for f in fields[1:]]
        if eid is not None:
            days_off.setdefault(eid, set()).update(d for d in days if d is not None)

    # Requests.
    requests: dict[str, list[NrpRequest]] = {}
    for S in ("SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS"):
        out = requests.setdefault(S, [])
        for line, fields in sections.get(S, []):
            if not p.count(line, S, fields, 4, 4):
                continue
            eid = employee_ok(line, S, fields[0])
            day = day_ok(line, S, fields[1])
            sid = shift_ok(line, S, fields[2])
            weight = p.number(line, S, fields[3], "weight")
            if eid is not None and day is not None and sid is not None and weight is not None:
                out.append(NrpRequest(eid, day, sid, weight))

    # Cover.
    S = "SECTION_COVER"
    cover: list[NrpCover] = []
    cover_line: dict[tuple[int, str], int] = {}
    for line, fields in sections.get(S, []):
        if not p.count(line, S, fields, 5, 5):
            continue
        day = day_ok(line, S, fields[0])
        sid = shift_ok(line, S, fields[1])
        req, under, over = (p.number(line, S, f, w) for f, w in zip(
            fields[2:], ("requirement", "weightUnder", "weightOver"), strict=True))
        if day is None or sid is None or req is None or under is None or over is None:
            continue
        if (day, sid) in cover_line:
            p.bad(line, S, f"cover for day {day}, shift {sid!r} given twice (first at line {cover_line[day, sid]})")
            continue
        cover_line[day, sid] = line
        cover.append(NrpCover(day, sid, req, under, over))

    if p.problems:
        raise InputError(p.problems)
    assert horizon is not None
    return NrpInstance(
        horizon=horizon,
        shifts=shifts,
        staff=staff,
        days_off={e: frozenset(sorted(d)) for e, d in days_off.items()},
        on_requests=requests["SECTION_SHIFT_ON_REQUESTS"],
        off_requests=requests["SECTION_SHIFT_OFF_REQUESTS"],
        cover=cover,
        source=name,
    )


# --------------------------------------------------------------------------------------------------
# Conversion to a scenario


def _date(day: int) -> str:
    return (START_DATE + dt.timedelta(days=day)).isoformat()


def _hours(minutes: int) -> int | float:
    return minutes // 60 if minutes % 60 == 0 else minutes / 60


def _nrp_pack() -> RulePack | None:
    """The `nrp` rule pack as shipped (configs/rules/nrp.yaml), resolved; None if not found."""
    for folder in rule_pack_dirs(None):
        path = folder / "nrp.yaml"
        if path.is_file():
            data = YamlSource.read(path).data or {}
            return RulePack.model_validate(data.get("rules") or {})
    return None


def _officer_rules(e: NrpStaff, horizon: int, weekends: int, pack: RulePack | None) -> dict[str, dict[str, Any]]:
    """Per-officer overrides: only those whose effect differs from the pack's (all if no pack).

    Equivalences used: a maximum of consecutive shifts >= H is no limit; a minimum of 0 or 1 is no
    limit (the schema's least is 1); a maximum of weekends >= the horizon's weekends is no limit.
    """
    out: dict[str, dict[str, Any]] = {}

    def same(rule: Any, effective_pack: Any, effective_ours: Any, exempt: bool | None = None) -> bool:
        if rule is None or rule.mode != "hard":
            return False
        if exempt is not None and rule.exempt_at_start != exempt:
            return False
        return bool(effective_pack == effective_ours)

    cmax = max(e.max_consecutive_shifts, 1)  # 0 is handled with max_shifts = 0 by the caller
    r = pack.max_consecutive_days if pack else None
    if not same(r, min(r.days, horizon) if r else None, min(cmax, horizon)):
        out["max_consecutive_days"] = {"days": cmax}
    cmin = max(e.min_consecutive_shifts, 1)
    r = pack.min_consecutive_days if pack else None
    if not same(r, r.days if r else None, cmin, True):
        out["min_consecutive_days"] = {"days": cmin, "exempt_at_start": True}
    omin = max(e.min_consecutive_days_off, 1)
    r = pack.min_consecutive_days_off if pack else None
    if not same(r, r.days if r else None, omin, True):
        out["min_consecutive_days_off"] = {"days": omin, "exempt_at_start": True}
    r = pack.max_weekends if pack else None
    pack_weekends = (weekends if r.weekends is None else min(r.weekends, weekends)) if r else None
    if not same(r, pack_weekends, min(e.max_weekends, weekends)):
        out["max_weekends"] = {"weekends": e.max_weekends}
    for key, rule in out.items():
        if pack is not None and getattr(pack, key).mode != "hard":
            rule["mode"] = "hard"
    return out


def slot_minutes_for(lengths: list[int]) -> int:
    """The largest divisor of 60 that divides every shift length."""
    return max(d for d in range(1, 61) if 60 % d == 0 and all(n % d == 0 for n in lengths))


def nrp_to_scenario_dict(inst: NrpInstance, name: str) -> dict[str, Any]:
    """The equivalent scenario as plain data (str, int, bool, list, dict; dates as ISO strings)."""
    pack = _nrp_pack()
    weekends = inst.weekends
    on_by: dict[str, list[NrpRequest]] = {}
    off_by: dict[str, list[NrpRequest]] = {}
    for r in inst.on_requests:
        on_by.setdefault(r.employee, []).append(r)
    for r in inst.off_requests:
        off_by.setdefault(r.employee, []).append(r)
    officers = []
    for e in inst.staff:
        max_shifts = dict(e.max_shifts)
        if e.max_consecutive_shifts < 1:  # may not work at all
            max_shifts = {s.id: 0 for s in inst.shifts}
        officer: dict[str, Any] = {
            "id": e.id,
            "max_shifts": max_shifts,
            "min_minutes": e.min_total_minutes,
            "max_minutes": e.max_total_minutes,
        }
        if inst.days_off_of(e.id):
            officer["unavailable"] = [{"start": _date(d), "reason": "day_off"} for d in sorted(inst.days_off_of(e.id))]
        requests = [
            {"date": _date(r.day), "shift": r.shift, "want": True, "weight": r.weight} for r in on_by.get(e.id, [])
        ] + [{"date": _date(r.day), "shift": r.shift, "want": False, "weight": r.weight} for r in off_by.get(e.id, [])]
        if requests:
            officer["requests"] = requests
        rules = _officer_rules(e, inst.horizon, weekends, pack)
        if rules:
            officer["rules"] = rules
        officers.append(officer)

    rules: dict[str, Any] = {"pack": "nrp"}
    pairs = [[s.id, t] for s in inst.shifts for t in s.cannot_follow]
    if pairs:
        rules["forbidden_successions"] = {"pairs": pairs}
    weights = {key: 0 for key in Weights.model_fields}
    weights["requests"] = 1
    return {
        "name": name,
        "zone": "nrp",
        "horizon": {
            "start": START_DATE.isoformat(),
            "days": inst.horizon,
            "timezone": "UTC",
            "slot_minutes": slot_minutes_for([s.length for s in inst.shifts]),
        },
        "skills": [],
        "shift_types": [{"id": s.id, "start": "00:00", "hours": _hours(s.length)} for s in inst.shifts],
        "officers": officers,
        "demand": {
            "shift_cover": [
                {
                    "days": [_date(c.day)],
                    "shift": c.shift,
                    "count": c.requirement,
                    "under_weight": c.weight_under,
                    "over_weight": c.weight_over,
                }
                for c in inst.cover
            ]
        },
        "rules": rules,
        "objective": {"weights": weights},
        "solver": {"time_limit": 60, "workers": 2},
    }


# YAML output: block style, short scalar lists and small records inline, dates plain, times quoted.

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CLOCK = re.compile(r"^\d{2}:\d{2}$")


class _FlowList(list):
    pass


class _FlowDict(dict):
    pass


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)  # indent list items under their key


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _CLOCK.match(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(
    _FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
_Dumper.add_representer(
    _FlowDict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True)
)


def _scalar(v: Any) -> bool:
    return v is None or isinstance(v, str | int | float | bool | dt.date)


def _styled(value: Any, key: str = "", depth: int = 0, in_list: bool = False) -> Any:
    """Dates as dates, scalar lists and small records (in lists or deeply nested) in flow style."""
    if isinstance(value, Mapping):
        items = {k: _styled(v, str(k), depth + 1) for k, v in value.items()}
        if items and all(_scalar(v) or isinstance(v, _FlowList) for v in items.values()) and (in_list or depth >= 3):
            return _FlowDict(items)
        return items
    if isinstance(value, list):
        items = [_styled(v, key, depth + 1, in_list=True) for v in value]
        if all(_scalar(v) for v in items):
            return _FlowList(items)
        return items
    if isinstance(value, str) and _ISO_DATE.match(value) and key in ("start", "end", "date", "days"):
        return dt.date.fromisoformat(value)
    return value


def scenario_yaml_text(inst: NrpInstance, name: str) -> str:
    """The scenario of `nrp_to_scenario_dict` as YAML text (block style, records inline)."""
    data = _styled(nrp_to_scenario_dict(inst, name))
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=120)


def _header(inst_path: Path) -> str:
    digest = hashlib.sha256(inst_path.read_bytes()).hexdigest() if inst_path.is_file() else ""
    lines = [
        f"# Curtois-Qu shift scheduling benchmark instance {inst_path.name}, converted to a scenario.",
        f"# Source: {inst_path}" + (f" (sha256 {digest[:16]})" if digest else ""),
        "# Day 0 of the instance is the horizon start; rule pack nrp: only the format's rules are on.",
        "# Regenerate with: scheduler import-nrp " + inst_path.name + " -o <file>.yaml",
        "",
    ]
    return "\n".join(lines) + "\n"


def read_nrp_scenario(path: str | Path) -> LoadedScenario:
    """An instance file as the `LoadedScenario` a YAML scenario file gives (same validation path)."""
    path = Path(path)
    inst = parse_nrp(path)
    text = scenario_yaml_text(inst, path.stem)
    try:
        return load_source(YamlSource(text, str(path)), None)
    except InputError as exc:
        # Line numbers there are in the generated YAML, not in the instance file.
        raise InputError(
            [InputProblem(str(path), None, p.path, f"as a scenario: {p.message}") for p in exc.problems]
        ) from None


def write_nrp_yaml(inst_path: str | Path, out_path: str | Path) -> None:
    """Write the instance as a YAML scenario file (for `scheduler import-nrp`)."""
    inst_path, out_path = Path(inst_path), Path(out_path)
    inst = parse_nrp(inst_path)
    text = scenario_yaml_text(inst, inst_path.stem)
    write_atomic(out_path, _header(inst_path) + text)


# --------------------------------------------------------------------------------------------------
# Reference objective and hard rules


def _roster(inst: NrpInstance, assignment: Mapping[tuple[str, int], str | None]) -> dict[str, list[str | None]]:
    """Employee -> shift id or None per day; malformed entries raise ValueError."""
    shifts = inst.shift_by_id
    roster: dict[str, list[str | None]] = {e.id: [None] * inst.horizon for e in inst.staff}
    for (emp, day), shift in assignment.items():
        if emp not in roster:
            raise ValueError(f"assignment: unknown employee {emp!r}")
        if not isinstance(day, int) or not 0 <= day < inst.horizon:
            raise ValueError(f"assignment: day {day!r} of {emp!r} is outside the horizon 0..{inst.horizon - 1}")
        if shift is not None and shift not in shifts:
            raise ValueError(f"assignment: unknown shift {shift!r} for {emp!r} on day {day}")
        roster[emp][day] = shift
    return roster


def nrp_objective(inst: NrpInstance, assignment: Mapping[tuple[str, int], str | None]) -> int:
    """The benchmark objective of an assignment {(EmpID, day): ShiftID} (absent or None = day off)."""
    roster = _roster(inst, assignment)
    total = 0
    for r in inst.on_requests:
        if roster[r.employee][r.day] != r.shift:
            total += r.weight
    for r in inst.off_requests:
        if roster[r.employee][r.day] == r.shift:
            total += r.weight
    for c in inst.cover:
        x = sum(1 for days in roster.values() if days[c.day] == c.shift)
        if x < c.requirement:
            total += c.weight_under * (c.requirement - x)
        elif x > c.requirement:
            total += c.weight_over * (x - c.requirement)
    return total


def _blocks(flags: list[bool], value: bool) -> list[tuple[int, int]]:
    """Maximal runs [first, last] of days whose flag equals `value`."""
    out = []
    start = None
    for d, f in enumerate([*flags, not value]):
        if f == value and start is None:
            start = d
        elif f != value and start is not None:
            out.append((start, d - 1))
            start = None
    return out


def nrp_violations(inst: NrpInstance, assignment: Mapping[tuple[str, int], str | None]) -> list[str]:
    """Hard-rule violations (README rules 2-9; rule 1 holds by the mapping's shape), one line each."""
    roster = _roster(inst, assignment)
    shifts = inst.shift_by_id
    h = inst.horizon
    out: list[str] = []
    for e in inst.staff:
        days = roster[e.id]
        worked = [s is not None for s in days]
        # 2. Rotation, pairs inside the horizon.
        for d in range(h - 1):
            s, t = days[d], days[d + 1]
            if s is not None and t is not None and t in shifts[s].cannot_follow:
                out.append(f"rule 2 (rotation): {e.id} works {t} on day {d + 1} after {s} on day {d}")
        # 3. Shifts per type.
        for sid, limit in e.max_shifts.items():
            n = sum(1 for s in days if s == sid)
            if n > limit:
                out.append(f"rule 3 (max shifts): {e.id} works {n} shifts {sid}, at most {limit}")
        # 4. Total minutes.
        minutes = sum(shifts[s].length for s in days if s is not None)
        if minutes > e.max_total_minutes:
            out.append(f"rule 4 (max total minutes): {e.id} works {minutes} min, at most {e.max_total_minutes}")
        if minutes < e.min_total_minutes:
            out.append(f"rule 4 (min total minutes): {e.id} works {minutes} min, at least {e.min_total_minutes}")
        # 5-7. Blocks of worked days and of days off.
        for a, b in _blocks(worked, True):
            n = b - a + 1
            if n > e.max_consecutive_shifts:
                out.append(
                    f"rule 5 (max consecutive shifts): {e.id} works days {a}..{b}, {n} in a row, "
                    f"at most {e.max_consecutive_shifts}"
                )
            if n < e.min_consecutive_shifts and a > 0 and b < h - 1:
                out.append(
                    f"rule 6 (min consecutive shifts): {e.id} works days {a}..{b}, {n} in a row, "
                    f"at least {e.min_consecutive_shifts}"
                )
        for a, b in _blocks(worked, False):
            n = b - a + 1
            if n < e.min_consecutive_days_off and a > 0 and b < h - 1:
                out.append(
                    f"rule 7 (min consecutive days off): {e.id} is off days {a}..{b}, {n} in a row, "
                    f"at least {e.min_consecutive_days_off}"
                )
        # 8. Weekends: Saturday 7w+5 or Sunday 7w+6 worked.
        weekends = sorted({d // 7 for d in range(h) if worked[d] and d % 7 in (5, 6)})
        if len(weekends) > e.max_weekends:
            out.append(
                f"rule 8 (max weekends): {e.id} works {len(weekends)} weekends ({', '.join(map(str, weekends))}), "
                f"at most {e.max_weekends}"
            )
        # 9. Days off.
        for d in sorted(inst.days_off_of(e.id)):
            if worked[d]:
                out.append(f"rule 9 (days off): {e.id} works {days[d]} on day off {d}")
    return out
