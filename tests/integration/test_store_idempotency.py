"""The shell on a real SQLite store: replaying any accepted command changes nothing, and any
sequence of accepted postings keeps the books balanced with no deposit below its floor."""

from __future__ import annotations

import json
import tempfile
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from turingcore.app.commands import CommandService
from turingcore.app.outcomes import Accepted, Refused
from turingcore.app.queries import trial_balance, verify
from turingcore.domain.commands import AnyCommand
from turingcore.store.sqlite import SqliteStore

TENANT = "CU_PROP"
COMMANDS: TypeAdapter[Any] = TypeAdapter(AnyCommand)


def _command(kind: str, payload: dict[str, Any]) -> Any:
    body = {
        "commandId": str(uuid.uuid4()),
        "tenantId": TENANT,
        "commandType": kind,
        "actor": {"actorType": "SYSTEM", "actorId": "prop"},
        "timestamp": "2025-03-01T09:00:00+11:00",
        "payload": payload,
    }
    return COMMANDS.validate_python(json.loads(json.dumps(body), parse_float=Decimal))


def _clock() -> datetime:
    return datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def books() -> Iterator[tuple[SqliteStore, CommandService, list[str]]]:
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp))
        service = CommandService(store, _clock)
        service.handle(
            TENANT,
            _command(
                "CreateTenant",
                {
                    "tenantCode": TENANT,
                    "displayName": "P",
                    "region": "AU",
                    "baseCurrency": "AUD",
                    "timeZone": "Australia/Sydney",
                },
            ),
        )
        for product in (
            {"productCode": "TXN", "name": "T", "productType": "DEPOSIT"},
            {
                "productCode": "OD",
                "name": "O",
                "productType": "DEPOSIT",
                "constraints": {"allowOverdraft": True, "overdraftLimit": "50.00"},
            },
            {"productCode": "CARD", "name": "C", "productType": "CREDIT_CARD"},
        ):
            service.handle(TENANT, _command("UpsertProduct", product))
        person = {
            "firstName": "A",
            "lastName": "B",
            "dateOfBirth": "1990-01-01",
            "email": "a@b.example",
            "mobile": "+61491570000",
        }
        address = {
            "line1": "1 A St",
            "suburb": "Sydney",
            "state": "NSW",
            "postcode": "2000",
            "country": "AU",
        }
        created = service.handle(
            TENANT, _command("CreateCustomer", {"person": person, "address": address})
        )
        assert isinstance(created, Accepted)
        customer = created.body["result"]["customerId"]
        accounts = []
        for payload in (
            {"productCode": "TXN", "initialDeposit": "100.00"},
            {"productCode": "OD"},
            {"productCode": "CARD", "creditLimit": "200.00"},
        ):
            opened = service.handle(
                TENANT,
                _command("OpenAccount", {"customerId": customer, "currency": "AUD", **payload}),
            )
            assert isinstance(opened, Accepted)
            accounts.append(opened.body["result"]["accountId"])
        yield store, service, [*accounts, "GL_SALARY_CLEARING", "GL_CARD_CLEARING"]
        store.close()


postings = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 4), st.integers(1, 20_000)).filter(
        lambda t: t[0] != t[1]
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None)
@given(postings)
def test_accepted_postings_balance_keep_floors_and_replays_change_nothing(
    books: tuple[SqliteStore, CommandService, list[str]], moves: list[tuple[int, int, int]]
) -> None:
    store, service, accounts = books
    accepted = []
    for debit, credit, cents in moves:
        amount = f"{cents // 100}.{cents % 100:02d}"
        command = _command(
            "PostEntry",
            {
                "bookingDate": "2025-03-01",
                "valueDate": "2025-03-01",
                "currency": "AUD",
                "narrative": "prop",
                "legs": [
                    {"accountId": accounts[debit], "direction": "DEBIT", "amount": amount},
                    {"accountId": accounts[credit], "direction": "CREDIT", "amount": amount},
                ],
            },
        )
        outcome = service.handle(TENANT, command)
        assert isinstance(outcome, Accepted | Refused)
        if isinstance(outcome, Accepted):
            accepted.append((command, outcome.body))
    totals = trial_balance(store, TENANT)["totals"]
    assert totals["debits"] == totals["credits"]
    for account_id in accounts[:2]:
        record = store.account(TENANT, account_id)
        assert record is not None and record.floor_cents is not None
        assert record.balance_cents >= record.floor_cents
    card = store.account(TENANT, accounts[2])
    assert (
        card is not None
        and card.ceiling_cents is not None
        and card.balance_cents <= card.ceiling_cents
    )
    head = store.chain_head(TENANT)
    for command, body in accepted:
        replay = service.handle(TENANT, command)
        assert isinstance(replay, Accepted) and replay.replayed
        assert replay.body == {**body, "status": "ALREADY_PROCESSED"}
    assert store.chain_head(TENANT) == head
    assert verify(store, TENANT).valid
