"""CreateCustomer: adult on the tenant's local date, unique email/mobile/externalRef."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.core.builders import (
    accepted,
    command,
    command_id,
    decide_on,
    only_event,
    rejected,
    snapshot,
    tenant_state,
)
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.state import Decision
from turingcore.domain.types import EventType


def customer_payload(date_of_birth: str = "1990-06-15", **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "externalRef": "MEM-0001",
        "person": {
            "firstName": "Ada",
            "lastName": "Lovelace",
            "dateOfBirth": date_of_birth,
            "email": "ada@example.com.au",
            "mobile": "+61412345678",
        },
        "address": {
            "line1": "1 George St",
            "suburb": "Sydney",
            "state": "NSW",
            "postcode": "2000",
            "country": "AU",
        },
    }
    payload.update(overrides)
    return payload


def create_customer(
    payload: dict[str, Any],
    *,
    timestamp: str = "2026-03-02T01:00:00Z",
    time_zone: str = "Australia/Sydney",
    taken: tuple[str, ...] = (),
    cid: str | None = None,
) -> Decision | Rejection:
    snap = snapshot(tenant=tenant_state(time_zone), taken=taken)
    return decide_on(snap, command("CreateCustomer", payload, timestamp=timestamp, cid=cid))


def test_create_customer_emits_customer_created_with_id_full_name_and_active_status() -> None:
    decision = accepted(create_customer(customer_payload()))

    event = only_event(decision, EventType.CUSTOMER_CREATED)
    customer_id = decision.result["customerId"]
    assert event.stream_id == customer_id
    assert event.payload["customerId"] == customer_id
    assert event.payload["fullName"] == "Ada Lovelace"
    assert event.payload["status"] == "ACTIVE"
    assert event.payload["person"]["dateOfBirth"] == "1990-06-15"
    assert event.payload["externalRef"] == "MEM-0001"


def test_customer_ids_differ_between_commands_and_between_tenants() -> None:
    first = accepted(create_customer(customer_payload(), cid=command_id(1)))
    second = accepted(create_customer(customer_payload(), cid=command_id(2)))
    other_tenant = decide_on(
        snapshot(tenant=tenant_state(tenant_id="CU_OTHER")),
        command("CreateCustomer", customer_payload(), cid=command_id(1), tenant_id="CU_OTHER"),
    )

    ids = {
        first.result["customerId"],
        second.result["customerId"],
        accepted(other_tenant).result["customerId"],
    }
    assert len(ids) == 3


def test_customer_under_18_is_rejected_as_too_young() -> None:
    rejection = rejected(create_customer(customer_payload("2010-01-01")))

    assert rejection.rule == Rule.CUSTOMER_TOO_YOUNG
    assert rejection.details["ageYears"] == 16


def test_customer_turning_18_on_the_command_date_is_accepted() -> None:
    accepted(create_customer(customer_payload("2008-03-02")))


def test_customer_turning_18_the_day_after_the_command_date_is_too_young() -> None:
    rejection = rejected(create_customer(customer_payload("2008-03-03")))

    assert rejection.rule == Rule.CUSTOMER_TOO_YOUNG
    assert rejection.details["ageYears"] == 17


# 2026-03-14T13:30Z is 00:30 on 15 March in Sydney (AEDT, UTC+11) but still 14 March in UTC.
BIRTHDAY_EVE_UTC = "2026-03-14T13:30:00Z"


def test_age_uses_the_tenants_local_date_so_sydney_birthday_has_begun() -> None:
    accepted(create_customer(customer_payload("2008-03-15"), timestamp=BIRTHDAY_EVE_UTC))


def test_age_uses_the_tenants_local_date_so_utc_tenant_is_still_a_day_short() -> None:
    rejection = rejected(
        create_customer(customer_payload("2008-03-15"), timestamp=BIRTHDAY_EVE_UTC, time_zone="UTC")
    )

    assert rejection.rule == Rule.CUSTOMER_TOO_YOUNG


def test_age_uses_the_tenants_local_date_not_the_date_written_in_the_timestamp() -> None:
    # 20:00 on 14 March at -05:00 is 01:00Z on the 15th: 12:00 on 15 March in Sydney.
    accepted(create_customer(customer_payload("2008-03-15"), timestamp="2026-03-14T20:00:00-05:00"))


@pytest.mark.parametrize(
    ("taken", "rule"),
    [
        ("email", Rule.EMAIL_NOT_UNIQUE),
        ("mobile", Rule.MOBILE_NOT_UNIQUE),
        ("externalRef", Rule.EXTERNAL_REF_NOT_UNIQUE),
    ],
)
def test_customer_with_a_key_another_customer_holds_is_rejected(taken: str, rule: Rule) -> None:
    assert rejected(create_customer(customer_payload(), taken=(taken,))).rule == rule


def test_customer_without_external_ref_is_accepted_and_carries_none() -> None:
    payload = customer_payload()
    del payload["externalRef"]

    event = accepted(create_customer(payload)).events[0]

    assert "externalRef" not in event.payload
