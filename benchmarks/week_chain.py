"""Weeks chained through the fairness ledger against the same weeks solved alone.

A generated zone (`scheduler generate --officers N --seed S`) is solved week after week: each next week
written by `next-week` (chained: history and ledger carry over) and the same week without `previous:`
(alone). After the last week: the spread (most - fewest) over officers of cumulative nights and weekend
shifts, both ways, each roster checked, the chain checked by `check-chain`, and the solve times.

Usage: python benchmarks/week_chain.py [--officers 40] [--weeks 8] [--seeds 0,1,2] [--time-limit 8]
                                       [--out benchmarks/results/week_chain.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scheduler.scenario.next_week import next_week_data  # noqa: E402


def _cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "scheduler.cli", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"scheduler {' '.join(args)}: exit {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout


def _spreads(folders: list[Path]) -> tuple[int, int]:
    totals: dict[str, list[int]] = {}
    for folder in folders:
        for oid, record in json.loads((folder / "ledger.json").read_text(encoding="utf-8"))["officers"].items():
            row = totals.setdefault(oid, [0, 0])
            row[0] += record["periods"][-1]["nights"]
            row[1] += record["periods"][-1]["weekend_shifts"]
    nights, weekends = [t[0] for t in totals.values()], [t[1] for t in totals.values()]
    return max(nights) - min(nights), max(weekends) - min(weekends)


def run_seed(folder: Path, officers: int, weeks: int, seed: int, limit: float) -> dict[str, float]:
    _cli("generate", "--officers", str(officers), "--seed", str(seed), "-o", str(folder / "week1.yaml"))
    data = yaml.safe_load((folder / "week1.yaml").read_text(encoding="utf-8"))
    chained: list[Path] = []
    alone: list[Path] = []
    seconds = {"chained": 0.0, "alone": 0.0}
    for week in range(1, weeks + 1):
        if week > 1:
            data = next_week_data(data, "week1.yaml", f"chained{week - 1}/roster.json")
        for name, scenario, into in (("chained", data, chained),
                                     ("alone", {k: v for k, v in data.items() if k != "previous"}, alone)):
            path = folder / f"{name}{week}.yaml"
            path.write_text(yaml.safe_dump(scenario, sort_keys=False), encoding="utf-8")
            start = time.perf_counter()
            out = _cli("solve", str(path), "--out", str(folder / f"{name}{week}"), "--time-limit", str(limit),
                       "--seed", str(seed), "--quiet")
            seconds[name] += time.perf_counter() - start
            if "checker: 0 hard violations" not in out:
                raise SystemExit(f"{path}: {out}")
            into.append(folder / f"{name}{week}")
    _cli("check-chain", str(chained[-1] / "ledger.json"))
    (cn, cw), (an, aw) = _spreads(chained), _spreads(alone)
    return {"seed": seed, "chained_nights": cn, "alone_nights": an, "chained_weekends": cw, "alone_weekends": aw,
            "chained_s": seconds["chained"] / weeks, "alone_s": seconds["alone"] / weeks}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--officers", type=int, default=40)
    ap.add_argument("--weeks", type=int, default=8)
    ap.add_argument("--seeds", default="0,1,2")
    ap.add_argument("--time-limit", type=float, default=8.0)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "week_chain.md"))
    args = ap.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    rows = []
    for seed in (int(s) for s in args.seeds.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            rows.append(run_seed(Path(tmp), args.officers, args.weeks, seed, args.time_limit))
        print(rows[-1], flush=True)

    def med(key: str, digits: int = 0) -> str:
        values = [r[key] for r in rows]
        return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"

    lines = [
        f"# {args.weeks} weeks of a generated {args.officers}-officer zone, chained and alone", "",
        f"{dt.date.today()}, commit {commit}, `python benchmarks/week_chain.py --officers {args.officers} --weeks "
        f"{args.weeks} --seeds {args.seeds} --time-limit {args.time_limit:g}`; generator and solver seed alike, "
        "2 workers, every roster with 0 hard violations, every chain passing `check-chain`.", "",
        "| seed | nights spread chained | alone | weekend shifts spread chained | alone | solve s chained | alone |",
        "|---|---|---|---|---|---|---|",
        *[f"| {r['seed']} | {r['chained_nights']} | {r['alone_nights']} | {r['chained_weekends']} | {r['alone_weekends']} "
          f"| {r['chained_s']:.1f} | {r['alone_s']:.1f} |" for r in rows],
        f"| median (range) | {med('chained_nights')} | {med('alone_nights')} | {med('chained_weekends')} | "
        f"{med('alone_weekends')} | {med('chained_s', 1)} | {med('alone_s', 1)} |",
    ]
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
