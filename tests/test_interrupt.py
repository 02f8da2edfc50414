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


@pytest.mark.parametrize("stage", ["first roster", "weekly patterns"])
def test_ctrl_c_keeps_the_best_roster(tmp_path: Path, stage: str) -> None:
    """Ctrl-C as the 300-officer zone enters `stage` (read from its log, whatever the machine's speed):
    from the greedy first roster on, there is always a roster to write."""
    out, log = tmp_path / "out", tmp_path / "solve.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "scheduler.cli", "solve", "examples/brussels-south/zone.yaml", "--time-limit", "120",
         "--out", str(out), "--quiet", "--log", str(log)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while f"[decomposed] {stage} (at" not in (log.read_text() if log.exists() else ""):
        assert proc.poll() is None and time.monotonic() < deadline, f"the solve never reached {stage!r}"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=90)
    assert proc.returncode == 130, stderr
    doc = json.loads((out / "roster.json").read_text())
    assert doc["summary"]["interrupted"] is True
    assert doc["summary"]["check"]["hard_violations"] == 0
    assert doc["assignments"]
    assert "(interrupted)" in stdout


def test_ctrl_c_after_column_generation_keeps_a_roster(tmp_path: Path) -> None:
    """A Curtois-Qu instance goes through column generation first; Ctrl-C as the roster from its relaxation
    starts still writes a legal roster (the relaxation's heaviest columns, evaluated exactly)."""
    out, log = tmp_path / "out", tmp_path / "solve.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "scheduler.cli", "solve", "benchmarks/data/nrp/Instance7.txt", "--time-limit", "120",
         "--out", str(out), "--quiet", "--log", str(log)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while "[columns] roster from the relaxation (at" not in (log.read_text() if log.exists() else ""):
        assert proc.poll() is None and time.monotonic() < deadline, "the solve never reached the relaxation's roster"
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=90)
    assert proc.returncode == 130, stderr
    doc = json.loads((out / "roster.json").read_text())
    assert doc["summary"]["interrupted"] is True
    assert doc["summary"]["check"]["hard_violations"] == 0
    assert doc["assignments"]
