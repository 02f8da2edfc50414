"""Read a scenario file: strict YAML -> pydantic -> rule pack resolved -> cross-references checked.

Every problem is reported with file, line and field, all at once, as an `InputError`.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BaseModel, ValidationError

from scheduler.config import WEEKDAYS, Scenario, clock_minutes
from scheduler.errors import InputError, InputProblem
from scheduler.io.yaml_source import YamlSource, format_loc
from scheduler.rules import RulePack
from scheduler.zones import zone_layout

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
    reinforcements: frozenset[str] = frozenset()  # ids of extra officers added for the staffing gap
    policies: tuple[str, ...] = ()  # the policies applied, in order

    def rules_for(self, officer_id: str) -> RulePack:
        return self.officer_rules.get(officer_id, self.rules)


def config_dirs(scenario_path: Path | None, kind: str) -> list[Path]:
    """Where `configs/<kind>/` files are looked up, first match wins: next to the scenario and above, then
    shipped with the package."""
    dirs = []
    if scenario_path is not None:
        for parent in [scenario_path.resolve().parent, *scenario_path.resolve().parents]:
            dirs.append(parent / "configs" / kind)
    return dirs + [PACKAGE_DIR / "configs" / kind, PACKAGE_DIR.parent / "configs" / kind]


def rule_pack_dirs(scenario_path: Path | None) -> list[Path]:
    """Where `rules.pack: NAME` is looked up, first match wins."""
    return config_dirs(scenario_path, "rules")


# What the user should have written, by the first word of pydantic's error type (int_parsing, ...).
_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "string": "text",
    "list": "a list",
    "tuple": "a list",
    "dict": "a mapping (key: value lines)",
    "model": "a mapping (key: value lines)",
    "date": "a date like 2026-03-02",
    "datetime": "a date and time like 2026-03-02 08:00",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}
_WRONG_TYPE = ("int_from_float", "date_from_datetime_parsing", "date_from_datetime_inexact", "datetime_from_date_parsing")


def _shown(value: Any) -> str:
    """A value as the user wrote it in YAML."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value) if isinstance(value, str) else str(value)


def _clean_loc(loc: tuple, data: Any) -> tuple:
    """Drop the parts of a pydantic location that are not keys or indexes in the YAML: validator
    tags like `function-after[...]` and union members like `date`/`datetime` after a scalar."""
    out: list = []
    known = True
    for part in loc:
        if isinstance(part, str) and "[" in part:
            continue
        if known:
            if isinstance(data, dict) and part in data:
                data = data[part]
            elif isinstance(data, list) and isinstance(part, int) and part < len(data):
                data = data[part]
            elif isinstance(part, str) and not isinstance(data, dict | list):
                continue
            else:
                known = False
        out.append(part)
    return tuple(out)


def _unwrap(tp: Any) -> Any:
    while True:
        args = [a for a in get_args(tp) if a is not type(None)]
        if get_origin(tp) is Annotated or (get_origin(tp) in (Union, UnionType) and len(args) == 1):
            tp = args[0]
        else:
            return tp


def _model_at(model: Any, loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class validating the mapping at `loc` below `model`, if any."""
    for part in loc:
        model = _unwrap(model)
        if isinstance(model, type) and issubclass(model, BaseModel):
            fields = {f.alias or name: f for name, f in model.model_fields.items()}
            if part not in fields:
                return None
            model = fields[part].annotation
        elif get_origin(model) in (list, tuple, dict) and get_args(model):
            model = get_args(model)[-1 if get_origin(model) is dict else 0]
        else:
            return None
    model = _unwrap(model)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _message(err: Any, loc: tuple, root: Any) -> tuple[str | None, str]:
    """(what was expected, full message) for one pydantic error, in words for a zone chief."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = _model_at(root, loc[:-1])
        known = [f.alias or name for name, f in parent.model_fields.items()] if parent else []
        close = difflib.get_close_matches(key, known, n=1)
        what = "rule" if parent is RulePack else "key"
        return None, f"unknown {what} '{key}'" + (f" (did you mean '{close[0]}'?)" if close else "")
    if kind == "missing":
        return None, "item missing (the list is too short)" if loc and isinstance(loc[-1], int) else "required key is missing"
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return None, f"must be {words} {_shown(ctx.get(name))}, got {_shown(value)}"
    if kind == "literal_error":
        hint = " (YAML reads a bare yes/no/on/off as true/false: put the word in quotes)" if isinstance(value, bool) else ""
        return None, f"expected {ctx.get('expected')}, got {_shown(value)}{hint}"
    if kind in ("too_short", "too_long"):
        size = f"at least {ctx.get('min_length')}" if kind == "too_short" else f"at most {ctx.get('max_length')}"
        return None, f"expected {size} items, got {ctx.get('actual_length')}"
    if kind.split("_")[0] in _EXPECTED and (kind.endswith(("_type", "_parsing")) or kind in _WRONG_TYPE):
        expected = _EXPECTED[kind.split("_")[0]]
        hint = f"; write it in quotes: \"{value}\"" if kind == "string_type" and isinstance(value, int | float) else ""
        return expected, f"expected {expected}, got {_shown(value)}{hint}"
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return None, msg


def _pydantic_problems(exc: ValidationError, source: YamlSource, prefix: tuple = ()) -> list[InputProblem]:
    from scheduler.config import Policy

    root = {"Scenario": Scenario, "RulePack": RulePack, "Policy": Policy}.get(exc.title)
    grouped: dict[tuple, list[tuple[str | None, str, Any]]] = {}
    for err in exc.errors():
        loc = _clean_loc(prefix + tuple(err["loc"]), source.data)
        expected, msg = _message(err, loc[len(prefix) :], root)
        grouped.setdefault(loc, []).append((expected, msg, err.get("input")))
    problems = []
    for loc, errs in grouped.items():
        msg = errs[0][1]
        if len(errs) > 1 and all(e[0] for e in errs):  # a union: say every form that would do
            expected = " or ".join(dict.fromkeys(e[0] for e in errs))
            msg = f"expected {expected}, got {_shown(errs[0][2])}"
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
    known = sorted({p.stem for folder in rule_pack_dirs(scenario_path) if folder.is_dir() for p in folder.glob("*.yaml")})
    close = difflib.get_close_matches(name, known, n=1)
    message = f"unknown rule pack '{name}'" + (f" (did you mean '{close[0]}'?)" if close else "")
    raise InputError([InputProblem(source.name, source.locate(("rules", "pack")), "rules.pack", message)])


def load_scenario(path: str | Path, policies: list[str] | tuple[str, ...] = (), staffing_gap: bool = False) -> LoadedScenario:
    """A scenario or region file, with `policies` applied in order and, for the staffing gap, a pool
    of extra officers per zone (scenario `reinforcements`)."""
    source = YamlSource.read(path)
    return load_source(source, Path(path), policies, staffing_gap)


def scenario_data(
    source: YamlSource, path: Path | None, policies: list[str] | tuple[str, ...] = ()
) -> tuple[dict[str, Any], list[str]]:
    """The scenario mapping as validated: a region's zone files joined, policies applied."""
    from scheduler.policies import apply_policies, policy_library
    from scheduler.region import assemble_region, is_region

    data = source.data
    if data is None:
        raise InputError([InputProblem(source.name, 1, "", "the file is empty; a scenario needs horizon, shift_types and officers")])
    if not isinstance(data, dict):
        message = f"a scenario is a mapping of keys (horizon:, shift_types:, officers:, ...), not {_shown(data)}"
        raise InputError([InputProblem(source.name, source.locate(()), "", message)])
    files = [source.name]
    if is_region(data) and path is not None:
        data, files = assemble_region(data, source, path)
    if policies:
        data = apply_policies(data, list(policies), policy_library(data, source, path), source.name)
    return data, files


def _add_reinforcements(data: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
    """A pool of alike extra officers per zone; using one costs objective.weights.reinforcement_officer."""
    from scheduler.config import Reinforcements

    profile = Reinforcements.model_validate(data.get("reinforcements") or {})
    zones = [z.get("id") for z in data.get("zones") or []] or [data.get("zone", "zone")]
    extra = [
        {"id": f"reinforcement-{zone}-{k:02d}", "name": f"Reinforcement {zone} {k}", "zone": zone,
         "team": profile.team, "skills": list(profile.skills), "contract_hours": profile.contract_hours}
        for zone in zones for k in range(1, profile.per_zone + 1)
    ]
    return {**data, "officers": [*(data.get("officers") or []), *extra]}, frozenset(o["id"] for o in extra)


def load_source(
    source: YamlSource, path: Path | None = None, policies: list[str] | tuple[str, ...] = (), staffing_gap: bool = False
) -> LoadedScenario:
    import hashlib
    import json

    data, files = scenario_data(source, path, policies)
    reinforcements: frozenset[str] = frozenset()
    if staffing_gap:
        data, reinforcements = _add_reinforcements(data)
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

    digest = hashlib.sha256()
    for name in files:
        digest.update(Path(name).read_bytes() if Path(name).is_file() else name.encode())
    if policies or staffing_gap:  # the input is the files plus what was asked of them
        digest.update(json.dumps([list(policies), staffing_gap]).encode())
    loaded = LoadedScenario(
        scenario, rules, officer_rules, source.name, digest.hexdigest(), reinforcements=reinforcements,
        policies=tuple(policies),
    )
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
        close = difflib.get_close_matches(sc.horizon.timezone, sorted(available_timezones()), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else " (a name like 'Europe/Brussels')"
        bad(("horizon", "timezone"), f"unknown time zone '{sc.horizon.timezone}'{hint}")
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
    slot = sc.horizon.slot_minutes
    for i, s in enumerate(sc.shift_types):
        if clock_minutes(s.start) % slot:
            down = clock_minutes(s.start) // slot * slot
            hint = f'e.g. "{down // 60:02d}:{down % 60:02d}" or "{(down + slot) // 60:02d}:{(down + slot) % 60:02d}"'
            bad(("shift_types", i, "start"), f'"{s.start}" is not on the {slot}-minute grid of horizon.slot_minutes; use {hint}')
        if s.minutes % slot:
            bad(("shift_types", i, "hours"), f"{s.hours:g} hours is not a whole number of {slot}-minute slots (horizon.slot_minutes)")

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

    hours = {s.id: s.hours for s in sc.shift_types}
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
            shortest = loaded.rules_for(o.id).min_service
            if shortest.mode == "hard" and hours.get(f.shift, shortest.hours) < shortest.hours:
                bad(("officers", i, "fixed", j, "shift"),
                    f"shift '{f.shift}' lasts {hours[f.shift]:g} h, less than a service (rule min_service: "
                    f"{shortest.hours:g} h); fix a longer shift or make the rule soft or off")
        for j, r in enumerate(o.requests):
            in_horizon(("officers", i, "requests", j, "date"), r.date)
            shift_ok(("officers", i, "requests", j, "shift"), r.shift)
        for j, h in enumerate(o.history):
            shift_ok(("officers", i, "history", j, "shift"), h.shift)
            if not (start - dt.timedelta(days=14) <= h.date < start):
                first, last = start - dt.timedelta(days=14), start - dt.timedelta(days=1)
                bad(("officers", i, "history", j, "date"), f"history date {h.date} is not in the 14 days before the horizon ({first} .. {last})")
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
    _check_zones(sc, bad)
    loaded.warnings.extend(f"{source.name}:{w}" for w in _other_zone_warnings(sc, source))
    _check_places(sc, bad)
    rules = loaded.rules
    for j, (a, b) in enumerate(rules.forbidden_successions.pairs):
        shift_ok(("rules", "forbidden_successions", "pairs", j), a)
        shift_ok(("rules", "forbidden_successions", "pairs", j), b)
    for key in rules.max_shifts_per_type.limits:
        shift_ok(("rules", "max_shifts_per_type", "limits", key), key)
    if problems:
        raise InputError(problems)


def _check_zones(sc: Scenario, bad: Any) -> None:
    """Zone ids in a scenario that declares its zones; exemptions, mergers and HyCap requests."""
    for i, t in enumerate(sc.tasks):
        if t.hycap_officers > t.headcount:
            bad(("tasks", i, "hycap_officers"), f"{t.hycap_officers} is more than the headcount {t.headcount}")
    if not sc.zones:
        return
    ids = [z.id for z in sc.zones]
    seen: set[str] = set()
    for i, z in enumerate(sc.zones):
        if z.id in seen:
            bad(("zones", i, "id"), f"duplicate zone id '{z.id}'")
        seen.add(z.id)
        for j, ex in enumerate(z.exempt):
            if ex.absorbed_by not in ("pro_rata", "outside", *ids) or ex.absorbed_by == z.id:
                bad(("zones", i, "exempt", j, "absorbed_by"),
                    f"'{ex.absorbed_by}': pro_rata, outside or another zone's id ({', '.join(ids)})")
            for k, tid in enumerate(ex.tasks):
                if tid not in {t.id for t in sc.tasks}:
                    bad(("zones", i, "exempt", j, "tasks", k), f"unknown task '{tid}'")

    def known(loc: tuple, zone: str | None) -> None:
        if zone is not None and zone not in ids:
            bad(loc, f"unknown zone '{zone}' (zones: {', '.join(ids)})")

    for i, o in enumerate(sc.officers):
        known(("officers", i, "zone"), o.zone)
    for i, t in enumerate(sc.tasks):
        known(("tasks", i, "zone"), t.zone)
    for i, h in enumerate(sc.hotspots):
        known(("hotspots", i, "zone"), h.zone)
    for part in ("windows", "shift_cover"):
        for i, w in enumerate(getattr(sc.demand, part)):
            known(("demand", part, i, "zone"), w.zone)
    merged: set[str] = set()
    for i, m in enumerate(sc.mergers):
        for j, z in enumerate(m.zones):
            known(("mergers", i, "zones", j), z)
            if z in merged:
                bad(("mergers", i, "zones", j), f"zone '{z}' is already in another merger")
            merged.add(z)


def _other_zone_warnings(sc: Scenario, source: YamlSource) -> list[str]:
    """A one-zone file may hold officers of another zone (lent for its tasks) and that zone's hotspots;
    a zone that is a typing slip would leave officers off the response and hotspots uncovered: say so."""
    if sc.zones:
        return []
    lent = [(i, o) for i, o in enumerate(sc.officers) if o.zone not in (None, sc.zone)]
    out = []
    if lent:
        i, o = lent[0]
        more = f" and {len(lent) - 1} more" if len(lent) > 1 else ""
        out.append(f"{source.locate(('officers', i, 'zone'))}: officers[{i}] '{o.id}'{more} of zone '{o.zone}', not "
                   f"'{sc.zone}': they do tasks and their zone's hotspots, never this zone's emergency response")
    # Lent officers staff tasks and their zone's hotspots, never emergency response.
    staffed = {sc.zone} | {o.zone for _, o in lent}
    for part, items, zones in (("hotspots", sc.hotspots, staffed), ("tasks", sc.tasks, staffed),
                               ("demand.windows", sc.demand.windows, {sc.zone}),
                               ("demand.shift_cover", sc.demand.shift_cover, {sc.zone})):
        for i, item in enumerate(items):
            if item.zone is not None and item.zone not in zones:
                loc = (*part.split("."), i, "zone")
                out.append(f"{source.locate(loc)}: {part}[{i}]: zone '{item.zone}': nobody here can staff it "
                           f"(the file's zone is '{sc.zone}')")
    return out


def _check_places(sc: Scenario, bad: Any) -> None:
    """Municipalities: stations and places of work are their zone's; travel times and travel limits
    name known municipalities, and a limited merger knows the time between any two of its zones."""
    layout = zone_layout(sc)
    places = layout.places
    everywhere = {m for ms in places.values() for m in ms}

    def of_zone(loc: tuple, municipality: str | None, zone: str) -> None:
        if municipality is not None and zone in places and municipality not in places[zone]:
            listed = ", ".join(places[zone]) or "none: add `municipalities` to the zone"
            bad(loc, f"'{municipality}' is not a municipality of zone '{zone}' ({listed})")

    for i, o in enumerate(sc.officers):
        of_zone(("officers", i, "station"), o.station, o.zone or sc.zone)
    for i, h in enumerate(sc.hotspots):
        of_zone(("hotspots", i, "municipality"), h.municipality, h.zone or sc.zone)
    for i, t in enumerate(sc.tasks):
        of_zone(("tasks", i, "municipality"), t.municipality, layout.site_zone(t.zone or sc.zone, t.host_zone))
    for i, t in enumerate(sc.travel_minutes):
        for j, m in enumerate(t.between):
            if m not in everywhere:
                bad(("travel_minutes", i, "between", j), f"unknown municipality '{m}' (zones list their `municipalities`)")
    for i, m in enumerate(sc.mergers):
        if m.max_travel_minutes is None:
            continue
        bare = [z for z in m.zones if not places.get(z)]
        if bare:
            bad(("mergers", i, "max_travel_minutes"), f"zone(s) {', '.join(bare)} list no `municipalities`")
            continue
        missing = sorted(
            f"{a}-{b}" for x, za in enumerate(m.zones) for zb in m.zones[x + 1:]
            for a in places[za] for b in places[zb] if a != b and (a, b) not in layout.travel
        )
        if missing:
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            bad(("mergers", i, "max_travel_minutes"),
                f"no `travel_minutes` between {', '.join(missing[:5])}{more}")


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
