"""compare.md and compare.csv: the table of `table.py` as text, with what the bounds prove beside the
objective's differences and a marker on every figure from a solve whose gap is above GAP_FLAG."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from scheduler.compare.verdicts import GAP_FLAG, signed_amount
from scheduler.io.atomic import write_together

FLAG = "†"  # a figure from a solve (or a zone's solve) whose gap is above GAP_FLAG
NO_TARGET = "no target"


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


def _proven(row: dict[str, Any], i: int) -> str:
    """' (+30; proven -5 to +40: undecided)' on a row with a proven range (objective, unmet work): the
    range and verdict, the found difference beside them, never alone."""
    ranges, verdicts = row.get("ranges") or [], row.get("verdicts") or []
    if i >= len(ranges) or ranges[i] is None:
        return _delta(row["deltas"][i])
    low, high = ranges[i]
    d = row["deltas"][i] or 0
    unit = row.get("unit") or ""
    return (f" ({signed_amount(d, unit)}; proven {signed_amount(low, unit)} to {signed_amount(high, unit)}: "
            f"{verdicts[i]})")


def _cell(row: dict[str, Any], i: int) -> str:
    v = row["values"][i]
    text = NO_TARGET if v is None and (row.get("no_target") or [False] * (i + 1))[i] else _fmt(v)
    if i:
        text += _proven(row, i)
    return text + (f" {FLAG}" if (row.get("gap_flags") or [False] * (i + 1))[i] else "")


def table_markdown(table: dict[str, Any]) -> str:
    names = [s["name"] for s in table["scenarios"]]
    out = ["| measure | unit | " + " | ".join(names) + " |", "|---|---|" + "---:|" * len(names)]
    for row in table["rows"]:
        out.append(f"| {row['measure']} | {row['unit']} | " + " | ".join(_cell(row, i) for i in range(len(names))) + " |")
    out.append("")
    if any(any(row.get("gap_flags") or []) for row in table["rows"]):
        out += [f"{FLAG} from a solve (the zone's own, on a zone's rows) whose gap is above {GAP_FLAG:.0%}: "
                "the figure may move by a re-solve.", ""]
    out.append("Verdict on the objective (each policy against the baseline; the proven range is what the bounds "
               "allow for the difference of the optima):")
    out.append("")
    for s in table["scenarios"][1:]:
        out.append(f"- **{s['name']}**: {s['verdict']}")
    if table["notes"]:
        out += ["", "Notes:", ""] + [f"- {n}" for n in table["notes"]]
    out += ["", "Scenarios:", ""]
    for s in table["scenarios"]:
        out.append(f"- **{s['name']}**: {s['label']}")
        if effect_text(s):
            out.append(f"  - what it changes (read from its data): {effect_text(s)}")
    return "\n".join(out) + "\n"


def effect_text(scenario: Mapping[str, Any]) -> str:
    """A scenario's generated description (compare.json's `effect.text`), or '' (the baseline, an older file)."""
    effect = scenario.get("effect")
    return str(effect.get("text") or "") if isinstance(effect, dict) else ""


def table_csv(table: dict[str, Any]) -> str:
    """Numbers in their own columns: values, deltas, then per policy the proven range and verdict (objective
    and unmet mandatory rows), then per scenario whether the figure's solve has a gap above GAP_FLAG, and
    'no target' rates; the last two rows hold text: each scenario's description and what it changes."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    names = [s["name"] for s in table["scenarios"]]
    policies = names[1:]
    header = ["measure", "unit", *names, *(f"delta {n}" for n in policies),
                *(f"{what} {n}" for n in policies for what in ("proven low", "proven high", "verdict")),
                *(f"gap above {GAP_FLAG:.0%} {n}" for n in names)]
    w.writerow(header)
    for row in table["rows"]:
        no_target = row.get("no_target") or [False] * len(names)
        values = [NO_TARGET if v is None and no_target[i] else ("" if v is None else v)
                  for i, v in enumerate(row["values"])]
        proven = []
        for i in range(1, len(names)):
            r = (row.get("ranges") or [None] * len(names))[i]
            proven += ["", "", ""] if r is None else [r[0], r[1], row["verdicts"][i]]
        flags = ["yes" if f else "" for f in (row.get("gap_flags") or [False] * len(names))]
        w.writerow([row["measure"], row["unit"], *values, *("" if d is None else d for d in row["deltas"][1:]),
                    *proven, *flags])
    # Two text rows last, in the same columns: each scenario's stated description and what it changes.
    blank = [""] * (len(header) - 2 - len(names))
    w.writerow(["description", "", *(s["label"] for s in table["scenarios"]), *blank])
    w.writerow(["what it changes", "", *(effect_text(s) for s in table["scenarios"]), *blank])
    return buf.getvalue()


def write_tables(out_dir: str, table: dict[str, Any]) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_together({
        out / "compare.json": (json.dumps(table, indent=1, default=str) + "\n").encode("utf-8"),
        out / "compare.csv": table_csv(table).encode("utf-8"),
        out / "compare.md": table_markdown(table).encode("utf-8"),
    })
