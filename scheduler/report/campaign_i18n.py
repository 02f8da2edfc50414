"""The campaign page's words in English, French and Dutch, apart from `i18n` (which holds the roster and
comparison pages' and is near its size limit). `campaign_labels` joins both: the campaign's keys never
repeat a key of `i18n` (a test holds them apart), and a missing key falls back to English."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from scheduler.report.i18n import labels

EN: dict[str, str] = {
    "title_campaign": "Campaign: week after week under absences",
    "campaign_subtitle": "{scenario} · {weeks} weeks per chain · seeds {seeds}",
    "campaign_intro": "Each chain rosters the zone week after week under absences drawn by its seed, each absence "
                      "repaired when it becomes known. Every policy gets the same draws as the baseline. Figures are "
                      "means over seeds with the 90 % interval of the mean.",
    "plans_line": "Weekly plans proven optimal: {optimal} of {total}; the largest gap: {gap}.",
    "interrupted_banner": "This campaign was interrupted: its figures cover the weeks finished before it stopped.",
    "one_seed_banner": "One seed only: no interval can be given, so no verdict. Each figure is one draw of the "
                       "absences, not an estimate of what a policy does; run more seeds (--seeds) to judge.",
    "no_figures": "No chain finished a week: there are no figures, only the chains that stopped (below).",
    "only_baseline": "Only the baseline was run: there is no policy to judge against it (add --policy ID or --all).",
    "verdicts_heading": "Verdicts against the baseline",
    "verdict_lead": "Against the baseline, paired seed by seed over {n} seeds (the same absences drawn for both).",
    "verdict_lead_one": "Against the baseline, on one seed (the same absences drawn for both).",
    "verdict_better_on": "Better",
    "verdict_worse_on": "Worse",
    "verdict_changed_on": "Changed (neither better nor worse)",
    "verdict_unclear_on": "No clear difference (the 90 % interval of the difference contains 0)",
    "verdict_same_on": "The same in every seed",
    "verdict_single_on": "Differences in this single draw (no interval, no verdict)",
    "verdict_not_measured_on": "Not measured",
    "verdict_nothing_clear": "No measure differs clearly from the baseline.",
    "verdict_item": "{measure} {diff} (90 % interval {low} to {high})",
    "tag_better": "better",
    "tag_worse": "worse",
    "tag_more": "more",
    "tag_less": "less",
    "tag_unclear": "no clear difference",
    "tag_same": "same",
    "tag_one_seed": "one seed: no interval",
    "tag_not_measured": "not measured",
    "measures_heading": "Measures per policy",
    "measures_note": "Mean over seeds, and under it the 90 % interval of the mean. For a policy, Δ is its "
                     "difference from the baseline, paired seed by seed, with its 90 % interval and verdict.",
    "measures_note_one_seed": "One seed: each figure is that seed's own; no interval.",
    "weekly_heading": "Week by week",
    "weekly_note": "Each week's mean over seeds; the shaded band is the 90 % interval of that mean.",
    "weekly_note_one_seed": "One seed: each line is that seed's weeks; no interval, so no band.",
    "week_axis": "week",
    "officers_heading": "Officers over the campaign",
    "officers_note": "Each dot is one officer in one chain (one seed), over all the weeks of the chain. Hours "
                     "balance: hours worked minus hours available (the contract pro rata over the days not away). "
                     "The box spans the middle half; the line in it is the median.",
    "no_officers": "No officer figures: no chain finished a week.",
    "col_policy": "Policy",
    "col_seed": "Seed",
    "col_week": "Week",
    "col_start": "Start",
    "col_what_gave": "What gave",
    "col_reason": "Reason",
    "col_stopped_at": "Stopped at week",
    "col_weeks_done": "Weeks finished",
    "col_officer_chains": "Officers × seeds",
    "col_median": "median",
    "col_highest": "highest",
    "hours_balance": "Hours balance (h)",
    "short_notice": "Short-notice changes",
    "over_48": "Over 48 h on average (17 weeks)",
    "hard_heading": "Weeks in which a hard rule gave",
    "hard_none": "In no week did a hard rule give: every week's final roster keeps every hard rule, and every "
                 "repair found a roster.",
    "hard_note": "A repair that finds no roster leaves the roster before it standing; a final roster that breaks a "
                 "hard rule counts too.",
    "failed_heading": "Chains that stopped",
    "failed_none": "Every chain ran all its weeks.",
    "failed_note": "A chain stops at a week with no roster: its later weeks are not rostered, and the figures above "
                   "cover the weeks it finished (a chain that finished none is left out).",
    "unit_changes": "changes",
    "unit_nights": "nights",
    "unit_weeks": "weeks",
    "m_hotspot_coverage": "Hotspot coverage delivered",
    "m_unmet_mandatory_officer_hours": "Unmet mandatory officer-hours",
    "m_response_shortfall_officer_hours": "Response shortfall officer-hours",
    "m_overtime_hours": "Overtime hours",
    "m_max_hours_balance": "Largest hours balance of an officer",
    "m_officers_over_48h_average": "Officers over 48 h on average over 17 weeks",
    "m_nights_spread": "Spread of nights per officer",
    "m_nights_max": "Most nights of an officer",
    "m_weekend_shifts_spread": "Spread of weekend shifts per officer",
    "m_short_notice_changes": "Short-notice changes",
    "m_short_notice_changes_max": "Most short-notice changes of an officer",
    "m_hycap_hours_given": "HyCap hours given",
    "m_weeks_a_hard_rule_gave": "Weeks in which a hard rule gave",
    "m_relief_factor": "Shift relief factor",
    "m_officers_needed": "Officers needed to hold the targets",
}

FR: dict[str, str] = {
    "title_campaign": "Campagne : semaine après semaine avec les absences",
    "campaign_subtitle": "{scenario} · {weeks} semaines par chaîne · graines {seeds}",
    "campaign_intro": "Chaque chaîne planifie la zone semaine après semaine avec des absences tirées selon sa graine, "
                      "chaque absence réparée dès qu'elle est connue. Chaque mesure reçoit les mêmes tirages que la "
                      "référence. Les chiffres sont des moyennes sur les graines avec l'intervalle à 90 % de la moyenne.",
    "plans_line": "Plannings hebdomadaires prouvés optimaux : {optimal} sur {total} ; le plus grand écart : {gap}.",
    "interrupted_banner": "Cette campagne a été interrompue : ses chiffres couvrent les semaines terminées avant l'arrêt.",
    "one_seed_banner": "Une seule graine : aucun intervalle possible, donc aucun verdict. Chaque chiffre est un seul "
                       "tirage des absences, pas une estimation de l'effet d'une mesure ; lancez plus de graines "
                       "(--seeds) pour juger.",
    "no_figures": "Aucune chaîne n'a terminé de semaine : pas de chiffres, seulement les chaînes arrêtées (plus bas).",
    "only_baseline": "Seule la référence a été calculée : aucune mesure à juger (ajoutez --policy ID ou --all).",
    "verdicts_heading": "Verdicts par rapport à la référence",
    "verdict_lead": "Par rapport à la référence, graine par graine sur {n} graines (les mêmes absences tirées des deux côtés).",
    "verdict_lead_one": "Par rapport à la référence, sur une seule graine (les mêmes absences tirées des deux côtés).",
    "verdict_better_on": "Meilleur",
    "verdict_worse_on": "Moins bon",
    "verdict_changed_on": "Modifié (ni meilleur ni moins bon)",
    "verdict_unclear_on": "Pas de différence nette (l'intervalle à 90 % de la différence contient 0)",
    "verdict_same_on": "Identique pour chaque graine",
    "verdict_single_on": "Différences dans ce seul tirage (sans intervalle ni verdict)",
    "verdict_not_measured_on": "Non mesuré",
    "verdict_nothing_clear": "Aucun indicateur ne diffère nettement de la référence.",
    "verdict_item": "{measure} {diff} (intervalle à 90 % de {low} à {high})",
    "tag_better": "meilleur",
    "tag_worse": "moins bon",
    "tag_more": "plus",
    "tag_less": "moins",
    "tag_unclear": "pas de différence nette",
    "tag_same": "identique",
    "tag_one_seed": "une graine : pas d'intervalle",
    "tag_not_measured": "non mesuré",
    "measures_heading": "Indicateurs par mesure",
    "measures_note": "Moyenne sur les graines, et en dessous l'intervalle à 90 % de la moyenne. Pour une mesure, Δ est "
                     "sa différence avec la référence, graine par graine, avec son intervalle à 90 % et son verdict.",
    "measures_note_one_seed": "Une graine : chaque chiffre est celui de cette graine ; pas d'intervalle.",
    "weekly_heading": "Semaine par semaine",
    "weekly_note": "La moyenne de chaque semaine sur les graines ; la bande grisée est l'intervalle à 90 % de cette moyenne.",
    "weekly_note_one_seed": "Une graine : chaque ligne suit les semaines de cette graine ; pas d'intervalle, donc pas de bande.",
    "week_axis": "semaine",
    "officers_heading": "Les agents sur la campagne",
    "officers_note": "Chaque point est un agent dans une chaîne (une graine), sur toutes les semaines de la chaîne. "
                     "Solde d'heures : heures prestées moins heures disponibles (le contrat au prorata des jours de "
                     "présence). La boîte couvre la moitié centrale ; son trait est la médiane.",
    "no_officers": "Aucun chiffre par agent : aucune chaîne n'a terminé de semaine.",
    "col_policy": "Mesure",
    "col_seed": "Graine",
    "col_week": "Semaine",
    "col_start": "Début",
    "col_what_gave": "Ce qui a cédé",
    "col_reason": "Raison",
    "col_stopped_at": "Arrêtée à la semaine",
    "col_weeks_done": "Semaines terminées",
    "col_officer_chains": "Agents × graines",
    "col_median": "médiane",
    "col_highest": "maximum",
    "hours_balance": "Solde d'heures (h)",
    "short_notice": "Changements à court terme",
    "over_48": "Plus de 48 h en moyenne (17 semaines)",
    "hard_heading": "Semaines où une règle stricte a cédé",
    "hard_none": "Aucune semaine où une règle stricte a cédé : le planning final de chaque semaine respecte toutes "
                 "les règles strictes, et chaque réparation a trouvé un planning.",
    "hard_note": "Une réparation sans planning laisse en place le planning précédent ; un planning final qui enfreint "
                 "une règle stricte compte aussi.",
    "failed_heading": "Chaînes arrêtées",
    "failed_none": "Chaque chaîne a parcouru toutes ses semaines.",
    "failed_note": "Une chaîne s'arrête à une semaine sans planning : ses semaines suivantes ne sont pas planifiées, et "
                   "les chiffres ci-dessus couvrent les semaines terminées (une chaîne sans semaine terminée est écartée).",
    "unit_changes": "changements",
    "unit_nights": "nuits",
    "unit_weeks": "semaines",
    "m_hotspot_coverage": "Couverture des points chauds",
    "m_unmet_mandatory_officer_hours": "Heures-agent obligatoires non couvertes",
    "m_response_shortfall_officer_hours": "Déficit d'intervention (heures-agent)",
    "m_overtime_hours": "Heures supplémentaires",
    "m_max_hours_balance": "Plus grand solde d'heures d'un agent",
    "m_officers_over_48h_average": "Agents au-delà de 48 h en moyenne sur 17 semaines",
    "m_nights_spread": "Écart de nuits par agent",
    "m_nights_max": "Plus de nuits d'un agent",
    "m_weekend_shifts_spread": "Écart de services de week-end par agent",
    "m_short_notice_changes": "Changements à court terme",
    "m_short_notice_changes_max": "Plus de changements à court terme d'un agent",
    "m_hycap_hours_given": "Heures HyCap fournies",
    "m_weeks_a_hard_rule_gave": "Semaines où une règle stricte a cédé",
    "m_relief_factor": "Facteur de relève",
    "m_officers_needed": "Agents nécessaires pour tenir les objectifs",
}

NL: dict[str, str] = {
    "title_campaign": "Campagne: week na week met afwezigheden",
    "campaign_subtitle": "{scenario} · {weeks} weken per keten · seeds {seeds}",
    "campaign_intro": "Elke keten roostert de zone week na week met afwezigheden getrokken volgens haar seed, elke "
                      "afwezigheid hersteld zodra ze bekend is. Elke maatregel krijgt dezelfde trekkingen als de "
                      "referentie. De cijfers zijn gemiddelden over de seeds met het 90 %-interval van het gemiddelde.",
    "plans_line": "Weekroosters bewezen optimaal: {optimal} van {total}; de grootste kloof: {gap}.",
    "interrupted_banner": "Deze campagne werd onderbroken: de cijfers dekken de weken die vóór de stop klaar waren.",
    "one_seed_banner": "Slechts één seed: geen interval mogelijk, dus geen oordeel. Elk cijfer is één trekking van de "
                       "afwezigheden, geen schatting van wat een maatregel doet; draai meer seeds (--seeds) om te oordelen.",
    "no_figures": "Geen enkele keten werkte een week af: geen cijfers, alleen de gestopte ketens (hieronder).",
    "only_baseline": "Alleen de referentie werd berekend: er is geen maatregel om te beoordelen (voeg --policy ID of --all toe).",
    "verdicts_heading": "Oordelen tegenover de referentie",
    "verdict_lead": "Tegenover de referentie, seed per seed over {n} seeds (dezelfde afwezigheden aan beide kanten).",
    "verdict_lead_one": "Tegenover de referentie, op één seed (dezelfde afwezigheden aan beide kanten).",
    "verdict_better_on": "Beter",
    "verdict_worse_on": "Slechter",
    "verdict_changed_on": "Veranderd (beter noch slechter)",
    "verdict_unclear_on": "Geen duidelijk verschil (het 90 %-interval van het verschil bevat 0)",
    "verdict_same_on": "Gelijk in elke seed",
    "verdict_single_on": "Verschillen in deze ene trekking (geen interval, geen oordeel)",
    "verdict_not_measured_on": "Niet gemeten",
    "verdict_nothing_clear": "Geen enkel kengetal verschilt duidelijk van de referentie.",
    "verdict_item": "{measure} {diff} (90 %-interval {low} tot {high})",
    "tag_better": "beter",
    "tag_worse": "slechter",
    "tag_more": "meer",
    "tag_less": "minder",
    "tag_unclear": "geen duidelijk verschil",
    "tag_same": "gelijk",
    "tag_one_seed": "één seed: geen interval",
    "tag_not_measured": "niet gemeten",
    "measures_heading": "Kengetallen per maatregel",
    "measures_note": "Gemiddelde over de seeds, en eronder het 90 %-interval van het gemiddelde. Voor een maatregel is Δ "
                     "het verschil met de referentie, seed per seed, met zijn 90 %-interval en oordeel.",
    "measures_note_one_seed": "Eén seed: elk cijfer is dat van die seed; geen interval.",
    "weekly_heading": "Week na week",
    "weekly_note": "Het gemiddelde van elke week over de seeds; de gearceerde band is het 90 %-interval van dat gemiddelde.",
    "weekly_note_one_seed": "Eén seed: elke lijn volgt de weken van die seed; geen interval, dus geen band.",
    "week_axis": "week",
    "officers_heading": "De agenten over de campagne",
    "officers_note": "Elk punt is één agent in één keten (één seed), over alle weken van de keten. Urensaldo: gewerkte "
                     "uren min beschikbare uren (het contract pro rata over de dagen niet afwezig). De doos omvat de "
                     "middelste helft; de streep erin is de mediaan.",
    "no_officers": "Geen cijfers per agent: geen enkele keten heeft een week afgewerkt.",
    "col_policy": "Maatregel",
    "col_seed": "Seed",
    "col_week": "Week",
    "col_start": "Begin",
    "col_what_gave": "Wat toegaf",
    "col_reason": "Reden",
    "col_stopped_at": "Gestopt in week",
    "col_weeks_done": "Weken afgewerkt",
    "col_officer_chains": "Agenten × seeds",
    "col_median": "mediaan",
    "col_highest": "hoogste",
    "hours_balance": "Urensaldo (u)",
    "short_notice": "Wijzigingen op korte termijn",
    "over_48": "Boven 48 u gemiddeld (17 weken)",
    "hard_heading": "Weken waarin een harde regel toegaf",
    "hard_none": "In geen enkele week gaf een harde regel toe: het definitieve rooster van elke week houdt elke harde "
                 "regel, en elk herstel vond een rooster.",
    "hard_note": "Een herstel zonder rooster laat het vorige rooster staan; een definitief rooster dat een harde regel "
                 "breekt telt ook.",
    "failed_heading": "Gestopte ketens",
    "failed_none": "Elke keten liep al haar weken.",
    "failed_note": "Een keten stopt bij een week zonder rooster: de latere weken worden niet geroosterd, en de cijfers "
                   "hierboven dekken de afgewerkte weken (een keten zonder afgewerkte week valt weg).",
    "unit_changes": "wijzigingen",
    "unit_nights": "nachten",
    "unit_weeks": "weken",
    "m_hotspot_coverage": "Geleverde dekking van hotspots",
    "m_unmet_mandatory_officer_hours": "Niet-gedekte verplichte agent-uren",
    "m_response_shortfall_officer_hours": "Tekort interventie (agent-uren)",
    "m_overtime_hours": "Overuren",
    "m_max_hours_balance": "Grootste urensaldo van een agent",
    "m_officers_over_48h_average": "Agenten boven 48 u gemiddeld over 17 weken",
    "m_nights_spread": "Spreiding nachten per agent",
    "m_nights_max": "Meeste nachten van een agent",
    "m_weekend_shifts_spread": "Spreiding weekenddiensten per agent",
    "m_short_notice_changes": "Wijzigingen op korte termijn",
    "m_short_notice_changes_max": "Meeste wijzigingen op korte termijn van een agent",
    "m_hycap_hours_given": "Geleverde HyCap-uren",
    "m_weeks_a_hard_rule_gave": "Weken waarin een harde regel toegaf",
    "m_relief_factor": "Aflossingsfactor",
    "m_officers_needed": "Agenten nodig om de doelen te halen",
}

CAMPAIGN_LABELS: dict[str, dict[str, str]] = {"en": EN, "fr": FR, "nl": NL}


@functools.cache
def campaign_labels(lang: str) -> Mapping[str, str]:
    """The report's labels of `lang` with the campaign's (English where a language has none)."""
    base = labels(lang)  # also refuses an unknown language
    return MappingProxyType({**base, **EN, **CAMPAIGN_LABELS[lang]})
