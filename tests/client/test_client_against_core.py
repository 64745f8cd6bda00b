"""The synchronous client against a real core over loopback: commands, queries, errors."""

from __future__ import annotations

import itertools
import uuid

import pytest

import turingcore_client as tc
from tests.client.conftest import Seeded, customer_command, tenant_command, transfer
from tests.support.core_process import CoreProcess


def test_tenant_product_customer_account_and_posting_flow_through_the_client(
    admin: tc.Client, seeded: Seeded
) -> None:
    tenant = admin.get_tenant(seeded.tenant_id)
    assert (tenant.tenant_code, tenant.base_currency) == (seeded.tenant_id, "AUD")

    products = admin.list_products(seeded.tenant_id)
    assert [p.product_code for p in products] == ["TXN"]
    assert admin.get_product(seeded.tenant_id, "TXN").product_type == "DEPOSIT"

    customer = admin.get_customer(seeded.tenant_id, seeded.customer_id)
    assert customer.full_name == "Alex Member1"

    salary = transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 2_500_00)
    result = admin.send(salary)
    assert result.status == "ACCEPTED" and len(result.event_ids) == 1

    account = admin.get_account(seeded.tenant_id, seeded.account_id)
    assert account.balance == "2600.00"
    assert account.balance_cents == 2_600_00
    assert account.kind == "MEMBER" and account.normal_balance == "CREDIT"
    assert admin.get_account(seeded.tenant_id, "GL_SALARY_CLEARING").balance_cents == 2_500_00

    trial = admin.get_trial_balance(seeded.tenant_id)
    assert trial.balanced and trial.totals.net_cents == 0
    assert trial.totals.debits_cents == trial.totals.credits_cents == 2_600_00

    head = admin.get_chain_head(seeded.tenant_id)
    assert head.position == result.position
    verification = admin.verify_chain(seeded.tenant_id)
    assert verification.valid and verification.checked == head.position
    assert verification.first_bad_position is None


def test_a_resent_command_is_already_processed_and_writes_nothing(
    admin: tc.Client, seeded: Seeded
) -> None:
    command = transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 10_00)
    first = admin.send(command)
    again = admin.send(command)
    assert (first.status, again.status) == ("ACCEPTED", "ALREADY_PROCESSED")
    assert again.already_processed and again.event_ids == first.event_ids
    assert admin.get_chain_head(seeded.tenant_id).position == first.position
    assert admin.get_account(seeded.tenant_id, seeded.account_id).balance_cents == 110_00


def test_a_deterministic_command_id_replays_as_already_processed(
    admin: tc.Client, seeded: Seeded
) -> None:
    command_id = tc.command_id_for("client-tests", seeded.tenant_id, 1)

    def step() -> tc.CommandEnvelope:
        return transfer(
            seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 5_00, command_id=command_id
        )

    assert admin.send(step()).status == "ACCEPTED"
    assert admin.send(step()).status == "ALREADY_PROCESSED"


def test_a_bad_payload_raises_bad_request(admin: tc.Client, seeded: Seeded) -> None:
    command = transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 1_00)
    command["payload"]["legs"] = command["payload"]["legs"][:1]
    with pytest.raises(tc.BadRequest) as raised:
        admin.send(command)
    assert raised.value.status == 400
    assert raised.value.error == "VALIDATION_FAILED"
    assert raised.value.command_id == command["commandId"]


def test_a_bad_query_raises_bad_request(admin: tc.Client, tenant: str) -> None:
    with pytest.raises(tc.BadRequest):
        admin.list_customers(tenant, limit=5_000)


def test_an_unknown_key_raises_unauthenticated(core: CoreProcess, tenant: str) -> None:
    with tc.Client(core.url, "tck_not_a_key") as client, pytest.raises(tc.Unauthenticated) as e:
        client.get_tenant(tenant)
    assert e.value.status == 401


def test_a_tenant_key_on_another_tenant_raises_forbidden(
    core: CoreProcess, admin: tc.Client, tenant: str
) -> None:
    other = f"{tenant}_B"[:32]
    admin.send(tenant_command(other))
    key = admin.create_api_key("tenant:operator", tenant_id=tenant, label="client-tests")
    with tc.Client(core.url, key.key) as operator:
        assert operator.get_tenant(tenant).tenant_id == tenant
        with pytest.raises(tc.Forbidden) as raised:
            operator.get_tenant(other)
        assert raised.value.status == 403
        with pytest.raises(tc.Forbidden):
            operator.send(customer_command(other, 7))


def test_an_unknown_tenant_raises_not_found(admin: tc.Client) -> None:
    with pytest.raises(tc.NotFound) as raised:
        admin.send(customer_command("T_NO_SUCH_TENANT", 1))
    assert raised.value.status == 404
    with pytest.raises(tc.NotFound):
        admin.get_account("T_NO_SUCH_TENANT", "GL_ATM_CASH")


def test_the_same_command_id_with_other_content_raises_idempotency_conflict(
    admin: tc.Client, seeded: Seeded
) -> None:
    command_id = str(uuid.uuid4())
    admin.send(
        transfer(
            seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 1_00, command_id=command_id
        )
    )
    with pytest.raises(tc.IdempotencyConflict) as raised:
        admin.send(
            transfer(
                seeded.tenant_id,
                "GL_SALARY_CLEARING",
                seeded.account_id,
                2_00,
                command_id=command_id,
            )
        )
    assert raised.value.status == 409
    assert raised.value.command_id == command_id


def test_an_oversized_command_raises_payload_too_large(admin: tc.Client, seeded: Seeded) -> None:
    command = transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 1_00)
    command["payload"]["narrative"] = "x" * (70 * 1024)
    with pytest.raises(tc.PayloadTooLarge) as raised:
        admin.send(command)
    assert raised.value.status == 413


def test_a_business_rule_raises_rule_violation_naming_the_invariant(
    admin: tc.Client, seeded: Seeded
) -> None:
    overdraw = transfer(seeded.tenant_id, seeded.account_id, "GL_CARD_CLEARING", 1_000_00)
    with pytest.raises(tc.RuleViolation) as raised:
        admin.send(overdraw)
    assert raised.value.status == 422
    assert raised.value.invariant == "BALANCE_BELOW_FLOOR"
    assert admin.get_account(seeded.tenant_id, seeded.account_id).balance_cents == 100_00


def test_an_atomic_batch_with_a_refused_command_raises_with_its_index_and_writes_nothing(
    admin: tc.Client, seeded: Seeded
) -> None:
    head = admin.get_chain_head(seeded.tenant_id).position
    commands = [
        transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 1_00),
        transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 2_00),
        transfer(seeded.tenant_id, seeded.account_id, "GL_CARD_CLEARING", 1_000_00),
    ]
    with pytest.raises(tc.AtomicBatchRejected) as raised:
        admin.send_batch(commands, atomic=True)
    assert raised.value.status == 422
    assert raised.value.index == 2
    assert raised.value.invariant == "BALANCE_BELOW_FLOOR"
    inner = raised.value.inner
    assert inner is not None and inner.command_id == commands[2]["commandId"]
    assert admin.get_chain_head(seeded.tenant_id).position == head


def test_a_non_atomic_batch_answers_each_command_in_order(admin: tc.Client, seeded: Seeded) -> None:
    commands = [
        transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 1_00),
        transfer(seeded.tenant_id, seeded.account_id, "GL_CARD_CLEARING", 1_000_00),
        transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 2_00),
    ]
    results = admin.send_batch(commands)
    assert [r.status for r in results] == ["ACCEPTED", "REJECTED", "ACCEPTED"]
    rejected = results[1]
    assert isinstance(rejected, tc.RejectedResult)
    assert rejected.command_id == commands[1]["commandId"]
    assert rejected.problem.invariant == "BALANCE_BELOW_FLOOR"
    assert admin.get_account(seeded.tenant_id, seeded.account_id).balance_cents == 103_00


def test_events_keep_the_served_object_for_chain_verification(
    admin: tc.Client, seeded: Seeded
) -> None:
    events = list(admin.iter_events(seeded.tenant_id))
    assert [e.position for e in events] == list(range(1, len(events) + 1))
    first = events[0]
    assert first.event_type == "TenantCreated" and first.prev_hash == "0" * 64
    assert first.raw["hash"] == first.hash and first.raw["prevHash"] == first.prev_hash
    assert set(first.raw) >= {"eventId", "payload", "actor", "position", "hash"}
    for previous, event in itertools.pairwise(events):
        assert event.prev_hash == previous.hash


def test_api_keys_are_created_listed_and_revoked(
    core: CoreProcess, admin: tc.Client, tenant: str
) -> None:
    created = admin.create_api_key("tenant:reader", tenant_id=tenant, label="reader")
    assert created.key not in repr(created)
    listed = {k.key_id: k for k in admin.list_api_keys()}
    assert listed[created.key_id].scope == "tenant:reader"
    assert listed[created.key_id].revoked_at is None
    with tc.Client(core.url, created.key) as reader:
        assert reader.get_tenant(tenant).tenant_id == tenant
        with pytest.raises(tc.Forbidden):
            reader.send(customer_command(tenant, 3))
        admin.revoke_api_key(created.key_id)
        with pytest.raises(tc.Unauthenticated):
            reader.get_tenant(tenant)
    with pytest.raises(tc.NotFound):
        admin.revoke_api_key(created.key_id)


def test_operations_endpoints(admin: tc.Client) -> None:
    assert admin.health_live().status == "live"
    assert admin.health_ready().status == "ready"
    assert "turingcore_" in admin.metrics()


def test_an_idempotency_key_replays_under_a_new_command_id(admin: tc.Client, tenant: str) -> None:
    result = admin.send(customer_command(tenant, 42, idempotency_key="customer-42"))
    replay = admin.send(customer_command(tenant, 42, idempotency_key="customer-42"))
    assert replay.status == "ALREADY_PROCESSED"
    assert replay.result == result.result
    customer = admin.get_customer(tenant, result.result["customerId"])
    assert customer.person["dateOfBirth"] == "1990-05-17"
