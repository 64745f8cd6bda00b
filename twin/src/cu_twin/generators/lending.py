"""Loans and credit cards held at seed: who gets one, its size, age and balance.

A loan migrated in at seed opens with its current outstanding balance as principal and
its remaining term, both inside the product's limits; its repayment is the level
amortising repayment over the remaining term. Members are drawn only from those the
product's credit criteria accept (income, credit score, age, debt-to-income).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from cu_twin.config.products import ProductSpec
from cu_twin.config.scenario import ScenarioConfig
from cu_twin.config.tenant import TenantConfig
from cu_twin.generators.accounts import AccountRef, PlannedAccount, draw_from_mix, kind_of
from cu_twin.generators.loan_maths import (
    balance_after_payments_cents,
    monthly_repayment_cents,
    principal_for_repayment_cents,
)
from cu_twin.generators.members import Member
from cu_twin.generators.rng import scale_cents

MONTHS_PER_YEAR = 12
LOAN_ROUNDING_CENTS = 50_000  # personal loans are written in multiples of $500
PURPOSES: dict[str, tuple[str, ...]] = {
    "PERSONAL": ("CAR", "DEBT_CONSOLIDATION", "HOLIDAY", "HOME_IMPROVEMENT", "WEDDING"),
    "GREEN": ("SOLAR_PANELS", "ELECTRIC_VEHICLE", "HOME_BATTERY", "ENERGY_EFFICIENCY"),
    "HOME": ("OWNER_OCCUPIED",),
}


def _rate(product: ProductSpec) -> Decimal:
    interest = product.interest
    return interest.rate if interest is not None and interest.rate is not None else Decimal(0)


def meets_criteria(member: Member, product: ProductSpec, monthly_debt_cents: int = 0) -> bool:
    """Income, credit score, age and debt-to-income (monthly repayments / gross monthly
    income) as the product's creditCriteria and eligibility demand."""
    criteria, eligibility = product.credit_criteria, product.eligibility
    if criteria is not None:
        if criteria.min_income is not None and member.annual_income_cents < criteria.min_income:
            return False
        if (
            criteria.min_credit_score is not None
            and member.credit_score < criteria.min_credit_score
        ):
            return False
        dti = criteria.max_debt_to_income
        if (
            dti is not None
            and monthly_debt_cents * MONTHS_PER_YEAR > dti * member.annual_income_cents
        ):
            return False
    if eligibility is not None:
        if eligibility.min_age is not None and member.age < eligibility.min_age:
            return False
        if eligibility.max_age is not None and member.age > eligibility.max_age:
            return False
    return True


def _terms_within(product: ProductSpec, terms: Sequence[int]) -> list[int]:
    limits = product.limits
    return [t for t in terms if (limits.min_term_months or 0) <= t <= (limits.max_term_months or t)]


def _loan(
    member: Member, product: ProductSpec, owed: int, remaining: int, original: tuple[int, int]
) -> PlannedAccount:
    original_principal, original_term = original
    return PlannedAccount(
        ref=AccountRef(member.index, product.product_code),
        kind=kind_of(product),
        product_type=product.product_type,
        alias=product.name,
        principal_cents=owed,
        term_months=remaining,
        monthly_repayment_cents=monthly_repayment_cents(owed, _rate(product), remaining),
        original_principal_cents=original_principal,
        original_term_months=original_term,
        months_elapsed=original_term - remaining,
        purpose=None,
    )


def _home_loan(
    rng: random.Random, member: Member, product: ProductSpec, scenario: ScenarioConfig
) -> PlannedAccount | None:
    holding = scenario.holdings.home_loan
    limits, rate = product.limits, _rate(product)
    terms = _terms_within(product, holding.original_term_months)
    if not terms:
        return None
    share = rng.uniform(
        holding.repayment_share_of_income.min_fraction,
        holding.repayment_share_of_income.max_fraction,
    )
    repayment = scale_cents(member.annual_income_cents // MONTHS_PER_YEAR, share)
    original_term = rng.choice(terms)
    remaining = original_term - rng.randint(0, original_term - (limits.min_term_months or 1))
    owed = min(
        principal_for_repayment_cents(repayment, rate, remaining),
        limits.max_amount or 2**62,
    )
    if owed < (limits.min_amount or 1):
        return None
    original_principal = principal_for_repayment_cents(
        monthly_repayment_cents(owed, rate, remaining), rate, original_term
    )
    loan = _loan(member, product, owed, remaining, (original_principal, original_term))
    return _with_purpose(rng, loan, "HOME")


def _with_purpose(rng: random.Random, loan: PlannedAccount, family: str) -> PlannedAccount:
    return replace(loan, purpose=rng.choice(PURPOSES[family]))


def plan_home_loans(
    members: Sequence[Member], scenario: ScenarioConfig, tenant: TenantConfig, rng: random.Random
) -> list[PlannedAccount]:
    holding = scenario.holdings.home_loan
    products = [tenant.product(code) for code in holding.product_mix]
    candidates = [m for m in members if any(meets_criteria(m, p) for p in products)]
    wanted = round(holding.fraction * len(members))
    loans: list[PlannedAccount] = []
    for member in rng.sample(candidates, len(candidates)):
        if len(loans) >= wanted:
            break
        product = tenant.product(draw_from_mix(rng, holding.product_mix))
        if not meets_criteria(member, product):
            continue
        loan = _home_loan(rng, member, product, scenario)
        if loan is not None:
            loans.append(loan)
    return loans


def _personal_loan(
    rng: random.Random, member: Member, product: ProductSpec, scenario: ScenarioConfig
) -> PlannedAccount | None:
    holding = scenario.holdings.personal_loan
    limits, rate = product.limits, _rate(product)
    terms = _terms_within(
        product, holding.original_term_months_by_product.get(product.product_code, ())
    )
    if not terms:
        return None
    share = rng.uniform(
        holding.principal_share_of_income.min_fraction,
        holding.principal_share_of_income.max_fraction,
    )
    wanted = scale_cents(member.annual_income_cents, share)
    wanted = wanted // LOAN_ROUNDING_CENTS * LOAN_ROUNDING_CENTS
    principal = min(max(wanted, limits.min_amount or 0), limits.max_amount or wanted)
    original_term = rng.choice(terms)
    elapsed = rng.randint(0, original_term - (limits.min_term_months or 1))
    owed = balance_after_payments_cents(principal, rate, original_term, elapsed)
    if owed < (limits.min_amount or 1):
        # Too far paid down to migrate in under the product minimum: treat it as new.
        elapsed, owed = 0, principal
    loan = _loan(member, product, owed, original_term - elapsed, (principal, original_term))
    family = "GREEN" if product.product_code.endswith("GREEN") else "PERSONAL"
    return _with_purpose(rng, loan, family)


def plan_personal_loans(
    members: Sequence[Member],
    scenario: ScenarioConfig,
    tenant: TenantConfig,
    rng: random.Random,
    existing: Sequence[PlannedAccount],
) -> list[PlannedAccount]:
    holding = scenario.holdings.personal_loan
    products = [tenant.product(code) for code in holding.product_mix]
    monthly_debt = {loan.member_index: loan.monthly_repayment_cents for loan in existing}
    candidates = [m for m in members if any(meets_criteria(m, p) for p in products)]
    wanted = round(holding.fraction * len(members))
    loans: list[PlannedAccount] = []
    for member in rng.sample(candidates, len(candidates)):
        if len(loans) >= wanted:
            break
        first_choice = tenant.product(draw_from_mix(rng, holding.product_mix))
        # A member the first choice refuses may still qualify for another product.
        for product in [first_choice, *(p for p in products if p is not first_choice)]:
            if not meets_criteria(member, product):
                continue
            loan = _personal_loan(rng, member, product, scenario)
            debt = monthly_debt.get(member.index, 0)
            if loan is not None and meets_criteria(
                member, product, debt + loan.monthly_repayment_cents
            ):
                loans.append(loan)
                break
    return loans


def plan_cards(
    members: Sequence[Member], scenario: ScenarioConfig, tenant: TenantConfig, rng: random.Random
) -> list[PlannedAccount]:
    holding = scenario.holdings.credit_card
    chosen = rng.sample(list(members), min(len(members), round(holding.fraction * len(members))))
    cards = []
    for member in sorted(chosen, key=lambda m: m.index):
        product = tenant.product(draw_from_mix(rng, holding.product_mix))
        limits = product.limits
        share = rng.uniform(
            holding.limit_share_of_income.min_fraction, holding.limit_share_of_income.max_fraction
        )
        step = max(holding.limit_step, 1)
        limit = scale_cents(member.annual_income_cents, share) // step * step
        limit = min(max(limit, limits.min_credit_limit or step), limits.max_credit_limit or limit)
        utilisation = rng.uniform(
            holding.opening_utilisation.min_fraction, holding.opening_utilisation.max_fraction
        )
        cards.append(
            PlannedAccount(
                ref=AccountRef(member.index, product.product_code),
                kind=kind_of(product),
                product_type=product.product_type,
                alias=product.name,
                credit_limit_cents=limit,
                seed_balance_cents=scale_cents(limit, utilisation),
            )
        )
    return cards
