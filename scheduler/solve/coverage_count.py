"""The checker's coverage terms, counted incrementally, for local moves (`polish.py`).

`check.coverage_terms` counts officers per (duty, slot), on emergency response per (zone, skill, slot)
and per (instance, zone, skill), and prices each count against what is wanted. Here the same counts live
under one kind of key, each key with the targets it is priced against, so that a move costs only the
keys it touches. Keys without a target cost nothing whatever their count and are not kept.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from scheduler.problem import Officer, Problem

Key = tuple[Any, ...]  # ("duty", k, slot) | ("response", zone, skill, slot) | ("cover", instance, zone, skill)
Keys = tuple[Key, ...]


@dataclass(frozen=True)
class Target:
    """What one key is priced against: internal units per officer short and per officer above."""

    need: int
    under: int
    over: int = 0
    strict: bool = False  # short is a hard violation (a strict mandatory task), not a penalty


class Coverage:
    """Officers per key against the targets of `check.coverage_terms`."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        slot = problem.slot_minutes
        targets: dict[Key, list[Target]] = defaultdict(list)
        for duty in problem.duties:
            if duty.kind == "response":
                continue
            for t, need in duty.need.items():
                if duty.kind == "task":
                    strict = duty.priority == "mandatory" and duty.strict
                    targets[("duty", duty.index, t)].append(Target(need, 0 if strict else duty.weight * slot, 0, strict))
                else:
                    targets[("duty", duty.index, t)].append(Target(need, duty.weight * duty.need_weight.get(t, 1) * slot))
        w = problem.weights["response_shortfall"] * slot
        for (zone, skill), wanted in problem.response_need.items():
            for t, count in wanted.items():
                targets[("response", zone, skill, t)].append(Target(count, w))
        for cn in problem.cover_needs:
            targets[("cover", cn.instance, cn.zone, cn.skill)].append(Target(cn.count, cn.under_weight, cn.over_weight))
        # A target that can cost nothing changes nothing (a zero weight, a need of zero without an over weight).
        self.targets = {key: tuple(ts) for key, ts in targets.items()
                        if any(t.strict or (t.under and t.need > 0) or t.over for t in ts)}
        self.count: dict[Key, int] = defaultdict(int)
        self._keys: dict[tuple[Any, ...], Keys] = {}
        # (officer's keys, +1 or -1) -> what that step alone costs: shared by every officer alike (their
        # keys are one object), valid until the counts change.
        self._steps: dict[tuple[int, int], tuple[int, int]] = {}

    def keys(self, o: Officer, i: int, k: int) -> Keys:
        """The priced keys an officer counts in when doing duty k on instance i (the checker's slots:
        those the service covers whole, within the horizon)."""
        memo = (i, k) if k else (i, k, o.zone, o.skills)
        found = self._keys.get(memo)
        if found is not None:
            return found
        inst, slot = self.problem.instances[i], self.problem.slot_minutes
        slots = range(max(0, -(-inst.start // slot)), min(self.problem.n_slots, inst.end // slot))
        if k:
            wanted: list[Key] = [("duty", k, t) for t in slots]
        else:
            wanted = []
            for skill in [None, *sorted(o.skills)]:
                wanted.append(("cover", i, o.zone, skill))
                wanted.extend(("response", o.zone, skill, t) for t in slots)
        out = tuple(key for key in wanted if key in self.targets)
        self._keys[memo] = out
        return out

    def cost(self, key: Key, count: int) -> tuple[int, int]:
        """(internal units, hard violations) of `count` officers on `key`."""
        units = hard = 0
        for t in self.targets[key]:
            if t.strict:
                hard += count < t.need
            else:
                units += t.under * max(0, t.need - count) + t.over * max(0, count - t.need)
        return units, hard

    def delta(self, parts: list[tuple[Keys, int]]) -> tuple[int, int]:
        """(units, hard) the counts change by when each (keys, +1 or -1) of `parts` is applied."""
        change: dict[Key, int] = defaultdict(int)
        for keys, sign in parts:
            for key in keys:
                change[key] += sign
        units = hard = 0
        for key, by in change.items():
            if by:
                now = self.count[key]
                u0, h0 = self.cost(key, now)
                u1, h1 = self.cost(key, now + by)
                units += u1 - u0
                hard += h1 - h0
        return units, hard

    def step(self, keys: Keys, sign: int) -> tuple[int, int]:
        """`delta` of one officer more (+1) or fewer (-1) on `keys` (as returned by `keys`)."""
        memo = (id(keys), sign)
        found = self._steps.get(memo)
        if found is None:
            found = self._steps[memo] = self.delta([(keys, sign)])
        return found

    def apply(self, keys: Keys, sign: int) -> None:
        for key in keys:
            self.count[key] += sign
        self._steps.clear()
