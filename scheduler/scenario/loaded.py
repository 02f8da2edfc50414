"""A scenario as loaded: validated, its rule pack resolved per officer."""

from __future__ import annotations

from dataclasses import dataclass, field

from scheduler.scenario.previous import PreviousWeeks
from scheduler.scenario.rules import RulePack
from scheduler.scenario.schema import Scenario


@dataclass
class LoadedScenario:
    """A valid scenario with its rules resolved, per officer where they override."""

    scenario: Scenario
    rules: RulePack
    officer_rules: dict[str, RulePack]
    source: str
    sha256: str
    warnings: list[str] = field(default_factory=list)
    reinforcements: frozenset[str] = frozenset()  # ids of extra officers added for the staffing gap
    policies: tuple[str, ...] = ()  # the policies applied, in order
    previous: PreviousWeeks | None = None  # last week's roster and ledger (`previous:`)

    def rules_for(self, officer_id: str) -> RulePack:
        return self.officer_rules.get(officer_id, self.rules)
