"""The benchmark scripts' history rows: each script's `history_rows` maps hand-made results to the exact
rows of `benchmarks/results/history/<benchmark>.csv` (gap in percent, times in s, memory in MiB), and
`main` appends them through `record.append_history` unless `--no-history` is given. No solve runs: the
children's output is made by hand."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

import scheduler.generate

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
# benchmarks/ is not a package: its scripts import `record` as a top-level module, as when run directly.
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import record  # noqa: E402  (needs the path above)

HEADER = ",".join(record.COLUMNS)
DATE, COMMIT = "2026-12-08", "abc1234"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


solve_example, scale, nrp, compare_region = (_load(n) for n in ("solve_example", "scale", "nrp", "compare_region"))


def _written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, benchmark: str, rows: list[dict]) -> list[str]:
    monkeypatch.setattr(record, "HISTORY", tmp_path)
    path = record.append_history(benchmark, rows, commit=COMMIT, date=DATE)
    assert path == tmp_path / f"{benchmark}.csv"
    return path.read_text(encoding="utf-8").splitlines()


# solve_example ---------------------------------------------------------------------------------------

EXAMPLE_RUNS = [
    {"status": "FEASIBLE", "objective": 107661.30000001, "bound": 107447.29999, "gap": 0.0019876, "load_s": 0.48,
     "build_s": 0.8123, "first_s": 1.5512, "wall_s": 60.04, "peak_mib": 868.6, "hard_violations": 0,
     "checker_agrees": True, "tiers": {}, "zones": {}, "seed": 0},
    {"status": "FEASIBLE", "objective": 108000.0, "bound": 107400.0, "gap": None, "load_s": 0.4, "build_s": 0.6,
     "first_s": None, "wall_s": 59.8, "peak_mib": 652.2, "hard_violations": 0, "checker_agrees": False,
     "tiers": {}, "zones": {}, "seed": 1},
]
EXAMPLE_ARGS = ["--runs", "2", "--note", "weekly patterns", "--set", "LNS_STEP=2"]


def test_solve_example_rows() -> None:
    rows = solve_example.history_rows(EXAMPLE_RUNS, solve_example.parse_args(EXAMPLE_ARGS))
    note = "strategy auto; weekly patterns; changed LNS_STEP=2"
    assert rows == [
        {"instance": "brussels-south", "seed": 0, "time_limit_s": 60.0, "workers": 2, "status": "FEASIBLE",
         "objective": 107661.3, "bound": 107447.3, "gap_pct": 0.2, "first_roster_s": 1.55, "build_s": 0.81,
         "wall_s": 60.0, "peak_mib": 869, "note": note},
        {"instance": "brussels-south", "seed": 1, "time_limit_s": 60.0, "workers": 2, "status": "FEASIBLE",
         "objective": 108000.0, "bound": 107400.0, "gap_pct": None, "first_roster_s": None, "build_s": 0.6,
         "wall_s": 59.8, "peak_mib": 652, "note": note + "; checker MISMATCH"},
    ]


def test_solve_example_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = solve_example.history_rows(EXAMPLE_RUNS, solve_example.parse_args(EXAMPLE_ARGS))
    assert _written(tmp_path, monkeypatch, "solve_example", rows) == [
        HEADER,
        "2026-12-08,abc1234,solve_example,brussels-south,0,60,2,FEASIBLE,107661.3,107447.3,0.2,1.55,0.81,60,869,"
        "strategy auto; weekly patterns; changed LNS_STEP=2",
        "2026-12-08,abc1234,solve_example,brussels-south,1,60,2,FEASIBLE,108000,107400,,,0.6,59.8,652,"
        "strategy auto; weekly patterns; changed LNS_STEP=2; checker MISMATCH",
    ]


def test_solve_example_policy_note() -> None:
    args = solve_example.parse_args(["examples/brussels-region/region.yaml", "--policy", "merged-region",
                                     "--strategy", "decomposed"])
    (row,) = solve_example.history_rows(EXAMPLE_RUNS[:1], args)
    assert (row["instance"], row["note"]) == ("brussels-region", "strategy decomposed; policy merged-region")


# scale -----------------------------------------------------------------------------------------------

SCALE_LONG = {"status": "FEASIBLE", "objective": 2777464.04, "bound": 2050909.5, "gap": 0.26157, "load_s": 5.0,
              "build_s": 17.704, "first_s": 44.571, "wall_s": 601.23, "peak_mib": 915.2, "hard_violations": 0,
              "checker_agrees": True, "unmet_mandatory_h": 0, "hotspot_coverage": 0.871}
SCALE_RUNS = [
    {"run": 1, "officers": 100, "zones": 1, "status": "FEASIBLE", "objective": 33613.54, "bound": 33607.5,
     "gap": 0.000178, "load_s": 0.11, "build_s": 0.234, "first_s": 0.761, "wall_s": 60.02, "peak_mib": 565.4,
     "hard_violations": 0, "checker_agrees": True, "unmet_mandatory_h": 0, "hotspot_coverage": 0.96634},
    {"run": 2, "officers": 6000, "zones": 6, "status": "ERROR (MemoryError: (oh))", "long": SCALE_LONG},
]
SCALE_ARGS = ["--sizes", "100,6000", "--runs", "2", "--note", "plan capped"]


def test_scale_rows() -> None:
    rows = scale.history_rows(SCALE_RUNS, scale.parse_args(SCALE_ARGS))
    assert rows == [
        {"instance": "generated-100", "seed": 0, "time_limit_s": 60.0, "workers": 2, "status": "FEASIBLE",
         "objective": 33613.5, "bound": 33607.5, "gap_pct": 0.02, "first_roster_s": 0.76, "build_s": 0.23,
         "wall_s": 60.0, "peak_mib": 565,
         "note": "strategy auto; plan capped; run 1 of 2; unmet mandatory 0 h; hotspot coverage 96.63 percent"},
        {"instance": "generated-6000", "seed": 0, "time_limit_s": 60.0, "workers": 2, "status": "ERROR",
         "objective": None, "bound": None, "gap_pct": None, "first_roster_s": None, "build_s": None,
         "wall_s": None, "peak_mib": None, "note": "strategy auto; plan capped; run 2 of 2; error: MemoryError: (oh)"},
        {"instance": "generated-6000", "seed": 0, "time_limit_s": 600.0, "workers": 2, "status": "FEASIBLE",
         "objective": 2777464.0, "bound": 2050909.5, "gap_pct": 26.16, "first_roster_s": 44.57, "build_s": 17.7,
         "wall_s": 601.2, "peak_mib": 915,
         "note": "long run; plan capped; unmet mandatory 0 h; hotspot coverage 87.10 percent"},
    ]


def test_scale_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = scale.history_rows(SCALE_RUNS, scale.parse_args(SCALE_ARGS))
    assert _written(tmp_path, monkeypatch, "scale", rows) == [
        HEADER,
        "2026-12-08,abc1234,scale,generated-100,0,60,2,FEASIBLE,33613.5,33607.5,0.02,0.76,0.23,60,565,"
        "strategy auto; plan capped; run 1 of 2; unmet mandatory 0 h; hotspot coverage 96.63 percent",
        "2026-12-08,abc1234,scale,generated-6000,0,60,2,ERROR,,,,,,,,"
        "strategy auto; plan capped; run 2 of 2; error: MemoryError: (oh)",
        "2026-12-08,abc1234,scale,generated-6000,0,600,2,FEASIBLE,2777464,2050909.5,26.16,44.57,17.7,601.2,915,"
        "long run; plan capped; unmet mandatory 0 h; hotspot coverage 87.10 percent",
    ]


# nrp -------------------------------------------------------------------------------------------------

NRP_RESULTS = [
    (8, {"status": "FEASIBLE", "objective": 1303.0, "bound": 1297.0, "wall_s": 600.512, "first_s": 3.214,
         "time_to_best_s": 197.534, "reference_objective": 1303, "violations": [], "assignments": 10,
         "peak_mib": 230.4},
     {"status": "FEASIBLE", "objective": 1510, "bound": 1250, "wall_s": 600.2, "time_to_best_s": 512.0,
      "peak_mib": 301.0}),
    (9, {"status": "ERROR", "error": "Traceback | MemoryError"}, {}),
    (10, {"status": "FEASIBLE", "objective": 4700.0, "bound": 9.0, "wall_s": 600.0, "first_s": 1.0,
          "time_to_best_s": 5.0, "reference_objective": 4676, "violations": [["E1", 3, "cover"]], "peak_mib": 227.0},
     {}),
]
NRP_ARGS = ["--instances", "8-10", "--time-limit", "600", "--note", "full model"]


def test_nrp_rows() -> None:
    rows = nrp.history_rows(NRP_RESULTS, nrp.parse_args(NRP_ARGS))
    common = {"seed": 0, "time_limit_s": 600.0, "workers": 2}
    assert rows == [
        # gap to the best known value (1300 for instance 8), in percent
        {"instance": "8", **common, "status": "FEASIBLE", "objective": 1303.0, "bound": 1297.0, "gap_pct": 0.23,
         "first_roster_s": 3.21, "wall_s": 600.5, "peak_mib": 230, "note": "ours, full model; time to best 197.53 s"},
        {"instance": "8", **common, "status": "FEASIBLE", "objective": 1510, "bound": 1250, "gap_pct": 16.15,
         "first_roster_s": None, "wall_s": 600.2, "peak_mib": 301, "note": "textbook baseline; time to best 512.00 s"},
        {"instance": "9", **common, "status": "ERROR", "objective": None, "bound": None, "gap_pct": None,
         "first_roster_s": None, "wall_s": None, "peak_mib": None,
         "note": "ours, full model; error: Traceback | MemoryError"},
        # the gap is the independent evaluation's (4676 against 4631), the objective the solver's
        {"instance": "10", **common, "status": "FEASIBLE", "objective": 4700.0, "bound": 9.0, "gap_pct": 0.97,
         "first_roster_s": 1.0, "wall_s": 600.0, "peak_mib": 227,
         "note": "ours, full model; time to best 5.00 s; nrp_objective 4676 differs; "
                 "1 hard violation(s) per nrp_violations"},
    ]


def test_nrp_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = nrp.history_rows(NRP_RESULTS[:1], nrp.parse_args(["--instances", "8", "--time-limit", "600"]))
    assert _written(tmp_path, monkeypatch, "nrp", rows) == [
        HEADER,
        "2026-12-08,abc1234,nrp,8,0,600,2,FEASIBLE,1303,1297,0.23,3.21,,600.5,230,ours; time to best 197.53 s",
        "2026-12-08,abc1234,nrp,8,0,600,2,FEASIBLE,1510,1250,16.15,,,600.2,301,"
        "textbook baseline; time to best 512.00 s",
    ]


# compare_region --------------------------------------------------------------------------------------

COMPARE_TABLE = {"scenarios": [
    {"name": "baseline", "measures": {"officers": 1000}, "extra": {"load_s": 1.2, "peak_mib": 809},
     "summary": {"status": "FEASIBLE", "objective": 920695.7, "best_bound": 916539.2, "gap": 0.004514,
                 "build_time_s": 6.004, "first_solution_s": 11.63, "wall_time_s": 121.24,
                 "check": {"hard_violations": 0, "agrees_with_solver": True}}},
    {"name": "merged-region", "measures": {"officers": 1810}, "extra": {},
     "summary": {"status": "FEASIBLE", "objective": 897077.0, "best_bound": 874867.0, "gap": 0.02476,
                 "build_time_s": 4.31, "first_solution_s": None, "wall_time_s": 120.8,
                 "check": {"hard_violations": 2, "agrees_with_solver": True}}},
    {"name": "plus-20-south", "error": "worker died", "summary": {}, "measures": {}},
]}
COMPARE_JOINT = [
    {"status": "FEASIBLE", "objective": 127675.4, "bound": 117629.0, "gap": 0.07868, "wall_s": 60.08, "hard": 0,
     "officers": 300, "zones": 3, "peak_mib": 233.2, "zone_split": True},
    {"status": "FEASIBLE", "objective": 126621.0, "bound": 117629.0, "gap": 0.071, "wall_s": 60.0, "hard": 1,
     "officers": 300, "zones": 3, "peak_mib": 354.0, "zone_split": False},
]
COMPARE_ARGS = ["--joint", "small.yaml", "--joint-limit", "60", "--note", "day windows"]


def test_compare_region_rows() -> None:
    rows = compare_region.history_rows(COMPARE_TABLE, 762.0, COMPARE_JOINT, compare_region.parse_args(COMPARE_ARGS))
    common = {"seed": 0, "time_limit_s": 120.0, "workers": 2}
    small = {"instance": "small-region", "seed": 0, "time_limit_s": 60.0, "workers": 2, "status": "FEASIBLE",
             "bound": 117629}
    assert rows == [
        {"instance": "baseline", **common, "status": "FEASIBLE", "objective": 920696, "bound": 916539,
         "gap_pct": 0.45, "first_roster_s": 11.6, "build_s": 6.0, "wall_s": 121.2, "peak_mib": 809,
         "note": "compare --all; day windows"},
        {"instance": "merged-region", **common, "status": "FEASIBLE", "objective": 897077, "bound": 874867,
         "gap_pct": 2.48, "first_roster_s": None, "build_s": 4.31, "wall_s": 120.8, "peak_mib": None,
         "note": "compare --all; day windows; checker MISMATCH"},
        {"instance": "plus-20-south", **common, "status": "ERROR",
         "note": "compare --all; day windows; error: worker died"},
        {"instance": "whole compare", **common, "wall_s": 762.0,
         "note": "compare --all: 12.7 min for 3 scenarios; day windows"},
        {**small, "objective": 127675, "gap_pct": 7.87, "wall_s": 60.1, "peak_mib": 233,
         "note": "zone by zone; day windows; 300 officers, 3 zones"},
        {**small, "objective": 126621, "gap_pct": 7.1, "wall_s": 60.0, "peak_mib": 354,
         "note": "joint, one model; day windows; 300 officers, 3 zones; 1 hard violation(s)"},
    ]


def test_compare_region_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = compare_region.parse_args(["--policy", "baseline", "--policy", "merged-region"])
    rows = compare_region.history_rows({"scenarios": COMPARE_TABLE["scenarios"][:1]}, 130.0, [], args)
    assert _written(tmp_path, monkeypatch, "compare_region", rows) == [
        HEADER,
        "2026-12-08,abc1234,compare_region,baseline,0,120,2,FEASIBLE,920696,916539,0.45,11.6,6,121.2,809,"
        "compare --policy baseline --policy merged-region",
        "2026-12-08,abc1234,compare_region,whole compare,0,120,2,,,,,,,130,,"
        "compare --policy baseline --policy merged-region: 2.2 min for 1 scenarios",
    ]


# main: appends unless --no-history -------------------------------------------------------------------

def _child(stdout: dict) -> SimpleNamespace:
    return SimpleNamespace(stdout=json.dumps(stdout) + "\n", stderr="", returncode=0)


def _run_solve_example(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, flags: list[str]) -> None:
    monkeypatch.setattr(solve_example.subprocess, "run", lambda *a, **k: _child(EXAMPLE_RUNS[0]))
    monkeypatch.setattr(sys, "argv", ["solve_example.py", "--runs", "1", "--out", str(tmp_path / "o.md"), *flags])
    solve_example.main()


def _run_scale(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, flags: list[str]) -> None:
    # main imports write_scenario when it runs, so the module's attribute is the one to patch.
    monkeypatch.setattr(scheduler.generate, "write_scenario", lambda *a, **k: None)
    monkeypatch.setattr(scale, "run_one", lambda *a, **k: dict(SCALE_LONG))
    monkeypatch.setattr(sys, "argv", ["scale.py", "--sizes", "100", "--long-limit", "0",
                                      "--out", str(tmp_path / "o.md"), *flags])
    scale.main()


def _run_nrp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, flags: list[str]) -> None:
    monkeypatch.setattr(nrp, "run_child", lambda *a, **k: dict(NRP_RESULTS[0][1]))
    monkeypatch.setattr(sys, "argv", ["nrp.py", "--instances", "1", "--no-baseline", "--out", str(tmp_path / "o.md"),
                                      *flags])
    nrp.main()


def _run_compare_region(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, flags: list[str]) -> None:
    # ROOT moved to tmp_path: the compare's files (out/bench-compare/) land there, not in the checkout.
    monkeypatch.setattr(compare_region, "ROOT", tmp_path)

    def fake_run(cmd: list[str], **kwargs: object) -> SimpleNamespace:
        out = tmp_path / "out" / "bench-compare"
        out.mkdir(parents=True, exist_ok=True)
        (out / "compare.json").write_text(json.dumps({"scenarios": COMPARE_TABLE["scenarios"][:1]}))
        return SimpleNamespace(stdout="", stderr="", returncode=0)

    monkeypatch.setattr(compare_region.subprocess, "run", fake_run)
    monkeypatch.setattr(sys, "argv", ["compare_region.py", str(tmp_path / "region.yaml"),
                                      "--out", str(tmp_path / "o.md"), *flags])
    compare_region.main()


MAINS = {"solve_example": (_run_solve_example, 1), "scale": (_run_scale, 1), "nrp": (_run_nrp, 1),
         "compare_region": (_run_compare_region, 2)}


@pytest.mark.parametrize("benchmark", sorted(MAINS))
def test_main_appends_unless_no_history(benchmark: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    history = tmp_path / "history"
    monkeypatch.setattr(record, "HISTORY", history)
    monkeypatch.setattr(record, "_head", lambda: COMMIT)
    run, rows = MAINS[benchmark]
    run(monkeypatch, tmp_path, ["--no-history"])
    assert not history.exists()
    run(monkeypatch, tmp_path, [])
    lines = (history / f"{benchmark}.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER
    assert len(lines) == 1 + rows
    assert all(line.split(",")[1:3] == [COMMIT, benchmark] for line in lines[1:])


def test_scripts_document_no_history() -> None:
    for module in (solve_example, scale, nrp, compare_region):
        assert "--no-history" in (module.__doc__ or ""), module.__name__
