"""The time budget of a solve: every share and stage limit, in one place.

A solve has `total` seconds from `start`. In deterministic mode every limit comes from the settings
alone, never from the clock, so the same input gives the same roster. The measurements behind each
constant are in docs/benchmarks.md ("What the strategies' parameters rest on").
"""

from __future__ import annotations

import time
from dataclasses import dataclass

# Strategy choice by officer-days (officers x days): a police problem (tasks, hotspots, demand by time
# window) is decomposed above DECOMPOSE_ABOVE (14 officers for a week); a problem of shift cover alone
# (the benchmark format: horizon_columns.separable), whose small sizes column generation solves, above
# COVER_ONLY_DECOMPOSE_ABOVE (40 officers for a week).
DECOMPOSE_ABOVE = 14 * 7
COVER_ONLY_DECOMPOSE_ABOVE = 40 * 7

# Horizons longer than this many days are rolled: windows of ROLLING_WINDOW_DAYS solved in turn (each
# with ROLLING_LOOKAHEAD_DAYS more whose shifts are not kept), the days before each fixed (`rolling.py`);
# the staffing plan's bound over the whole horizon gets ROLLING_BOUND_SHARE of the limit, at most
# ROLLING_BOUND_MAX seconds. 42 days: every horizon the whole-horizon strategies were measured on (up to
# six weeks) keeps them; `solver.strategy: rolling` asks for windows on any horizon.
LONG_HORIZON_DAYS = 42
# ... except a problem of shift cover alone of at most this many officer-days, which column generation over
# whole schedules solves better than windows (`whole_horizon_columns`): 20 staff x 56 days at 600 s, 1,625
# (bound 1,589) against 1,634 rolled; 22 x 84, proven optimal (144) in 120 s.
COVER_ONLY_WHOLE_HORIZON_MAX = 2_000
ROLLING_WINDOW_DAYS, ROLLING_LOOKAHEAD_DAYS = 14, 7
ROLLING_BOUND_SHARE, ROLLING_BOUND_MAX = 0.1, 60.0
# After the windows of a problem of shift cover alone, HORIZON_SEARCH_SHARE of the limit re-rosters
# stretches of HORIZON_STEP_DAYS (the HORIZON_AHEAD_DAYS after each in the model, fixed) for up to
# HORIZON_STEP_OFFICERS officers, HORIZON_STEP_SECONDS a step at first (`horizon_search.py`). Police
# problems keep the whole limit for their windows: their decomposed windows gain more from it than the
# stretches do (measured, docs/benchmarks.md). Three weeks ahead: a weekend changed in the stretch counts
# in runs of weekends worked up to three weekends later (rest_after_weekends); with one week ahead the
# checker rejected such steps.
HORIZON_SEARCH_SHARE = 0.3
HORIZON_STEP_DAYS, HORIZON_AHEAD_DAYS = 14, 21
HORIZON_STEP_OFFICERS, HORIZON_STEP_SECONDS = 60, 4.0

# Decomposed strategy: shares of the limit for the plan, the search by officer groups and the polish.
PLAN_SHARE, LNS_SHARE, POLISH_SHARE = 0.15, 0.82, 0.03
# The final stage (full model built, hinted roster evaluated, objective made exact): seconds per officer,
# at most this share of the limit.
FINAL_SECONDS_PER_OFFICER, FINAL_MAX_SHARE = 0.01, 0.25
PLAN_FLOOR = 10.0  # seconds the plan gets at least (at most half the limit)
# A plan still worse than PLAN_GOOD_GAP at its share keeps going, up to PLAN_MAX_SHARE of the limit.
PLAN_GOOD_GAP, PLAN_MAX_SHARE = 0.10, 0.30
# With weekly patterns to come the plan only sets the greedy first roster's targets: this many seconds.
PLAN_WITH_PATTERNS = 8.0
# A plan without a solution at its longest (a limit too short for a large zone's plan) goes on until its
# first, at most this many seconds, so the zone still gets a first roster (late rather than none).
PLAN_FIRST_MAX = 60.0
PLAN_ROOT_LP_ITERATIONS = 20_000  # the plan's root LP in one go (CP-SAT's default slices it by 2,000)

# Zones solved in turn: each gets at least this many seconds when the limit allows it for every zone
# (not in deterministic mode); a zone without a roster in its share tries again only with at least
# RETRY_MIN_SECONDS that the later zones can spare.
ZONE_MIN_SECONDS = 15.0
RETRY_MIN_SECONDS = 5.0

# Search by officer groups: seconds per step and officers per class group.
LNS_STEP = 1.0
GROUP_OFFICERS = 25
# During the first EXCHANGE_AFTER_ROUNDS rounds of class groups every EXCHANGE_EVERY-th step is a
# shortfall group while a mandatory task is short (0: class groups only); after them, the kinds of
# AFTER_FIRST_ROUND in turn. Group sizes: EXCHANGE_OFFICERS; windows of WINDOW_OFFICERS over WINDOW_DAYS.
EXCHANGE_EVERY = 2
EXCHANGE_AFTER_ROUNDS = 1
EXCHANGE_OFFICERS = 16
WINDOW_DAYS, WINDOW_OFFICERS = 2, 40
AFTER_FIRST_ROUND = ("mixed", "window")

# Weekly patterns (horizons short enough to enumerate): column generation for at most PATTERN_SHARE of
# the limit, then the roster from its patterns for PATTERN_ROSTER_LEFT of the time left (deterministic
# mode: PATTERN_ROSTER_SHARE of the limit). Below PATTERN_MIN_SECONDS + PATTERN_SECONDS_PER_OFFICER of
# search time they would take the time the officer groups need to staff the mandatory work.
PATTERNS = True
PATTERN_SHARE, PATTERN_ROSTER_SHARE, PATTERN_ROSTER_LEFT = 0.45, 0.3, 0.6
PATTERN_MIN_SECONDS, PATTERN_SECONDS_PER_OFFICER = 5.0, 0.01

# Officers who meet only in cover: column generation for at most GENERATION_SHARE of the limit, the
# search from its relaxation until FULL_SHARE is left (deterministic: SEARCH_SHARE), then the full model.
GENERATION_SHARE, SEARCH_SHARE, FULL_SHARE = 0.3, 0.5, 0.15

# The duty step (best duties for who works when): this share of the limit, at least a second.
DUTY_SHARE = 0.05
# The first roster's duties, when their step ends with none: on until the first solution, at most this.
DUTY_FIRST_MAX = 30.0
# Evaluating a hinted roster exactly (every decision fixed): at most this many seconds.
HINT_SECONDS = 30

# Local moves after every solve (`polish.py`): the full model's search leaves them MOVES_SECONDS_PER_OFFICER
# a officer (at most MOVES_SECONDS); they stop at the limit but get at least MOVES_MIN_SECONDS, and at most
# MOVES_MAX_WORK units of work (a move's coverage costs one, an officer's own check OFFICER_CHECK_WORK),
# the only cap in deterministic mode. A week of 300 officers takes 0.3-0.9 s (about 40,000 units), of
# 1,000 officers about 3 s (180,000).
MOVES_SECONDS, MOVES_MIN_SECONDS, MOVES_SECONDS_PER_OFFICER = 3.0, 0.5, 0.003
MOVES_MAX_WORK = 200_000
# A repair searches the full model only with at least this many seconds (`solve/repair.py`); with less,
# its local moves from the published roster are the repair.
REPAIR_SEARCH_SECONDS = 3.0
OFFICER_CHECK_WORK = 20


@dataclass(frozen=True)
class TimeBudget:
    """`total` seconds from `start` (time.perf_counter()); `deterministic`: limits from the settings only."""

    total: float
    start: float
    deterministic: bool = False

    def used(self) -> float:
        return time.perf_counter() - self.start

    def left(self) -> float:
        return self.total - self.used()

    # -- the monolithic and columns strategies -------------------------------------------------------
    def plan_bound(self) -> float:
        """The staffing plan's bound for the full model's floor."""
        return min(PLAN_SHARE * self.total, 10.0)

    def full_model(self, hinted: bool, officers: int = 0) -> float:
        """The full model's search: the polish share after a hinted strategy, else the whole limit, less
        the local moves' time (`moves`)."""
        if self.deterministic:
            return self.total * (POLISH_SHARE if hinted else 1.0)
        return self.left() - min(MOVES_SECONDS, MOVES_SECONDS_PER_OFFICER * officers)

    def moves(self) -> float:
        """The local moves after the full model: what is left of the limit, within their bounds (no
        clock in deterministic mode: their work cap alone)."""
        return min(MOVES_SECONDS, max(MOVES_MIN_SECONDS, self.left()))

    def generation(self) -> float:
        return GENERATION_SHARE * self.total

    def relaxation_search(self) -> float:
        limit = SEARCH_SHARE * self.total if self.deterministic else self.left() - FULL_SHARE * self.total
        return max(1.0, limit)

    def duty_step(self) -> float:
        return max(1.0, DUTY_SHARE * self.total)

    # -- the rolling strategy (long horizons) -------------------------------------------------------
    def rolling_bound(self) -> float:
        return min(ROLLING_BOUND_SHARE * self.total, ROLLING_BOUND_MAX)

    def rolling_window(self, windows: int, remaining: int, cover_only: bool) -> float:
        """The next window's seconds, `remaining` of `windows` to go (this one included): an equal share of
        the time left (deterministic: of the limit after the bound's share, from the settings alone), less
        the search over the horizon's (`cover_only`: a problem of shift cover alone)."""
        if self.deterministic:
            return (self.total - self.rolling_bound() - self.horizon_search(cover_only)) / windows
        return max(0.5, (self.left() - self.horizon_search(cover_only)) / max(1, remaining))

    def horizon_search(self, cover_only: bool) -> float:
        """The search over the whole horizon after the windows (`horizon_search.py`)."""
        return HORIZON_SEARCH_SHARE * self.total if cover_only else 0.0

    # -- the decomposed strategy ---------------------------------------------------------------------
    def search_end(self, officers: int) -> float:
        """Seconds from the start at which the search stops, in time for the exact evaluation (about
        FINAL_SECONDS_PER_OFFICER a officer); a zone given little time keeps most of it for the search."""
        final = min(FINAL_SECONDS_PER_OFFICER * officers, FINAL_MAX_SHARE * self.total)
        return self.total - max(POLISH_SHARE * self.total, final)

    @staticmethod
    def patterns_needed(officers: int) -> float:
        """The search time below which weekly patterns would starve the officer groups."""
        return PATTERN_MIN_SECONDS + PATTERN_SECONDS_PER_OFFICER * officers

    def plan(self, left: float, with_patterns: bool, patterns_room: bool) -> tuple[float, float, float]:
        """The staffing plan's (share, longest, good gap): it stops at its share if within the good gap by
        then, else goes on up to `longest`. Everything after follows the plan, so a plan cut short (a poor
        one leaves mandatory work unmet) costs more than its time: it gets at least PLAN_FLOOR seconds."""
        total = self.total
        share = max(PLAN_SHARE * total, min(PLAN_FLOOR, 0.5 * total))
        longest = min(max(share, PLAN_MAX_SHARE * total), left)
        if self.deterministic:
            return share, share, PLAN_GOOD_GAP
        if patterns_room:
            # The patterns' bound replaces a plan cut short: PLAN_WITH_PATTERNS s, then on only until it
            # has a solution (without one, no first roster).
            return min(share, PLAN_WITH_PATTERNS), longest, float("inf")
        if with_patterns:  # patterns to come, without room for more: its share only
            return share, share, PLAN_GOOD_GAP
        return share, longest, PLAN_GOOD_GAP

    def pattern_generation(self, usable: float) -> float:
        """`usable`: seconds left for the search by the clock, which deterministic mode never reads."""
        return PATTERN_SHARE * self.total if self.deterministic else min(PATTERN_SHARE * self.total, 0.6 * usable)

    def pattern_roster(self, usable: float) -> float:
        return PATTERN_ROSTER_SHARE * self.total if self.deterministic else PATTERN_ROSTER_LEFT * usable


def zone_shares(sizes: list[int], total: float, minimum: float) -> list[float]:
    """Each zone's seconds: in proportion to its officers, but at least `minimum`, taken from the larger
    zones' shares so the sum stays `total`. When `total` cannot give every zone its minimum, each gets
    the larger of the minimum and its proportional share (the sum is over `total`; callers pass a
    minimum of at most `total / len(sizes)`)."""
    if minimum * len(sizes) >= total:
        return [max(minimum, total * n / sum(sizes)) for n in sizes]
    floored: set[int] = set()
    while True:
        free = [k for k in range(len(sizes)) if k not in floored]
        left = total - minimum * len(floored)
        shares = {k: left * sizes[k] / sum(sizes[j] for j in free) for k in free}
        low = {k for k, v in shares.items() if v < minimum}
        if not low:
            return [minimum if k in floored else shares[k] for k in range(len(sizes))]
        floored |= low
