"""Properties of the posting rules: the books always balance, bounds always hold, and
``decide`` is a deterministic function of (snapshot, command)."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.unit.core.builders import (
    COMMANDS,
    CONTRACT_GL_CHART,
    CUSTOMER_ID,
    card_account,
    customer_state,
    decide_on,
    envelope,
    gl_account,
    loan_account,
    member_account,
    post_entry_payload,
    product_state,
    snapshot,
    tenant_state,
)
from turingcore.domain.decide import decide
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.money import format_cents, parse_cents
from turingcore.domain.state import AccountState, Decision
from turingcore.domain.types import Direction, EventType

BOUND_RULES = {Rule.BALANCE_BELOW_FLOOR, Rule.BALANCE_ABOVE_MAXIMUM, Rule.CREDIT_LIMIT_EXCEEDED}
AMOUNT_MAX = 60_000


# --- a random book of accounts that starts balanced -----------------------------------------


@st.composite
def deposit_accounts(draw: st.DrawFn, index: int) -> AccountState:
    floor = draw(
        st.sampled_from([0, -10_000, -50_000, 2_000, 10_000]), label=f"floor of dep-{index}"
    )
    ceiling = draw(st.none() | st.integers(min_value=max(floor, 0) + 1, max_value=200_000))
    top = ceiling if ceiling is not None else 150_000
    balance = draw(st.integers(min_value=max(floor, 0), max_value=top))
    return member_account(
        f"dep-{index}", balance_cents=balance, floor_cents=floor, ceiling_cents=ceiling
    )


@st.composite
def credit_accounts(draw: st.DrawFn, index: int) -> AccountState:
    limit = draw(st.none() | st.integers(min_value=1, max_value=200_000))
    balance = draw(st.integers(min_value=0, max_value=limit if limit is not None else 150_000))
    build = draw(st.sampled_from([loan_account, card_account]))
    account: AccountState = build(f"owed-{index}", limit_cents=limit, balance_cents=balance)
    return account


def signed(account: AccountState) -> int:
    """The balance as a debit-positive number, so a balanced book sums to zero."""
    sign = 1 if account.normal_balance == Direction.DEBIT else -1
    return sign * account.balance_cents


@st.composite
def balanced_books(draw: st.DrawFn) -> dict[str, AccountState]:
    deposits = [draw(deposit_accounts(i)) for i in range(draw(st.integers(1, 4)))]
    owed = [draw(credit_accounts(i)) for i in range(draw(st.integers(1, 3)))]
    book = {a.account_id: a for a in [*deposits, *owed]}
    for code in CONTRACT_GL_CHART:
        book[code] = gl_account(code, draw(st.integers(min_value=-100_000, max_value=100_000)))
    # GL_OPENING_FUNDS takes up the difference so that the book starts balanced.
    imbalance = sum(signed(a) for code, a in book.items() if code != "GL_OPENING_FUNDS")
    funds = book["GL_OPENING_FUNDS"]
    book["GL_OPENING_FUNDS"] = replace(funds, balance_cents=-imbalance)
    return book


@st.composite
def balanced_legs(draw: st.DrawFn, account_ids: list[str]) -> list[dict[str, Any]]:
    """1-3 debit legs and 1-3 credit legs with the same total, in a random order."""
    accounts = st.sampled_from(account_ids)
    debits = draw(st.lists(st.tuples(accounts, st.integers(1, AMOUNT_MAX)), min_size=1, max_size=3))
    total = sum(amount for _, amount in debits)
    parts = draw(st.integers(min_value=1, max_value=min(3, total)))
    cuts = (
        sorted(draw(st.sets(st.integers(1, total - 1), min_size=parts - 1, max_size=parts - 1)))
        if parts > 1
        else []
    )
    bounds = [0, *cuts, total]
    credits = [(draw(accounts), high - low) for low, high in itertools.pairwise(bounds)]
    legs = [{"accountId": a, "direction": "DEBIT", "amount": format_cents(c)} for a, c in debits]
    legs += [{"accountId": a, "direction": "CREDIT", "amount": format_cents(c)} for a, c in credits]
    return draw(st.permutations(legs))


Posting = tuple[list[dict[str, Any]], bool]
"""The legs of one PostEntry, and whether one cent was added to its first leg."""


def skewed(legs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    first = {**legs[0], "amount": format_cents(parse_cents(legs[0]["amount"]) + 1)}
    return [first, *legs[1:]]


@st.composite
def books_and_postings(draw: st.DrawFn) -> tuple[dict[str, AccountState], list[Posting]]:
    book = draw(balanced_books())
    ids = sorted(book)
    one_in_ten_skewed = st.integers(0, 9).map(lambda n: n == 0)
    postings = draw(
        st.lists(st.tuples(balanced_legs(ids), one_in_ten_skewed), min_size=1, max_size=20)
    )
    return book, [(skewed(legs) if skew else legs, skew) for legs, skew in postings]


# --- the oracle: what the contract says should happen ------------------------------------------


@dataclass(frozen=True)
class Expected:
    balances: dict[str, int]
    breaks_a_bound: bool


def expected_outcome(book: Mapping[str, AccountState], legs: list[dict[str, Any]]) -> Expected:
    deltas: dict[str, int] = {}
    for each in legs:
        account = book[each["accountId"]]
        amount = parse_cents(each["amount"])
        deltas[account.account_id] = deltas.get(account.account_id, 0) + (
            amount if each["direction"] == account.normal_balance else -amount
        )
    balances, breaks = {}, False
    for account_id, delta in deltas.items():
        account = book[account_id]
        after = account.balance_cents + delta
        balances[account_id] = after
        below = account.floor_cents is not None and delta < 0 and after < account.floor_cents
        above = account.ceiling_cents is not None and delta > 0 and after > account.ceiling_cents
        breaks = breaks or below or above
    return Expected(balances, breaks)


def post(
    book: Mapping[str, AccountState], legs: list[dict[str, Any]], n: int
) -> Decision | Rejection:
    data = envelope("PostEntry", post_entry_payload(legs), cid=str(uuid.UUID(int=n + 1)))
    return decide(snapshot(accounts=book.values(), with_gl=False), COMMANDS.validate_python(data))


def assert_within_bounds(book: Mapping[str, AccountState]) -> None:
    for account in book.values():
        if account.floor_cents is not None:
            assert account.balance_cents >= account.floor_cents, account
        if account.ceiling_cents is not None:
            assert account.balance_cents <= account.ceiling_cents, account


@settings(max_examples=150, deadline=None)
@given(books_and_postings())
def test_accepted_postings_keep_the_trial_balance_at_zero_and_every_bound(
    case: tuple[dict[str, AccountState], list[Posting]],
) -> None:
    book, postings = case
    assert sum(signed(a) for a in book.values()) == 0
    debit_turnover = credit_turnover = 0

    for n, (legs, skew) in enumerate(postings):
        outcome = post(book, legs, n)
        if skew:
            assert isinstance(outcome, Rejection)
            assert outcome.rule == Rule.ENTRY_UNBALANCED
            continue
        expected = expected_outcome(book, legs)
        if isinstance(outcome, Rejection):
            event(f"rejected {outcome.rule}")
            assert outcome.rule in BOUND_RULES
            assert expected.breaks_a_bound, f"{outcome} for a posting within every bound"
            continue
        event("accepted")
        assert not expected.breaks_a_bound, "a posting breaking a bound was accepted"
        (entry,) = outcome.events
        assert entry.event_type == EventType.ENTRY_POSTED
        after = {
            row["accountId"]: parse_cents(row["balanceAfter"]) for row in entry.payload["balances"]
        }
        assert after == expected.balances
        for account_id, balance in after.items():
            book[account_id] = replace(book[account_id], balance_cents=balance)
        for each in entry.payload["legs"]:
            amount = parse_cents(each["amount"])
            if each["direction"] == Direction.DEBIT:
                debit_turnover += amount
            else:
                credit_turnover += amount

        assert debit_turnover == credit_turnover
        assert sum(signed(a) for a in book.values()) == 0
        assert_within_bounds(book)


# --- determinism ------------------------------------------------------------------------------

PRODUCTS = [
    product_state("SAVER", "DEPOSIT"),
    product_state("HOME", "LOAN"),
    product_state("CARD", "CREDIT_CARD"),
]
DETERMINISM_SNAPSHOT = snapshot(
    customers=[customer_state()],
    products=PRODUCTS,
    accounts=[member_account("dep-0", balance_cents=100_000)],
)
CUSTOMER = {
    "externalRef": "MEM-1",
    "person": {
        "firstName": "Ada",
        "lastName": "Lovelace",
        "dateOfBirth": "1990-06-15",
        "email": "ada@example.com.au",
        "mobile": "+61412345678",
    },
    "address": {
        "line1": "1 George St",
        "suburb": "Sydney",
        "state": "NSW",
        "postcode": "2000",
        "country": "AU",
    },
}
EXAMPLES: list[tuple[str, dict[str, Any]]] = [
    ("CreateCustomer", CUSTOMER),
    ("UpsertProduct", {"productCode": "NEW", "name": "New", "productType": "DEPOSIT"}),
    (
        "OpenAccount",
        {
            "customerId": CUSTOMER_ID,
            "productCode": "SAVER",
            "currency": "AUD",
            "initialDeposit": "5",
        },
    ),
    (
        "OpenAccount",
        {
            "customerId": CUSTOMER_ID,
            "productCode": "HOME",
            "currency": "AUD",
            "principal": "900",
            "termMonths": 24,
        },
    ),
    (
        "OpenAccount",
        {"customerId": CUSTOMER_ID, "productCode": "CARD", "currency": "AUD", "creditLimit": "900"},
    ),
    (
        "PostEntry",
        post_entry_payload(
            [
                {"accountId": "dep-0", "direction": "DEBIT", "amount": "12.34"},
                {"accountId": "GL_ATM_CASH", "direction": "CREDIT", "amount": "12.34"},
            ]
        ),
    ),
]
DERIVED_ID_KEYS = ("customerId", "accountId", "entryId")


def created_ids(decision: Decision) -> set[str]:
    ids = {value for key, value in decision.result.items() if key in DERIVED_ID_KEYS}
    ids |= {e.stream_id for e in decision.events if e.event_type != EventType.PRODUCT_CREATED}
    return ids


@settings(max_examples=100, deadline=None)
@given(
    example=st.sampled_from(EXAMPLES),
    first_id=st.uuids(),
    second_id=st.uuids(),
)
def test_decide_is_deterministic_and_ids_derive_from_tenant_and_command_id(
    example: tuple[str, dict[str, Any]], first_id: uuid.UUID, second_id: uuid.UUID
) -> None:
    command_type, payload = example
    data = envelope(command_type, payload, cid=str(first_id))

    once = decide_on(DETERMINISM_SNAPSHOT, COMMANDS.validate_python(data))
    twice = decide_on(DETERMINISM_SNAPSHOT, COMMANDS.validate_python(data))
    assert isinstance(once, Decision)
    assert once == twice

    other_data = envelope(command_type, payload, cid=str(second_id))
    other = decide_on(DETERMINISM_SNAPSHOT, COMMANDS.validate_python(other_data))
    assert isinstance(other, Decision)
    if first_id == second_id:
        assert other == once
    else:
        assert created_ids(once).isdisjoint(created_ids(other))

    other_tenant = replace(DETERMINISM_SNAPSHOT, tenant=tenant_state(tenant_id="CU_ELSEWHERE"))
    elsewhere = decide_on(
        other_tenant,
        COMMANDS.validate_python(
            envelope(command_type, payload, cid=str(first_id), tenant_id="CU_ELSEWHERE")
        ),
    )
    assert isinstance(elsewhere, Decision)
    assert created_ids(once).isdisjoint(created_ids(elsewhere))


@settings(max_examples=50, deadline=None)
@given(
    example=st.sampled_from(EXAMPLES),
    stamp=st.sampled_from(["2026-03-02T01:00:00Z", "2026-04-09T09:30:00+10:00"]),
)
def test_created_ids_depend_only_on_tenant_and_command_id_not_on_content(
    example: tuple[str, dict[str, Any]], stamp: str
) -> None:
    command_type, payload = example
    base = decide_on(
        DETERMINISM_SNAPSHOT, COMMANDS.validate_python(envelope(command_type, payload))
    )
    later = decide_on(
        DETERMINISM_SNAPSHOT,
        COMMANDS.validate_python(envelope(command_type, payload, timestamp=stamp)),
    )

    assert isinstance(base, Decision)
    assert isinstance(later, Decision)
    assert base.result == later.result
