"""The independent checker: every hard rule and every penalty, recomputed from a roster.

Plain Python on purpose (a test enforces that ortools is never imported here): it reads the
problem (the scenario, resolved) and the assignments, sorts each officer's services and measures
gaps, windows and blocks, rather than evaluating the CP model's constraints. Soft rules are
counted in the units their docstrings in `scenario/rules.py` define.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from scheduler.check_changes import roster_changes
from scheduler.check_duties import check_duties
from scheduler.problem import Instance, Officer, Problem
from scheduler.roster import Assignment
from scheduler.scenario.values import clock_minutes

POINT = 60  # internal units per objective point (see model/penalties.py)
TASK_TERM = {"mandatory": "unmet_mandatory", "fill": "fill_task_shortfall", "optional": "optional_task_shortfall"}
TASK_TIER = {"mandatory": "mandatory", "fill": "hotspot", "optional": "hotspot"}
TERM_TIER = {
    "response_shortfall": "response", "cover_under": "response", "cover_over": "response",
    "hotspot_shortfall": "hotspot", "overtime": "overtime", "undertime": "fairness",
    "fair_nights": "fairness", "fair_weekends": "fairness", "requests": "requests",
    "reinforcement_officer": "staffing",
}


@dataclass(frozen=True)
class Violation:
    rule: str
    officer: str | None
    day: int | None
    amount: float
    message: str
    hard: bool = True
    direction: Literal["over", "under"] | None = None  # past a limit, or short of a minimum

    def __str__(self) -> str:
        who = f" officer {self.officer}" if self.officer else ""
        when = f" day {self.day}" if self.day is not None else ""
        return f"{self.rule}:{who}{when}: {self.message}"


# What a violation's `amount` counts, rule by rule (the soft unit of each rule in scenario/rules.py).
AMOUNT_UNITS = {
    "min_rest": "pair of services too close", "min_service": "service too short", "weekly_rest": "week without it",
    "max_service_per_24h": "min above", "max_hours_per_7_days": "min above", "horizon_minutes": "min outside",
    "max_consecutive_days": "window without a day off", "max_consecutive_nights": "window without a night off",
    "min_consecutive_days": "day missing", "min_consecutive_days_off": "day missing",
    "forbidden_successions": "succession", "max_weekends": "weekend above",
    "rest_after_weekends": "weekend without the rest", "max_shifts_per_type": "shift above",
    "one_shift_per_day": "shift above one", "no_overlap": "overlap", "unavailability": "shift",
    "skills": "shift", "fixed": "assignment", "strict_task": "officer-slot short", "unknown": "assignment",
    "frozen": "assignment", "duty_without_need": "assignment", "duty_surplus": "officer above",
}


def describe(v: Violation, problem: Problem) -> str:
    """A violation for a reader: rule, officer, the date (a day index means nothing to a chief), amount."""
    who = f" officer {v.officer}" if v.officer else ""
    when = ""
    if v.day is not None:
        date = problem.date_of(v.day)
        when = f" {date:%a} {date.isoformat()}" + (" (before the horizon)" if v.day < 0 else "")
    amount = f"{v.amount:g} {AMOUNT_UNITS.get(v.rule, 'unit')}"
    return f"{v.rule}:{who}{when}: {v.message} [amount {amount}]"


@dataclass
class CheckResult:
    violations: list[Violation] = field(default_factory=list)
    internal: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # term -> internal units
    tiers: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def hard_violations(self) -> list[Violation]:
        return [v for v in self.violations if v.hard]

    @property
    def objective(self) -> float:
        return sum(self.internal.values()) / POINT

    @property
    def penalties(self) -> dict[str, float]:
        return {k: v / POINT for k, v in sorted(self.internal.items()) if v}

    def add(self, term: str, tier: str, units: int) -> None:
        if units:
            self.internal[term] += units
            self.tiers[tier] += units


@dataclass(frozen=True)
class Service:
    """One worked shift of one officer (history or roster)."""

    day: int
    shift: int
    start: int
    end: int
    duty: int | None  # None for history
    history: bool


def check_roster(problem: Problem, assignments: list[Assignment]) -> CheckResult:
    res = CheckResult()
    officer_ix = {o.id: o for o in problem.officers}
    shift_ix = {s.id: s.index for s in problem.shift_types}
    duty_ix = {d.id: d.index for d in problem.duties}
    services: dict[int, list[Service]] = {o.index: [] for o in problem.officers}
    for a in assignments:
        o = officer_ix.get(a.officer)
        if o is None or a.shift not in shift_ix or a.duty not in duty_ix or not 0 <= a.day < problem.days:
            res.violations.append(Violation("unknown", a.officer, a.day, 1, f"unknown officer/shift/duty/day in {a}"))
            continue
        inst = problem.instance_of(a.day, shift_ix[a.shift])
        services[o.index].append(Service(a.day, inst.shift, inst.start, inst.end, duty_ix[a.duty], False))
    for o in problem.officers:
        check_officer(problem, o, services[o.index], res)
    coverage_terms(problem, services, res)
    res.violations += [Violation(*breach) for breach in check_duties(problem, services)]
    for change in roster_changes(problem, assignments):  # a repair: changes to the published roster
        if change.frozen:
            res.violations.append(Violation("frozen", change.officer, change.day, 1, "differs from the published roster before --from"))
        res.add(change.kind, "changes", change.cost)
    return res


def check_officer(problem: Problem, o: Officer, services: list[Service], res: CheckResult) -> None:
    """Every per-officer rule and term for one officer's services (history added here)."""
    roster = sorted(services, key=lambda s: s.start)
    history = [Service(h.day, h.shift, h.start, h.end, None, True) for h in o.history]
    everything = sorted(history + roster, key=lambda s: (s.start, s.end))
    check_structure(problem, o, roster, res)
    check_min_rest(problem, o, everything, res)
    check_min_service(o, roster, res)
    check_weekly_rest(problem, o, everything, res)
    check_max_service_per_24h(problem, o, everything, res)
    check_max_hours_per_7_days(problem, o, everything, res)
    check_horizon_minutes(problem, o, roster, res)
    worked = day_map(o, roster, problem, nights=False)
    nights = day_map(o, roster, problem, nights=True)
    check_max_run(o, "max_consecutive_days", o.rules.max_consecutive_days.days, worked, problem, res)
    check_max_run(o, "max_consecutive_nights", o.rules.max_consecutive_nights.nights, nights, problem, res)
    check_min_blocks(o, "min_consecutive_days", worked, problem, res, off=False)
    check_min_blocks(o, "min_consecutive_days_off", worked, problem, res, off=True)
    check_forbidden_successions(problem, o, everything, res)
    check_max_weekends(problem, o, roster, res)
    check_rest_after_weekends(problem, o, everything, res)
    check_max_shifts_per_type(problem, o, roster, res)
    workload_terms(problem, o, roster, res)


def _rule_breach(res: CheckResult, o: Officer, rule_id: str, day: int | None, units: int, message: str,
                 direction: Literal["over", "under"] | None = None) -> None:
    rule = getattr(o.rules, rule_id)
    if rule.mode == "off" or units <= 0:
        return
    hard = rule.mode == "hard"
    res.violations.append(Violation(rule_id, o.id, day, units, message, hard=hard, direction=direction))
    if not hard:
        res.add(rule_id, "labour", rule.weight * POINT * units)


def check_structure(problem: Problem, o: Officer, roster: list[Service], res: CheckResult) -> None:
    per_day: dict[int, int] = defaultdict(int)
    for s in roster:
        per_day[s.day] += 1
        inst = problem.instance_of(s.day, s.shift)
        # From the leave's own times, not the model's blocked shifts (tests/test_problem_reference.py
        # checks those against the scenario).
        reason = next((r for a, b, r in o.unavailable if a < inst.end and inst.start < b), None)
        if reason is not None:
            res.violations.append(Violation("unavailability", o.id, s.day, 1, f"works during {reason}"))
        assert s.duty is not None  # roster services, not history
        duty = problem.duties[s.duty]
        if s.duty not in o.duties:
            why = f"duty '{duty.id}' needs {sorted(duty.skills)} in zone {duty.zone}"
            if duty.skills <= o.skills and duty.zone == o.zone and duty.place:
                why = f"duty '{duty.id}' at {duty.place} is beyond the merger's travel limit from {o.station}"
            res.violations.append(Violation("skills", o.id, s.day, 1, why))
    for d, n in per_day.items():
        if n > 1:
            res.violations.append(Violation("one_shift_per_day", o.id, d, n - 1, f"{n} shifts start on this day"))
    worked = {(s.day, s.shift): s.duty for s in roster}
    for i, fixed_duty in o.fixed.items():
        inst = problem.instances[i]
        got = worked.get((inst.day, inst.shift), -1)
        if got == -1 or (fixed_duty is not None and got != fixed_duty):
            res.violations.append(Violation("fixed", o.id, inst.day, 1, "fixed assignment not worked as given"))


def rest_owed(problem: Problem, o: Officer, end: int) -> int:
    rule = o.rules.min_rest
    if o.consents_reduced_rest and rule.reduced_hours is not None and rule.reduced_after_end_between:
        lo, hi = (clock_minutes(t) for t in rule.reduced_after_end_between)
        t = problem.local_time(end)
        if lo <= t.hour * 60 + t.minute <= hi:
            return round(rule.reduced_hours * 60)
    return round(rule.hours * 60)


def check_min_rest(problem: Problem, o: Officer, everything: list[Service], res: CheckResult) -> None:
    """no_overlap always; min_rest: every pair of services with a gap shorter than the rest owed."""
    for a, s1 in enumerate(everything):
        for s2 in everything[a + 1 :]:
            if s1.history and s2.history:
                continue
            if s2.start < s1.end:
                res.violations.append(Violation("no_overlap", o.id, s2.day, 1, "services overlap"))
                continue
            if o.rules.min_rest.mode == "off":
                break
            owed = rest_owed(problem, o, s1.end)
            if s2.start - s1.end >= owed:
                break
            gap = (s2.start - s1.end) / 60
            _rule_breach(res, o, "min_rest", s2.day, 1, f"{gap:g} h rest before this service, {owed / 60:g} h owed")


def check_min_service(o: Officer, roster: list[Service], res: CheckResult) -> None:
    rule = o.rules.min_service
    if rule.mode == "off":
        return
    for s in roster:
        if s.end - s.start < round(rule.hours * 60):
            _rule_breach(res, o, "min_service", s.day, 1, f"a service of {s.end - s.start} min, under {rule.hours:g} h")


def check_weekly_rest(problem: Problem, o: Officer, everything: list[Service], res: CheckResult) -> None:
    rule = o.rules.weekly_rest
    if rule.mode == "off":
        return
    need = round(rule.hours * 60)
    for week in range(problem.days // 7):
        w0, w1 = problem.day_start[7 * week], problem.day_start[7 * week + 7]
        longest, free_from = 0, w0
        for s in everything:
            if s.end <= w0 or s.start >= w1:
                continue
            longest = max(longest, s.start - free_from)
            free_from = max(free_from, s.end)
        longest = max(longest, w1 - free_from)
        if longest < need:
            _rule_breach(res, o, "weekly_rest", 7 * week, 1, f"longest rest in week {week + 1} is {longest / 60:g} h")


def _minutes_per_window(services: list[Service], windows: list[tuple[int, int]]) -> list[int]:
    """Minutes of `services` in each [a, b) of `windows` (a increasing): one sweep, each window reading
    only the services that can reach it, instead of every service for every window (the greedy first
    roster checks officers thousands of times)."""
    ordered = sorted(services, key=lambda s: (s.start, s.end))
    out, j, n = [], 0, len(ordered)
    for a, b in windows:
        while j < n and ordered[j].end <= a:
            j += 1  # ends before this window, hence before every later one
        m, k = 0, j
        while k < n and ordered[k].start < b:
            m += max(0, min(b, ordered[k].end) - max(a, ordered[k].start))  # overlapping services too
            k += 1
        out.append(m)
    return out


def check_max_service_per_24h(problem: Problem, o: Officer, everything: list[Service], res: CheckResult) -> None:
    rule = o.rules.max_service_per_24h
    if rule.mode == "off":
        return
    limit = round(rule.hours * 60)
    windows = [(t, t + 1440) for t in sorted({i.start for i in problem.instances} | {h.start for h in o.history})]
    past = _minutes_per_window([s for s in everything if s.history], windows)
    for (t, _), before, minutes in zip(windows, past, _minutes_per_window(everything, windows), strict=True):
        if before > limit:
            continue  # the history alone breaks it: not ours to judge
        excess = minutes - limit
        if excess > 0:
            day = max((d for d, m in problem.day_start.items() if m <= t), default=0)
            _rule_breach(res, o, "max_service_per_24h", day, excess, f"{excess} min over the limit in 24 h")


def check_max_hours_per_7_days(problem: Problem, o: Officer, everything: list[Service], res: CheckResult) -> None:
    rule = o.rules.max_hours_per_7_days
    if rule.mode == "off":
        return
    limit = round(rule.hours * 60)
    days = range(-6, problem.days)
    windows = [(problem.day_start[d], problem.day_start[min(d + 7, problem.days + 1)]) for d in days]
    past = _minutes_per_window([s for s in everything if s.history], windows)
    for d, before, minutes in zip(days, past, _minutes_per_window(everything, windows), strict=True):
        if before > limit:
            continue  # the history alone breaks it: not ours to judge
        excess = minutes - limit
        if excess > 0:
            _rule_breach(res, o, "max_hours_per_7_days", d, excess, f"{excess} min over the limit in 7 days")


def check_horizon_minutes(problem: Problem, o: Officer, roster: list[Service], res: CheckResult) -> None:
    total = sum(s.end - s.start for s in roster)
    if o.max_minutes is not None and total > o.max_minutes:
        _rule_breach(res, o, "horizon_minutes", None, total - o.max_minutes, f"{total} min worked > {o.max_minutes}", "over")
    if o.min_minutes is not None and total < o.min_minutes:
        _rule_breach(res, o, "horizon_minutes", None, o.min_minutes - total, f"{total} min worked < {o.min_minutes}",
                     "under")


def day_map(o: Officer, roster: list[Service], problem: Problem, nights: bool) -> dict[int, bool]:
    """Day -> worked (a night, when `nights`), history included; missing days are off."""
    out: dict[int, bool] = {}
    for h in o.history:
        if not nights or problem.shift_types[h.shift].night:
            out[h.day] = True
    for s in roster:
        if not nights or problem.shift_types[s.shift].night:
            out[s.day] = True
    return out


def check_max_run(o: Officer, rule_id: str, limit: int, days: dict[int, bool], problem: Problem, res: CheckResult) -> None:
    if getattr(o.rules, rule_id).mode == "off":
        return
    span = limit + 1
    for first in range(-span + 1, problem.days - span + 1):
        count = sum(1 for d in range(first, first + span) if days.get(d))
        before = sum(1 for d in range(first, 0) if days.get(d))
        if count > limit and before <= limit:  # a window the history alone breaks is not ours to judge
            _rule_breach(res, o, rule_id, first, count - limit, f"{count} in {span} consecutive days")


def check_min_blocks(o: Officer, rule_id: str, worked: dict[int, bool], problem: Problem, res: CheckResult, off: bool) -> None:
    rule = getattr(o.rules, rule_id)
    k = rule.days
    if rule.mode == "off" or k <= 1:
        return

    def on(d: int) -> bool:
        return bool(worked.get(d)) != off

    first = 1 if rule.exempt_at_start else -(k - 1)
    for d in range(first, problem.days):
        if on(d - 1) or not on(d):
            continue
        if d <= 0 and not all(on(p) for p in range(d, 0)):
            continue
        missing = sum(1 for j in range(1, k) if d + j < problem.days and d + j >= 0 and not on(d + j))
        if d + k - 1 < 0:
            continue
        what = "days off" if off else "working days"
        _rule_breach(res, o, rule_id, d, missing, f"block of {what} from this day shorter than {k}")


def check_forbidden_successions(problem: Problem, o: Officer, everything: list[Service], res: CheckResult) -> None:
    rule = o.rules.forbidden_successions
    if rule.mode == "off":
        return
    pairs = {(a, b) for a, b in rule.pairs}
    by_day = {s.day: problem.shift_types[s.shift].id for s in everything}
    for s in everything:
        if s.history:
            continue
        before = by_day.get(s.day - 1)
        if before is not None and s.day - 1 >= -1 and (before, problem.shift_types[s.shift].id) in pairs:
            _rule_breach(res, o, "forbidden_successions", s.day, 1, f"{before} then {problem.shift_types[s.shift].id}")


def check_max_weekends(problem: Problem, o: Officer, roster: list[Service], res: CheckResult) -> None:
    rule = o.rules.max_weekends
    if rule.mode == "off" or rule.weekends is None:
        return
    worked_weeks = {s.day // 7 for s in roster if problem.is_weekend(s.day)}
    if len(worked_weeks) > rule.weekends:
        _rule_breach(res, o, "max_weekends", None, len(worked_weeks) - rule.weekends, f"{len(worked_weeks)} weekends worked")


def check_rest_after_weekends(problem: Problem, o: Officer, everything: list[Service], res: CheckResult) -> None:
    """After `weekends` weekends worked in a row (history included), the next weekend (Saturday 00:00 to
    Monday 00:00) lies in an uninterrupted rest of `hours`: measured from the last service before it to
    the first after it (none after, in the horizon: the rest runs on)."""
    rule = o.rules.rest_after_weekends
    if rule.mode == "off":
        return
    # Weekends worked before the horizon first (a few services): most runs end there, before the roster's.
    past = {h.day // 7 for h in o.history if problem.is_weekend(h.day)}
    worked: set[int] | None = None
    for week in range((problem.days + 1) // 7):  # weeks whose Saturday is in the horizon
        run = range(week - rule.weekends, week)
        if any(w < 0 and w not in past for w in run):
            continue
        if worked is None:
            worked = {s.day // 7 for s in everything if problem.is_weekend(s.day)}
        if not all(w in worked for w in run):
            continue
        saturday = 7 * week + 5
        sat, mon = problem.day_start[saturday], problem.day_start[saturday + 2]
        if any(s.start < mon and sat < s.end for s in everything):
            _rule_breach(res, o, "rest_after_weekends", saturday, 1, f"works this weekend, after {_weekends(rule)}")
            continue
        last = max((s.end for s in everything if s.end <= sat), default=None)
        first = min((s.start for s in everything if s.start >= mon), default=None)
        if last is not None and first is not None and first - last < round(rule.hours * 60):
            _rule_breach(res, o, "rest_after_weekends", saturday, 1,
                         f"{(first - last) / 60:g} h rest around this weekend after {_weekends(rule)}, "
                         f"{rule.hours:g} h owed")


def _weekends(rule) -> str:
    return "a weekend worked" if rule.weekends == 1 else f"{rule.weekends} weekends worked in a row"


def check_max_shifts_per_type(problem: Problem, o: Officer, roster: list[Service], res: CheckResult) -> None:
    if o.rules.max_shifts_per_type.mode == "off":
        return
    for s, limit in o.max_shifts.items():
        n = sum(1 for x in roster if x.shift == s)
        if n > limit:
            sid = problem.shift_types[s].id
            _rule_breach(res, o, "max_shifts_per_type", None, n - limit, f"{n} shifts {sid} > {limit}")


def contract_terms(problem: Problem, o: Officer, total: int) -> tuple[int, int]:
    """Overtime and undertime (internal units) of an officer who works `total` minutes; an extra
    officer of the staffing-gap solve owes no hours, so has no undertime."""
    w = problem.weights
    under = 0 if o.reinforcement else w["undertime"] * max(0, o.target_minutes - total)
    return w["overtime"] * max(0, total - o.target_minutes), under


def workload_terms(problem: Problem, o: Officer, roster: list[Service], res: CheckResult) -> None:
    w = problem.weights
    total = sum(s.end - s.start for s in roster)
    over, under = contract_terms(problem, o, total)
    res.add("overtime", "overtime", over)
    if o.reinforcement:  # an extra officer of the staffing-gap solve owes no hours but costs when used
        res.add("reinforcement_officer", "staffing", w["reinforcement_officer"] * POINT * (total > 0))
    else:
        res.add("undertime", "fairness", under)
    n_nights = sum(1 for s in roster if problem.shift_types[s.shift].night)
    n_weekend = sum(1 for s in roster if problem.is_weekend(s.day))
    # The k-th night of the running period costs k: this week's n after p before cost p n + n (n + 1) / 2.
    res.add("fair_nights", "fairness",
            w["fair_nights"] * POINT * (o.prior_nights * n_nights + n_nights * (n_nights + 1) // 2))
    res.add("fair_weekends", "fairness",
            w["fair_weekends"] * POINT * (o.prior_weekend_shifts * n_weekend + n_weekend * (n_weekend + 1) // 2))
    shifts_on = {s.day: s.shift for s in roster}
    for r in o.requests:
        worked = shifts_on.get(r.day)
        granted_shift = worked is not None and (r.shift is None or worked == r.shift)
        if granted_shift != r.want:
            res.add("requests", "requests", w["requests"] * POINT * r.weight)


def coverage_terms(problem: Problem, services: dict[int, list[Service]], res: CheckResult) -> None:
    """Count, slot by slot, the officers on each duty and on response (by skill) against what is wanted."""
    slot = problem.slot_minutes
    on_duty: dict[tuple[int, int], int] = defaultdict(int)  # (duty, slot) -> officers
    on_response: dict[tuple[str, str | None, int], int] = defaultdict(int)  # (zone, skill, slot)
    cover_count: dict[tuple[int, str, str | None], int] = defaultdict(int)  # (instance, zone, skill)
    for o_ix, roster in services.items():
        o = problem.officers[o_ix]
        for s in roster:
            inst: Instance = problem.instance_of(s.day, s.shift)
            slots = range(max(0, -(-s.start // slot)), min(problem.n_slots, s.end // slot))
            if s.duty == 0:
                for skill in [None, *sorted(o.skills)]:
                    cover_count[(inst.index, o.zone, skill)] += 1
                    for t in slots:
                        on_response[(o.zone, skill, t)] += 1
            else:
                assert s.duty is not None  # roster services, not history
                for t in slots:
                    on_duty[(s.duty, t)] += 1
    for duty in problem.duties:
        if duty.kind == "response":
            continue
        for t, need in duty.need.items():
            short = max(0, need - on_duty[(duty.index, t)])
            if not short:
                continue
            if duty.kind == "task":
                assert duty.priority is not None  # every task has one (problem.py)
                if duty.priority == "mandatory" and duty.strict:
                    at = problem.local_time(t * slot)
                    res.violations.append(Violation("strict_task", None, None, short,
                                                    f"task {duty.id} short at {at:%a %Y-%m-%d %H:%M}"))
                    continue
                res.add(TASK_TERM[duty.priority], TASK_TIER[duty.priority], duty.weight * slot * short)
            else:
                res.add("hotspot_shortfall", "hotspot", duty.weight * duty.need_weight.get(t, 1) * slot * short)
    w = problem.weights["response_shortfall"] * slot
    for (zone, skill), wanted in problem.response_need.items():
        for t, count in wanted.items():
            res.add("response_shortfall", "response", w * max(0, count - on_response[(zone, skill, t)]))
    for cn in problem.cover_needs:
        got = cover_count[(cn.instance, cn.zone, cn.skill)]
        res.add("cover_under", "response", cn.under_weight * max(0, cn.count - got))
        res.add("cover_over", "response", cn.over_weight * max(0, got - cn.count))
