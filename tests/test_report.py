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
    data = json.loads(COMPARE.read_text(encoding="utf-8"))
    html = report(tmp_path, COMPARE)
    assert "<h1>Scenario comparison</h1>" in html
    for s in data["scenarios"]:
        assert s["label"] in html
    assert "61.2\u00a0%" in html and "70.3\u00a0%" in html  # shares as percentages
    assert "Δ +9.1 pp" in html  # coverage delta in percentage points
    assert 'class="delta better">Δ -24<' in html  # less response shortfall is better
    assert 'class="delta worse">Δ +12<' in html  # unmet mandatory hours are worse
    assert "no-hycap: the Sunday transfer is short of one escort" in html
    # One bar chart per key measure present (7 of them in the fixture), each with bars.
    charts = re.findall(r'<svg class="chart" id="chart-measure-\d+".*?</svg>', html, re.S)
    assert len(charts) == 7
    assert all(c.count("<path") > 3 for c in charts)
    assert "Unmet mandatory officer-hours" in html


def test_compare_in_french(tmp_path: Path) -> None:
    html = report(tmp_path, COMPARE, "--lang", "fr")
    assert "Comparaison de scénarios" in html and "Couverture des points chauds" in html
    assert "61,2\u00a0%" in html


def test_compare_with_other_measure_names_still_charts() -> None:
    data = json.loads(COMPARE.read_text(encoding="utf-8"))
    for row in data["rows"]:
        row["measure"] = "custom." + row["measure"].replace("_", "-")
    html = render_report(data)
    assert len(re.findall(r'id="chart-measure-\d+"', html)) == len(data["rows"])


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
