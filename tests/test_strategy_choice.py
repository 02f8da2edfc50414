"""`strategy: auto`: decomposed from 15 officers for a police week, from 41 for shift cover alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from scheduler.generate import write_scenario
from scheduler.nrp import read_nrp_scenario
from scheduler.problem import build_problem
from scheduler.scenario.load import load_scenario
from scheduler.solve import auto_strategy
from scheduler.solve.horizon_columns import separable

ROOT = Path(__file__).resolve().parent.parent
NRP = ROOT / "benchmarks" / "data" / "nrp"


@pytest.mark.parametrize(("officers", "strategy"), [(15, "decomposed"), (40, "decomposed")])
def test_police_weeks_from_15_officers_are_decomposed(tmp_path: Path, officers: int, strategy: str) -> None:
    path = tmp_path / "rich.yaml"
    write_scenario(path, officers, seed=0, rich=True)
    problem = build_problem(load_scenario(path))
    assert not separable(problem)
    assert auto_strategy(problem) == strategy  # 15 x 7 = 105 officer-days > 98


def test_the_ten_officer_example_stays_one_model() -> None:
    problem = build_problem(load_scenario(ROOT / "examples" / "tiny" / "zone.yaml"))
    assert auto_strategy(problem) == "monolithic"  # 10 x 7 = 70 officer-days <= 98


@pytest.mark.parametrize(("instance", "strategy"), [(3, "monolithic"), (4, "monolithic"), (10, "decomposed")])
def test_cover_alone_keeps_column_generation_up_to_280_officer_days(instance: int, strategy: str) -> None:
    problem = build_problem(read_nrp_scenario(NRP / f"Instance{instance}.txt"))
    assert separable(problem)
    # 3: 20 staff x 14 days = 280 and 4: 10 x 28 = 280 stay monolithic (column generation); 10: 40 x 28 = 1,120.
    assert auto_strategy(problem) == strategy
