"""Realism tables: Luhn CRNs, consistent addresses, merchants, billers, contacts."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cu_twin.config.enums import AuState, LocationClass
from cu_twin.generators.billers import BILLERS
from cu_twin.generators.contacts import FICTION_MOBILES, MobileBook, payid_for_mobile
from cu_twin.generators.luhn import is_luhn_valid, luhn_check_digit, make_crn
from cu_twin.generators.merchants import MERCHANTS_BY_BASKET, basket_for, draw_merchant
from cu_twin.generators.payees import draw_payee
from cu_twin.generators.places import PLACES, places_in, postcode_in_state


def test_luhn_check_digit_matches_the_worked_example() -> None:
    assert luhn_check_digit("1234567") == "4"
    assert is_luhn_valid("12345674")
    assert not is_luhn_valid("12345675")


@given(st.integers(min_value=0, max_value=2**32), st.integers(min_value=2, max_value=20))
def test_every_generated_crn_passes_mod10v01(seed: int, length: int) -> None:
    crn = make_crn(random.Random(seed), length)
    assert len(crn) == length and crn.isdigit()
    assert is_luhn_valid(crn)


@given(st.text(alphabet="0123456789", min_size=1, max_size=19), st.data())
def test_changing_any_one_digit_breaks_the_check(base: str, data: st.DataObject) -> None:
    crn = base + luhn_check_digit(base)
    position = data.draw(st.integers(min_value=0, max_value=len(crn) - 1))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != crn[position]]))
    assert not is_luhn_valid(crn[:position] + replacement + crn[position + 1 :])


def test_biller_codes_are_unique_numeric_and_crn_lengths_in_range() -> None:
    codes = [biller.biller_code for biller in BILLERS]
    assert len(set(codes)) == len(codes)
    assert all(code.isdigit() and 3 <= len(code) <= 6 for code in codes)
    assert all(2 <= biller.crn_length <= 20 for biller in BILLERS)
    assert {biller.category for biller in BILLERS} == {
        "UTILITIES",
        "INSURANCE",
        "SUBSCRIPTIONS",
        "OTHER",
    }


def test_every_place_has_a_4_digit_postcode_of_its_own_state() -> None:
    for place in PLACES:
        assert len(place.postcode) == 4, place
        assert postcode_in_state(place.postcode, place.state), place
    assert len({(p.suburb, p.state) for p in PLACES}) == len(PLACES)


def test_places_cover_every_state_and_every_location_class() -> None:
    assert {place.state for place in PLACES} == set(AuState)
    for location in LocationClass:
        assert places_in(location)


def test_po_box_and_other_state_postcodes_are_not_delivery_postcodes() -> None:
    assert not postcode_in_state("1000", AuState.NSW)
    assert not postcode_in_state("3121", AuState.WA)
    assert not postcode_in_state("0200", AuState.ACT)
    assert postcode_in_state("0800", AuState.NT)
    assert not postcode_in_state("800", AuState.NT)


@given(st.integers(min_value=1, max_value=50_000), st.integers(min_value=0, max_value=2**32))
def test_merchants_suit_the_basket_size(amount_cents: int, seed: int) -> None:
    merchant = draw_merchant(random.Random(seed), amount_cents)
    assert merchant in list(MERCHANTS_BY_BASKET[basket_for(amount_cents)])
    assert merchant.mcc.isdigit() and len(merchant.mcc) == 4


def test_descriptors_are_upper_case_short_and_end_with_au() -> None:
    for table in MERCHANTS_BY_BASKET.values():
        for merchant in table:
            for place in PLACES:
                descriptor = merchant.descriptor(place.suburb)
                assert descriptor == descriptor.upper()
                assert len(descriptor) <= 25
                assert descriptor.endswith(" AU")


def test_member_mobiles_are_unique_e164_from_the_acma_block() -> None:
    book = MobileBook(random.Random(3))
    mobiles = [book.mobile_for(index) for index in range(10_000)]
    assert len(set(mobiles)) == 10_000
    assert all(m.startswith("+6149157") and len(m) == 12 for m in mobiles)
    with pytest.raises(ValueError, match="unique"):
        book.mobile_for(10_000)


def test_payees_use_fiction_mobiles_or_reserved_email_domains() -> None:
    fiction = {payid_for_mobile(mobile) for mobile in FICTION_MOBILES}
    rng = random.Random(11)
    for _ in range(200):
        payee = draw_payee(rng)
        if payee.payid_type == "MOBILE":
            assert payee.payid in fiction
        else:
            assert payee.payid.endswith(".example")
