"""Account aggregate: OpenAccount -> AccountOpened (+ EntryPosted for a deposit or a loan)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from turingcore.domain.commands import OpenAccountCommand, OpenAccountPayload
from turingcore.domain.customer import age_on, local_date
from turingcore.domain.entry import LegSpec, entry_event, post_legs
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.ids import derived_id
from turingcore.domain.money import format_cents, parse_cents
from turingcore.domain.state import (
    AccountState,
    CustomerState,
    Decision,
    NewEvent,
    ProductState,
    TenantState,
)
from turingcore.domain.tenant import LOAN_FUNDING_GL, OPENING_FUNDS_GL
from turingcore.domain.types import (
    DEPOSIT_TYPES,
    AccountKind,
    AccountStatus,
    CustomerStatus,
    Direction,
    EventType,
    ProductType,
    normal_balance_of,
)


def _money(section: Mapping[str, Any], name: str) -> int | None:
    value = section.get(name)
    return None if value is None else parse_cents(value)


def _int(section: Mapping[str, Any], name: str) -> int | None:
    value = section.get(name)
    return value if isinstance(value, int) else None


def _outside(value: int, low: int | None, high: int | None) -> bool:
    return (low is not None and value < low) or (high is not None and value > high)


def _deposit_floor(constraints: Mapping[str, Any]) -> int:
    """Precise rule 7: -overdraftLimit when overdraft is allowed, else minBalance (default 0)."""
    if constraints.get("allowOverdraft") is True:
        return -(_money(constraints, "overdraftLimit") or 0)
    return _money(constraints, "minBalance") or 0


def _terms(
    product: ProductState, p: OpenAccountPayload
) -> tuple[int | None, int | None, int | None] | Rejection:
    """(floor, ceiling, termMonths) of the new account, or why it cannot be opened."""
    c: Mapping[str, Any] = product.record.get("constraints", {})
    kind = product.product_type
    not_allowed = {
        "principal": p.principal is not None and kind != ProductType.LOAN,
        "creditLimit": p.creditLimit is not None and kind != ProductType.CREDIT_CARD,
        "disbursementAccountId": p.disbursementAccountId is not None and kind != ProductType.LOAN,
        "termMonths": p.termMonths is not None
        and kind not in (ProductType.LOAN, ProductType.TERM_DEPOSIT),
    }
    if p.initialDeposit and kind not in DEPOSIT_TYPES:
        return Rejection(
            Rule.INITIAL_DEPOSIT_NOT_ALLOWED, f"a {kind} account opens without a deposit"
        )
    bad = [name for name, flagged in not_allowed.items() if flagged]
    if bad:
        return Rejection(
            Rule.FIELD_NOT_ALLOWED_FOR_PRODUCT, f"not allowed for a {kind} product", {"fields": bad}
        )
    term = (
        p.termMonths
        if p.termMonths is not None
        else (_int(c, "defaultTermMonths") or _int(c, "minTermMonths"))
    )
    if kind == ProductType.LOAN and term is None:
        return Rejection(Rule.TERM_REQUIRED, "a loan needs termMonths (or a product default)")
    if (
        kind in (ProductType.LOAN, ProductType.TERM_DEPOSIT)
        and term is not None
        and _outside(term, _int(c, "minTermMonths"), _int(c, "maxTermMonths"))
    ):
        return Rejection(
            Rule.TERM_OUT_OF_RANGE,
            "termMonths is outside the product's range",
            {"termMonths": term},
        )
    if kind in DEPOSIT_TYPES:
        deposit = p.initialDeposit or 0
        minimum = _money(c, "minOpeningBalance") or 0
        if deposit < minimum:
            return Rejection(
                Rule.OPENING_BALANCE_BELOW_MINIMUM,
                "the initial deposit is below the product minimum",
                {"minOpeningBalance": format_cents(minimum)},
            )
        ceiling = _money(c, "maxBalance")
        if kind == ProductType.TERM_DEPOSIT and _money(c, "maxAmount") is not None:
            ceiling = min(x for x in (ceiling, _money(c, "maxAmount")) if x is not None)
        return _deposit_floor(c), ceiling, term
    if kind == ProductType.LOAN:
        if p.principal is None:
            return Rejection(Rule.PRINCIPAL_REQUIRED, "a loan needs a principal")
        if _outside(p.principal, _money(c, "minAmount"), _money(c, "maxAmount")):
            return Rejection(
                Rule.PRINCIPAL_OUT_OF_RANGE, "the principal is outside the product's range"
            )
        return None, p.principal, term
    if p.creditLimit is None:
        return Rejection(Rule.CREDIT_LIMIT_REQUIRED, "a card needs a creditLimit")
    if _outside(p.creditLimit, _money(c, "minCreditLimit"), _money(c, "maxCreditLimit")):
        return Rejection(
            Rule.CREDIT_LIMIT_OUT_OF_RANGE, "the credit limit is outside the product's range"
        )
    return None, p.creditLimit, None


def _eligibility(product: ProductState, age: int) -> Rejection | None:
    e: Mapping[str, Any] = product.record.get("eligibility", {})
    if _outside(age, _int(e, "minAge"), _int(e, "maxAge")):
        return Rejection(
            Rule.ELIGIBILITY_AGE,
            "the customer's age is outside the product's eligibility",
            {"ageYears": age},
        )
    return None


def _disbursement_target(
    p: OpenAccountPayload, customer_id: str, accounts: Mapping[str, AccountState]
) -> str | Rejection:
    if p.disbursementAccountId is None:
        return LOAN_FUNDING_GL
    target = accounts.get(p.disbursementAccountId)
    if (
        target is None
        or target.kind != AccountKind.MEMBER
        or target.account_type not in DEPOSIT_TYPES
        or target.customer_id != customer_id
        or target.status != AccountStatus.OPEN
    ):
        return Rejection(
            Rule.DISBURSEMENT_ACCOUNT_INVALID,
            "disbursementAccountId must be an open deposit account of the same customer",
        )
    return target.account_id


def decide_open_account(
    tenant: TenantState,
    customer: CustomerState | None,
    product: ProductState | None,
    accounts: Mapping[str, AccountState],
    cmd: OpenAccountCommand,
) -> Decision | Rejection:
    p = cmd.payload
    if customer is None:
        return Rejection(
            Rule.CUSTOMER_NOT_FOUND, "no such customer in this tenant", {"customerId": p.customerId}
        )
    if customer.status != CustomerStatus.ACTIVE:
        return Rejection(Rule.CUSTOMER_NOT_ACTIVE, "the customer is not active")
    if product is None:
        return Rejection(
            Rule.PRODUCT_NOT_FOUND, "no such product in this tenant", {"productCode": p.productCode}
        )
    if p.currency != tenant.base_currency:
        return Rejection(
            Rule.CURRENCY_MISMATCH,
            f"v1 accepts only the tenant's base currency {tenant.base_currency}",
        )
    today = local_date(cmd.timestamp, tenant.time_zone)
    ineligible = _eligibility(product, age_on(customer.date_of_birth, today))
    if ineligible is not None:
        return ineligible
    terms = _terms(product, p)
    if isinstance(terms, Rejection):
        return terms
    floor, ceiling, term = terms
    account_id = derived_id(tenant.tenant_id, cmd.commandId, "account")
    account_type = ProductType(product.product_type)
    normal = normal_balance_of(account_type)
    opened: dict[str, Any] = {
        "accountId": account_id,
        "customerId": customer.customer_id,
        "productCode": product.product_code,
        "productType": account_type.value,
        "currency": p.currency,
        "normalBalance": normal.value,
        "openedOn": today.isoformat(),
    }
    extras = {
        "accountAlias": p.accountAlias,
        "accountPurpose": p.accountPurpose,
        "principal": None if p.principal is None else format_cents(p.principal),
        "creditLimit": None if p.creditLimit is None else format_cents(p.creditLimit),
        "termMonths": term,
        "disbursementAccountId": p.disbursementAccountId,
        "floor": None if floor is None else format_cents(floor),
        "ceiling": None if ceiling is None else format_cents(ceiling),
    }
    opened.update({k: v for k, v in extras.items() if v is not None})
    events = [NewEvent(EventType.ACCOUNT_OPENED, account_id, opened)]
    new_account = AccountState(
        account_id,
        AccountKind.MEMBER,
        account_type.value,
        normal,
        AccountStatus.OPEN,
        p.currency,
        0,
        floor,
        ceiling,
        customer.customer_id,
    )
    legs = _opening_legs(p, account_type, account_id, customer.customer_id, accounts)
    if isinstance(legs, Rejection):
        return legs
    if legs:
        book = {**accounts, account_id: new_account}
        posted = post_legs(book, legs, p.currency)
        if isinstance(posted, Rejection):
            return posted
        entry_id = derived_id(tenant.tenant_id, cmd.commandId, "entry")
        narrative = "Loan disbursement" if account_type == ProductType.LOAN else "Opening deposit"
        events.append(
            entry_event(
                entry_id=entry_id,
                booking_date=today,
                value_date=today,
                currency=p.currency,
                narrative=narrative,
                legs=legs,
                balances=posted,
            )
        )
    return Decision(events, {"accountId": account_id})


def _opening_legs(
    p: OpenAccountPayload,
    account_type: ProductType,
    account_id: str,
    customer_id: str,
    accounts: Mapping[str, AccountState],
) -> list[LegSpec] | Rejection:
    if account_type in DEPOSIT_TYPES and p.initialDeposit:
        return [
            LegSpec(OPENING_FUNDS_GL, Direction.DEBIT, p.initialDeposit),
            LegSpec(account_id, Direction.CREDIT, p.initialDeposit),
        ]
    if account_type == ProductType.LOAN and p.principal:
        target = _disbursement_target(p, customer_id, accounts)
        if isinstance(target, Rejection):
            return target
        return [
            LegSpec(account_id, Direction.DEBIT, p.principal),
            LegSpec(target, Direction.CREDIT, p.principal),
        ]
    return []
