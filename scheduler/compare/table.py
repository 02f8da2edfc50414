"""The comparison as data: which rows, their values and deltas against the baseline, what the bounds prove.

Rows are measures, columns the baseline then each policy. Objective rows and unmet mandatory rows (the
region's and, for a region solved zone by zone, each zone's) carry the proven range of each policy's
difference and a verdict that only a range excluding zero decides (`verdicts.py`). Every row says, per
scenario, whether its figure comes from a solve whose gap is above `GAP_FLAG` (`gap_flags`), so the table
itself shows what is unfinished.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scheduler.compare.rows import ROW_KEYS, RowMeaning
from scheduler.compare.spec import ScenarioResult
from scheduler.compare.verdicts import (
    OBJECTIVE,
    UNMET,
    ProvenRange,
    gap_flagged,
    range_text,
    region_range,
    zone_ranges,
)

if TYPE_CHECKING:
    from scheduler.compare.refine import Decided  # the type only: the table never solves

# (label for people, unit, what the row measures, how to read it from a result). The label's measure
# key comes from compare/rows.ROW_KEYS, so a new row must be given one there.
Reader = Callable[[ScenarioResult], Any]
Row = tuple[str, str, RowMeaning, Reader]
# Rates whose denominator can be zero (a zone without hotspot targets): null there, shown as "no target".
RATE_KEYS = frozenset({"hotspot_coverage"})


def _pct(v: Any) -> Any:
    return None if v is None else round(100 * v, 2)


def _overall_rows(results: list[ScenarioResult]) -> list[Row]:
    def m(key: str) -> Reader:
        return lambda r: r.measures.get(key)

    def fair(key: str) -> Reader:
        return lambda r: r.measures.get("fairness", {}).get(key)

    overall: list[tuple[str, str, Reader]] = [
        ("objective", "points", lambda r: r.summary.get("objective")),
        ("best bound", "points", lambda r: r.summary.get("best_bound")),
        ("gap", "%", lambda r: _pct(r.summary.get("gap"))),
        ("hotspot coverage", "%", lambda r: _pct(r.measures.get("hotspot_coverage"))),
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
    return [(label, unit, RowMeaning(ROW_KEYS[label]), get) for label, unit, get in overall]


# Unmet mandatory work twice: under the zone that staffs it and under the zone that hosts it.
PER_ZONE = (
    ("hotspot coverage", "%", "hotspot_coverage", 100), ("hours worked", "h", "hours_worked", 1),
    ("overtime", "h", "overtime_hours", 1), ("unmet mandatory", "officer-h", "unmet_mandatory_officer_hours", 1),
    ("unmet mandatory hosted", "officer-h", "unmet_mandatory_hosted_officer_hours", 1),
    ("response shortfall", "officer-h", "response_shortfall_officer_hours", 1),
    ("HyCap given", "officer-h", "hycap_hours_given", 1), ("HyCap received", "officer-h", "hycap_hours_received", 1),
    ("HyCap surplus", "officer-h", "hycap_surplus_hours", 1),
    ("work taken over", "officer-h", "taken_over_hours", 1), ("work handed over", "officer-h", "handed_over_hours", 1),
    ("handed outside the region", "officer-h", "outside_region_hours", 1),
)
# A zone's own solve, when the region was solved zone by zone (summary.zones).
ZONE_SOLVE = (("objective", "points", "objective", 1), ("gap", "%", "gap", 100))


def _rows(results: list[ScenarioResult]) -> list[Row]:
    rows = _overall_rows(results)
    hotspots = list(dict.fromkeys(h for r in results for h in r.measures.get("hotspots", {})))
    for h in hotspots:
        # Named functions, not lambdas: mypy cannot type a lambda with a default-bound loop variable.
        def coverage(r: ScenarioResult, h: str = h) -> Any:
            return _pct(r.measures.get("hotspots", {}).get(h, {}).get("coverage"))
        rows.append((f"hotspot {h} coverage", "%", RowMeaning("hotspot_coverage", hotspot=h), coverage))
    zones = list(dict.fromkeys([*(z for r in results for z in r.measures.get("zones", {})),
                                *(z for r in results for z in r.summary.get("zones") or {})]))
    if any(r.staffing_gap for r in results):
        for z in zones:
            def gap(r: ScenarioResult, z: str = z) -> Any:
                return (r.staffing_gap or {}).get("per_zone", {}).get(z)
            rows.append((f"zone {z}: staffing gap", "officers", RowMeaning(ROW_KEYS["staffing gap"], zone=z), gap))
    for z in zones:
        for label, unit, key, scale in ZONE_SOLVE:
            def solved(r: ScenarioResult, z: str = z, key: str = key, scale: int = scale) -> Any:
                v = (r.summary.get("zones") or {}).get(z, {}).get(key)
                return None if v is None else round(v * scale, 2)
            rows.append((f"zone {z}: {label}", unit, RowMeaning(ROW_KEYS[label], zone=z), solved))
        for label, unit, key, scale in PER_ZONE:
            def get(r: ScenarioResult, z: str = z, key: str = key, scale: int = scale) -> Any:
                v = r.measures.get("zones", {}).get(z, {}).get(key)
                return None if v is None else round(v * scale, 2)
            rows.append((f"zone {z}: {label}", unit, RowMeaning(ROW_KEYS[label], zone=z), get))
    return rows


@dataclass(frozen=True)
class Verdict:
    """A policy's objective against the baseline's, as data (the page and the workbook read `kind`,
    `difference` and `range`) and as an English sentence (compare.md, the terminal)."""

    kind: str  # reference | better | worse | undecided | equal | not_comparable | no_roster
    text: str
    difference: float | None = None  # policy objective - baseline objective, as found (points)
    range: ProvenRange | None = None  # what the bounds prove about the difference of the optima


def verdict_of(kind: str, found: float, proven: ProvenRange | None, changes_objective: bool) -> Verdict:
    """The sentence for a difference and its proven range (`kind` from the range, or no_roster)."""
    if changes_objective:
        return Verdict("not_comparable", "objective weights or rules differ: compare the measures, not the "
                       "objective", found, proven)
    if proven is None:
        return Verdict("undecided", f"undecided: no proven bound (found {found:+,.0f})", found, None)
    if kind == "equal":
        return Verdict(kind, f"equal to baseline: {range_text(proven, found)}", found, proven)
    if kind == "undecided":
        return Verdict(kind, f"undecided: {range_text(proven, found)}; the bounds do not exclude zero", found, proven)
    return Verdict(kind, f"{kind} than baseline: {range_text(proven, found)}", found, proven)


def _verdict(base: ScenarioResult, other: ScenarioResult) -> Verdict:
    """What the two solves' bounds prove about the region's objective."""
    a, b = base.summary, other.summary
    if a.get("objective") is None or b.get("objective") is None:
        return Verdict("no_roster", "no roster")
    proven = region_range(a, b)
    return verdict_of(proven.kind if proven else "undecided", b["objective"] - a["objective"], proven,
                      other.spec.changes_objective)


def _gap_flags(results: list[ScenarioResult], zone: str | None) -> list[bool]:
    """Per scenario: is this row's figure from a solve (the zone's own when it has one) above GAP_FLAG?"""
    flags = []
    for r in results:
        zones = r.summary.get("zones") or {}
        if r.error:
            flags.append(False)
        elif zone is not None and zone in zones:
            flags.append(gap_flagged(zones[zone]))
        else:
            flags.append(gap_flagged(r.summary) or any(gap_flagged(z) for z in zones.values()))
    return flags


def _row_verdicts(results: list[ScenarioResult], zone: str | None, measure: str = OBJECTIVE) -> tuple[list, list]:
    """The proven range and verdict of each policy on an objective row or an unmet mandatory row (the
    region's, or a zone's). Unmet hours compare across changed weights and rules: hours, not points."""
    ranges: list[list[float] | None] = [None]
    kinds = ["reference"]
    for r in results[1:]:
        base, other = results[0].summary, r.summary
        if zone is None and measure == OBJECTIVE:
            v = _verdict(results[0], r)
            proven, kind = v.range, v.kind
        else:
            proven = (region_range(base, other, measure) if zone is None
                      else zone_ranges(base, other, measure).get(zone))
            changed = measure == OBJECTIVE and r.spec.changes_objective
            kind = "not_comparable" if changed else (proven.kind if proven else "undecided")
        if zone is not None and proven is None and other.get("objective") is not None \
                and zone not in (other.get("zones") or {}):
            kind = ""  # no such zone solve in this scenario (a merger): nothing to decide
        ranges.append(proven.as_list() if proven else None)
        kinds.append(kind if other.get("objective") is not None else "no_roster")
    return ranges, kinds


def _notes(results: list[ScenarioResult]) -> list[str]:
    notes = []
    for r in results:
        s = r.summary
        if r.error:
            notes.append(f"{r.spec.name}: {r.error}")
        elif s.get("status") != "OPTIMAL":
            gap = s.get("gap")
            notes.append(f"{r.spec.name}: not proven optimal (gap {gap:.1%}); its measures may move by a re-solve"
                         if gap is not None else f"{r.spec.name}: not proven optimal (no bound)")
    return notes


def compare_table(results: list[ScenarioResult], decided: Decided | None = None) -> dict[str, Any]:
    """The comparison as data: scenarios, rows (values and deltas against the first), verdicts; with
    `decided`, what `--until-decided` re-solved and what stayed open (in `decided` and the notes)."""
    rows = []
    for label, unit, meaning, get in _rows(results):
        values = [get(r) if r.error is None else None for r in results]
        # A rate left null by a zero denominator, in a scenario that has a roster (a measure it has).
        no_target = [meaning.key in RATE_KEYS and v is None and r.error is None and bool(r.measures)
                     and (meaning.zone is None or meaning.zone in r.measures.get("zones", {}))
                     for v, r in zip(values, results, strict=True)]
        if all(v is None for v in values) and not any(no_target):
            continue
        base = values[0]
        deltas = [None if v is None or base is None or not isinstance(v, int | float) else round(v - base, 2)
                  for v in values]
        where = {k: v for k, v in (("zone", meaning.zone), ("hotspot", meaning.hotspot)) if v is not None}
        row: dict[str, Any] = {"measure": label, "key": meaning.key, **where, "unit": unit, "values": values,
                               "deltas": deltas, "note": "",
                               "gap_flags": [f and v is not None for f, v in
                                             zip(_gap_flags(results, meaning.zone), values, strict=True)]}
        if meaning.key in (OBJECTIVE, UNMET):
            row["ranges"], row["verdicts"] = _row_verdicts(results, meaning.zone, meaning.key)
        if any(no_target):
            row["no_target"] = no_target  # 0 over 0 officer-hours: no rate, not 100 %
        rows.append(row)
    verdicts = [Verdict("reference", "baseline")] + [_verdict(results[0], r) for r in results[1:]]
    table: dict[str, Any] = {
        "scenarios": [
            {"name": r.spec.name, "label": r.spec.description, "effect": r.spec.effect, "policies": list(r.spec.policies),
             "summary": r.summary, "measures": r.measures, "staffing_gap": r.staffing_gap, "error": r.error,
             "verdict": v.text, "verdict_kind": v.kind, "objective_difference": v.difference,
             "objective_range": v.range.as_list() if v.range else None,
             "extra": {k: r.extra[k] for k in ("load_s", "peak_mib", "zones_shared") if k in r.extra}}
            for r, v in zip(results, verdicts, strict=True)
        ],
        "rows": rows,
        "notes": _notes(results) + (decided.notes() if decided else []),
    }
    if decided is not None:
        table["decided"] = decided.as_dict()
    return table
