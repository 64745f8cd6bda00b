"""Synthetic members: consistent, unique, synthetic-only personal data from the mix."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cu_twin.config import EmploymentStatus, IncomeBand, default_tenant_config
from cu_twin.generators.members import Member, age_on, draw_date_of_birth, generate_members
from cu_twin.generators.places import postcode_in_state

MIX = default_tenant_config().member_mix
START = dt.date(2025, 1, 1)
E164_AU_MOBILE = re.compile(r"^\+614\d{8}$")
RESERVED_EMAIL = re.compile(r"^[a-z0-9._]+@[a-z]+\.example$")
BANDS = {band.name: band for band in MIX.age_bands}


def members(n: int, seed: int = 7) -> tuple[Member, ...]:
    return generate_members(n, MIX, seed, as_of=START)


@settings(max_examples=15, deadline=None)
@given(st.integers(min_value=0, max_value=2**31), st.integers(min_value=1, max_value=60))
def test_every_member_is_internally_consistent(seed: int, n: int) -> None:
    for member in members(n, seed):
        assert postcode_in_state(member.address.postcode, member.address.state)
        assert E164_AU_MOBILE.match(member.mobile)
        assert RESERVED_EMAIL.match(member.email), member.email
        band = BANDS[member.age_band]
        assert band.min_age <= member.age <= band.max_age
        assert age_on(member.date_of_birth, START) == member.age >= 18
        income = MIX.income_bands.for_band(member.income_band)
        assert income.min_annual_cents <= member.annual_income_cents <= income.max_annual_cents
        assert 0 <= member.credit_score <= 1200


def test_external_refs_count_up_from_one() -> None:
    refs = [member.external_ref for member in members(12)]
    assert refs == [f"CUST-{n:06d}" for n in range(1, 13)]


def test_mobiles_and_emails_are_unique_across_a_full_size_population() -> None:
    population = members(10_000)
    assert len({m.mobile for m in population}) == 10_000
    assert len({m.email for m in population}) == 10_000


def test_the_population_follows_the_member_mix() -> None:
    population = members(4_000)
    n = len(population)
    ages = Counter(m.age_band for m in population)
    incomes = Counter(m.income_band for m in population)
    jobs = Counter(m.employment_status for m in population)
    places = Counter(m.location_class for m in population)
    for band in MIX.age_bands:
        assert ages[band.name] / n == pytest.approx(band.fraction, abs=0.03)
    for income_band in IncomeBand:
        expected = MIX.income_bands.for_band(income_band).fraction
        assert incomes[income_band] / n == pytest.approx(expected, abs=0.03)
    for status, fraction in MIX.employment.items():
        assert jobs[status] / n == pytest.approx(fraction, abs=0.03)
    for location, fraction in MIX.location.items():
        assert places[location] / n == pytest.approx(fraction, abs=0.03)


def test_unemployed_members_have_no_employer_and_a_low_income() -> None:
    jobless = [m for m in members(2_000) if m.employment_status is EmploymentStatus.UNEMPLOYED]
    assert jobless
    assert all(m.employer is None and m.income_band is IncomeBand.LOW for m in jobless)


def test_same_seed_same_people_and_a_member_does_not_depend_on_population_size() -> None:
    assert members(50, seed=3) == members(50, seed=3)
    assert members(80, seed=3)[:50] == members(50, seed=3)
    assert members(50, seed=3) != members(50, seed=4)


def test_create_customer_payload_follows_the_schema() -> None:
    for member in members(200):
        payload = member.create_customer_payload()
        assert set(payload) == {"externalRef", "person", "address", "employment", "riskProfile"}
        person, address = payload["person"], payload["address"]
        employment, risk = payload["employment"], payload["riskProfile"]
        assert isinstance(person, dict) and isinstance(address, dict)
        assert isinstance(employment, dict) and isinstance(risk, dict)
        assert set(person) == {"firstName", "lastName", "dateOfBirth", "email", "mobile"}
        assert all(len(person[k]) <= 100 for k in ("firstName", "lastName"))
        assert dt.date.fromisoformat(person["dateOfBirth"]) == member.date_of_birth
        assert set(address) == {"line1", "suburb", "state", "postcode", "country"}
        assert re.fullmatch(r"\d{4}", address["postcode"]) and address["country"] == "AU"
        assert employment["status"] in {s.value for s in EmploymentStatus}
        assert re.fullmatch(r"\d+\.\d{2}", employment["annualIncome"])
        assert risk["kycStatus"] == "VERIFIED"
        assert risk["segment"] in {"YOUTH", "RETAIL", "PREMIUM"}
        assert None not in [*person.values(), *address.values(), *employment.values()]
        assert "tfn" not in str(payload).lower()


@given(
    st.integers(min_value=18, max_value=100),
    st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)),
    st.integers(min_value=0, max_value=2**32),
)
def test_date_of_birth_gives_exactly_the_drawn_age(age: int, as_of: dt.date, seed: int) -> None:
    born = draw_date_of_birth(random.Random(seed), age, as_of)
    assert age_on(born, as_of) == age
