"""Small random scenarios for property tests (solver vs. independent checker).

`random_scenario(seed)` returns a scenario as plain YAML-able data (the same shape as a zone.yaml):
3-8 officers, 2-4 shift types of 8 h (7.5 or 8.5 h on a 30-minute grid), 7 or 14 days, 1-3 skills,
random response windows and shift cover, 0-2 hotspots, 0-2 tasks, leave, requests, history, fixed
shifts, every rule randomly hard, soft or off with random parameters, and random objective weights.
Some horizons are in UTC, some run over a daylight-saving change in Europe/Brussels. Instances stay
small enough to solve in a second or two. `load_random(seed)` validates one through the same path
as a YAML file.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import yaml

from scheduler.scenario.load import LoadedScenario, load_source
from scheduler.scenario.yaml_source import YamlSource

SHIFTS = {"E": "06:00", "L": "14:00", "N": "22:00", "D": "10:00", "R": "18:00"}
SKILLS = ["patrol", "driver", "transfer_escort"]
DAY_SPECS = ["all", "weekdays", "weekend", "mon", "fri", "sat", "sun", "mon-thu", "fri-sun", "tue-sat"]
# A normal week, the week before the spring change (2026-03-29) and the one before the autumn change
# (2026-10-25): all Mondays.
STARTS = [dt.date(2026, 3, 2), dt.date(2026, 3, 23), dt.date(2026, 10, 19), dt.date(2026, 6, 1)]


def _clock(minutes: int) -> str:
    minutes %= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _window(rng: random.Random, slot: int, day_choices: list) -> dict[str, Any]:
    start = rng.randrange(0, 1440, slot)
    length = rng.choice([2, 3, 4, 6, 8, 12]) * 60 + rng.choice([0, slot if slot < 60 else 0])
    return {
        "days": rng.sample(day_choices, rng.randint(1, 2)),
        "start": _clock(start),
        "end": _clock(start + length),
    }


def _mode(rng: random.Random, hard: float = 0.45, soft: float = 0.35) -> str:
    r = rng.random()
    return "hard" if r < hard else "soft" if r < hard + soft else "off"


def _rule(rng: random.Random, hard: float = 0.45, soft: float = 0.35, **params: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"mode": _mode(rng, hard, soft), "weight": rng.choice([1, 5, 20, 100])}
    out.update(params)
    return out


def random_scenario(seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    start = rng.choice(STARTS)
    days = rng.choice([7, 7, 14])
    timezone = "UTC" if rng.random() < 0.25 else "Europe/Brussels"
    slot = 30 if rng.random() < 0.3 else 60
    dates = [start + dt.timedelta(days=d) for d in range(days)]
    day_choices = DAY_SPECS + rng.sample(dates, 2)

    shift_ids = sorted(rng.sample(list(SHIFTS), rng.randint(2, 4)), key=lambda s: SHIFTS[s])
    shift_types = []
    for s in shift_ids:
        hours = 8 if slot == 60 else rng.choice([7.5, 8, 8, 8.5])
        shift_types.append({"id": s, "start": SHIFTS[s], "hours": hours})

    skills = rng.sample(SKILLS, rng.randint(1, 3))
    n_officers = rng.randint(3, 8)
    officers: list[dict[str, Any]] = []
    for k in range(n_officers):
        o: dict[str, Any] = {
            "id": f"o{k + 1:02d}",
            "team": rng.choice(["A", "B"]),
            "skills": rng.sample(skills, rng.randint(0, len(skills))),
            "contract_hours": rng.choice([38, 38, 38, 30.4, 19]),
        }
        # An officer of another zone may do tasks and that zone's hotspots, not our response.
        other_zone = rng.random() < 0.15
        if other_zone or rng.random() < 0.15:
            o["zone"] = "other" if other_zone else "z"
        leave_days: set[dt.date] = set()
        if rng.random() < 0.4:
            first = rng.choice(dates)
            last = min(dates[-1], first + dt.timedelta(days=rng.randint(0, 2)))
            o["unavailable"] = [{"start": first, "end": last, "reason": rng.choice(["leave", "training", "sick"])}]
            leave_days |= {first + dt.timedelta(days=j) for j in range((last - first).days + 1)}
        elif rng.random() < 0.25:
            day = rng.choice(dates)
            a = rng.choice([8, 13, 16])
            o["unavailable"] = [{
                "start": dt.datetime.combine(day, dt.time(a)),
                "end": dt.datetime.combine(day, dt.time(a + rng.randint(1, 5))),
                "reason": "court",
            }]
        if rng.random() < 0.5:
            o["requests"] = [
                {
                    "date": rng.choice(dates),
                    **({"shift": rng.choice(shift_ids)} if rng.random() < 0.5 else {}),
                    "want": rng.random() < 0.5,
                    "weight": rng.randint(1, 3),
                }
                for _ in range(rng.randint(1, 3))
            ]
        if rng.random() < 0.5:
            # One shift type, at most 3 days: a history that breaks no rule by itself (a window the
            # history alone breaks makes a hard rule infeasible: the model and checker both judge it).
            back = sorted(rng.sample(range(1, 15), rng.randint(1, 3)))
            kind = rng.choice(shift_ids)
            o["history"] = [{"date": start - dt.timedelta(days=b), "shift": kind} for b in back]
        if rng.random() < 0.15 and not other_zone:
            free = [d for d in dates[2:] if d not in leave_days and d.weekday() < 5]
            if free:
                o["fixed"] = [{"date": rng.choice(free), "shift": rng.choice(shift_ids),
                               **({"duty": "response"} if rng.random() < 0.5 else {})}]
        if rng.random() < 0.3:
            o["consents_reduced_rest"] = True
        if rng.random() < 0.25 and not other_zone:
            lo = rng.choice([0, 8, 16, 24]) * 60
            o["min_minutes"] = lo
            o["max_minutes"] = lo + rng.choice([16, 24, 40]) * 60
        if rng.random() < 0.2:
            o["max_shifts"] = {rng.choice(shift_ids): rng.randint(0, 3)}
        if rng.random() < 0.15:
            o["rules"] = {"max_consecutive_days": {"days": rng.randint(3, 6), "mode": _mode(rng)}}
        officers.append(o)

    demand: dict[str, Any] = {"windows": []}
    for _ in range(rng.randint(1, 3)):
        w = _window(rng, slot, day_choices)
        w["count"] = rng.randint(0, 2)
        if rng.random() < 0.5:
            w["skill"] = rng.choice(skills)
        demand["windows"].append(w)
    if rng.random() < 0.3:
        demand["shift_cover"] = [{
            "days": rng.sample(day_choices, 1),
            "shift": rng.choice(shift_ids),
            "count": rng.randint(0, 2),
            **({"skill": rng.choice(skills)} if rng.random() < 0.5 else {}),
            **({"under_weight": rng.randint(0, 50)} if rng.random() < 0.5 else {}),
            "over_weight": rng.choice([0, 0, 3]),
        }]

    hotspots = []
    for h in range(rng.randint(0, 2)):
        targets = []
        for _ in range(rng.randint(1, 2)):
            t = _window(rng, slot, day_choices)
            t["officers"] = rng.randint(1, 2)
            t["weight"] = rng.randint(0, 3)
            targets.append(t)
        hotspots.append({
            "id": f"hot{h}", "skills": rng.sample(skills, rng.randint(0, 1)), "targets": targets,
            **({"zone": "other"} if rng.random() < 0.15 else {}),
        })

    tasks = []
    for k in range(rng.randint(0, 2)):
        task: dict[str, Any] = {
            "id": f"task{k}",
            "kind": rng.choice(["event", "prisoner_transfer", "protected_site", "other"]),
            "windows": [_window(rng, slot, day_choices)],
            "headcount": rng.randint(1, 2),
            "skills": rng.sample(skills, rng.randint(0, 1)),
            "priority": rng.choice(["mandatory", "fill", "optional"]),
        }
        if rng.random() < 0.3:
            task["host_zone"] = "neighbour"
        if rng.random() < 0.3:
            task["weight"] = rng.randint(0, 200)
        tasks.append(task)

    pairs = [[a, b] for a in shift_ids for b in shift_ids if a != b]
    rules: dict[str, Any] = {
        "pack": rng.choice(["belgian-police", None]),
        "night": {"start": "22:00", "end": "06:00", "min_hours": rng.choice([2, 3, 5])},
        "min_rest": _rule(rng, hours=rng.choice([8, 10, 11]), reduced_hours=rng.choice([7, 9]),
                          reduced_after_end_between=["20:00", "23:00"]),
        "max_service_per_24h": _rule(rng, hours=rng.choice([10, 12, 16])),
        "max_hours_per_7_days": _rule(rng, hours=rng.choice([32, 40, 50])),
        "horizon_minutes": _rule(rng),
        "weekly_rest": _rule(rng, hours=rng.choice([24, 35, 48])),
        "max_consecutive_days": _rule(rng, days=rng.randint(3, 6)),
        "min_consecutive_days": _rule(rng, 0.2, 0.5, days=rng.randint(1, 3), exempt_at_start=rng.random() < 0.5),
        "min_consecutive_days_off": _rule(rng, 0.2, 0.5, days=rng.randint(1, 3), exempt_at_start=rng.random() < 0.5),
        "max_consecutive_nights": _rule(rng, nights=rng.randint(1, 4)),
        "forbidden_successions": _rule(rng, pairs=rng.sample(pairs, min(len(pairs), rng.randint(0, 2)))),
        "max_weekends": _rule(rng, weekends=rng.choice([None, 0, 1, 2])),
        "max_shifts_per_type": _rule(rng, limits={s: rng.randint(1, 5) for s in rng.sample(shift_ids, 1)}),
    }
    # Rules added later draw from their own generator, so the scenarios above stay as they were. One or
    # two weekends make rest_after_weekends bind within a week (the history holds two weekends).
    later = random.Random(f"later-rules-{seed}")
    rules["rest_after_weekends"] = _rule(later, weekends=later.choice([1, 2, 3]), hours=later.choice([48, 60]))
    # 8 h binds on the 7.5 h shifts and on nights shortened by the spring clock change (soft or off: a
    # fixed 7.5 h shift would make it an input error when hard); 4 h never binds.
    hours = later.choice([4, 8])
    rules["min_service"] = _rule(later, 0.0 if hours == 8 else 0.45, 0.5, hours=hours)
    weights = {
        "unmet_mandatory": rng.choice([1000, 100_000]),
        "response_shortfall": rng.choice([10, 100, 1000]),
        "hotspot_shortfall": rng.choice([0, 10, 100]),
        "fill_task_shortfall": rng.choice([5, 50]),
        "optional_task_shortfall": rng.choice([0, 5]),
        "overtime": rng.choice([0, 2, 20]),
        "undertime": rng.choice([0, 1, 2]),
        "fair_nights": rng.choice([0, 1, 3]),
        "fair_weekends": rng.choice([0, 1, 3]),
        "requests": rng.choice([0, 1, 5]),
    }
    return {
        "name": f"random-{seed}",
        "zone": "z",
        "horizon": {"start": start, "days": days, "timezone": timezone, "slot_minutes": slot},
        "skills": skills,
        "shift_types": shift_types,
        "officers": officers,
        "demand": demand,
        "tasks": tasks,
        "hotspots": hotspots,
        "rules": rules,
        "objective": {"weights": weights},
        "solver": {"time_limit": 5, "workers": 2, "seed": seed},
    }


def scenario_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def load_random(seed: int) -> LoadedScenario:
    """The scenario of `random_scenario(seed)`, validated like a YAML file."""
    return load_source(YamlSource(scenario_yaml(random_scenario(seed)), f"<random-{seed}>"), None)


def with_random_priors(problem: Any, seed: int) -> random.Random:
    """Give every officer random nights and weekend shifts of earlier weeks (a chain's fairness priors);
    returns the generator, seeded by `seed`, for the test's further draws."""
    rng = random.Random(seed)
    for o in problem.officers:
        o.prior_nights, o.prior_weekend_shifts = rng.randrange(12), rng.randrange(9)
    return rng
