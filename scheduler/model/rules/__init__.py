"""The registry of hard rules: one `RuleSpec` per rule, each from its module in this package.

`RULES` is in the order the model adds the rules' clauses (`model/build.py`), which CP-SAT's search
depends on; the other stages read the same tuple: `solve/patterns.legal_patterns` (pattern filters),
`solve/plan.py` (class sums, by `plan_rank`), `solve/greedy.py` (`shift_can_break`).
"""

from __future__ import annotations

from scheduler.model.rules.fixed import FIXED
from scheduler.model.rules.forbidden_successions import FORBIDDEN_SUCCESSIONS
from scheduler.model.rules.horizon_minutes import HORIZON_MINUTES
from scheduler.model.rules.max_runs import MAX_CONSECUTIVE_DAYS, MAX_CONSECUTIVE_NIGHTS
from scheduler.model.rules.max_shifts_per_type import MAX_SHIFTS_PER_TYPE
from scheduler.model.rules.max_weekends import MAX_WEEKENDS
from scheduler.model.rules.min_blocks import MIN_CONSECUTIVE_DAYS, MIN_CONSECUTIVE_DAYS_OFF
from scheduler.model.rules.min_service import MIN_SERVICE
from scheduler.model.rules.minute_windows import MAX_HOURS_PER_7_DAYS, MAX_SERVICE_PER_24H
from scheduler.model.rules.rest import MIN_REST, NO_OVERLAP
from scheduler.model.rules.rest_after_weekends import REST_AFTER_WEEKENDS
from scheduler.model.rules.spec import PatternFilter, RuleSpec
from scheduler.model.rules.structural import DUTY_SURPLUS, DUTY_WITHOUT_NEED, ONE_SHIFT_PER_DAY, SKILLS, UNAVAILABILITY
from scheduler.model.rules.weekly_rest import WEEKLY_REST

RULES: tuple[RuleSpec, ...] = (
    ONE_SHIFT_PER_DAY,
    UNAVAILABILITY,
    SKILLS,
    DUTY_WITHOUT_NEED,
    DUTY_SURPLUS,
    FIXED,
    NO_OVERLAP,
    MIN_REST,
    WEEKLY_REST,
    MIN_SERVICE,
    MAX_SERVICE_PER_24H,
    MAX_HOURS_PER_7_DAYS,
    HORIZON_MINUTES,
    MAX_CONSECUTIVE_DAYS,
    MIN_CONSECUTIVE_DAYS,
    MIN_CONSECUTIVE_DAYS_OFF,
    MAX_CONSECUTIVE_NIGHTS,
    FORBIDDEN_SUCCESSIONS,
    MAX_WEEKENDS,
    REST_AFTER_WEEKENDS,
    MAX_SHIFTS_PER_TYPE,
)

__all__ = ["RULES", "PatternFilter", "RuleSpec"]
