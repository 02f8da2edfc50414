"""Constraint families. `FAMILIES` is the model's table of contents, in the order they are added."""

from scheduler.model.constraints.coverage import add_duty_coverage, add_response_coverage
from scheduler.model.constraints.hours import (
    add_horizon_minutes,
    add_max_hours_per_7_days,
    add_max_service_per_24h,
    add_min_service,
)
from scheduler.model.constraints.rest import add_min_rest, add_no_overlap, add_weekly_rest
from scheduler.model.constraints.sequences import (
    add_forbidden_successions,
    add_max_consecutive_days,
    add_max_consecutive_nights,
    add_max_shifts_per_type,
    add_max_weekends,
    add_min_consecutive_days,
    add_min_consecutive_days_off,
    add_rest_after_weekends,
)
from scheduler.model.constraints.workload import (
    add_fair_nights,
    add_fair_weekends,
    add_fixed,
    add_overtime,
    add_reinforcement_officers,
    add_requests,
)

# (family id, function). Structural and labour rules first, then coverage, then soft terms.
FAMILIES = (
    ("fixed", add_fixed),
    ("no_overlap", add_no_overlap),
    ("min_rest", add_min_rest),
    ("weekly_rest", add_weekly_rest),
    ("min_service", add_min_service),
    ("max_service_per_24h", add_max_service_per_24h),
    ("max_hours_per_7_days", add_max_hours_per_7_days),
    ("horizon_minutes", add_horizon_minutes),
    ("max_consecutive_days", add_max_consecutive_days),
    ("min_consecutive_days", add_min_consecutive_days),
    ("min_consecutive_days_off", add_min_consecutive_days_off),
    ("max_consecutive_nights", add_max_consecutive_nights),
    ("forbidden_successions", add_forbidden_successions),
    ("max_weekends", add_max_weekends),
    ("rest_after_weekends", add_rest_after_weekends),
    ("max_shifts_per_type", add_max_shifts_per_type),
    ("duty_coverage", add_duty_coverage),
    ("response_coverage", add_response_coverage),
    ("overtime", add_overtime),
    ("fair_nights", add_fair_nights),
    ("fair_weekends", add_fair_weekends),
    ("requests", add_requests),
    ("reinforcement_officers", add_reinforcement_officers),
)

__all__ = ["FAMILIES"]
