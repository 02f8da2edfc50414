"""Pydantic's validation errors as messages for a zone chief: file, line, field, and what to write."""

from __future__ import annotations

import difflib
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from scheduler.errors import InputProblem
from scheduler.scenario.rules import RulePack
from scheduler.scenario.schema import Policy, Scenario
from scheduler.scenario.yaml_source import YamlSource, format_loc

# What the user should have written, by the first word of pydantic's error type (int_parsing, ...).
_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "string": "text",
    "list": "a list",
    "tuple": "a list",
    "dict": "a mapping (key: value lines)",
    "model": "a mapping (key: value lines)",
    "date": "a date like 2026-03-02",
    "datetime": "a date and time like 2026-03-02 08:00",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least"),
    "greater_than": ("gt", "more than"),
    "less_than_equal": ("le", "at most"),
    "less_than": ("lt", "less than"),
}
_WRONG_TYPE = ("int_from_float", "date_from_datetime_parsing", "date_from_datetime_inexact", "datetime_from_date_parsing")


def shown(value: Any) -> str:
    """A value as the user wrote it in YAML."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "nothing"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return repr(value) if isinstance(value, str) else str(value)


def _clean_loc(loc: tuple, data: Any) -> tuple:
    """Drop the parts of a pydantic location that are not keys or indexes in the YAML: validator
    tags like `function-after[...]` and union members like `date`/`datetime` after a scalar."""
    out: list = []
    known = True
    for part in loc:
        if isinstance(part, str) and "[" in part:
            continue
        if known:
            if isinstance(data, dict) and part in data:
                data = data[part]
            elif isinstance(data, list) and isinstance(part, int) and part < len(data):
                data = data[part]
            elif isinstance(part, str) and not isinstance(data, dict | list):
                continue
            else:
                known = False
        out.append(part)
    return tuple(out)


def _unwrap(tp: Any) -> Any:
    while True:
        args = [a for a in get_args(tp) if a is not type(None)]
        if get_origin(tp) is Annotated or (get_origin(tp) in (Union, UnionType) and len(args) == 1):
            tp = args[0]
        else:
            return tp


def _model_at(model: Any, loc: tuple) -> type[BaseModel] | None:
    """The pydantic model class validating the mapping at `loc` below `model`, if any."""
    for part in loc:
        model = _unwrap(model)
        if isinstance(model, type) and issubclass(model, BaseModel):
            fields = {f.alias or name: f for name, f in model.model_fields.items()}
            if part not in fields:
                return None
            model = fields[part].annotation
        elif get_origin(model) in (list, tuple, dict) and get_args(model):
            model = get_args(model)[-1 if get_origin(model) is dict else 0]
        else:
            return None
    model = _unwrap(model)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _message(err: Any, loc: tuple, root: Any) -> tuple[str | None, str]:
    """(what was expected, full message) for one pydantic error, in words for a zone chief."""
    kind, ctx, value = err["type"], err.get("ctx") or {}, err.get("input")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        parent = _model_at(root, loc[:-1])
        known = [f.alias or name for name, f in parent.model_fields.items()] if parent else []
        close = difflib.get_close_matches(key, known, n=1)
        what = "rule" if parent is RulePack else "key"
        return None, f"unknown {what} '{key}'" + (f" (did you mean '{close[0]}'?)" if close else "")
    if kind == "missing":
        return None, "item missing (the list is too short)" if loc and isinstance(loc[-1], int) else "required key is missing"
    if kind in _BOUNDS:
        name, words = _BOUNDS[kind]
        return None, f"must be {words} {shown(ctx.get(name))}, got {shown(value)}"
    if kind == "literal_error":
        hint = " (YAML reads a bare yes/no/on/off as true/false: put the word in quotes)" if isinstance(value, bool) else ""
        return None, f"expected {ctx.get('expected')}, got {shown(value)}{hint}"
    if kind in ("too_short", "too_long"):
        size = f"at least {ctx.get('min_length')}" if kind == "too_short" else f"at most {ctx.get('max_length')}"
        return None, f"expected {size} items, got {ctx.get('actual_length')}"
    if kind.split("_")[0] in _EXPECTED and (kind.endswith(("_type", "_parsing")) or kind in _WRONG_TYPE):
        expected = _EXPECTED[kind.split("_")[0]]
        hint = f"; write it in quotes: \"{value}\"" if kind == "string_type" and isinstance(value, int | float) else ""
        return expected, f"expected {expected}, got {shown(value)}{hint}"
    msg = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return None, msg


def pydantic_problems(exc: ValidationError, source: YamlSource, prefix: tuple = ()) -> list[InputProblem]:
    root = {"Scenario": Scenario, "RulePack": RulePack, "Policy": Policy}.get(exc.title)
    grouped: dict[tuple, list[tuple[str | None, str, Any]]] = {}
    for err in exc.errors():
        loc = _clean_loc(prefix + tuple(err["loc"]), source.data)
        expected, msg = _message(err, loc[len(prefix) :], root)
        grouped.setdefault(loc, []).append((expected, msg, err.get("input")))
    problems = []
    for loc, errs in grouped.items():
        msg = errs[0][1]
        if len(errs) > 1 and all(e[0] for e in errs):  # a union: say every form that would do
            expected = " or ".join(dict.fromkeys(e[0] or "" for e in errs))  # all set (checked above); `or ""` for mypy
            msg = f"expected {expected}, got {shown(errs[0][2])}"
        problems.append(InputProblem(source.name, source.locate(loc), format_loc(loc), msg))
    return problems
