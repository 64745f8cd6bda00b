"""The asynchronous client against a real core: the same basic flow as the sync one."""

from __future__ import annotations

import asyncio

import pytest

import turingcore_client as tc
from tests.client.conftest import customer_command, meta, tenant_command, transfer
from tests.support.core_process import CoreProcess


async def basic_flow(url: str, admin_key: str, tenant: str) -> None:
    async with tc.AsyncClient(url, admin_key) as client:
        assert (await client.send(tenant_command(tenant))).status == "ACCEPTED"
        await client.send(
            tc.upsert_product(
                tenant, "SAVER", name="Saver", product_type=tc.ProductType.DEPOSIT, **meta()
            )
        )
        customer = await client.send(customer_command(tenant, 1))
        opened = await client.send(
            tc.open_account(
                tenant,
                customer_id=customer.result["customerId"],
                product_code="SAVER",
                currency="AUD",
                initial_deposit=50_00,
                **meta(),
            )
        )
        account_id = opened.result["accountId"]
        salary = transfer(tenant, "GL_SALARY_CLEARING", account_id, 1_000_00)
        assert (await client.send(salary)).status == "ACCEPTED"
        assert (await client.send(salary)).status == "ALREADY_PROCESSED"

        account = await client.get_account(tenant, account_id)
        assert account.balance_cents == 1_050_00
        assert (await client.get_tenant(tenant)).tenant_code == tenant
        assert [p.product_code for p in await client.list_products(tenant)] == ["SAVER"]

        many = [transfer(tenant, "GL_SALARY_CLEARING", account_id, 1) for _ in range(5)]
        async with tc.AsyncBatchSender(client, batch_size=2) as sender:
            for command in many:
                await sender.add(command)
        assert [r.status for r in sender.results] == ["ACCEPTED"] * 5

        events = [e async for e in client.iter_events(tenant, page_size=2)]
        head = await client.get_chain_head(tenant)
        assert [e.position for e in events] == list(range(1, head.position + 1))
        customers = [c async for c in client.iter_customers(tenant, page_size=1)]
        assert [c.customer_id for c in customers] == [customer.result["customerId"]]
        assert len([a async for a in client.iter_accounts(tenant)]) == 1
        assert len([e async for e in client.iter_account_events(tenant, account_id)]) == 8
        assert (await client.get_trial_balance(tenant)).balanced
        assert (await client.verify_chain(tenant)).valid

        with pytest.raises(tc.RuleViolation) as raised:
            await client.send(transfer(tenant, account_id, "GL_CARD_CLEARING", 99_999_00))
        assert raised.value.invariant == "BALANCE_BELOW_FLOOR"
        with pytest.raises(tc.NotFound):
            await client.get_customer(tenant, "no-such-customer")


def test_the_async_client_runs_the_basic_flow(core: CoreProcess, tenant_code: str) -> None:
    asyncio.run(basic_flow(core.url, core.admin_key, tenant_code))


def test_the_async_client_maps_a_bad_key_to_unauthenticated(core: CoreProcess) -> None:
    async def run() -> None:
        async with tc.AsyncClient(core.url, "tck_wrong") as client:
            await client.health_live()
            await client.list_api_keys()

    with pytest.raises(tc.Unauthenticated):
        asyncio.run(run())
