"""Fuzzing the input side: damaged scenario files are accepted or refused with a message, never a
traceback (the longer run over thousands of files: `benchmarks/fuzz.py`)."""

from __future__ import annotations

import random
from pathlib import Path

import yaml
from fuzz_inputs import BASES, NASTY, campaign_outcome, damaged_inputs, dump, mutate, outcome, write_input
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TINY = yaml.safe_load(BASES["tiny"].read_text(encoding="utf-8"))

# Values YAML can hold, of every type the schema meets, with the edges that broke it before.
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.dates()
    | st.sampled_from([v for v in NASTY if not isinstance(v, list)]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(node=st.integers(min_value=0, max_value=10**6), value=yaml_values)
def test_any_value_anywhere_is_accepted_or_refused(tmp_path: Path, node: int, value: object) -> None:
    path = write_input(tmp_path, "fuzz", dump(mutate(TINY, random.Random(node), value, use_value=True)))
    assert outcome(path) in ("accepted", "refused")


def test_damaged_files_are_accepted_or_refused(tmp_path: Path) -> None:
    found = {name: outcome(write_input(tmp_path, name, content)) for name, content in damaged_inputs(0, 60)}
    crashes = {name: o for name, o in found.items() if o not in ("accepted", "refused")}
    assert not crashes
    assert list(found.values()).count("refused") >= 30  # the damage is real: most files are refused


def test_damaged_campaign_files_are_accepted_or_refused(tmp_path: Path) -> None:
    # The campaign: block's own checks and every drawn week's scenario, as `scheduler campaign` builds them.
    found = {name: campaign_outcome(write_input(tmp_path, name, content))
             for name, content in damaged_inputs(1, 24, ("campaign",))}
    crashes = {name: o for name, o in found.items() if o not in ("accepted", "refused")}
    assert not crashes
    assert list(found.values()).count("refused") >= 8
    assert campaign_outcome(BASES["campaign"]) == "accepted"  # the undamaged file draws and builds its weeks
