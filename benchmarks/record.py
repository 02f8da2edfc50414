"""Benchmark history: one CSV per benchmark in `benchmarks/results/history/`, one row per solve.

`append_history("solve_example", rows)` appends rows to `benchmarks/results/history/solve_example.csv`
(the file and its header are created when missing). A row is a dict whose keys are among `COLUMNS`;
a missing key is an empty cell. `date` and `commit` come from the row unless it lacks them or gives
None ("" keeps the cell empty), else from the arguments, else today's date and `git rev-parse --short
HEAD`; `benchmark` is the file's.
Numeric cells are written as plain numbers (no thousands separators, no % sign: `gap_pct` is 0.25 for
0.25 %). Standard library only: the benchmark scripts may import it without the solver.

`median_range(values)` gives (median, min, max), the form the tables print as "median (min-max)";
`rounded(value, digits)` rounds a measure for a row as its table prints it.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import statistics
import subprocess
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "benchmarks" / "results" / "history"

COLUMNS = (
    "date", "commit", "benchmark", "instance", "seed", "time_limit_s", "workers", "status", "objective", "bound",
    "gap_pct", "first_roster_s", "build_s", "wall_s", "peak_mib", "note",
)
NUMERIC = frozenset({"seed", "time_limit_s", "workers", "objective", "bound", "gap_pct", "first_roster_s", "build_s",
                     "wall_s", "peak_mib"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def append_history(benchmark: str, rows: list[dict], commit: str | None = None, date: str | None = None) -> Path:
    """Append `rows` to `HISTORY/<benchmark>.csv` and return its path.

    Raises ValueError, before anything is written, for a key not in COLUMNS, a row naming another
    benchmark, a numeric cell that is not a plain number, a bad benchmark name, or an existing file
    whose header is not COLUMNS."""
    if not isinstance(benchmark, str) or not _NAME.fullmatch(benchmark):
        raise ValueError(f"benchmark name {benchmark!r}: letters, digits, '_', '-' and '.' only")
    lines = []
    for i, row in enumerate(rows):
        unknown = sorted(set(row) - set(COLUMNS))
        if unknown:
            raise ValueError(f"row {i}: unknown column(s) {', '.join(unknown)}; columns are {', '.join(COLUMNS)}")
        if row.get("benchmark") not in (None, "", benchmark):
            raise ValueError(f"row {i}: benchmark {row['benchmark']!r} in the history of {benchmark!r}")
        lines.append({key: _cell(key, row.get(key), i) for key in COLUMNS})
    if any(row.get("date") is None for row in rows):
        date = date if date is not None else dt.date.today().isoformat()
    if any(row.get("commit") is None for row in rows):
        commit = commit if commit is not None else _head()
    for row, line in zip(rows, lines, strict=True):
        line["benchmark"] = benchmark
        if row.get("date") is None:
            line["date"] = date
        if row.get("commit") is None:
            line["commit"] = commit

    path = HISTORY / f"{benchmark}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists() or path.stat().st_size == 0
    needs_newline = False
    if not new:
        with path.open(newline="", encoding="utf-8") as f:
            header = next(csv.reader(f), [])
        if tuple(header) != COLUMNS:
            raise ValueError(f"{path}: header {header} is not {list(COLUMNS)}")
        with path.open("rb") as f:
            f.seek(-1, 2)
            needs_newline = f.read(1) != b"\n"
    with path.open("a", newline="", encoding="utf-8") as f:
        if needs_newline:
            f.write("\n")
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        if new:
            writer.writeheader()
        writer.writerows(lines)
    return path


def median_range(values: Iterable[float | int | None]) -> tuple[float, float, float]:
    """(median, min, max) of the values, None left out; ValueError when none is left."""
    present = [float(v) for v in values if v is not None]
    if not present:
        raise ValueError("median_range of no values")
    return float(statistics.median(present)), min(present), max(present)


def rounded(value: float | None, digits: int) -> float | int | None:
    """`value` rounded to `digits` (0: an int), None kept: the scripts' rows carry the precision their
    tables print, not float noise such as 0.30000000000000004."""
    if value is None:
        return None
    return round(value) if digits == 0 else round(value, digits)


def _cell(key: str, value: object, i: int) -> str:
    if value is None:
        return ""
    if key not in NUMERIC:
        return str(value).strip()
    if isinstance(value, bool):
        raise ValueError(f"row {i}: {key} = {value!r} is not a number")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"row {i}: {key} = {value!r} is not a finite number")
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    text = str(value).strip()
    if text and not _NUMBER.fullmatch(text):
        raise ValueError(f"row {i}: {key} = {value!r} is not a plain number (no separators, units or %)")
    return text


def _head() -> str:
    """The short hash of HEAD, or '' outside a git checkout."""
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT,
                             timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""
