"""Atomic writes: temporary files in the target's folder, then renames, so an output is never
half-written and the files of one run are replaced together.

A temporary file is named `.<name>.<pid>.<random>.tmp`: removed on every exit Python sees (an
exception, Ctrl-C, SIGTERM through the CLI); after a kill -9, the next write into that folder removes
those whose process is gone.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, text: str) -> None:
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: str | Path, data: bytes) -> None:
    """The same for binary outputs (a workbook, a calendar)."""
    write_together({Path(path): data})


def write_together(files: dict[Path, bytes]) -> None:
    """Every file written in full and synced first, then all renamed into place one after the other
    (no rename can fail half-way for want of space); on any error none is replaced."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(path)
            staged.append((_stage(path, data), path))
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise


def _stage(path: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); an output should get the mode any new file gets.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files for `path` of writers that were killed (their process no longer runs)."""
    folder = path.parent
    pattern = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)\.[^.]+\.tmp$")
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = pattern.match(name)
        if match and not _running(int(match.group(1))):
            try:
                os.unlink(folder / name)
            except OSError:
                pass  # another writer's clean-up got there first, or a read-only folder: harmless


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
