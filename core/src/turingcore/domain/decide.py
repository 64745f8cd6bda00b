"""The single entry point of the functional core: ``decide(snapshot, command)``.

Pure: no I/O, no clock, no randomness. Time and ids come in with the command.
"""

from __future__ import annotations

from turingcore.domain.account import decide_open_account
from turingcore.domain.commands import (
    CreateCustomerCommand,
    CreateTenantCommand,
    OpenAccountCommand,
    PostEntryCommand,
    UpsertProductCommand,
)
from turingcore.domain.customer import decide_create_customer
from turingcore.domain.entry import decide_post_entry
from turingcore.domain.errors import Rejection
from turingcore.domain.product import decide_upsert_product
from turingcore.domain.snapshot import Command, Snapshot
from turingcore.domain.state import Decision
from turingcore.domain.tenant import decide_create_tenant


def decide(snapshot: Snapshot, command: Command) -> Decision | Rejection:
    """Decide a command against the loaded state: the events to append, or the rule broken.

    For every command but CreateTenant the shell guarantees ``snapshot.tenant`` is set
    (an unknown tenant is answered 404 before a decision is asked for).
    """
    if isinstance(command, PostEntryCommand):  # by far the most frequent: asked first
        assert snapshot.tenant is not None, "the shell loads the tenant before deciding"
        return decide_post_entry(snapshot.tenant, snapshot.accounts, command)
    if isinstance(command, CreateTenantCommand):
        return decide_create_tenant(snapshot.tenant, command)
    tenant = snapshot.tenant
    assert tenant is not None, "the shell loads the tenant before deciding"
    if isinstance(command, UpsertProductCommand):
        return decide_upsert_product(snapshot.products.get(command.payload.productCode), command)
    if isinstance(command, CreateCustomerCommand):
        return decide_create_customer(tenant, snapshot.taken_customer_keys, command)
    if isinstance(command, OpenAccountCommand):
        return decide_open_account(
            tenant,
            snapshot.customers.get(command.payload.customerId),
            snapshot.products.get(command.payload.productCode),
            snapshot.accounts,
            command,
        )
    raise AssertionError(f"no decision for {type(command).__name__}")
