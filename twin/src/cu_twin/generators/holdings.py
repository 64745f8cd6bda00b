"""generate_accounts: every member's accounts at seed, per the scenario's holdings.

Deposit accounts are decided here; loans and cards in ``lending``. Each product family
draws from its own stream, so changing one share does not reshuffle the others.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from cu_twin.config.products import ProductSpec
from cu_twin.config.scenario import ScenarioConfig
from cu_twin.config.tenant import TenantConfig
from cu_twin.generators.accounts import (
    AccountKind,
    AccountRef,
    PlannedAccount,
    draw_from_mix,
    kind_of,
)
from cu_twin.generators.lending import plan_cards, plan_home_loans, plan_personal_loans
from cu_twin.generators.members import Member
from cu_twin.generators.rng import derive_rng, pick_exactly

TERM_DEPOSIT_ROUNDING_CENTS = 10_000  # term deposits are placed in whole hundreds


def generate_accounts(
    members: Sequence[Member], scenario: ScenarioConfig, tenant: TenantConfig
) -> tuple[PlannedAccount, ...]:
    """All accounts to open at seed, ordered by member then product family."""
    seed = scenario.seed
    accounts = [
        *_transaction_accounts(members, scenario, tenant, seed),
        *_savings_accounts(members, scenario, tenant, seed),
        *_term_deposits(members, scenario, tenant, seed),
    ]
    home_loans = plan_home_loans(members, scenario, tenant, derive_rng(seed, "holding", "home"))
    accounts += home_loans
    accounts += plan_personal_loans(
        members, scenario, tenant, derive_rng(seed, "holding", "personal"), home_loans
    )
    accounts += plan_cards(members, scenario, tenant, derive_rng(seed, "holding", "card"))
    family_order = list(AccountKind)
    return tuple(sorted(accounts, key=lambda a: (a.member_index, family_order.index(a.kind))))


def deposit_account(
    member: Member, product: ProductSpec, deposit_cents: int, *, term_months: int | None = None
) -> PlannedAccount:
    limits = product.limits
    if limits.max_balance is not None:
        deposit_cents = min(deposit_cents, limits.max_balance)
    if deposit_cents < (limits.min_opening_balance or 0):
        raise ValueError(f"{product.product_code}: opening deposit below the product minimum")
    return PlannedAccount(
        ref=AccountRef(member.index, product.product_code),
        kind=kind_of(product),
        product_type=product.product_type,
        alias=product.name,
        initial_deposit_cents=deposit_cents,
        term_months=term_months,
        max_balance_cents=limits.max_balance,
    )


def _transaction_accounts(
    members: Sequence[Member], scenario: ScenarioConfig, tenant: TenantConfig, seed: int
) -> list[PlannedAccount]:
    holdings = scenario.holdings
    basic = tenant.product(holdings.transaction_product)
    premium = tenant.product(holdings.premium_transaction_product)
    ranges = scenario.opening_balances.transaction
    premium_floor = premium.limits.min_opening_balance or 0
    # Premium needs a bigger opening deposit; only members whose band can afford it.
    candidates = [m for m in members if ranges.for_band(m.income_band).max_cents >= premium_floor]
    wanted = round(holdings.premium_transaction_fraction * len(members))
    chosen = {
        m.index for m in pick_exactly(derive_rng(seed, "holding", "premium"), candidates, wanted)
    }
    accounts = []
    for member in members:
        rng = derive_rng(seed, "opening", "transaction", member.index)
        band = ranges.for_band(member.income_band)
        product, floor = (premium, premium_floor) if member.index in chosen else (basic, 0)
        deposit = rng.randint(max(band.min_cents, floor), max(band.max_cents, floor))
        accounts.append(deposit_account(member, product, deposit))
    return accounts


def _savings_accounts(
    members: Sequence[Member], scenario: ScenarioConfig, tenant: TenantConfig, seed: int
) -> list[PlannedAccount]:
    holdings = scenario.holdings
    standard = tenant.product(holdings.savings_product)
    youth = tenant.product(holdings.youth_saver_product)
    eligibility = youth.eligibility
    min_age = eligibility.min_age if eligibility and eligibility.min_age is not None else 0
    max_age = eligibility.max_age if eligibility and eligibility.max_age is not None else 200
    band_members = [m for m in members if m.age_band == holdings.youth_saver_age_band]
    # The share is of the whole age band, drawn among those the product accepts by age.
    candidates = [m for m in band_members if min_age <= m.age <= max_age]
    wanted = round(holdings.youth_saver_fraction_of_band * len(band_members))
    chosen = {
        m.index for m in pick_exactly(derive_rng(seed, "holding", "youth"), candidates, wanted)
    }
    ranges = scenario.opening_balances.savings
    accounts = []
    for member in members:
        rng = derive_rng(seed, "opening", "savings", member.index)
        band = ranges.for_band(member.income_band)
        product = youth if member.index in chosen else standard
        accounts.append(
            deposit_account(member, product, rng.randint(band.min_cents, band.max_cents))
        )
    return accounts


def _term_deposits(
    members: Sequence[Member], scenario: ScenarioConfig, tenant: TenantConfig, seed: int
) -> list[PlannedAccount]:
    holding = scenario.holdings.term_deposit
    rng = derive_rng(seed, "holding", "term-deposit")
    chosen = pick_exactly(rng, members, round(holding.fraction * len(members)))
    accounts = []
    for member in sorted(chosen, key=lambda m: m.index):
        product = tenant.product(draw_from_mix(rng, holding.product_mix))
        accounts.append(_term_deposit(rng, member, product, scenario))
    return accounts


def _term_deposit(
    rng: random.Random, member: Member, product: ProductSpec, scenario: ScenarioConfig
) -> PlannedAccount:
    band = scenario.holdings.term_deposit.amount_by_income.for_band(member.income_band)
    limits = product.limits
    low = max(band.min_cents, limits.min_amount or 0, limits.min_opening_balance or 0)
    high = min(band.max_cents, limits.max_amount or band.max_cents)
    amount = rng.randint(low, max(low, high))
    rounded = amount // TERM_DEPOSIT_ROUNDING_CENTS * TERM_DEPOSIT_ROUNDING_CENTS
    term = limits.default_term_months or limits.min_term_months
    return deposit_account(member, product, max(rounded, low), term_months=term)
