"""campaign.json and campaign.csv: the chains' week rows and measures, each policy's intervals over seeds
and its verdicts against the baseline. Written together (`io.atomic.write_together`)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from scheduler.campaign.summary import MEASURES, policy_summary

FORMAT = "police-duty-campaign/1"
FORMAT_FAMILY = "police-duty-campaign/"
CSV_FIELDS = ("policy", "seed", "week", "start", "plan_status", "plan_gap", "plan_seconds", "repairs",
              "repair_seconds", "objective", "hard_violations", "hard_rule_gave", "hotspot_target_officer_hours",
              "hotspot_delivered_officer_hours", "hotspot_coverage", "unmet_mandatory_officer_hours",
              "response_shortfall_officer_hours", "overtime_hours", "officers_with_overtime", "hours_worked",
              "officers", "nights_spread", "weekend_shifts_spread", "short_notice_changes", "public_holidays")


def campaign_document(plan: dict[str, Any], chains: list[dict[str, Any]], interrupted: bool, seconds: float) -> dict[str, Any]:
    finished = [c for c in chains if c.get("weeks")]
    return {
        "format": FORMAT,
        "plan": plan,
        "interrupted": interrupted,
        "seconds": round(seconds, 1),
        "measures": {m: label for m, (label, _) in MEASURES.items()},
        "policies": policy_summary(finished),
        "chains": chains,
    }


def is_campaign_document(doc: Any) -> bool:
    """A campaign.json (of any version: the reader says which it knows), by its `format`."""
    return isinstance(doc, dict) and str(doc.get("format", "")).startswith(FORMAT_FAMILY)


def csv_rows(chains: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for c in chains:
        for w in c.get("weeks") or []:
            rows.append({
                "policy": c["policy"], "seed": c["seed"], "week": w["week"], "start": w["start"],
                "plan_status": w["plan"]["status"], "plan_gap": w["plan"]["gap"], "plan_seconds": w["plan"]["seconds"],
                "repairs": len(w["repairs"]), "repair_seconds": round(sum(r["seconds"] for r in w["repairs"]), 2),
                "hard_rule_gave": "; ".join(w["hard_rule_gave"]), "public_holidays": " ".join(w["public_holidays"]),
                **{k: w.get(k) for k in CSV_FIELDS if k in w and k not in ("public_holidays", "hard_rule_gave", "repairs")},
            })
    return rows


def campaign_files(out: Path, doc: dict[str, Any]) -> dict[Path, bytes]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_rows(doc["chains"]))
    return {
        out / "campaign.json": (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode("utf-8"),
        out / "campaign.csv": buf.getvalue().encode("utf-8"),
    }
