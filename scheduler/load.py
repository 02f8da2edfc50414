"""Read a scenario file: strict YAML -> pydantic -> rule pack resolved -> cross-references checked.

Every problem is reported with file, line and field, all at once, as an `InputError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from scheduler.config import WEEKDAYS, Scenario
from scheduler.errors import InputError, InputProblem
from scheduler.io.yaml_source import YamlSource, format_loc
from scheduler.rules import RulePack

PACKAGE_DIR = Path(__file__).resolve().parent


@dataclass
class LoadedScenario:
    """A valid scenario with its rules resolved, per officer where they override."""

    scenario: Scenario
    rules: RulePack
    officer_rules: dict[str, RulePack]
    source: str
    sha256: str
    warnings: list[str] = field(default_factory=list)

    def rules_for(self, officer_id: str) -> RulePack:
        return self.officer_rules.get(officer_id, self.rules)


def rule_pack_dirs(scenario_path: Path | None) -> list[Path]:
    """Where `rules.pack: NAME` is looked up, first match wins."""
    dirs = []
    if scenario_path is not None:
        for parent in [scenario_path.resolve().parent, *scenario_path.resolve().parents]:
            dirs.append(parent / "configs" / "rules")
    dirs += [PACKAGE_DIR / "configs" / "rules", PACKAGE_DIR.parent / "configs" / "rules"]
    return dirs


def _pydantic_problems(exc: ValidationError, source: YamlSource, prefix: tuple = ()) -> list[InputProblem]:
    problems = []
    for err in exc.errors():
        loc = prefix + tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = f"unknown key '{loc[-1]}'"
        elif msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        elif err["type"] == "missing":
            msg = "required key is missing"
        problems.append(InputProblem(source.name, source.locate(loc), format_loc(loc), msg))
    return problems


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _read_pack(name: str, scenario_path: Path | None, source: YamlSource) -> tuple[dict[str, Any], YamlSource]:
    for folder in rule_pack_dirs(scenario_path):
        path = folder / f"{name}.yaml"
        if path.is_file():
            pack = YamlSource.read(path)
            data = pack.data or {}
            if not isinstance(data, dict) or set(data) - {"name", "description", "rules"}:
                raise InputError([InputProblem(str(path), 1, "", "a rule pack has keys name, description, rules")])
            return dict(data.get("rules") or {}), pack
    raise InputError(
        [InputProblem(source.name, source.locate(("rules", "pack")), "rules.pack", f"unknown rule pack '{name}'")]
    )


def load_scenario(path: str | Path) -> LoadedScenario:
    source = YamlSource.read(path)
    return load_source(source, Path(path))


def load_source(source: YamlSource, path: Path | None = None) -> LoadedScenario:
    import hashlib

    data = source.data
    if not isinstance(data, dict):
        raise InputError([InputProblem(source.name, 1, "", "a scenario is a YAML mapping (horizon, shift_types, ...)")])
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(_pydantic_problems(exc, source)) from None

    # Rule pack, then the scenario's overrides, then each officer's.
    settings = scenario.rules.model_dump(exclude_none=False)
    pack_name = settings.pop("pack")
    pack_rules: dict[str, Any] = {}
    if pack_name:
        pack_rules, pack_source = _read_pack(pack_name, path, source)
        try:
            RulePack.model_validate(pack_rules)
        except ValidationError as exc:
            raise InputError(_pydantic_problems(exc, pack_source, ("rules",))) from None
    merged = _deep_merge(pack_rules, settings)
    try:
        rules = RulePack.model_validate(merged)
    except ValidationError as exc:
        raise InputError(_pydantic_problems(exc, source, ("rules",))) from None
    officer_rules: dict[str, RulePack] = {}
    problems: list[InputProblem] = []
    for i, officer in enumerate(scenario.officers):
        if officer.rules:
            try:
                officer_rules[officer.id] = RulePack.model_validate(_deep_merge(merged, officer.rules))
            except ValidationError as exc:
                problems += _pydantic_problems(exc, source, ("officers", i, "rules"))
    if problems:
        raise InputError(problems)

    raw = Path(source.name).read_bytes() if Path(source.name).is_file() else source.name.encode()
    loaded = LoadedScenario(scenario, rules, officer_rules, source.name, hashlib.sha256(raw).hexdigest())
    check_references(loaded, source)
    return loaded


def check_references(loaded: LoadedScenario, source: YamlSource) -> None:
    """Every id, skill, shift, zone and date refers to something that exists."""
    sc = loaded.scenario
    problems: list[InputProblem] = []

    def bad(loc: tuple, message: str) -> None:
        problems.append(InputProblem(source.name, source.locate(loc), format_loc(loc), message))

    try:
        ZoneInfo(sc.horizon.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        bad(("horizon", "timezone"), f"unknown time zone '{sc.horizon.timezone}'")
    start = sc.horizon.start
    end = start + dt.timedelta(days=sc.horizon.days)  # exclusive
    skills = set(sc.skills)
    shifts = {s.id for s in sc.shift_types}
    hotspots = {h.id for h in sc.hotspots}
    tasks = {t.id for t in sc.tasks}
    duties = {"response"} | hotspots | tasks

    def unique(items: list, key: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                bad((key, i, "id"), f"duplicate id '{item.id}' (also {key}[{seen[item.id]}])")
            seen[item.id] = i

    unique(sc.shift_types, "shift_types")
    unique(sc.officers, "officers")
    unique(sc.tasks, "tasks")
    unique(sc.hotspots, "hotspots")
    for i, t in enumerate(sc.tasks):
        if t.id in hotspots or t.id == "response":
            bad(("tasks", i, "id"), f"task id '{t.id}' is also a hotspot id or 'response'")
    for i, s in enumerate(sc.shift_types):
        if s.minutes % sc.horizon.slot_minutes or (int(s.start[:2]) * 60 + int(s.start[3:])) % sc.horizon.slot_minutes:
            bad(("shift_types", i), f"start and length must be whole slots of {sc.horizon.slot_minutes} min")

    def skill_ok(loc: tuple, skill: str | None) -> None:
        if skill is not None and skill not in skills:
            bad(loc, f"unknown skill '{skill}'")

    def shift_ok(loc: tuple, shift: str | None) -> None:
        if shift is not None and shift not in shifts:
            bad(loc, f"unknown shift type '{shift}'")

    def in_horizon(loc: tuple, day: dt.date) -> None:
        if not start <= day < end:
            bad(loc, f"date {day} is outside the horizon {start} .. {end - dt.timedelta(days=1)}")

    def days_ok(loc: tuple, days: list) -> None:
        for j, d in enumerate(days):
            if isinstance(d, dt.date):
                in_horizon(loc + (j,), d)

    held: set[str] = set()
    for i, o in enumerate(sc.officers):
        for j, s in enumerate(o.skills):
            skill_ok(("officers", i, "skills", j), s)
            held.add(s)
        for j, f in enumerate(o.fixed):
            in_horizon(("officers", i, "fixed", j, "date"), f.date)
            shift_ok(("officers", i, "fixed", j, "shift"), f.shift)
            if f.duty is not None and f.duty not in duties:
                bad(("officers", i, "fixed", j, "duty"), f"unknown duty '{f.duty}' (response, a hotspot or a task)")
        for j, r in enumerate(o.requests):
            in_horizon(("officers", i, "requests", j, "date"), r.date)
            shift_ok(("officers", i, "requests", j, "shift"), r.shift)
        for j, h in enumerate(o.history):
            shift_ok(("officers", i, "history", j, "shift"), h.shift)
            if not (start - dt.timedelta(days=14) <= h.date < start):
                bad(("officers", i, "history", j, "date"), f"history date {h.date} is not in the 14 days before {start}")
        for j, u in enumerate(o.unavailable):
            u_start = u.start if isinstance(u.start, dt.date) and not isinstance(u.start, dt.datetime) else u.start.date()
            u_end = u.end if u.end is not None else u.start
            u_end_day = u_end if not isinstance(u_end, dt.datetime) else u_end.date()
            if type(u.start) is not type(u_end):
                bad(("officers", i, "unavailable", j), "start and end must both be dates or both date-times")
            elif u_end < u.start:
                bad(("officers", i, "unavailable", j, "end"), f"end {u_end} is before start {u.start}")
            elif u_end_day < start - dt.timedelta(days=1) or u_start >= end:
                bad(("officers", i, "unavailable", j), f"{u.start} .. {u_end} is outside the horizon")
        for key in o.max_shifts:
            shift_ok(("officers", i, "max_shifts", key), key)
        if o.min_minutes is not None and o.max_minutes is not None and o.min_minutes > o.max_minutes:
            bad(("officers", i, "min_minutes"), f"min_minutes {o.min_minutes} > max_minutes {o.max_minutes}")
    for i, w in enumerate(sc.demand.windows):
        skill_ok(("demand", "windows", i, "skill"), w.skill)
        days_ok(("demand", "windows", i, "days"), w.days)
    for i, c in enumerate(sc.demand.shift_cover):
        skill_ok(("demand", "shift_cover", i, "skill"), c.skill)
        shift_ok(("demand", "shift_cover", i, "shift"), c.shift)
        days_ok(("demand", "shift_cover", i, "days"), c.days)
    for i, t in enumerate(sc.tasks):
        for j, s in enumerate(t.skills):
            skill_ok(("tasks", i, "skills", j), s)
            if s in skills and s not in held:
                loaded.warnings.append(f"{source.name}: tasks[{i}] '{t.id}' needs skill '{s}' that no officer holds")
        for j, w in enumerate(t.windows):
            days_ok(("tasks", i, "windows", j, "days"), w.days)
    for i, h in enumerate(sc.hotspots):
        for j, s in enumerate(h.skills):
            skill_ok(("hotspots", i, "skills", j), s)
        for j, w in enumerate(h.targets):
            days_ok(("hotspots", i, "targets", j, "days"), w.days)
    rules = loaded.rules
    for j, (a, b) in enumerate(rules.forbidden_successions.pairs):
        shift_ok(("rules", "forbidden_successions", "pairs", j), a)
        shift_ok(("rules", "forbidden_successions", "pairs", j), b)
    for key in rules.max_shifts_per_type.limits:
        shift_ok(("rules", "max_shifts_per_type", "limits", key), key)
    if problems:
        raise InputError(problems)


def weekday_set(spec: str) -> set[int]:
    """'mon-thu' -> {0, 1, 2, 3}; 'fri-mon' wraps around."""
    if spec == "all":
        return set(range(7))
    if spec == "weekdays":
        return set(range(5))
    if spec == "weekend":
        return {5, 6}
    if "-" in spec:
        a, b = (WEEKDAYS.index(p) for p in spec.split("-"))
        return {(a + k) % 7 for k in range((b - a) % 7 + 1)}
    return {WEEKDAYS.index(spec)}
