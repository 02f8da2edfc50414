"""`scheduler schema`: the committed scenario.schema.json is its output, and it accepts and rejects what the loader does."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from scheduler.cli import main

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "scenario.schema.json"
EXAMPLES = [ROOT / "examples" / "tiny" / "zone.yaml", ROOT / "examples" / "brussels-south" / "zone.yaml"]


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def as_json(path: Path) -> Any:
    """The YAML as an editor's language server sees it: dates are strings."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))


def test_committed_schema_is_the_command_output() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0, result.output
    assert result.output == SCHEMA_FILE.read_text(encoding="utf-8"), "regenerate: scheduler schema > scenario.schema.json"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_validate_and_point_at_the_schema(validator: Any, path: Path) -> None:
    assert list(validator.iter_errors(as_json(path))) == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, first
    assert (path.parent / match.group(1)).resolve() == SCHEMA_FILE


def test_unknown_keys_are_rejected(validator: Any) -> None:
    data = as_json(EXAMPLES[0])
    data["officer"] = []  # misspelt top-level key
    data["officers"][0]["skils"] = ["patrol"]  # misspelt nested key
    data["horizon"]["day"] = 7
    messages = sorted(e.message for e in validator.iter_errors(data))
    assert messages == [
        f"Additional properties are not allowed ('{key}' was unexpected)" for key in ("day", "officer", "skils")
    ]


def test_times_must_be_quoted_hh_mm(validator: Any) -> None:
    data = as_json(EXAMPLES[0])
    data["shift_types"][0]["start"] = "6:00"
    data["shift_types"][1]["start"] = 840  # what YAML 1.1 makes of an unquoted 14:00
    errors = list(validator.iter_errors(data))
    assert sorted(list(e.path) for e in errors) == [["shift_types", 0, "start"], ["shift_types", 1, "start"]]
