"""Tenant and scenario config: packaged defaults, strict schema, precise error messages."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cu_twin.config import (
    ConfigError,
    ProductSpec,
    ProductType,
    check_scenario_against_tenant,
    default_scenario,
    default_tenant_config,
    format_cents,
    load_scenario,
    load_tenant_config,
    parse_money_cents,
    parse_scenario,
    parse_tenant_config,
)


def packaged_text(name: str) -> str:
    return resources.files("cu_twin.config").joinpath(name).read_text(encoding="utf-8")


def test_packaged_tenant_is_cu_digital_as_the_spec_describes_it() -> None:
    tenant = default_tenant_config().tenant
    assert tenant.to_payload() == {
        "tenantCode": "CU_DIGITAL",
        "displayName": "CU Digital Twin",
        "region": "AU",
        "baseCurrency": "AUD",
        "timeZone": "Australia/Sydney",
        "regulatoryJurisdiction": "APRA",
        "businessType": "CREDIT_UNION",
    }


def test_catalogue_holds_every_product_of_the_spec_table() -> None:
    codes = {product.product_code for product in default_tenant_config().products}
    assert codes == {
        "TXN_ACCOUNT_BASIC",
        "TXN_ACCOUNT_PREMIUM",
        "SAVINGS_STANDARD",
        "SAVINGS_YOUTH",
        "TERM_3M",
        "TERM_6M",
        "TERM_12M",
        "PL_CLASSIC",
        "PL_GREEN",
        "HOME_VARIABLE",
        "HOME_FIXED_3Y",
        "CC_LOW_RATE",
        "CC_REWARDS",
    }


def section(payload: dict[str, object], name: str) -> dict[str, object]:
    value = payload[name]
    assert isinstance(value, dict)
    return value


def test_basic_transaction_and_standard_savings_match_acceptance_tc04() -> None:
    tenant = default_tenant_config()
    basic = tenant.product("TXN_ACCOUNT_BASIC").to_payload()
    savings = tenant.product("SAVINGS_STANDARD").to_payload()
    assert basic["productType"] == "DEPOSIT"
    assert section(basic, "interest") == {"rate": "0"}
    assert section(basic, "fees")["monthlyFee"] == "0.00"
    assert savings["productType"] == "DEPOSIT"
    assert section(savings, "interest")["baseRate"] == "0.015"
    assert section(savings, "interest")["bonusRate"] == "0.030"
    assert section(savings, "fees")["monthlyFee"] == "0.00"
    assert section(savings, "constraints")["maxBalance"] == "250000.00"


def test_every_product_payload_round_trips_through_the_strict_schema() -> None:
    for product in default_tenant_config().products:
        payload = product.to_payload()
        assert ProductSpec.model_validate(payload) == product
        assert None not in payload.values()


def test_product_parameters_follow_the_spec_table() -> None:
    tenant = default_tenant_config()
    youth = tenant.product("SAVINGS_YOUTH")
    assert youth.eligibility is not None and youth.eligibility.max_age == 24
    term = tenant.product("TERM_6M")
    assert term.product_type is ProductType.TERM_DEPOSIT
    assert (term.limits.min_term_months, term.limits.max_term_months) == (6, 6)
    assert term.interest is not None and term.interest.rate == Decimal("0.045")
    home = tenant.product("HOME_FIXED_3Y")
    assert home.interest is not None and home.interest.fixed_period_months == 36
    assert home.fees is not None and home.fees.break_fee == 200_000
    card = tenant.product("CC_REWARDS")
    assert card.limits.min_credit_limit == 500_000
    assert card.limits.max_credit_limit == 5_000_000


def test_packaged_scenario_is_steady_state_500_by_30_from_new_year_2025() -> None:
    scenario = default_scenario()
    assert scenario.scenario_code == "STEADY_STATE_30D"
    assert (scenario.members, scenario.days) == (500, 30)
    assert scenario.start_date.isoformat() == "2025-01-01"
    assert scenario.end_date.isoformat() == "2025-01-30"
    assert scenario.card_spend.weekday_weights.friday == 1.20
    assert scenario.opening_balances.transaction.low.min_cents == 10_000
    check_scenario_against_tenant(scenario, default_tenant_config())


def test_loading_from_a_path_gives_the_same_models_as_the_packaged_defaults(
    tmp_path: Path,
) -> None:
    (tmp_path / "cu-digital.yaml").write_text(packaged_text("cu-digital.yaml"))
    (tmp_path / "steady-state.yaml").write_text(packaged_text("steady-state.yaml"))
    assert load_tenant_config(tmp_path / "cu-digital.yaml") == default_tenant_config()
    assert load_scenario(tmp_path / "steady-state.yaml") == default_scenario()


def test_a_bad_weekday_weight_names_the_file_and_the_field_path() -> None:
    text = packaged_text("steady-state.yaml").replace("Fri: 1.20", "Fri: lots")
    with pytest.raises(ConfigError) as error:
        parse_scenario("steady-state.yaml", text)
    assert str(error.value) == (
        "steady-state.yaml: cardSpend.weekdayWeights.Fri: Input should be a valid number"
    )


def test_money_written_as_a_yaml_float_is_refused() -> None:
    text = packaged_text("steady-state.yaml").replace('amountStep: "10.00"', "amountStep: 10.5")
    with pytest.raises(ConfigError, match=r"steady-state.yaml: atm.amountStep: .*not float"):
        parse_scenario("steady-state.yaml", text)


def test_an_unknown_product_field_is_refused_like_the_core_would() -> None:
    text = packaged_text("cu-digital.yaml").replace(
        "  - productCode: TXN_ACCOUNT_BASIC\n",
        "  - productCode: TXN_ACCOUNT_BASIC\n    colour: red\n",
    )
    with pytest.raises(ConfigError, match=r"cu-digital.yaml: products.0.colour: Extra inputs"):
        parse_tenant_config("cu-digital.yaml", text)


def test_fractions_that_do_not_sum_to_one_are_refused() -> None:
    text = packaged_text("steady-state.yaml").replace("TERM_12M: 0.20}", "TERM_12M: 0.30}")
    with pytest.raises(ConfigError, match=r"holdings.termDeposit.productMix: .*sum to 1"):
        parse_scenario("steady-state.yaml", text)


def test_a_boolean_is_not_a_member_count() -> None:
    text = packaged_text("steady-state.yaml").replace("members: 500", "members: true")
    with pytest.raises(ConfigError, match=r"steady-state.yaml: members: "):
        parse_scenario("steady-state.yaml", text)


def test_a_missing_file_and_broken_yaml_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nowhere.yaml: cannot read"):
        load_scenario(tmp_path / "nowhere.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("members: [500\n")
    with pytest.raises(ConfigError, match=r"broken.yaml: invalid YAML"):
        load_scenario(broken)


def test_a_scenario_naming_an_unknown_product_is_refused() -> None:
    text = packaged_text("steady-state.yaml").replace(
        "transactionProduct: TXN_ACCOUNT_BASIC", "transactionProduct: TXN_GOLD"
    )
    scenario = parse_scenario("steady-state.yaml", text)
    with pytest.raises(ConfigError, match=r"holdings\.transactionProduct: unknown productCode"):
        check_scenario_against_tenant(scenario, default_tenant_config())


def test_overrides_resize_and_reseed_without_touching_the_rest() -> None:
    scenario = default_scenario()
    smaller = scenario.with_overrides(members=100, days=7, seed=9)
    assert (smaller.members, smaller.days, smaller.seed) == (100, 7, 9)
    assert smaller.card_spend == scenario.card_spend
    assert smaller.holdings == scenario.holdings


@given(st.integers(min_value=0, max_value=10**13))
def test_cents_survive_formatting_and_parsing(cents: int) -> None:
    assert parse_money_cents(format_cents(cents)) == cents


@pytest.mark.parametrize(
    ("text", "cents"), [("2.50", 250), ("0", 0), (250, 25_000), ("1000.00", 100_000)]
)
def test_money_parses_decimal_strings_and_whole_dollars(text: str | int, cents: int) -> None:
    assert parse_money_cents(text) == cents


@pytest.mark.parametrize("bad", ["2.505", "abc", "NaN", 2.5, True, None])
def test_money_refuses_sub_cent_text_floats_and_non_numbers(bad: object) -> None:
    with pytest.raises(ValueError, match="money"):
        parse_money_cents(bad)
