"""`scheduler generate`: valid, deterministic, split as asked, plausible load, and a small one solves."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scheduler.check import check_roster
from scheduler.cli import main
from scheduler.generate import generate, split_officers, write_scenario, zone_specs
from scheduler.measures import compute_measures
from scheduler.problem import build_problem
from scheduler.scenario.load import load_scenario
from scheduler.scenario.schema import SolverSettings
from scheduler.synth.vocabulary import START
from scheduler.synth.zone import build_zones


def _write(tmp_path: Path, officers: int, zones: int, days: int = 7, seed: int = 0) -> Path:
    path = tmp_path / f"gen-{officers}-{zones}-{days}-{seed}.yaml"
    write_scenario(path, officers, zones, days, seed)
    return path


def test_single_zone_file_validates(tmp_path: Path) -> None:
    problem = build_problem(load_scenario(_write(tmp_path, 120, 1)))
    assert len(problem.officers) == 120
    assert problem.zones == ["south"]
    kinds = Counter(d.task_kind for d in problem.duties if d.kind == "task")
    assert kinds["event"] >= 2 and kinds["prisoner_transfer"] >= 1 and kinds["protected_site"] >= 1
    # A single zone lends HyCap help to zones outside the file, as brussels-south does.
    assert any(d.hycap for d in problem.duties)
    assert any(d.kind == "hotspot" for d in problem.duties)


def test_three_zone_file_validates_with_zones_inline(tmp_path: Path) -> None:
    path = _write(tmp_path, 300, 3)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [set(z) for z in data["zones"]] == [{"id", "name", "municipalities"}] * 3  # inline: no `file:`
    places = {z["id"]: z["municipalities"] for z in data["zones"]}
    assert all(h["municipality"] in places[h["zone"]] for h in data["hotspots"])
    ids = [z["id"] for z in data["zones"]]
    assert all(o["zone"] in ids for o in data["officers"])
    assert all(w["zone"] in ids for w in data["demand"]["windows"])
    assert all(t["zone"] in ids for t in data["tasks"]) and all(h["zone"] in ids for h in data["hotspots"])
    assert any(t.get("hycap_officers", 0) > 0 for t in data["tasks"])
    problem = build_problem(load_scenario(path))
    assert problem.zones == ids
    # HyCap requests are shared out: parts of the host's events staffed by the other zones.
    assert {d.home_zone for d in problem.duties if d.hycap} == set(ids)


def test_same_seed_same_bytes_other_seed_other_file(tmp_path: Path) -> None:
    assert generate(200, 2, 7, seed=5) == generate(200, 2, 7, seed=5)
    assert generate(200, 2, 7, seed=5) != generate(200, 2, 7, seed=6)
    a, b = _write(tmp_path, 60, 2, seed=1), tmp_path / "again.yaml"
    write_scenario(b, 60, 2, 7, 1)
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize(("officers", "zones"), [(30, 2), (100, 3), (1000, 6)])
def test_officers_split_between_zones_of_different_sizes(officers: int, zones: int) -> None:
    sizes = split_officers(officers, zones, random.Random(0))
    assert sum(sizes) == officers and len(sizes) == zones
    assert len(set(sizes)) == zones and min(sizes) >= 10


def test_officer_count_and_zone_split_in_the_file(tmp_path: Path) -> None:
    loaded = load_scenario(_write(tmp_path, 100, 3, seed=2))
    per_zone = Counter(o.zone for o in loaded.scenario.officers)
    assert sum(per_zone.values()) == 100 and len(per_zone) == 3 and len(set(per_zone.values())) == 3


@pytest.mark.parametrize(("officers", "zones"), [(300, 1), (1000, 3)])
def test_week_is_tight_but_not_overfull(officers: int, zones: int) -> None:
    """Response + mandatory work + HyCap help at 70-90 % of contract capacity; hotspots beyond 100 %."""
    rng = random.Random(1)
    taken: set[str] = set()
    specs = zone_specs(split_officers(officers, zones, rng), rng, taken)
    for z in build_zones(specs, rng, START, 7, zones > 1, taken):
        load = (z.response_shifts() + z.task_shifts() + z.hycap_in) / z.capacity.shifts
        assert 0.70 <= load <= 0.90, z.report()
        assert load + z.hotspot_shifts() / z.capacity.shifts > 1.0, z.report()


def test_other_horizons_validate(tmp_path: Path) -> None:
    for days in (3, 14):
        problem = build_problem(load_scenario(_write(tmp_path, 40, 2, days=days)))
        assert problem.days == days


def test_small_region_solves_with_no_hard_violation(tmp_path: Path) -> None:
    problem = build_problem(load_scenario(_write(tmp_path, 30, 2)))
    from scheduler.solve import solve

    roster = solve(problem, SolverSettings(time_limit=8, workers=2, strategy="auto"))
    assert roster.info.status in ("OPTIMAL", "FEASIBLE")
    assert check_roster(problem, roster.assignments).hard_violations == []
    measures = compute_measures(problem, roster.assignments)
    assert measures["unmet_mandatory_officer_hours"] == 0  # mandatory work fits (the week is solvable)


def test_cli_generate_writes_a_valid_file(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "gen.yaml"
    result = CliRunner().invoke(main, ["generate", "--officers", "50", "--zones", "2", "--seed", "3", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == generate(50, 2, 7, 3)
    assert CliRunner().invoke(main, ["validate", str(out)]).exit_code == 0


def test_cli_generate_refuses_too_few_officers(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["generate", "--officers", "15", "--zones", "2", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2
    assert "cannot make 2 zones" in result.output
    assert not (tmp_path / "x.yaml").exists()
