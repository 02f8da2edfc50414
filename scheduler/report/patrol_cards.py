"""The patrol plan as printable cards: one per unit and shift, its journeys and visits in order and a
timeline per hotspot it visits (bars placed by inline styles: no script, no image), after the measures
and the gaps over the max. Reads patrol.json's document only.

`patrol_context` is what `patrol_section.html.j2` shows; patrol.html (`render_patrol`) and the roster
briefing's patrol section both render that one template. `patrol_mismatch` says why a plan is not the
roster's, so the briefing never shows the plan of another roster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from scheduler.errors import InputError, InputProblem
from scheduler.io.roster_files import assignments_sha256
from scheduler.patrol.document import validate_patrol
from scheduler.report.numbers import number, percent
from scheduler.report.patrol_i18n import patrol_labels


def _minutes(iso: str) -> int:
    return int(dt.datetime.fromisoformat(iso).timestamp() // 60)


def _clock(iso: str) -> str:
    return iso[11:16]


def _length(visit: dict[str, Any]) -> int:
    return _minutes(visit["end"]) - _minutes(visit["start"])


def _card(unit: dict[str, Any], L: Any, display: Callable[[str], str]) -> dict[str, Any]:
    start, end = _minutes(unit["start"]), _minutes(unit["end"])
    span = max(1, end - start)
    rows: dict[str, dict[str, Any]] = {}
    for v in unit["visits"]:
        # Lengths from the times, not `minutes`: a hand edit of the times leaves that stale.
        row = rows.setdefault(v["hotspot"], {"name": v["name"], "bars": []})
        row["bars"].append({"left": round(100 * (_minutes(v["start"]) - start) / span, 2),
                            "width": max(0.6, round(100 * _length(v) / span, 2)), "label": _clock(v["start"])})
    steps = [(_minutes(t["depart"]), 0, {"at": _clock(t["depart"]), "text": L["patrol_drive"].format(
        frm=t["from"], to=t["to"], minutes=t["minutes"])}) for t in unit["travel"]]
    steps += [(_minutes(v["start"]), 1, {"at": _clock(v["start"]), "text": L["patrol_visit"].format(
        name=v["name"], end=_clock(v["end"]), minutes=_length(v))}) for v in unit["visits"]]
    hours = [{"left": round(100 * (h - start) / span, 2), "label": f"{(h // 60 + _offset(unit)) % 24:02d}"}
             for h in range(start - start % 60 + 60, end, 60)]
    return {**unit, "officers": [display(o) for o in unit["officers"]], "rows": list(rows.values()),
            "steps": [s for _, _, s in sorted(steps, key=lambda s: (s[0], s[1]))], "hours": hours,
            "number": unit["id"].split(" ")[-1], "anchor": "-".join(unit["id"].split())}


def _offset(unit: dict[str, Any]) -> int:
    """Hours between UTC and local time at the shift's start, to label the hour ticks in local time."""
    offset = dt.datetime.fromisoformat(unit["start"]).utcoffset()
    return int(offset.total_seconds() // 3600) if offset else 0


def _when(iso: str) -> str:
    return iso[:16].replace("T", " ")


def patrol_context(doc: dict[str, Any], lang: str, source: str = "",
                   display: Callable[[str], str] | None = None) -> dict[str, Any]:
    """What the patrol section shows; `display` turns an officer id into what the page prints (a pseudonym
    in an anonymized briefing). InputError when the document is not a patrol.json that can be read."""
    validate_patrol(doc, source)
    L = patrol_labels(lang)
    show = display or (lambda officer: officer)
    s = doc["summary"]
    try:
        hotspots = [{"id": h, "target_hours": number(m["target_minutes"] / 60, lang, 1),
                     "within": percent(m["share_within_max_gap"], lang), "max_gap": m["max_gap_minutes"],
                     "largest_gap": m["largest_gap_minutes"], "bad": m["largest_gap_minutes"] > m["max_gap_minutes"],
                     "visits": m["visits"], "per_day": number(m["visits_per_day"], lang)}
                    for h, m in doc["measures"].get("hotspots", {}).items()]
        gaps = [{"name": g["name"], "start": _when(g["start"]), "end": _when(g["end"]), "minutes": g["minutes"],
                 "excess": g["excess_minutes"]} for g in doc["gaps_over_max"]]
    except (KeyError, TypeError, AttributeError) as exc:
        raise InputError([InputProblem(source, None, "measures / gaps_over_max", f"not as patrol.json writes them "
                                       f"({type(exc).__name__} {exc})")]) from None
    faults = doc["check"].get("faults") or 0
    named = [str(s[k]) if k == "scenario" else f"{L['patrol_roster']} {s[k]}" for k in ("scenario", "roster") if s.get(k)]
    line = L["patrol_line"].format(seed=s.get("seed", "?"), units=len(doc["units"]),
                                   visits=sum(len(u["visits"]) for u in doc["units"]))
    return {
        "P": L,
        "patrol_head": {"line": " · ".join([*named, line]), "faults": faults,
                        "check": L["patrol_check_faults"].format(faults=faults) if faults else L["patrol_check_ok"]},
        "patrol_hotspots": hotspots,
        "patrol_gaps": gaps,
        "patrol_cards": [_card(u, L, show) for u in doc["units"]],
    }


def patrol_mismatch(patrol: dict[str, Any], roster: dict[str, Any]) -> str | None:
    """Why a patrol.json is not the plan of this roster.json (None when it is): the fingerprint of the
    assignments it was planned from (officer, day, shift, duty) against the roster's."""
    recorded = (patrol.get("summary") or {}).get("roster_assignments_sha256") if isinstance(patrol, dict) else None
    if not recorded:
        return "it records no roster fingerprint (summary.roster_assignments_sha256): plan it again with `scheduler patrol`"
    if recorded != assignments_sha256(roster.get("assignments") or []):
        return "it was planned from other assignments (summary.roster_assignments_sha256 differs)"
    return None


def render_patrol(doc: dict[str, Any], source: str = "", lang: str = "en") -> str:
    env = Environment(loader=PackageLoader("scheduler.report", "templates"), autoescape=select_autoescape(["j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("patrol.html.j2").render(lang=lang, source=source, h=2, **patrol_context(doc, lang, source))
