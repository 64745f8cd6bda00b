"""HTTP over loopback: single-command latency (1 and 8 clients) and batched throughput.

Baseline in the same run: GET /health/live latency (the floor of the HTTP stack: uvicorn,
FastAPI, the client) and, for throughput, the in-process rate of the same postings.
"""

from __future__ import annotations

import json
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench.common import Figure, Results, percentile
from tests.support.api import Api, entry, setup_ledger
from tests.support.core_process import CoreProcess

TENANT = "CU_HTTP"
SINGLE_REQUESTS = 1_000


def _spend(account: str) -> dict[str, object]:
    return entry(TENANT, [(account, "DEBIT", "0.01"), ("GL_CARD_CLEARING", "CREDIT", "0.01")])


def _latencies(url: str, key: str, account: str, clients: int, per_client: int) -> list[float]:
    latencies: list[float] = []
    lock = threading.Lock()

    def client() -> None:
        mine = []
        with httpx.Client(headers={"Authorization": f"Bearer {key}"}, timeout=30) as http:
            for _ in range(per_client):
                body = json.dumps(_spend(account)).encode()
                started = time.perf_counter()
                response = http.post(f"{url}/tenants/{TENANT}/commands", content=body)
                mine.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 202, response.text
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def _health_latencies(url: str, n: int) -> list[float]:
    out = []
    with httpx.Client(timeout=30) as http:
        for _ in range(n):
            started = time.perf_counter()
            http.get(f"{url}/health/live")
            out.append((time.perf_counter() - started) * 1000)
    return out


def _batched(url: str, key: str, account: str, batch: int, total: int) -> float:
    bodies = [
        json.dumps({"commands": [_spend(account) for _ in range(batch)]}).encode()
        for _ in range(total // batch)
    ]
    with httpx.Client(headers={"Authorization": f"Bearer {key}"}, timeout=120) as http:
        started = time.perf_counter()
        for body in bodies:
            response = http.post(f"{url}/tenants/{TENANT}/commands:batch", content=body)
            assert response.status_code == 200
        return total / (time.perf_counter() - started)


def run(
    extra_env: dict[str, str] | None = None,
    label: str = "SQLite",
    database_url: str | None = None,
    insert_floor: float | None = None,
) -> Results:
    """``insert_floor``: plain SQLite inserts of the rows of a posting, postings/s, measured
    by the in-process suite of the same run (the floor the throughput target refers to)."""
    results = Results(f"http-{label.lower()}")
    target = ">= 10,000/s (SQLite)" if database_url is None else ">= 5,000/s (PostgreSQL)"
    with tempfile.TemporaryDirectory() as tmp:
        core = CoreProcess(
            Path(tmp) / "data", extra_env=extra_env or {}, database_url=database_url
        ).start()
        try:
            api = Api(core.url, core.admin_key)
            ledger = setup_ledger(api, TENANT)
            api.ok(
                TENANT,
                entry(
                    TENANT,
                    [
                        ("GL_SALARY_CLEARING", "DEBIT", "9000000.00"),
                        (ledger.txn, "CREDIT", "9000000.00"),
                    ],
                ),
            )
            health = _health_latencies(core.url, 300)
            one = _latencies(core.url, core.admin_key, ledger.txn, 1, SINGLE_REQUESTS)
            eight = _latencies(core.url, core.admin_key, ledger.txn, 8, SINGLE_REQUESTS // 8)
            for name, values in (("1 client", one), ("8 clients", eight)):
                for q in (50, 95, 99):
                    results.add(
                        Figure(
                            f"{label} single command p{q}, {name}",
                            percentile(values, q),
                            "ms",
                            "GET /health/live p50",
                            percentile(health, 50),
                            "p95 < 2 ms" if q == 95 and name == "1 client" else None,
                        )
                    )
            for batch in (100, 1_000):
                rate = _batched(core.url, core.admin_key, ledger.txn, batch, 20_000)
                results.add(
                    Figure(
                        f"{label} batched PostEntry, batches of {batch}",
                        rate,
                        "postings/s",
                        "plain SQLite inserts of the same rows" if insert_floor else None,
                        insert_floor,
                        target,
                    )
                )
        finally:
            core.stop()
    return results


if __name__ == "__main__":
    outcome = run()
    outcome.print()
    print(f"written {outcome.save()}")
