"""Chain verification speed: the core's /chain/verify and the twin's external recompute.

Baseline in the same run: SHA-256 alone over the same canonical bodies (the floor).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import time
from pathlib import Path

from bench.common import Figure, Results
from cu_twin.validators.event_integrity import check_event_integrity
from tests.support.api import Api, entry, setup_ledger
from tests.support.core_process import CoreProcess
from turingcore_client import Client

TENANT = "CU_CHAIN"


def run(events: int = 50_000) -> Results:
    results = Results("chain")
    with tempfile.TemporaryDirectory() as tmp:
        core = CoreProcess(Path(tmp) / "data").start()
        try:
            api = Api(core.url, core.admin_key)
            ledger = setup_ledger(api, TENANT)
            for _ in range(events // 1000):
                body = {
                    "commands": [
                        entry(
                            TENANT,
                            [
                                ("GL_SALARY_CLEARING", "DEBIT", "1.00"),
                                (ledger.txn, "CREDIT", "1.00"),
                            ],
                        )
                        for _ in range(1000)
                    ]
                }
                assert api.post(f"/tenants/{TENANT}/commands:batch", body).status_code == 200
            started = time.perf_counter()
            verdict = api.get(f"/tenants/{TENANT}/chain/verify").json()
            core_rate = verdict["checked"] / (time.perf_counter() - started)
            assert verdict["valid"]
            with Client(core.url, core.admin_key) as client:
                feed = [e.raw for e in client.iter_events(TENANT)]
                head = client.get_chain_head(TENANT)
            started = time.perf_counter()
            result = check_event_integrity(feed, {"position": head.position, "hash": head.hash})
            twin_rate = len(feed) / (time.perf_counter() - started)
            assert result.passed
            bodies = [json.dumps(e, sort_keys=True).encode() for e in feed]
            started = time.perf_counter()
            for encoded in bodies:
                hashlib.sha256(encoded).hexdigest()
            floor = len(bodies) / (time.perf_counter() - started)
        finally:
            core.stop()
    results.add(
        Figure(
            "core GET /chain/verify",
            core_rate,
            "events/s",
            "SHA-256 alone over the bodies",
            floor,
            ">= 100,000/s",
        )
    )
    results.add(
        Figure(
            "twin external recompute from the feed (JCS + SHA-256)",
            twin_rate,
            "events/s",
            "SHA-256 alone over the bodies",
            floor,
            ">= 100,000/s",
        )
    )
    results.notes = {"events": len(feed)}
    return results


if __name__ == "__main__":
    outcome = run()
    outcome.print()
    print(f"written {outcome.save()}")
