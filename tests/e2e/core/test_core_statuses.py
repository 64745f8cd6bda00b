"""Every status code of the contract, answered by a real server, in the contract's order."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest

from tests.support.api import Api, command, customer_payload, entry, setup_ledger, tenant_payload
from tests.support.core_process import CoreProcess, CoreStore

pytestmark = pytest.mark.both_stores


@pytest.fixture
def admin(core: CoreProcess) -> Api:
    return Api(core.url, core.admin_key)


def test_a_new_command_is_accepted_with_202_and_its_replay_answers_200_with_the_original_body(
    admin: Api, tenant_code: str
) -> None:
    body = command(tenant_code, "CreateTenant", tenant_payload(tenant_code))
    first = admin.send(tenant_code, body)
    again = admin.send(tenant_code, body)
    assert first.status_code == 202
    assert again.status_code == 200
    assert again.json() == {**first.json(), "status": "ALREADY_PROCESSED"}
    assert len(admin.all_events(tenant_code)) == 1


def test_an_idempotency_key_replayed_under_a_new_command_id_returns_the_original(
    admin: Api, tenant_code: str
) -> None:
    ledger = setup_ledger(admin, tenant_code)
    first = entry(
        tenant_code, [("GL_SALARY_CLEARING", "DEBIT", "10.00"), (ledger.txn, "CREDIT", "10.00")]
    )
    first["idempotencyKey"] = "salary-2025-01-15"
    accepted = admin.send(tenant_code, first)
    replay = {**first, "commandId": str(uuid.uuid4())}
    answer = admin.send(tenant_code, replay)
    assert answer.status_code == 200
    assert answer.json()["commandId"] == first["commandId"]
    assert answer.json()["eventIds"] == accepted.json()["eventIds"]


def test_reusing_a_command_id_or_idempotency_key_with_other_content_is_409(
    admin: Api, tenant_code: str
) -> None:
    ledger = setup_ledger(admin, tenant_code)
    body = entry(
        tenant_code, [("GL_SALARY_CLEARING", "DEBIT", "10.00"), (ledger.txn, "CREDIT", "10.00")]
    )
    body["idempotencyKey"] = "k-1"
    admin.ok(tenant_code, body)
    changed = {**body, "payload": {**body["payload"], "narrative": "different"}}
    by_id = admin.send(tenant_code, changed)
    by_key = admin.send(tenant_code, {**changed, "commandId": str(uuid.uuid4())})
    for response in (by_id, by_key):
        assert response.status_code == 409
        assert response.json()["error"] == "IDEMPOTENCY_CONFLICT"
        assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("mutate", "why"),
    [
        (lambda b: b["payload"]["legs"][0].update(amount="1.005"), "three decimals"),
        (lambda b: b["payload"]["legs"][0].update(amount=True), "boolean amount"),
        (lambda b: b["payload"]["legs"][0].update(amount="0.00"), "zero leg"),
        (lambda b: b["payload"]["legs"][0].update(amount="-5.00"), "negative leg"),
        (lambda b: b["payload"].update(narrative=123), "number as string"),
        (lambda b: b["payload"].update(surprise="x"), "unknown payload field"),
        (lambda b: b.update(extra=1), "unknown envelope field"),
        (lambda b: b.update(tenantId="OTHER_TENANT"), "envelope tenant differs from path"),
        (lambda b: b.update(timestamp="2025-01-15T10:00:00"), "timestamp without offset"),
        (lambda b: b["payload"].update(narrative="x" * 281), "narrative too long"),
        (lambda b: b.update(commandId="not-a-uuid"), "bad commandId"),
        (lambda b: b["payload"].update(narrative="nul\u0000byte"), "NUL character"),
    ],
)
def test_malformed_commands_are_400_and_write_nothing(
    admin: Api, tenant_code: str, mutate: object, why: str
) -> None:
    ledger = setup_ledger(admin, tenant_code)
    head = admin.get(f"/tenants/{tenant_code}/chain/head").json()["position"]
    body = entry(
        tenant_code, [(ledger.txn, "DEBIT", "1.00"), ("GL_CARD_CLEARING", "CREDIT", "1.00")]
    )
    mutate(body)  # type: ignore[operator]
    response = admin.send(tenant_code, body)
    assert response.status_code == 400, why
    assert response.json()["status"] == 400
    assert admin.get(f"/tenants/{tenant_code}/chain/head").json()["position"] == head


def test_invalid_json_and_json_numbers_that_are_not_finite_are_400(
    admin: Api, core: CoreProcess, tenant_code: str
) -> None:
    headers = {"Authorization": f"Bearer {core.admin_key}", "content-type": "application/json"}
    for raw in (b"{not json", b"", b'{"commandId": NaN}', b"[1, 2"):
        response = httpx.post(
            f"{core.url}/tenants/{tenant_code}/commands", content=raw, headers=headers
        )
        assert response.status_code == 400, raw


def test_exact_json_numbers_are_accepted_as_amounts(admin: Api, tenant_code: str) -> None:
    ledger = setup_ledger(admin, tenant_code)
    body = entry(tenant_code, [("GL_SALARY_CLEARING", "DEBIT", "0"), (ledger.txn, "CREDIT", "0")])
    body["payload"]["legs"][0]["amount"] = 1234.5
    body["payload"]["legs"][1]["amount"] = 1234.50
    admin.ok(tenant_code, body)
    assert admin.get(f"/tenants/{tenant_code}/accounts/{ledger.txn}").json()["balance"] == "1334.50"


def test_no_key_or_a_bad_key_is_401_before_anything_else(
    core: CoreProcess, tenant_code: str
) -> None:
    bad = Api(core.url, "tck_not_a_real_key")
    assert bad.send(tenant_code, {"garbage": True}).status_code == 401
    response = httpx.post(f"{core.url}/tenants/{tenant_code}/commands", content=b"{broken")
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_a_revoked_key_is_refused_at_once(admin: Api, tenant_code: str) -> None:
    setup_ledger(admin, tenant_code)
    created = admin.post("/api-keys", {"scope": "tenant:reader", "tenantId": tenant_code}).json()
    reader = Api(admin.url, created["key"])
    assert reader.get(f"/tenants/{tenant_code}").status_code == 200
    assert (
        httpx.delete(
            f"{admin.url}/api-keys/{created['keyId']}",
            headers={"Authorization": f"Bearer {admin.key}"},
        ).status_code
        == 204
    )
    assert reader.get(f"/tenants/{tenant_code}").status_code == 401


def test_keys_are_confined_to_their_tenant_and_scope_with_403(admin: Api, tenant_code: str) -> None:
    ledger = setup_ledger(admin, tenant_code)
    other = tenant_code + "_B"
    admin.ok(other, command(other, "CreateTenant", tenant_payload(other)))
    operator = Api(admin.url, admin.key_for(tenant_code, "tenant:operator"))
    reader = Api(admin.url, admin.key_for(tenant_code, "tenant:reader"))
    salary = entry(
        tenant_code, [("GL_SALARY_CLEARING", "DEBIT", "5.00"), (ledger.txn, "CREDIT", "5.00")]
    )
    assert operator.send(tenant_code, salary).status_code == 202
    assert reader.send(tenant_code, salary).status_code == 403
    assert (
        operator.send(
            other,
            entry(
                other,
                [("GL_SALARY_CLEARING", "DEBIT", "5.00"), ("GL_NPP_CLEARING", "CREDIT", "5.00")],
            ),
        ).status_code
        == 403
    )
    assert operator.get(f"/tenants/{other}").status_code == 403
    assert operator.get("/tenants/NO_SUCH_TENANT").status_code == 403  # learns nothing of existence
    new_tenant = "ZZ" + tenant_code
    assert (
        operator.send(
            new_tenant, command(new_tenant, "CreateTenant", tenant_payload(new_tenant))
        ).status_code
        == 403
    )
    assert (
        operator.post("/api-keys", {"scope": "tenant:reader", "tenantId": tenant_code}).status_code
        == 403
    )


def test_unknown_tenants_and_ids_are_404(admin: Api, tenant_code: str) -> None:
    ghost = "GHOST_" + tenant_code[-6:]
    response = admin.send(
        ghost,
        command(
            ghost, "UpsertProduct", {"productCode": "P1", "name": "P", "productType": "DEPOSIT"}
        ),
    )
    assert response.status_code == 404
    assert response.json()["error"] == "TENANT_NOT_FOUND"
    setup_ledger(admin, tenant_code)
    for path in ("/accounts/nope", "/customers/nope", "/products/NOPE", "/accounts/nope/events"):
        assert admin.get(f"/tenants/{tenant_code}{path}").status_code == 404, path
    assert admin.get(f"/tenants/{ghost}/events").status_code == 404


def test_a_schema_error_to_an_unknown_tenant_is_400_not_404(admin: Api) -> None:
    assert admin.send("GHOST_TENANT", {"commandId": "x"}).status_code == 400


def test_business_rule_violations_are_422_naming_the_invariant_and_write_nothing(
    admin: Api, tenant_code: str
) -> None:
    ledger = setup_ledger(admin, tenant_code)
    head = admin.get(f"/tenants/{tenant_code}/chain/head").json()
    overdraw = entry(
        tenant_code, [(ledger.txn, "DEBIT", "100.01"), ("GL_CARD_CLEARING", "CREDIT", "100.01")]
    )
    response = admin.send(tenant_code, overdraw)
    assert response.status_code == 422
    assert response.json()["invariant"] == "BALANCE_BELOW_FLOOR"
    assert response.json()["commandId"] == overdraw["commandId"]
    assert admin.get(f"/tenants/{tenant_code}/chain/head").json() == head
    # A rejected command is not remembered: the same commandId may be decided afresh.
    funded = entry(
        tenant_code, [("GL_SALARY_CLEARING", "DEBIT", "50.00"), (ledger.txn, "CREDIT", "50.00")]
    )
    admin.ok(tenant_code, funded)
    assert admin.send(tenant_code, overdraw).status_code == 202


@pytest.mark.parametrize(
    ("legs", "invariant"),
    [
        ([("GL_SALARY_CLEARING", "DEBIT", "5.00"), ("TXN", "CREDIT", "4.00")], "ENTRY_UNBALANCED"),
        (
            [("GL_SALARY_CLEARING", "DEBIT", "5.00"), ("no-such-account", "CREDIT", "5.00")],
            "ACCOUNT_NOT_FOUND",
        ),
        (
            [("GL_SALARY_CLEARING", "DEBIT", "950.00"), ("SAVER", "CREDIT", "950.00")],
            "BALANCE_ABOVE_MAXIMUM",
        ),
        (
            [("CARD", "DEBIT", "1000.01"), ("GL_CARD_CLEARING", "CREDIT", "1000.01")],
            "CREDIT_LIMIT_EXCEEDED",
        ),
    ],
)
def test_posting_rules_are_enforced(
    admin: Api, tenant_code: str, legs: list[tuple[str, str, str]], invariant: str
) -> None:
    ledger = setup_ledger(admin, tenant_code)
    admin.ok(
        tenant_code,
        entry(
            tenant_code,
            [("GL_SALARY_CLEARING", "DEBIT", "100.00"), (ledger.savings, "CREDIT", "100.00")],
        ),
    )
    names = {"TXN": ledger.txn, "SAVER": ledger.savings, "CARD": ledger.card}
    response = admin.send(
        tenant_code, entry(tenant_code, [(names.get(a, a), d, m) for a, d, m in legs])
    )
    assert response.status_code == 422
    assert response.json()["invariant"] == invariant


def test_an_account_of_another_tenant_is_unknown_in_legs(admin: Api, tenant_code: str) -> None:
    mine = setup_ledger(admin, tenant_code)
    theirs = setup_ledger(admin, tenant_code + "_X")
    response = admin.send(
        tenant_code,
        entry(tenant_code, [(theirs.txn, "DEBIT", "1.00"), (mine.txn, "CREDIT", "1.00")]),
    )
    assert response.status_code == 422
    assert response.json()["invariant"] == "ACCOUNT_NOT_FOUND"


def test_an_oversized_body_is_413(admin: Api, tenant_code: str) -> None:
    body = command(tenant_code, "CreateTenant", tenant_payload(tenant_code))
    body["payload"]["displayName"] = "x" * (70 * 1024)
    assert admin.send(tenant_code, body).status_code == 413
    huge = {"commands": [body] * 1, "padding": "y" * (5 * 1024 * 1024)}
    assert admin.post(f"/tenants/{tenant_code}/commands:batch", huge).status_code == 413


def test_a_batch_answers_per_command_results_in_order(admin: Api, tenant_code: str) -> None:
    ledger = setup_ledger(admin, tenant_code)
    good = entry(
        tenant_code, [("GL_SALARY_CLEARING", "DEBIT", "10.00"), (ledger.txn, "CREDIT", "10.00")]
    )
    bad = entry(
        tenant_code, [(ledger.txn, "DEBIT", "999.00"), ("GL_CARD_CLEARING", "CREDIT", "999.00")]
    )
    malformed = {"commandId": str(uuid.uuid4())}
    response = admin.post(
        f"/tenants/{tenant_code}/commands:batch", {"commands": [good, bad, malformed, good]}
    )
    assert response.status_code == 200
    statuses = [r["status"] for r in response.json()["results"]]
    assert statuses == ["ACCEPTED", "REJECTED", "REJECTED", "ALREADY_PROCESSED"]
    results = response.json()["results"]
    assert results[1]["problem"]["invariant"] == "BALANCE_BELOW_FLOOR"
    assert results[2]["problem"]["status"] == 400


def test_an_atomic_batch_with_a_rejected_command_is_422_with_its_index_and_writes_nothing(
    admin: Api, tenant_code: str
) -> None:
    ledger = setup_ledger(admin, tenant_code)
    head = admin.get(f"/tenants/{tenant_code}/chain/head").json()
    good = entry(
        tenant_code, [("GL_SALARY_CLEARING", "DEBIT", "10.00"), (ledger.txn, "CREDIT", "10.00")]
    )
    bad = entry(
        tenant_code, [(ledger.txn, "DEBIT", "999.00"), ("GL_CARD_CLEARING", "CREDIT", "999.00")]
    )
    response = admin.post(
        f"/tenants/{tenant_code}/commands:batch", {"commands": [good, bad], "atomic": True}
    )
    assert response.status_code == 422
    assert response.json()["details"]["index"] == 1
    assert response.json()["details"]["problem"]["invariant"] == "BALANCE_BELOW_FLOOR"
    assert admin.get(f"/tenants/{tenant_code}/chain/head").json() == head
    assert admin.send(tenant_code, good).status_code == 202  # not remembered


def test_batches_over_the_limit_and_pages_over_the_limit_are_400(
    admin: Api, tenant_code: str
) -> None:
    setup_ledger(admin, tenant_code)
    body = {"commands": [{"commandId": str(uuid.uuid4())}] * 1001}
    assert admin.post(f"/tenants/{tenant_code}/commands:batch", body).status_code == 400
    assert admin.get(f"/tenants/{tenant_code}/events", limit=1001).status_code == 400
    assert admin.get(f"/tenants/{tenant_code}/customers", limit=0).status_code == 400
    assert admin.get(f"/tenants/{tenant_code}/customers", q="x" * 101).status_code == 400


def test_rate_limited_keys_get_429_with_retry_after(tmp_path: Path, core_store: CoreStore) -> None:
    process = core_store.process(
        tmp_path / "data",
        extra_env={"TURINGCORE_RATE_LIMIT_PER_S": "1", "TURINGCORE_RATE_LIMIT_BURST": "3"},
    ).start()
    try:
        api = Api(process.url, process.admin_key)
        statuses = [api.get("/tenants/ANY_TENANT").status_code for _ in range(6)]
        assert statuses[:3] == [404, 404, 404]
        assert 429 in statuses[3:]
    finally:
        process.stop()


def test_customers_must_be_unique_by_email_mobile_and_external_ref(
    admin: Api, tenant_code: str
) -> None:
    setup_ledger(admin, tenant_code)
    clash = customer_payload(1)
    response = admin.send(tenant_code, command(tenant_code, "CreateCustomer", clash))
    assert response.status_code == 422
    assert response.json()["invariant"] == "EMAIL_NOT_UNIQUE"
