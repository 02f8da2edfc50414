"""Ctrl-C during a solve writes the best roster found so far, marked interrupted, and exits 130."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _interrupted(tmp_path: Path, scenario: str, line: str,
                 sig: signal.Signals = signal.SIGINT) -> tuple[subprocess.CompletedProcess, dict]:
    """Solve `scenario`, press Ctrl-C (or send `sig`) once its log shows `line`; the finished process and
    its roster.json."""
    out, log = tmp_path / "out", tmp_path / "solve.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "scheduler.cli", "solve", scenario, "--time-limit", "120",
         "--out", str(out), "--quiet", "--log", str(log)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while line not in (log.read_text() if log.exists() else ""):
        assert proc.poll() is None and time.monotonic() < deadline, f"the solve never logged {line!r}"
        time.sleep(0.05)
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=90)
    assert proc.returncode == 130, stderr
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), json.loads(
        (out / "roster.json").read_text())


@pytest.mark.parametrize("stage", ["first roster", "weekly patterns"])
def test_ctrl_c_keeps_the_best_roster(tmp_path: Path, stage: str) -> None:
    """Ctrl-C as the 300-officer zone enters `stage` (read from its log, whatever the machine's speed):
    from the greedy first roster on, there is always a roster to write."""
    done, doc = _interrupted(tmp_path, "examples/brussels-south/zone.yaml", f"[decomposed] {stage} (at")
    assert doc["summary"]["interrupted"] is True
    assert doc["summary"]["check"]["hard_violations"] == 0
    assert doc["assignments"]
    assert "(interrupted)" in done.stdout


def test_sigterm_stops_the_search_like_ctrl_c(tmp_path: Path) -> None:
    """SIGTERM (a service manager's stop, a closed terminal) keeps the best roster too, and leaves no
    temporary file."""
    done, doc = _interrupted(tmp_path, "examples/brussels-south/zone.yaml", "[decomposed] first roster (at",
                             signal.SIGTERM)
    assert doc["summary"]["interrupted"] is True
    assert doc["summary"]["check"]["hard_violations"] == 0
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_ctrl_c_after_column_generation_keeps_a_roster(tmp_path: Path) -> None:
    """A Curtois-Qu instance goes through column generation first; Ctrl-C as the roster from its relaxation
    starts still writes a legal roster (the relaxation's heaviest columns, evaluated exactly)."""
    _, doc = _interrupted(tmp_path, "benchmarks/data/nrp/Instance7.txt", "[columns] roster from the relaxation (at")
    assert doc["summary"]["interrupted"] is True
    assert doc["summary"]["check"]["hard_violations"] == 0
    assert doc["assignments"]
