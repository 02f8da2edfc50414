"""Damaged scenario files, for the fuzz test (`test_fuzz.py`) and the longer fuzz run (`benchmarks/fuzz.py`).

Two kinds of damage, both seeded:
- structural: one node of a shipped example's YAML tree (any depth) deleted, replaced by a nasty value
  (a wrong type, a bound's edge, a control character, markup, a date at the end of time, a deep or
  large value), emptied, duplicated, or given an unknown key;
- textual: the file cut short, a line deleted, doubled or swapped, a tab, bytes that are not UTF-8,
  an alias bomb, deep nesting.
`outcome(path)` runs `scheduler validate` in-process and, when the file is accepted, builds the CP-SAT
model: "accepted", "refused" (exit 2 with a message) or "crash: <exception>".
"""

from __future__ import annotations

import copy
import datetime as dt
import random
import traceback
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from ortools.sat.python import cp_model

from scheduler.api import load_problem
from scheduler.campaign.checks import campaign_problems
from scheduler.campaign.draws import draw_episodes
from scheduler.campaign.weeks import week_input
from scheduler.cli import main
from scheduler.model.build import build_model
from scheduler.problem import build_problem
from scheduler.scenario.campaign import Campaign
from scheduler.scenario.load import load_data, scenario_data
from scheduler.scenario.next_week import next_week_data
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve import solve
from scheduler.solve.params import solver_parameters

ROOT = Path(__file__).resolve().parent.parent
BASES = {
    "tiny": ROOT / "examples" / "tiny" / "zone.yaml",
    "east": ROOT / "examples" / "brussels-region" / "zones" / "east.yaml",
    "campaign": ROOT / "examples" / "campaign" / "tiny.yaml",
}

NASTY: list[Any] = [
    None, "", " ", 0, -1, 1, 2**31, 2**63, 10**30, 1e23, -1e23, 0.001, 0.5, float("nan"), float("inf"),
    True, False, [], {}, [None], {"x": 1}, "24:00", "00:00", "23:59", "25:00", "6:00", "06:00", 1440, 840,
    "9999-12-31", "0001-01-01", dt.date(9999, 12, 31), dt.date(1, 1, 1), dt.date(2026, 3, 2),
    dt.datetime(2026, 3, 3, 8, 0), dt.datetime(2026, 3, 3, 8, 0, tzinfo=dt.UTC),
    "a\x00b", "a\x1bb", "[bold]x[/bold]", ":100:", "ünïcödé", "x" * 10_000, "mon-sun", "fri-mon", "all",
    "response", "hard", "soft", "off", "N", "E", "patrol", "-3", "1e23", ".nan", ".inf",
    list(range(1000)),
]
_nested: list = [1]
for _ in range(40):
    _nested = [_nested]
NASTY.append(_nested)  # deeper than a scenario may nest


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, prefix + (i,))
    return out


def _parent(data: Any, path: tuple) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def mutate(data: Any, rng: random.Random, value: Any = None, use_value: bool = False) -> Any:
    """One structural damage at a random node; `value` replaces it when `use_value` (a hypothesis draw)."""
    data = copy.deepcopy(data)
    paths = [p for p in _paths(data) if p]
    path = rng.choice(paths)
    parent, key = _parent(data, path), path[-1]
    kind = "replace" if use_value else rng.choice(["delete", "replace", "replace", "replace", "empty", "duplicate", "unknown_key"])
    if kind == "delete":
        del parent[key]
    elif kind == "replace":
        parent[key] = value if use_value else copy.deepcopy(rng.choice(NASTY))
    elif kind == "empty":
        parent[key] = type(parent[key])() if isinstance(parent[key], (list, dict, str)) else None
    elif kind == "duplicate" and isinstance(parent, list):
        parent.insert(key, copy.deepcopy(parent[key]))
    elif kind == "duplicate" and isinstance(parent[key], list) and parent[key]:
        parent[key].append(copy.deepcopy(parent[key][0]))
    elif isinstance(parent[key], dict):
        parent[key]["unknwon_key"] = 1
    else:
        parent[key] = rng.choice(NASTY)
    return data


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=120)


def _bomb() -> str:
    lines = ['  l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"  l{k}: &l{k} [" + ", ".join([f"*l{k - 1}"] * 9) + "]" for k in range(1, 9)]
    return "rules:\n" + "\n".join(lines) + "\n"


def damage_text(text: str, rng: random.Random) -> str | bytes:
    """One textual damage."""
    lines = text.splitlines(keepends=True)
    kind = rng.choice(["cut", "delete_line", "double_line", "swap_lines", "tab", "bytes", "control", "bomb",
                       "deep", "indent"])
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    if kind == "cut":
        return text[: rng.randrange(len(text))]
    if kind == "delete_line":
        return "".join(lines[:i] + lines[i + 1:])
    if kind == "double_line":
        return "".join(lines[: i + 1] + lines[i:])
    if kind == "swap_lines":
        lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines)
    if kind == "tab":
        lines[i] = "\t" + lines[i]
        return "".join(lines)
    if kind == "bytes":
        raw = bytearray(text.encode("utf-8"))
        at = rng.randrange(len(raw))
        raw[at:at] = bytes(rng.choice([[0xFF], [0xC3], [0x00], [0xE2, 0x82], [0x80, 0x80]]))
        return bytes(raw)
    if kind == "control":
        at = rng.randrange(len(text))
        return text[:at] + chr(rng.choice([0, 1, 7, 8, 11, 12, 27, 127, 0x85, 0xFFFE])) + text[at:]
    if kind == "bomb":
        return text + _bomb()
    if kind == "deep":
        depth = rng.choice([40, 1000, 100_000])
        return text + "extra: " + "[" * depth + "]" * depth + "\n"
    lines[i] = " " * rng.randrange(1, 5) + lines[i]
    return "".join(lines)


def damaged_inputs(seed: int, count: int, bases: tuple[str, ...] = ("tiny",)) -> list[tuple[str, str | bytes]]:
    """`count` damaged files, (name, content), half structural and half textual, from the `bases`."""
    rng = random.Random(seed)
    texts = {b: BASES[b].read_text(encoding="utf-8") for b in bases}
    datas = {b: yaml.safe_load(t) for b, t in texts.items()}
    out: list[tuple[str, str | bytes]] = []
    for k in range(count):
        base = bases[k % len(bases)]
        if k % 2 == 0:
            out.append((f"{base}-s{seed}-{k}", dump(mutate(datas[base], rng))))
        else:
            out.append((f"{base}-t{seed}-{k}", damage_text(texts[base], rng)))
    return out


def outcome(path: Path, solve_seconds: float = 0.0, build: bool = True) -> str:
    """'accepted', 'refused' or 'crash: ...' for one file: `validate`, then for an accepted file its
    CP-SAT model and parameters, and a solve of `solve_seconds` when given."""
    result = CliRunner().invoke(main, ["validate", str(path)])
    if result.exit_code == 2 and (result.exception is None or isinstance(result.exception, SystemExit)):
        if "Traceback" in result.output:
            return "crash: traceback printed"
        return "refused"
    if result.exit_code != 0:
        exc = result.exception
        where = "".join(traceback.format_exception(exc)[-3:]) if exc else result.output[-300:]
        return f"crash: validate exit {result.exit_code}: {where}"
    if not build:
        return "accepted"
    try:
        loaded, problem = load_problem(str(path))
        build_model(problem)
        solver_parameters(cp_model.CpSolver(), loaded.scenario.solver)
        if solve_seconds:
            settings = loaded.scenario.solver.model_copy(update={"time_limit": solve_seconds, "workers": 1})
            solve(problem, settings)
    except Exception as exc:  # noqa: BLE001  (any exception is the finding)
        return f"crash: model: {''.join(traceback.format_exception(exc)[-3:])}"
    return "accepted"


def campaign_outcome(path: Path, weeks: int = 3) -> str:
    """As `outcome`, for a file with a `campaign:` block: then the checks `scheduler campaign` adds
    ("refused" when they find a problem), then each of `weeks` weeks drawn (seed 0) and its scenario
    loaded and built as a chain would, without solving."""
    first = outcome(path, build=False)
    if first != "accepted":
        return first
    try:
        source = YamlSource.read(path)
        data, files = scenario_data(source, path)
        campaign = Campaign.model_validate(data.get("campaign") or {})
        if campaign_problems(data, campaign, max(weeks, campaign.weeks), source):  # as the command checks
            return "refused"
        template = {k: v for k, v in data.items() if k != "campaign"}
        start = dt.date.fromisoformat(str(template["horizon"]["start"]))
        officers = [str(o.get("id")) for o in template.get("officers") or []] + [j.officer.id for j in campaign.joins]
        episodes = draw_episodes(officers, campaign, start, weeks, 0, campaign.publish_days)
        for k in range(weeks):
            wi = week_input(template, k, campaign, episodes, campaign.publish_days)
            build_model(build_problem(load_data(wi.data, files, source, path)))
            template = {k2: v for k2, v in next_week_data(template, source.name, "").items() if k2 != "previous"}
    except Exception as exc:  # noqa: BLE001  (any exception is the finding)
        return f"crash: campaign: {''.join(traceback.format_exception(exc)[-3:])}"
    return "accepted"


def write_input(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / f"{name}.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    return path
