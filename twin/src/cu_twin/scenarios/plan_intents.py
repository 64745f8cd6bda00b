"""What a member means to do at a moment of a day, before balances are checked.

The plan first draws intents (pure randomness), then settles them in time order
against its own view of balances; an intent the member cannot afford is skipped.
Intents are NamedTuples: immutable, and cheap enough to make a million of per run.
Every intent has ``at_s`` (seconds after local midnight) and ``amount_cents``.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from cu_twin.generators.accounts import AccountRef
from cu_twin.generators.billers import Biller
from cu_twin.generators.merchants import Merchant
from cu_twin.generators.payees import Payee


class SalaryIntent(NamedTuple):
    at_s: int
    amount_cents: int
    payer: str
    benefit: bool


class SweepIntent(NamedTuple):
    at_s: int
    amount_cents: int


class CardPurchaseIntent(NamedTuple):
    at_s: int
    amount_cents: int
    prefer_credit: bool
    merchant: Merchant
    suburb: str
    channel: str


class BpayIntent(NamedTuple):
    at_s: int
    amount_cents: int
    biller: Biller
    crn: str


class NppIntent(NamedTuple):
    at_s: int
    amount_cents: int
    inbound: bool
    counterparty: Payee
    remittance: str


class AtmIntent(NamedTuple):
    at_s: int
    amount_cents: int
    suburb: str
    state: str
    own_network: bool


class LoanRepaymentIntent(NamedTuple):
    at_s: int
    amount_cents: int
    loan: AccountRef
    loan_name: str
    due: dt.date
    attempt: int


class CardRepaymentIntent(NamedTuple):
    at_s: int
    amount_cents: int
    kind: str
    """FULL, MINIMUM or PARTIAL."""
    statement_cents: int
    due: dt.date


Intent = (
    SalaryIntent
    | SweepIntent
    | CardPurchaseIntent
    | BpayIntent
    | NppIntent
    | AtmIntent
    | LoanRepaymentIntent
    | CardRepaymentIntent
)

# Step-key tokens, listed in settle order for intents at the same second: money in
# (salary) before money out, repayments before discretionary spend.
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
_TOKEN_ORDER = {kind: order for order, kind in enumerate(STEP_TOKENS)}


def step_token(intent: Intent) -> str:
    return STEP_TOKENS[type(intent)]


def settle_order(intent: Intent) -> tuple[int, int]:
    """Time first; at the same second, the token order above."""
    return intent.at_s, _TOKEN_ORDER[type(intent)]
