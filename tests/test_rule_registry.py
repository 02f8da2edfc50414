"""The registry of rule modules (`scheduler/model/rules/`) names every rule once, with the same id as
the YAML, the checker's units and the rule's test module, and the model adds the rules in its order."""

from __future__ import annotations

from pathlib import Path

from scheduler.check import AMOUNT_UNITS
from scheduler.model.build import FAMILIES
from scheduler.model.rules import RULES
from scheduler.scenario.rules import RULE_IDS, STRUCTURAL_RULES

RULE_TESTS = Path(__file__).resolve().parent / "rules"


def test_every_rule_has_one_module() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(RULE_IDS) | set(STRUCTURAL_RULES)


def test_every_rule_has_its_checker_unit_and_test_module() -> None:
    for rule in RULES:
        assert rule.id in AMOUNT_UNITS
        assert (RULE_TESTS / f"test_{rule.id}.py").is_file(), rule.id


def test_the_model_adds_the_rules_in_registry_order_before_the_other_terms() -> None:
    with_clauses = [rule.id for rule in RULES if rule.add_to_model is not None]
    assert [name for name, _ in FAMILIES][: len(with_clauses)] == with_clauses
