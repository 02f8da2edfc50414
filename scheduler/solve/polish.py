"""The last step of every solve: local moves the checker's objective rewards, none that breaks a hard rule.

A search stopped by its time limit can leave a cheap repair on the table: emergency response short in a
slot (1,000 points an officer-hour) while an officer of the same shift sits on a hotspot worth 1. From
the returned roster, first improvement, until no move improves or the cap:
- duty change: an officer keeps his shift instance and takes another duty he may do;
- duty swap: two officers on one shift instance exchange duties (it matters when their skills or zones
  differ, or against a repair's published duties);
- shift move: an officer takes a shift on a day off, moves to another shift type the same day or drops
  his shift, where coverage or the published roster gains (his own rules and terms then decide).
A move's effect is computed from the terms it touches, each as the checker computes it: coverage slot by
slot (`coverage_count.Coverage`, the counts of `check.coverage_terms`), the officer's own rules and terms
(`check.check_officer` on his new services) and a repair's change for that officer and day (the rule of
`check_changes.roster_changes`). A move is kept only when the objective strictly drops and hard violations
do not increase. The checker then scores the whole roster: unless it finds exactly the predicted
objective, the roster is returned unpolished. Fixed duties and shifts (a repair's frozen assignments among
them) and blocked shifts are never moved; in a repair nothing starting before `from` is. As in the model's
duty counts (`model/variables.add_duty_variables`), an officer takes a duty only on a shift where it wants
officers, and only while fewer are on it than it wants at most in that shift's slots: the checker would
accept an escort on a day without transfers, a planner would not.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from scheduler.check import CheckResult, Service, check_officer, check_roster, workload_terms
from scheduler.model.penalties import POINT, TIERS
from scheduler.model.variables import duty_cap
from scheduler.problem import Problem
from scheduler.roster import Assignment, Roster
from scheduler.solve.budget import MOVES_MAX_WORK, MOVES_SECONDS, OFFICER_CHECK_WORK
from scheduler.solve.context import RunContext
from scheduler.solve.coverage_count import Coverage, Keys
from scheduler.solve.progress import relative_gap

Now = tuple[int, int] | None  # (instance, duty) an officer works on a day, or None: off
Move = tuple[int, Now, Now]  # officer, from, to (the same day)


@dataclass
class Polished:
    """The roster after local moves, as the checker scores it before and after, and what was done."""

    assignments: list[Assignment]
    before: CheckResult
    after: CheckResult
    moves: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    capped: bool = False  # stopped by the cap, not because no move improves
    rejected: bool = False  # the checker did not find the predicted objective: the original roster
    work: int = 0  # units of work spent (the cap's measure)

    @property
    def gain(self) -> int:
        """Internal units the moves saved."""
        return sum(self.before.internal.values()) - sum(self.after.internal.values())


class _Cap:
    """Work units always (so deterministic mode stops at the same move), the clock only outside it."""

    def __init__(self, seconds: float, work: int, deterministic: bool) -> None:
        self.deadline = None if deterministic else time.perf_counter() + seconds
        self.left = self.given = work
        self.reached = False

    def spend(self, n: int = 1) -> bool:
        """Whether there was room for `n` more units of work."""
        self.left -= n
        if self.left <= 0 or (self.deadline is not None and time.perf_counter() > self.deadline):
            self.reached = True
        return not self.reached


class _Moves:
    """The roster by indices, its coverage counts and each officer's own score, changed move by move."""

    def __init__(self, problem: Problem, assignments: list[Assignment], cap: _Cap) -> None:
        self.problem, self.cap = problem, cap
        self.cov = Coverage(problem)
        officer_ix = {o.id: o.index for o in problem.officers}
        self.shift_ix = {s.id: s.index for s in problem.shift_types}
        duty_ix = {d.id: d.index for d in problem.duties}
        self.shifts: list[dict[int, int]] = [{} for _ in problem.officers]  # officer -> instance -> duty
        self.on: dict[int, set[int]] = defaultdict(set)  # instance -> officers
        self.staffed: Counter[tuple[int, int]] = Counter()  # (instance, duty) -> officers
        self._caps: dict[tuple[int, int], int] = {}
        self._adds: dict[tuple, list[tuple[int, int, int]]] = {}  # see `_additions`
        for a in assignments:
            o, k = officer_ix[a.officer], duty_ix[a.duty]
            i = problem.instance_of(a.day, self.shift_ix[a.shift]).index
            self.shifts[o][i] = k
            self.on[i].add(o)
            self.staffed[(i, k)] += 1
            self.cov.apply(self._keys(o, i, k), +1)
        self.own: dict[int, tuple[int, int]] = {}  # officer -> (units, hard violations) of his own terms
        base = problem.baseline
        self.frozen_before = base.from_minute if base is not None else None
        self.delta = 0  # internal units the kept moves changed the objective by
        self.moves: Counter[str] = Counter()
        # What an evaluation reads changes only with a move on a day whose shifts overlap its own day's,
        # or (shift moves) of its officer: the move count at each, so that nothing is evaluated twice alike.
        self.version = 0
        self.day_stamp = [0] * problem.days
        self.officer_stamp = [0] * len(problem.officers)
        spans = [(min(problem.instances[i].start for i in row), max(problem.instances[i].end for i in row))
                 for row in problem.by_day]
        self.touching = [[e for e, (a2, b2) in enumerate(spans) if a1 < b2 and a2 < b1] for a1, b1 in spans]

    # -- what a move costs ----------------------------------------------------------------------------
    def _keys(self, o: int, i: int, k: int) -> Keys:
        return self.cov.keys(self.problem.officers[o], i, k)

    def _room(self, i: int, k: int) -> bool:
        """May one more officer take duty k on instance i? Response always; another duty while fewer
        officers do it than it wants at most in the instance's slots (none: it is not wanted there)."""
        if k == 0:
            return True
        cap = self._caps.get((i, k))
        if cap is None:
            cap = self._caps[(i, k)] = duty_cap(self.problem, k, i)
        return self.staffed[(i, k)] < cap

    def _open(self, i: int) -> bool:
        """Not frozen: a repair changes nothing that starts before `from`."""
        return self.frozen_before is None or self.problem.instances[i].start >= self.frozen_before

    def _published(self, o: int, day: int) -> tuple[str, str] | None:
        base = self.problem.baseline
        return base.previous.get((self.problem.officers[o].id, day)) if base is not None else None

    def change(self, o: int, day: int, now: Now) -> tuple[int, int]:
        """(units, hard) of a repair's change for officer o on `day` working `now`: the rule of
        `check_changes.roster_changes` for one officer and day."""
        base, problem = self.problem.baseline, self.problem
        if base is None:
            return 0, 0
        officer = problem.officers[o]
        before = base.previous.get((officer.id, day))
        after = None
        if now is not None:
            after = (problem.shift_types[problem.instances[now[0]].shift].id, problem.duties[now[1]].id)
        if before == after:
            return 0, 0
        starts = [problem.instance_of(day, self.shift_ix[p[0]]).start for p in (before, after) if p is not None]
        if min(starts) < base.from_minute:
            return 0, 1  # frozen
        if officer.id not in base.officers:
            return 0, 0
        w = base.weights
        if before is None:
            weight = w.rest_day_call_in
        elif after is not None and after[0] == before[0]:
            weight = w.changed_duty
        else:
            weight = w.changed_shift
        return weight * POINT * base.factor(starts[0]), 0

    def _services(self, o: int, shifts: dict[int, int]) -> list[Service]:
        insts = self.problem.instances
        return [Service(insts[i].day, insts[i].shift, insts[i].start, insts[i].end, k, False) for i, k in shifts.items()]

    def own_score(self, o: int, shifts: dict[int, int] | None = None) -> tuple[int, int]:
        """(units, hard violations) of the officer's own rules and terms by `check_officer`: with `shifts`
        (instance -> duty) instead of his current ones when given."""
        if shifts is None and o in self.own:
            return self.own[o]
        self.cap.spend(OFFICER_CHECK_WORK)
        res = CheckResult()
        check_officer(self.problem, self.problem.officers[o], self._services(o, self.shifts[o] if shifts is None else shifts), res)
        score = sum(res.internal.values()), len(res.hard_violations)
        if shifts is None:
            self.own[o] = score
        return score

    def _cost(self, moves: list[Move]) -> tuple[int, int]:
        """(units, hard) by which the objective changes when each officer o moves from `was` to `now` on
        the same day, his own terms aside (a duty move changes them only by `skills`, counted here)."""
        self.cap.spend()
        units = hard = 0
        if self.problem.baseline is not None:
            for o, was, now in moves:
                day = self.problem.instances[(was or now)[0]].day  # type: ignore[index]  # one of them is set
                u1, h1 = self.change(o, day, now)
                u0, h0 = self.change(o, day, was)
                units, hard = units + u1 - u0, hard + h1 - h0
        apart = len(moves) == 1 and self._apart(moves[0][1], moves[0][2])
        parts: list[tuple[Keys, int]] = []
        for o, was, now in moves:
            officer = self.problem.officers[o]
            for at, sign in ((was, -1), (now, +1)):
                if at is None:
                    continue
                keys = self.cov.keys(officer, *at)
                hard += sign * (at[1] not in officer.duties)
                if apart:
                    # Keys of the two steps apart: each step's cost alone, shared by officers alike until a move.
                    u, h = self.cov.step(keys, sign)
                    units, hard = units + u, hard + h
                else:
                    parts.append((keys, sign))
        if parts:
            u, h = self.cov.delta(parts)
            units, hard = units + u, hard + h
        return units, hard

    def _apart(self, was: Now, now: Now) -> bool:
        """Do leaving `was` and taking `now` touch different keys? Yes unless both are the same duty (or
        response) on shifts with a slot in common (a duty's keys are its slots; response's are slots and
        the instance)."""
        if was is None or now is None or was[1] != now[1]:
            return True
        a, b = self.problem.instances[was[0]], self.problem.instances[now[0]]
        slot = self.problem.slot_minutes
        return max(a.start, b.start) // slot >= min(a.end, b.end) // slot

    def _apply(self, kind: str, moves: list[Move], units: int) -> None:
        for o, was, now in moves:
            if was is not None:
                del self.shifts[o][was[0]]
                self.on[was[0]].discard(o)
                self.staffed[was] -= 1
                self.cov.apply(self._keys(o, *was), -1)
            if now is not None:
                self.shifts[o][now[0]] = now[1]
                self.on[now[0]].add(o)
                self.staffed[now] += 1
                self.cov.apply(self._keys(o, *now), +1)
            self.own.pop(o, None)
            self.officer_stamp[o] = self.version + 1
            for at in (was, now):
                if at is not None:
                    self.day_stamp[self.problem.instances[at[0]].day] = self.version + 1
        self.version += 1
        self._adds.clear()
        self.delta += units
        self.moves[kind] += 1

    def _additions(self, o: int, i: int) -> list[tuple[int, int, int]]:
        """(units, hard, duty) of coverage when officer o takes each of his duties with room on instance
        i, best first; shared by officers alike (zone, skills, duties) until the next move. With the cost of
        leaving his duty (keys apart), it is a duty change's or a shift move's cost."""
        officer = self.problem.officers[o]
        memo = (i, officer.zone, officer.skills, officer.duties)
        found = self._adds.get(memo)
        if found is None:
            self.cap.spend(len(officer.duties))
            found = sorted((*self.cov.step(self.cov.keys(officer, i, k), +1), k) for k in officer.duties if self._room(i, k))
            self._adds[memo] = found
        return found

    # -- the moves ------------------------------------------------------------------------------------
    def duty_changes(self, i: int) -> bool:
        """Each officer on instance i, in turn, to his best other duty, if it improves."""
        improved = False
        if not self._open(i):
            return False
        for o in sorted(self.on[i]):
            if self.problem.officers[o].fixed.get(i) is not None or not self.cap.spend(0):
                continue
            k1 = self.shifts[o][i]
            if self.problem.baseline is not None:  # each duty's change against the published one
                tried = [(*self._cost([(o, (i, k1), (i, k2))]), k2) for k2 in sorted(self.problem.officers[o].duties - {k1})
                         if self._room(i, k2)]
            else:  # leaving k1 and taking k2 touch different keys
                leave_units, leave_hard = self._cost([(o, (i, k1), None)])
                tried = [(leave_units + u, leave_hard + h, k2) for u, h, k2 in self._additions(o, i) if k2 != k1]
            best = min(((u, h, k2) for u, h, k2 in tried if u < 0 and h <= 0), default=None)
            if best is not None:
                self._apply("duty change", [(o, (i, k1), (i, best[2]))], best[0])
                improved = True
        return improved

    def duty_swaps(self, i: int) -> bool:
        """Pairs of officers on instance i exchange duties while one exchange improves. Officers alike
        (zone, skills, duties, duty, published assignment) give the same exchanges: one of each is tried."""
        problem, improved = self.problem, False
        if not self._open(i):
            return False
        day = problem.instances[i].day
        while self.cap.spend(0):
            groups: dict[tuple, int] = {}
            for o in sorted(self.on[i]):
                officer = problem.officers[o]
                if officer.fixed.get(i) is None:
                    sig = (officer.zone, officer.skills, officer.duties, self.shifts[o][i], self._published(o, day),
                           problem.baseline is not None and officer.id in problem.baseline.officers)
                    groups.setdefault(sig, o)
            found: tuple[list[Move], int] | None = None
            for a, b in combinations(sorted(groups.values()), 2):
                ka, kb = self.shifts[a][i], self.shifts[b][i]
                if ka == kb or (ka and kb and problem.baseline is None):
                    continue  # two duties but response: the counts stay, and so does every term
                if kb not in problem.officers[a].duties or ka not in problem.officers[b].duties:
                    continue
                swap: list[Move] = [(a, (i, ka), (i, kb)), (b, (i, kb), (i, ka))]
                units, hard = self._cost(swap)
                if units < 0 and hard <= 0:
                    found = (swap, units)
                    break
            if found is None:
                break
            self._apply("duty swap", *found)
            improved = True
        return improved

    def shift_moves(self, o: int, day: int) -> bool:
        """Officer o on `day`: another shift type, a shift on a day off, or none; the best move, if it
        improves. His own check runs only where the move can gain: coverage, the published roster and
        his workload terms (`check.workload_terms`, cheap) must outweigh what his soft rules cost now
        (the most they can fall by)."""
        problem = self.problem
        officer = problem.officers[o]
        mine = [i for i in self.shifts[o] if problem.instances[i].day == day]
        if len(mine) > 1 or (mine and (mine[0] in officer.fixed or not self._open(mine[0]))):
            return False
        was: Now = (mine[0], self.shifts[o][mine[0]]) if mine else None
        own_units, own_hard = self.own_score(o)
        work = self._workload(o, self.shifts[o])
        rules = own_units - work  # his soft rules' penalties now: a move lowers them by at most this
        options: list[tuple[int, int, int, Now]] = []  # (least total, coverage and changes, hard, move)
        kept = {i: k for i, k in self.shifts[o].items() if was is None or i != was[0]}
        leave_units, leave_hard = self._cost([(o, was, None)]) if was is not None else (0, 0)
        targets: list[int | None] = [None] if was is not None else []
        targets += [i for i in problem.by_day[day] if (was is None or i != was[0]) and i not in officer.blocked
                    and self._open(i)]
        for i2 in targets:
            if not self.cap.spend():
                return False
            least = self._workload(o, kept if i2 is None else {**kept, i2: 0}) - work - rules
            tried: list[tuple[int, int, Now]]
            if i2 is None:
                tried = [(leave_units, leave_hard, None)]
            elif problem.baseline is None:
                # Leaving his shift and taking i2 touch different keys, but for the same duty on shifts with a
                # slot in common: that one move is costed whole.
                tried = [(leave_units + u, leave_hard + h, (i2, k2)) if self._apart(was, (i2, k2))
                         else (*self._cost([(o, was, (i2, k2))]), (i2, k2)) for u, h, k2 in self._additions(o, i2)]
            else:
                tried = [(*self._cost([(o, was, (i2, k))]), (i2, k)) for k in sorted(officer.duties) if self._room(i2, k)]
            # His own terms do not depend on the duty: the best duty for this shift is the only option.
            best = min(((hard > 0, units, hard, now) for units, hard, now in tried if units + least < 0),
                       key=lambda x: (x[0], x[1], x[2], x[3] or (-1, -1)), default=None)
            if best is not None:
                options.append((best[1] + least, best[1], best[2], best[3]))
        for _, units, hard, now in sorted(options, key=lambda x: (x[0], x[2], x[3] or (-1, -1))):
            shifts = dict(kept)
            if now is not None:
                shifts[now[0]] = now[1]
            new_units, new_hard = self.own_score(o, shifts)
            units, hard = units + new_units - own_units, hard + new_hard - own_hard
            if units < 0 and hard <= 0:
                self._apply("shift move", [(o, was, now)], units)
                return True
            if not self.cap.spend(0):
                return False
        return False

    def _workload(self, o: int, shifts: dict[int, int]) -> int:
        """Units of the officer's workload terms (contract hours, fairness, requests): `check.workload_terms`."""
        res = CheckResult()
        workload_terms(self.problem, self.problem.officers[o], self._services(o, shifts), res)
        return sum(res.internal.values())

    def run(self, shift_moves: bool) -> None:
        """Passes until one keeps no move (or the cap), each evaluation skipped when nothing it reads has
        changed since it was last made."""
        problem = self.problem
        order = sorted(range(len(problem.instances)), key=lambda i: (problem.instances[i].start, i))
        seen: dict[tuple[int, int], tuple[int, int]] = {}

        def changed(what: tuple[int, int], day: int, officer: int = -1) -> bool:
            stamp = (max(self.day_stamp[d] for d in self.touching[day]), self.officer_stamp[officer] if officer >= 0 else 0)
            if seen.get(what) == stamp:
                return False
            seen[what] = stamp
            return True

        improved = True
        while improved and not self.cap.reached:
            improved = False
            for i in order:
                if changed((-1, i), problem.instances[i].day):
                    improved |= self.duty_changes(i)
                    improved |= self.duty_swaps(i)
            if not shift_moves:
                continue
            for day in range(problem.days):
                for o in range(len(problem.officers)):
                    if self.cap.reached:
                        return
                    if changed((o, day), day, o):
                        improved |= self.shift_moves(o, day)

    def assignments(self) -> list[Assignment]:
        problem = self.problem
        out = []
        for o, shifts in enumerate(self.shifts):
            for i, k in shifts.items():
                inst = problem.instances[i]
                out.append(Assignment(problem.officers[o].id, inst.day, problem.shift_types[inst.shift].id,
                                      problem.duties[k].id))
        return sorted(out, key=lambda a: (a.day, a.officer, a.shift))


def polish(problem: Problem, assignments: list[Assignment], seconds: float = MOVES_SECONDS,
           work: int = MOVES_MAX_WORK, deterministic: bool = False, shift_moves: bool = True) -> Polished:
    """`assignments` improved by local moves until none improves or the cap (`work` units, and `seconds`
    unless `deterministic`), confirmed by the checker: its objective as predicted, no more hard violations."""
    start = time.perf_counter()
    before = check_roster(problem, assignments)
    seen = {(a.officer, a.day, a.shift) for a in assignments}
    if any(v.rule == "unknown" for v in before.violations) or len(seen) < len(assignments):
        return Polished(assignments, before, before, seconds=time.perf_counter() - start)  # not a roster to move in
    cap = _Cap(seconds, work, deterministic)
    moves = _Moves(problem, assignments, cap)
    moves.run(shift_moves)
    done = Polished(assignments, before, before, moves.moves, capped=cap.reached, work=cap.given - cap.left)
    if moves.moves:
        new = moves.assignments()
        after = check_roster(problem, new)
        if (sum(after.internal.values()) == sum(before.internal.values()) + moves.delta < sum(before.internal.values())
                and len(after.hard_violations) <= len(before.hard_violations)):
            done.assignments, done.after = new, after
        else:
            done.rejected = True
    done.seconds = time.perf_counter() - start
    return done


def moves_text(moves: Counter[str]) -> str:
    """'2 duty changes, 1 shift move' (or 'no move'), for the logs."""
    return ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in sorted(moves.items())) or "no move"


def polish_roster(run: RunContext, roster: Roster) -> Roster:
    """A solve's roster after `polish`, its objective, bound, gap, penalties and tiers updated by the
    checker's differences (so a model the checker disagrees with still shows). An optimal roster has no
    improving move; after Ctrl-C only duties move (milliseconds)."""
    info = roster.info
    if info.status != "FEASIBLE" or info.objective is None or not roster.assignments:
        return roster
    done = polish(run.problem, roster.assignments, seconds=run.budget.moves(), deterministic=run.settings.deterministic,
                  shift_moves=not run.stopped)
    what = moves_text(done.moves)
    run.log(f"[local moves] {what}: objective {done.before.objective:,.2f} -> {done.after.objective:,.2f} in "
            f"{done.seconds:.2f} s{' (capped)' if done.capped else ''}"
            f"{'; the checker disagreed, roster kept' if done.rejected else ''}")
    if done.gain <= 0:
        return roster
    info.objective = (round(info.objective * POINT) - done.gain) / POINT
    if info.best_bound is not None:
        info.best_bound = min(info.best_bound, info.objective)
        info.gap = relative_gap(info.objective, info.best_bound)
        if info.gap == 0:
            info.status = "OPTIMAL"
    for term in sorted(set(done.before.internal) | set(done.after.internal)):  # sorted: the same roster.json
        moved = (done.after.internal.get(term, 0) - done.before.internal.get(term, 0)) / POINT
        if moved:
            info.penalties[term] = info.penalties.get(term, 0.0) + moved
    tiers = dict(info.tiers)
    for tier in sorted(set(done.before.tiers) | set(done.after.tiers)):
        tiers[tier] = tiers.get(tier, 0.0) + (done.after.tiers.get(tier, 0) - done.before.tiers.get(tier, 0)) / POINT
    info.penalties = {k: v for k, v in info.penalties.items() if abs(v) > 1e-9}
    info.tiers = {t: tiers[t] for t in TIERS if abs(tiers.get(t, 0.0)) > 1e-9}
    return Roster(done.assignments, info)
