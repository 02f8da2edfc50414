"""The patrol plan's words (patrol.html and the briefing's patrol section) in English, French and Dutch,
apart from `i18n` (near its size limit). `patrol_labels` joins both; the patrol keys all start with
`patrol_`, so they never shadow a label of the other pages, and a missing key falls back to English."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from scheduler.report.i18n import labels

EN: dict[str, str] = {
    "patrol_plan": "Patrol plan",
    "patrol_line": "seed {seed} · {units} units, {visits} visits",
    "patrol_roster": "roster",
    "patrol_check_ok": "check: no fault",
    "patrol_check_faults": "check: {faults} faults",
    "patrol_hotspots": "Hotspots",
    "patrol_hotspot": "hotspot",
    "patrol_target_hours": "target (h)",
    "patrol_within": "within max gap",
    "patrol_max_gap": "max gap (min)",
    "patrol_largest_gap": "largest gap (min)",
    "patrol_visits": "visits",
    "patrol_per_day": "per day",
    "patrol_gaps": "Gaps over the max",
    "patrol_from": "from",
    "patrol_to": "to",
    "patrol_minutes": "minutes",
    "patrol_over": "over the max",
    "patrol_all_within": "Every hotspot is visited within its max gap throughout its patrolled target time.",
    "patrol_cards": "Patrol cards",
    "patrol_shift": "shift",
    "patrol_unit": "unit",
    "patrol_officers": "Officers",
    "patrol_drive": "drive {frm} → {to} ({minutes} min)",
    "patrol_visit": "visit {name} until {end} ({minutes} min)",
    "patrol_on_call": "Between journeys and visits: on call (response, reports, meal break).",
    "patrol_no_visits": "No visits planned: the hotspot's target time is covered by an earlier shift or none "
                        "falls in this shift.",
}

FR: dict[str, str] = {
    "patrol_plan": "Plan de patrouille",
    "patrol_line": "graine {seed} · {units} équipes, {visits} passages",
    "patrol_roster": "planning",
    "patrol_check_ok": "contrôle : aucune faute",
    "patrol_check_faults": "contrôle : {faults} fautes",
    "patrol_hotspots": "Points chauds",
    "patrol_hotspot": "point chaud",
    "patrol_target_hours": "cible (h)",
    "patrol_within": "dans l'écart max",
    "patrol_max_gap": "écart max (min)",
    "patrol_largest_gap": "plus grand écart (min)",
    "patrol_visits": "passages",
    "patrol_per_day": "par jour",
    "patrol_gaps": "Écarts au-delà du maximum",
    "patrol_from": "de",
    "patrol_to": "à",
    "patrol_minutes": "minutes",
    "patrol_over": "au-delà du max",
    "patrol_all_within": "Chaque point chaud est visité dans son écart maximal pendant tout son temps cible patrouillé.",
    "patrol_cards": "Fiches de patrouille",
    "patrol_shift": "service",
    "patrol_unit": "équipe",
    "patrol_officers": "Agents",
    "patrol_drive": "trajet {frm} → {to} ({minutes} min)",
    "patrol_visit": "passage {name} jusqu'à {end} ({minutes} min)",
    "patrol_on_call": "Entre trajets et passages : disponible (interventions, rapports, pause repas).",
    "patrol_no_visits": "Aucun passage prévu : le temps cible du point chaud est couvert par un service précédent, "
                        "ou aucun ne tombe dans ce service.",
}

NL: dict[str, str] = {
    "patrol_plan": "Patrouilleplan",
    "patrol_line": "seed {seed} · {units} ploegen, {visits} passages",
    "patrol_roster": "rooster",
    "patrol_check_ok": "controle: geen fout",
    "patrol_check_faults": "controle: {faults} fouten",
    "patrol_hotspots": "Hotspots",
    "patrol_hotspot": "hotspot",
    "patrol_target_hours": "doel (u)",
    "patrol_within": "binnen max. tussentijd",
    "patrol_max_gap": "max. tussentijd (min)",
    "patrol_largest_gap": "grootste tussentijd (min)",
    "patrol_visits": "passages",
    "patrol_per_day": "per dag",
    "patrol_gaps": "Tussentijden boven het maximum",
    "patrol_from": "van",
    "patrol_to": "tot",
    "patrol_minutes": "minuten",
    "patrol_over": "boven het max.",
    "patrol_all_within": "Elke hotspot wordt binnen zijn max. tussentijd bezocht, gedurende heel zijn gepatrouilleerde doeltijd.",
    "patrol_cards": "Patrouillekaarten",
    "patrol_shift": "dienst",
    "patrol_unit": "ploeg",
    "patrol_officers": "Agenten",
    "patrol_drive": "rit {frm} → {to} ({minutes} min)",
    "patrol_visit": "passage {name} tot {end} ({minutes} min)",
    "patrol_on_call": "Tussen ritten en passages: oproepbaar (interventies, verslagen, maaltijdpauze).",
    "patrol_no_visits": "Geen passages gepland: de doeltijd van de hotspot valt onder een vorige dienst of niet in "
                        "deze dienst.",
}

PATROL_LABELS: dict[str, dict[str, str]] = {"en": EN, "fr": FR, "nl": NL}


@functools.cache
def patrol_labels(lang: str) -> Mapping[str, str]:
    """The page's labels of `lang` with the patrol's (read-only, built once per language)."""
    return MappingProxyType({**labels(lang), **EN, **PATROL_LABELS[lang]})
