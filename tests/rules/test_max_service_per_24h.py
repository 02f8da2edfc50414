"""max_service_per_24h: at most `hours` of service in any 24 h starting at a shift start; unit minute.

X 08:00-16:00 Monday and Y 00:00-08:00 Tuesday: the 24 h from Monday 08:00 hold 16 h.
"""

from __future__ import annotations

import pytest

from .conftest import WORK_COSTS, build, check, found, officer, pattern, roster_of, run, scenario, want

X_Y = {"X": ("08:00", 8), "Y": ("00:00", 8)}


def x_then_y(rule: dict | None, weights: tuple[int, int] = (100, 50)) -> dict:
    requests = [want(0, "X", weights[0]), want(1, "Y", weights[1])]
    return scenario([officer("a", requests=requests)], shifts=X_Y, days=2,
                    rules={"max_service_per_24h": rule} if rule is not None else None, weights=WORK_COSTS)


def test_max_service_per_24h_12h_forbids_16h():
    # 16 h > 12 h: keep X (100), lose Y (50): 8 + 50 = 58.
    problem, roster = run(x_then_y({"hours": 12}))
    assert pattern(problem, roster) == {"a": "X-"}
    assert roster.info.objective == pytest.approx(58)


@pytest.mark.parametrize("rule", [None, {"hours": 16}], ids=["rule_off", "16h_limit"])
def test_max_service_per_24h_off_or_16h_allows_both(rule):
    # 2 x 8 = 16.
    problem, roster = run(x_then_y(rule))
    assert pattern(problem, roster) == {"a": "XY"}
    assert roster.info.objective == pytest.approx(16)


def test_max_service_per_24h_soft_costs_weight_per_minute_above():
    # Soft, weight 1 per minute; requests 1000 each: both worked, 16 h - 12 h = 240 minutes above in
    # the window from Monday 08:00 (the only one over): 240 points. Objective 16 + 240 = 256.
    problem, roster = run(x_then_y({"mode": "soft", "weight": 1, "hours": 12}, weights=(1000, 1000)))
    assert pattern(problem, roster) == {"a": "XY"}
    assert roster.info.penalties["max_service_per_24h"] == pytest.approx(240)
    assert roster.info.objective == pytest.approx(256)


def test_checker_max_service_per_24h_violation_minutes_above():
    problem = build(x_then_y({"hours": 12}))
    result = check(problem, roster_of({"a": "XY"}))
    assert found(result, "max_service_per_24h") == [("a", 0, 240)]
    assert result.hard_violations == result.violations


def test_minutes_per_window_equals_the_plain_sum_per_window():
    # The checker's one-sweep window sums against the definition (every service, every window), on
    # random services that may overlap, nest or touch, and windows of 24 h and of varying length.
    import random

    from scheduler.check import Service, _minutes_per_window

    def minutes_in(services: list[Service], a: int, b: int) -> int:  # the definition
        return sum(max(0, min(b, s.end) - max(a, s.start)) for s in services)

    rng = random.Random(7)
    for _ in range(300):
        services = []
        for _ in range(rng.randint(0, 9)):
            start = rng.randint(-3000, 12000)
            services.append(Service(0, 0, start, start + rng.choice([60, 240, 480, 600, 720, 1440]), None, False))
        starts = sorted(rng.sample(range(-4000, 13000), 20))
        for windows in ([(a, a + 1440) for a in starts], [(a, a + rng.randint(1, 10080)) for a in starts]):
            assert _minutes_per_window(services, windows) == [minutes_in(services, a, b) for a, b in windows]
