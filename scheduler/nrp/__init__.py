"""The Curtois-Qu shift scheduling benchmark: reader (`format`), conversion to a scenario (`convert`),
and an independent reference of its objective and hard rules (`score`). Outside the core: the solver
sees a converted instance as any scenario, with the `nrp` rule pack and the settings it names."""

from scheduler.nrp.convert import (
    START_DATE,
    nrp_to_scenario_dict,
    read_nrp_scenario,
    scenario_yaml_text,
    slot_minutes_for,
    write_nrp_yaml,
)
from scheduler.nrp.format import NrpInstance, parse_nrp, parse_nrp_text
from scheduler.nrp.score import nrp_objective, nrp_violations

__all__ = [
    "START_DATE", "NrpInstance", "nrp_objective", "nrp_to_scenario_dict", "nrp_violations", "parse_nrp",
    "parse_nrp_text", "read_nrp_scenario", "scenario_yaml_text", "slot_minutes_for", "write_nrp_yaml",
]
