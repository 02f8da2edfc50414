"""What the campaign page shows, from a campaign.json document (`scheduler campaign`).

A verdict paragraph per policy against the baseline (from the paired differences the campaign computed:
better, worse or no clear difference, with the numbers and their 90 % interval), the measures per
policy, a chart per weekly measure (a line per policy and its interval as a band), how the officers'
hours balance and nights spread out under each policy, the weeks in which a hard rule gave and the
chains that stopped. Reads the document only: nothing here runs or re-measures a campaign.
"""

from __future__ import annotations

import math
import statistics
from pathlib import Path
from typing import Any

import scheduler.report.charts as charts
from scheduler.campaign.outputs import FORMAT
from scheduler.campaign.summary import AVERAGE_LIMIT_HOURS, MEASURES
from scheduler.errors import InputError, InputProblem
from scheduler.report.campaign_i18n import campaign_labels
from scheduler.report.numbers import number, percent, signed

BASELINE = "baseline"
SHARES = {"hotspot_coverage"}  # fractions (0.73): shown as percentages, differences in points
UNITS = {
    "unmet_mandatory_officer_hours": "unit_officer-h", "response_shortfall_officer_hours": "unit_officer-h",
    "overtime_hours": "unit_h", "max_hours_balance": "unit_h", "hycap_hours_given": "unit_h",
    "officers_over_48h_average": "unit_officers", "officers_needed": "unit_officers",
    "nights_spread": "unit_nights", "nights_max": "unit_nights", "weekend_shifts_spread": "unit_shifts",
    "short_notice_changes": "unit_changes", "short_notice_changes_max": "unit_changes",
    "weeks_a_hard_rule_gave": "unit_weeks",
}
DECIMALS = {"relief_factor": 2}  # other measures: one decimal
# Officer totals drawn as distributions, with their label keys (hours balance: over or under the contract).
DISTRIBUTIONS = (("hours_balance", "hours_balance"), ("nights", "nights"))
TAGS = {"better": "better", "worse": "worse", "more": "more", "less": "less", "no clear difference": "unclear",
        "one seed: no interval": "one_seed", "not measured": "not_measured"}
# The verdict paragraph's groups, in the order a chief reads them.
GROUPS = ("better", "worse", "more", "less", "one_seed", "unclear", "same", "not_measured")
GROUP_TITLES = {"better": "verdict_better_on", "worse": "verdict_worse_on", "more": "verdict_changed_on",
                "less": "verdict_changed_on", "one_seed": "verdict_single_on", "unclear": "verdict_unclear_on",
                "same": "verdict_same_on", "not_measured": "verdict_not_measured_on"}
TINY = 1e-9


def validate_campaign(doc: dict[str, Any], source: str) -> None:
    """Clear messages for a malformed campaign.json, never a traceback."""
    def bad(where: str, message: str) -> InputError:
        return InputError([InputProblem(source, None, where, message)])

    if doc.get("format") != FORMAT:
        raise bad("format", f"'{doc.get('format')}': this version reads {FORMAT} only")
    for key, kind in (("plan", dict), ("measures", dict), ("policies", dict), ("chains", list)):
        if not isinstance(doc.get(key), kind):
            raise bad(key, f"a campaign.json has {'an object' if kind is dict else 'a list'} '{key}'")
    for name, p in doc["policies"].items():
        if not isinstance(p, dict) or not isinstance(p.get("measures"), dict):
            raise bad(f"policies.{name}", "an object with 'seeds', 'measures' and 'weekly'")
    for i, c in enumerate(doc["chains"]):
        if not isinstance(c, dict) or not isinstance(c.get("policy"), str) or not isinstance(c.get("seed"), int):
            raise bad(f"chains[{i}]", "each chain needs 'policy' (text) and 'seed' (a whole number)")


def _policies(doc: dict[str, Any]) -> list[str]:
    """The policies with figures, the baseline first, then in the plan's order."""
    planned = [p for p in doc["plan"].get("policies") or [] if p in doc["policies"]]
    rest = [p for p in doc["policies"] if p not in planned]
    names = planned + rest
    return sorted(names, key=lambda p: p != BASELINE)  # stable: only moves the baseline up


def _label(doc: dict[str, Any], measure: str, lang: str) -> str:
    L = campaign_labels(lang)
    key = f"m_{measure}"
    return L[key] if key in L else str(doc["measures"].get(measure, measure))


def _unit(measure: str, lang: str) -> str:
    return "%" if measure in SHARES else campaign_labels(lang).get(UNITS.get(measure, ""), "")


def _value(measure: str, v: float | None, lang: str) -> str:
    if measure in SHARES:
        return percent(v, lang)
    return number(v, lang, DECIMALS.get(measure, 1))


def _diff(measure: str, v: float | None, lang: str) -> str:
    if v is None:
        return "–"
    if measure in SHARES:
        return f"{signed(v * 100, lang, 1)}\u00a0pp"
    return signed(v, lang, DECIMALS.get(measure, 1))


def _span(measure: str, iv: dict[str, Any], lang: str, as_diff: bool) -> str:
    """'[0,3 … 1,1]': an interval in the measure's own format, or '' when there is none (one seed)."""
    if iv.get("low") is None or iv.get("high") is None:
        return ""
    show = _diff if as_diff else _value
    return f"[{show(measure, iv['low'], lang)} … {show(measure, iv['high'], lang)}]"


def _same(iv: dict[str, Any]) -> bool:
    """The same value under the policy and the baseline in every seed (an interval of width 0 at 0)."""
    return all(iv.get(k) is not None and abs(iv[k]) < TINY for k in ("mean", "low", "high"))


def _tag(iv: dict[str, Any]) -> str:
    tag = TAGS.get(str(iv.get("verdict")), "not_measured")
    if tag == "unclear" and _same(iv):
        return "same"
    if tag == "one_seed" and iv.get("mean") is not None and abs(iv["mean"]) < TINY:
        return "same"
    return tag


def _verdicts(doc: dict[str, Any], policies: list[str], lang: str) -> list[dict[str, Any]]:
    """Per policy: its lead sentence and the measures grouped by verdict, each with its numbers."""
    L = campaign_labels(lang)
    out = []
    for policy in policies:
        if policy == BASELINE:
            continue
        against = doc["policies"][policy].get("against_baseline") or {}
        grouped: dict[str, list[str]] = {g: [] for g in GROUPS}
        pairs = max((iv.get("n") or 0 for iv in against.values()), default=0)
        for measure, iv in against.items():
            tag = _tag(iv)
            name = _label(doc, measure, lang)
            if tag in ("same", "not_measured"):
                grouped[tag].append(name)
            elif iv.get("low") is None:
                grouped[tag].append(f"{name} {_diff(measure, iv.get('mean'), lang)}")
            else:
                grouped[tag].append(L["verdict_item"].format(
                    measure=name, diff=_diff(measure, iv["mean"], lang), low=_diff(measure, iv["low"], lang),
                    high=_diff(measure, iv["high"], lang)))
        groups = [{"kind": g, "title": L[GROUP_TITLES[g]], "items": items} for g, items in grouped.items() if items]
        out.append({
            "policy": policy, "pairs": pairs, "groups": groups,
            "lead": L["verdict_lead_one"] if pairs == 1 else L["verdict_lead"].format(n=pairs),
            "nothing_clear": pairs > 1 and not any(grouped[g] for g in ("better", "worse", "more", "less")),
        })
    return out


def _measure_rows(doc: dict[str, Any], policies: list[str], lang: str) -> list[dict[str, Any]]:
    L = campaign_labels(lang)
    rows = []
    for measure in doc["measures"]:
        cells = []
        for policy in policies:
            summary = doc["policies"][policy]
            iv = (summary.get("measures") or {}).get(measure) or {}
            cell = {"value": _value(measure, iv.get("mean"), lang), "span": _span(measure, iv, lang, False),
                    "delta": "", "delta_span": "", "tag": "", "tag_text": ""}
            d = (summary.get("against_baseline") or {}).get(measure)
            if policy != BASELINE and d:
                tag = _tag(d)
                cell.update(delta=_diff(measure, d.get("mean"), lang), delta_span=_span(measure, d, lang, True),
                            tag=tag, tag_text=L[f"tag_{tag}"])
            cells.append(cell)
        if all(c["value"] == "–" for c in cells):
            continue  # measured nowhere (no hotspot target in this zone): a row of dashes says nothing
        rows.append({"key": measure, "measure": _label(doc, measure, lang), "unit": _unit(measure, lang),
                     "cells": cells})
    return rows


def _axis(measure: str, lang: str) -> str:
    L = campaign_labels(lang)
    better = MEASURES.get(measure, ("", 0))[1]
    direction = {1: L["higher_better"], -1: L["lower_better"]}.get(better, "")
    return " · ".join(t for t in (_unit(measure, lang), direction) if t)


def _weekly_charts(doc: dict[str, Any], policies: list[str], lang: str) -> list[str]:
    """A chart per weekly measure: a line per policy through its weekly means, its interval as a band."""
    L = campaign_labels(lang)
    measures: list[str] = []
    for policy in policies:
        measures += [m for m in doc["policies"][policy].get("weekly") or {} if m not in measures]
    out: list[str] = []
    for measure in measures:
        scale = 100.0 if measure in SHARES else 1.0
        means: list[list[float | None]] = []
        lows: list[list[float | None]] = []
        highs: list[list[float | None]] = []
        for policy in policies:
            weeks = (doc["policies"][policy].get("weekly") or {}).get(measure) or []
            for series, key in ((means, "mean"), (lows, "low"), (highs, "high")):
                series.append([None if w.get(key) is None else w[key] * scale for w in weeks])
        if not any(v is not None for series in means for v in series):
            continue
        svg = charts.week_lines(f"chart-weekly-{len(out) + 1}", _label(doc, measure, lang), policies, means, lows,
                                highs, L["week_axis"], _axis(measure, lang))
        out.append(charts.without_namespaces(svg))
    return out


def _officer_values(doc: dict[str, Any], policy: str, key: str) -> list[float]:
    return [float(t[key]) for c in doc["chains"] if c["policy"] == policy
            for t in (c.get("officers") or {}).values() if isinstance(t, dict) and t.get(key) is not None]


def _officers(doc: dict[str, Any], policies: list[str], lang: str) -> tuple[list[str], list[dict[str, Any]]]:
    """A strip chart per officer total (policies as rows) and a table of medians and highest values."""
    L = campaign_labels(lang)
    shown = [p for p in policies if _officer_values(doc, p, "hours_balance")]
    if not shown:
        return [], []
    chart_list = []
    for n, (key, label_key) in enumerate(DISTRIBUTIONS):
        values = [_officer_values(doc, p, key) for p in shown]
        svg = charts.strips(f"chart-officers-{n + 1}", L[label_key], shown, values, L[label_key])
        chart_list.append(charts.without_namespaces(svg))
    table = []
    for p in shown:
        balance, nights = _officer_values(doc, p, "hours_balance"), _officer_values(doc, p, "nights")
        weekend, short = _officer_values(doc, p, "weekend_shifts"), _officer_values(doc, p, "short_notice_changes")
        over = sum(1 for v in _officer_values(doc, p, "highest_average_hours") if v > AVERAGE_LIMIT_HOURS)
        table.append({
            "policy": p, "count": len(balance),
            "balance_median": number(statistics.median(balance), lang, 1), "balance_max": number(max(balance), lang, 1),
            "nights_median": number(statistics.median(nights), lang, 1) if nights else "–",
            "nights_max": number(max(nights), lang, 1) if nights else "–",
            "weekend_max": number(max(weekend), lang, 1) if weekend else "–",
            "short_max": number(max(short), lang, 1) if short else "–", "over_48": over,
        })
    return chart_list, table


def _chain_order(doc: dict[str, Any], policies: list[str]) -> list[dict[str, Any]]:
    rank = {p: i for i, p in enumerate(policies)}
    return sorted(doc["chains"], key=lambda c: (rank.get(c["policy"], len(rank)), c["policy"], c["seed"]))


def _hard_rule_weeks(chains: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"policy": c["policy"], "seed": c["seed"], "week": w.get("week"), "start": w.get("start", ""),
             "what": "; ".join(map(str, w["hard_rule_gave"]))}
            for c in chains for w in c.get("weeks") or [] if w.get("hard_rule_gave")]


def _failed(chains: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"policy": c["policy"], "seed": c["seed"], "week": c["failed"].get("week"),
             "reason": c["failed"].get("reason", ""), "done": len(c.get("weeks") or [])}
            for c in chains if isinstance(c.get("failed"), dict)]


def _plans_line(chains: list[dict[str, Any]], lang: str) -> str:
    """How many weekly plans were proven optimal, and the largest gap: a difference between policies
    smaller than the solver's gaps may be the search's, not the policy's."""
    plans = [w["plan"] for c in chains for w in c.get("weeks") or [] if isinstance(w.get("plan"), dict)]
    if not plans:
        return ""
    gaps = [p["gap"] for p in plans if isinstance(p.get("gap"), int | float) and math.isfinite(p["gap"])]
    optimal = sum(1 for p in plans if p.get("status") == "OPTIMAL")
    return campaign_labels(lang)["plans_line"].format(optimal=optimal, total=len(plans),
                                                       gap=percent(max(gaps), lang) if gaps else "–")


def campaign_context(doc: dict[str, Any], lang: str) -> dict[str, Any]:
    """Everything campaign.html.j2 shows, formatted for `lang`."""
    L = campaign_labels(lang)
    plan = doc["plan"]
    policies = _policies(doc)
    chains = _chain_order(doc, policies)
    seeds = plan.get("seeds") or sorted({c["seed"] for c in chains})
    one_seed = all(len(doc["policies"][p].get("seeds") or []) <= 1 for p in policies)
    officer_charts, officer_table = _officers(doc, policies, lang)
    scenario = Path(str(plan.get("scenario", ""))).name
    return {
        "kind": "campaign",
        "title": L["title_campaign"],
        "subtitle": L["campaign_subtitle"].format(scenario=scenario, weeks=plan.get("weeks", "?"),
                                                  seeds=", ".join(map(str, seeds))),
        "policies": policies,
        "one_seed": one_seed,
        "no_figures": not policies,  # every chain stopped before its first week ended
        "only_baseline": policies == [BASELINE],
        "interrupted": bool(doc.get("interrupted")),
        "plans_line": _plans_line(chains, lang),
        "verdicts": _verdicts(doc, policies, lang),
        "rows": _measure_rows(doc, policies, lang),
        "weekly_charts": _weekly_charts(doc, policies, lang),
        "officer_charts": officer_charts,
        "officer_table": officer_table,
        "hard_weeks": _hard_rule_weeks(chains),
        "failed": _failed(chains),
    }
