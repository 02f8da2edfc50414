"""Errors the user sees: each names the file, the line where known, and the field."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class InputProblem:
    """One problem in an input file: `zone.yaml:42: officers[17].skills[2]: unknown skill 'riot'`."""

    file: str
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


@dataclass
class InputError(Exception):
    """Bad input: one or more problems, all reported at once."""

    problems: list[InputProblem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
