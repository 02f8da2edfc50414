"""Strict YAML reading that remembers where every value came from.

PyYAML silently keeps the last of two duplicated keys; we reject them. It also reads an unquoted
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


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        line = key_node.start_mark.line + 1
        if key in seen:
            raise InputError(
                [InputProblem(loader.name, line, str(key), f"duplicate key (first at line {seen[key]})")]
            )
        seen[key] = line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class YamlSource:
    """A parsed YAML document plus its node tree, for line numbers in messages."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        try:
            loader = _StrictLoader(text)
            loader.name = name
            try:
                self.node = loader.get_single_node()
                self.data = loader.construct_document(self.node) if self.node is not None else None
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else None
            raise InputError([InputProblem(name, line, "", f"YAML syntax: {exc.problem}")]) from None

    @classmethod
    def read(cls, path: str | Path) -> YamlSource:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError([InputProblem(str(path), None, "", f"cannot read: {exc.strerror}")]) from None
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
