"""Terms that are not a labour rule: coverage (`coverage.py`), the workload terms (`workload.py`) and,
when repairing a published roster, its changes (`changes.py`).
`TERMS` follows the rules' clauses in the model (`model/build.FAMILIES`), in this order."""

from scheduler.model.constraints.changes import add_changes
from scheduler.model.constraints.coverage import add_duty_coverage, add_response_coverage
from scheduler.model.constraints.workload import (
    add_fair_nights,
    add_fair_weekends,
    add_overtime,
    add_reinforcement_officers,
    add_requests,
)

# (family id, function): coverage, then the soft terms.
TERMS = (
    ("duty_coverage", add_duty_coverage),
    ("response_coverage", add_response_coverage),
    ("overtime", add_overtime),
    ("fair_nights", add_fair_nights),
    ("fair_weekends", add_fair_weekends),
    ("requests", add_requests),
    ("reinforcement_officers", add_reinforcement_officers),
    ("changes", add_changes),  # adds nothing without a published roster (repair)
)

__all__ = ["TERMS"]
