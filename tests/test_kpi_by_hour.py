"""The report's measures in roster.json: hour-of-week coverage and per-officer counts, checked by hand
and against the independent checker (same slots, same shortfall)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
import yaml

from scheduler.check import check_roster
from scheduler.measures import compute_measures, hour_of_week
from scheduler.problem import Problem, build_problem
from scheduler.roster import Assignment
from scheduler.scenario.load import load_scenario, load_source
from scheduler.scenario.yaml_source import YamlSource

TINY = Path(__file__).resolve().parent.parent / "examples" / "tiny" / "zone.yaml"
FRI, SAT = 4, 5


@pytest.fixture(scope="module")
def tiny() -> Problem:
    return build_problem(load_scenario(str(TINY)))


# Market square wants 2 officers Fri and Sat 18:00-02:00. One officer on Late (to 22:00) and one on
# Night (22:00-06:00) there on Friday: 1 of 2 officers for Friday's 8 hours, nobody on Saturday.
ROSTER = [
    Assignment("o01", FRI, "L", "market"),
    Assignment("o02", FRI, "N", "market"),
    Assignment("o03", 0, "E", "response"),
    Assignment("o04", SAT, "N", "response"),
]


def test_hotspot_by_hour_of_week(tiny: Problem) -> None:
    h = compute_measures(tiny, ROSTER)["hotspots"]["market"]
    target, delivered = h["by_hour_of_week"]["target"], h["by_hour_of_week"]["delivered"]
    assert len(target) == len(delivered) == 168
    friday_evening = [FRI * 24 + hour for hour in range(18, 24)] + [SAT * 24, SAT * 24 + 1]
    saturday_evening = [SAT * 24 + hour for hour in range(18, 24)] + [6 * 24, 6 * 24 + 1]
    assert {i for i, v in enumerate(target) if v} == set(friday_evening + saturday_evening)
    assert all(target[i] == 2 for i in friday_evening + saturday_evening)
    assert all(delivered[i] == 1 for i in friday_evening)
    assert all(delivered[i] == 0 for i in saturday_evening)
    assert sum(target) == h["target_officer_hours"] == 32
    assert sum(delivered) == h["delivered_officer_hours"] == 8


def test_shortfalls_agree_with_the_checker(tiny: Problem) -> None:
    m = compute_measures(tiny, ROSTER)
    penalties = check_roster(tiny, ROSTER).penalties
    # Hotspot: every target of the market has weight 2, so the checker's penalty is 24 h short x 2 x weight.
    short = sum(t - d for t, d in zip(*m["hotspots"]["market"]["by_hour_of_week"].values(), strict=True))
    assert short == 24
    assert penalties["hotspot_shortfall"] == pytest.approx(short * 2 * tiny.weights["hotspot_shortfall"])
    # Response: wanted - delivered over every line and hour is the shortfall the checker charges.
    lines = m["response_by_hour_of_week"]
    assert set(lines) == {"patrol"}
    by_hour_short = sum(w - d for line in lines.values() for w, d in zip(line["wanted"], line["delivered"], strict=True))
    assert by_hour_short == pytest.approx(m["response_shortfall_officer_hours"])
    assert sum(lines["patrol"]["wanted"]) == pytest.approx(m["response_wanted_officer_hours"])
    assert penalties["response_shortfall"] == pytest.approx(by_hour_short * tiny.weights["response_shortfall"])
    # o03 (patrol) on Monday's Early: 1 of the 2 wanted from 06:00 to 14:00.
    assert lines["patrol"]["delivered"][6:14] == [1] * 8
    assert lines["patrol"]["wanted"][6:14] == [2] * 8


def test_per_officer(tiny: Problem) -> None:
    m = compute_measures(tiny, ROSTER)
    per = m["per_officer"]
    assert set(per) == {o.id for o in tiny.officers}
    assert per["o02"] == {
        "name": "Bram Janssens", "team": "A", "hours": 8.0, "nights": 1, "weekend_shifts": 0, "hycap_hours": 0.0,
        "overtime_hours": 0.0, "comparable_group": "tiny 38 h",
    }
    assert per["o04"]["weekend_shifts"] == 1 and per["o04"]["nights"] == 1
    # o03 has a day of leave and o05 another contract: not comparable, so not in the spreads.
    assert per["o03"]["comparable_group"] is None and per["o05"]["comparable_group"] is None
    group = [o for o in per.values() if o["comparable_group"]]
    for key in ("nights", "weekend_shifts", "hours"):
        values = [o[key] for o in group]
        assert m["fairness"][f"{key}_spread"] == max(values) - min(values)


@pytest.mark.parametrize(("start", "sunday_2h", "sunday_3h"), [(dt.date(2026, 10, 19), 2, 1), (dt.date(2026, 3, 23), 0, 1)],
                         ids=["autumn", "spring"])
def test_hour_of_week_in_a_daylight_saving_week(start: dt.date, sunday_2h: int, sunday_3h: int) -> None:
    data = {
        "name": "dst", "zone": "z", "horizon": {"start": start, "days": 7, "timezone": "Europe/Brussels"},
        "shift_types": [{"id": "E", "start": "06:00", "hours": 8}], "officers": [{"id": "a"}],
        "rules": {"pack": "belgian-police"},
    }
    problem = build_problem(load_source(YamlSource(yaml.safe_dump(data), "<dst>"), None))
    per_slot = 60 // problem.slot_minutes
    hours = Counter(hour_of_week(problem))
    # The clocks go back: 02:00-03:00 is lived twice; forward: it never happens.
    assert hours[6 * 24 + 2] == sunday_2h * per_slot
    assert hours[6 * 24 + 3] == sunday_3h * per_slot
    assert sum(hours.values()) == problem.n_slots
