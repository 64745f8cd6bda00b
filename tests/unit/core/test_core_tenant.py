"""CreateTenant: uniqueness, supported currency, IANA time zone, the standard GL chart."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.core.builders import (
    CONTRACT_GL_CHART,
    accepted,
    command,
    decide_on,
    only_event,
    rejected,
    snapshot,
    tenant_state,
)
from turingcore.domain.errors import Rule
from turingcore.domain.snapshot import Snapshot
from turingcore.domain.types import EventType

NEW_TENANT = "CU_NEW"


def create_tenant_payload(**overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "tenantCode": NEW_TENANT,
        "displayName": "New Credit Union",
        "region": "AU",
        "baseCurrency": "AUD",
        "timeZone": "Australia/Sydney",
    }
    payload.update(overrides)
    return payload


def decide_create_tenant(existing: Snapshot | None = None, **overrides: Any) -> Any:
    cmd = command("CreateTenant", create_tenant_payload(**overrides), tenant_id=NEW_TENANT)
    return decide_on(existing or Snapshot(tenant=None), cmd)


def test_create_tenant_emits_tenant_created_on_the_tenant_stream() -> None:
    decision = accepted(decide_create_tenant(regulatoryJurisdiction="APRA"))

    event = only_event(decision, EventType.TENANT_CREATED)
    assert event.stream_id == NEW_TENANT
    assert decision.result == {"tenantId": NEW_TENANT}
    assert {k: v for k, v in event.payload.items() if k != "glAccounts"} == {
        **create_tenant_payload(),
        "regulatoryJurisdiction": "APRA",
    }


def test_create_tenant_lists_the_contracts_eleven_gl_accounts_with_type_and_normal_balance() -> (
    None
):
    event = only_event(accepted(decide_create_tenant()), EventType.TENANT_CREATED)

    chart = {
        gl["accountId"]: (gl["type"], gl["normalBalance"]) for gl in event.payload["glAccounts"]
    }
    assert len(event.payload["glAccounts"]) == 11
    assert chart == {code: (t, normal.value) for code, (t, normal) in CONTRACT_GL_CHART.items()}
    assert all(gl["name"] for gl in event.payload["glAccounts"])


def test_create_tenant_for_an_existing_tenant_is_rejected() -> None:
    existing = snapshot(tenant=tenant_state(tenant_id=NEW_TENANT))

    assert rejected(decide_create_tenant(existing)).rule == Rule.TENANT_ALREADY_EXISTS


def test_create_tenant_with_an_unsupported_currency_is_rejected() -> None:
    rejection = rejected(decide_create_tenant(baseCurrency="XTS"))

    assert rejection.rule == Rule.CURRENCY_NOT_SUPPORTED
    assert "AUD" in rejection.details["supported"]


@pytest.mark.parametrize("time_zone", ["Mars/Olympus_Mons", "Australia/Sydneyy", "../etc/passwd"])
def test_create_tenant_with_an_unknown_time_zone_is_rejected(time_zone: str) -> None:
    assert rejected(decide_create_tenant(timeZone=time_zone)).rule == Rule.TIME_ZONE_INVALID


@pytest.mark.parametrize("time_zone", ["Australia", "Etc"])
def test_create_tenant_with_a_time_zone_folder_name_is_rejected(time_zone: str) -> None:
    assert rejected(decide_create_tenant(timeZone=time_zone)).rule == Rule.TIME_ZONE_INVALID


def test_create_tenant_accepts_any_iana_time_zone() -> None:
    decision = accepted(decide_create_tenant(timeZone="Pacific/Auckland", baseCurrency="NZD"))

    assert decision.events[0].payload["timeZone"] == "Pacific/Auckland"
