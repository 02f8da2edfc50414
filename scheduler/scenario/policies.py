"""Policies: named, documented changes to a scenario, applied to its data before validation.

A policy comes from the scenario's `policies:` list or from `configs/policies/*.yaml` (looked up like
rule packs: next to the scenario, then shipped). `include` composes policies; each one is applied once,
included ones first. The result is an ordinary scenario mapping, validated as any scenario is, so a
policy can never produce something a zone chief could not have written by hand.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from scheduler.errors import InputError, InputProblem
from scheduler.scenario.messages import pydantic_problems
from scheduler.scenario.paths import config_dirs
from scheduler.scenario.schema import Policy
from scheduler.scenario.yaml_source import YamlSource, format_loc


@dataclass(frozen=True)
class PolicyEntry:
    policy: Policy
    source: str  # the file it was read from


def policy_dirs(scenario_path: Path | None) -> list[Path]:
    return config_dirs(scenario_path, "policies")


def policy_library(data: dict[str, Any], source: YamlSource, path: Path | None) -> dict[str, PolicyEntry]:
    """Every policy the scenario offers: its own first, then the policy folders' (first match wins)."""
    library: dict[str, PolicyEntry] = {}
    problems: list[InputProblem] = []

    def take(items: Any, src: YamlSource, prefix: tuple, group: dict[str, str]) -> None:
        """`group`: the ids seen in this scenario or this folder, where an id twice is an error (a
        scenario's own policy may shadow a folder's of the same id, and a nearer folder a farther)."""
        for i, item in enumerate(items or []):
            try:
                policy = Policy.model_validate(item)
            except ValidationError as exc:
                problems.extend(pydantic_problems(exc, src, prefix + (i,)))
                continue
            if policy.id in group:
                loc = prefix + (i, "id")
                problems.append(InputProblem(src.name, src.locate(loc), format_loc(loc),
                                             f"duplicate policy id '{policy.id}' (also in {group[policy.id]})"))
                continue
            group[policy.id] = src.name
            library.setdefault(policy.id, PolicyEntry(policy, src.name))

    take(data.get("policies"), source, ("policies",), {})
    for folder in policy_dirs(path):
        in_folder: dict[str, str] = {}
        for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            src = YamlSource.read(file)
            items = src.data.get("policies") if isinstance(src.data, dict) and "policies" in src.data else [src.data]
            take(items, src, ("policies",) if isinstance(src.data, dict) and "policies" in src.data else (), in_folder)
    if problems:
        raise InputError(problems)
    return library


def resolve(ids: list[str], library: dict[str, PolicyEntry], where: str) -> list[Policy]:
    """The policies to apply, includes first, each once; unknown ids and include cycles are errors."""
    out: list[Policy] = []
    done: set[str] = set()

    def visit(pid: str, trail: tuple[str, ...]) -> None:
        if pid in trail:
            raise InputError([InputProblem(where, None, "policies", f"include cycle: {' -> '.join(trail + (pid,))}")])
        if pid in done:
            return
        if pid not in library:
            known = ", ".join(sorted(library)) or "none"
            raise InputError([InputProblem(where, None, "policies", f"unknown policy '{pid}' (known: {known})")])
        for inc in library[pid].policy.include:
            visit(inc, trail + (pid,))
        done.add(pid)
        out.append(library[pid].policy)

    for pid in ids:
        visit(pid, ())
    return out


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def apply_policy(data: dict[str, Any], policy: Policy, where: str) -> dict[str, Any]:
    """A new scenario mapping with `policy` applied; `where` names the policy's file in messages."""
    data = copy.deepcopy(data)

    def bad(field: str, message: str) -> InputError:
        return InputError([InputProblem(where, None, f"policy {policy.id}.{field}", message)])

    zone_ids = [z.get("id") for z in data.get("zones") or []] or [data.get("zone", "zone")]
    for zone, exemptions in policy.exempt.items():
        if zone not in zone_ids:
            raise bad("exempt", f"unknown zone '{zone}' (zones: {', '.join(zone_ids)})")
        for ex in exemptions:
            if ex.absorbed_by not in ("pro_rata", "outside", *zone_ids) or ex.absorbed_by == zone:
                raise bad("exempt", f"absorbed_by '{ex.absorbed_by}': pro_rata, outside or another zone's id")
        if not data.get("zones"):
            data["zones"] = [{"id": zone}]
        entry = next(z for z in data["zones"] if z.get("id") == zone)
        entry["exempt"] = [*entry.get("exempt", []), *(ex.model_dump() for ex in exemptions)]
    officers = data.setdefault("officers", [])
    known = {o.get("id") for o in officers}
    for oid in policy.remove_officers:
        if oid not in known:
            raise bad("remove_officers", f"unknown officer '{oid}'")
    data["officers"] = officers = [o for o in officers if o.get("id") not in set(policy.remove_officers)]
    for batch in policy.add_officers:
        if batch.zone is not None and batch.zone not in zone_ids:
            raise bad("add_officers", f"unknown zone '{batch.zone}'")
        for k in range(1, batch.count + 1):
            oid = f"{batch.id_prefix}-{k:02d}"
            if oid in known:
                raise bad("add_officers", f"officer id '{oid}' already exists")
            officers.append({
                "id": oid, "name": f"{batch.id_prefix} {k}", "skills": list(batch.skills),
                "contract_hours": batch.contract_hours,
                **({"zone": batch.zone} if batch.zone else {}), **({"team": batch.team} if batch.team else {}),
            })
    if policy.rules:
        data["rules"] = _merge(data.get("rules") or {}, policy.rules)
    if policy.weights:
        objective = data.setdefault("objective", {}) or {}
        data["objective"] = objective
        objective["weights"] = {**(objective.get("weights") or {}), **policy.weights}
    hotspots = data.get("hotspots") or []
    if policy.hotspots.add:
        data["hotspots"] = hotspots
    for hid, factor in policy.hotspots.scale.items():
        target = next((h for h in hotspots if h.get("id") == hid), None)
        if target is None:
            raise bad("hotspots.scale", f"unknown hotspot '{hid}'")
        # A fresh copy: YAML anchors may share one targets list between hotspots, scaled once each.
        target["targets"] = copy.deepcopy(target.get("targets") or [])
        for t in target["targets"]:
            t["officers"] = max(1, math.ceil(t["officers"] * factor - 1e-9))
    for h in policy.hotspots.add:
        hotspots.append(h.model_dump(mode="json", exclude_none=True))
    for m in policy.merge:
        missing = [z for z in m.zones if z not in zone_ids]
        if missing:
            raise bad("merge", f"unknown zone(s) {', '.join(missing)}")
        data["mergers"] = [*(data.get("mergers") or []), m.model_dump(exclude_none=True)]
    return data


def apply_policies(data: dict[str, Any], ids: list[str], library: dict[str, PolicyEntry], where: str) -> dict[str, Any]:
    for policy in resolve(ids, library, where):
        data = apply_policy(data, policy, library[policy.id].source)
    return data
