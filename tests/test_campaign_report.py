"""The campaign's page and workbook, from hand-made campaign.json documents (tests/campaign_documents.py):
the verdicts with their numbers, a chart per weekly measure with its interval band, the officers'
distributions, hard rules that gave and chains that stopped, three languages, nothing fetched; one seed
and the baseline alone. Then `scheduler campaign` writes them beside campaign.json (one short solve)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from campaign_documents import GAVE, STOPPED, campaign
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from scheduler.campaign.outputs import CSV_FIELDS, campaign_document, campaign_files, csv_rows
from scheduler.campaign.summary import chain_measures
from scheduler.cli import main
from scheduler.io.campaign_xlsx import campaign_xlsx
from scheduler.report import document_kind, render_report
from scheduler.report.campaign_i18n import CAMPAIGN_LABELS
from scheduler.report.i18n import LABELS

ROOT = Path(__file__).resolve().parent.parent
TINY_CAMPAIGN = ROOT / "examples" / "campaign" / "tiny.yaml"
EXTERNAL = re.compile(r"""\b(?:src|href|xlink:href|action|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
NB = "\u00a0"


def run(*args: Any) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return campaign()


@pytest.fixture(scope="module")
def page(doc: dict[str, Any]) -> str:
    return render_report(doc, lang="en", source="out/campaign.json")


def section(html: str, name: str) -> str:
    match = re.search(rf'<section id="{name}">(.*?)</section>', html, re.S)
    assert match, name
    return match.group(1)


def charts(html: str, prefix: str) -> list[str]:
    return re.findall(rf'<svg class="chart" id="{prefix}-\d+".*?</svg>', html, re.S)


def workbook(doc: dict[str, Any]) -> Any:
    return load_workbook(io.BytesIO(campaign_xlsx(doc, CSV_FIELDS, csv_rows(doc["chains"]))))


def test_csv_counts_repairs_and_keeps_lists_out(doc: dict[str, Any]) -> None:
    rows = csv_rows(doc["chains"])
    assert len(rows) == 2 * 3 + 2 * 3 + 3 + 2  # night-team's seed 1 stopped after two weeks
    assert rows[0]["repairs"] == 1 and rows[0]["repair_seconds"] == 0.25
    text = campaign_files(Path("out"), doc)[Path("out/campaign.csv")].decode()
    assert "{" not in text  # no week row's list or mapping written as Python's repr


def test_a_campaign_json_is_recognised() -> None:
    assert document_kind(campaign()) == "campaign"


def test_verdicts_say_better_and_worse_with_their_numbers(page: str) -> None:
    verdicts = section(page, "verdicts")
    market = verdicts[verdicts.index("market-x2"):verdicts.index("night-team")]
    assert "paired seed by seed over 2 seeds" in market
    better = re.search(r"<strong>Better</strong>: (.*?)</li>", market, re.S)
    worse = re.search(r"<strong>Worse</strong>: (.*?)</li>", market, re.S)
    assert better and worse
    # Coverage 75 % -> 87.5 % and 90.6 %: +14.1 points, t(1) = 6.314 over two seeds.
    assert f"Hotspot coverage delivered +14.1{NB}pp (90 % interval +4.2{NB}pp to +23.9{NB}pp)" in better.group(1)
    assert "Short-notice changes -3 (90 % interval -3 to -3)" in better.group(1)
    # 10 and 12 hours more overtime: +11, half-width 6.314.
    assert "Overtime hours +11 (90 % interval +4.7 to +17.3)" in worse.group(1)
    night = verdicts[verdicts.index("night-team"):]
    assert "No measure differs clearly from the baseline." in night
    assert f"Hotspot coverage delivered 0{NB}pp (90 % interval -19.7{NB}pp to +19.7{NB}pp)" in night
    assert "<strong>No clear difference (the 90 % interval of the difference contains 0)</strong>" in night
    assert "<strong>The same in every seed</strong>: Unmet mandatory officer-hours" in night


def test_measures_table_has_means_intervals_and_tags(page: str) -> None:
    table = section(page, "measures")
    assert [h for h in re.findall(r'<th class="num policy">(.*?)</th>', table)] == ["baseline", "market-x2", "night-team"]
    row = re.search(r'<tr><td title="overtime_hours">(.*?)</tr>', table, re.S)
    assert row
    cells = row.group(1)
    assert "33" in cells and "[14.1 … 51.9]" in cells  # baseline 30 and 36 hours: mean 33, ±18.9
    assert '<span class="delta worse">Δ +11</span>' in cells and '<span class="tag worse">worse</span>' in cells


def test_a_chart_per_weekly_measure_with_its_band(doc: dict[str, Any], page: str) -> None:
    weekly = charts(section(page, "weekly"), "chart-weekly")
    assert len(weekly) == len(doc["policies"]["baseline"]["weekly"]) == 4
    for svg in weekly:
        # A shaded interval per policy: a path drawn through <use>, filled half-transparent.
        bands = re.findall(r'<use xlink:href="#(\w+)"[^>]*style="fill: #\w+; fill-opacity: 0\.18"', svg)
        assert len(bands) == 3, svg[:200]
        assert all(re.search(rf'<path id="{band}" d="M ', svg) for band in bands)
        for name in ("baseline", "market-x2", "night-team"):
            assert name in svg  # the legend
    assert "Hotspot coverage delivered" in weekly[0]


def test_officers_section(page: str) -> None:
    officers = section(page, "officers")
    assert len(charts(officers, "chart-officers")) == 2
    assert "Hours balance (h)" in officers and "Nights" in officers
    rows = re.findall(r'<tr><td class="name">(.*?)</td><td class="num">(\d+)</td><td class="num">(.*?)</td>'
                      r'<td class="num">(.*?)</td>', officers)
    # 3 officers x 2 seeds; baseline balances -6, 6, 18 (seed 0) and -3, 9, 21 (seed 1).
    assert rows == [("baseline", "6", "7.5", "21"), ("market-x2", "6", "19.5", "33"), ("night-team", "6", "6", "18")]


def test_hard_rules_that_gave_and_chains_that_stopped(page: str) -> None:
    hard = section(page, "hard-rules")
    assert "<td>night-team</td><td class=\"num\">0</td><td class=\"num\">2</td><td>2027-03-08</td>" in hard
    assert GAVE in hard
    failed = section(page, "failed-chains")
    assert "<td>night-team</td><td class=\"num\">1</td><td class=\"num bad\">3</td><td class=\"num\">2</td>" in failed
    assert STOPPED in failed
    assert "Weekly plans proven optimal: 15 of 17; the largest gap: 3" in page


def test_nothing_gave_nothing_stopped_is_said() -> None:
    html = render_report(campaign(("baseline", "market-x2")), lang="en")
    assert 'id="no-hard-rule-gave"' in html and "In no week did a hard rule give" in html
    assert 'id="no-failed-chain"' in html and "Every chain ran all its weeks." in html


def test_french_and_dutch(doc: dict[str, Any]) -> None:
    fr = render_report(doc, lang="fr")
    assert '<html lang="fr">' in fr
    assert "Verdicts par rapport à la référence" in fr and "<strong>Meilleur</strong>" in fr
    assert f"Couverture des points chauds +14,1{NB}pp (intervalle à 90 % de +4,2{NB}pp à +23,9{NB}pp)" in fr
    assert "Semaine par semaine" in fr and "Verdicts against the baseline" not in fr
    nl = render_report(doc, lang="nl")
    assert '<html lang="nl">' in nl
    assert "Oordelen tegenover de referentie" in nl and "<strong>Slechter</strong>" in nl
    assert "Overuren +11 (90 %-interval +4,7 tot +17,3)" in nl
    assert "Gestopte ketens" in nl


def test_the_page_fetches_nothing(page: str) -> None:
    assert "http" not in page.lower()  # not even the SVG namespaces: the HTML parser supplies them
    assert not EXTERNAL.search(page)
    assert "<script" not in page and "<link" not in page and "@import" not in page


def test_one_seed_says_there_is_no_interval() -> None:
    html = render_report(campaign(seeds=(0,)), lang="en")
    assert 'id="one-seed"' in html and "One seed only: no interval can be given, so no verdict." in html
    assert "One seed: each figure is that seed&#39;s own; no interval." in html
    verdicts = section(html, "verdicts")
    assert "on one seed" in verdicts and "Differences in this single draw (no interval, no verdict)" in verdicts
    assert f"Hotspot coverage delivered +12.5{NB}pp" in verdicts and "90 % interval" not in verdicts
    weekly = charts(section(html, "weekly"), "chart-weekly")
    assert len(weekly) == 4 and not any("fill-opacity: 0.18" in svg for svg in weekly)  # no band
    assert "one seed: no interval" in section(html, "measures")


def test_the_baseline_alone() -> None:
    doc = campaign(("baseline",))
    html = render_report(doc, lang="nl")
    assert 'id="only-baseline"' in html and "Alleen de referentie werd berekend" in html
    assert len(charts(html, "chart-weekly")) == 4 and len(charts(html, "chart-officers")) == 2
    wb = workbook(doc)
    assert [r[2] for r in wb["Policies"].iter_rows(min_row=2, values_only=True)] == ["baseline"] * len(doc["measures"])


def test_workbook(doc: dict[str, Any]) -> None:
    wb = workbook(doc)
    assert wb.sheetnames == ["Policies", "Weeks", "Officers", "Plan"]
    policies = wb["Policies"]
    assert [c.value for c in policies[1]][:5] == ["Measure", "Measure id", "Policy", "Seeds", "Mean"]
    rows = {(r[1], r[2]): r for r in policies.iter_rows(min_row=2, values_only=True)}
    assert rows[("hotspot_coverage", "market-x2")][3:] == (2, 0.890625, pytest.approx(0.890625 - 0.098656, abs=1e-5),
                                                        pytest.approx(0.890625 + 0.098656, abs=1e-5), 0.140625,
                                                        pytest.approx(0.04196875), pytest.approx(0.23928125), "better")
    assert rows[("overtime_hours", "market-x2")][10] == "worse"
    assert rows[("overtime_hours", "baseline")][10] == "reference"
    assert policies["E2"].number_format == "0.0%" and policies.freeze_panes == "D2"
    weeks = wb["Weeks"]
    assert tuple(c.value for c in weeks[1]) == CSV_FIELDS
    assert weeks.max_row == 1 + 17
    first = dict(zip(CSV_FIELDS, (c.value for c in weeks[2]), strict=True))
    assert (first["policy"], first["seed"], first["week"], first["start"], first["repairs"]) == ("baseline", 0, 1, "2027-03-01", 1)
    assert first["hotspot_coverage"] == 0.75 and first["plan_status"] == "OPTIMAL"
    gave = [r for r in weeks.iter_rows(min_row=2, values_only=True) if r[CSV_FIELDS.index("hard_rule_gave")]]
    assert [(r[0], r[1], r[2]) for r in gave] == [("night-team", 0, 2)]
    officers = wb["Officers"]
    header = [c.value for c in officers[1]]
    assert header[:8] == ["Policy", "Seed", "Officer", "Zone", "Weeks", "Hours", "Available hours", "Hours balance"]
    assert officers.max_row == 1 + 3 * 2 * 3
    assert [c.value for c in officers[4]][:8] == ["baseline", 0, "o03", "tiny", 3, 132, 114, 18]
    plan = {r[0]: r[1] for r in wb["Plan"].iter_rows(min_row=2, values_only=True) if r and r[0]}
    assert plan["Policies"] == "baseline, market-x2, night-team" and plan["Chains that stopped"] == 1
    assert plan["night-team seed 1"] == f"week 3: {STOPPED}"


def test_every_language_has_every_campaign_label() -> None:
    for lang, table in CAMPAIGN_LABELS.items():
        assert set(table) == set(CAMPAIGN_LABELS["en"]), lang
    assert not set(CAMPAIGN_LABELS["en"]) & set(LABELS["en"])  # never shadows a label of the other pages


def test_report_and_export_read_a_campaign_json(tmp_path: Path, doc: dict[str, Any]) -> None:
    source = tmp_path / "campaign.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    result = run("report", source, "-o", tmp_path / "c.html", "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "Verdicts par rapport à la référence" in (tmp_path / "c.html").read_text(encoding="utf-8")
    result = run("export", source, "--xlsx", tmp_path / "c.xlsx")
    assert result.exit_code == 0, result.output
    assert load_workbook(tmp_path / "c.xlsx").sheetnames[0] == "Policies"
    assert run("export", source, "--ics", tmp_path / "ics").exit_code == 2
    assert run("report", source, "-o", tmp_path / "d.html", "--scenario", TINY_CAMPAIGN).exit_code == 2
    source.write_text(json.dumps({**doc, "format": "police-duty-campaign/9"}), encoding="utf-8")
    result = run("report", source, "-o", tmp_path / "e.html")
    assert result.exit_code == 2 and "reads police-duty-campaign/1 only" in result.output


def test_campaign_writes_its_page_and_workbook(tmp_path: Path) -> None:
    out = tmp_path / "camp"
    result = run("campaign", TINY_CAMPAIGN, "--weeks", 1, "--seeds", 1, "--week-time-limit", 1,
                 "--repair-time-limit", 0.5, "-o", out, "--lang", "fr", "--quiet")
    assert result.exit_code == 0, result.output
    doc = json.loads((out / "campaign.json").read_text(encoding="utf-8"))
    html = (out / "campaign.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in html and "Une seule graine" in html and "Généré à partir de campaign.json" in html
    wb = load_workbook(out / "campaign.xlsx")
    assert wb["Weeks"].max_row == 2 and wb["Officers"].max_row == 1 + len(doc["chains"][0]["officers"])
    assert not list(out.glob(".*.tmp"))


def test_no_chain_finished_a_week() -> None:
    stopped = {"policy": "baseline", "seed": 0, "folder": "out/chains/baseline/seed-0",
               "failed": {"week": 1, "reason": STOPPED}, "measures": chain_measures([], 8.0), "officers": {}, "weeks": []}
    doc = campaign_document({"scenario": "tiny.yaml", "policies": ["baseline"], "seeds": [0], "weeks": 3},
                            [stopped], False, 1.0)
    html = render_report(doc, lang="en")
    assert 'id="no-figures"' in html and "No chain finished a week" in html
    assert 'id="verdicts"' not in html and 'id="measures"' not in html and "Only the baseline" not in html
    assert "No officer figures" in html and STOPPED in section(html, "failed-chains")
    assert workbook(doc).sheetnames == ["Policies", "Weeks", "Officers", "Plan"]
