"""A campaign on a real Dask cluster (a scheduler and two workers started as processes on localhost)
gives the same weeks as on this process; Ctrl-C keeps the finished weeks and --resume continues."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import main

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "examples" / "campaign" / "tiny.yaml"
DASK = str(Path(sys.executable).with_name("dask"))
FAST = ["--week-time-limit", "1", "--repair-time-limit", "0.5", "--workers", "1"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def cluster():
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        from distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                client = Client(address, timeout="2s")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        for _ in range(2):
            procs.append(subprocess.Popen([DASK, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        client.wait_for_workers(2, timeout=60)
        client.close()
        yield address
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=30)


def _rosters(out: Path) -> dict[str, str]:
    """chain/week -> the SHA-256 of its final roster's assignments."""
    return {str(p.parent.relative_to(out)): json.loads(p.read_text())["summary"]["assignments_sha256"]
            for p in sorted(out.glob("chains/*/seed-*/week-*/roster.json"))}


def test_dask_cluster_runs_the_same_campaign_as_one_process(cluster, tmp_path):
    args = ["campaign", str(TINY), "--weeks", "3", "--seeds", "2", "--policy", "market-x2", *FAST]
    on_dask = CliRunner().invoke(main, [*args, "--executor", "dask", "--address", cluster, "--jobs", "2", "-o", str(tmp_path / "dask")])
    assert on_dask.exit_code == 0, on_dask.output
    local = CliRunner().invoke(main, [*args, "--jobs", "1", "-o", str(tmp_path / "local")])
    assert local.exit_code == 0, local.output
    dask_rosters = _rosters(tmp_path / "dask")
    assert len(dask_rosters) == 2 * 2 * 3  # 2 policies x 2 seeds x 3 weeks
    assert dask_rosters == _rosters(tmp_path / "local")
    doc = json.loads((tmp_path / "dask" / "campaign.json").read_text())
    assert sorted(doc["policies"]) == ["baseline", "market-x2"]
    assert [(c["policy"], c["seed"], len(c["weeks"])) for c in doc["chains"]] == [
        ("baseline", 0, 3), ("baseline", 1, 3), ("market-x2", 0, 3), ("market-x2", 1, 3)]
    rows = (tmp_path / "dask" / "campaign.csv").read_text().splitlines()
    assert len(rows) == 1 + 12 and rows[0].startswith("policy,seed,week,start,")


def test_ctrl_c_keeps_finished_weeks_and_resume_continues(tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "scheduler.cli", "campaign", str(TINY), "--weeks", "4", "--seeds", "1", *FAST, "-o", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "200"})
    deadline = time.monotonic() + 120
    while not list(out.glob("chains/*/seed-*/week-*/week.json")):
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "run the same command with --resume" in stderr
    kept = sorted(p.parent.name for p in out.glob("chains/*/seed-*/week-*/week.json"))
    assert kept and len(kept) < 4 and not list(out.glob("chains/*/seed-*/.week-*.tmp"))
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode == 2 and "add --resume to continue it" in again.stderr
    resumed = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert [w["week"] for w in json.loads((out / "campaign.json").read_text())["chains"][0]["weeks"]] == [1, 2, 3, 4]
