"""Tenant aggregate: CreateTenant -> TenantCreated, with the standard chart of GL accounts."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from turingcore.domain.commands import CreateTenantCommand
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.state import Decision, NewEvent, TenantState
from turingcore.domain.types import EventType, GlType, normal_balance_of

SUPPORTED_CURRENCIES = frozenset({"AUD", "NZD", "USD", "EUR", "GBP", "SGD", "CAD"})
OPENING_FUNDS_GL = "GL_OPENING_FUNDS"
LOAN_FUNDING_GL = "GL_LOAN_FUNDING"

STANDARD_CHART: tuple[tuple[str, GlType, str], ...] = (
    ("GL_SALARY_CLEARING", GlType.ASSET, "Salary and direct-credit clearing"),
    ("GL_NPP_CLEARING", GlType.ASSET, "NPP/Osko settlement position"),
    (OPENING_FUNDS_GL, GlType.ASSET, "Funds received to open accounts"),
    ("GL_ATM_CASH", GlType.ASSET, "ATM cash dispensed"),
    ("GL_CARD_CLEARING", GlType.LIABILITY, "Card purchases owed to the scheme"),
    ("GL_BPAY_CLEARING", GlType.LIABILITY, "Bill payments owed to billers"),
    (LOAN_FUNDING_GL, GlType.LIABILITY, "Wholesale funding of loan disbursements"),
    ("GL_INTEREST_INCOME", GlType.INCOME, "Interest charged on loans and cards"),
    ("GL_FEE_INCOME", GlType.INCOME, "Fees charged"),
    ("GL_INTEREST_EXPENSE", GlType.EXPENSE, "Interest paid on deposits"),
    ("GL_RETAINED_EARNINGS", GlType.EQUITY, "Retained earnings (period close)"),
)
GL_CODES = frozenset(code for code, _, _ in STANDARD_CHART)


def gl_chart() -> list[dict[str, Any]]:
    """The GL accounts every tenant starts with, as listed in its TenantCreated event."""
    return [
        {
            "accountId": code,
            "name": name,
            "type": gl_type.value,
            "normalBalance": normal_balance_of(gl_type).value,
        }
        for code, gl_type, name in STANDARD_CHART
    ]


def time_zone_exists(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # a folder name raises OSError
        return False
    return True


def decide_create_tenant(
    existing: TenantState | None, cmd: CreateTenantCommand
) -> Decision | Rejection:
    p = cmd.payload
    if existing is not None:
        return Rejection(Rule.TENANT_ALREADY_EXISTS, f"tenant {p.tenantCode} already exists")
    if p.baseCurrency not in SUPPORTED_CURRENCIES:
        return Rejection(
            Rule.CURRENCY_NOT_SUPPORTED,
            f"currency {p.baseCurrency} is not supported",
            {"supported": sorted(SUPPORTED_CURRENCIES)},
        )
    if not time_zone_exists(p.timeZone):
        return Rejection(Rule.TIME_ZONE_INVALID, f"{p.timeZone} is not an IANA time zone")
    payload = p.model_dump(mode="json", exclude_none=True)
    payload["glAccounts"] = gl_chart()
    event = NewEvent(EventType.TENANT_CREATED, p.tenantCode, payload)
    return Decision([event], {"tenantId": p.tenantCode})
