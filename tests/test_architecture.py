"""The house's shape as a test: no import cycle anywhere in `scheduler/` (import-linter's layer
contracts in pyproject.toml cover the direction between packages; this covers cycles inside them),
and no import inside a function without a comment saying why."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def _cycle(graph: grimp.ImportGraph) -> list[str] | None:
    """One import cycle among the package's modules, or None (depth-first search, three colours)."""
    modules = sorted(graph.modules)
    colour = dict.fromkeys(modules, 0)
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        colour[m] = 1
        stack.append(m)
        for n in sorted(graph.find_modules_directly_imported_by(m)):
            if n not in colour:
                continue
            if colour[n] == 1:
                return stack[stack.index(n):] + [n]
            if colour[n] == 0 and (found := visit(n)):
                return found
        stack.pop()
        colour[m] = 2
        return None

    for m in modules:
        if colour[m] == 0 and (found := visit(m)):
            return found
    return None


def test_no_import_cycle_in_the_package() -> None:
    graph = grimp.build_graph("scheduler")
    # A package's __init__ may re-export its own modules (scheduler.nrp, scheduler.solve): that edge
    # is the package's table of contents, not a cycle of responsibilities.
    for package in ("scheduler.nrp", "scheduler.solve"):
        for child in graph.find_children(package):
            if graph.direct_import_exists(importer=package, imported=child):
                graph.remove_import(importer=package, imported=child)
    assert _cycle(graph) is None


def test_imports_inside_functions_say_why() -> None:
    lazy = []
    for path in sorted((ROOT / "scheduler").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom) and "#" not in lines[inner.lineno - 1]:
                        lazy.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    assert lazy == []
