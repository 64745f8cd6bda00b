"""What the shell must load before a decision (``needs``) and the loaded ``Snapshot``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from turingcore.domain.commands import (
    CreateCustomerCommand,
    CreateTenantCommand,
    OpenAccountCommand,
    PostEntryCommand,
    UpsertProductCommand,
)
from turingcore.domain.state import AccountState, CustomerState, ProductState, TenantState
from turingcore.domain.tenant import LOAN_FUNDING_GL, OPENING_FUNDS_GL

Command = (
    CreateTenantCommand
    | UpsertProductCommand
    | CreateCustomerCommand
    | OpenAccountCommand
    | PostEntryCommand
)


@dataclass(frozen=True, slots=True)
class Needs:
    product_codes: tuple[str, ...] = ()
    customer_ids: tuple[str, ...] = ()
    account_ids: tuple[str, ...] = ()
    customer_keys: tuple[str | None, str | None, str | None] | None = None
    """(email, mobile, externalRef) to check for uniqueness, when creating a customer."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    tenant: TenantState | None
    products: Mapping[str, ProductState] = field(default_factory=dict)
    customers: Mapping[str, CustomerState] = field(default_factory=dict)
    accounts: Mapping[str, AccountState] = field(default_factory=dict)
    taken_customer_keys: frozenset[str] = frozenset()
    """Which of email, mobile, externalRef another customer of the tenant already holds."""


def needs(command: Command) -> Needs:
    """The state a command's decision reads, so the shell can load exactly that."""
    if isinstance(command, PostEntryCommand):  # by far the most frequent: asked first
        return Needs(
            account_ids=tuple(dict.fromkeys([leg.accountId for leg in command.payload.legs]))
        )
    if isinstance(command, UpsertProductCommand):
        return Needs(product_codes=(command.payload.productCode,))
    if isinstance(command, CreateCustomerCommand):
        person = command.payload.person
        return Needs(
            customer_keys=(person.email.lower(), person.mobile, command.payload.externalRef)
        )
    if isinstance(command, OpenAccountCommand):
        opening = command.payload
        accounts = [OPENING_FUNDS_GL, LOAN_FUNDING_GL]
        if opening.disbursementAccountId is not None:
            accounts.append(opening.disbursementAccountId)
        return Needs(
            product_codes=(opening.productCode,),
            customer_ids=(opening.customerId,),
            account_ids=tuple(accounts),
        )
    return Needs()
