"""The duty desk's summary of a repair: what happened, who changes what, whom to inform (one page)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def render_repair_summary(scenario: str, summary: dict[str, Any], rows: list[dict[str, Any]], causes: list[str],
                          hard_violations: int) -> str:
    """The page; `summary` is roster.json's `summary.repair`, `rows` the change list, `causes` the changes given."""
    env = Environment(loader=PackageLoader("scheduler.report", "templates"), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    officers = sorted({r["officer"] for r in rows})
    return env.get_template("repair.html.j2").render(
        scenario=scenario, summary=summary, rows=rows, causes=causes, officers=officers, hard_violations=hard_violations)
