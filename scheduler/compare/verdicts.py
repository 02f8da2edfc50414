"""What the bounds prove about a policy's objective, region-wide and zone by zone.

A solve that is not proven optimal has found an objective and proven a bound below it; the optimum lies
between them. For a policy against the baseline (minimisation), the difference of the optima lies in
[policy bound - baseline objective, policy objective - baseline bound]: the *proven range*. Only a range
that excludes zero decides (`better`, `worse`); otherwise the verdict is `undecided`, whatever the found
objectives differ by. A zone whose solver-ready problem is the same in both scenarios (same fingerprint,
`solve/shared.py`) has the same optimum: its range is [0, 0] (`equal`), and a region solved zone by
zone adds its zones' ranges, so unchanged zones no longer widen the region's.

Unmet mandatory work gets the same treatment from the least any roster of each scenario can leave
(`compare/unmet.py`): a proven floor and a ceiling per scenario, so its verdict says whether a policy makes
mandatory work impossible to staff, not whether one search found less of it than another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# A solve whose relative gap exceeds this is flagged where its figures are shown (the table's cells, not
# only the notes): its measures may move by a re-solve.
GAP_FLAG = 0.05


@dataclass(frozen=True)
class ProvenRange:
    """The difference of the optima (policy - baseline, points) lies in [low, high]."""

    low: float
    high: float

    @property
    def kind(self) -> str:
        if self.low == self.high == 0:
            return "equal"
        if self.high < 0:
            return "better"
        return "worse" if self.low > 0 else "undecided"

    def __add__(self, other: ProvenRange) -> ProvenRange:
        return ProvenRange(self.low + other.low, self.high + other.high)

    def as_list(self) -> list[float]:
        return [round(self.low, 2), round(self.high, 2)]


# The measures with a proven range: per summary (or zone of one), where the optimum's value lies, as
# (low, high). The objective's from the solve's bound and objective; unmet mandatory work's from the least
# any roster can leave (`compare/unmet.py`: its floor and ceiling).
OBJECTIVE = "objective"
UNMET = "unmet_mandatory_officer_hours"


def _span(summary: dict[str, Any], measure: str) -> tuple[float, float] | None:
    if measure == UNMET:
        least = summary.get("least_unmet")
        return (least["low"], least["high"]) if least else None
    obj, bound = summary.get("objective"), summary.get("best_bound")
    return None if obj is None or bound is None else (bound, obj)


def proven_range(base: dict[str, Any], policy: dict[str, Any], measure: str = OBJECTIVE) -> ProvenRange | None:
    """From two solves' `objective` and `best_bound` (a summary, or a zone of `summary.zones`); None when
    either lacks one. Example: baseline 100 found, 90 proven; policy 130 found, 95 proven: the policy's
    optimum is at least 95 and the baseline's at most 100, so the difference is at least 95 - 100 = -5;
    it is at most 130 - 90 = +40. [-5, +40] straddles zero: undecided, though the found difference is +30.
    `measure` UNMET: the same from each side's least unmet mandatory hours ({low, high})."""
    a, b = _span(base, measure), _span(policy, measure)
    if a is None or b is None:
        return None
    if base.get("fingerprint") and base.get("fingerprint") == policy.get("fingerprint"):
        return ProvenRange(0.0, 0.0)  # the same problem: the same optimum, whatever either solve found
    return ProvenRange(b[0] - a[1], b[1] - a[0])


def _zones(summary: dict[str, Any], measure: str) -> dict[str, Any]:
    """A summary's zones for `measure`: its zone solves, or for unmet work of a scenario solved as one
    problem (a merger), each zone's floor and ceiling (`least_unmet_zones`, compare/unmet.py)."""
    zones = summary.get("zones") or {}
    if measure == UNMET and not zones:
        return {z: {"least_unmet": v} for z, v in (summary.get("least_unmet_zones") or {}).items()}
    return zones


def zone_ranges(base: dict[str, Any], policy: dict[str, Any], measure: str = OBJECTIVE) -> dict[str, ProvenRange | None]:
    """Per staffing zone of two summaries solved zone by zone (`summary.zones`): the zones both have."""
    a, b = _zones(base, measure), _zones(policy, measure)
    return {z: proven_range(a[z], b[z], measure) for z in a if z in b}


def region_range(base: dict[str, Any], policy: dict[str, Any], measure: str = OBJECTIVE) -> ProvenRange | None:
    """The region's range: the sum of its zones' when both were solved over the same zones (the region's
    optimum is the sum of theirs), else from the region's own figures."""
    ranges = zone_ranges(base, policy, measure)
    same_zones = ranges and set(ranges) == set(base.get("zones") or {}) == set(policy.get("zones") or {})
    if same_zones and all(r is not None for r in ranges.values()):
        total = ProvenRange(0.0, 0.0)
        for r in ranges.values():
            total = total + r  # type: ignore[operator]  # None excluded just above
        return total
    return proven_range(base, policy, measure)


def gap_flagged(summary: dict[str, Any]) -> bool:
    """A solve (a summary or a zone of it) with a roster but no bound, or a gap above GAP_FLAG."""
    if summary.get("objective") is None:
        return False
    gap = summary.get("gap")
    return gap is None or gap > GAP_FLAG


def signed_points(v: float) -> str:
    return f"{v:+,.0f}"


def range_places(unit: str) -> int:
    """Decimals of a proven range's ends: whole points, hours to the hundredth."""
    return 0 if unit == "points" else 2


def signed_amount(v: float, unit: str) -> str:
    """A proven range's end in its row's unit: points as `signed_points`, hours with trailing zeros dropped
    ('+16', '-2.5')."""
    if unit == "points":
        return signed_points(v)
    text = f"{v:+,.{range_places(unit)}f}".rstrip("0").rstrip(".")
    return "+0" if text == "-0" else text


def range_text(r: ProvenRange, found: float) -> str:
    """'proven +36,127 to +3,681,554 (found +3,669,513)': the range first, the point difference beside it."""
    return f"proven {signed_points(r.low)} to {signed_points(r.high)} (found {signed_points(found)})"
