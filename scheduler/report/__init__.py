"""The HTML briefing: one self-contained file (styles and SVG charts inline, no script, no network).

`render_report` takes a roster.json, a compare.json or a campaign.json document (recognised by its
shape, a campaign by its `format`) and returns the page; `write_report` writes it atomically like every other output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from scheduler.campaign.outputs import is_campaign_document
from scheduler.compare.rows import is_compare_document
from scheduler.errors import InputError, InputProblem
from scheduler.io.atomic import write_atomic
from scheduler.io.roster_files import read_json
from scheduler.report.anonymize import pseudonyms
from scheduler.report.campaign_i18n import campaign_labels
from scheduler.report.campaign_page import campaign_context, validate_campaign
from scheduler.report.compare_page import compare_context, validate_compare
from scheduler.report.i18n import LANGUAGES, labels
from scheduler.report.patrol_cards import patrol_context
from scheduler.report.roster_page import roster_context

__all__ = ["LANGUAGES", "document_kind", "read_document", "render_report", "write_report"]


def read_document(path: str | Path) -> dict[str, Any]:
    doc = read_json(path)
    document_kind(doc, str(path))
    return doc


def document_kind(doc: Any, source: str = "") -> str:
    """'roster' (roster.json), 'compare' (compare.json) or 'campaign' (campaign.json), by shape; anything
    else is bad input."""
    if is_campaign_document(doc):
        return "campaign"
    if is_compare_document(doc):
        return "compare"
    if isinstance(doc, dict) and isinstance(doc.get("summary"), dict) and isinstance(doc.get("measures"), dict):
        if not isinstance(doc.get("assignments"), list):
            raise InputError([InputProblem(source, None, "assignments", "a roster.json has a list 'assignments'")])
        return "roster"
    raise InputError([InputProblem(source, None, "", "neither a roster.json (summary, measures), a compare.json (scenarios, rows) "
                                              "nor a campaign.json (format police-duty-campaign/1)")])


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("scheduler.report", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,  # a misspelt variable fails the tests instead of vanishing
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(
    doc: dict[str, Any], *, lang: str = "en", anonymize: bool = False, salt: str = "", source: str = "",
    patrol: dict[str, Any] | None = None, patrol_source: str = "",
) -> str:
    """The page of a roster, compare or campaign document; a roster's with the cards of its patrol plan
    (`patrol`: a patrol.json of that roster, `patrol_source` its file, named in errors)."""
    kind = document_kind(doc, source)
    if kind == "campaign":
        validate_campaign(doc, source)
        context = campaign_context(doc, lang)
        for key in ("weekly_charts", "officer_charts"):
            context[key] = [Markup(svg) for svg in context[key]]  # our own SVG, not user text
        template = _environment().get_template("campaign.html.j2")
        return template.render(L=campaign_labels(lang), lang=lang, input_name=Path(source).name if source else "",
                               **context)
    if kind == "compare":
        validate_compare(doc, source)
        context = compare_context(doc, lang)
    else:
        ids = set(doc.get("measures", {}).get("per_officer", {})) | {a["officer"] for a in doc.get("assignments", [])}
        aliases = pseudonyms(ids, salt) if anonymize else {}

        def display(officer_id: str, name: str) -> str:
            return aliases.get(officer_id, name)

        context = roster_context(doc, lang, display, anonymize)
        context["patrol_section"] = patrol is not None
        if patrol is not None:
            context.update(patrol_context(patrol, lang, patrol_source, lambda officer: aliases.get(officer, officer)), h=3)
    charts = {k: Markup(v) for k, v in context.items() if k.endswith("_chart") and v}  # our own SVG, not user text
    context.update(charts)
    if kind == "roster":
        context["fairness_charts"] = [(t, Markup(svg)) for t, svg in context["fairness_charts"]]
    else:
        context["charts"] = [(Markup(svg), caption) for svg, caption in context["charts"]]
    template = _environment().get_template(f"{kind}.html.j2")
    return template.render(L=labels(lang), lang=lang, anonymized=anonymize, input_name=Path(source).name if source else "", **context)


def write_report(path: str | Path, html: str) -> None:
    write_atomic(path, html)
