"""What a member means to do at a moment of a day, before balances are checked.

The plan first draws intents (pure randomness), then settles them in time order
against its own view of balances; an intent the member cannot afford is skipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cu_twin.generators.accounts import AccountRef
from cu_twin.generators.billers import Biller
from cu_twin.generators.merchants import Channel, Merchant
from cu_twin.generators.payees import Payee


@dataclass(frozen=True, slots=True)
class Intent:
    at_s: int
    """Seconds after local midnight."""
    amount_cents: int


@dataclass(frozen=True, slots=True)
class SalaryIntent(Intent):
    payer: str
    benefit: bool


@dataclass(frozen=True, slots=True)
class SweepIntent(Intent):
    pass


@dataclass(frozen=True, slots=True)
class CardPurchaseIntent(Intent):
    prefer_credit: bool
    merchant: Merchant
    suburb: str
    channel: Channel


@dataclass(frozen=True, slots=True)
class BpayIntent(Intent):
    biller: Biller
    crn: str


@dataclass(frozen=True, slots=True)
class NppIntent(Intent):
    inbound: bool
    counterparty: Payee
    remittance: str


@dataclass(frozen=True, slots=True)
class AtmIntent(Intent):
    suburb: str
    state: str
    own_network: bool


@dataclass(frozen=True, slots=True)
class LoanRepaymentIntent(Intent):
    loan: AccountRef
    loan_name: str
    due: dt.date
    attempt: int


@dataclass(frozen=True, slots=True)
class CardRepaymentIntent(Intent):
    kind: str
    """FULL, MINIMUM or PARTIAL."""
    statement_cents: int
    due: dt.date


STEP_TOKENS: dict[type[Intent], str] = {
    SalaryIntent: "salary",
    SweepIntent: "sweep",
    LoanRepaymentIntent: "loan",
    CardRepaymentIntent: "cardpay",
    CardPurchaseIntent: "card",
    BpayIntent: "bpay",
    NppIntent: "npp",
    AtmIntent: "atm",
}
_TOKEN_ORDER = {token: order for order, token in enumerate(STEP_TOKENS.values())}


def step_token(intent: Intent) -> str:
    return STEP_TOKENS[type(intent)]


def settle_order(intent: Intent) -> tuple[int, int]:
    """Time first; at the same second, money in before money out."""
    return intent.at_s, _TOKEN_ORDER[STEP_TOKENS[type(intent)]]
