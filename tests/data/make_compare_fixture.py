"""Regenerate tests/data/compare.json from a real `scheduler compare` run on a small fictional region.

Three zones of the tiny example's shape (a HyCap event in `a`, a hotspot in each zone) and five policies,
solved deterministically with a deterministic-time limit short enough that some scenarios stop before
their optimum is proven: the fixture then carries real gaps, "not proven optimal" notes, every kind of
verdict and a staffing gap per scenario. Per-officer and per-hour detail is dropped to keep it small.
Usage: PYTHONPATH=. python tests/data/make_compare_fixture.py [--time-limit 1]
"""

from __future__ import annotations

import argparse
import copy
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from scheduler.cli import main as cli

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
ZONES = ("a", "b", "c")


def fixture_region() -> dict[str, Any]:
    tiny = yaml.safe_load((ROOT / "examples" / "tiny" / "zone.yaml").read_text(encoding="utf-8"))
    region: dict[str, Any] = {k: tiny[k] for k in ("horizon", "skills", "shift_types", "rules", "solver")}
    region |= {"name": "Fixture region (fictional)", "zone": "a", "zones": [{"id": z} for z in ZONES],
               "officers": [], "demand": {"windows": []}, "tasks": [], "hotspots": []}
    for z in ZONES:
        # Copies, not shared lists: YAML would write shared ones as aliases, one object for three zones.
        tiny = copy.deepcopy(tiny)
        for o in tiny["officers"]:
            region["officers"].append({**o, "id": f"{z}-{o['id']}", "zone": z})
        region["demand"]["windows"] += [{**w, "zone": z} for w in tiny["demand"]["windows"]]
        region["hotspots"] += [{**h, "id": f"{h['id']}-{z}", "name": f"{h['name']} ({z})", "zone": z}
                               for h in tiny["hotspots"]]
    region["tasks"] = [{"id": "derby", "name": "Football derby", "kind": "event", "zone": "a", "headcount": 4,
                        "hycap_officers": 2, "skills": ["patrol"],
                        "windows": [{"days": ["sat"], "start": "14:00", "end": "22:00"}]}]
    region["reinforcements"] = {"per_zone": 3, "team": "reinforcement", "skills": ["patrol"]}
    region["policies"] = [
        {"id": "no-hycap-c", "description": "Zone c sends no HyCap help; the federal police takes its part",
         "exempt": {"c": [{"work": "hycap", "absorbed_by": "outside"}]}},
        {"id": "merge-ab", "description": "Zones a and b merged", "merge": [{"id": "ab", "zones": ["a", "b"]}]},
        {"id": "plus-2-b", "description": "Two more officers in zone b",
         "add_officers": [{"id_prefix": "b-new", "count": 2, "zone": "b", "team": "B", "skills": ["patrol"]}]},
        {"id": "markets-x2", "description": "Twice the presence on every market square",
         "hotspots": {"scale": {f"market-{z}": 2 for z in ZONES}}},
        {"id": "cheap-overtime", "description": "Overtime weighs 5 points an hour instead of 20",
         "weights": {"overtime": 5}},
    ]
    return region


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--time-limit", type=float, default=1.0)
    ap.add_argument("--out", default=str(HERE / "compare.json"))
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "region.yaml"
        path.write_text(yaml.safe_dump(fixture_region(), sort_keys=False), encoding="utf-8")
        result = CliRunner().invoke(cli, ["compare", str(path), "--all", "--time-limit", str(args.time_limit),
                                          "--deterministic", "--seed", "0", "--jobs", "1", "--quiet", "--staffing-gap",
                                          "--out", str(Path(tmp) / "cmp")])
        print(result.output)
        table = json.loads((Path(tmp) / "cmp" / "compare.json").read_text(encoding="utf-8"))
    for s in table["scenarios"]:  # keep the file small and free of temporary paths
        s["summary"]["input_file"] = "region.yaml"
        s["measures"].pop("per_officer", None)
        s["measures"].pop("response_by_hour_of_week", None)
        for h in s["measures"].get("hotspots", {}).values():
            h.pop("by_hour_of_week", None)
    Path(args.out).write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
