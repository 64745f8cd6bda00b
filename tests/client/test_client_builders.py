"""Command builders and money: exact envelopes, deterministic ids, and no float ever."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

import turingcore_client as tc
from turingcore_client._batching import BATCH_BODY_BYTES_MAX, chunk_commands

TS = datetime(2025, 1, 2, 9, 0, tzinfo=timezone(timedelta(hours=11)))
ACTOR = tc.Actor.system("twin")
CID = "0f8a3f5e-2b1c-4c7d-9e6f-1a2b3c4d5e6f"


def test_post_entry_builds_the_contract_envelope() -> None:
    command = tc.post_entry(
        "CU_X",
        booking_date=date(2025, 1, 2),
        value_date=date(2025, 1, 2),
        currency="AUD",
        narrative="Salary",
        legs=[tc.debit("GL_SALARY_CLEARING", 250_000), tc.credit("ACC_1", Decimal("2500"))],
        command_id=CID,
        actor=ACTOR,
        timestamp=TS,
    )
    assert command == {
        "commandId": CID,
        "tenantId": "CU_X",
        "commandType": "PostEntry",
        "actor": {"actorType": "SYSTEM", "actorId": "twin"},
        "timestamp": "2025-01-02T09:00:00+11:00",
        "payload": {
            "bookingDate": "2025-01-02",
            "valueDate": "2025-01-02",
            "currency": "AUD",
            "narrative": "Salary",
            "legs": [
                {"accountId": "GL_SALARY_CLEARING", "direction": "DEBIT", "amount": "2500.00"},
                {"accountId": "ACC_1", "direction": "CREDIT", "amount": "2500.00"},
            ],
        },
    }


def test_every_builder_names_its_command_type_and_leaves_out_what_is_not_given() -> None:
    meta: dict[str, Any] = {"command_id": uuid.UUID(CID), "actor": ACTOR, "timestamp": TS}
    tenant = tc.create_tenant(
        "CU_X",
        display_name="X",
        region="AU",
        base_currency="AUD",
        time_zone="Australia/Sydney",
        idempotency_key="tenant-x",
        **meta,
    )
    assert tenant["commandType"] == "CreateTenant" and tenant["idempotencyKey"] == "tenant-x"
    assert "businessType" not in tenant["payload"] and tenant["commandId"] == CID
    product = tc.upsert_product(
        "CU_X",
        "SAVER",
        name="Saver",
        product_type=tc.ProductType.DEPOSIT,
        interest={"baseRate": Decimal("0.0150"), "method": "DAILY_BALANCE"},
        constraints={"minOpeningBalance": tc.format_money(10_00), "allowOverdraft": False},
        **meta,
    )
    assert product["payload"] == {
        "productCode": "SAVER",
        "name": "Saver",
        "productType": "DEPOSIT",
        "interest": {"baseRate": "0.0150", "method": "DAILY_BALANCE"},
        "constraints": {"minOpeningBalance": "10.00", "allowOverdraft": False},
    }
    account = tc.open_account(
        "CU_X",
        customer_id="c",
        product_code="HOME",
        currency="AUD",
        principal=500_000_00,
        term_months=360,
        **meta,
    )
    assert account["commandType"] == "OpenAccount"
    assert (
        account["payload"]["principal"] == "500000.00" and account["payload"]["termMonths"] == 360
    )
    assert "idempotencyKey" not in account


def test_command_ids_derive_deterministically_from_a_key() -> None:
    first = tc.command_id_for("steady-state", 42, 1017)
    assert first == tc.command_id_for("steady-state", 42, 1017)
    assert first != tc.command_id_for("steady-state", 42, 1018)
    assert first != tc.command_id_for("steady-state", "42", 1017)
    assert uuid.UUID(first).version == 5
    assert first == str(uuid.uuid5(tc.COMMAND_ID_NAMESPACE, '["steady-state",42,1017]'))
    with pytest.raises(TypeError):
        tc.command_id_for("x", 1.5)  # type: ignore[arg-type]


def test_envelopes_refuse_naive_timestamps_bad_ids_and_long_idempotency_keys() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        tc.envelope(
            "CU_X",
            tc.CommandType.POST_ENTRY,
            {},
            command_id=CID,
            actor=ACTOR,
            timestamp=datetime(2025, 1, 2, 9, 0),
        )
    with pytest.raises(ValueError, match="UUID"):
        tc.envelope(
            "CU_X", tc.CommandType.POST_ENTRY, {}, command_id="step-1", actor=ACTOR, timestamp=TS
        )
    with pytest.raises(ValueError, match="idempotencyKey"):
        tc.envelope(
            "CU_X",
            tc.CommandType.POST_ENTRY,
            {},
            command_id=CID,
            actor=ACTOR,
            timestamp=TS,
            idempotency_key="k" * 201,
        )


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0.00"),
        (5, "0.05"),
        (123_450, "1234.50"),
        (-1_05, "-1.05"),
        (Decimal("1234.5"), "1234.50"),
        (Decimal("7"), "7.00"),
        (Decimal("1E+2"), "100.00"),
    ],
)
def test_money_renders_as_a_two_place_decimal_string(amount: tc.Money, text: str) -> None:
    assert tc.format_money(amount) == text


@pytest.mark.parametrize("amount", [12.5, 0.1, True, "12.50", [1]])
def test_money_builders_refuse_floats_and_other_non_money(amount: Any) -> None:
    with pytest.raises(TypeError):
        tc.format_money(amount)
    with pytest.raises(TypeError):
        tc.debit("ACC_1", amount)
    with pytest.raises(TypeError):
        tc.open_account(
            "CU_X",
            customer_id="c",
            product_code="TXN",
            currency="AUD",
            initial_deposit=amount,
            command_id=CID,
            actor=ACTOR,
            timestamp=TS,
        )


def test_floats_are_refused_even_inside_nested_objects() -> None:
    with pytest.raises(TypeError, match="float"):
        tc.upsert_product(
            "CU_X",
            "SAVER",
            name="Saver",
            product_type=tc.ProductType.DEPOSIT,
            interest={"baseRate": 0.015},
            command_id=CID,
            actor=ACTOR,
            timestamp=TS,
        )


def test_money_refuses_more_than_two_places_and_non_finite_decimals() -> None:
    for amount in (Decimal("0.001"), Decimal("NaN"), Decimal("Infinity")):
        with pytest.raises(ValueError):
            tc.format_money(amount)


def test_to_cents_reads_api_amounts_exactly() -> None:
    assert tc.to_cents("1234.50") == 123_450
    assert tc.to_cents("-0.05") == -5
    assert tc.to_cents("7") == 700
    assert tc.to_cents("90071992547409.93") == 9_007_199_254_740_993
    for bad in ("1.234", "abc", "", "1e3"):
        with pytest.raises(ValueError):
            tc.to_cents(bad)
    with pytest.raises(TypeError):
        tc.to_cents(12.5)  # type: ignore[arg-type]


def test_chunks_hold_at_most_1000_commands_of_one_tenant_in_order() -> None:
    def cmd(tenant: str, n: int) -> dict[str, Any]:
        return {"commandId": str(n), "tenantId": tenant, "payload": {}}

    commands = [cmd("CU_A", n) for n in range(2_500)] + [cmd("CU_B", n) for n in range(3)]
    chunks = list(chunk_commands(commands))
    assert [(c.tenant_id, len(c.encoded)) for c in chunks] == [
        ("CU_A", 1_000),
        ("CU_A", 1_000),
        ("CU_A", 500),
        ("CU_B", 3),
    ]
    decoded = [json.loads(e)["commandId"] for c in chunks for e in c.encoded]
    assert decoded == [c["commandId"] for c in commands]


def test_chunks_stay_under_the_body_size_limit() -> None:
    big = [{"tenantId": "CU_A", "payload": {"narrative": "x" * 100_000}} for _ in range(100)]
    chunks = list(chunk_commands(big))
    assert len(chunks) > 1
    assert all(c.size_bytes <= BATCH_BODY_BYTES_MAX for c in chunks)
    assert sum(len(c.encoded) for c in chunks) == 100
