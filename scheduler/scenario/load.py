"""Read a scenario file: strict YAML -> pydantic -> rule pack resolved -> cross-references checked.

Every problem is reported with file, line and field, all at once, as an `InputError`. A region file's
zone files are each read by `load_source` first (`region.assemble_region` receives it), so their errors
name their own lines.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scheduler.errors import InputError, InputProblem
from scheduler.scenario.loaded import LoadedScenario
from scheduler.scenario.messages import pydantic_problems, shown
from scheduler.scenario.paths import rule_pack_dirs
from scheduler.scenario.policies import apply_policies, policy_library
from scheduler.scenario.previous import PreviousWeeks, read_previous, with_history
from scheduler.scenario.references import check_references
from scheduler.scenario.region import assemble_region, is_region
from scheduler.scenario.rules import RulePack
from scheduler.scenario.schema import Horizon, Reinforcements, Scenario
from scheduler.scenario.yaml_source import YamlSource

__all__ = ["LoadedScenario", "load_data", "load_scenario", "load_source", "scenario_data"]


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
    data = source.data
    if data is None:
        raise InputError([InputProblem(source.name, 1, "", "the file is empty; a scenario needs horizon, shift_types and officers")])
    if not isinstance(data, dict):
        message = f"a scenario is a mapping of keys (horizon:, shift_types:, officers:, ...), not {shown(data)}"
        raise InputError([InputProblem(source.name, source.locate(()), "", message)])
    files = [source.name]
    if is_region(data) and path is not None:
        data, files = assemble_region(data, source, path, load_source)
    # Every policy offered is checked on every load (a broken one is found by `validate`, not by a
    # compare a week later); a region's zone files offer theirs through the region.
    library = policy_library(data, source, path)
    if policies:
        data = apply_policies(data, list(policies), library, source.name)
    return data, files


def _add_reinforcements(data: dict[str, Any]) -> tuple[dict[str, Any], frozenset[str]]:
    """A pool of alike extra officers per zone; using one costs objective.weights.reinforcement_officer."""
    profile = Reinforcements.model_validate(data.get("reinforcements") or {})
    zones = [z.get("id") for z in data.get("zones") or []] or [data.get("zone", "zone")]
    extra = [
        {"id": f"reinforcement-{zone}-{k:02d}", "name": f"Reinforcement {zone} {k}", "zone": zone,
         "team": profile.team, "skills": list(profile.skills), "contract_hours": profile.contract_hours}
        for zone in zones for k in range(1, profile.per_zone + 1)
    ]
    return {**data, "officers": [*(data.get("officers") or []), *extra]}, frozenset(o["id"] for o in extra)


def _previous(data: dict[str, Any], source: YamlSource, path: Path | None) -> PreviousWeeks | None:
    """Last week's roster and ledger, when the scenario names them and its horizon is readable (if it is
    not, validation says so)."""
    named = data.get("previous")
    if not isinstance(named, str) or path is None:
        return None
    try:
        start = Horizon.model_validate(data.get("horizon")).start
    except ValidationError:
        return None
    return read_previous(path.parent / named, start, source.name)


def load_source(
    source: YamlSource, path: Path | None = None, policies: list[str] | tuple[str, ...] = (), staffing_gap: bool = False
) -> LoadedScenario:
    data, files = scenario_data(source, path, policies)
    return load_data(data, files, source, path, policies, staffing_gap)


def load_data(
    data: dict[str, Any], files: list[str], source: YamlSource, path: Path | None = None,
    policies: list[str] | tuple[str, ...] = (), staffing_gap: bool = False,
) -> LoadedScenario:
    """A scenario from its mapping as `scenario_data` gives it (or changed since, as `repair` does):
    last week's history added (`previous:`), validated, rule pack resolved, cross-references checked;
    messages name `source`'s lines."""
    previous = _previous(data, source, path)
    if previous is not None:
        data = with_history(data, previous)
        files = [*files, str(previous.roster), str(previous.roster.parent / "ledger.json")]
    reinforcements: frozenset[str] = frozenset()
    if staffing_gap:
        data, reinforcements = _add_reinforcements(data)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(pydantic_problems(exc, source)) from None

    # Rule pack, then the scenario's overrides, then each officer's.
    settings = scenario.rules.model_dump(exclude_none=False)
    pack_name = settings.pop("pack")
    pack_rules: dict[str, Any] = {}
    if pack_name:
        pack_rules, pack_source = _read_pack(pack_name, path, source)
        try:
            RulePack.model_validate(pack_rules)
        except ValidationError as exc:
            raise InputError(pydantic_problems(exc, pack_source, ("rules",))) from None
    merged = _deep_merge(pack_rules, settings)
    try:
        rules = RulePack.model_validate(merged)
    except ValidationError as exc:
        raise InputError(pydantic_problems(exc, source, ("rules",))) from None
    officer_rules: dict[str, RulePack] = {}
    problems: list[InputProblem] = []
    for i, officer in enumerate(scenario.officers):
        if officer.rules:
            try:
                officer_rules[officer.id] = RulePack.model_validate(_deep_merge(merged, officer.rules))
            except ValidationError as exc:
                problems += pydantic_problems(exc, source, ("officers", i, "rules"))
    if problems:
        raise InputError(problems)

    digest = hashlib.sha256()
    for name in files:
        digest.update(Path(name).read_bytes() if Path(name).is_file() else name.encode())
    if policies or staffing_gap:  # the input is the files plus what was asked of them
        digest.update(json.dumps([list(policies), staffing_gap]).encode())
    loaded = LoadedScenario(
        scenario, rules, officer_rules, source.name, digest.hexdigest(), reinforcements=reinforcements,
        policies=tuple(policies), previous=previous,
    )
    check_references(loaded, source)
    return loaded
