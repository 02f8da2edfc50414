"""A campaign's measures: per chain (one policy, one seed) from its week rows, then per policy over
seeds (mean and a 90 % interval of the mean), and verdicts against the baseline.

Chains with the same seed draw the same absences under every policy, so a policy is judged on its
paired differences with the baseline seed by seed: a difference whose 90 % interval contains 0 is
smaller than the spread between seeds, and is reported as no clear difference (the rule of `compare`).
"""

from __future__ import annotations

import math
import statistics
from typing import Any

from scheduler.campaign.week_measures import OFFICER_FIELDS

HOURS_PER_WEEK = 168
REFERENCE_WEEKS = 17  # the EU 48 h average is judged over 4 months (Art. 16(b))
AVERAGE_LIMIT_HOURS = 48

# measure -> (label, +1 when more is better / -1 when less is better)
MEASURES: dict[str, tuple[str, int]] = {
    "hotspot_coverage": ("hotspot coverage delivered", +1),
    "unmet_mandatory_officer_hours": ("unmet mandatory officer-hours", -1),
    "response_shortfall_officer_hours": ("response shortfall officer-hours", -1),
    "overtime_hours": ("overtime hours", -1),
    "max_hours_balance": ("largest hours balance of an officer", -1),
    "officers_over_48h_average": ("officers over 48 h on average over 17 weeks", -1),
    "nights_spread": ("spread of nights per officer", -1),
    "nights_max": ("most nights of an officer", -1),
    "weekend_shifts_spread": ("spread of weekend shifts per officer", -1),
    "short_notice_changes": ("short-notice changes", -1),
    "short_notice_changes_max": ("most short-notice changes of an officer", -1),
    "hycap_hours_given": ("HyCap hours given", 0),
    "weeks_a_hard_rule_gave": ("weeks in which a hard rule gave", -1),
    "relief_factor": ("shift relief factor", -1),
    "officers_needed": ("officers needed to hold the targets (estimate)", -1),
    "officers_needed_worst_week": ("extra officers the worst week needed (solved)", -1),
}
WEEKLY = ("hotspot_coverage", "response_shortfall_officer_hours", "overtime_hours", "short_notice_changes")

# Student's t at 95 % (two-sided 90 %) by degrees of freedom; beyond 30, 1.645.
_T90 = [6.314, 2.920, 2.353, 2.132, 2.015, 1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761, 1.753,
        1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714, 1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697]


def interval(values: list[float]) -> dict[str, Any]:
    """Mean and the 90 % interval of the mean over seeds (one seed: no interval)."""
    n = len(values)
    if n == 0:
        return {"mean": None, "low": None, "high": None, "n": 0}
    mean = statistics.fmean(values)
    if n == 1:
        return {"mean": mean, "low": None, "high": None, "n": 1}
    half = (_T90[n - 2] if n - 1 <= len(_T90) else 1.645) * statistics.stdev(values) / math.sqrt(n)
    return {"mean": mean, "low": mean - half, "high": mean + half, "n": n}


def officer_totals(weeks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """officer -> sums over the chain's weeks, and the highest 17-week average of hours worked."""
    out: dict[str, dict[str, Any]] = {}
    series: dict[str, list[float]] = {}
    for w in weeks:
        for oid, values in (w.get("per_officer") or {}).items():
            row = dict(zip(OFFICER_FIELDS, values, strict=True))
            t = out.setdefault(oid, {"zone": row["zone"], "weeks": 0, **{k: 0.0 for k in OFFICER_FIELDS[1:]}})
            t["weeks"] += 1
            for k in OFFICER_FIELDS[1:]:
                t[k] += row[k]
            series.setdefault(oid, []).append(row["hours"])
    for oid, t in out.items():
        t["hours_balance"] = round(t["hours"] - t["available_hours"], 2)
        hours = series[oid]
        span = min(REFERENCE_WEEKS, len(hours))
        t["highest_average_hours"] = round(max(sum(hours[i:i + span]) / span for i in range(len(hours) - span + 1)), 2)
    return out


def _spread(values: list[float]) -> float:
    return max(values) - min(values) if values else 0.0


def chain_measures(weeks: list[dict[str, Any]], overtime_bound: float) -> dict[str, Any]:
    """The campaign's measures of one chain."""
    officers = officer_totals(weeks)
    full = [t for t in officers.values() if t["weeks"] == len(weeks)]  # comparable: there every week
    target = sum(w["hotspot_target_officer_hours"] for w in weeks)
    delivered = sum(w["hotspot_delivered_officer_hours"] for w in weeks)
    officer_weeks = sum(t["weeks"] for t in officers.values())
    available = sum(t["available_hours"] for t in officers.values()) / officer_weeks if officer_weeks else 0.0
    short = [w["hotspot_target_officer_hours"] - w["hotspot_delivered_officer_hours"]
             + w["response_shortfall_officer_hours"] + w["unmet_mandatory_officer_hours"] for w in weeks]
    beyond = sum(max(0.0, t["hours_balance"] - overtime_bound) for t in officers.values())
    needed_hours = sorted(s + beyond / max(1, len(weeks)) for s in short)
    q90 = needed_hours[min(len(needed_hours) - 1, math.ceil(0.9 * len(needed_hours)) - 1)] if needed_hours else 0.0
    hycap: dict[str, float] = {}
    received: dict[str, float] = {}
    for w in weeks:
        for zone, hours in (w.get("hycap_hours_given") or {}).items():
            hycap[zone] = hycap.get(zone, 0.0) + hours
        for zone, hours in (w.get("hycap_hours_received") or {}).items():
            received[zone] = received.get(zone, 0.0) + hours
    by_zone: dict[str, list[float]] = {}
    for t in officers.values():
        zone_total = by_zone.setdefault(str(t["zone"]), [0.0, 0.0])
        zone_total[0] += t["available_hours"]
        zone_total[1] += t["weeks"]
    return {
        "hotspot_coverage": delivered / target if target else None,
        "unmet_mandatory_officer_hours": sum(w["unmet_mandatory_officer_hours"] for w in weeks),
        "response_shortfall_officer_hours": sum(w["response_shortfall_officer_hours"] for w in weeks),
        "overtime_hours": sum(w["overtime_hours"] for w in weeks),
        "max_hours_balance": max((t["hours_balance"] for t in officers.values()), default=0.0),
        "officers_over_48h_average": sum(1 for t in officers.values() if t["highest_average_hours"] > AVERAGE_LIMIT_HOURS),
        "nights_spread": _spread([t["nights"] for t in full]),
        "nights_max": max((t["nights"] for t in officers.values()), default=0),
        "weekend_shifts_spread": _spread([t["weekend_shifts"] for t in full]),
        "short_notice_changes": sum(w["short_notice_changes"] for w in weeks),
        "short_notice_changes_max": max((t["short_notice_changes"] for t in officers.values()), default=0),
        "hycap_hours_given": sum(hycap.values()),
        "hycap_hours_given_by_zone": hycap,
        "hycap_hours_received_by_zone": received,
        "relief_factor_by_zone": {z: HOURS_PER_WEEK * n / h if h else None for z, (h, n) in sorted(by_zone.items())},
        "weeks_a_hard_rule_gave": sum(1 for w in weeks if w["hard_rule_gave"]),
        # Officers it takes to keep one post staffed around the clock: 168 h over the hours an officer
        # was available per week (contract, pro rata over the days not on leave, sick or away).
        "relief_factor": HOURS_PER_WEEK / available if available else None,
        "available_hours_per_officer_week": available,
        # The officer-hours short in a bad week (90th percentile: targets missed, plus overtime beyond
        # the bound spread over the weeks), in officers of the campaign's mean availability.
        "officers_needed": math.ceil(q90 / available) if available and q90 > 1e-9 else 0,
    }


def policy_summary(chains: list[dict[str, Any]], baseline: str = "baseline") -> dict[str, Any]:
    """Per policy: each measure's interval over seeds, the weekly series' intervals, and verdicts."""
    by_policy: dict[str, dict[int, dict[str, Any]]] = {}
    for c in chains:
        by_policy.setdefault(c["policy"], {})[c["seed"]] = c
    out: dict[str, Any] = {}
    for policy, seeds in by_policy.items():
        measures = {m: interval([v for c in seeds.values() if (v := c["measures"].get(m)) is not None]) for m in MEASURES}
        length = min((len(c["weeks"]) for c in seeds.values()), default=0)
        weekly = {m: [interval([v for c in seeds.values() if (v := c["weeks"][k].get(m)) is not None]) for k in range(length)]
                  for m in WEEKLY}
        out[policy] = {"seeds": sorted(seeds), "measures": measures, "weekly": weekly}
    base = by_policy.get(baseline, {})
    for policy, seeds in by_policy.items():
        if policy == baseline or not base:
            continue
        verdicts = {}
        for m, (_, better) in MEASURES.items():
            diffs = [c["measures"][m] - base[s]["measures"][m] for s, c in seeds.items()
                     if s in base and c["measures"].get(m) is not None and base[s]["measures"].get(m) is not None]
            iv = interval(diffs)
            verdicts[m] = {**iv, "verdict": _verdict(iv, better)}
        out[policy]["against_baseline"] = verdicts
    return out


def _verdict(iv: dict[str, Any], better: int) -> str:
    if iv["n"] == 0:
        return "not measured"
    if iv["n"] == 1:
        return "one seed: no interval"
    if iv["low"] <= 0 <= iv["high"] or (abs(iv["low"]) < 1e-9 and abs(iv["high"]) < 1e-9):
        return "no clear difference"
    if better == 0:
        return "more" if iv["mean"] > 0 else "less"
    return "better" if (iv["mean"] > 0) == (better > 0) else "worse"
