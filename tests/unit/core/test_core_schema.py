"""Strict request schemas (the API's 400 class): no coercion, unknown fields refused, bounds."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from tests.unit.core.builders import (
    COMMANDS,
    CUSTOMER_ID,
    accepted,
    command,
    command_id,
    decide_on,
    envelope,
    json_data,
    leg,
    post_entry_payload,
    snapshot,
    tenant_state,
    transfer,
)
from turingcore.domain.commands import OpenAccountCommand, PostEntryCommand

Mutation = Callable[[dict[str, Any]], None]


def post_entry_envelope() -> dict[str, Any]:
    return envelope("PostEntry", post_entry_payload(transfer("acc-a", "acc-b", "10.00")))


def open_account_envelope(**fields: Any) -> dict[str, Any]:
    payload = {"customerId": CUSTOMER_ID, "productCode": "SAVER", "currency": "AUD", **fields}
    return envelope("OpenAccount", payload)


def product_envelope(**sections: Any) -> dict[str, Any]:
    return envelope(
        "UpsertProduct",
        {"productCode": "SAVER", "name": "Saver", "productType": "DEPOSIT", **sections},
    )


def customer_envelope() -> dict[str, Any]:
    return envelope(
        "CreateCustomer",
        {
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
        },
    )


def first_leg(data: dict[str, Any]) -> dict[str, Any]:
    leg_data: dict[str, Any] = data["payload"]["legs"][0]
    return leg_data


def set_leg_amounts(amount: Any) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        for each in data["payload"]["legs"]:
            each["amount"] = amount

    return mutate


def assert_refused(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        COMMANDS.validate_python(data)


def test_the_valid_examples_used_below_are_accepted() -> None:
    for data in (
        post_entry_envelope(),
        open_account_envelope(initialDeposit="0"),
        product_envelope(),
        customer_envelope(),
    ):
        COMMANDS.validate_python(data)


# --- no silent coercion ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "path", "value"),
    [
        pytest.param(post_entry_envelope, ("payload", "legs", 0, "amount"), True, id="leg-amount"),
        pytest.param(
            open_account_envelope, ("payload", "initialDeposit"), False, id="initialDeposit"
        ),
        pytest.param(open_account_envelope, ("payload", "termMonths"), True, id="termMonths"),
        pytest.param(product_envelope, ("payload", "interest"), {"rate": True}, id="rate"),
        pytest.param(post_entry_envelope, ("payload", "metadata"), {"n": None}, id="metadata-null"),
    ],
)
def test_a_boolean_or_null_where_a_number_is_expected_is_refused(
    make: Callable[[], dict[str, Any]], path: tuple[Any, ...], value: Any
) -> None:
    data = make()
    put(data, path, value)

    assert_refused(data)


@pytest.mark.parametrize(
    ("make", "path", "value"),
    [
        pytest.param(post_entry_envelope, ("payload", "narrative"), 123, id="narrative"),
        pytest.param(post_entry_envelope, ("payload", "currency"), 36, id="currency"),
        pytest.param(post_entry_envelope, ("payload", "bookingDate"), 20260302, id="bookingDate"),
        pytest.param(post_entry_envelope, ("payload", "tags"), {"channel": 1}, id="tag-value"),
        pytest.param(post_entry_envelope, ("actor", "actorId"), 5, id="actorId"),
        pytest.param(product_envelope, ("payload", "productCode"), 123, id="productCode"),
        pytest.param(customer_envelope, ("payload", "address", "postcode"), 2000, id="postcode"),
        pytest.param(customer_envelope, ("payload", "person", "mobile"), 61412345678, id="mobile"),
    ],
)
def test_a_number_where_a_string_is_expected_is_refused(
    make: Callable[[], dict[str, Any]], path: tuple[Any, ...], value: Any
) -> None:
    data = make()
    put(data, path, value)

    assert_refused(data)


@pytest.mark.parametrize(
    ("make", "path", "value"),
    [
        pytest.param(
            open_account_envelope, ("payload", "termMonths"), "12", id="termMonths-string"
        ),
        pytest.param(
            open_account_envelope,
            ("payload", "termMonths"),
            Decimal("12.0"),
            id="termMonths-decimal",
        ),
        pytest.param(
            product_envelope,
            ("payload", "constraints"),
            {"allowOverdraft": "true"},
            id="bool-string",
        ),
        pytest.param(
            product_envelope, ("payload", "constraints"), {"allowOverdraft": 1}, id="bool-int"
        ),
    ],
)
def test_a_string_or_number_where_another_type_is_expected_is_refused(
    make: Callable[[], dict[str, Any]], path: tuple[Any, ...], value: Any
) -> None:
    data = make()
    put(data, path, value)

    assert_refused(data)


# --- unknown fields ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "path"),
    [
        pytest.param(post_entry_envelope, (), id="envelope"),
        pytest.param(post_entry_envelope, ("payload",), id="payload"),
        pytest.param(post_entry_envelope, ("payload", "legs", 0), id="leg"),
        pytest.param(post_entry_envelope, ("actor",), id="actor"),
        pytest.param(customer_envelope, ("payload", "person"), id="person"),
        pytest.param(product_envelope, ("payload",), id="product"),
    ],
)
def test_an_unknown_field_is_refused(
    make: Callable[[], dict[str, Any]], path: tuple[Any, ...]
) -> None:
    data = make()
    target: Any = data
    for step in path:
        target = target[step]
    target["surprise"] = "x"

    assert_refused(data)


def test_an_unknown_command_type_is_refused() -> None:
    data = post_entry_envelope()
    data["commandType"] = "DeleteEverything"

    assert_refused(data)


# --- amounts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount",
    ["1.005", Decimal("1.005"), Decimal("0.001"), "10.123", Decimal("12.3456")],
)
def test_an_amount_with_more_than_two_decimal_places_is_refused(amount: Any) -> None:
    data = post_entry_envelope()
    set_leg_amounts(amount)(data)

    assert_refused(data)


@pytest.mark.parametrize(
    "amount", ["0", "0.00", 0, Decimal("0.00"), "-0", "-1.00", Decimal("-0.01"), -5]
)
def test_a_leg_amount_of_zero_or_less_is_refused(amount: Any) -> None:
    data = post_entry_envelope()
    set_leg_amounts(amount)(data)

    assert_refused(data)


@pytest.mark.parametrize(
    "amount",
    [
        "1e2",
        "+1.00",
        " 1.00",
        "1.",
        ".50",
        "01.00",
        "1,00",
        "1_000",
        0.1,
        float("nan"),
        "NaN",
        "Infinity",
    ],
)
def test_an_amount_that_is_neither_a_decimal_string_nor_an_exact_number_is_refused(
    amount: Any,
) -> None:
    data = post_entry_envelope()
    set_leg_amounts(amount)(data)

    assert_refused(data)


@pytest.mark.parametrize("amount", ["1000000000000.00", 10**12, Decimal("1E+12")])
def test_an_amount_beyond_twelve_integer_digits_is_refused(amount: Any) -> None:
    data = post_entry_envelope()
    set_leg_amounts(amount)(data)

    assert_refused(data)


def test_the_largest_amount_is_accepted_exactly() -> None:
    data = post_entry_envelope()
    set_leg_amounts("999999999999.99")(data)

    cmd = COMMANDS.validate_python(data)

    assert cmd.payload.legs[0].amount == 99_999_999_999_999


@pytest.mark.parametrize(
    ("json_amount", "cents"),
    [
        ('"100.10"', 10010),
        ("100.10", 10010),
        ("100.1", 10010),
        ("0.1", 10),
        ("0.2", 20),
        ("100", 10000),
        ("1e2", 10000),
        ("1.5E1", 1500),
        ("0.07", 7),
    ],
)
def test_json_amounts_parse_exactly_to_cents(json_amount: str, cents: int) -> None:
    payload = json_data(
        '{"bookingDate": "2026-03-02", "valueDate": "2026-03-02", "currency": "AUD",'
        ' "narrative": "x", "legs": ['
        f'{{"accountId": "a", "direction": "DEBIT", "amount": {json_amount}}},'
        f'{{"accountId": "b", "direction": "CREDIT", "amount": {json_amount}}}]}}'
    )

    cmd = command("PostEntry", payload)

    assert isinstance(cmd, PostEntryCommand)
    assert [each.amount for each in cmd.payload.legs] == [cents, cents]


def test_a_negative_initial_deposit_is_refused() -> None:
    assert_refused(open_account_envelope(initialDeposit="-0.01"))


def test_an_initial_deposit_of_zero_is_valid() -> None:
    cmd = COMMANDS.validate_python(open_account_envelope(initialDeposit=Decimal("0.00")))

    assert isinstance(cmd, OpenAccountCommand)
    assert cmd.payload.initialDeposit == 0


@pytest.mark.parametrize("field", ["principal", "creditLimit"])
def test_a_principal_or_credit_limit_of_zero_is_refused(field: str) -> None:
    assert_refused(open_account_envelope(**{field: "0.00"}))


# --- sizes and shapes ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 101])
def test_an_entry_with_fewer_than_two_or_more_than_a_hundred_legs_is_refused(count: int) -> None:
    data = post_entry_envelope()
    data["payload"]["legs"] = [leg(f"acc-{i}", "DEBIT", "1.00") for i in range(count)]

    assert_refused(data)


def test_an_entry_with_a_hundred_legs_is_valid() -> None:
    data = post_entry_envelope()
    data["payload"]["legs"] = [
        *([leg("a", "DEBIT", "1.00")] * 50),
        *([leg("b", "CREDIT", "1.00")] * 50),
    ]

    COMMANDS.validate_python(data)


@pytest.mark.parametrize(("length", "valid"), [(0, False), (1, True), (280, True), (281, False)])
def test_narrative_is_one_to_280_characters(length: int, valid: bool) -> None:
    data = post_entry_envelope()
    data["payload"]["narrative"] = "n" * length

    if valid:
        COMMANDS.validate_python(data)
    else:
        assert_refused(data)


def test_a_narrative_with_a_lone_surrogate_is_refused() -> None:
    data = post_entry_envelope()
    data["payload"]["narrative"] = "broken \ud800 text"

    assert_refused(data)


@pytest.mark.parametrize(
    "timestamp",
    [
        "2026-03-02T01:00:00",
        "2026-03-02",
        "2026-03-02 01:00:00Z",
        "2026-03-02T01:00Z",
        "2026-02-30T01:00:00Z",
        1772413200,
    ],
)
def test_a_timestamp_without_offset_or_otherwise_not_rfc3339_is_refused(timestamp: Any) -> None:
    data = post_entry_envelope()
    data["timestamp"] = timestamp

    assert_refused(data)


@pytest.mark.parametrize(
    "timestamp",
    ["2026-03-02T01:00:00Z", "2026-03-02t01:00:00z", "2026-03-02T12:00:00.123456+11:00"],
)
def test_an_rfc3339_timestamp_with_offset_is_valid(timestamp: str) -> None:
    data = post_entry_envelope()
    data["timestamp"] = timestamp

    assert COMMANDS.validate_python(data).timestamp.utcoffset() is not None


@pytest.mark.parametrize("value", ["not-a-uuid", "7f1f4a0e1b2c4d3e8f405a6b7c8d9e01", 12345])
def test_a_command_id_that_is_not_a_uuid_string_is_refused(value: Any) -> None:
    data = post_entry_envelope()
    data["commandId"] = value

    assert_refused(data)


@pytest.mark.parametrize("mobile", ["0412345678", "+6441234567", "+614123456789", "+61512345678"])
def test_a_mobile_that_is_not_an_au_e164_number_is_refused(mobile: str) -> None:
    data = customer_envelope()
    data["payload"]["person"]["mobile"] = mobile

    assert_refused(data)


def test_a_date_of_birth_that_is_not_a_calendar_date_is_refused() -> None:
    data = customer_envelope()
    data["payload"]["person"]["dateOfBirth"] = "1990-02-30"

    assert_refused(data)


# --- bugs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "mutate"),
    [
        pytest.param(post_entry_envelope, set_leg_amounts("10.00\n"), id="amount"),
        pytest.param(
            product_envelope,
            lambda d: d["payload"].update(interest={"rate": "0.015\n"}),
            id="rate",
        ),
    ],
)
def test_a_decimal_string_with_a_trailing_newline_is_refused(
    make: Callable[[], dict[str, Any]], mutate: Mutation
) -> None:
    data = make()
    mutate(data)

    assert_refused(data)


@pytest.mark.parametrize("rate", [10**6, "1000000", 10**16, Decimal("1E+30"), Decimal("-1E+30")])
def test_a_rate_of_a_million_or_more_is_refused_as_a_validation_error(rate: Any) -> None:
    assert_refused(product_envelope(interest={"rate": rate}))


@pytest.mark.parametrize("value", [2**53, -(2**53), 10**30])
def test_a_metadata_integer_outside_the_json_safe_range_is_refused(value: int) -> None:
    data = post_entry_envelope()
    data["payload"]["metadata"] = {"n": value}

    assert_refused(data)


def test_metadata_integers_at_the_json_safe_limit_are_valid() -> None:
    data = post_entry_envelope()
    data["payload"]["metadata"] = {"max": 2**53 - 1, "min": -(2**53 - 1)}

    COMMANDS.validate_python(data)


def test_command_ids_the_schema_keeps_distinct_never_share_derived_ids() -> None:
    base = command_id(42)
    snap = snapshot(tenant=tenant_state())
    payload = customer_envelope()["payload"]
    first = command("CreateCustomer", payload, cid=base)
    second = command("CreateCustomer", copy.deepcopy(payload), cid=base.upper())

    first_id = accepted(decide_on(snap, first)).result["customerId"]
    second_id = accepted(decide_on(snap, second)).result["customerId"]

    assert first.commandId == second.commandId or first_id != second_id


def test_a_command_id_with_misplaced_hyphens_is_refused() -> None:
    data = post_entry_envelope()
    data["commandId"] = "----" + command_id(7).replace("-", "")

    assert_refused(data)


# --- helpers -----------------------------------------------------------------------------------


def put(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
