"""How cost grows: with members and days (twin runs end to end), with tenants (in process).

Each figure's baseline is the smallest size of its series, so the ratio reads directly as
"how many times the cost of the small case".
"""

from __future__ import annotations

import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import inprocess
from bench.common import Figure, Results
from bench.twin_runs import twin_run
from turingcore.app.commands import CommandService
from turingcore.store.sqlite import SqliteStore

MEMBER_SIZES = (500, 2_000, 5_000)
MEMBER_SERIES_DAYS = 10
DAY_SIZES = (5, 10, 30)
DAY_SERIES_MEMBERS = 500
"""Sizes large enough that the fixed costs of a run (start-up, the isolation and
idempotency probes) do not hide how the cost per event moves."""
TENANT_COUNTS = (1, 2, 4)


def _series(results: Results, name: str, points: list[tuple[str, float, float]]) -> None:
    base_label, base_s, base_events = points[0]
    for label, seconds, events in points:
        results.add(
            Figure(f"{name} {label}: wall time", seconds, "s", f"{name} {base_label}", base_s)
        )
        results.add(
            Figure(
                f"{name} {label}: cost per event",
                seconds / events * 1e6,
                "us/event",
                f"{name} {base_label}",
                base_s / base_events * 1e6,
            )
        )


def tenants_per_s(tenants: int, postings_per_tenant: int = 4_000) -> float:
    """Postings/s when the same batches are spread over several tenants of one store."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp))
        service = CommandService(store, lambda: datetime(2026, 1, 1, tzinfo=UTC))
        work = []
        for n in range(tenants):
            tenant = f"CU_T{n}"
            accounts = inprocess._books(service, tenant)
            work.append(
                (
                    tenant,
                    inprocess._postings(accounts, postings_per_tenant, random.Random(n), tenant),
                )
            )
        started = time.perf_counter()
        for start in range(0, postings_per_tenant, inprocess.BATCH):
            for tenant, commands in work:
                service.handle_batch(
                    tenant, commands[start : start + inprocess.BATCH], atomic=False
                )
        elapsed = time.perf_counter() - started
        store.close()
    return tenants * postings_per_tenant / elapsed


def run() -> Results:
    results = Results("scaling")
    members = [
        (f"{m} members x {MEMBER_SERIES_DAYS} days", *_run(m, MEMBER_SERIES_DAYS))
        for m in MEMBER_SIZES
    ]
    days = [
        (f"{DAY_SERIES_MEMBERS} members x {d} days", *_run(DAY_SERIES_MEMBERS, d))
        for d in DAY_SIZES
    ]
    _series(results, "members", members)
    _series(results, "days", days)
    rates = [(t, tenants_per_s(t)) for t in TENANT_COUNTS]
    for t, rate in rates:
        results.add(
            Figure(
                f"tenants {t}: in-process postings/s over all tenants",
                rate,
                "postings/s",
                "tenants 1",
                rates[0][1],
            )
        )
    return results


def _run(members: int, days: int) -> tuple[float, float]:
    figures = twin_run(members, days)
    return figures["wallS"], figures["events"]


if __name__ == "__main__":
    outcome = run()
    outcome.print()
    print(f"written {outcome.save()}")
