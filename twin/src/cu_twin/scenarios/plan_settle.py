"""Turning an intent into a posting, if the member's balances allow it.

Legs follow the postings table of 03-twin.md exactly. The balance book is consulted
before a posting is made and updated after; an unaffordable intent yields None.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cu_twin.generators.accounts import AccountRef
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
from cu_twin.scenarios.plan_types import Direction, Flow, GlAccount, Leg, PlannedPosting

DEBIT, CREDIT = Direction.DEBIT, Direction.CREDIT


@dataclass(frozen=True, slots=True)
class Draft:
    """A posting's content before it gets its key and timestamp."""

    flow: Flow
    amount_cents: int
    debit: AccountRef | GlAccount
    credit: AccountRef | GlAccount
    narrative: str
    metadata: dict[str, str]
    value_date: dt.date | None = None

    def legs(self) -> tuple[Leg, Leg]:
        return (Leg(self.debit, DEBIT, self.amount_cents), Leg(self.credit, CREDIT, self.amount_cents))


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


def _salary(intent: SalaryIntent, state: MemberPlanState) -> list[Draft]:
    label = "PAYMENT" if intent.benefit else "SALARY"
    return [
        Draft(Flow.SALARY, intent.amount_cents, GlAccount.SALARY_CLEARING, state.transaction.ref,
              f"{label} {intent.payer}", {"payer": intent.payer})
    ]  # fmt: skip


def _sweep(intent: SweepIntent, state: MemberPlanState, book: BalanceBook) -> list[Draft]:
    txn, savings = state.transaction.ref, state.savings.ref
    # Sweep what is there, up to the savings cap, rather than nothing at all.
    amount = min(intent.amount_cents, book.room(txn, DEBIT), book.room(savings, CREDIT))
    if amount <= 0:
        return []
    return [Draft(Flow.SAVINGS_SWEEP, amount, txn, savings, "AUTO SWEEP TO BONUS SAVER", {})]


def _card_purchase(intent: CardPurchaseIntent, state: MemberPlanState) -> list[Draft]:
    descriptor = intent.merchant.descriptor(intent.suburb)
    metadata = {"mcc": intent.merchant.mcc, "merchant": descriptor,
                "merchantCategory": intent.merchant.category, "channel": intent.channel.value}  # fmt: skip
    debit_card = Draft(
        Flow.DEBIT_CARD_PURCHASE, intent.amount_cents, state.transaction.ref, GlAccount.CARD_CLEARING,
        f"VISA DEBIT PURCHASE CARD {state.card_last4} {descriptor}", {**metadata, "cardLast4": state.card_last4},
    )  # fmt: skip
    if state.card is None:
        return [debit_card]
    credit_card = Draft(
        Flow.CREDIT_CARD_PURCHASE, intent.amount_cents, state.card.ref, GlAccount.CARD_CLEARING,
        f"CREDIT CARD PURCHASE {descriptor}", metadata,
    )  # fmt: skip
    # Preferred card first; the other one if the first cannot take it.
    return [credit_card, debit_card] if intent.prefer_credit else [debit_card, credit_card]


def _bpay(intent: BpayIntent, state: MemberPlanState, ctx: PlanContext, day: dt.date) -> list[Draft]:
    cutoff = ctx.scenario.bpay.cutoff_hour
    on_time = ctx.calendar.is_business_day(day) and hour_of(intent.at_s) < cutoff
    value_date = day if on_time else ctx.calendar.next_business_day(day)
    biller = intent.biller
    return [
        Draft(Flow.BPAY_BILL, intent.amount_cents, state.transaction.ref, GlAccount.BPAY_CLEARING,
              f"BPAY {biller.name} BILLER {biller.biller_code} CRN {intent.crn}",
              {"billerCode": biller.biller_code, "billerName": biller.name, "crn": intent.crn,
               "billCategory": biller.category}, value_date)
    ]  # fmt: skip


def _npp(intent: NppIntent, state: MemberPlanState) -> list[Draft]:
    other = intent.counterparty
    txn = state.transaction.ref
    if intent.inbound:
        member = state.member
        return [
            Draft(Flow.NPP_IN, intent.amount_cents, GlAccount.NPP_CLEARING, txn,
                  f"OSKO PAYMENT FROM {other.name} {intent.remittance}",
                  {"payId": member.email, "payIdType": "EMAIL", "counterparty": other.name,
                   "remittance": intent.remittance})
        ]  # fmt: skip
    return [
        Draft(Flow.NPP_OUT, intent.amount_cents, txn, GlAccount.NPP_CLEARING,
              f"OSKO PAYMENT TO {other.name} PAYID {other.payid} {intent.remittance}",
              {"payId": other.payid, "payIdType": other.payid_type, "counterparty": other.name,
               "remittance": intent.remittance})
    ]  # fmt: skip


def _atm(intent: AtmIntent, state: MemberPlanState) -> list[Draft]:
    network = "CU_DIGITAL" if intent.own_network else "OTHER"
    return [
        Draft(Flow.ATM_WITHDRAWAL, intent.amount_cents, state.transaction.ref, GlAccount.ATM_CASH,
              f"ATM WITHDRAWAL {intent.suburb.upper()} {intent.state}",
              {"atmNetwork": network, "suburb": intent.suburb})
    ]  # fmt: skip


def _loan(intent: LoanRepaymentIntent, state: MemberPlanState, book: BalanceBook, day: dt.date) -> list[Draft]:
    amount = min(intent.amount_cents, book.balance(intent.loan))
    if amount <= 0:
        return []
    late_days = (day - intent.due).days
    return [
        Draft(Flow.LOAN_REPAYMENT, amount, state.transaction.ref, intent.loan,
              f"LOAN REPAYMENT {intent.loan_name.upper()} DUE {intent.due.isoformat()}",
              {"dueDate": intent.due.isoformat(), "daysLate": str(late_days), "attempt": str(intent.attempt)})
    ]  # fmt: skip


def _card_repayment(intent: CardRepaymentIntent, state: MemberPlanState, book: BalanceBook) -> list[Draft]:
    if state.card is None:
        return []
    card, txn = state.card.ref, state.transaction.ref
    amount = min(intent.amount_cents, book.balance(card), book.room(txn, DEBIT))
    if amount <= 0:
        return []
    return [
        Draft(Flow.CARD_REPAYMENT, amount, txn, card, f"CREDIT CARD REPAYMENT {intent.kind}",
              {"paymentType": intent.kind, "statementBalance": str(intent.statement_cents),
               "dueDate": intent.due.isoformat()})
    ]  # fmt: skip


def drafts_for(
    intent: Intent, state: MemberPlanState, book: BalanceBook, ctx: PlanContext, day: dt.date
) -> list[Draft]:
    """Candidate postings for an intent, best first (empty when nothing can be done)."""
    if isinstance(intent, SalaryIntent):
        return _salary(intent, state)
    if isinstance(intent, SweepIntent):
        return _sweep(intent, state, book)
    if isinstance(intent, CardPurchaseIntent):
        return _card_purchase(intent, state)
    if isinstance(intent, BpayIntent):
        return _bpay(intent, state, ctx, day)
    if isinstance(intent, NppIntent):
        return _npp(intent, state)
    if isinstance(intent, AtmIntent):
        return _atm(intent, state)
    if isinstance(intent, LoanRepaymentIntent):
        return _loan(intent, state, book, day)
    if isinstance(intent, CardRepaymentIntent):
        return _card_repayment(intent, state, book)
    raise TypeError(f"unknown intent {type(intent).__name__}")


def settle(
    intent: Intent,
    state: MemberPlanState,
    book: BalanceBook,
    ctx: PlanContext,
    day: dt.date,
    step_key: str,
) -> PlannedPosting | None:
    """The posting for ``intent`` (balances updated), or None when none fits."""
    for draft in drafts_for(intent, state, book, ctx, day):
        legs = draft.legs()
        if book.fits(legs):
            book.apply(legs)
            return PlannedPosting(
                step_key=step_key,
                flow=draft.flow,
                member_index=state.member.index,
                timestamp=local_timestamp(day, intent.at_s, ctx.zone),
                booking_date=day,
                value_date=draft.value_date or day,
                narrative=draft.narrative,
                tags={"scenario": ctx.scenario.scenario_code, "flow": draft.flow.value},
                metadata={**draft.metadata, "memberRef": state.member.external_ref},
                legs=legs,
            )
    return None
