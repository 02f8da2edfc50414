"""Every invalid scenario in tests/data is rejected with the exact message a zone chief sees.

Each `tests/data/invalid_<reason>.yaml` is `valid_minimal.yaml` with exactly one mistake. The expected
text after `<file>:` is `<line>: <field path>: <message>` (or `<line>: <message>` for problems with
the file as a whole). A new invalid file without an entry in EXPECTED fails `test_every_file_covered`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.errors import InputError
from scheduler.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parent.parent
DATA = "tests/data"

EXPECTED: dict[str, str] = {
    "days_not_a_number": "6: horizon.days: expected a whole number, got 'seven'",
    "days_out_of_range": "6: horizon.days: must be at most 364, got 365",
    "demand_count_too_large": "57: demand.windows[0].count: must be at most 10000, got 99999999999999999999",
    "duplicate_key": "7: horizon.days: duplicate key 'days' (first at line 6)",
    "duplicate_officer_id": "49: officers[2].id: duplicate id 'o2' (also officers[1])",
    "empty_file": "1: the file is empty; a scenario needs horizon, shift_types and officers",
    "fixed_shift_too_short": "33: officers[0].fixed[0].shift: shift 'early' lasts 3 h, less than a service (rule min_service: 4 h); fix a longer shift or make the rule soft or off",
    "forbidden_succession_unknown_shift": "83: rules.forbidden_successions.pairs[0]: unknown shift type 'night'",
    "headcount_negative": "66: tasks[0].headcount: must be at least 1, got -1",
    "headcount_zero": "66: tasks[0].headcount: must be at least 1, got 0",
    "history_not_before_horizon": "40: officers[0].history[0].date: history date 2026-03-02 is not in the 14 days before the horizon (2026-02-16 .. 2026-03-01)",
    "horizon_not_monday": "5: horizon.start: 2026-03-03 is a Tuesday; the horizon must start on a Monday, e.g. 2026-03-02",
    "impossible_date": "29: officers[0].unavailable[0].end: 2026-02-30 is not a real date (day is out of range for month)",
    "malformed_time": '19: shift_types[1].start: \'25:00\' is not a time of day ("00:00" to "23:59", or "24:00" as an end)',
    "missing_required_key": "17: shift_types[1].hours: required key is missing",
    "no_shift_types": "12: shift_types: expected at least 1 items, got 0",
    "not_utf8": "50: not UTF-8 text: save the file as UTF-8 (accented names in another encoding)",
    "officer_id_number": '49: officers[2].id: expected text, got 103; write it in quotes: "103"',
    "officer_rule_unknown_key": "44: officers[0].rules.max_consecutive_days.day: unknown key 'day' (did you mean 'days'?)",
    "request_outside_horizon": "36: officers[0].requests[0].date: date 2026-03-09 is outside the horizon 2026-03-02 .. 2026-03-08",
    "rule_mode_off_unquoted": "80: rules.min_rest.mode: expected 'hard', 'soft' or 'off', got false (YAML reads a bare yes/no/on/off as true/false: put the word in quotes)",
    "scenario_is_list": "2: a scenario is a mapping of keys (horizon:, shift_types:, officers:, ...), not a list",
    "shift_hours_not_a_number": "16: shift_types[0].hours: expected a number, got '8h'",
    "shift_start_not_whole_slot": '15: shift_types[0].start: "06:30" is not on the 60-minute grid of horizon.slot_minutes; use e.g. "06:00" or "07:00"',
    "skills_not_a_list": "47: officers[1].skills: expected a list, got 'driver'",
    "tab_indentation": "6: YAML syntax: found a tab character that violates indentation (indent with spaces, not tabs)",
    "task_unknown_kind": "61: tasks[0].kind: expected 'event', 'prisoner_transfer', 'protected_site' or 'other', got 'transfer'",
    "task_unknown_skill": "68: tasks[0].skills[0]: unknown skill 'diver'",
    "time_without_leading_zero": "55: demand.windows[0].start: write the hour with two digits: \"06:00\", not '6:00'",
    "unavailability_end_before_start": "29: officers[0].unavailable[0].end: end 2026-03-04 is before start 2026-03-05",
    "unavailability_not_a_date": "28: officers[0].unavailable[0].start: expected a date like 2026-03-02 or a date and time like 2026-03-02 08:00, got 'next thursday'",
    "unavailability_unknown_reason": "30: officers[0].unavailable[0].reason: expected 'leave', 'training', 'court', 'sick', 'day_off' or 'other', got 'holiday'",
    "unknown_duty_in_fixed": "34: officers[0].fixed[0].duty: unknown duty 'patrol' (response, a hotspot or a task)",
    "unknown_nested_key": "51: officers[2].contract_hour: unknown key 'contract_hour' (did you mean 'contract_hours'?)",
    "unknown_rule": "79: rules.min_rests: unknown rule 'min_rests' (did you mean 'min_rest'?)",
    "unknown_rule_pack": "78: rules.pack: unknown rule pack 'belgian-polic' (did you mean 'belgian-police'?)",
    "unknown_rule_parameter": "80: rules.min_rest.hour: unknown key 'hour' (did you mean 'hours'?)",
    "unknown_shift_in_fixed": "33: officers[0].fixed[0].shift: unknown shift type 'night'",
    "unknown_shift_in_request": "37: officers[0].requests[0].shift: unknown shift type 'lates'",
    "unknown_skill": "48: officers[1].skills[0]: unknown skill 'riot'",
    "unknown_timezone": "7: horizon.timezone: unknown time zone 'Europe/Brussel' (did you mean 'Europe/Brussels'?)",
    "unknown_top_level_key": "77: solvr: unknown key 'solvr' (did you mean 'solver'?)",
    "unknown_weekday": "54: demand.windows[0].days[0]: expected a weekday (mon..sun), a range (mon-thu), 'all', 'weekdays', 'weekend' or a date, got 'mon-fr'",
    "unquoted_time": '19: shift_types[1].start: unquoted time read by YAML as the number 840; write it in quotes: "14:00"',
    "want_not_boolean": "38: officers[0].requests[0].want: expected true or false, got 'maybe'",
    "yaml_syntax_error": "55: YAML syntax: did not find expected ',' or ']' (while parsing the [...] list that starts at line 54)",
}


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in messages are as given: relative to the repo root."""
    monkeypatch.chdir(ROOT)


def test_valid_minimal_loads() -> None:
    loaded = load_scenario(f"{DATA}/valid_minimal.yaml")
    sc = loaded.scenario
    assert len(sc.officers) == 3
    assert len(sc.shift_types) == 2
    assert len(sc.hotspots) == 1
    assert len(sc.tasks) == 1
    assert str(sc.horizon.start) == "2026-03-02" and sc.horizon.days == 7
    assert loaded.warnings == []


def test_every_file_covered() -> None:
    files = {p.name[len("invalid_") : -len(".yaml")] for p in (ROOT / DATA).glob("invalid_*.yaml")}
    assert sorted(files - EXPECTED.keys()) == [], "invalid files without an expected message"
    assert sorted(EXPECTED.keys() - files) == [], "expected messages without a file"


@pytest.mark.parametrize("reason", sorted(EXPECTED))
def test_invalid_input_message(reason: str) -> None:
    path = f"{DATA}/invalid_{reason}.yaml"
    with pytest.raises(InputError) as info:
        load_scenario(path)
    assert str(info.value) == f"{path}:{EXPECTED[reason]}"


def test_another_zone_in_a_one_zone_file_is_a_warning(tmp_path: Path) -> None:
    # Lent officers of another zone are allowed (they staff tasks), but a zone typed wrong would take an
    # officer off the response and leave a hotspot uncovered without a word: both are warned about.
    text = (ROOT / DATA / "valid_minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("    contract_hours: 19\n", "    contract_hours: 19\n    zone: ZP Other\n")
    text = text.replace("    name: Railway station\n", "    name: Railway station\n    zone: ZP Tset\n")
    # The lent officer's zone has him for its hotspots, not for emergency response.
    text = text.replace("      count: 1\n", "      count: 1\n      zone: ZP Other\n")
    path = tmp_path / "zone.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.warnings == [
        f"{path}:52: officers[2] 'o3' of zone 'ZP Other', not 'ZP Test': they do tasks and their zone's hotspots, "
        "never this zone's emergency response",
        f"{path}:74: hotspots[0]: zone 'ZP Tset': nobody here can staff it (the file's zone is 'ZP Test')",
        f"{path}:59: demand.windows[0]: zone 'ZP Other': nobody here can staff it (the file's zone is 'ZP Test')",
    ]
