"""Calendars: one .ics per officer, parsed back with icalendar; local times, time zone, DST, stable UIDs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner
from icalendar import Calendar, Event

from scheduler.cli import main
from scheduler.io.ics import write_ics
from scheduler.problem import Problem, build_problem
from scheduler.roster import Assignment
from scheduler.scenario.load import load_scenario, load_source
from scheduler.scenario.yaml_source import YamlSource

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny" / "zone.yaml"
BRUSSELS = ZoneInfo("Europe/Brussels")
STAMP = dt.datetime(2026, 2, 27, 12, 0, tzinfo=dt.UTC)
WED, THU, FRI, SAT = 2, 3, 4, 5

ROSTER = [
    Assignment("o02", WED, "E", "transfer-wed"),
    Assignment("o02", THU, "L", "response"),
    Assignment("o02", FRI, "N", "market"),
    Assignment("o06", WED, "E", "transfer-wed"),
]


@pytest.fixture(scope="module")
def tiny() -> Problem:
    return build_problem(load_scenario(TINY))


def read(path: Path) -> tuple[Calendar, list[Event]]:
    cal = Calendar.from_ical(path.read_bytes())
    return cal, sorted(cal.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def test_one_file_per_officer_one_event_per_assignment(tiny: Problem, tmp_path: Path) -> None:
    written = write_ics(tmp_path, tiny, ROSTER, stamp=STAMP)
    assert sorted(p.name for p in written) == sorted(f"{o.id}.ics" for o in tiny.officers)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)  # no temporary files left
    counts = {p.stem: len(read(p)[1]) for p in written}
    assert counts == {o.id: sum(a.officer == o.id for a in ROSTER) for o in tiny.officers}
    assert counts["o02"] == 3 and counts["o01"] == 0


def test_summary_times_and_time_zone(tiny: Problem, tmp_path: Path) -> None:
    write_ics(tmp_path, tiny, ROSTER, stamp=STAMP)
    cal, events = read(tmp_path / "o02.ics")
    assert [str(e["summary"]) for e in events] == [
        "Early shift - Prisoner transfer to court",
        "Late shift - Emergency response",
        "Night shift - Hotspot Market square",
    ]
    early, _, night = events
    # Local wall-clock time with the zone's TZID, not UTC.
    assert early["dtstart"].params["TZID"] == "Europe/Brussels"
    assert early["dtstart"].to_ical() == b"20260304T060000"
    assert early.decoded("dtstart") == dt.datetime(2026, 3, 4, 6, tzinfo=BRUSSELS)
    assert early.decoded("dtend") == dt.datetime(2026, 3, 4, 14, tzinfo=BRUSSELS)
    # The night ends the next morning.
    assert night.decoded("dtstart") == dt.datetime(2026, 3, 6, 22, tzinfo=BRUSSELS)
    assert night.decoded("dtend") == dt.datetime(2026, 3, 7, 6, tzinfo=BRUSSELS)
    assert all(e.decoded("dtstamp") == STAMP for e in events)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]
    assert cal.get_missing_tzids() == set()
    assert str(cal["version"]) == "2.0" and "prodid" in cal


def uids(directory: Path) -> dict[tuple[str, str], str]:
    """(officer, DTSTART) -> UID over every file of an export."""
    out = {}
    for path in directory.glob("*.ics"):
        for e in read(path)[1]:
            out[(path.stem, e.decoded("dtstart").isoformat())] = str(e["uid"])
    return out


def test_uid_stable_across_exports_and_duty_changes(tiny: Problem, tmp_path: Path) -> None:
    write_ics(tmp_path / "first", tiny, ROSTER, stamp=STAMP)
    # A re-solve: o02's Thursday late shift is now on the hotspot, and o06 works Thursday's early shift too.
    again = [*ROSTER[:1], Assignment("o02", THU, "L", "market"), *ROSTER[2:], Assignment("o06", THU, "E", "response")]
    write_ics(tmp_path / "second", tiny, again, stamp=STAMP + dt.timedelta(days=1))
    first, second = uids(tmp_path / "first"), uids(tmp_path / "second")
    assert len(set(first.values())) == len(first) == len(ROSTER)  # unique
    # Same officer, date and shift: the same UID, whatever the duty; so the calendar updates the event.
    assert {k: second[k] for k in first} == first
    thursday = read(tmp_path / "second" / "o02.ics")[1][1]
    assert str(thursday["summary"]) == "Late shift - Hotspot Market square"
    # Another officer on the same date and shift, or the same officer on another shift: other UIDs.
    assert first[("o02", "2026-03-04T06:00:00+01:00")] != first[("o06", "2026-03-04T06:00:00+01:00")]
    assert second[("o06", "2026-03-05T06:00:00+01:00")] not in first.values()


def night_problem(start: dt.date) -> Problem:
    """As in test_dst.py: one officer, a Saturday night fixed in a week with a daylight-saving change."""
    data = {
        "name": "dst",
        "zone": "z",
        "horizon": {"start": start, "days": 7, "timezone": "Europe/Brussels"},
        "shift_types": [{"id": "N", "name": "Night", "start": "22:00", "hours": 8},
                        {"id": "E", "name": "Early", "start": "06:00", "hours": 8}],
        "officers": [{"id": "a"}],
        "rules": {"pack": "belgian-police"},
    }
    return build_problem(load_source(YamlSource(yaml.safe_dump(data), "<dst>"), None))


@pytest.mark.parametrize(
    ("start", "offset_start", "offset_end", "hours"),
    [
        # Clocks go back Sun 2026-10-25 03:00 CEST -> 02:00 CET: the night lasts 9 h.
        (dt.date(2026, 10, 19), 2, 1, 9),
        # Clocks go forward Sun 2026-03-29 02:00 CET -> 03:00 CEST: the night lasts 7 h.
        (dt.date(2026, 3, 23), 1, 2, 7),
    ],
    ids=["autumn", "spring"],
)
def test_dst_night_utc_offsets(tmp_path: Path, start: dt.date, offset_start: int, offset_end: int, hours: int) -> None:
    problem = night_problem(start)
    sunday = start + dt.timedelta(days=6)
    write_ics(tmp_path, problem, [Assignment("a", SAT, "N", "response"), Assignment("a", 6, "E", "response")], stamp=STAMP)
    cal, (night, early) = read(tmp_path / "a.ics")
    saturday = start + dt.timedelta(days=SAT)
    assert night["dtstart"].to_ical().decode() == saturday.strftime("%Y%m%d") + "T220000"
    assert night["dtend"].to_ical().decode() == sunday.strftime("%Y%m%d") + "T060000"
    begin, end = night.decoded("dtstart"), night.decoded("dtend")
    assert begin.utcoffset() == dt.timedelta(hours=offset_start)
    assert end.utcoffset() == dt.timedelta(hours=offset_end)
    # Real time, as rest and hours count it (Python subtracts same-zone datetimes on the wall clock: via UTC).
    assert end.astimezone(dt.UTC) - begin.astimezone(dt.UTC) == dt.timedelta(hours=hours)
    assert early.decoded("dtstart").utcoffset() == dt.timedelta(hours=offset_end)
    # The file's own VTIMEZONE (what a calendar without a time-zone database reads) gives the same offsets.
    (vtz,) = cal.walk("VTIMEZONE")
    tz = vtz.to_tz()
    assert begin.replace(tzinfo=None).replace(tzinfo=tz).utcoffset() == dt.timedelta(hours=offset_start)
    assert end.replace(tzinfo=None).replace(tzinfo=tz).utcoffset() == dt.timedelta(hours=offset_end)


def test_export_command_on_a_hand_made_roster(tmp_path: Path) -> None:
    """`export ROSTER.json --ics DIR`: the scenario from the roster's summary, or given with --scenario."""
    rows = [{"officer": a.officer, "day": a.day, "shift": a.shift, "duty": a.duty} for a in ROSTER]
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps({"summary": {"input_file": str(TINY)}, "assignments": rows}), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(roster), "--ics", str(tmp_path / "ics"), "--xlsx", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 0, result.output
    assert "10 calendars in" in result.output
    assert len(read(tmp_path / "ics" / "o02.ics")[1]) == 3
    assert (tmp_path / "r.xlsx").is_file()

    roster.write_text(json.dumps({"assignments": rows}), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(roster), "--ics", str(tmp_path / "ics2")])
    assert result.exit_code == 2
    assert "give --scenario FILE" in result.output
    result = CliRunner().invoke(main, ["export", str(roster), "--scenario", str(TINY), "--ics", str(tmp_path / "ics2")])
    assert result.exit_code == 0, result.output


def test_export_rejects_ids_the_scenario_lacks(tmp_path: Path) -> None:
    roster = tmp_path / "roster.json"
    roster.write_text(json.dumps({"assignments": [{"officer": "o99", "day": 0, "shift": "E", "duty": "response"}]}))
    result = CliRunner().invoke(main, ["export", str(roster), "--scenario", str(TINY), "--ics", str(tmp_path / "ics")])
    assert result.exit_code == 2
    assert f"{roster}: assignments[0]: not in the scenario: officer 'o99'" in result.output
    assert not (tmp_path / "ics").exists()


def test_export_needs_an_output(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(tmp_path / "roster.json")])
    assert result.exit_code == 2
    assert "give --xlsx FILE and/or --ics DIR" in result.output


def test_solve_writes_calendars(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["solve", str(TINY), "--time-limit", "2", "--out", str(tmp_path), "--quiet", "--ics", str(tmp_path / "ics")]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "roster.json").read_text(encoding="utf-8"))
    for officer in ("o01", "o10"):
        mine = [a for a in doc["assignments"] if a["officer"] == officer]
        events = read(tmp_path / "ics" / f"{officer}.ics")[1]
        assert [e.decoded("dtstart").isoformat() for e in events] == [a["start"] for a in mine]
