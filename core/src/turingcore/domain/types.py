"""Shared vocabulary of the domain: enums and small value types."""

from __future__ import annotations

from enum import StrEnum


class CommandType(StrEnum):
    CREATE_TENANT = "CreateTenant"
    UPSERT_PRODUCT = "UpsertProduct"
    CREATE_CUSTOMER = "CreateCustomer"
    OPEN_ACCOUNT = "OpenAccount"
    POST_ENTRY = "PostEntry"


class EventType(StrEnum):
    TENANT_CREATED = "TenantCreated"
    PRODUCT_CREATED = "ProductCreated"
    PRODUCT_UPDATED = "ProductUpdated"
    CUSTOMER_CREATED = "CustomerCreated"
    ACCOUNT_OPENED = "AccountOpened"
    ENTRY_POSTED = "EntryPosted"


class ActorType(StrEnum):
    SYSTEM = "SYSTEM"
    USER = "USER"
    SERVICE = "SERVICE"


class Direction(StrEnum):
    DEBIT = "DEBIT"
    CREDIT = "CREDIT"


class ProductType(StrEnum):
    DEPOSIT = "DEPOSIT"
    TERM_DEPOSIT = "TERM_DEPOSIT"
    LOAN = "LOAN"
    CREDIT_CARD = "CREDIT_CARD"


class GlType(StrEnum):
    ASSET = "ASSET"
    LIABILITY = "LIABILITY"
    EQUITY = "EQUITY"
    INCOME = "INCOME"
    EXPENSE = "EXPENSE"


class AccountKind(StrEnum):
    MEMBER = "MEMBER"
    GL = "GL"


class AccountStatus(StrEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


class CustomerStatus(StrEnum):
    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"


DEPOSIT_TYPES = frozenset({ProductType.DEPOSIT, ProductType.TERM_DEPOSIT})
CREDIT_NORMAL_TYPES = frozenset(
    {
        ProductType.DEPOSIT,
        ProductType.TERM_DEPOSIT,
        GlType.LIABILITY,
        GlType.EQUITY,
        GlType.INCOME,
    }
)


def normal_balance_of(account_type: str) -> Direction:
    """Deposits and liability/equity/income GLs are credit-normal; the rest debit-normal."""
    return Direction.CREDIT if account_type in CREDIT_NORMAL_TYPES else Direction.DEBIT
