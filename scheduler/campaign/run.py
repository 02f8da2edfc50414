"""`scheduler campaign`: every chain (policy x seed) of a campaign, on local worker processes or on a
Dask cluster, then the campaign's measures and verdicts.

Chains are independent tasks (`chain.run_chain`). Each writes its own folder under `OUT/chains/` week by
week; only its week rows and per-officer totals come back, so the coordinator never holds a roster.
A chain that fails (a worker lost) is run again and continues after its last finished week. With Dask,
the workers must see OUT (a shared file system, as on any cluster with a home or scratch volume).
"""

from __future__ import annotations

import json
import resource
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import asdict, dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from scheduler.campaign.chain import WEEK_FILE, ChainTask, run_chain
from scheduler.campaign.need import worst_week_need
from scheduler.campaign.summary import chain_measures, officer_totals
from scheduler.scenario.campaign import Campaign

RETRIES = 2
Progress = Callable[[int, int, float], None]  # weeks done, weeks in all, seconds since the start


@dataclass(frozen=True)
class Plan:
    scenario: str
    policies: tuple[str, ...]  # "baseline" first
    seeds: tuple[int, ...]
    weeks: int
    out: str
    workers: int = 1
    deterministic: bool = True
    week_time_limit: float | None = None
    repair_time_limit: float | None = None

    def tasks(self) -> list[ChainTask]:
        return [ChainTask(self.scenario, policy, seed, self.weeks, str(Path(self.out) / "chains" / policy / f"seed-{seed}"),
                          self.workers, self.deterministic, self.week_time_limit, self.repair_time_limit)
                for policy in self.policies for seed in self.seeds]


def chain_result(task: ChainTask) -> dict[str, Any]:
    """A worker's task: the chain run (or continued), reduced to what the coordinator keeps."""
    campaign = _campaign_of(task.scenario)
    result = run_chain(task)
    weeks = result["weeks"]
    need = worst_week_need(Path(task.folder), weeks, task.week_time_limit or campaign.week_time_limit, task.seed,
                           task.workers, task.deterministic)
    measures = chain_measures(weeks, campaign.overtime_bound_hours)
    measures["officers_needed_worst_week"] = need["extra_officers"] if need else None
    return {
        "policy": task.policy, "seed": task.seed, "folder": task.folder, "failed": result["failed"],
        # The ledger after the last finished week: every officer's weeks of the chain (nights, weekends,
        # hours against contract), as `scheduler check-chain` reads it.
        "final_ledger": str(Path(task.folder) / f"week-{len(weeks):02d}" / "ledger.json") if weeks else None,
        "measures": measures,
        "worst_week_need": need,
        "officers": officer_totals(weeks),
        "weeks": [{k: v for k, v in w.items() if k != "per_officer"} for w in weeks],
        # The worker's peak memory so far (a process runs chains one after the other: an upper bound).
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _campaign_of(path: str) -> Campaign:
    from scheduler.scenario.yaml_source import YamlSource  # noqa: PLC0415  (a worker process imports lazily)

    data = YamlSource.read(path).data or {}
    return Campaign.model_validate(data.get("campaign") or {})


def weeks_done(out: str | Path) -> int:
    return sum(1 for _ in Path(out).glob(f"chains/*/seed-*/week-*/{WEEK_FILE}"))


def _ignore_sigint() -> None:
    # Ctrl-C is the coordinator's to handle: a worker killed mid-week leaves no half-written week.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_local(tasks: list[ChainTask], jobs: int, on_result: Callable[[dict[str, Any]], None]) -> None:
    """In this process (`jobs` 1) or on `jobs` worker processes; a chain whose worker fails runs again."""
    if jobs <= 1:
        for t in tasks:
            on_result(chain_result(t))
        return
    tries = dict.fromkeys(tasks, 0)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"), initializer=_ignore_sigint)
    try:
        running: dict[Future[dict[str, Any]], ChainTask] = {pool.submit(chain_result, t): t for t in tasks}
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in done:
                task = running.pop(fut)
                try:
                    on_result(fut.result())
                except Exception:
                    tries[task] += 1
                    if tries[task] > RETRIES:
                        raise
                    if pool._broken:  # a worker died: the pool cannot take work any more
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"), initializer=_ignore_sigint)
                        running = {pool.submit(chain_result, t): t for t in running.values()}
                    running[pool.submit(chain_result, task)] = task
    finally:
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()
        pool.shutdown(wait=False, cancel_futures=True)


def run_dask(tasks: list[ChainTask], address: str | None, jobs: int, on_result: Callable[[dict[str, Any]], None]) -> None:
    """On the Dask cluster at `address` (a LocalCluster of `jobs` single-threaded workers without one).
    Dask reruns a task whose worker is lost; a task that raises is retried `RETRIES` times."""
    from distributed import Client, LocalCluster, as_completed  # noqa: PLC0415  (only with --executor dask)

    cluster = None
    if address is None:
        cluster = LocalCluster(n_workers=max(1, jobs), threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(address or cluster, timeout="10s")
    try:
        futures = [client.submit(chain_result, t, pure=False, retries=RETRIES) for t in tasks]
        for fut in as_completed(futures):
            on_result(fut.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def check_address(address: str, timeout: float = 10.0) -> str | None:
    """None when a Dask scheduler answers at `address`, else why not (before anything is written)."""
    from distributed import Client  # noqa: PLC0415  (only with --executor dask)

    try:
        client = Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError, ValueError) as exc:
        return f"no Dask scheduler answers at {address} ({type(exc).__name__}: {exc})"
    client.close()
    return None


def run_plan(plan: Plan, jobs: int, executor: str, address: str | None, on_progress: Progress | None = None) -> list[dict[str, Any]]:
    """Every chain's result, in the plan's order (policies, then seeds)."""
    tasks = plan.tasks()
    results: dict[tuple[str, int], dict[str, Any]] = {}
    total = len(tasks) * plan.weeks
    start = time.monotonic()
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(1.0):
            if on_progress is not None:
                on_progress(weeks_done(plan.out), total, time.monotonic() - start)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        def keep(r: dict[str, Any]) -> None:
            results[(r["policy"], r["seed"])] = r

        if executor == "dask":
            run_dask(tasks, address, jobs, keep)
        else:
            run_local(tasks, jobs, keep)
    finally:
        stop.set()
        watcher.join()
        if on_progress is not None:
            on_progress(weeks_done(plan.out), total, time.monotonic() - start)
    return [results[(t.policy, t.seed)] for t in tasks]


def plan_file(plan: Plan) -> dict[str, Any]:
    """What `--resume` must find the same (campaign-run.json)."""
    return json.loads(json.dumps({k: v for k, v in asdict(plan).items() if k != "out"}))  # as read back


def read_plan_file(out: Path) -> dict[str, Any] | None:
    path = out / "campaign-run.json"
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None
