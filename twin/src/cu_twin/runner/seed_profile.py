"""``twin seed``: the v0.1 seed profile of 04-acceptance.md, fixed and simple on purpose.

Tenant CU_DIGITAL with its catalogue; N members (CUST-000001...), each with a
TXN_ACCOUNT_BASIC opened with 100.00 and a SAVINGS_STANDARD opened with 0.00; then one
salary PostEntry each (DEBIT GL_SALARY_CLEARING, CREDIT the member's TXN account).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cu_twin.config.tenant import TenantConfig
from cu_twin.generators.members import generate_members
from cu_twin.runner.phases import bootstrap, start_of
from cu_twin.runner.session import Session, result_ids
from cu_twin.validators.money import from_cents
from turingcore_client import CommandType

SEED_PROFILE = "SEED_V01"
TXN_PRODUCT = "TXN_ACCOUNT_BASIC"
SAVINGS_PRODUCT = "SAVINGS_STANDARD"
TXN_OPENING_CENTS = 10_000
PAYS_PER_YEAR = 26
SEED_START = dt.date(2025, 1, 1)


@dataclass(frozen=True)
class SeedOutcome:
    customer_ids: list[str | None]
    txn_account_ids: list[str | None]
    savings_account_ids: list[str | None]
    salaries_cents: list[int]


def run_seed(session: Session, tenant: TenantConfig, members_n: int, seed: int) -> SeedOutcome:
    zone = tenant.tenant.time_zone
    at = start_of(SEED_START, zone)
    currency = tenant.tenant.base_currency
    bootstrap(session, tenant, at)
    members = generate_members(members_n, tenant.member_mix, seed, as_of=SEED_START)
    customer_ids = result_ids(
        session.send_all(
            [
                session.command(
                    CommandType.CREATE_CUSTOMER,
                    m.create_customer_payload(),
                    ("customer", m.number),
                    at,
                )
                for m in members
            ]
        ),
        "customerId",
    )
    opening = []
    for member, customer_id in zip(members, customer_ids, strict=True):
        if customer_id is None:
            continue
        for product, deposit in ((TXN_PRODUCT, TXN_OPENING_CENTS), (SAVINGS_PRODUCT, 0)):
            opening_payload = {
                "customerId": customer_id,
                "productCode": product,
                "currency": currency,
                "initialDeposit": from_cents(deposit),
            }
            opening.append(
                session.command(
                    CommandType.OPEN_ACCOUNT,
                    opening_payload,
                    ("account", member.number, product),
                    at,
                )
            )
    opened = iter(result_ids(session.send_all(opening), "accountId"))
    txn_ids: list[str | None] = []
    savings_ids: list[str | None] = []
    for customer_id in customer_ids:
        txn_ids.append(next(opened) if customer_id else None)
        savings_ids.append(next(opened) if customer_id else None)
    payday = at + dt.timedelta(days=1, hours=9)
    salaries = [max(m.annual_income_cents // PAYS_PER_YEAR, 100) for m in members]
    salary_cmds = []
    for member, txn, salary in zip(members, txn_ids, salaries, strict=True):
        if txn is None:
            continue
        payload: dict[str, Any] = {
            "bookingDate": payday.date().isoformat(),
            "valueDate": payday.date().isoformat(),
            "currency": currency,
            "narrative": f"SALARY {member.employer or 'EMPLOYER'}".upper()[:280],
            "legs": [
                {
                    "accountId": "GL_SALARY_CLEARING",
                    "direction": "DEBIT",
                    "amount": from_cents(salary),
                },
                {"accountId": txn, "direction": "CREDIT", "amount": from_cents(salary)},
            ],
            "tags": {"flow": "salary", "scenario": SEED_PROFILE},
        }
        salary_cmds.append(
            session.command(CommandType.POST_ENTRY, payload, ("salary", member.number), payday)
        )
    session.send_all(salary_cmds)
    return SeedOutcome(customer_ids, txn_ids, savings_ids, salaries)
