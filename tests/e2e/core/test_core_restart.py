"""A restarted server keeps its data, its chain and its memory of processed commands."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.support.api import Api, command, entry, setup_ledger, tenant_payload
from tests.support.core_process import CoreProcess, CoreStore

pytestmark = pytest.mark.both_stores


def test_restart_keeps_data_idempotency_and_chain(tmp_path: Path, core_store: CoreStore) -> None:
    process = core_store.process(tmp_path / "data").start()
    try:
        api = Api(process.url, process.admin_key)
        ledger = setup_ledger(api, "CU_RESTART")
        salary = entry(
            "CU_RESTART",
            [("GL_SALARY_CLEARING", "DEBIT", "42.00"), (ledger.txn, "CREDIT", "42.00")],
        )
        first = api.ok("CU_RESTART", salary)
        head = api.get("/tenants/CU_RESTART/chain/head").json()

        assert process.stop(signal.SIGTERM) == 0
        process.start()

        assert api.get("/tenants/CU_RESTART/chain/head").json() == head
        replay = api.send("CU_RESTART", salary)
        assert replay.status_code == 200
        assert replay.json()["eventIds"] == first["eventIds"]
        assert api.get(f"/tenants/CU_RESTART/accounts/{ledger.txn}").json()["balance"] == "142.00"
        nxt = api.ok(
            "CU_RESTART",
            entry(
                "CU_RESTART",
                [("GL_SALARY_CLEARING", "DEBIT", "1.00"), (ledger.txn, "CREDIT", "1.00")],
            ),
        )
        assert nxt["position"] == head["position"] + 1
        assert api.get("/tenants/CU_RESTART/chain/verify").json()["valid"] is True
    finally:
        process.stop()


def test_a_killed_server_loses_no_acknowledged_command(
    tmp_path: Path, core_store: CoreStore
) -> None:
    process = core_store.process(tmp_path / "data").start()
    try:
        api = Api(process.url, process.admin_key)
        api.ok("CU_KILLED", command("CU_KILLED", "CreateTenant", tenant_payload("CU_KILLED")))
        head = api.get("/tenants/CU_KILLED/chain/head").json()
        process.stop(signal.SIGKILL)
        process.start()
        assert api.get("/tenants/CU_KILLED/chain/head").json() == head
    finally:
        process.stop()


def test_a_second_server_on_the_same_data_dir_refuses_to_start(tmp_path: Path) -> None:
    # SQLite only (no core_store): on PostgreSQL several servers share one database on
    # purpose, see tests/integration/test_pg_concurrency.py.
    first = CoreProcess(tmp_path / "data").start()
    try:
        second = CoreProcess(tmp_path / "data")
        try:
            second.start()
            raise AssertionError("a second writer started on the same data dir")
        except RuntimeError as exc:
            assert "exited" in str(exc)
    finally:
        first.stop()
