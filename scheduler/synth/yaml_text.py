"""Scenario YAML written by hand: quoted "HH:MM" times, one compact line per short item, comments
where a reader needs them, and the same bytes for the same data (no timestamps, fixed key order).

PyYAML's dumper would write an unquoted 06:00 (read back as 360), reorder keys and drop comments.
Keys starting with `_` are the generator's own notes: `_note` becomes a trailing comment, the others
are left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from typing import Any

FLOW_WIDTH = 110  # longest item written on one line
_BARE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-/]*$")
_RESERVED = {"yes", "no", "on", "off", "true", "false", "null", "none", "~"}


def scalar(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if v is None:
        return "null"
    s = str(v)
    if _BARE.match(s) and s.lower() not in _RESERVED:
        return s
    return json.dumps(s, ensure_ascii=False)


def _visible(m: dict) -> dict:
    return {k: v for k, v in m.items() if not str(k).startswith("_")}


def flow(v: Any) -> str:
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k}: {flow(x)}" for k, x in _visible(v).items()) + "}"
    if isinstance(v, list | tuple):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return scalar(v)


def _note(m: Any) -> str:
    return f"  # {m['_note']}" if isinstance(m, dict) and m.get("_note") else ""


def block(key: str, value: Any, indent: int = 0) -> list[str]:
    """`key: value` as lines: short values on one line, long mappings and lists of mappings below."""
    pad = " " * indent
    one = f"{pad}{key}: {flow(value)}"
    if not isinstance(value, dict | list) or (len(one) <= FLOW_WIDTH and not _has_notes(value)):
        return [one + _note(value)]
    if isinstance(value, dict):
        out = [f"{pad}{key}:"]
        for k, v in _visible(value).items():
            out += block(str(k), v, indent + 2)
        return out
    if all(not isinstance(x, dict | list) for x in value):
        return [one]
    out = [f"{pad}{key}:"]
    for item in value:
        out += list_item(item, indent + 2)
    return out


def _has_notes(v: Any) -> bool:
    if isinstance(v, dict):
        return "_note" in v or any(_has_notes(x) for x in v.values())
    if isinstance(v, list):
        return any(_has_notes(x) for x in v)
    return False


def list_item(item: Any, indent: int) -> list[str]:
    """`- item`: on one line when it fits, else its keys one per line under the dash."""
    pad = " " * indent
    one = f"{pad}- {flow(item)}"
    if not isinstance(item, dict) or (len(one) <= FLOW_WIDTH and not _has_notes(_visible(item))):
        return [one + _note(item)]
    lines: list[str] = []
    for j, (k, v) in enumerate(_visible(item).items()):
        sub = block(str(k), v, indent + 2)
        if j == 0:
            sub[0] = f"{pad}- " + sub[0][indent + 2:] + _note(item)
        lines += sub
    return lines


def folded(key: str, text: str, indent: int, width: int = 100) -> list[str]:
    """`key: >-` and the text wrapped below it (YAML folds the lines back into one)."""
    pad = " " * (indent + 2)
    return [f"{' ' * indent}{key}: >-", *textwrap.wrap(text, width, initial_indent=pad, subsequent_indent=pad)]
