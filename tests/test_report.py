"""`scheduler report` and `solve --html`: the HTML briefing's content, languages, pseudonyms and
self-containment, read as text (the browser tests render it)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from scheduler.cli import main
from scheduler.report import render_report
from scheduler.report.anonymize import pseudonym, pseudonyms
from scheduler.report.i18n import LABELS
from scheduler.report.roster_page import roster_context

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny" / "zone.yaml"
COMPARE = ROOT / "tests" / "data" / "compare.json"
EXTERNAL = re.compile(r"""\b(?:src|href|xlink:href|action|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def run(*args: Any) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def solved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The tiny zone solved once, with the briefing written by `solve --html`."""
    out = tmp_path_factory.mktemp("tiny")
    html = out / "briefing.html"
    result = run("solve", TINY, "--time-limit", 3, "--out", out, "--quiet", "--html", html)
    assert result.exit_code == 0, result.output
    return out / "roster.json", html


@pytest.fixture(scope="module")
def doc(solved: tuple[Path, Path]) -> dict[str, Any]:
    return json.loads(solved[0].read_text(encoding="utf-8"))


def report(tmp_path: Path, source: Path, *options: Any) -> str:
    out = tmp_path / "report.html"
    result = run("report", source, "-o", out, *options)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_solve_html_writes_the_briefing(solved: tuple[Path, Path], doc: dict[str, Any]) -> None:
    html = solved[1].read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert "<h1>Tiny example zone</h1>" in html
    for section in ("summary", "measures", "hotspots", "response", "tasks", "fairness", "penalties"):
        assert f'<section id="{section}"' in html, section
    assert doc["summary"]["status"] in html


def test_report_shows_the_measures(tmp_path: Path, solved: tuple[Path, Path], doc: dict[str, Any]) -> None:
    html = report(tmp_path, solved[0])
    m = doc["measures"]
    assert f"{m['hotspot_coverage'] * 100:.1f}".rstrip("0").rstrip(".") + "\u00a0%" in html
    assert f"{m['officers_used']} / {m['officers']}" in html
    assert f"<td class=\"num\">{m['hours_worked']:,.2f}".rstrip("0").rstrip(".") in html
    assert "transfer-wed" in html and "prisoner_transfer" in html  # the task table
    assert "<td>market</td>" in html  # the hotspot table
    assert f"{doc['summary']['check']['hard_violations']} hard violations" in html
    # Charts: the two heatmaps and the three fairness histograms, inline SVG with content.
    for chart in ("chart-hotspots", "chart-response", "chart-hours", "chart-nights", "chart-weekend-shifts"):
        svg = re.search(rf'<svg class="chart" id="{chart}".*?</svg>', html, re.S)
        assert svg and "<path" in svg.group(0), chart
    # Every officer in the per-officer table, with name and id.
    for row in doc["assignments"]:
        assert row["name"] in html and f"({row['officer']})" in html


def test_report_is_self_contained(tmp_path: Path, solved: tuple[Path, Path]) -> None:
    for html in (report(tmp_path, solved[0]), report(tmp_path, COMPARE)):
        assert not EXTERNAL.search(html), EXTERNAL.search(html)
        assert "<script" not in html and "<link" not in html and "@import" not in html
        assert "url(http" not in html


def test_french_and_dutch_labels(tmp_path: Path, solved: tuple[Path, Path]) -> None:
    fr = report(tmp_path, solved[0], "--lang", "fr")
    assert '<html lang="fr">' in fr
    assert "Couverture des points chauds par heure de la semaine" in fr
    assert "Équité : heures, nuits et services de week-end par agent" in fr
    assert "Hotspot coverage by hour" not in fr
    nl = report(tmp_path, solved[0], "--lang", "nl")
    assert '<html lang="nl">' in nl and "Dekking van hotspots" in nl


def test_hycap_lines_name_the_host_given_to_and_flag_help_beyond_the_quota() -> None:
    # HyCap given by b to a: "given to" names the host (received); officers beyond b's quota need attention.
    m = {"hycap_hours_given": {"b": 8}, "hycap_hours_received": {"a": 8}, "hycap_surplus_hours": {"b": 8}}
    lines = roster_context({"measures": m}, "en", lambda oid, name: name, False)["measures"]
    assert ("HyCap hours given to a", "8", False) in lines
    assert ("HyCap beyond the quota (officer-hours): b", "8", True) in lines
    assert not any(line[0] == "HyCap hours given to b" for line in lines)


def test_every_language_has_every_label() -> None:
    for lang, table in LABELS.items():
        assert set(table) == set(LABELS["en"]), lang


def test_anonymize_hides_names_and_ids(tmp_path: Path, solved: tuple[Path, Path], doc: dict[str, Any]) -> None:
    html = report(tmp_path, solved[0], "--anonymize", "--salt", "zone-secret")
    officers = doc["measures"]["per_officer"]
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=\s]+", "", html)  # the heatmaps' pixels are not text
    for oid, o in officers.items():
        assert o["name"] not in html
        for part in o["name"].split():
            assert not re.search(rf"\b{re.escape(part)}\b", text), part
        assert not re.search(rf"\b{re.escape(oid)}\b", text), oid
    aliases = pseudonyms(officers, "zone-secret")
    assert all(alias in html for alias in aliases.values())
    assert "Officer names are replaced by pseudonyms." in html
    # The same roster and salt give the same page; another salt other pseudonyms.
    assert report(tmp_path, solved[0], "--anonymize", "--salt", "zone-secret") == html
    other = report(tmp_path, solved[0], "--anonymize", "--salt", "another")
    assert not any(alias in other for alias in aliases.values())


def test_pseudonyms_are_stable() -> None:
    assert pseudonym("o01", "s") == pseudonym("o01", "s")
    assert re.fullmatch(r"Officer [0-9A-F]{6}", pseudonym("o01", "s"))
    assert pseudonym("o01", "s") != pseudonym("o02", "s") and pseudonym("o01", "s") != pseudonym("o01", "t")
    # An id keeps its pseudonym whatever else is in the roster.
    assert pseudonyms(["o01", "o02"], "s")["o01"] == pseudonyms(["o01", "o09", "x"], "s")["o01"]
    # Short codes that collide are lengthened, both of them, so no two officers share one.
    clash = pseudonyms([str(i) for i in range(20000)], "s")
    assert len(set(clash.values())) == 20000


def test_anonymize_without_salt_warns(tmp_path: Path, solved: tuple[Path, Path]) -> None:
    result = run("report", solved[0], "-o", tmp_path / "r.html", "--anonymize")
    assert result.exit_code == 0
    assert "without --salt" in result.output


def test_compare_side_by_side(tmp_path: Path) -> None:
    # tests/data/compare.json is a real `scheduler compare` run (tests/data/make_compare_fixture.py):
    # three zones, five policies, short solves on purpose so that none is proven optimal.
    data = json.loads(COMPARE.read_text(encoding="utf-8"))
    html = report(tmp_path, COMPARE)
    assert "<h1>Scenario comparison</h1>" in html
    for s in data["scenarios"]:
        assert s["label"] in html
        if s["verdict"] != "baseline":
            assert s["verdict"].replace("<", "&lt;") in html, s["name"]  # each policy's verdict, as compare wrote it
    # The solver gaps, said plainly at the top: every scenario is short of proven optimal here.
    banner = html[html.index('<section id="solver-gaps"'):html.index('<section id="scenarios"')]
    assert "Not every scenario is proven optimal" in banner
    assert "baseline: not proven optimal (gap 1.0%); its measures may move by a re-solve" in banner
    assert len(re.findall("<li>", banner)) == len(data["notes"]) == 6
    assert '<strong class="tag undecided">undecided</strong>' in html
    assert '<strong class="tag worse">worse, proven</strong>' in html
    assert '<strong class="tag not_comparable">objective not comparable</strong>' in html
    assert "9 extra officers (a 3, b 3, c 3); pool used up in a, b, c: the gap is larger" in html  # staffing gap
    # compare.py writes percentages (unit %): shown as such, deltas in percentage points.
    assert "95.8\u00a0%" in html and "54.2\u00a0%" in html and "Δ -41.7 pp" in html
    rows = row_cells(html)
    assert rows["Overtime hours"][3] == ("19.2", "-9.6", "better")  # plus-2-b: less overtime is better
    assert rows["Overtime hours"][4] == ("34.8", "+6", "worse")
    assert rows["Hotspot coverage"][4] == ("54.2\u00a0%", "-41.7 pp", "worse")
    assert rows["Officers used"][3] == ("32", "+2", "")  # neither better nor worse
    # cheap-overtime's zones b and c stopped 11.8 % from their bounds: its figures are flagged in the cells.
    assert rows["Overtime hours"][5] == ("34.8 <span class=\"flag\">†</span>", "+6", "worse")
    # The objective the bounds do not decide is not coloured as a policy effect, and says so; the proven
    # range stands under every delta.
    objective = html[html.index('<td title="objective">'):]
    objective = objective[:objective.index("</tr>")]
    assert objective.count("≈ undecided") == 1 and "not comparable" in objective
    assert 'class="delta worse">Δ +16,884<' in objective and "[+16,845 … +16,902] worse, proven" in objective
    assert "[-18 … +39] undecided" in objective
    # Grouped: the whole scenario open, hotspots and each zone folded, measures equal everywhere folded.
    assert '<div class="group" id="group-overall">' in html
    assert html.count('<details class="group"') == 5  # hotspots, zones a, b, c, and merge-ab's ab
    assert "<strong>Zone b</strong>: 7 of 13 measures differ" in html
    assert "3 measures equal in every scenario" in html
    # One chart per key measure that differs (objective, coverage, overtime, officers used, staffing gap),
    # a grouped chart per zone for hours worked and HyCap given; the equal ones are named instead.
    charts = re.findall(r'<svg class="chart" id="chart-(?:measure|zones)-\d+".*?</svg>', html, re.S)
    assert len(charts) == 7
    assert all(c.count("<path") > 3 for c in charts)
    assert "points · lower is better" in html and "% · higher is better" in html
    assert "Equal in every scenario: Unmet mandatory officer-hours (0); Emergency-response shortfall" in html
    assert "runs down to the proven bound" in html


def row_cells(html: str) -> dict[str, list[tuple[str, str, str]]]:
    """Measure label -> (value, delta, tone) per scenario, from the measures tables."""
    out = {}
    for label, cells in re.findall(r'<tr><td title="[^"]*">([^<]+)</td><td>[^<]*</td>(.*?)</tr>', html, re.S):
        parsed = []
        for cell in re.findall(r'<td class="num[^"]*"[^>]*>(.*?)</td>', cells, re.S):
            value = cell.split("<br>")[0]
            m = re.search(r'<span class="delta ?([a-z]*)">Δ ([^<]+)</span>', cell)
            parsed.append((value, m[2] if m else "", m[1] if m else ""))
        out.setdefault(label, parsed)
    return out


def test_compare_in_french(tmp_path: Path) -> None:
    html = report(tmp_path, COMPARE, "--lang", "fr")
    assert "Comparaison de scénarios" in html and "Couverture des points chauds" in html
    assert "95,8\u00a0%" in html
    # Verdicts and notes rebuilt from the numbers, in French, not compare.py's English.
    assert "baseline : optimalité non prouvée (écart 1\u00a0%)" in html
    assert "les bornes permettent -18 à +39 points (trouvée +21) : elles n&#39;excluent pas zéro" in html
    assert "les bornes prouvent une différence de +16\u202f845 à +16\u202f902 points (trouvée +16\u202f884)" in html
    assert "not proven optimal" not in html and "within solver gaps" not in html


def test_compare_all_proven_optimal_says_so() -> None:
    data = json.loads(COMPARE.read_text(encoding="utf-8"))
    for s in data["scenarios"]:
        s["summary"].update(status="OPTIMAL", best_bound=s["summary"]["objective"], gap=0.0)
    data["notes"] = []
    html = render_report(data)
    assert "Every scenario is proven optimal" in html and 'class="unproven"' not in html


def test_compare_six_zones_stays_readable() -> None:
    """A region of six zones (~80 rows): the zones fold away, one grouped chart shows all six."""
    data = json.loads(COMPARE.read_text(encoding="utf-8"))
    zone_rows = [r for r in data["rows"] if r["measure"].startswith("zone a: ")]
    for z in "def":
        data["rows"] += [{**copy.deepcopy(r), "measure": r["measure"].replace("zone a:", f"zone {z}:"), "zone": z}
                         for r in zone_rows]
    assert len(data["rows"]) >= 80
    html = render_report(data)
    assert html.count('<details class="group"') == 8  # hotspots, six zones and merge-ab's ab, all folded
    assert "<details class=\"group\" open" not in html
    assert len(re.findall(r'<svg class="chart" id="chart-zones-\d+"', html)) == 2
    hours = re.search(r'<svg class="chart" id="chart-zones-1".*?</svg>', html, re.S)[0]
    assert all(f">{z}<" in hours for z in "abcdef")


def test_compare_of_an_older_shape() -> None:
    """A compare.json named by roster.json keys, shares as fractions, without verdicts or notes."""
    doc = {
        "scenarios": [{"name": "today", "label": "8-hour shifts", "summary": {"status": "OPTIMAL"}, "measures": {}},
                      {"name": "twelve", "label": "12-hour nights", "summary": {"status": "OPTIMAL"}, "measures": {}}],
        "rows": [
            {"measure": "hotspot_coverage", "unit": "share", "values": [0.6124, 0.7031], "deltas": [0, 0.0907]},
            {"measure": "response_shortfall_officer_hours", "unit": "officer-hours", "values": [120, 96],
             "deltas": [0, -24]},
            {"measure": "fairness.nights_spread", "unit": "shifts", "values": [4, 5], "deltas": [0, 1]},
        ],
    }
    html = render_report(doc)
    assert "61.2\u00a0%" in html and "Δ +9.1 pp" in html
    assert 'class="delta better">Δ -24<' in html and 'class="delta worse">Δ +1<' in html
    assert "Spread of nights" in html
    assert len(re.findall(r'id="chart-measure-\d+"', html)) == 2  # coverage and response shortfall


def test_compare_with_other_measure_names_still_charts() -> None:
    data = json.loads(COMPARE.read_text(encoding="utf-8"))
    for row in data["rows"]:
        row["measure"] = row["key"] = "custom-" + row["measure"].replace(" ", "-")
        row.pop("zone", None), row.pop("hotspot", None)
    html = render_report(data)
    assert len(re.findall(r'id="chart-measure-\d+"', html)) == 12  # the first dozen rows with numbers


def test_old_roster_without_detail(tmp_path: Path, solved: tuple[Path, Path], doc: dict[str, Any]) -> None:
    old = copy.deepcopy(doc)
    del old["measures"]["per_officer"], old["measures"]["response_by_hour_of_week"], old["summary"]["horizon"]
    for h in old["measures"]["hotspots"].values():
        del h["by_hour_of_week"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    html = report(tmp_path, path)
    assert "no per-hour or per-officer measures" in html
    assert 'id="chart-' not in html
    # --scenario recomputes them from the assignments.
    html = report(tmp_path, path, "--scenario", TINY)
    assert "no per-hour or per-officer measures" not in html
    assert 'id="chart-hotspots"' in html and 'id="chart-hours"' in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "invalid JSON"),
        ('{"hello": 1}', "neither a roster.json"),
        ('{"scenarios": [{"name": "a"}], "rows": [{"measure": "x", "values": [1, 2]}]}', "rows[0].values"),
        ('{"scenarios": [{"name": "a"}], "rows": [{"measure": "x", "values": ["1"]}]}', "numbers or null"),
    ],
    ids=["not-json", "unknown-shape", "values-length", "values-type"],
)
def test_bad_input(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    result = run("report", path, "-o", tmp_path / "r.html")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "r.html").exists()


def test_scenario_must_match_the_roster(tmp_path: Path, solved: tuple[Path, Path], doc: dict[str, Any]) -> None:
    stranger = copy.deepcopy(doc)
    stranger["assignments"][0]["officer"] = "nobody"
    path = tmp_path / "stranger.json"
    path.write_text(json.dumps(stranger), encoding="utf-8")
    result = run("report", path, "-o", tmp_path / "r.html", "--scenario", TINY)
    assert result.exit_code == 2
    assert "does not have" in result.output


def test_compare_written_before_rows_carried_their_key_reads_the_same() -> None:
    """An older compare.json (labels and verdict sentences only) gives the English page the same groups,
    tones and tags: the meaning is read back from the labels."""
    data = json.loads(COMPARE.read_text(encoding="utf-8"))
    old = copy.deepcopy(data)
    for row in old["rows"]:
        for key in ("key", "zone", "hotspot"):
            row.pop(key, None)
    for s in old["scenarios"]:
        for key in ("verdict_kind", "objective_difference", "objective_range"):
            s.pop(key)
    assert render_report(old) == render_report(data)
