"""Turning an intent into a posting, if the member's balances allow it.

Legs follow the postings table of 03-twin.md exactly. Each flow's function returns the
one entry the member can make (or None); ``settle`` checks it against the balance book,
books it and stamps it with its key and business time.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from cu_twin.scenarios.plan_book import BalanceBook
from cu_twin.scenarios.plan_clock import hour_of, local_timestamp
from cu_twin.scenarios.plan_context import PlanContext
from cu_twin.scenarios.plan_intents import (
    AtmIntent,
    BpayIntent,
    CardPurchaseIntent,
    CardRepaymentIntent,
    Intent,
    LoanRepaymentIntent,
    NppIntent,
    SalaryIntent,
    SweepIntent,
)
from cu_twin.scenarios.plan_member import MemberPlanState
from cu_twin.scenarios.plan_types import (
    Direction,
    Flow,
    GlAccount,
    LedgerAccount,
    Leg,
    PlannedPosting,
)

DEBIT, CREDIT = Direction.DEBIT, Direction.CREDIT


class Entry(NamedTuple):
    """A posting's content before it gets its key and timestamp: one debit, one credit."""

    flow: Flow
    amount_cents: int
    debit: LedgerAccount
    credit: LedgerAccount
    narrative: str
    metadata: dict[str, str]
    value_date: dt.date | None = None


def intended_flow(intent: Intent) -> Flow:
    """The flow an intent belongs to (used to count it even when it is skipped)."""
    if isinstance(intent, CardPurchaseIntent):
        return Flow.CREDIT_CARD_PURCHASE if intent.prefer_credit else Flow.DEBIT_CARD_PURCHASE
    if isinstance(intent, NppIntent):
        return Flow.NPP_IN if intent.inbound else Flow.NPP_OUT
    return _FLOW_BY_TYPE[type(intent)]


_FLOW_BY_TYPE: dict[type[Intent], Flow] = {
    SalaryIntent: Flow.SALARY,
    SweepIntent: Flow.SAVINGS_SWEEP,
    BpayIntent: Flow.BPAY_BILL,
    AtmIntent: Flow.ATM_WITHDRAWAL,
    LoanRepaymentIntent: Flow.LOAN_REPAYMENT,
    CardRepaymentIntent: Flow.CARD_REPAYMENT,
}


def _salary(intent: SalaryIntent, state: MemberPlanState) -> Entry:
    label = "PAYMENT" if intent.benefit else "SALARY"
    return Entry(
        Flow.SALARY,
        intent.amount_cents,
        GlAccount.SALARY_CLEARING,
        state.transaction.ref,
        f"{label} {intent.payer}",
        {"payer": intent.payer},
    )


def _sweep(intent: SweepIntent, state: MemberPlanState, book: BalanceBook) -> Entry | None:
    txn, savings = state.transaction.ref, state.savings.ref
    # Sweep what is there, up to the savings cap, rather than nothing at all.
    amount = min(intent.amount_cents, book.room(txn, DEBIT), book.room(savings, CREDIT))
    if amount <= 0:
        return None
    return Entry(Flow.SAVINGS_SWEEP, amount, txn, savings, "AUTO SWEEP TO SAVINGS", {})


def _card_purchase(
    intent: CardPurchaseIntent, state: MemberPlanState, book: BalanceBook, ctx: PlanContext
) -> Entry | None:
    txn = state.transaction.ref
    card = state.card.ref if state.card is not None else None
    # The preferred card first; the other one when the first cannot take the purchase.
    for ref in (card, txn) if intent.prefer_credit else (txn, card):
        if ref is not None and book.room(ref, DEBIT) >= intent.amount_cents:
            break
    else:
        return None
    merchant = intent.merchant
    descriptor = ctx.descriptor(merchant, intent.suburb)
    metadata = {
        "mcc": merchant.mcc,
        "merchant": descriptor,
        "merchantCategory": merchant.category,
        "channel": intent.channel,
    }
    if ref is card:
        narrative = f"CREDIT CARD PURCHASE {descriptor}"
        return Entry(
            Flow.CREDIT_CARD_PURCHASE,
            intent.amount_cents,
            ref,
            GlAccount.CARD_CLEARING,
            narrative,
            metadata,
        )
    metadata["cardLast4"] = state.card_last4
    narrative = f"VISA DEBIT PURCHASE CARD {state.card_last4} {descriptor}"
    return Entry(
        Flow.DEBIT_CARD_PURCHASE,
        intent.amount_cents,
        ref,
        GlAccount.CARD_CLEARING,
        narrative,
        metadata,
    )


def _bpay(intent: BpayIntent, state: MemberPlanState, ctx: PlanContext, day: dt.date) -> Entry:
    # BPAY settles on business days; after the cut-off or on a weekend/holiday the
    # payment is booked today but takes value on the next business day.
    same_day = (
        ctx.calendar.is_business_day(day) and hour_of(intent.at_s) < ctx.scenario.bpay.cutoff_hour
    )
    biller = intent.biller
    metadata = {
        "billerCode": biller.biller_code,
        "billerName": biller.name,
        "crn": intent.crn,
        "billCategory": biller.category,
    }
    narrative = f"BPAY {biller.name} BILLER {biller.biller_code} CRN {intent.crn}"
    value_date = day if same_day else ctx.calendar.next_business_day(day)
    return Entry(
        Flow.BPAY_BILL,
        intent.amount_cents,
        state.transaction.ref,
        GlAccount.BPAY_CLEARING,
        narrative,
        metadata,
        value_date,
    )


def _npp(intent: NppIntent, state: MemberPlanState) -> Entry:
    other, txn = intent.counterparty, state.transaction.ref
    metadata = {"counterparty": other.name, "remittance": intent.remittance}
    if intent.inbound:
        payid, payid_type = state.own_payid
        metadata.update(payId=payid, payIdType=payid_type)
        narrative = f"OSKO PAYMENT FROM {other.name} {intent.remittance}"
        return Entry(
            Flow.NPP_IN, intent.amount_cents, GlAccount.NPP_CLEARING, txn, narrative, metadata
        )
    metadata.update(payId=other.payid, payIdType=other.payid_type)
    narrative = f"OSKO PAYMENT TO {other.name} PAYID {other.payid} {intent.remittance}"
    return Entry(
        Flow.NPP_OUT, intent.amount_cents, txn, GlAccount.NPP_CLEARING, narrative, metadata
    )


def _atm(intent: AtmIntent, state: MemberPlanState) -> Entry:
    network = "CU_DIGITAL" if intent.own_network else "OTHER"
    narrative = f"ATM WITHDRAWAL {intent.suburb.upper()} {intent.state}"
    return Entry(
        Flow.ATM_WITHDRAWAL,
        intent.amount_cents,
        state.transaction.ref,
        GlAccount.ATM_CASH,
        narrative,
        {"atmNetwork": network, "suburb": intent.suburb},
    )


def _loan(
    intent: LoanRepaymentIntent, state: MemberPlanState, book: BalanceBook, day: dt.date
) -> Entry | None:
    amount = min(intent.amount_cents, book.balance(intent.loan))
    if amount <= 0:
        return None
    metadata = {
        "dueDate": intent.due.isoformat(),
        "daysLate": str((day - intent.due).days),
        "attempt": str(intent.attempt),
    }
    narrative = f"LOAN REPAYMENT {intent.loan_name.upper()} DUE {intent.due.isoformat()}"
    return Entry(
        Flow.LOAN_REPAYMENT, amount, state.transaction.ref, intent.loan, narrative, metadata
    )


def _card_repayment(
    intent: CardRepaymentIntent, state: MemberPlanState, book: BalanceBook
) -> Entry | None:
    if state.card is None:
        return None
    card, txn = state.card.ref, state.transaction.ref
    # Pay what was decided, but never more than is owed or than the member has.
    amount = min(intent.amount_cents, book.balance(card), book.room(txn, DEBIT))
    if amount <= 0:
        return None
    metadata = {
        "paymentType": intent.kind,
        "statementBalanceCents": str(intent.statement_cents),
        "dueDate": intent.due.isoformat(),
    }
    return Entry(
        Flow.CARD_REPAYMENT, amount, txn, card, f"CREDIT CARD REPAYMENT {intent.kind}", metadata
    )


def entry_for(
    intent: Intent, state: MemberPlanState, book: BalanceBook, ctx: PlanContext, day: dt.date
) -> Entry | None:
    """The entry an intent becomes, or None when the member cannot make it."""
    if isinstance(intent, CardPurchaseIntent):
        return _card_purchase(intent, state, book, ctx)
    if isinstance(intent, SalaryIntent):
        return _salary(intent, state)
    if isinstance(intent, SweepIntent):
        return _sweep(intent, state, book)
    if isinstance(intent, BpayIntent):
        return _bpay(intent, state, ctx, day)
    if isinstance(intent, NppIntent):
        return _npp(intent, state)
    if isinstance(intent, AtmIntent):
        return _atm(intent, state)
    if isinstance(intent, LoanRepaymentIntent):
        return _loan(intent, state, book, day)
    return _card_repayment(intent, state, book)


def settle(
    intent: Intent,
    state: MemberPlanState,
    book: BalanceBook,
    ctx: PlanContext,
    day: dt.date,
    step_key: str,
) -> PlannedPosting | None:
    """The posting for ``intent`` (balances updated), or None when none fits."""
    entry = entry_for(intent, state, book, ctx, day)
    if entry is None:
        return None
    if not book.try_transfer(entry.debit, entry.credit, entry.amount_cents):
        return None
    legs = (
        Leg(entry.debit, DEBIT, entry.amount_cents),
        Leg(entry.credit, CREDIT, entry.amount_cents),
    )
    entry.metadata["memberRef"] = state.member.external_ref
    return PlannedPosting(
        step_key=step_key,
        flow=entry.flow,
        member_index=state.member.index,
        timestamp=local_timestamp(day, intent.at_s, ctx.zone),
        booking_date=day,
        value_date=entry.value_date or day,
        narrative=entry.narrative,
        tags=ctx.tags_by_flow[entry.flow],
        metadata=entry.metadata,
        legs=legs,
    )
