"""Strict YAML reading that remembers where every value came from, behind one input gate.

The gate, before anything is built: a regular file of at most `MAX_INPUT_BYTES`, UTF-8, no control
characters, nesting at most `MAX_DEPTH` deep, aliases that expand the document by at most
`MAX_ALIAS_VALUES` values (a "billion laughs" file is refused while its events are read, before any
value is built). PyYAML silently keeps the last of two duplicated keys and fails on an impossible date
like 2026-02-30 with a bare ValueError; we report both with line and field. It also reads an unquoted
`14:00` as the integer 840 (YAML 1.1 base-60); the schema rejects that with a hint, see
`values.ClockTime`. `locate()` turns a pydantic error location into a line number.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from scheduler.errors import InputError, InputProblem

# A 100,000-officer zone is about 6 MB; a region of real zones well under 10 MB.
MAX_INPUT_BYTES = 64 * 1024 * 1024
# A scenario nests about 7 levels deep (policies[0].hotspots.add[0].targets[0].days[0]).
MAX_DEPTH = 32
# Values an alias may add over the whole file (a shared list of skills used by every officer is far below).
MAX_ALIAS_VALUES = 1_000_000
# What YAML accepts as printable (the YAML 1.1 spec, as PyYAML's reader): everything else is refused
# with its line and column before parsing.
_NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

# libyaml's parser where it is installed: it keeps line numbers and reads a 100,000-officer file in
# about a second instead of about fifteen.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]  # a base chosen at import time
    pass


@contextmanager
def _without_gc() -> Iterator[None]:
    """The node tree is a million acyclic objects for a large zone: Python's cyclic collector would
    rescan it again and again while it grows (9 s of 10 for 100,000 officers). Reference counting
    still frees everything."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _problem(name: str, line: int | None, message: str) -> InputError:
    return InputError([InputProblem(name, line, "", message)])


def _check_characters(text: str, name: str) -> None:
    bad = _NOT_PRINTABLE.search(text)
    if bad is None:
        return
    line = text.count("\n", 0, bad.start()) + 1
    column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    code = f"U+{ord(bad.group()):04X}"
    raise _problem(name, line, f"control character {code} at column {column}: remove it (YAML text cannot hold it)")


def _check_events(text: str, name: str) -> None:
    """Nesting depth and alias expansion, counted on the parser's events (an iterative pass: no
    recursion, nothing built)."""
    open_anchors: list[str | None] = []
    sizes: list[int] = []  # values inside each open collection, itself included
    anchor_size: dict[str, int] = {}
    added = 0
    values = 0

    def count(n: int) -> None:
        if sizes:
            sizes[-1] += n

    for event in yaml.parse(text, Loader=_BaseLoader):
        line = event.start_mark.line + 1 if event.start_mark is not None else None
        if isinstance(event, yaml.CollectionStartEvent):
            if len(sizes) >= MAX_DEPTH:
                raise _problem(name, line, f"nested more than {MAX_DEPTH} levels deep: a scenario needs fewer than 10")
            open_anchors.append(event.anchor)
            sizes.append(1)
        elif isinstance(event, yaml.CollectionEndEvent):
            size = sizes.pop()
            anchor = open_anchors.pop()
            if anchor is not None:
                anchor_size[anchor] = size
            count(size)
        elif isinstance(event, yaml.ScalarEvent):
            values += 1
            if event.anchor is not None:
                anchor_size[event.anchor] = 1
            count(1)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor in open_anchors:
                raise _problem(name, line, f"alias *{event.anchor} refers to the list or mapping it is in")
            size = anchor_size.get(event.anchor, 0)  # an undefined alias: the composer names it
            added += size
            if added > MAX_ALIAS_VALUES:
                raise _problem(name, line, f"aliases (*name) expand this file by more than {MAX_ALIAS_VALUES:,} "
                                           f"values: write the values out, or use fewer aliases")
            count(size)


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
    if exc.problem and ("'\\t'" in exc.problem or "tab character" in exc.problem):
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
        _check_characters(text, name)
        try:
            _check_events(text, name)
            loader = _StrictLoader(text)
            loader.name = name
            try:
                with _without_gc():
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
        except yaml.YAMLError as exc:  # a reader error: the checks above leave none we know of
            raise _problem(name, None, f"YAML: {exc}") from None

    @classmethod
    def read(cls, path: str | Path) -> YamlSource:
        path = Path(path)
        data = read_input_bytes(path)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
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


def read_input_bytes(path: str | Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """An input file's bytes, if it is a regular file of at most `limit` bytes: a folder, a device
    (/dev/zero) or a FIFO is refused before it is opened, so nothing blocks or fills the memory."""
    name = str(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _problem(name, None, f"cannot read: {exc.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise _problem(name, None, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise _problem(name, None, "is not a regular file (a device, a pipe or a socket): give a file")
    if info.st_size > limit:
        raise _problem(name, None, f"is {info.st_size / 2**20:.0f} MiB; inputs are at most {limit // 2**20} MiB")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise _problem(name, None, f"cannot read: {exc.strerror}") from None
    if len(data) > limit:  # grew while we read it
        raise _problem(name, None, f"is over {limit // 2**20} MiB; inputs are at most that")
    return data


def format_loc(loc: tuple[Any, ...]) -> str:
    """`('officers', 17, 'skills', 2)` -> `officers[17].skills[2]`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out
