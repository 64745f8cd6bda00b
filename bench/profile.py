"""Where the time goes: pyinstrument profiles of the two CPU-bound paths we own.

1. the core's in-process write path (decide + append + project, PostEntry with 2 legs,
   batches of 1,000 on SQLite), the same workload as ``bench.inprocess``;
2. the twin's planning of a steady-state run (members, accounts, every day's postings),
   the floor ``bench.twin_runs`` measures against.

Prints each as a flat list of the heaviest functions by self time and as a call tree, and
writes both to ``bench/results/profile-<path>.txt``. Run: ``python -m bench.profile``.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from pyinstrument import Profiler
from pyinstrument.renderers import ConsoleRenderer

from bench import inprocess
from bench.common import RESULTS
from cu_twin.config.loader import default_scenario, default_tenant_config
from cu_twin.generators.holdings import generate_accounts
from cu_twin.generators.members import generate_members
from cu_twin.scenarios.steady_state_plan import iter_steady_state_plan
from turingcore.store.sqlite import SqliteStore

SAMPLE_INTERVAL_S = 0.0005
WRITE_PATH_POSTINGS = 20_000
PLAN_MEMBERS, PLAN_DAYS = 500, 30


def write_path() -> Callable[[], None]:
    store = SqliteStore(Path(tempfile.mkdtemp(prefix="tc-profile-")))
    send = inprocess.write_batches(store, WRITE_PATH_POSTINGS)

    def run() -> None:
        send()
        store.close()

    return run


def twin_planning() -> Callable[[], None]:
    scenario = default_scenario().with_overrides(members=PLAN_MEMBERS, days=PLAN_DAYS)
    tenant = default_tenant_config()

    def run() -> None:
        people = generate_members(
            PLAN_MEMBERS, tenant.member_mix, scenario.seed, as_of=scenario.start_date
        )
        accounts = generate_accounts(people, scenario, tenant)
        for _ in iter_steady_state_plan(scenario, people, accounts):
            pass

    return run


PATHS: dict[str, Callable[[], Callable[[], None]]] = {
    "write-path": write_path,
    "twin-planning": twin_planning,
}


def profile(name: str, prepare: Callable[[], Callable[[], None]]) -> str:
    work = prepare()
    profiler = Profiler(interval=SAMPLE_INTERVAL_S)
    profiler.start()
    work()
    session = profiler.stop()
    flat = ConsoleRenderer(unicode=True, flat=True, show_all=True).render(session)
    tree = ConsoleRenderer(unicode=True, time="percent_of_total").render(session)
    heaviest = "\n".join(flat.splitlines()[:40])
    text = f"# {name}: heaviest functions by self time\n{heaviest}\n\n# {name}: call tree\n{tree}"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"profile-{name}.txt").write_text(text)
    return heaviest


def main(argv: list[str]) -> int:
    chosen = argv or list(PATHS)
    for name in chosen:
        print(profile(name, PATHS[name]))
        print(f"  -> {RESULTS / f'profile-{name}.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
