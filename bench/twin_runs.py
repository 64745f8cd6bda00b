"""Twin runs end to end: wall time and peak memory of the twin and of the core.

Baseline in the same run: planning the same scenario without any core (the twin's own
floor: member, account and posting generation).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import Figure, Results
from cu_twin.config.loader import default_scenario, default_tenant_config
from cu_twin.generators.holdings import generate_accounts
from cu_twin.generators.members import generate_members
from cu_twin.scenarios.steady_state_plan import iter_steady_state_plan
from tests.support.core_process import CoreProcess

TWIN = Path(sys.executable).parent / "twin"


def peak_rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class PeakWatcher(threading.Thread):
    """Samples a process's high-water RSS until it exits (VmHWM is gone after exit)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_mib, self._stop_event = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(0.2):
            self.peak_mib = max(self.peak_mib, peak_rss_mib(self.pid))

    def stop(self) -> float:
        self.peak_mib = max(self.peak_mib, peak_rss_mib(self.pid))
        self._stop_event.set()
        return self.peak_mib


def idle_twin_peak_mib() -> float:
    """Peak RSS of the twin CLI that only loads (``twin --help``): the interpreter and
    every import, the floor of the twin's memory."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run([sys.argv[1], '--help'], stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(TWIN)], capture_output=True, text=True, check=True
    )
    return int(out.stdout.strip()) / 1024


def plan_only_s(members: int, days: int) -> float:
    scenario = default_scenario().with_overrides(members=members, days=days)
    tenant = default_tenant_config()
    started = time.perf_counter()
    people = generate_members(members, tenant.member_mix, scenario.seed, as_of=scenario.start_date)
    accounts = generate_accounts(people, scenario, tenant)
    for _ in iter_steady_state_plan(scenario, people, accounts):
        pass
    return time.perf_counter() - started


def twin_run(
    members: int,
    days: int,
    extra_env: dict[str, str] | None = None,
    database_url: str | None = None,
) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        core = CoreProcess(
            Path(tmp) / "data", extra_env=extra_env or {}, database_url=database_url
        ).start()
        assert core.proc is not None
        core_idle = peak_rss_mib(core.proc.pid)
        core_watch = PeakWatcher(core.proc.pid)
        core_watch.start()
        out = Path(tmp) / "report.json"
        env = {**os.environ, "TURINGCORE_URL": core.url, "TURINGCORE_API_KEY": core.admin_key}
        started = time.perf_counter()
        proc = subprocess.Popen(
            [
                str(TWIN),
                "run",
                "steady-state",
                "--customers",
                str(members),
                "--days",
                str(days),
                "--json-out",
                str(out),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        twin_watch = PeakWatcher(proc.pid)
        twin_watch.start()
        code = proc.wait()
        wall = time.perf_counter() - started
        twin_peak = twin_watch.stop()
        core_peak = core_watch.stop()
        core.stop()
        report = json.loads(out.read_text()) if out.exists() else {}
    assert code == 0 and report.get("passed"), f"twin run failed ({code})"
    return {
        "wallS": wall,
        "twinPeakMiB": twin_peak,
        "corePeakMiB": core_peak,
        "coreIdleMiB": core_idle,
        "events": report["counts"]["events"],
        **{f"phase_{k}": v for k, v in report["phasesS"].items()},
    }


def run(
    sizes: tuple[tuple[int, int], ...] = ((500, 30),),
    label: str = "SQLite",
    extra_env: dict[str, str] | None = None,
    new_database: Callable[[], str] | None = None,
) -> Results:
    """Each size on a fresh store: a new data dir, or ``new_database()``'s PostgreSQL URL."""
    results = Results(f"twin-{label.lower()}")
    twin_idle = idle_twin_peak_mib()
    for members, days in sizes:
        floor = plan_only_s(members, days)
        url = new_database() if new_database is not None else None
        figures = twin_run(members, days, extra_env, url)
        target = "< 30 s" if members <= 500 else "< 300 s"
        results.add(
            Figure(
                f"{label} twin run {members} x {days} wall time",
                figures["wallS"],
                "s",
                "planning alone",
                floor,
                target,
            )
        )
        results.add(
            Figure(
                f"{label} twin run {members} x {days} twin peak RSS",
                figures["twinPeakMiB"],
                "MiB",
                "twin CLI loaded, idle",
                twin_idle,
                "< 1024 MiB",
            )
        )
        results.add(
            Figure(
                f"{label} twin run {members} x {days} core peak RSS",
                figures["corePeakMiB"],
                "MiB",
                "core started, idle",
                figures["coreIdleMiB"],
                "< 1024 MiB",
            )
        )
        results.notes[f"{members}x{days}"] = figures
    return results


if __name__ == "__main__":
    chosen = tuple(tuple(int(x) for x in arg.split("x")) for arg in sys.argv[1:]) or ((500, 30),)
    outcome = run(chosen)  # type: ignore[arg-type]
    outcome.print()
    print(f"written {outcome.save()}")
