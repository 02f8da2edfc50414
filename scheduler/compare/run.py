"""`scheduler compare`: the baseline and each policy solved alike, the measures side by side.

Every scenario gets the same seed, time limit and workers; scenarios run in parallel worker processes.
Rows are measures, columns the baseline then each policy, with the difference from the baseline. Who
absorbs the work an exempted zone stops doing shows in the per-zone rows (hours worked, HyCap given,
work taken over, handed outside the region). A scenario that is not proven optimal carries its gap, and
two objectives closer than the sum of their gaps are called what they are: not a policy effect.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import queue
import resource
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scheduler.api import checked_document, load_problem, settings_for
from scheduler.compare.rows import ROW_KEYS, RowMeaning
from scheduler.errors import InputError, InputProblem
from scheduler.io.atomic import write_together
from scheduler.io.roster_files import write_roster
from scheduler.scenario.load import scenario_data
from scheduler.scenario.policies import policy_library, resolve
from scheduler.scenario.yaml_source import YamlSource
from scheduler.solve import solve
from scheduler.staffing import staffing_gap

BASELINE = "baseline"


@dataclass(frozen=True)
class ScenarioSpec:
    name: str  # "baseline" or the policy id
    description: str
    policies: tuple[str, ...]
    changes_objective: bool = False  # its policies change weights or rules: what the objective means


@dataclass
class CompareSettings:
    time_limit: float | None = None
    workers: int | None = None
    seed: int | None = None
    deterministic: bool | None = None
    staffing_gap: bool = False


@dataclass
class ScenarioResult:
    spec: ScenarioSpec
    summary: dict[str, Any]
    measures: dict[str, Any]
    staffing_gap: dict[str, Any] | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def scenario_specs(path: str, policy_ids: list[str], all_policies: bool) -> list[ScenarioSpec]:
    """The baseline, then each policy asked for (or every policy the scenario offers)."""

    source = YamlSource.read(path)
    data, _ = scenario_data(source, Path(path))
    library = policy_library(data, source, Path(path))
    ids = list(library) if all_policies else list(policy_ids)
    specs = [ScenarioSpec(BASELINE, "the scenario as written", ())]
    for pid in ids:
        if pid not in library:
            known = ", ".join(library) or "none"
            raise InputError([InputProblem(path, None, "--policy", f"unknown policy '{pid}' (known: {known})")])
        # Read from the policies themselves: no scenario is loaded twice to find out.
        changes = any(p.rules or p.weights for p in resolve([pid], library, path))
        specs.append(ScenarioSpec(pid, library[pid].policy.description.strip(), (pid,), changes))
    return specs


def solve_scenario(path: str, spec: ScenarioSpec, settings: CompareSettings, out_dir: str | None,
                   progress: Any = None) -> ScenarioResult:
    """Load with the spec's policies, solve, check, measure; write OUT/<name>/roster.json. Runs in a worker."""

    t0 = time.perf_counter()
    try:
        loaded, problem = load_problem(path, policies=spec.policies)
    except InputError as exc:
        return ScenarioResult(spec, {}, {}, error=str(exc))
    load_s = time.perf_counter() - t0
    solver = settings_for(loaded, time_limit=settings.time_limit, workers=settings.workers, seed=settings.seed,
                          deterministic=settings.deterministic)

    def report(p: Any) -> None:
        if progress is not None:
            progress.put((spec.name, round(p.elapsed, 1), p.objective, p.bound, p.stage))

    roster = solve(problem, solver, on_progress=report if progress is not None else None)
    info = roster.info
    if info.status not in ("OPTIMAL", "FEASIBLE"):
        return ScenarioResult(spec, {"status": info.status, "interrupted": info.interrupted}, {},
                              error=f"no roster ({info.status})")
    doc = checked_document(problem, roster)
    measures = doc["measures"]
    if out_dir:
        write_roster(str(Path(out_dir) / spec.name), problem, doc)
    gap = None
    if settings.staffing_gap:
        gap = staffing_gap(path, spec.policies, solver)
    # Each scenario runs in a fresh worker process (compare), so this peak is the scenario's own.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ScenarioResult(spec, doc["summary"], measures, staffing_gap=gap,
                          extra={"load_s": round(load_s, 2), "peak_mib": round(peak)})


# (label for people, unit, what the row measures, how to read it from a result). The label's measure
# key comes from compare/rows.ROW_KEYS, so a new row must be given one there.
Row = tuple[str, str, RowMeaning, Callable[[ScenarioResult], Any]]
Reader = Callable[[ScenarioResult], Any]


def _rows(results: list[ScenarioResult]) -> list[Row]:
    def m(key: str) -> Reader:
        return lambda r: r.measures.get(key)

    def pct(key: str) -> Reader:
        return lambda r: None if r.measures.get(key) is None else round(100 * r.measures[key], 2)

    def fair(key: str) -> Reader:
        return lambda r: r.measures.get("fairness", {}).get(key)

    overall: list[tuple[str, str, Reader]] = [
        ("objective", "points", lambda r: r.summary.get("objective")),
        ("best bound", "points", lambda r: r.summary.get("best_bound")),
        ("gap", "%", lambda r: None if r.summary.get("gap") is None else round(100 * r.summary["gap"], 2)),
        ("hotspot coverage", "%", pct("hotspot_coverage")),
        ("hotspot officer-hours delivered", "h", m("hotspot_delivered_officer_hours")),
        ("unmet mandatory", "officer-h", m("unmet_mandatory_officer_hours")),
        ("response shortfall", "officer-h", m("response_shortfall_officer_hours")),
        ("overtime", "h", m("overtime_hours")),
        ("officers with overtime", "officers", m("officers_with_overtime")),
        ("officers used", "officers", m("officers_used")),
        ("officers rostered", "officers", m("officers")),
        ("work handed outside the region", "officer-h", m("outside_region_officer_hours")),
        ("spread of nights", "shifts", fair("nights_spread")),
        ("spread of weekend shifts", "shifts", fair("weekend_shifts_spread")),
        ("spread of hours", "h", fair("hours_spread")),
        ("spread of HyCap hours", "h", fair("hycap_hours_spread")),
    ]
    if any(r.staffing_gap for r in results):
        overall.append(("staffing gap: extra officers", "officers",
                        lambda r: r.staffing_gap.get("extra_officers") if r.staffing_gap else None))
    rows: list[Row] = [(label, unit, RowMeaning(ROW_KEYS[label]), get) for label, unit, get in overall]
    hotspots = list(dict.fromkeys(h for r in results for h in r.measures.get("hotspots", {})))
    for h in hotspots:
        # Named functions, not lambdas: mypy cannot type a lambda with a default-bound loop variable.
        def coverage(r: ScenarioResult, h: str = h) -> Any:
            return None if h not in r.measures.get("hotspots", {}) else round(100 * r.measures["hotspots"][h]["coverage"], 2)
        rows.append((f"hotspot {h} coverage", "%", RowMeaning("hotspot_coverage", hotspot=h), coverage))
    zones = list(dict.fromkeys(z for r in results for z in r.measures.get("zones", {})))
    per_zone = [
        ("hotspot coverage", "%", "hotspot_coverage", 100), ("hours worked", "h", "hours_worked", 1),
        ("overtime", "h", "overtime_hours", 1), ("unmet mandatory", "officer-h", "unmet_mandatory_officer_hours", 1),
        ("response shortfall", "officer-h", "response_shortfall_officer_hours", 1),
        ("HyCap given", "officer-h", "hycap_hours_given", 1), ("HyCap received", "officer-h", "hycap_hours_received", 1),
        ("work taken over", "officer-h", "taken_over_hours", 1), ("work handed over", "officer-h", "handed_over_hours", 1),
        ("handed outside the region", "officer-h", "outside_region_hours", 1),
    ]
    if any(r.staffing_gap for r in results):
        for z in zones:
            def gap(r: ScenarioResult, z: str = z) -> Any:
                return (r.staffing_gap or {}).get("per_zone", {}).get(z)
            rows.append((f"zone {z}: staffing gap", "officers", RowMeaning(ROW_KEYS["staffing gap"], zone=z), gap))
    for z in zones:
        for label, unit, key, scale in per_zone:
            def get(r: ScenarioResult, z: str = z, key: str = key, scale: int = scale) -> Any:
                v = r.measures.get("zones", {}).get(z, {}).get(key)
                return None if v is None else round(v * scale, 2)
            rows.append((f"zone {z}: {label}", unit, RowMeaning(ROW_KEYS[label], zone=z), get))
    return rows


@dataclass(frozen=True)
class Verdict:
    """A policy's objective against the baseline's, as data (the page and the workbook read `kind`,
    `difference` and `slack`) and as an English sentence (compare.md, the terminal)."""

    kind: str  # reference | within | better | worse | not_comparable | no_roster
    text: str
    difference: float | None = None  # policy objective - baseline objective (points)
    slack: float | None = None  # sum of both solves' objective - bound; None: a solve has no bound


def _verdict(base: ScenarioResult, other: ScenarioResult) -> Verdict:
    """Whether the objective difference exceeds what the two solves' gaps could hide."""
    a, b = base.summary, other.summary
    if a.get("objective") is None or b.get("objective") is None:
        return Verdict("no_roster", "no roster")
    diff = b["objective"] - a["objective"]
    bounded = all(s.get("best_bound") is not None for s in (a, b))
    slack = sum(s["objective"] - s["best_bound"] for s in (a, b)) if bounded else None
    if other.spec.changes_objective:
        return Verdict("not_comparable", "objective weights or rules differ: compare the measures, not the objective",
                       diff, slack)
    if slack is None or abs(diff) <= slack:
        shown = "unbounded" if slack is None else f"{slack:,.0f}"
        return Verdict("within", f"within solver gaps: difference {diff:+,.0f} <= {shown} (sum of both gaps): "
                       "not proven to be a policy effect", diff, slack)
    kind = "worse" if diff > 0 else "better"
    return Verdict(kind, f"{kind} than baseline by {abs(diff):,.0f} points, beyond both gaps", diff, slack)


def compare_table(results: list[ScenarioResult]) -> dict[str, Any]:
    """The comparison as data: scenarios, rows (values and deltas against the first), verdicts."""
    rows = []
    for label, unit, meaning, get in _rows(results):
        values = [get(r) if r.error is None else None for r in results]
        if all(v is None for v in values):
            continue
        base = values[0]
        deltas = [None if v is None or base is None or not isinstance(v, int | float) else round(v - base, 2)
                  for v in values]
        where = {k: v for k, v in (("zone", meaning.zone), ("hotspot", meaning.hotspot)) if v is not None}
        rows.append({"measure": label, "key": meaning.key, **where, "unit": unit, "values": values, "deltas": deltas,
                     "note": ""})
    notes = []
    for r in results:
        s = r.summary
        if r.error:
            notes.append(f"{r.spec.name}: {r.error}")
        elif s.get("status") != "OPTIMAL":
            gap = s.get("gap")
            notes.append(f"{r.spec.name}: not proven optimal (gap {gap:.1%}); its measures may move by a re-solve"
                         if gap is not None else f"{r.spec.name}: not proven optimal (no bound)")
    verdicts = [Verdict("reference", "baseline")] + [_verdict(results[0], r) for r in results[1:]]
    return {
        "scenarios": [
            {"name": r.spec.name, "label": r.spec.description, "policies": list(r.spec.policies),
             "summary": r.summary, "measures": r.measures, "staffing_gap": r.staffing_gap, "error": r.error,
             "verdict": v.text, "verdict_kind": v.kind, "objective_difference": v.difference, "gap_slack": v.slack,
             "extra": {k: r.extra[k] for k in ("load_s", "peak_mib") if k in r.extra}}
            for r, v in zip(results, verdicts, strict=True)
        ],
        "rows": rows,
        "notes": notes,
    }


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.2f}".rstrip("0").rstrip(".") if not v.is_integer() else f"{v:,.0f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def _delta(v: Any) -> str:
    if v is None or v == 0:
        return ""
    return f" ({'+' if v > 0 else ''}{_fmt(v)})"


def table_markdown(table: dict[str, Any]) -> str:
    names = [s["name"] for s in table["scenarios"]]
    out = ["| measure | unit | " + " | ".join(names) + " |", "|---|---|" + "---:|" * len(names)]
    for row in table["rows"]:
        cells = [_fmt(v) + (_delta(d) if i else "") for i, (v, d) in enumerate(zip(row["values"], row["deltas"], strict=True))]
        out.append(f"| {row['measure']} | {row['unit']} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("Verdict on the objective (each policy against the baseline):")
    out.append("")
    for s in table["scenarios"][1:]:
        out.append(f"- **{s['name']}**: {s['verdict']}")
    if table["notes"]:
        out += ["", "Notes:", ""] + [f"- {n}" for n in table["notes"]]
    out += ["", "Scenarios:", ""] + [f"- **{s['name']}**: {s['label']}" for s in table["scenarios"]]
    return "\n".join(out) + "\n"


def table_csv(table: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    names = [s["name"] for s in table["scenarios"]]
    w.writerow(["measure", "unit", *names, *(f"delta {n}" for n in names[1:])])
    for row in table["rows"]:
        w.writerow([row["measure"], row["unit"], *("" if v is None else v for v in row["values"]),
                    *("" if d is None else d for d in row["deltas"][1:])])
    return buf.getvalue()


def write_tables(out_dir: str, table: dict[str, Any]) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_together({
        out / "compare.json": (json.dumps(table, indent=1, default=str) + "\n").encode("utf-8"),
        out / "compare.csv": table_csv(table).encode("utf-8"),
        out / "compare.md": table_markdown(table).encode("utf-8"),
    })


def run_compare(
    path: str, specs: list[ScenarioSpec], settings: CompareSettings, out_dir: str | None, jobs: int,
    on_update: Callable[[str, tuple], None] | None = None, in_process: bool = False,
) -> list[ScenarioResult]:
    """Solve every spec, `jobs` at a time, each in a fresh worker process (its own peak memory, no state
    left by the one before); `in_process` solves them one by one here instead (tests, debugging)."""

    results: dict[str, ScenarioResult] = {}
    if in_process:
        class _Direct:
            def put(self, item: tuple) -> None:
                if on_update:
                    on_update(item[0], item[1:])

        for spec in specs:
            if on_update:
                on_update(spec.name, ("solving",))
            results[spec.name] = solve_scenario(path, spec, settings, out_dir, _Direct())
            if on_update:
                on_update(spec.name, ("done", results[spec.name]))
    else:
        ctx = multiprocessing.get_context("spawn")
        with ctx.Manager() as manager, ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, max_tasks_per_child=1) as pool:
            progress = manager.Queue()
            futures = {pool.submit(solve_scenario, path, spec, settings, out_dir, progress): spec for spec in specs}
            pending = set(futures)
            while pending:
                try:
                    item = progress.get(timeout=0.5)
                    if on_update:
                        on_update(item[0], item[1:])
                except queue.Empty:
                    pass
                for f in [f for f in pending if f.done()]:
                    pending.discard(f)
                    results[futures[f].name] = f.result()
                    if on_update:
                        on_update(futures[f].name, ("done", results[futures[f].name]))
                time.sleep(0.01)
    return [results[s.name] for s in specs]
