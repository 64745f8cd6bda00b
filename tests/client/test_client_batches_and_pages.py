"""Batching and pagination helpers against a real core: every command, every item, in order."""

from __future__ import annotations

import asyncio

import httpx

import turingcore_client as tc
from tests.client.conftest import Seeded, customer_command, meta, transfer
from tests.support.core_process import CoreProcess


class CountingTransport(httpx.BaseTransport):
    """The real network, counting the requests that go through it."""

    def __init__(self) -> None:
        self._inner = httpx.HTTPTransport()
        self.requests: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def test_send_many_splits_2500_commands_into_3_batches_and_answers_all_in_order(
    core: CoreProcess, seeded: Seeded
) -> None:
    commands = [
        transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, n + 1)
        for n in range(2_500)
    ]
    transport = CountingTransport()
    with tc.Client(core.url, core.admin_key, transport=transport) as client:
        results = client.send_many(commands)
        batches = [r for r in transport.requests if r.url.path.endswith("/commands:batch")]
        assert len(batches) == 3
        assert len(results) == 2_500
        assert [r.command_id for r in results] == [c["commandId"] for c in commands]
        assert all(r.status == "ACCEPTED" for r in results)
        positions = [r.position for r in results if isinstance(r, tc.CommandResult)]
        assert positions == sorted(positions)
        expected_cents = 100_00 + sum(range(1, 2_501))
        assert client.get_account(seeded.tenant_id, seeded.account_id).balance_cents == (
            expected_cents
        )


def test_batch_sender_sends_full_batches_and_the_rest_on_exit(
    core: CoreProcess, seeded: Seeded
) -> None:
    transport = CountingTransport()
    commands = [
        transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, 1_00) for _ in range(25)
    ]
    with tc.Client(core.url, core.admin_key, transport=transport) as client:
        with tc.BatchSender(client, batch_size=10) as sender:
            for command in commands:
                sender.add(command)
            assert sender.pending == 5 and len(sender.results) == 20
        assert [r.command_id for r in sender.results] == [c["commandId"] for c in commands]
        assert len(transport.requests) == 3
        resent = client.send_many(commands[:3])
        assert [r.status for r in resent] == ["ALREADY_PROCESSED"] * 3


def test_iterators_walk_every_customer_account_and_event(admin: tc.Client, seeded: Seeded) -> None:
    tenant = seeded.tenant_id
    customers = admin.send_many([customer_command(tenant, n) for n in range(2, 9)])
    customer_ids = [r.result["customerId"] for r in customers if isinstance(r, tc.CommandResult)]
    admin.send_many(
        [
            tc.open_account(tenant, customer_id=c, product_code="TXN", currency="AUD", **meta())
            for c in customer_ids
        ]
    )
    admin.send_many(
        [transfer(tenant, "GL_SALARY_CLEARING", seeded.account_id, 1_00) for _ in range(5)]
    )

    walked = [c.customer_id for c in admin.iter_customers(tenant, page_size=3)]
    assert sorted(walked) == sorted([seeded.customer_id, *customer_ids])
    assert len(walked) == admin.list_customers(tenant).total == 8

    accounts = list(admin.iter_accounts(tenant, page_size=3))
    assert len(accounts) == len({a.account_id for a in accounts}) == 8
    mine = list(admin.iter_accounts(tenant, customer_id=seeded.customer_id, page_size=1))
    assert [a.account_id for a in mine] == [seeded.account_id]
    gl = list(admin.iter_accounts(tenant, kind="GL", page_size=4))
    assert {a.account_id for a in gl} >= {"GL_SALARY_CLEARING", "GL_CARD_CLEARING"}
    assert all(a.kind == "GL" for a in gl)

    account_events = list(admin.iter_account_events(tenant, seeded.account_id, page_size=2))
    page = admin.list_account_events(tenant, seeded.account_id, limit=1_000)
    assert [e.event_id for e in account_events] == [e.event_id for e in page.events]
    assert len(account_events) == page.total == 7  # opened, opening deposit, 5 entries

    events = list(admin.iter_events(tenant, page_size=7))
    head = admin.get_chain_head(tenant)
    assert [e.position for e in events] == list(range(1, head.position + 1))
    later = list(admin.iter_events(tenant, after=head.position - 2, page_size=1))
    assert [e.position for e in later] == [head.position - 1, head.position]
    assert admin.list_events(tenant, after=head.position).events == []


def test_raw_event_iterators_serve_exactly_what_the_typed_ones_keep(
    core: CoreProcess, seeded: Seeded
) -> None:
    commands = [
        transfer(seeded.tenant_id, "GL_SALARY_CLEARING", seeded.account_id, n + 1)
        for n in range(25)
    ]
    with tc.Client(core.url, core.admin_key) as client:
        client.send_many(commands)
        typed = [e.raw for e in client.iter_events(seeded.tenant_id, page_size=7)]
        raw = list(client.iter_events_raw(seeded.tenant_id, page_size=7))
        assert raw == typed
        assert [e["position"] for e in raw] == list(range(1, len(raw) + 1))
        assert list(client.iter_events_raw(seeded.tenant_id, after=len(raw))) == []
        account = [e.raw for e in client.iter_account_events(seeded.tenant_id, seeded.account_id)]
        account_raw = list(
            client.iter_account_events_raw(seeded.tenant_id, seeded.account_id, page_size=4)
        )
        assert account_raw == account
        assert len(account_raw) == 2 + 25  # opened, its opening deposit, the transfers
        # Pages fetched out of order by offset put the same stream back together.
        pages = [
            client.list_account_events_raw(
                seeded.tenant_id, seeded.account_id, limit=10, offset=offset
            )
            for offset in (20, 0, 10)
        ]
        assert {page.total for page in pages} == {27}
        assert pages[1].events + pages[2].events + pages[0].events == account_raw


def test_the_async_raw_iterators_agree_with_the_sync_ones(
    core: CoreProcess, seeded: Seeded
) -> None:
    with tc.Client(core.url, core.admin_key) as client:
        feed = list(client.iter_events_raw(seeded.tenant_id, page_size=3))
        stream = list(client.iter_account_events_raw(seeded.tenant_id, seeded.account_id))

    async def read() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        async with tc.AsyncClient(core.url, core.admin_key) as client_async:
            tenant, account = seeded.tenant_id, seeded.account_id
            return (
                [e async for e in client_async.iter_events_raw(tenant, page_size=3)],
                [
                    e
                    for offset in (0, 2)
                    for e in (
                        await client_async.list_account_events_raw(
                            tenant, account, limit=2, offset=offset
                        )
                    ).events
                ]
                + [e async for e in client_async.iter_account_events_raw(tenant, account)][4:],
            )

    assert asyncio.run(read()) == (feed, stream)
    assert feed and stream
