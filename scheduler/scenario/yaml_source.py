"""Strict YAML reading that remembers where every value came from.

PyYAML silently keeps the last of two duplicated keys and fails on an impossible date like
2026-02-30 with a bare ValueError; we report both with line and field. It also reads an unquoted
`14:00` as the integer 840 (YAML 1.1 base-60); the schema rejects that with a hint, see
`config.ClockTime`. `locate()` turns a pydantic error location into a line number.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from scheduler.errors import InputError, InputProblem


class _StrictLoader(yaml.SafeLoader):
    pass


_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


def _node_problems(loader: _StrictLoader, node: yaml.Node | None, path: tuple = (), seen: set | None = None) -> list:
    """Duplicate keys (PyYAML keeps the last silently) and impossible dates (PyYAML raises a bare
    ValueError), found on the node tree so that each problem has its line and field path."""
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:
        return []
    seen.add(id(node))
    problems: list[InputProblem] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None:
                line = key_node.start_mark.line + 1
                if key in first:
                    where = format_loc(path + (key,))
                    problems.append(
                        InputProblem(loader.name, line, where, f"duplicate key '{key}' (first at line {first[key]})")
                    )
                else:
                    first[key] = line
            problems += _node_problems(loader, value_node, path + (key,), seen)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems += _node_problems(loader, item, path + (i,), seen)
    elif isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP_TAG:
        try:
            loader.construct_yaml_timestamp(node)
        except ValueError as exc:
            line = node.start_mark.line + 1
            kind = "date" if len(node.value.strip()) <= 10 else "date and time"
            problems.append(InputProblem(loader.name, line, format_loc(path), f"{node.value} is not a real {kind} ({exc})"))
    return problems


_CONTEXTS = {"flow sequence": "[...] list", "flow mapping": "{...} mapping", "block mapping": "mapping"}


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    message = f"YAML syntax: {exc.problem}"
    if exc.problem and "'\\t'" in exc.problem:
        message += " (indent with spaces, not tabs)"
    elif exc.problem and exc.problem.startswith("mapping values are not allowed"):
        message += " (put a value that contains ': ' in quotes)"
    elif exc.context and exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
        context = exc.context
        for jargon, plain in _CONTEXTS.items():
            context = context.replace(f"a {jargon}", f"the {plain}")
        message += f" ({context} that starts at line {exc.context_mark.line + 1})"
    return message


class YamlSource:
    """A parsed YAML document plus its node tree, for line numbers in messages."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        try:
            loader = _StrictLoader(text)
            loader.name = name
            try:
                self.node = loader.get_single_node()
                problems = _node_problems(loader, self.node)
                if problems:
                    raise InputError(problems)
                self.data = loader.construct_document(self.node) if self.node is not None else None
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            raise InputError([InputProblem(name, line, "", _syntax_message(exc))]) from None

    @classmethod
    def read(cls, path: str | Path) -> YamlSource:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError([InputProblem(str(path), None, "", f"cannot read: {exc.strerror}")]) from None
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            raise InputError([InputProblem(
                str(path), line, "", "not UTF-8 text: save the file as UTF-8 (accented names in another encoding)"
            )]) from None
        return cls(text, str(path))

    def locate(self, loc: tuple[Any, ...]) -> int | None:
        """Line (1-based) of the deepest node reachable along `loc`."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            if isinstance(node, yaml.MappingNode):
                nxt = None
                for k, v in node.value:
                    if k.value == str(part):
                        nxt = v
                        line = k.start_mark.line + 1
                        break
                if nxt is None:
                    return line
                node = nxt
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
                if part >= len(node.value):
                    return line
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                return line
        return line


def format_loc(loc: tuple[Any, ...]) -> str:
    """`('officers', 17, 'skills', 2)` -> `officers[17].skills[2]`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
