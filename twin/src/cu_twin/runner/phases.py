"""The phases of a run: bootstrap -> seed -> simulate, each resumable by re-running it.

Re-running sends the same commands with the same commandIds, so what was already done is
answered ALREADY_PROCESSED (with its original ids) and nothing changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from cu_twin.config.scenario import ScenarioConfig
from cu_twin.config.tenant import TenantConfig
from cu_twin.generators.accounts import AccountRef, PlannedAccount
from cu_twin.generators.members import Member
from cu_twin.runner.read_ahead import read_ahead
from cu_twin.runner.session import Session, result_ids
from cu_twin.scenarios.plan_types import DayPlan, PlannedPosting
from turingcore_client import CommandType, NotFound


class PhaseError(RuntimeError):
    """A phase cannot go on (e.g. a member's customer was refused, so it has no accounts)."""


def start_of(day: dt.date, time_zone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=ZoneInfo(time_zone))


def _content_key(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


def bootstrap(session: Session, tenant: TenantConfig, at: dt.datetime) -> None:
    """The tenant (if it does not exist yet) and the full product catalogue."""
    try:
        session.client.get_tenant(session.tenant_id)
    except NotFound:
        payload = tenant.tenant.to_payload()
        session.send_all(
            [session.command(CommandType.CREATE_TENANT, payload, ("tenant",), at, scoped=False)]
        )
    products = []
    for product in tenant.products:
        payload = product.to_payload()
        # A changed catalogue entry is a new command (ProductUpdated), not a 409.
        step = ("product", product.product_code, _content_key(payload))
        products.append(
            session.command(CommandType.UPSERT_PRODUCT, payload, step, at, scoped=False)
        )
    session.send_all(products)


@dataclass(frozen=True)
class SeededBook:
    customer_ids: list[str]
    account_ids: dict[AccountRef, str]

    def account_id(self, ref: AccountRef) -> str:
        return self.account_ids[ref]


def seed(
    session: Session,
    members: Sequence[Member],
    accounts: Sequence[PlannedAccount],
    seed_postings: Sequence[PlannedPosting],
    at: dt.datetime,
    currency: str,
) -> SeededBook:
    """Customers, then their accounts, then balances migrated in at seed."""
    customer_cmds = [
        session.command(
            CommandType.CREATE_CUSTOMER, m.create_customer_payload(), ("customer", m.number), at
        )
        for m in members
    ]
    customer_ids = result_ids(session.send_all(customer_cmds), "customerId")
    missing = [m.external_ref for m, cid in zip(members, customer_ids, strict=True) if cid is None]
    if missing:
        raise PhaseError(
            f"{len(missing)} customers were refused (first: {missing[0]}); see the rejections"
        )
    ids = [c for c in customer_ids if c is not None]
    account_cmds = [
        session.command(
            CommandType.OPEN_ACCOUNT,
            account.open_account_payload(ids[account.member_index], currency),
            ("account", str(account.ref)),
            at,
        )
        for account in accounts
    ]
    account_ids = result_ids(session.send_all(account_cmds), "accountId")
    book = SeededBook(
        ids, {a.ref: i for a, i in zip(accounts, account_ids, strict=True) if i is not None}
    )
    post_planned(session, seed_postings, book, currency)
    return book


def posting_command(
    session: Session, posting: PlannedPosting, book: SeededBook, currency: str
) -> dict[str, Any] | None:
    """The PostEntry of a planned posting, or None if one of its accounts was never opened."""
    if any(
        isinstance(leg.account, AccountRef) and leg.account not in book.account_ids
        for leg in posting.legs
    ):
        return None
    payload = posting.to_post_entry_payload(book.account_id, currency)
    return session.command(
        CommandType.POST_ENTRY,
        payload,
        ("posting", posting.step_key),
        posting.timestamp,
        idempotency_key=posting.idempotency_key("-".join(str(p) for p in session.id_scope)),
    )


def planned_commands(
    session: Session, postings: Iterable[PlannedPosting], book: SeededBook, currency: str
) -> list[dict[str, Any]]:
    """The PostEntry commands of planned postings whose accounts all exist."""
    return [c for p in postings if (c := posting_command(session, p, book, currency)) is not None]


def post_planned(
    session: Session, postings: Iterable[PlannedPosting], book: SeededBook, currency: str
) -> int:
    commands = planned_commands(session, postings, book, currency)
    session.send_all(commands)
    return len(commands)


READ_AHEAD_DAYS = 2
"""Days planned ahead of the one being sent (a day of 500 members is ~1,400 commands)."""


def simulate(
    session: Session,
    days: Iterable[DayPlan],
    book: SeededBook,
    currency: str,
    on_day: Callable[[DayPlan], None] | None = None,
) -> None:
    """Send each day's postings in business-time order, one day after the other.

    The following days are planned and their commands built on a background thread
    while the core decides the current day's (``read_ahead``): the same commands in the
    same order, with the twin's work overlapping the core's.
    """
    prepared = ((day, planned_commands(session, day.postings, book, currency)) for day in days)
    for day, commands in read_ahead(prepared, depth=READ_AHEAD_DAYS):
        session.send_all(commands)
        if on_day is not None:
            on_day(day)


def scenario_start(scenario: ScenarioConfig) -> dt.datetime:
    return start_of(scenario.start_date, scenario.time_zone)
