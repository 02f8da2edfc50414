"""Campaign benchmark: chains of weeks (solve + repairs) on this machine, with their times, gaps and memory.

    python benchmarks/campaign.py examples/brussels-south/zone.yaml --weeks 26 --seeds 1
    python benchmarks/campaign.py examples/brussels-region/region.yaml --all --weeks 26 --seeds 3 --jobs 1

Runs `scheduler campaign` in a child process (its peak memory is the coordinator's and, with --jobs 1,
every chain's), then reads campaign.json: per week the plan's time and gap, the repairs' count and time,
the checker's hard violations. Rows go to benchmarks/results/history/campaign.csv (one per chain).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from record import append_history, median_range  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario")
    ap.add_argument("--weeks", type=int, default=26)
    ap.add_argument("--seeds", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--workers", type=int, default=2, help="CP-SAT workers per chain")
    ap.add_argument("--executor", default="local")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--policy", action="append", default=[])
    ap.add_argument("--week-time-limit", type=float)
    ap.add_argument("--repair-time-limit", type=float)
    ap.add_argument("--not-deterministic", action="store_true", help="hold the clock (weeks may differ run to run)")
    ap.add_argument("--out", help="keep the campaign here (default: a temporary folder)")
    ap.add_argument("--no-history", action="store_true")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    out = Path(args.out or tempfile.mkdtemp(prefix="campaign-bench-"))
    cmd = [sys.executable, "-m", "scheduler.cli", "campaign", args.scenario, "--weeks", str(args.weeks), "--seeds",
           str(args.seeds), "--jobs", str(args.jobs), "--workers", str(args.workers), "--executor", args.executor,
           "-o", str(out), "--quiet"]
    cmd += ["--all"] if args.all else [x for p in args.policy for x in ("--policy", p)]
    if args.not_deterministic:
        cmd += ["--not-deterministic"]
    if args.week_time_limit:
        cmd += ["--week-time-limit", str(args.week_time_limit)]
    if args.repair_time_limit:
        cmd += ["--repair-time-limit", str(args.repair_time_limit)]
    clock = time.monotonic()
    done = subprocess.run(cmd)
    wall = time.monotonic() - clock
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if done.returncode != 0:
        sys.exit(f"campaign failed ({done.returncode})")
    doc = json.loads((out / "campaign.json").read_text(encoding="utf-8"))
    rows = []
    print(f"{args.scenario}: {len(doc['chains'])} chains x {args.weeks} weeks in {wall:.0f} s; peak memory {peak:.0f} MiB")
    print("| chain | weeks | s per week (plan + repairs) | plan gap % median (max) | repairs per week | hard violations | peak MiB |")
    print("|---|---|---|---|---|---|---|")
    for c in doc["chains"]:
        weeks = c["weeks"]
        per_week = [w["plan"]["seconds"] + sum(r["seconds"] for r in w["repairs"]) for w in weeks]
        gaps = [100 * (w["plan"]["gap"] or 0) for w in weeks]
        med, lo, hi = median_range(per_week)
        print(f"| {c['policy']} seed {c['seed']} | {len(weeks)} | {med:.1f} ({lo:.1f}-{hi:.1f}) | "
              f"{statistics.median(gaps):.2f} ({max(gaps):.2f}) | {statistics.mean(len(w['repairs']) for w in weeks):.1f} | "
              f"{sum(w['hard_violations'] for w in weeks)} | {c.get('peak_rss_mib', '')} |")
        rows.append({"instance": f"{Path(args.scenario).stem}/{c['policy']}/{args.weeks}w", "seed": c["seed"],
                     "time_limit_s": args.week_time_limit or "", "workers": args.workers,
                     "status": "failed" if c["failed"] else "ok", "gap_pct": round(max(gaps), 2),
                     "wall_s": round(sum(per_week), 1), "peak_mib": c.get("peak_rss_mib"),
                     "note": f"jobs {args.jobs} {args.executor}{' not deterministic' if args.not_deterministic else ''}; "
                             f"campaign wall {wall:.0f} s; {args.note}".strip()})
    if not args.no_history:
        append_history("campaign", rows)


if __name__ == "__main__":
    main()
