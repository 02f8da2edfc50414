"""Hand-made campaign.json documents (no solver): week rows written out here, then the campaign's own
summary (`chain_measures`, `officer_totals`, `campaign_document`), so the pages and the workbook read
exactly the shape `scheduler campaign` writes.

Three officers over three weeks. `market-x2` covers more of the hotspot (a clear gain) for more overtime
(a clear loss); `night-team` differs from the baseline by less than the spread between seeds, gives way
on a hard rule in one week, and its seed 1 stops at week 3.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from scheduler.campaign.outputs import campaign_document
from scheduler.campaign.summary import chain_measures, officer_totals
from scheduler.campaign.week_measures import OFFICER_FIELDS

START = dt.date(2027, 3, 1)
OFFICERS = ("o01", "o02", "o03")
GAVE = "no repaired roster (INFEASIBLE); the roster before it stands"
STOPPED = "no roster (INFEASIBLE): task transfer short of escorts on Wed 17/03"
# Hotspot officer-hours delivered each week (of 32), per policy and seed.
DELIVERED = {("baseline", 0): 24, ("baseline", 1): 24, ("market-x2", 0): 28, ("market-x2", 1): 29,
             ("night-team", 0): 25, ("night-team", 1): 23}
# Overtime hours per week: market-x2 works 10 (seed 0) and 12 (seed 1) hours more over the campaign.
OVERTIME = {("baseline", 0): [10, 10, 10], ("baseline", 1): [12, 12, 12], ("market-x2", 0): [13, 14, 13],
            ("market-x2", 1): [16, 16, 16], ("night-team", 0): [10, 10, 10], ("night-team", 1): [12, 12, 12]}


def _officers(policy: str, seed: int, k: int) -> dict[str, list[Any]]:
    extra = 4 if policy == "market-x2" else 0
    rows = {}
    for i, oid in enumerate(OFFICERS):
        values = {"zone": "tiny", "hours": 36 + 4 * i + extra + seed, "available_hours": 38.0,
                  "nights": (i + k + seed) % 3, "weekend_shifts": 1 + (i == 2), "holiday_shifts": 0, "hycap_hours": 0.0,
                  "short_notice_changes": 1 if (i == k and policy != "market-x2") else 0, "absent_days": 0}
        rows[oid] = [values[f] for f in OFFICER_FIELDS]
    return rows


def week_row(policy: str, seed: int, k: int) -> dict[str, Any]:
    delivered = DELIVERED[(policy, seed)]
    gave = [GAVE] if (policy, seed, k) == ("night-team", 0, 1) else []
    changes = sum(row[OFFICER_FIELDS.index("short_notice_changes")] for row in _officers(policy, seed, k).values())
    return {
        "week": k + 1, "start": (START + dt.timedelta(weeks=k)).isoformat(), "public_holidays": [],
        "plan": {"status": "FEASIBLE" if (seed, k) == (1, 2) else "OPTIMAL", "objective": 500.0 + k,
                 "best_bound": 485.0 + k if (seed, k) == (1, 2) else 500.0 + k,
                 "gap": 0.03 if (seed, k) == (1, 2) else 0.0, "seconds": 1.5},
        "repairs": [{"known": "2027-03-04T22:00:00", "from": "2027-03-04T22:00:00", "seconds": 0.25, "absences": 1,
                     "new_tasks": 0, "changed_assignments": changes, "lower_bound": changes}],
        "objective": 900.0 + 10 * k, "hard_violations": 0, "hard_rule_gave": gave,
        "hotspot_target_officer_hours": 32.0, "hotspot_delivered_officer_hours": float(delivered),
        "hotspot_coverage": delivered / 32,
        "unmet_mandatory_officer_hours": 0.0,
        "response_shortfall_officer_hours": 4.0 if (policy, seed, k) == ("night-team", 0, 1) else 0.0,
        "response_wanted_officer_hours": 274.0,
        "overtime_hours": float(OVERTIME[(policy, seed)][k]), "officers_with_overtime": 2, "hours_worked": 120.0,
        "nights_spread": 2, "weekend_shifts_spread": 1, "hycap_hours_given": {}, "hycap_hours_received": {},
        "short_notice_changes": changes, "officers": 3, "per_officer": _officers(policy, seed, k),
    }


def chain(policy: str, seed: int, weeks: int = 3) -> dict[str, Any]:
    """A chain as `campaign.run.chain_result` returns it."""
    stops = (policy, seed) == ("night-team", 1) and weeks == 3
    rows = [week_row(policy, seed, k) for k in range(2 if stops else weeks)]
    return {
        "policy": policy, "seed": seed, "folder": f"/tmp/campaign/chains/{policy}/seed-{seed}",
        "failed": {"week": 3, "reason": STOPPED} if stops else None,
        "measures": chain_measures(rows, 8.0),
        "officers": officer_totals(rows),
        "weeks": [{k: v for k, v in w.items() if k != "per_officer"} for w in rows],
    }


def campaign(policies: tuple[str, ...] = ("baseline", "market-x2", "night-team"), seeds: tuple[int, ...] = (0, 1),
             weeks: int = 3) -> dict[str, Any]:
    plan = {"scenario": "/work/examples/campaign/tiny.yaml", "policies": list(policies), "seeds": list(seeds),
            "weeks": weeks, "workers": 1, "deterministic": True, "week_time_limit": 2.0, "repair_time_limit": 1.0}
    chains = [chain(p, s, weeks) for p in policies for s in seeds]
    return campaign_document(plan, chains, False, 12.34)
