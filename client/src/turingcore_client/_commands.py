"""Typed builders for the command envelopes of the API contract.

Each builder returns the wire envelope (a ``CommandEnvelope`` dict: commandId, tenantId,
commandType, actor, timestamp, payload and, when given, idempotencyKey) ready for
``Client.send``. The caller chooses the commandId, either explicitly or derived from a key
with :func:`command_id_for`, so a replay of the same plan sends the same ids and the
server answers ALREADY_PROCESSED instead of doing the work twice.

Money arguments are ``int`` cents or ``Decimal`` (see ``_money``); a float is refused
anywhere in a command, nested objects included. Nested objects (``interest``, ``fees``,
``constraints``, ``employment``...) are written in wire form (camelCase keys); within them
a ``Decimal`` is sent as its exact text and a ``date`` as ISO text, so write money there
with :func:`format_money`. Optional arguments left as ``None`` are not sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from turingcore_client._envelope import (
    Actor,
    AddressInput,
    CommandEnvelope,
    CommandType,
    Leg,
    PersonInput,
    ProductType,
    envelope,
)
from turingcore_client._money import Money, format_money


def _date_text(value: date, name: str) -> str:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a date (not a datetime)")
    return value.isoformat()


def _optional_money(amount: Money | None) -> str | None:
    return None if amount is None else format_money(amount)


def create_tenant(
    tenant_code: str,
    *,
    display_name: str,
    region: str,
    base_currency: str,
    time_zone: str,
    regulatory_jurisdiction: str | None = None,
    business_type: str | None = None,
    command_id: str | uuid.UUID,
    actor: Actor,
    timestamp: datetime,
    idempotency_key: str | None = None,
) -> CommandEnvelope:
    """CreateTenant (platform:admin); sent to ``/tenants/{tenant_code}/commands``."""
    payload = {
        "tenantCode": tenant_code,
        "displayName": display_name,
        "region": region,
        "baseCurrency": base_currency,
        "timeZone": time_zone,
        "regulatoryJurisdiction": regulatory_jurisdiction,
        "businessType": business_type,
    }
    return envelope(
        tenant_code,
        CommandType.CREATE_TENANT,
        payload,
        command_id=command_id,
        actor=actor,
        timestamp=timestamp,
        idempotency_key=idempotency_key,
    )


def upsert_product(
    tenant_id: str,
    product_code: str,
    *,
    name: str,
    product_type: ProductType,
    category: str | None = None,
    description: str | None = None,
    interest: Mapping[str, Any] | None = None,
    fees: Mapping[str, Any] | None = None,
    constraints: Mapping[str, Any] | None = None,
    features: Sequence[str] | None = None,
    credit_criteria: Mapping[str, Any] | None = None,
    eligibility: Mapping[str, Any] | None = None,
    rewards: Mapping[str, Any] | None = None,
    command_id: str | uuid.UUID,
    actor: Actor,
    timestamp: datetime,
    idempotency_key: str | None = None,
) -> CommandEnvelope:
    """UpsertProduct: create a product or replace its definition (absent = none/no limit).

    Rates go in as ``Decimal`` or decimal strings (``Decimal("0.015")`` for 1.5 %), money
    inside ``fees``/``constraints`` as ``format_money(cents)``.
    """
    payload = {
        "productCode": product_code,
        "name": name,
        "productType": ProductType(product_type),
        "category": category,
        "description": description,
        "interest": interest,
        "fees": fees,
        "constraints": constraints,
        "features": list(features) if features is not None else None,
        "creditCriteria": credit_criteria,
        "eligibility": eligibility,
        "rewards": rewards,
    }
    return envelope(
        tenant_id,
        CommandType.UPSERT_PRODUCT,
        payload,
        command_id=command_id,
        actor=actor,
        timestamp=timestamp,
        idempotency_key=idempotency_key,
    )


def create_customer(
    tenant_id: str,
    *,
    person: PersonInput,
    address: AddressInput,
    external_ref: str | None = None,
    employment: Mapping[str, Any] | None = None,
    risk_profile: Mapping[str, Any] | None = None,
    command_id: str | uuid.UUID,
    actor: Actor,
    timestamp: datetime,
    idempotency_key: str | None = None,
) -> CommandEnvelope:
    """CreateCustomer; the result holds the new ``customerId``."""
    payload = {
        "externalRef": external_ref,
        "person": person,
        "address": address,
        "employment": employment,
        "riskProfile": risk_profile,
    }
    return envelope(
        tenant_id,
        CommandType.CREATE_CUSTOMER,
        payload,
        command_id=command_id,
        actor=actor,
        timestamp=timestamp,
        idempotency_key=idempotency_key,
    )


def open_account(
    tenant_id: str,
    *,
    customer_id: str,
    product_code: str,
    currency: str,
    initial_deposit: Money | None = None,
    account_alias: str | None = None,
    account_purpose: str | None = None,
    principal: Money | None = None,
    term_months: int | None = None,
    disbursement_account_id: str | None = None,
    credit_limit: Money | None = None,
    command_id: str | uuid.UUID,
    actor: Actor,
    timestamp: datetime,
    idempotency_key: str | None = None,
) -> CommandEnvelope:
    """OpenAccount; the result holds the new ``accountId``.

    Deposits may carry an ``initial_deposit``; loans a ``principal`` and ``term_months``
    (disbursed to ``disbursement_account_id`` or GL_LOAN_FUNDING); cards a ``credit_limit``.
    """
    payload = {
        "customerId": customer_id,
        "productCode": product_code,
        "currency": currency,
        "accountAlias": account_alias,
        "initialDeposit": _optional_money(initial_deposit),
        "accountPurpose": account_purpose,
        "principal": _optional_money(principal),
        "termMonths": term_months,
        "disbursementAccountId": disbursement_account_id,
        "creditLimit": _optional_money(credit_limit),
    }
    return envelope(
        tenant_id,
        CommandType.OPEN_ACCOUNT,
        payload,
        command_id=command_id,
        actor=actor,
        timestamp=timestamp,
        idempotency_key=idempotency_key,
    )


def post_entry(
    tenant_id: str,
    *,
    booking_date: date,
    value_date: date,
    currency: str,
    narrative: str,
    legs: Sequence[Leg],
    tags: Mapping[str, str] | None = None,
    metadata: Mapping[str, str | int | bool] | None = None,
    command_id: str | uuid.UUID,
    actor: Actor,
    timestamp: datetime,
    idempotency_key: str | None = None,
) -> CommandEnvelope:
    """PostEntry: a balanced set of legs (see :func:`debit` and :func:`credit`)."""
    payload = {
        "bookingDate": _date_text(booking_date, "booking_date"),
        "valueDate": _date_text(value_date, "value_date"),
        "currency": currency,
        "narrative": narrative,
        "legs": [leg.to_json() for leg in legs],
        "tags": tags,
        "metadata": metadata,
    }
    return envelope(
        tenant_id,
        CommandType.POST_ENTRY,
        payload,
        command_id=command_id,
        actor=actor,
        timestamp=timestamp,
        idempotency_key=idempotency_key,
    )
