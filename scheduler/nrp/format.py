"""The Curtois-Qu shift scheduling benchmark ("NRP" instances 1-24): the instance and its reader.

`parse_nrp` reads an instance text file (format in `benchmarks/data/nrp/README.md`) into an
`NrpInstance`. `convert.py` turns it into a scenario; `score.py` is an independent reference of its
objective and hard rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scheduler.errors import InputError, InputProblem
from scheduler.scenario.yaml_source import read_input_bytes

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
    raw = read_input_bytes(path)  # a regular file of bounded size, or an InputError
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
        content = raw.split("#", 1)[0].strip()
        if not content:
            continue
        if content.upper().startswith("SECTION_"):
            head = content.rstrip(",").strip().upper()
            if head not in SECTIONS:
                p.bad(lineno, "", f"unknown section {content!r} (expected one of {', '.join(SECTIONS)})")
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
        fields = [f.strip() for f in content.split(",")]
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
