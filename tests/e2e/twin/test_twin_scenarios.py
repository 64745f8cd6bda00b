"""TC-10, determinism, resumability after a SIGKILL, and tamper detection by `twin inspect`."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.support.api import Api
from tests.support.core_process import CoreProcess, CoreStore
from tests.support.twin_cli import TWIN, twin, twin_run_json

SMALL = ("--customers", "30", "--days", "10")


def _fresh(tmp_path: Path, name: str) -> CoreProcess:
    return CoreProcess(tmp_path / name).start()


def _balances(core: CoreProcess) -> dict[str, str]:
    api = Api(core.url, core.admin_key)
    members = api.get("/tenants/CU_DIGITAL/accounts", limit=1000).json()["accounts"]
    gl = api.get("/tenants/CU_DIGITAL/accounts", kind="GL").json()["accounts"]
    return {a["accountId"]: a["balance"] for a in members + gl}


@pytest.mark.slow
@pytest.mark.both_stores
def test_tc10_a_hundred_members_for_thirty_days_completes_with_every_invariant_green(
    tmp_path: Path, core_store: CoreStore
) -> None:
    core = core_store.process(tmp_path / "core").start()
    try:
        report = twin_run_json(core, tmp_path / "report.json", "--customers", "100", "--days", "30")
    finally:
        core.stop()
    assert report["passed"] is True
    assert all(inv["passed"] for inv in report["invariants"].values()), report["invariants"]
    assert set(report["invariants"]) >= {
        "balance_derivability",
        "event_integrity",
        "tenant_isolation",
        "idempotency",
        "audit_completeness",
        "value_conservation",
        "no_deposit_below_floor",
        "latency_slo",
    }
    assert report["counts"]["customers"] == 100
    assert report["counts"]["cardTransactions"] > 5000
    for key in ("fingerprint", "counts", "rejections", "latencyMs", "wallTimeS", "moneyMoved"):
        assert key in report
    assert set(report["latencyMs"]) == {"p50", "p95", "p99"}


@pytest.mark.slow
def test_same_seed_same_fingerprint_and_balances_other_seed_other_fingerprint(
    tmp_path: Path,
) -> None:
    prints, balances = [], []
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        core = _fresh(tmp_path, name)
        try:
            report = twin_run_json(core, tmp_path / f"{name}.json", *SMALL, "--seed", seed)
            balances.append(_balances(core))
        finally:
            core.stop()
        prints.append(report["fingerprint"])
    assert prints[0] == prints[1]
    assert balances[0] == balances[1]
    assert prints[2] != prints[0]


def _wait_for_position(core: CoreProcess, position: int, timeout_s: float = 120) -> None:
    api = Api(core.url, core.admin_key)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            head = api.get("/tenants/CU_DIGITAL/chain/head")
            if head.status_code == 200 and head.json()["position"] >= position:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"the run never reached position {position}")


@pytest.mark.slow
def test_a_run_whose_core_is_killed_half_way_resumes_to_the_same_fingerprint(
    tmp_path: Path,
) -> None:
    reference_core = _fresh(tmp_path, "reference")
    try:
        reference = twin_run_json(reference_core, tmp_path / "reference.json", *SMALL)
    finally:
        reference_core.stop()

    core = _fresh(tmp_path, "killed")
    env_run = subprocess.Popen(
        [
            str(TWIN),
            "run",
            "steady-state",
            *SMALL,
            "--core-url",
            core.url,
            "--api-key",
            core.admin_key,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_position(core, reference["counts"]["events"] // 2)
        core.stop(signal.SIGKILL)
        assert env_run.wait(timeout=300) != 0, "the interrupted run should report failure"
    finally:
        if env_run.poll() is None:
            env_run.kill()
    core.start()
    try:
        resumed = twin_run_json(core, tmp_path / "resumed.json", *SMALL)
    finally:
        core.stop()
    assert resumed["passed"] is True, resumed["invariants"]
    assert resumed["fingerprint"] == reference["fingerprint"]
    assert resumed["counts"]["alreadyProcessed"] > 0


def test_a_tampered_event_makes_twin_inspect_fail_naming_its_position(tmp_path: Path) -> None:
    core = _fresh(tmp_path, "original")
    try:
        twin(core, "seed", "--customers", "5")
    finally:
        core.stop()
    copy = tmp_path / "tampered"
    subprocess.run(["cp", "-r", str(core.data_dir), str(copy)], check=True)
    for leftover in ("turingcore.lock",):
        (copy / leftover).unlink(missing_ok=True)
    db = sqlite3.connect(copy / "turingcore.sqlite3")
    db.execute("DROP TRIGGER events_are_append_only_update")
    position = db.execute(
        "SELECT position FROM events WHERE tenant_id = 'CU_DIGITAL' AND event_type = 'EntryPosted' "
        "AND body LIKE '%SALARY%' ORDER BY position LIMIT 1"
    ).fetchone()[0]
    body = db.execute(
        "SELECT body FROM events WHERE tenant_id = 'CU_DIGITAL' AND position = ?", (position,)
    ).fetchone()[0]
    tampered = body.replace('"direction":"CREDIT"', '"direction":"CREDIT","note":"x"', 1)
    assert tampered != body
    db.execute(
        "UPDATE events SET body = ? WHERE tenant_id = 'CU_DIGITAL' AND position = ?",
        (tampered, position),
    )
    db.commit()
    db.close()

    tampered_core = CoreProcess(copy, admin_key=core.admin_key).start()
    try:
        verdict = (
            Api(tampered_core.url, tampered_core.admin_key)
            .get("/tenants/CU_DIGITAL/chain/verify")
            .json()
        )
        assert verdict["valid"] is False and verdict["firstBadPosition"] == position
        result = twin(tampered_core, "inspect", "CU_DIGITAL", check=False)
    finally:
        tampered_core.stop()
    assert result.returncode == 1
    assert f"position {position}" in result.stdout
