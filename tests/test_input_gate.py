"""The input gate: every class of damaged input found by fuzzing ends in a message naming the file (and
the line and field where there is one) and exit 2; never a traceback, a hang or a silent change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from scheduler.cli import main
from scheduler.errors import InputError
from scheduler.scenario.load import load_scenario
from scheduler.scenario.yaml_source import MAX_ALIAS_VALUES, MAX_DEPTH, YamlSource

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "tiny" / "zone.yaml"


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def tiny_data() -> dict:
    return yaml.safe_load(TINY.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict | str, name: str = "zone.yaml") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, *args: object) -> str:
    """`validate` exits 2 with a message (no traceback); the message."""
    result = run("validate", path, *args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.output


# --- reading: special files, characters, nesting, aliases -------------------------------------------


def test_a_device_a_folder_and_a_fifo_are_refused_before_reading(tmp_path: Path) -> None:
    assert "is not a regular file" in refused(Path("/dev/zero"))
    assert "is a directory" in refused(tmp_path)  # click's own check
    with pytest.raises(InputError, match="is a folder, not a file"):
        YamlSource.read(tmp_path)
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "is not a regular file" in refused(fifo)  # opening it would block for ever


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f"])
def test_a_control_character_is_named_with_line_and_column(tmp_path: Path, char: str) -> None:
    text = TINY.read_text(encoding="utf-8").replace("name: Tiny example zone", f"name: Tiny{char} zone")
    message = refused(write(tmp_path, text))
    # "name: Tiny" is 10 characters: the control character is the 11th, on line 4.
    assert f"zone.yaml:4: control character U+{ord(char):04X} at column 11" in message


def test_nesting_beyond_the_limit_is_refused_without_recursion(tmp_path: Path) -> None:
    deep = "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"
    assert f"nested more than {MAX_DEPTH} levels deep" in refused(write(tmp_path, deep))
    very_deep = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    assert "zone.yaml:1:" in refused(write(tmp_path, very_deep))


def _laughs(key: str) -> str:
    """Nine levels of nine aliases each: 9**9 (387 million) values once expanded."""
    lines = ['l0: &l0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    for k in range(1, 9):
        lines.append(f"l{k}: &l{k} [" + ", ".join([f"*l{k - 1}"] * 9) + "]")
    return f"{key}:\n" + "\n".join("  " + line for line in lines) + "\n"


@pytest.mark.parametrize("where", ["rules", "policy"])
def test_an_alias_bomb_is_refused_while_reading(tmp_path: Path, where: str) -> None:
    text = TINY.read_text(encoding="utf-8")
    if where == "rules":
        text += _laughs("rules")
    else:
        text += "policies:\n  - id: p\n    description: d\n    " + _laughs("rules").replace("\n", "\n    ").rstrip() + "\n"
    message = refused(write(tmp_path, text))
    assert f"aliases (*name) expand this file by more than {MAX_ALIAS_VALUES:,} values" in message


def test_an_alias_inside_itself_is_refused() -> None:
    with pytest.raises(InputError, match="alias \\*x refers to the list or mapping it is in"):
        YamlSource("a: &x [1, *x]\n", "t.yaml")


def test_a_few_aliases_are_fine() -> None:
    source = YamlSource("skills: &s [patrol, driver]\nother: *s\n", "t.yaml")
    assert source.data == {"skills": ["patrol", "driver"], "other": ["patrol", "driver"]}


def test_a_zone_file_that_names_itself_is_refused(tmp_path: Path) -> None:
    region = tmp_path / "region.yaml"
    region.write_text("zone: region\nzones:\n  - {id: a, file: region.yaml}\n", encoding="utf-8")
    message = refused(region)
    assert "region.yaml:3: zones[0].file: 'region.yaml' is a region file" in message


# --- dates and times ----------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["9999-12-27", "0001-01-01"])
def test_a_horizon_outside_the_years_a_plan_can_be_about(tmp_path: Path, start: str) -> None:
    data = tiny_data()
    data["horizon"]["start"] = start
    message = refused(write(tmp_path, data))
    assert f"horizon.start: {start} is outside the years 2000-2100" in message


def test_a_leave_to_the_end_of_time(tmp_path: Path) -> None:
    data = tiny_data()
    data["officers"][0]["unavailable"] = [{"start": "2026-03-03", "end": "9999-12-31"}]
    assert "officers[0].unavailable[0].end: 9999-12-31 is outside the years 2000-2100" in refused(write(tmp_path, data))


def test_a_leave_with_one_aware_and_one_naive_time(tmp_path: Path) -> None:
    data = tiny_data()
    data["officers"][0]["unavailable"] = [{"start": "2026-03-03T08:00:00+01:00", "end": "2026-03-03T16:00:00"}]
    message = refused(write(tmp_path, data))
    assert "officers[0].unavailable[0]: start and end must both carry a UTC offset" in message


# --- numbers that reach the solver ---------------------------------------------------------------------


@pytest.mark.parametrize(("path", "value", "field"), [
    (("solver", "seed"), 99999999999999999999, "solver.seed"),
    (("solver", "time_limit"), float("nan"), "solver.time_limit"),
    (("solver", "time_limit"), float("inf"), "solver.time_limit"),
    (("officers", 0, "min_minutes"), 1e23, "officers[0].min_minutes"),
    (("officers", 0, "max_shifts"), {"N": -3}, "officers[0].max_shifts.N"),
    (("rules", "min_service"), {"hours": 25}, "rules.min_service.hours"),
    (("rules", "max_consecutive_days"), {"days": 10**12}, "rules.max_consecutive_days.days"),
])
def test_a_number_out_of_bounds_is_refused(tmp_path: Path, path: tuple, value: object, field: str) -> None:
    data = tiny_data()
    target = data
    for part in path[:-1]:
        target = target.setdefault(part, {}) if isinstance(part, str) else target[part]
    target[path[-1]] = value
    message = refused(write(tmp_path, data))
    assert f": {field}: " in message


# --- what would change the work silently ---------------------------------------------------------------


def test_a_task_window_on_no_day(tmp_path: Path) -> None:
    data = tiny_data()
    data["tasks"][0]["windows"][0]["days"] = []
    assert "tasks[0].windows[0].days:" in refused(write(tmp_path, data))


def test_a_task_without_windows(tmp_path: Path) -> None:
    data = tiny_data()
    data["tasks"][0]["windows"] = []
    assert "tasks[0].windows:" in refused(write(tmp_path, data))


def test_24_00_is_only_an_end(tmp_path: Path) -> None:
    data = tiny_data()
    data["demand"]["windows"][0]["start"] = "24:00"
    assert '"24:00" is only an end' in refused(write(tmp_path, data))
    data = tiny_data()
    data["shift_types"][0]["start"] = "24:00"
    assert "shift_types[0].start:" in refused(write(tmp_path, data))


def test_a_shift_of_a_fraction_of_a_minute(tmp_path: Path) -> None:
    data = tiny_data()
    data["shift_types"][0]["hours"] = 0.001
    assert "0.001 h is not a whole number of minutes (0.06 min)" in refused(write(tmp_path, data))


def test_a_shift_shorter_than_a_hard_minimum_service_is_a_warning_that_names_the_consequence(tmp_path: Path) -> None:
    data = tiny_data()
    data["shift_types"].append({"id": "S", "start": "10:00", "hours": 2})
    result = run("validate", write(tmp_path, data))
    assert result.exit_code == 0, result.output
    assert ("shift type 'S' lasts 2 h, less than a service (rule min_service: 4 h, hard): no officer will work it"
            in result.output)


def test_a_window_from_a_time_to_the_same_time_is_24_hours() -> None:
    """Documented, and what the shipped zones use for sites guarded round the clock."""
    loaded = load_scenario(ROOT / "examples" / "brussels-south" / "zone.yaml")
    windows = [w for t in loaded.scenario.tasks for w in t.windows if w.start == w.end]
    assert windows and all(w.start == "06:00" for w in windows)


def test_two_policies_with_one_id(tmp_path: Path) -> None:
    data = tiny_data()
    data["policies"] = [{"id": "p", "description": "one"}, {"id": "p", "description": "two"}]
    assert "policies[1].id: duplicate policy id 'p' (also in" in refused(write(tmp_path, data))
    result = run("policies", tmp_path / "zone.yaml")
    assert result.exit_code == 2, result.output


# --- messages are text ----------------------------------------------------------------------------------


def test_a_line_number_is_never_read_as_an_emoji(tmp_path: Path) -> None:
    # Officer o01's id on line 100: ":100:" is an emoji code to a console that reads markup.
    text = TINY.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(text) if "id: o01" in line)
    text[at:at] = ["# padding"] * (99 - at)
    text[99] = text[99].replace("id: o01", "idd: o01")
    message = refused(write(tmp_path, "\n".join(text) + "\n"))
    assert "zone.yaml:100: officers[0]" in message
    assert "\U0001f4af" not in message


def test_markup_in_user_data_is_printed_as_written(tmp_path: Path) -> None:
    data = tiny_data()
    data["officers"][0]["skills"] = ["[bold]patrol[/bold]"]
    assert "unknown skill '[bold]patrol[/bold]'" in refused(write(tmp_path, data))


def test_a_scenario_saved_as_txt_is_read_as_a_scenario(tmp_path: Path) -> None:
    path = tmp_path / "zone.txt"
    path.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 0, result.output
    assert "valid: 10 officers, 7 days, 3 shift types, 1 task, 1 hotspot" in result.output
