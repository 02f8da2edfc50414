"""The patrol plan as printable cards: one per unit and shift, its journeys and visits in order and a
timeline per hotspot it visits (bars placed by inline styles: no script, no image), after the measures
and the gaps over the max. Reads patrol.json's document only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def _minutes(iso: str) -> int:
    return int(dt.datetime.fromisoformat(iso).timestamp() // 60)


def _card(unit: dict[str, Any]) -> dict[str, Any]:
    start, end = _minutes(unit["start"]), _minutes(unit["end"])
    span = max(1, end - start)
    rows: dict[str, dict[str, Any]] = {}
    for v in unit["visits"]:
        row = rows.setdefault(v["hotspot"], {"name": v["name"], "bars": []})
        row["bars"].append({"left": round(100 * (_minutes(v["start"]) - start) / span, 2),
                            "width": max(0.6, round(100 * v["minutes"] / span, 2)), "label": v["start"][11:16]})
    steps = [{"at": t["depart"][11:16], "text": f"drive {t['from']} → {t['to']} ({t['minutes']} min)"}
             for t in unit["travel"]]
    steps += [{"at": v["start"][11:16], "text": f"visit {v['name']} until {v['end'][11:16]} ({v['minutes']} min)"}
              for v in unit["visits"]]
    steps.sort(key=lambda s: (unit["start"][11:16] > s["at"], s["at"]))  # after midnight sorts last
    hours = [{"left": round(100 * (h - start) / span, 2), "label": f"{(h // 60 + _offset(unit)) % 24:02d}"}
             for h in range(start - start % 60 + 60, end, 60)]
    return {**unit, "rows": list(rows.values()), "steps": steps, "hours": hours}


def _offset(unit: dict[str, Any]) -> int:
    """Hours between UTC and local time at the shift's start, to label the hour ticks in local time."""
    offset = dt.datetime.fromisoformat(unit["start"]).utcoffset()
    return int(offset.total_seconds() // 3600) if offset else 0


def render_patrol(doc: dict[str, Any], source: str = "") -> str:
    env = Environment(loader=PackageLoader("scheduler.report", "templates"), autoescape=select_autoescape(["j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    cards = [_card(u) for u in doc["units"]]
    return env.get_template("patrol.html.j2").render(doc=doc, cards=cards, source=source)
