"""A patrol plan's outputs beyond patrol.json: its cards in the roster briefing (only the plan of that roster),
its visits in the officers' calendars (stable UIDs) and `check-patrol` on a plan edited by hand. One plan made
by hand: the tiny zone's Friday Late unit (o01, o02) visits the market at 18:00 and 18:40 and the park at
18:20, ten minutes each, the two ten minutes apart."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar

from scheduler.api import load_problem
from scheduler.cli import main
from scheduler.cli.patrol_files import roster_record
from scheduler.patrol.document import patrol_document
from scheduler.patrol.units import Visit, patrol_setup
from scheduler.report.i18n import LABELS
from scheduler.report.patrol_i18n import PATROL_LABELS
from scheduler.roster import Assignment
from tests.test_patrol import _tiny  # the tiny zone with a park 10 min from its market, max gap as given

BRUSSELS = ZoneInfo("Europe/Brussels")
FRI_18 = 4 * 24 * 60 + 18 * 60  # Friday 2026-03-06 18:00, minutes from Monday 00:00 (CET all week)
UNIT = "2026-03-06 L market 1"


def run(*args: Any) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def _roster(folder: Path, officers: tuple[str, ...] = ("o01", "o02")) -> Path:
    rows = [{"officer": o, "day": 4, "shift": "L", "duty": "market"} for o in officers]
    path = folder / "roster.json"
    path.write_text(json.dumps({"summary": {"input_file": "zone.yaml"}, "assignments": rows, "measures": {}}),
                    encoding="utf-8")
    return path


@pytest.fixture
def planned(tmp_path: Path) -> Path:
    """zone.yaml, roster.json and the hand-made plan's patrol.json in one folder (returned)."""
    scenario, roster = _tiny(tmp_path, 30), _roster(tmp_path)
    loaded, problem = load_problem(scenario)
    assignments = [Assignment(o, 4, "L", "market") for o in ("o01", "o02")]
    setup = patrol_setup(problem, loaded.scenario, assignments)
    visits = [Visit(FRI_18, FRI_18 + 10, "market", UNIT), Visit(FRI_18 + 20, FRI_18 + 30, "park", UNIT),
              Visit(FRI_18 + 40, FRI_18 + 50, "market", UNIT)]
    summary = {"scenario": "zone.yaml", "roster": "roster.json", "seed": 0,
               **roster_record(problem, assignments, str(scenario), str(roster), tmp_path)}
    doc = patrol_document(problem, setup, visits, summary)
    assert doc["check"]["faults"] == 0
    (tmp_path / "patrol.json").write_text(json.dumps(doc), encoding="utf-8")
    return tmp_path


def _edit(folder: Path, visit: int, start: str, end: str) -> Path:
    doc = json.loads((folder / "patrol.json").read_text(encoding="utf-8"))
    doc["units"][0]["visits"][visit].update(start=f"2026-03-06T{start}+01:00", end=f"2026-03-06T{end}+01:00")
    path = folder / "edited.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_the_briefing_shows_the_units_card(planned: Path) -> None:
    result = run("report", planned / "roster.json", "-o", planned / "report.html")  # patrol.json found beside it
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    html = (planned / "report.html").read_text(encoding="utf-8")
    assert '<section id="patrol">' in html and "<script" not in html
    assert "2026-03-06 · shift L 14:00-22:00 · Market square unit 1" in html
    assert "Officers: o01, o02" in html
    steps = ["<td>18:00</td><td>drive station → market (0 min)</td>",
             "<td>18:00</td><td>visit Market square until 18:10 (10 min)</td>",
             "<td>18:10</td><td>drive market → park (10 min)</td>",
             "<td>18:20</td><td>visit Park until 18:30 (10 min)</td>",
             "<td>18:30</td><td>drive park → market (10 min)</td>",
             "<td>18:40</td><td>visit Market square until 18:50 (10 min)</td>"]
    assert all(s in html for s in steps)
    assert html.index(steps[0]) < html.index(steps[3]) < html.index(steps[5])
    # The timeline: the shift's 480 min, the market's bars at 240 and 280 min in, 10 min wide.
    assert 'style="left: 50.0%; width: 2.08%" title="18:00"' in html
    assert 'style="left: 58.33%; width: 2.08%" title="18:40"' in html
    assert "break-before: page" in html  # printed, a card per page
    # The hand-computed gaps: the market unvisited 18:50-22:00 (190 min), the park 18:30-22:00 (210 min).
    assert '<td>market</td><td>4</td><td>33.3\xa0%</td>\n<td>30</td><td class="bad">190</td>' in html
    assert '<td>park</td><td>4</td><td>25\xa0%</td>\n<td>30</td><td class="bad">210</td>' in html


def test_the_cards_in_french_and_dutch_and_anonymized(planned: Path) -> None:
    for lang, words in (("fr", ["Fiches de patrouille", "passage Market square jusqu&#39;à 18:10 (10 min)"]),
                        ("nl", ["Patrouillekaarten", "passage Market square tot 18:10 (10 min)"])):
        result = run("report", planned / "roster.json", "-o", planned / f"{lang}.html", "--lang", lang)
        assert result.exit_code == 0, result.output
        html = (planned / f"{lang}.html").read_text(encoding="utf-8")
        assert all(w in html for w in words), lang
    result = run("report", planned / "roster.json", "-o", planned / "anon.html", "--anonymize", "--salt", "s")
    html = (planned / "anon.html").read_text(encoding="utf-8")
    assert "Officers: Officer " in html and "o01" not in html


def test_a_plan_of_another_roster_is_left_out_with_a_warning(planned: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    _roster(planned, ("o01", "o03"))  # the roster changed after the plan: o03 instead of o02
    result = run("report", planned / "roster.json", "-o", planned / "report.html")
    assert result.exit_code == 0, result.output
    assert (f"warning: {planned / 'patrol.json'} is not the patrol plan of {planned / 'roster.json'}, left out: it was "
            "planned from other assignments") in result.output
    assert 'id="patrol"' not in (planned / "report.html").read_text(encoding="utf-8")
    # Given with --patrol, the same.
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "plan.json"
    elsewhere.write_bytes((planned / "patrol.json").read_bytes())
    result = run("report", planned / "roster.json", "-o", planned / "report.html", "--patrol", elsewhere)
    assert result.exit_code == 0 and f"warning: {elsewhere} is not the patrol plan" in result.output
    assert 'id="patrol"' not in (planned / "report.html").read_text(encoding="utf-8")
    # The calendars refuse it: without the visits they would remove those an officer has.
    result = run("export", planned / "roster.json", "--ics", planned / "ics", "--patrol", elsewhere)
    assert result.exit_code == 2 and "not the patrol plan of" in result.output
    assert not (planned / "ics").exists()


def _events(path: Path) -> list[Any]:
    return sorted(Calendar.from_ical(path.read_bytes()).walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def test_the_calendars_hold_each_visit_with_stable_uids(planned: Path) -> None:
    for folder in ("ics1", "ics2"):
        result = run("export", planned / "roster.json", "--ics", planned / folder, "--patrol", planned / "patrol.json")
        assert result.exit_code == 0, result.output
    for officer in ("o01", "o02"):
        shift, *visits = _events(planned / "ics1" / f"{officer}.ics")
        assert str(shift["summary"]) == "Late shift - Hotspot Market square"
        assert [(str(e["summary"]), str(e["location"]), e.decoded("dtstart"), e.decoded("dtend")) for e in visits] == [
            ("Visit Market square", "Market square", dt.datetime(2026, 3, 6, 18, 0, tzinfo=BRUSSELS),
             dt.datetime(2026, 3, 6, 18, 10, tzinfo=BRUSSELS)),
            ("Visit Park", "Park", dt.datetime(2026, 3, 6, 18, 20, tzinfo=BRUSSELS),
             dt.datetime(2026, 3, 6, 18, 30, tzinfo=BRUSSELS)),
            ("Visit Market square", "Market square", dt.datetime(2026, 3, 6, 18, 40, tzinfo=BRUSSELS),
             dt.datetime(2026, 3, 6, 18, 50, tzinfo=BRUSSELS)),
        ]
        assert visits[0]["dtstart"].params["TZID"] == "Europe/Brussels"
        first = [str(e["uid"]) for e in _events(planned / "ics1" / f"{officer}.ics")]
        assert [str(e["uid"]) for e in _events(planned / "ics2" / f"{officer}.ics")] == first  # a re-export updates
        assert len(set(first)) == 4
    assert not {str(e["uid"]) for e in _events(planned / "ics1" / "o01.ics")} & \
        {str(e["uid"]) for e in _events(planned / "ics1" / "o02.ics")}
    assert [len(_events(planned / "ics1" / f"{o}.ics")) for o in ("o03", "o10")] == [0, 0]
    # The plan again with other times (the second market visit 15 min later): the same events, moved.
    moved = _edit(planned, 2, "18:55", "19:05")
    result = run("export", planned / "roster.json", "--ics", planned / "ics3", "--patrol", moved)
    assert result.exit_code == 0, result.output
    again = _events(planned / "ics3" / "o01.ics")
    assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in _events(planned / "ics1" / "o01.ics")]
    assert again[3].decoded("dtstart") == dt.datetime(2026, 3, 6, 18, 55, tzinfo=BRUSSELS)


def test_the_patrol_command_writes_the_calendars_too(planned: Path) -> None:
    result = run("patrol", planned / "zone.yaml", planned / "roster.json", "--out", planned / "p", "--ics", planned / "cal")
    assert result.exit_code == 0, result.output
    doc = json.loads((planned / "p" / "patrol.json").read_text(encoding="utf-8"))
    starts = sorted(v["start"] for u in doc["units"] for v in u["visits"])
    assert starts and [e.decoded("dtstart").isoformat(timespec="minutes") for e in _events(planned / "cal" / "o02.ics")[1:]] \
        == starts
    assert doc["summary"]["roster_file"] == "../roster.json" and doc["summary"]["scenario_file"] == "../zone.yaml"


def test_check_patrol_passes_the_plan_and_recomputes_the_gaps(planned: Path) -> None:
    result = run("check-patrol", planned / "patrol.json")  # roster and scenario as patrol.json names them
    assert result.exit_code == 0, result.output
    assert "FAULT" not in result.output
    assert "market: largest gap 190 min (max 30), target time within the max gap 33.3 %, 2 visits" in result.output
    assert "park: largest gap 210 min (max 30), target time within the max gap 25.0 %, 1 visits" in result.output
    # 1 - (160 + 180) / 480; over the max: the market 18:50-22:00 and the park 18:30-22:00 (18:10-18:40 is 30)
    assert ("0 faults; 3 visits; target time within the max gap 29.2 %, largest gap 210 min, 2 gaps over the max"
            in result.output)


@pytest.mark.parametrize(("visit", "start", "end", "fault"), [
    # The first market visit before the Late shift starts at 14:00.
    (0, "13:50", "14:00", f"FAULT shift {UNIT} market 2026-03-06T13:50+01:00: with 0 min from and back to the "
                          "station, outside the unit's shift"),
    # The second market visit while the unit is at the park (18:20-18:30).
    (2, "18:25", "18:35", f"FAULT overlap {UNIT} market 2026-03-06T18:25+01:00: starts before the visit to park ends"),
])
def test_check_patrol_names_a_planted_fault(planned: Path, visit: int, start: str, end: str, fault: str) -> None:
    result = run("check-patrol", _edit(planned, visit, start, end), "--roster", planned / "roster.json")
    assert result.exit_code == 1, result.output
    assert [line for line in result.output.splitlines() if line.startswith("FAULT")] == [fault]
    assert "1 faults;" in result.output
    assert f"units[0].visits[{visit}]: start_minute/end_minute differ from start/end" in result.output


def test_check_patrol_on_bad_input(planned: Path) -> None:
    doc = json.loads((planned / "patrol.json").read_text(encoding="utf-8"))
    del doc["units"][0]["visits"][1]["start"]
    doc["units"][0]["visits"][2]["end"] = "18:50"
    (planned / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    result = run("check-patrol", planned / "bad.json", "--roster", planned / "roster.json")
    assert result.exit_code == 2 and not isinstance(result.exception, KeyError)
    assert f"{planned / 'bad.json'}: units[0].visits[1].start: missing or not str" in result.output
    assert f"{planned / 'bad.json'}: units[0].visits[2].end: '18:50' is not a date and time" in result.output
    (planned / "broken.json").write_text('{"units": [\n', encoding="utf-8")
    result = run("check-patrol", planned / "broken.json")
    assert result.exit_code == 2 and f"{planned / 'broken.json'}:2: invalid JSON" in result.output
    (planned / "roster.json").unlink()
    result = run("check-patrol", planned / "patrol.json")
    assert result.exit_code == 2 and "give --roster FILE" in result.output
    result = run("check-patrol", planned / "missing.json")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_report_patrol_needs_a_roster(planned: Path) -> None:
    compare = Path(__file__).parent / "data" / "compare.json"
    result = run("report", compare, "-o", planned / "page.html", "--patrol", planned / "patrol.json")
    assert result.exit_code == 2 and "--patrol needs a roster.json, not a compare.json" in result.output


def test_every_language_has_every_patrol_label() -> None:
    for lang, table in PATROL_LABELS.items():
        assert set(table) == set(PATROL_LABELS["en"]), lang
    assert all(key.startswith("patrol_") for key in PATROL_LABELS["en"])
    assert not set(PATROL_LABELS["en"]) & set(LABELS["en"])  # never shadows a label of the briefing
