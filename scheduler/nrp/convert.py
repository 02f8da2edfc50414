"""A Curtois-Qu instance as a scenario of ours.

`nrp_to_scenario_dict` gives the equivalent scenario as plain YAML-able data (rule pack `nrp`,
per-officer rule overrides for the per-employee limits, and the solver settings the benchmark wants);
`read_nrp_scenario` validates that data through the same path as a YAML file, so an instance becomes
the same `LoadedScenario` a scenario file gives; `write_nrp_yaml` writes it as a readable YAML file
(`scheduler import-nrp`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from scheduler.errors import InputError, InputProblem
from scheduler.io.atomic import write_atomic
from scheduler.nrp.format import NrpInstance, NrpRequest, NrpStaff, parse_nrp
from scheduler.scenario.load import LoadedScenario, load_source
from scheduler.scenario.paths import rule_pack_dirs
from scheduler.scenario.rules import RulePack
from scheduler.scenario.schema import Weights
from scheduler.scenario.yaml_source import YamlSource

START_DATE = dt.date(2024, 1, 1)
"""Day 0 of every converted instance: a Monday (the format's day 0 is a Monday)."""



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
    rmax = pack.max_consecutive_days if pack else None
    if not same(rmax, min(rmax.days, horizon) if rmax else None, min(cmax, horizon)):
        out["max_consecutive_days"] = {"days": cmax}
    cmin = max(e.min_consecutive_shifts, 1)
    rmin = pack.min_consecutive_days if pack else None
    if not same(rmin, rmin.days if rmin else None, cmin, True):
        out["min_consecutive_days"] = {"days": cmin, "exempt_at_start": True}
    omin = max(e.min_consecutive_days_off, 1)
    roff = pack.min_consecutive_days_off if pack else None
    if not same(roff, roff.days if roff else None, omin, True):
        out["min_consecutive_days_off"] = {"days": omin, "exempt_at_start": True}
    rweek = pack.max_weekends if pack else None
    pack_weekends = (weekends if rweek.weekends is None else min(rweek.weekends, weekends)) if rweek else None
    if not same(rweek, pack_weekends, min(e.max_weekends, weekends)):
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
        overrides = _officer_rules(e, inst.horizon, weekends, pack)
        if overrides:
            officer["rules"] = overrides
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
        # The full model (column generation first) with all the time for its search: the plan's bound is
        # weaker than the model's own on these instances (measured on 1-7).
        "solver": {"time_limit": 60, "workers": 2, "strategy": "monolithic", "plan_bound": False},
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
        elements = [_styled(v, key, depth + 1, in_list=True) for v in value]
        if all(_scalar(v) for v in elements):
            return _FlowList(elements)
        return elements
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
