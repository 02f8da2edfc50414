"""What a policy changes, read from two solver-ready problems: the baseline's and the policy's.

A policy's written description says what it means to do. This says what the scenario it produces does,
from the data alone, so the two can be read side by side and the second cannot drift from the data:
per zone, the officer-hours of work it staffs by kind (each duty's wanted officers per slot, times the
slot's hours, counted for the zone whose part it is), its officers and contract hours; the hours that
move between zones; zones merged; rules and weights changed; and the load on the holders of each skill
a zone's tasks need; and a short English text that says it (`describe`). Nothing is solved: only
problems are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scheduler.problem import Officer, Problem

# Work kinds, in the order they are described. `event`: events the zone staffs for itself (a host's own
# part); `hycap`: its part of other zones' events (its HyCap quota).
KINDS = ("hycap", "event", "prisoner_transfer", "protected_site", "other", "hotspot")
EPSILON = 0.005  # hours: smaller differences are rounding


@dataclass(frozen=True)
class ZoneFigures:
    """One home zone's figures in one scenario."""

    officers: int
    contract_hours: float  # pro rata over the horizon, days on leave left out (the officers' targets)
    hours: dict[str, float]  # kind -> officer-hours of work wanted from the zone
    staffed_by: str  # the zone whose officers serve it (a merger's id, or itself)


@dataclass(frozen=True)
class SkillLoad:
    """Task hours needing a skill against the contract hours of the zone's officers holding it."""

    task_hours: float
    holders: int
    holder_hours: float

    @property
    def share(self) -> float | None:
        return self.task_hours / self.holder_hours if self.holder_hours > 0 else None


@dataclass(frozen=True)
class Figures:
    """What one scenario asks of its zones, before any solve."""

    zones: dict[str, ZoneFigures]  # home zone ->
    response: dict[str, float]  # staffing zone -> officer-hours of emergency-response demand
    outside: dict[str, float]  # kind -> officer-hours handed outside the region
    load: dict[tuple[str, str], SkillLoad]  # (staffing zone, skill) ->
    reach: dict[str, float]  # merged staffing zone -> share of the duties his skills allow an officer may serve (mean)
    rules: dict[tuple[str, str], Any]  # (rule, parameter) -> value
    weights: dict[str, int]


def _hours(problem: Problem, need: dict[int, int]) -> float:
    return sum(need.values()) * problem.slot_minutes / 60


def _kind(duty_kind: str, task_kind: str | None, hycap: bool) -> str:
    if duty_kind == "hotspot":
        return "hotspot"
    return "hycap" if hycap else (task_kind or "other")


def _response(problem: Problem) -> dict[str, float]:
    """Per staffing zone: per slot the largest of its response lines (the skill lines overlap, so their
    sum would count an officer twice), plus shift cover (officers wanted on a shift, times its hours)."""
    per_slot: dict[str, dict[int, int]] = {}
    for (zone, _skill), need in problem.response_need.items():
        slots = per_slot.setdefault(zone, {})
        for t, n in need.items():
            slots[t] = max(slots.get(t, 0), n)
    out = {z: _hours(problem, slots) for z, slots in per_slot.items()}
    for c in problem.cover_needs:
        out[c.zone] = out.get(c.zone, 0.0) + c.count * problem.instances[c.instance].minutes / 60
    return out


def _rules(problem: Problem) -> dict[tuple[str, str], Any]:
    return {(rule, param): value for rule, params in problem.rules.model_dump().items()
            for param, value in params.items()}


def figures(problem: Problem) -> Figures:
    """The scenario's work per zone and kind, officers, response, load on skill holders, reach, rules."""
    officers = [o for o in problem.officers if not o.reinforcement]
    home_zones = list(dict.fromkeys([*problem.zones, *(o.home_zone for o in officers)])) or [problem.zone]
    hours: dict[str, dict[str, float]] = {z: dict.fromkeys(KINDS, 0.0) for z in home_zones}
    task_hours: dict[tuple[str, str], float] = {}
    for d in problem.duties[1:]:
        home = d.home_zone or d.zone or problem.zone
        h = _hours(problem, d.need)
        zone_hours = hours.setdefault(home, dict.fromkeys(KINDS, 0.0))
        kind = _kind(d.kind, d.task_kind, d.hycap)
        zone_hours[kind] += h
        if d.kind == "task":
            for skill in d.skills:
                key = (d.zone or problem.zone, skill)
                task_hours[key] = task_hours.get(key, 0.0) + h
    zones = {}
    for z, zh in hours.items():
        mine = [o for o in officers if (o.home_zone or o.zone) == z]
        zones[z] = ZoneFigures(len(mine), sum(o.target_minutes for o in mine) / 60, zh,
                               problem.staff_zone.get(z, z))
    load = {}
    for (zone, skill), h in task_hours.items():
        holders = [o for o in officers if o.zone == zone and skill in o.skills]
        load[(zone, skill)] = SkillLoad(h, len(holders), sum(o.target_minutes for o in holders) / 60)
    outside: dict[str, float] = {}
    for w in problem.outside_work:
        # A task's part handed outside is its HyCap quota when it is an event (exemptions are HyCap,
        # transfers and sites; a host's own part of its event is never exempt).
        kind = "hycap" if w["kind"] == "event" else w["kind"]
        outside[kind] = outside.get(kind, 0.0) + w["officer_hours"]
    return Figures(zones, _response(problem), outside, load, _reach(problem, officers), _rules(problem),
                   dict(problem.weights))


def _reach(problem: Problem, officers: list[Officer]) -> dict[str, float]:
    """For each merged staffing zone: the share of its hotspots and tasks that an officer's skills allow
    which he may serve, on average (a merger's travel limit keeps him from the far ones)."""
    merged = {s for z, s in problem.staff_zone.items() if s != z}
    shares: dict[str, list[float]] = {}
    for o in officers:
        if o.zone not in merged:
            continue
        could = {d.index for d in problem.duties[1:] if d.zone == o.zone and d.skills <= o.skills}
        if could:
            shares.setdefault(o.zone, []).append(len(could & o.duties) / len(could))
    return {z: sum(v) / len(v) for z, v in shares.items()}


@dataclass(frozen=True)
class Move:
    """The officer-hours of one kind of work whose zone changes: per zone the difference (negative: moved
    out of it, positive: taken on), and the difference handed outside the region."""

    kind: str
    changes: dict[str, float]
    outside: float = 0.0

    @property
    def balanced(self) -> bool:
        """What leaves some zones arrives in others (or outside): work moved, not added or dropped."""
        out = -sum(v for v in self.changes.values() if v < 0)
        return out > EPSILON and abs(sum(self.changes.values()) + self.outside) < 0.01


@dataclass
class PolicyEffect:
    """What a policy changes against the baseline, as figures; `text` says it (`describe`)."""

    zones: list[str]
    baseline: Figures
    policy: Figures
    moves: list[Move]
    mergers: dict[str, list[str]]  # a staffing zone the policy makes -> the home zones it joins
    rules: list[tuple[str, str, Any, Any]]  # rule, parameter, baseline value, policy value
    weights: list[tuple[str, int, int]]  # weight, baseline, policy
    text: str = ""
    shown_loads: list[tuple[str, str]] = field(default_factory=list)  # the (zone, skill) loads the text names

    def officer_changes(self) -> dict[str, tuple[int, float]]:
        """Home zone -> (officers, contract hours) added (negative: removed), where they change."""
        out = {}
        for z in self.zones:
            a, b = self.baseline.zones.get(z), self.policy.zones.get(z)
            n = (b.officers if b else 0) - (a.officers if a else 0)
            h = (b.contract_hours if b else 0.0) - (a.contract_hours if a else 0.0)
            if n or abs(h) > EPSILON:
                out[z] = (n, h)
        return out

    def response_changes(self) -> dict[str, float]:
        """Staffing zone -> response officer-hours added, when both scenarios staff the same zones (a merger
        joins the zones' demand: the merger says so instead)."""
        a, b = self.baseline.response, self.policy.response
        if set(a) != set(b):
            return {}
        return {z: b[z] - a[z] for z in a if abs(b[z] - a[z]) > EPSILON}

    def loads(self) -> list[tuple[str, str, SkillLoad | None, SkillLoad]]:
        """(zone, skill, baseline load or None, policy load) for every skill a zone's tasks need in the
        policy; a merged zone's baseline is the sum of its former zones'."""
        out = []
        for (z, s), load in self.policy.load.items():
            before = self.baseline.load.get((z, s))
            homes = [self.baseline.load[(h, s)] for h in self.mergers.get(z, []) if (h, s) in self.baseline.load]
            if before is None and homes:
                before = SkillLoad(sum(x.task_hours for x in homes), sum(x.holders for x in homes),
                                   sum(x.holder_hours for x in homes))
            out.append((z, s, before, load))
        return out

    def as_dict(self) -> dict[str, Any]:
        """compare.json's `effect`: pairs are [baseline, policy]."""
        def pair(a: Any, b: Any) -> list[Any]:
            return [_round(a), _round(b)]

        empty = ZoneFigures(0, 0.0, dict.fromkeys(KINDS, 0.0), "")
        zones = []
        for z in self.zones:
            a, b = self.baseline.zones.get(z, empty), self.policy.zones.get(z, empty)
            zones.append({"zone": z, "staffed_by": [a.staffed_by or None, b.staffed_by or None],
                          "officers": pair(a.officers, b.officers),
                          "contract_hours": pair(a.contract_hours, b.contract_hours),
                          "hours": {k: pair(a.hours.get(k, 0.0), b.hours.get(k, 0.0)) for k in KINDS}})
        staffing = list(dict.fromkeys([*self.baseline.response, *self.policy.response]))
        shown = set(self.shown_loads)
        return {
            "text": self.text,
            "zones": zones,
            "response": [{"zone": z, "hours": pair(self.baseline.response.get(z), self.policy.response.get(z))}
                         for z in staffing],
            "outside": {k: pair(self.baseline.outside.get(k, 0.0), self.policy.outside.get(k, 0.0)) for k in KINDS
                        if self.baseline.outside.get(k) or self.policy.outside.get(k)},
            "moves": [{"kind": m.kind, "changes": {z: _round(v) for z, v in m.changes.items()},
                       "outside": _round(m.outside)} for m in self.moves],
            "mergers": [{"zone": s, "zones": zs, "reach": _round(self.policy.reach.get(s), 4)}
                        for s, zs in self.mergers.items()],
            "rules": [{"rule": r, "param": p, "values": [a, b]} for r, p, a, b in self.rules],
            "weights": [{"weight": w, "values": [a, b]} for w, a, b in self.weights],
            "skill_load": [
                {"zone": z, "skill": s,
                 "task_hours": pair(a.task_hours if a else None, b.task_hours),
                 "holders": pair(a.holders if a else None, b.holders),
                 "holder_hours": pair(a.holder_hours if a else None, b.holder_hours),
                 "share": [_round(a.share, 4) if a else None, _round(b.share, 4)],
                 "shown": (z, s) in shown}
                for z, s, a, b in self.loads()],
        }


def _round(v: Any, digits: int = 2) -> Any:
    return round(v, digits) if isinstance(v, float) else v


def _moves(zones: list[str], a: Figures, b: Figures) -> list[Move]:
    moves = []
    for kind in KINDS:
        changes = {}
        for z in zones:
            before = a.zones[z].hours.get(kind, 0.0) if z in a.zones else 0.0
            after = b.zones[z].hours.get(kind, 0.0) if z in b.zones else 0.0
            if abs(after - before) > EPSILON:
                changes[z] = after - before
        outside = b.outside.get(kind, 0.0) - a.outside.get(kind, 0.0)
        if changes or abs(outside) > EPSILON:
            moves.append(Move(kind, changes, outside if abs(outside) > EPSILON else 0.0))
    return moves


def policy_effect(baseline: Problem, policy: Problem) -> PolicyEffect:
    """What `policy` (the scenario with the policy applied) changes against `baseline`, with its text."""
    a, b = figures(baseline), figures(policy)
    zones = list(dict.fromkeys([*a.zones, *b.zones]))
    mergers: dict[str, list[str]] = {}
    for z in zones:
        staff = b.zones[z].staffed_by if z in b.zones else z
        before = a.zones[z].staffed_by if z in a.zones else z
        if staff != z and staff != before:
            mergers.setdefault(staff, []).append(z)
    rules = [(r, p, a.rules.get((r, p)), v) for (r, p), v in b.rules.items() if a.rules.get((r, p)) != v]
    weights = [(w, a.weights.get(w, 0), v) for w, v in b.weights.items() if a.weights.get(w) != v]
    effect = PolicyEffect(zones, a, b, _moves(zones, a, b), mergers, rules, weights)
    effect.text, effect.shown_loads = describe(effect)
    return effect


# The words: English, numbers with thousands separators, a minus sign that reads as one.
WORDS = {"hycap": "HyCap quota", "event": "own events", "prisoner_transfer": "prisoner transfers",
         "protected_site": "protected sites", "other": "other tasks", "hotspot": "hotspot targets"}
LOAD_SHOWN = 0.5  # a skill's task hours above this share of its holders' contract hours are named
MINUS = "\u2212"


def _num(v: float) -> str:
    r = round(v, 1)
    return f"{r:,.0f}" if abs(r - round(r)) < 1e-9 else f"{r:,.1f}"


def _signed(v: float) -> str:
    return ("+" if v >= 0 else MINUS) + _num(abs(v))


def _pct(share: float) -> str:
    return f"{100 * share:.0f} %"


def _value(v: Any) -> str:
    if isinstance(v, float):
        return _num(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    return str(v)


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _move_text(m: Move, effect: PolicyEffect, several: bool) -> str:
    """'protected sites: 1,134 officer-hours move from north (all 648) and west (all 486) to centre (+390), ...'
    when what some zones give up others take on; else each zone's difference."""
    word = WORDS[m.kind]
    order = {z: i for i, z in enumerate(effect.zones)}
    outside = "outside the region"
    given = [(z, -v) for z, v in sorted(m.changes.items(), key=lambda kv: order[kv[0]]) if v < 0]
    taken = sorted(((z, v) for z, v in m.changes.items() if v > 0), key=lambda kv: (-kv[1], order[kv[0]]))
    if m.outside < 0:
        given.append((outside, -m.outside))
    elif m.outside > 0:
        taken.append((outside, m.outside))
    if m.balanced and taken:
        def source(z: str, v: float) -> str:
            after = effect.policy.outside.get(m.kind, 0.0) if z == outside else (
                effect.policy.zones[z].hours.get(m.kind, 0.0) if z in effect.policy.zones else 0.0)
            return f"{z} (all {_num(v)})" if after <= EPSILON else f"{z} ({MINUS}{_num(v)})"

        moved = sum(v for _, v in given)
        return (f"{word}: {_num(moved)} officer-hours move from {_listed([source(z, v) for z, v in given])} to "
                + _listed([f"{z} (+{_num(v)})" for z, v in taken]))
    if not several and not m.outside:
        return f"{word} {_signed(next(iter(m.changes.values())))} officer-hours"
    items = [f"{z} {_signed(v)}" for z, v in sorted(m.changes.items(), key=lambda kv: order[kv[0]])]
    if m.outside:
        items.append(f"{outside} {_signed(m.outside)}")
    return f"{word}: {', '.join(items)} officer-hours"


def _load_texts(effect: PolicyEffect) -> tuple[list[str], list[tuple[str, str]]]:
    """Per skill, the zones where its task hours rise above LOAD_SHOWN of its holders' contract hours (or
    that hold none of it), highest first: 'load on site_guard holders: southeast 91 % (492 task-hours, 16
    holders with 541 contract hours; was 60 %), ...'."""
    by_skill: dict[str, list[tuple[float, str]]] = {}
    shown = []
    for zone, skill, a, b in effect.loads():
        before = a.share if a is not None else None
        if b.share is None:
            if b.task_hours > EPSILON and (a is None or a.task_hours < b.task_hours - EPSILON):
                by_skill.setdefault(skill, []).append((float("inf"), f"{zone} ({_num(b.task_hours)} task-hours, "
                                                                     "no officer holding it)"))
                shown.append((zone, skill))
        elif b.share > LOAD_SHOWN and (before is None or b.share > before + 0.005):
            was = f"; was {_pct(before)}" if before is not None else ""
            by_skill.setdefault(skill, []).append((b.share, (
                f"{zone} {_pct(b.share)} ({_num(b.task_hours)} task-hours, {b.holders} holder"
                f"{'' if b.holders == 1 else 's'} with "
                f"{round(b.holder_hours):,} contract hours{was})")))
            shown.append((zone, skill))
    texts = [f"load on {skill} holders: " + ", ".join(t for _, t in sorted(items, key=lambda x: -x[0]))
             for skill, items in by_skill.items()]
    return texts, shown


def describe(effect: PolicyEffect) -> tuple[str, list[tuple[str, str]]]:
    """The effect in one short English text, and the skill loads it names."""
    several = len(effect.zones) > 1
    parts = []
    for staff, homes in effect.mergers.items():
        reach = effect.policy.reach.get(staff)
        if reach is None:
            parts.append(f"{_listed(homes)} merged into {staff}")
            continue
        many = "any" if reach > 0.9995 else f"on average {_pct(reach)}"
        parts.append(f"{_listed(homes)} merged into {staff}: an officer may serve {many} of the merged zones' "
                     "hotspots and tasks his skills allow")
    officers = effect.officer_changes()
    if officers:
        items = [(f"{z} " if several else "") + f"{_signed(n)} ({_signed(h)} contract hours)"
                 for z, (n, h) in officers.items()]
        parts.append("officers" + (": " if several else " ") + ", ".join(items))
    parts += [_move_text(m, effect, several) for m in effect.moves]
    response = effect.response_changes()
    if response:
        parts.append("response demand: " + ", ".join(f"{z} {_signed(v)}" for z, v in response.items())
                     + " officer-hours")
    if not parts:
        parts.append("no work, officers or zones change")
    loads, shown = _load_texts(effect)
    parts += loads
    rules = [f"{r} {p} {_value(a)} \u2192 {_value(b)}" for r, p, a, b in effect.rules]
    weights = [f"{w} {_value(a)} \u2192 {_value(b)}" for w, a, b in effect.weights]
    if not rules and not weights:
        parts.append("rules and weights unchanged")
    else:
        parts.append("rules: " + ", ".join(rules) if rules else "rules unchanged")
        parts.append("weights: " + ", ".join(weights) if weights else "weights unchanged")
    return "; ".join(parts) + ".", shown
