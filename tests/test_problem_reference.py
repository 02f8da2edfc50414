"""What the model and the checker both read from `problem.py`, recomputed slot by slot from the scenario.

The checker recomputes every rule and penalty from the roster, but the scenario reaches it through the
same translation as the model (`build_problem`: local times to absolute minutes, windows to slots, leave
to blocked shifts, skills to allowed duties). A mistake there would reach both and agree with itself.
This test derives the same data another way, from the scenario file only: each slot and each shift as an
aware date-time, each window as the date-times it spans on each of its days, and asks which contains
which. Single-zone scenarios (a region's split of work between zones is tested in test_region.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from scheduler.problem import Problem, build_problem
from scheduler.scenario.load import LoadedScenario, load_scenario, load_source
from scheduler.scenario.schema import Scenario, Window
from scheduler.scenario.values import weekday_set
from scheduler.scenario.yaml_source import YamlSource
from tests.random_scenarios import load_random

ROOT = Path(__file__).resolve().parent.parent
UTC = dt.UTC


class Reference:
    """The scenario's times as aware date-times, with nothing shared with problem.py but the config."""

    def __init__(self, sc: Scenario, loaded: LoadedScenario) -> None:
        self.sc = sc
        self.rules_for = loaded.rules_for  # each officer's rules: the pack, the scenario's and his overrides
        self.tz = ZoneInfo(sc.horizon.timezone)
        self.start = sc.horizon.start
        self.slot = dt.timedelta(minutes=sc.horizon.slot_minutes)
        self.origin = self.at(self.start, "00:00")
        self.end = self.at(self.start + dt.timedelta(days=sc.horizon.days), "00:00")

    def at(self, date: dt.date, clock: str) -> dt.datetime:
        """The instant of a local clock time on a date ("24:00" is the next midnight)."""
        if clock == "24:00":
            date, clock = date + dt.timedelta(days=1), "00:00"
        hour, minute = map(int, clock.split(":"))
        return dt.datetime(date.year, date.month, date.day, hour, minute, tzinfo=self.tz).astimezone(UTC)

    def minute(self, when: dt.datetime) -> int:
        return int((when - self.origin).total_seconds() // 60)

    def slots(self) -> list[tuple[dt.datetime, dt.datetime]]:
        out, t = [], self.origin
        while t + self.slot <= self.end:
            out.append((t, t + self.slot))
            t += self.slot
        return out

    def dates(self, days: list) -> list[dt.date]:
        horizon = [self.start + dt.timedelta(days=k) for k in range(self.sc.horizon.days)]
        picked = set()
        for spec in days:
            if isinstance(spec, dt.date):
                picked.add(spec)
            else:
                picked |= {d for d in horizon if d.weekday() in weekday_set(spec)}
        return sorted(d for d in picked if d in horizon)

    def spans(self, w: Window) -> list[tuple[dt.datetime, dt.datetime]]:
        """The window on each of its days; an end at or before the start is on the next day."""
        out = []
        for d in self.dates(w.days):
            begin = self.at(d, w.start)
            finish = self.at(d, w.end)
            if finish <= begin:
                finish = self.at(d + dt.timedelta(days=1), w.end)
            out.append((begin, finish))
        return out

    def shift(self, date: dt.date, shift_id: str) -> tuple[dt.datetime, dt.datetime]:
        """A shift on a date: its start, and its end on the clock (a night over a change lasts 7 or 9 h)."""
        st = next(s for s in self.sc.shift_types if s.id == shift_id)
        begin = dt.datetime.combine(date, dt.time.fromisoformat(st.start))
        end_local = begin + dt.timedelta(minutes=st.minutes)
        return (begin.replace(tzinfo=self.tz).astimezone(UTC), end_local.replace(tzinfo=self.tz).astimezone(UTC))

    def counted(self) -> list[int]:
        """Slots a window may ask for: not those before the first shift that last week's shifts cover."""
        first = min(self.shift(self.start, s.id)[0] for s in self.sc.shift_types)
        before = [self.shift(self.start - dt.timedelta(days=1), s.id) for s in self.sc.shift_types]
        return [t for t, (a, b) in enumerate(self.slots())
                if a >= first or not any(x <= a and b <= y for x, y in before)]

    def needs(self, windows: list[tuple[Window, int]], combine: str) -> dict[int, int]:
        """Slot -> officers wanted by (window, count) pairs: their sum, or the largest."""
        slots = self.slots()
        out: dict[int, int] = {}
        for t in self.counted():
            a, b = slots[t]
            counts = [n for w, n in windows for x, y in self.spans(w) if x <= a and b <= y]
            if counts:
                out[t] = sum(counts) if combine == "sum" else max(counts)
        return out


def tiny_with_a_short_shift() -> LoadedScenario:
    """The tiny zone with a 3 h shift type, shorter than the pack's min_service (4 h), and a 4 h one."""
    text = (ROOT / "examples" / "tiny" / "zone.yaml").read_text(encoding="utf-8")
    more = '  - {id: S, start: "10:00", hours: 3}\n  - {id: F, start: "12:00", hours: 4}\n\n# Capacity'
    return load_source(YamlSource(text.replace("\n# Capacity", more, 1), "tiny-short"), None)


SCENARIOS = {
    "tiny": lambda: load_scenario(ROOT / "examples" / "tiny" / "zone.yaml"),
    "brussels-south": lambda: load_scenario(ROOT / "examples" / "brussels-south" / "zone.yaml"),
    "valid-minimal": lambda: load_scenario(ROOT / "tests" / "data" / "valid_minimal.yaml"),
    "tiny-short-shift": tiny_with_a_short_shift,
    **{f"random-{seed}": (lambda seed=seed: load_random(seed)) for seed in range(16)},
}


@pytest.fixture(scope="module", params=sorted(SCENARIOS))
def case(request: pytest.FixtureRequest) -> tuple[Scenario, Problem, Reference]:
    loaded = SCENARIOS[request.param]()
    assert not loaded.scenario.zones
    return loaded.scenario, build_problem(loaded), Reference(loaded.scenario, loaded)


def test_horizon_slots_and_shifts(case) -> None:
    sc, problem, ref = case
    assert problem.n_slots == len(ref.slots())
    for inst in problem.instances:
        date = ref.start + dt.timedelta(days=inst.day)
        a, b = ref.shift(date, sc.shift_types[inst.shift].id)
        assert (inst.start, inst.end) == (ref.minute(a), ref.minute(b))


def test_response_demand_per_slot(case) -> None:
    sc, problem, ref = case
    by_skill: dict[str | None, list[tuple[Window, int]]] = defaultdict(list)
    for w in sc.demand.windows:
        by_skill[w.skill].append((w, w.count))
    expected = {(sc.zone, skill): ref.needs(ws, "sum") for skill, ws in by_skill.items()}
    assert {k: v for k, v in problem.response_need.items() if v} == {k: v for k, v in expected.items() if v}


def test_hotspot_targets_per_slot(case) -> None:
    sc, problem, ref = case
    for h in sc.hotspots:
        duty = problem.duties[problem.duty_index(h.id)]
        assert duty.need == ref.needs([(t, t.officers) for t in h.targets], "max"), h.id


def test_task_headcount_per_slot(case) -> None:
    sc, problem, ref = case
    for task in sc.tasks:
        duty = problem.duties[problem.duty_index(task.id)]
        assert duty.need == ref.needs([(w, task.headcount) for w in task.windows], "sum"), task.id


def test_leave_and_short_shifts_are_blocked(case) -> None:
    sc, problem, ref = case
    checked = 0
    for o, po in zip(sc.officers, problem.officers, strict=True):
        spans = []
        for u in o.unavailable:
            if isinstance(u.start, dt.datetime):
                end = u.end if u.end is not None else u.start
                spans.append((u.start.replace(tzinfo=ref.tz) if u.start.tzinfo is None else u.start,
                              end.replace(tzinfo=ref.tz) if end.tzinfo is None else end))
            else:
                last = u.end.date() if isinstance(u.end, dt.datetime) else (u.end or u.start)
                spans.append((ref.at(u.start, "00:00"), ref.at(last, "24:00")))
        blocked = set()
        rule = ref.rules_for(o.id).min_service  # hard: shifts shorter than a service are blocked too
        shortest = dt.timedelta(hours=rule.hours if rule.mode == "hard" else 0)
        for inst in problem.instances:
            a, b = ref.shift(ref.start + dt.timedelta(days=inst.day), sc.shift_types[inst.shift].id)
            if any(a < y and x < b for x, y in spans) or b - a < shortest:
                blocked.add(inst.index)
        assert po.blocked == blocked, o.id
        checked += len(blocked)
    if any(o.unavailable for o in sc.officers):
        assert checked > 0  # the comparison saw some leave


def test_skills_and_zone_decide_the_duties_an_officer_may_do(case) -> None:
    # The skills a duty needs, all held; the response of the officer's own zone only; hotspots of his
    # zone; tasks of his zone or of none (a one-zone file's tasks are open to officers lent to it).
    sc, problem, _ = case
    for o, po in zip(sc.officers, problem.officers, strict=True):
        zone, held = o.zone or sc.zone, set(o.skills)
        expected = {problem.duty_index("response")} if zone == sc.zone else set()
        expected |= {problem.duty_index(h.id) for h in sc.hotspots
                     if set(h.skills) <= held and (h.zone or sc.zone) == zone}
        expected |= {problem.duty_index(t.id) for t in sc.tasks if set(t.skills) <= held and t.zone in (None, zone)}
        assert po.duties == expected, o.id


def test_the_short_shift_is_blocked_for_everyone_and_the_4_hour_one_is_not() -> None:
    # The reference above reads the same rule; this says what it must give on the tiny zone's S and F.
    problem = build_problem(tiny_with_a_short_shift())
    short = {i.index for i in problem.instances if problem.shift_types[i.shift].id == "S"}
    four = {i.index for i in problem.instances if problem.shift_types[i.shift].id == "F"}
    assert len(short) == len(four) == 7
    for o in problem.officers:
        assert short <= o.blocked
        assert all(any(a < problem.instances[i].end and problem.instances[i].start < b for a, b, _ in o.unavailable)
                   for i in four & o.blocked)
