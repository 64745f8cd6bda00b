"""The console's pure formatting: AUD, the tenant's time zone, masks, resource names."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from cu_twin.console.formatting import (
    ResourceKind,
    aud,
    aud_text,
    calendar_date,
    humanise_code,
    humanise_key,
    local_date,
    local_datetime,
    local_time,
    mask_date_of_birth,
    mask_email,
    mask_mobile,
    percent_text,
    pretty_mobile,
    resource_name,
    short_hash,
)

SYDNEY = ZoneInfo("Australia/Sydney")


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "$0.00"),
        (5, "$0.05"),
        (123450, "$1,234.50"),
        (100_000_000_00, "$100,000,000.00"),
        (-500, "-$5.00"),
        (-123456789, "-$1,234,567.89"),
    ],
)
def test_money_is_shown_as_aud_with_thousands_separators_and_a_leading_minus(
    cents: int, text: str
) -> None:
    assert aud(cents) == text


def test_api_decimal_strings_are_formatted_exactly_without_floats() -> None:
    assert aud_text("1234.5") == "$1,234.50"
    assert aud_text("-0.01") == "-$0.01"
    assert aud_text("0.29") == "$0.29"  # 0.29 is not exact as a float


def test_rates_are_percentages_without_trailing_zeros() -> None:
    assert percent_text("0.0599") == "5.99%"
    assert percent_text("0.015") == "1.5%"
    assert percent_text("0") == "0%"


def test_instants_are_shown_in_the_tenants_zone_with_its_abbreviation() -> None:
    # 22:30 UTC on 31 Dec is 09:30 on 1 Jan in Sydney (daylight time, +11:00).
    assert local_datetime("2024-12-31T22:30:00Z", SYDNEY) == "1 Jan 2025, 09:30:00 AEDT"
    assert local_datetime("2025-07-01T09:00:00+10:00", SYDNEY) == "1 Jul 2025, 09:00:00 AEST"
    assert local_time("2024-12-31T22:30:05.123456Z", SYDNEY) == "09:30:05"
    assert local_date("2024-12-31T22:30:00Z", SYDNEY) == "1 Jan 2025"


def test_a_timestamp_without_a_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="without a zone"):
        local_datetime("2025-01-01T10:00:00", SYDNEY)


def test_plain_dates_are_not_shifted_by_any_zone() -> None:
    assert calendar_date("2025-01-01") == "1 Jan 2025"


def test_canonical_resource_names_follow_the_tc_scheme() -> None:
    assert (
        resource_name("AU", "CU_DIGITAL", ResourceKind.ACCOUNT, "abc")
        == "tc:au:CU_DIGITAL:account:abc"
    )
    assert resource_name("au", "CU_X", ResourceKind.CUSTOMER, "1") == "tc:au:CU_X:customer:1"


def test_masks_hide_the_sensitive_part_and_not_its_length() -> None:
    assert mask_email("gray.k@gmail.example") == "g•••@gmail.example"
    assert mask_email("a.much.longer.name@x.example") == "a•••@x.example"
    assert mask_email("not-an-email") == "•••"
    assert mask_mobile("+61491574460") == "+61 4•• ••• 460"
    assert "1973" not in mask_date_of_birth("1973-09-11")
    assert pretty_mobile("+61491574460") == "+61 491 574 460"


def test_codes_and_keys_read_as_words_with_acronyms_kept() -> None:
    assert humanise_code("TERM_DEPOSIT") == "Term deposit"
    assert humanise_code("latency_slo") == "Latency SLO"
    assert humanise_key("minOpeningBalance") == "Min opening balance"
    assert short_hash("a" * 64) == "a" * 12 + "…"
    assert short_hash("abc") == "abc"
