"""A region file: several zone files joined into one scenario.

```yaml
name: Brussels region
zones:
  - {id: south, file: zones/south.yaml}
  - {id: north, file: zones/north.yaml, hycap_share: 120}
```
Each zone file is a scenario of its own (validated first, so its errors name its own lines). Their
officers, demand, tasks and hotspots join the region stamped with the zone id; horizon and shift types
must agree; skills are the union; rules, objective and solver come from the region file, or else from
the first zone file. Policies of the region and of every zone file are offered together.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scheduler.errors import InputError, InputProblem
from scheduler.scenario.schema import Horizon, ShiftType
from scheduler.scenario.yaml_source import YamlSource, format_loc

SHARED = ("horizon", "shift_types")
INHERITED = ("rules", "objective", "solver")


# Ids are unique per namespace in a region: tasks and hotspots are both duties.
NAMESPACE = {"tasks": "duty", "hotspots": "duty", "officers": "officer", "policies": "policy"}


def is_region(data: Any) -> bool:
    return isinstance(data, dict) and any(isinstance(z, dict) and "file" in z for z in data.get("zones") or [])


def _same(key: str, a: Any, b: Any) -> bool:
    if key == "horizon":
        return Horizon.model_validate(a).model_dump() == Horizon.model_validate(b).model_dump()
    return [ShiftType.model_validate(s).model_dump() for s in a] == [ShiftType.model_validate(s).model_dump() for s in b]


def assemble_region(
    data: dict[str, Any], source: YamlSource, path: Path, load_zone: Callable[[YamlSource, Path], object]
) -> tuple[dict[str, Any], list[str]]:
    """The region as one scenario mapping, and the files it was read from. `load_zone` validates each
    zone file as a scenario of its own (the loader passes itself), so its errors name its own lines."""

    out: dict[str, Any] = {k: copy.deepcopy(v) for k, v in data.items() if k != "zones"}
    out.setdefault("zone", "region")
    officers: list = out.setdefault("officers", [])
    tasks: list = out.setdefault("tasks", [])
    hotspots: list = out.setdefault("hotspots", [])
    demand = out.setdefault("demand", {})
    policies: list = out.setdefault("policies", [])
    skills: list = out.setdefault("skills", [])
    zones: list = []
    files = [source.name]
    problems: list[InputProblem] = []
    # (namespace, id) -> file. Tasks and hotspots are both duties, so they share one namespace; an
    # officer and a task may have the same id, as in a zone file.
    first_of: dict[tuple[str, str], str] = {}
    ids = [z.get("id") for z in data["zones"] if isinstance(z, dict)]

    def bad(loc: tuple, message: str, src: YamlSource = source) -> None:
        problems.append(InputProblem(src.name, src.locate(loc), format_loc(loc), message))

    for i, entry in enumerate(data["zones"]):
        if not isinstance(entry, dict) or "file" not in entry:
            zones.append(entry)
            continue
        zone_id = entry.get("id")
        zpath = path.parent / str(entry["file"])
        if not zpath.is_file():
            bad(("zones", i, "file"), f"no zone file '{entry['file']}' next to the region file")
            continue
        zsource = YamlSource.read(zpath)
        if is_region(zsource.data):  # a zone file naming zone files (itself, say) would never end
            bad(("zones", i, "file"), f"'{entry['file']}' is a region file (its zones name files); "
                "a region's zones are zone files")
            continue
        load_zone(zsource, zpath)  # raises with the zone file's own lines
        assert isinstance(zsource.data, dict)  # load_zone raised unless the file is a mapping
        zdata: dict[str, Any] = zsource.data
        files.append(zsource.name)
        if zdata.get("zone", "zone") != zone_id:
            bad(("zones", i, "id"), f"'{entry['file']}' is zone '{zdata.get('zone', 'zone')}', not '{zone_id}'")
            continue
        for key in SHARED:
            if key not in out:
                out[key] = copy.deepcopy(zdata[key])
            elif not _same(key, out[key], zdata[key]):
                bad((key,), f"differs from the region's {key} (every zone plans the same week on the same shifts)",
                    zsource)
        for key in INHERITED:
            if key not in out and key in zdata:
                out[key] = copy.deepcopy(zdata[key])
        skills += [s for s in zdata.get("skills") or [] if s not in skills]

        def join(kind: str, items: list | None, into: list, stamp: str | None, key: str = "id",
                 zsource: YamlSource = zsource, zone_id: str = zone_id) -> None:
            for j, item in enumerate(items or []):
                item = copy.deepcopy(item)
                if stamp and item.get(stamp) is None:
                    item[stamp] = zone_id
                if key in item:
                    space = (NAMESPACE[kind], str(item[key]))
                    if space in first_of:
                        bad((kind, j, key), f"id '{item[key]}' is also used in {first_of[space]}; "
                            f"{NAMESPACE[kind]} ids are unique in a region", zsource)
                    else:
                        first_of[space] = zsource.name
                into.append(item)

        join("officers", zdata.get("officers"), officers, "zone")
        join("hotspots", zdata.get("hotspots"), hotspots, "zone")
        join("policies", zdata.get("policies"), policies, None)
        for j, task in enumerate(zdata.get("tasks") or []):
            if task.get("host_zone") in ids and task.get("host_zone") != zone_id:
                bad(("tasks", j, "host_zone"), f"help to '{task['host_zone']}' is part of the region: the host "
                    "zone asks for it (its task's hycap_officers), the helping zone does not list it", zsource)
        join("tasks", zdata.get("tasks"), tasks, "zone")
        for part in ("windows", "shift_cover"):
            for item in (zdata.get("demand") or {}).get(part) or []:
                demand.setdefault(part, []).append({**copy.deepcopy(item), "zone": item.get("zone") or zone_id})
        zones.append({"name": zdata.get("name") or zone_id, "municipalities": list(zdata.get("municipalities") or []),
                      **{k: copy.deepcopy(v) for k, v in entry.items() if k != "file"}})
    if problems:
        raise InputError(problems)
    out["zones"] = zones
    return out, files
