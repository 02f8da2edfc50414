"""The Curtois-Qu benchmark reader (scheduler/io/nrp.py): parsing, conversion, reference objective and rules."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from scheduler.errors import InputError
from scheduler.nrp import (
    NrpInstance,
    nrp_objective,
    nrp_to_scenario_dict,
    nrp_violations,
    parse_nrp,
    parse_nrp_text,
    read_nrp_scenario,
    slot_minutes_for,
    write_nrp_yaml,
)
from scheduler.problem import build_problem
from scheduler.scenario.load import load_scenario, load_source
from scheduler.scenario.yaml_source import YamlSource

DATA = Path(__file__).resolve().parent.parent / "benchmarks" / "data" / "nrp"
INSTANCES = range(1, 13)

# The README's table: instance -> (staff, days, shift types).
SIZES = {
    1: (8, 14, 1), 2: (14, 14, 2), 3: (20, 14, 3), 4: (10, 28, 2), 5: (16, 28, 2), 6: (18, 28, 3),
    7: (20, 28, 3), 8: (30, 28, 4), 9: (36, 28, 4), 10: (40, 28, 5), 11: (50, 28, 6), 12: (60, 28, 10),
}


def instance_path(i: int) -> Path:
    return DATA / f"Instance{i}.txt"


@pytest.fixture(scope="module")
def parsed() -> dict[int, NrpInstance]:
    return {i: parse_nrp(instance_path(i)) for i in INSTANCES}


# ------------------------------------------------------------------------------------------------
# The twelve instances


def test_data_copied_unchanged() -> None:
    shared = Path("/work/shared/benchmarks/nrp")
    if not shared.is_dir():
        pytest.skip("shared benchmark folder not available")
    for name in [*(f"Instance{i}.txt" for i in INSTANCES), "README.md"]:
        assert (DATA / name).read_bytes() == (shared / name).read_bytes(), name


@pytest.mark.parametrize("i", INSTANCES)
def test_sizes_match_readme(parsed: dict[int, NrpInstance], i: int) -> None:
    inst = parsed[i]
    assert (len(inst.staff), inst.horizon, len(inst.shifts)) == SIZES[i]
    assert inst.cover and inst.on_requests
    assert inst.source == str(instance_path(i))


def test_instance1_fields(parsed: dict[int, NrpInstance]) -> None:
    inst = parsed[1]
    assert [(s.id, s.length, s.cannot_follow) for s in inst.shifts] == [("D", 480, ())]
    a = inst.staff_by_id["A"]
    assert (a.max_shifts, a.max_total_minutes, a.min_total_minutes) == ({"D": 14}, 4320, 3360)
    assert (a.max_consecutive_shifts, a.min_consecutive_shifts) == (5, 2)
    assert (a.min_consecutive_days_off, a.max_weekends) == (2, 1)
    assert inst.days_off_of("A") == {0} and inst.days_off_of("H") == {7}
    assert len(inst.on_requests) == 21 and len(inst.off_requests) == 5
    assert inst.cover[0].day == 0 and inst.cover[0].requirement == 5 and inst.cover[0].weight_under == 100
    assert parsed[12].shift_by_id["n1"].cannot_follow == ("a1", "a2", "a3", "d1", "d2", "d3", "p1", "p2", "p3")


def test_instance1_empty_assignment_is_cover_plus_on_requests(parsed: dict[int, NrpInstance]) -> None:
    # Computed from the raw text lines, not from the parser: nobody works, so every cover line is
    # short by its whole requirement (x weightUnder) and every on request is missed; off requests
    # and over-cover cost nothing.
    expected = 0
    section = ""
    for line in instance_path(1).read_text().splitlines():
        if line.startswith("SECTION_"):
            section = line.strip()
        elif line.strip() and not line.startswith("#"):
            parts = line.split(",")
            if section == "SECTION_COVER":
                expected += int(parts[2]) * int(parts[3])
            elif section == "SECTION_SHIFT_ON_REQUESTS":
                expected += int(parts[3])
    # By hand: cover 5+7+6+4+5+5+5+6+7+4+2+5+6+4 = 71 officers x 100 = 7100; on-request weights
    # A 2+2, B 5x3, C 5x1, D 2+2, F 2+2, H 5x1 = 37.
    assert expected == 7137
    assert nrp_objective(parsed[1], {}) == expected
    # The empty roster breaks only MinTotalMinutes (one line per employee).
    assert [v.split(":")[0] for v in nrp_violations(parsed[1], {})] == ["rule 4 (min total minutes)"] * 8


@pytest.mark.parametrize("i", INSTANCES)
def test_scenario_loads_and_builds_a_problem(parsed: dict[int, NrpInstance], i: int) -> None:
    inst = parsed[i]
    data = nrp_to_scenario_dict(inst, f"Instance{i}")
    loaded = load_source(YamlSource(yaml.safe_dump(data, sort_keys=False), f"Instance{i}.yaml"), None)
    problem = build_problem(loaded)
    assert problem.days == inst.horizon
    assert [s.id for s in problem.shift_types] == [s.id for s in inst.shifts]
    assert [o.id for o in problem.officers] == [e.id for e in inst.staff]
    assert len(problem.cover_needs) == len(inst.cover)
    # Same scenario through read_nrp_scenario (the YAML path with dates unquoted).
    assert read_nrp_scenario(instance_path(i)).scenario == loaded.scenario


@pytest.mark.parametrize("i", INSTANCES)
def test_scenario_rules_match_the_instance(parsed: dict[int, NrpInstance], i: int) -> None:
    """Every per-employee limit of the format reaches the resolved rules with the same effect."""
    inst = parsed[i]
    loaded = read_nrp_scenario(instance_path(i))
    problem = build_problem(loaded)
    h = inst.horizon
    assert loaded.scenario.horizon.timezone == "UTC" and problem.horizon_minutes == h * 1440
    assert loaded.rules.min_rest.mode == "off" and loaded.rules.weekly_rest.mode == "off"
    assert {tuple(p) for p in loaded.rules.forbidden_successions.pairs} == {
        (s.id, t) for s in inst.shifts for t in s.cannot_follow
    }
    assert set(problem.weights.values()) <= {0, 1} and problem.weights["requests"] == 1
    for e, o in zip(inst.staff, problem.officers, strict=True):
        r = loaded.rules_for(e.id)
        assert all(
            getattr(r, key).mode == "hard"
            for key in ("max_consecutive_days", "min_consecutive_days", "min_consecutive_days_off", "max_weekends",
                        "horizon_minutes", "max_shifts_per_type", "forbidden_successions")
        )
        assert min(r.max_consecutive_days.days, h) == min(e.max_consecutive_shifts, h)
        assert r.min_consecutive_days.days == max(e.min_consecutive_shifts, 1)
        assert r.min_consecutive_days.exempt_at_start
        assert r.min_consecutive_days_off.days == max(e.min_consecutive_days_off, 1)
        assert r.min_consecutive_days_off.exempt_at_start
        weekends = h // 7 if r.max_weekends.weekends is None else min(r.max_weekends.weekends, h // 7)
        assert weekends == min(e.max_weekends, h // 7)
        assert (o.min_minutes, o.max_minutes) == (e.min_total_minutes, e.max_total_minutes)
        assert {problem.shift_types[k].id: v for k, v in o.max_shifts.items()} == e.max_shifts
        off_days = {problem.instances[k].day for k in o.blocked}
        assert off_days == set(inst.days_off_of(e.id))


POINT = 60  # problem.py keeps cover weights in internal units: weight x 60 per officer


def _objective_from_problem(problem, roster: dict[tuple[str, int], str]) -> int:
    """The benchmark objective recomputed from the converted Problem (requests and cover needs)."""
    shift_ids = [s.id for s in problem.shift_types]
    total = 0
    for o in problem.officers:
        for r in o.requests:
            got = roster.get((o.id, r.day))
            hit = got is not None and (r.shift is None or got == shift_ids[r.shift])
            total += r.weight if hit != r.want else 0
    for c in problem.cover_needs:
        inst = problem.instances[c.instance]
        x = sum(1 for o in problem.officers if roster.get((o.id, inst.day)) == shift_ids[inst.shift])
        total += (c.under_weight * max(0, c.count - x) + c.over_weight * max(0, x - c.count)) // POINT
    return total


@pytest.mark.parametrize("i", INSTANCES)
def test_converted_objective_equals_reference(parsed: dict[int, NrpInstance], i: int) -> None:
    inst = parsed[i]
    problem = build_problem(read_nrp_scenario(instance_path(i)))
    rng = random.Random(i)
    for _ in range(5):
        roster = {
            (e.id, d): rng.choice(inst.shifts).id for e in inst.staff for d in range(inst.horizon) if rng.random() < 0.6
        }
        assert _objective_from_problem(problem, roster) == nrp_objective(inst, roster)


# ------------------------------------------------------------------------------------------------
# Writing YAML


def test_write_yaml_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "instance5.yaml"
    write_nrp_yaml(instance_path(5), out)
    text = out.read_text()
    assert text.startswith("# Curtois-Qu shift scheduling benchmark instance Instance5.txt")
    assert "start: 2024-01-01\n" in text and 'start: "00:00"' in text and "pack: nrp" in text
    assert "\t" not in text and "{{" not in text
    from_file = load_scenario(out)
    direct = read_nrp_scenario(instance_path(5))
    assert from_file.scenario == direct.scenario
    assert from_file.rules == direct.rules and from_file.officer_rules == direct.officer_rules


# ------------------------------------------------------------------------------------------------
# Parsing details

CLEAN = """SECTION_HORIZON
7

SECTION_SHIFTS
E,480,
L,480,E

SECTION_STAFF
A,E=7|L=7,3360,0,7,1,1,1
B,E=7|L=2,3360,0,7,1,1,1

SECTION_DAYS_OFF
A,6

SECTION_SHIFT_ON_REQUESTS
A,0,E,2
A,1,L,3

SECTION_SHIFT_OFF_REQUESTS
B,2,E,4

SECTION_COVER
0,E,1,100,1
0,L,1,50,2
1,E,0,100,5
"""

MESSY = (
    "# a comment first\r\n"
    "SECTION_HORIZON\r\n"
    "   # indented comment\r\n"
    "7,\r\n"
    "\r\n\r\n"
    "SECTION_SHIFTS\r\n"
    "# ShiftID, Length in mins, Shifts which cannot follow this shift | separated\r\n"
    "E,480,\r\n"
    "\r\n"
    "L , 480 , E| ,\r\n"
    "SECTION_STAFF\r\n"
    "A,E=7|L=7,3360,0,7,1,1,1,\r\n"
    "# comment between data lines\r\n"
    "B,E=7|L=2,3360,0,7,1,1,1   # trailing comment\r\n"
    "SECTION_DAYS_OFF\r\n"
    "A,6,,\r\n"
    "SECTION_SHIFT_ON_REQUESTS\r\n"
    "A,0,E,2\r\n"
    "A,1,L,3\r\n"
    "SECTION_SHIFT_OFF_REQUESTS\r\n"
    "\r\n"
    "B,2,E,4\r\n"
    "SECTION_COVER\r\n"
    "0,E,1,100,1\r\n"
    "0,L,1,50,2\r\n"
    "1,E,0,100,5\r\n"
    "# the end"
)


def test_parser_is_robust_to_comments_blank_lines_trailing_commas_and_crlf() -> None:
    clean = parse_nrp_text(CLEAN, "x.txt")
    messy = parse_nrp_text(MESSY, "x.txt")
    assert messy == clean
    assert clean.shift_by_id["L"].cannot_follow == ("E",) and clean.shift_by_id["E"].cannot_follow == ()


def test_parse_from_file_with_crlf(tmp_path: Path) -> None:
    path = tmp_path / "tiny.txt"
    path.write_bytes(MESSY.encode())
    inst = parse_nrp(path)
    assert inst.horizon == 7 and inst.source == str(path)


@pytest.mark.parametrize(
    ("broken", "line", "words"),
    [
        (CLEAN.replace("0,L,1,50,2", "0,X,1,50,2"), 24, "unknown shift 'X'"),
        (CLEAN.replace("B,2,E,4", "B,2,E"), 20, "expected 4 comma-separated fields"),
        (CLEAN.replace("A,0,E,2", "Z,0,E,2"), 16, "unknown EmpID 'Z'"),
        (CLEAN.replace("A,6", "A,7"), 13, "outside the horizon 0..6"),
        (CLEAN.replace("L,480,E", "L,480,Q"), 6, "CannotFollow of 'L': unknown shift 'Q'"),
        (CLEAN.replace("L,480,E", "L,eight,E"), 6, "LengthInMinutes: expected a whole number"),
        (CLEAN.replace("E=7|L=2", "E=7|L"), 10, "MaxShifts: expected ShiftID=number"),
        (CLEAN.replace("3360,0,7,1,1,1\nB", "3360,4000,7,1,1,1\nB"), 9, "MinTotalMinutes 4000 > MaxTotalMinutes 3360"),
        (CLEAN.replace("B,E=7", "A,E=7"), 10, "duplicate EmpID 'A'"),
        (CLEAN.replace("1,E,0,100,5", "0,E,0,100,5"), 25, "given twice"),
        (CLEAN.replace("SECTION_COVER", "SECTION_COVERS"), 22, "unknown section"),
        ("7\n" + CLEAN, 1, "data outside a section"),
        (CLEAN.replace("SECTION_HORIZON\n7\n", ""), None, "SECTION_HORIZON: section missing"),
    ],
)
def test_parse_errors_name_file_and_line(broken: str, line: int | None, words: str) -> None:
    with pytest.raises(InputError) as info:
        parse_nrp_text(broken, "bad.txt")
    problems = info.value.problems
    assert any(p.file == "bad.txt" and p.line == line and words in str(p) for p in problems), str(info.value)


def test_parse_reports_every_problem_at_once() -> None:
    broken = CLEAN.replace("A,6", "Z,6").replace("0,L,1,50,2", "0,X,1,50,2")
    with pytest.raises(InputError) as info:
        parse_nrp_text(broken, "bad.txt")
    assert [p.line for p in info.value.problems] == [13, 24]


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        parse_nrp(tmp_path / "missing.txt")


# ------------------------------------------------------------------------------------------------
# Conversion details


def test_conversion_of_the_tiny_instance() -> None:
    data = nrp_to_scenario_dict(parse_nrp_text(CLEAN, "tiny.txt"), "tiny")
    assert data["horizon"] == {"start": "2024-01-01", "days": 7, "timezone": "UTC", "slot_minutes": 60}
    assert data["zone"] == "nrp" and data["skills"] == []
    assert data["shift_types"] == [{"id": "E", "start": "00:00", "hours": 8}, {"id": "L", "start": "00:00", "hours": 8}]
    a, b = data["officers"]
    assert a["unavailable"] == [{"start": "2024-01-07", "reason": "day_off"}]
    assert a["requests"] == [
        {"date": "2024-01-01", "shift": "E", "want": True, "weight": 2},
        {"date": "2024-01-02", "shift": "L", "want": True, "weight": 3},
    ]
    assert b["requests"] == [{"date": "2024-01-03", "shift": "E", "want": False, "weight": 4}]
    assert b["max_shifts"] == {"E": 7, "L": 2} and (b["min_minutes"], b["max_minutes"]) == (0, 3360)
    # Max 7 consecutive in 7 days, minima of 1 and one weekend of one: all the same as the pack.
    assert "rules" not in a and "rules" not in b
    assert data["demand"]["shift_cover"][1] == {
        "days": ["2024-01-01"], "shift": "L", "count": 1, "under_weight": 50, "over_weight": 2,
    }
    assert data["rules"] == {"pack": "nrp", "forbidden_successions": {"pairs": [["L", "E"]]}}
    assert data["objective"]["weights"]["requests"] == 1
    assert sum(data["objective"]["weights"].values()) == 1
    # The benchmark asks for the full model and its own bound (no staffing plan): its settings say so.
    assert data["solver"] == {"time_limit": 60, "workers": 2, "strategy": "monolithic", "plan_bound": False}


def test_conversion_overrides_and_edge_values() -> None:
    text = CLEAN.replace("A,E=7|L=7,3360,0,7,1,1,1", "A,E=7|L=7,3360,0,3,2,0,0").replace(
        "B,E=7|L=2,3360,0,7,1,1,1", "B,E=7|L=2,3360,0,0,1,3,1"
    )
    data = nrp_to_scenario_dict(parse_nrp_text(text, "t.txt"), "t")
    a, b = data["officers"]
    assert a["rules"] == {
        "max_consecutive_days": {"days": 3},
        "min_consecutive_days": {"days": 2, "exempt_at_start": True},
        "max_weekends": {"weekends": 0},
    }
    # MaxConsecutiveShifts 0: may never work, which the schema says with max_shifts 0.
    assert b["max_shifts"] == {"E": 0, "L": 0}
    assert b["rules"] == {
        "max_consecutive_days": {"days": 1},
        "min_consecutive_days_off": {"days": 3, "exempt_at_start": True},
    }


def test_slot_minutes() -> None:
    assert slot_minutes_for([480, 600]) == 60
    assert slot_minutes_for([450, 480]) == 30
    assert slot_minutes_for([485]) == 5
    assert slot_minutes_for([487]) == 1


def test_schema_limit_is_reported_on_the_instance_file(tmp_path: Path) -> None:
    # The schema allows at most 364 days (52 weeks); a longer benchmark horizon is reported against the .txt file.
    path = tmp_path / "long.txt"
    path.write_text(CLEAN.replace("SECTION_HORIZON\n7", "SECTION_HORIZON\n371"))
    with pytest.raises(InputError) as info:
        read_nrp_scenario(path)
    assert all(p.file == str(path) for p in info.value.problems)
    assert "horizon.days" in str(info.value) and "as a scenario" in str(info.value)


# ------------------------------------------------------------------------------------------------
# Reference objective on the tiny instance


def test_objective_by_hand() -> None:
    inst = parse_nrp_text(CLEAN, "tiny.txt")
    # A works E on days 0 and 1, B works E on days 0 and 2.
    roster = {("A", 0): "E", ("A", 1): "E", ("B", 0): "E", ("B", 2): "E"}
    # on A,0,E,2 met: 0; on A,1,L,3 missed (works E instead): 3; off B,2,E,4 broken: 4;
    # cover day 0 E: 2 on, 1 wanted, over 1 x 1 = 1; day 0 L: 0 on, 1 wanted, under 1 x 50 = 50;
    # day 1 E: 1 on, 0 wanted, over 1 x 5 = 5.  Total 3 + 4 + 1 + 50 + 5 = 63.
    assert nrp_objective(inst, roster) == 63
    # Nobody works: on requests 2 + 3 = 5; off 0; cover under 100 + 50 = 150; total 155.
    assert nrp_objective(inst, {}) == 155
    # A day off also misses an on request: A off on day 1 -> 3 (+ over-cover of day 0 E, 1).
    assert nrp_objective(inst, {("A", 0): "E", ("B", 0): "L"}) == 3
    # None counts as a day off.
    assert nrp_objective(inst, {("A", 0): "E", ("A", 1): None, ("B", 0): "L"}) == 3
    # Every cover and request met: A E on 0, L on 1; B L on 0 -> 0.
    assert nrp_objective(inst, {("A", 0): "E", ("A", 1): "L", ("B", 0): "L"}) == 0


def test_malformed_assignment_raises() -> None:
    inst = parse_nrp_text(CLEAN, "tiny.txt")
    for bad in ({("Z", 0): "E"}, {("A", 7): "E"}, {("A", -1): "E"}, {("A", 0): "X"}):
        with pytest.raises(ValueError):
            nrp_objective(inst, bad)
        with pytest.raises(ValueError):
            nrp_violations(inst, bad)


# ------------------------------------------------------------------------------------------------
# Reference hard rules, with their borders


def tiny(staff: str, horizon: int = 14, days_off: str = "") -> NrpInstance:
    """One employee A with the given staff fields after MaxShifts; shifts E and L (L then E forbidden)."""
    return parse_nrp_text(
        f"SECTION_HORIZON\n{horizon}\n\nSECTION_SHIFTS\nE,480,\nL,480,E\n\n"
        f"SECTION_STAFF\nA,E=28|L=28,{staff}\n\nSECTION_DAYS_OFF\n{days_off}\n",
        "tiny.txt",
    )


def roster(pattern: str) -> dict[tuple[str, int], str]:
    """'EE.L' -> A works E on days 0 and 1, off on day 2, L on day 3."""
    return {("A", d): c for d, c in enumerate(pattern) if c != "."}


def rules_broken(inst: NrpInstance, pattern: str) -> list[str]:
    assert len(pattern) == inst.horizon
    return [v.split(" (")[0] for v in nrp_violations(inst, roster(pattern))]


# Loose except for the field under test: max/min total minutes, max/min consecutive shifts,
# min consecutive days off, max weekends.
LOOSE = "99999,0,28,1,1,9"


def test_min_consecutive_shifts_borders() -> None:
    inst = tiny("99999,0,28,2,1,9")
    assert rules_broken(inst, "E.............") == []  # one day touching day 0: exempt
    assert rules_broken(inst, ".............E") == []  # one day touching day H-1: exempt
    assert rules_broken(inst, ".E............") == ["rule 6"]  # the same block inside: violation
    assert rules_broken(inst, "......E.......") == ["rule 6"]
    assert rules_broken(inst, ".EE..........E") == []
    assert rules_broken(inst, "E.E.........EE") == ["rule 6"]


def test_min_consecutive_days_off_borders() -> None:
    inst = tiny("99999,0,28,1,2,9")
    assert rules_broken(inst, ".EEEEEEEEEEEEE") == []  # one day off touching day 0: exempt
    assert rules_broken(inst, "EEEEEEEEEEEEE.") == []  # touching day H-1: exempt
    assert rules_broken(inst, "E.EEEEEEEEEEEE") == ["rule 7"]  # inside: violation
    assert rules_broken(inst, "EEEEEE.EEEEEEE") == ["rule 7"]
    assert rules_broken(inst, "EEEEE..EEEEEEE") == []
    assert rules_broken(inst, "..............") == []  # one block of days off over the whole horizon


def test_max_consecutive_shifts_counts_inside_the_horizon_only() -> None:
    inst = tiny("99999,0,3,1,1,9")
    assert rules_broken(inst, "EEE...........") == []  # days before day 0 count as off
    assert rules_broken(inst, "...........EEE") == []  # and after day H-1
    assert rules_broken(inst, "EEEE..........") == ["rule 5"]
    assert rules_broken(inst, "..........EEEE") == ["rule 5"]
    assert rules_broken(inst, "EEE.EEE.LLL.EE") == []
    assert rules_broken(inst, "EEEEEEE.......") == ["rule 5"]  # one block, one line


def test_weekend_counts_if_saturday_or_sunday_is_worked() -> None:
    inst = tiny("99999,0,28,1,1,1")
    assert rules_broken(inst, ".....EE.......") == []  # Sat 5 + Sun 6: one weekend
    assert rules_broken(inst, ".....E......E.") == ["rule 8"]  # Sat 5 and Sat 12: two weekends
    assert rules_broken(inst, "......E......E") == ["rule 8"]  # Sun 6 and Sun 13
    assert rules_broken(inst, "......EE......") == []  # Sun 6 and Mon 7: one weekend
    assert rules_broken(inst, "EEEEE..EEEEE..") == []  # weekdays only
    assert rules_broken(tiny("99999,0,28,1,1,0"), "............E.") == ["rule 8"]


def test_cannot_follow() -> None:
    inst = tiny(LOOSE)
    assert rules_broken(inst, "LE............") == ["rule 2"]  # L then E next day
    assert rules_broken(inst, "EL............") == []
    assert rules_broken(inst, "L.E...........") == []  # a day between
    assert rules_broken(inst, "LLLEEE........") == ["rule 2"]
    assert rules_broken(inst, ".............L") == []  # the day after the horizon does not count
    assert rules_broken(inst, "LELE..........") == ["rule 2", "rule 2"]


def test_max_shifts_total_minutes_and_days_off() -> None:
    inst = parse_nrp_text(CLEAN, "tiny.txt")
    assert nrp_violations(inst, {("B", 0): "L", ("B", 2): "L"}) == []
    assert [v.split(" (")[0] for v in nrp_violations(inst, {("B", d): "L" for d in (0, 2, 4)})] == ["rule 3"]
    assert rules_broken(tiny("960,0,28,1,1,9"), "EL.E..........") == ["rule 4"]  # 1440 min > 960
    assert rules_broken(tiny("99999,1440,28,1,1,9"), "EL............") == ["rule 4"]  # 960 < 1440
    assert rules_broken(tiny("960,960,28,1,1,9"), "EL............") == []
    off = tiny(LOOSE, days_off="A,3,4")
    assert rules_broken(off, "EEE.....EEEEEE") == []
    assert rules_broken(off, "EEEEE.........") == ["rule 9", "rule 9"]
    message = nrp_violations(off, roster("...L.........."))[0]
    assert message == "rule 9 (days off): A works L on day off 3"
