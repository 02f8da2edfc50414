"""What a row of a compare table means: its measure, its zone or hotspot, and which way is better.

`compare.py` labels rows for people ("zone south: HyCap given") and writes what each measures next to
the label (`key`, `zone`, `hotspot`); the HTML page and the workbook read that to pick a label in each
language, the group the row belongs to, and whether a rise is good news, from here, so a page and a
workbook never colour the same delta differently. A compare.json written before rows carried their key
is read from its labels (and rows named by roster.json keys, "fairness.nights_spread", are understood).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# compare.py's row labels -> measure keys (the i18n keys of the report): compare.py takes each row's key
# from here. Per-zone rows use the part after "zone X: ".
ROW_KEYS = {
    "objective": "objective",
    "best bound": "best_bound",
    "gap": "gap",
    "hotspot coverage": "hotspot_coverage",
    "hotspot officer-hours delivered": "hotspot_delivered_officer_hours",
    "unmet mandatory": "unmet_mandatory_officer_hours",
    "unmet mandatory hosted": "unmet_mandatory_hosted_officer_hours",
    "response shortfall": "response_shortfall_officer_hours",
    "overtime": "overtime_hours",
    "officers with overtime": "officers_with_overtime",
    "officers used": "officers_used",
    "officers rostered": "officers_rostered",
    "work handed outside the region": "outside_region_officer_hours",
    "spread of nights": "nights_spread",
    "spread of weekend shifts": "weekend_shifts_spread",
    "spread of hours": "hours_spread",
    "spread of HyCap hours": "hycap_hours_spread",
    "staffing gap: extra officers": "staffing_gap",
    "hours worked": "hours_worked",
    "HyCap given": "hycap_given",
    "HyCap received": "hycap_received",
    "HyCap surplus": "hycap_surplus_hours",
    "work taken over": "taken_over_hours",
    "work handed over": "handed_over_hours",
    "handed outside the region": "outside_region_hours",
    "staffing gap": "staffing_gap",
}
HIGHER_IS_BETTER = frozenset({
    "hotspot_coverage", "hotspot_delivered_officer_hours", "hotspot_target_slots_fully_covered", "coverage",
})
# Hours worked, officers used, HyCap and work handed elsewhere are neither: they are what a policy moves
# on purpose, and whether that is good is the chief's call, not a colour's. The gap is neither too: it
# is the solver's, not the policy's. HyCap beyond the quota is lower-is-better: officers sent for nothing.
LOWER_IS_BETTER = frozenset({
    "objective", "unmet_mandatory_officer_hours", "unmet_mandatory_hosted_officer_hours", "unmet_officer_hours",
    "response_shortfall_officer_hours", "hycap_surplus_hours",
    "shift_cover_shortfall_officers", "overtime_hours", "officers_with_overtime", "nights_spread",
    "weekend_shifts_spread", "hours_spread", "hycap_hours_spread", "staffing_gap",
})
_ZONE = re.compile(r"^zone (?P<zone>.+?): (?P<rest>.+)$")
_HOTSPOT = re.compile(r"^hotspot (?P<hotspot>.+) coverage$")


@dataclass(frozen=True)
class RowMeaning:
    key: str  # the measure's key, e.g. "overtime_hours"
    zone: str | None = None  # for "zone south: overtime"
    hotspot: str | None = None  # for "hotspot market coverage"

    @property
    def direction(self) -> int:
        """1 when higher is better, -1 when lower is better, 0 when neither."""
        if self.key in HIGHER_IS_BETTER:
            return 1
        return -1 if self.key in LOWER_IS_BETTER else 0


    def delta_tone(self, delta: float | None, kind: str) -> str:
        """How a delta against the baseline reads: 'better', 'worse', '' (no direction or no change), or
        'undecided' / 'not_comparable' for a row whose verdict says so (the bounds do not decide, or
        another objective: no colour that would read as a policy effect). On rows with a proven range
        (objective, unmet mandatory) `kind` is the row's verdict (`row_kinds`): the range decides the
        colour, not the delta's sign."""
        if kind:
            if kind in ("better", "worse"):
                return kind
            if kind in ("undecided", "within", "not_comparable"):
                return "not_comparable" if kind == "not_comparable" else "undecided"
            if kind == "equal":
                return ""
        if not delta or not self.direction:
            return ""
        return "better" if delta * self.direction > 0 else "worse"


def row_kinds(row: dict, scenario_kinds: list[str]) -> list[str]:
    """The verdict that colours each delta of a row: a row's own (`verdicts`, from its proven ranges),
    else, for the region's objective of an older compare.json, the scenario's; '' elsewhere."""
    if row.get("verdicts"):
        return list(row["verdicts"])
    meaning = row_meaning(row)
    if meaning.key == "objective" and meaning.zone is None:
        return list(scenario_kinds)
    return [""] * len(scenario_kinds)


def row_meaning(row: dict | str) -> RowMeaning:
    """The meaning of a compare.json row (its `key`, `zone` and `hotspot`), or of a bare label (a row of
    an older compare.json)."""
    if isinstance(row, dict):
        if "key" in row:
            return RowMeaning(row["key"], zone=row.get("zone"), hotspot=row.get("hotspot"))
        measure: str = row["measure"]
    else:
        measure = row
    if measure in ROW_KEYS:
        return RowMeaning(ROW_KEYS[measure])
    if m := _ZONE.match(measure):
        rest = m["rest"]
        return RowMeaning(ROW_KEYS.get(rest, rest), zone=m["zone"])
    if m := _HOTSPOT.match(measure):
        return RowMeaning("hotspot_coverage", hotspot=m["hotspot"])
    # An older compare.json: roster.json keys, dotted for nested ones ("fairness.nights_spread").
    short = measure.rsplit(".", 1)[-1]
    return RowMeaning(short if short in HIGHER_IS_BETTER | LOWER_IS_BETTER else measure)


# An older compare.json has only the verdict's sentence; compare._verdict's sentences start with these words.
VERDICT_PREFIXES = (
    ("baseline", "reference"),
    ("within solver gaps", "undecided"),
    ("undecided", "undecided"),
    ("equal to baseline", "equal"),
    ("better than", "better"),
    ("worse than", "worse"),
    ("objective weights or rules differ", "not_comparable"),
    ("no roster", "no_roster"),
)


def verdict_kind(scenario: dict) -> str:
    """A compare.json scenario's verdict: 'reference', 'better', 'worse', 'undecided', 'equal',
    'not_comparable', 'no_roster', or '' when unknown. An older file's 'within' (its difference no larger
    than both gaps) reads as 'undecided'."""
    if scenario.get("verdict_kind"):
        return "undecided" if scenario["verdict_kind"] == "within" else scenario["verdict_kind"]
    text = (scenario.get("verdict") or "").strip()
    return next((kind for prefix, kind in VERDICT_PREFIXES if text.startswith(prefix)), "")


def is_compare_document(doc: Any) -> bool:
    """A compare.json by its shape (scenarios and rows), whatever file name it has."""
    return isinstance(doc, dict) and isinstance(doc.get("scenarios"), list) and isinstance(doc.get("rows"), list)
