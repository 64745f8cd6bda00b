"""Read tenant and scenario YAML into typed, validated models.

The only I/O in the config package. Every failure (missing file, bad YAML, schema
violation, scenario naming a product the catalogue lacks) is a ``ConfigError`` whose
message names the file and the field path.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from cu_twin.config.errors import ConfigError
from cu_twin.config.scenario import ScenarioConfig
from cu_twin.config.tenant import TenantConfig

DEFAULT_TENANT_FILE = "cu-digital.yaml"
DEFAULT_SCENARIO_FILE = "steady-state.yaml"
CONFIG_FILE_BYTES_MAX = 1_000_000

ModelT = TypeVar("ModelT", bound=BaseModel)


def load_tenant_config(path: str | Path) -> TenantConfig:
    """Load a tenant file such as cu-digital.yaml."""
    file = Path(path)
    return _parse(file.name, _read(file), TenantConfig)


def load_scenario(path: str | Path) -> ScenarioConfig:
    """Load a scenario file such as steady-state.yaml."""
    file = Path(path)
    return _parse(file.name, _read(file), ScenarioConfig)


def default_tenant_config() -> TenantConfig:
    """The packaged CU_DIGITAL tenant, member mix and product catalogue."""
    return _parse(DEFAULT_TENANT_FILE, _read_packaged(DEFAULT_TENANT_FILE), TenantConfig)


def default_scenario() -> ScenarioConfig:
    """The packaged STEADY_STATE_30D scenario."""
    return _parse(DEFAULT_SCENARIO_FILE, _read_packaged(DEFAULT_SCENARIO_FILE), ScenarioConfig)


def parse_tenant_config(source: str, text: str) -> TenantConfig:
    """Parse tenant YAML already in memory; ``source`` names it in errors."""
    return _parse(source, text, TenantConfig)


def parse_scenario(source: str, text: str) -> ScenarioConfig:
    """Parse scenario YAML already in memory; ``source`` names it in errors."""
    return _parse(source, text, ScenarioConfig)


def check_scenario_against_tenant(scenario: ScenarioConfig, tenant: TenantConfig) -> None:
    """Refuse a scenario that names products or age bands the tenant does not have."""
    known_products = {product.product_code for product in tenant.products}
    holdings = scenario.holdings
    named = {
        "holdings.transactionProduct": [holdings.transaction_product],
        "holdings.premiumTransactionProduct": [holdings.premium_transaction_product],
        "holdings.savingsProduct": [holdings.savings_product],
        "holdings.youthSaverProduct": [holdings.youth_saver_product],
        "holdings.termDeposit.productMix": list(holdings.term_deposit.product_mix),
        "holdings.personalLoan.productMix": list(holdings.personal_loan.product_mix),
        "holdings.personalLoan.originalTermMonthsByProduct": list(
            holdings.personal_loan.original_term_months_by_product
        ),
        "holdings.homeLoan.productMix": list(holdings.home_loan.product_mix),
        "holdings.creditCard.productMix": list(holdings.credit_card.product_mix),
    }
    problems = [
        f"{field}: unknown productCode {code!r} (not in the tenant catalogue)"
        for field, codes in named.items()
        for code in codes
        if code not in known_products
    ]
    band_names = {band.name for band in tenant.member_mix.age_bands}
    if holdings.youth_saver_age_band not in band_names:
        problems.append(
            f"holdings.youthSaverAgeBand: unknown age band {holdings.youth_saver_age_band!r}"
        )
    if problems:
        raise ConfigError(scenario.scenario_code, problems)


def _read(file: Path) -> str:
    try:
        if file.stat().st_size > CONFIG_FILE_BYTES_MAX:
            raise ConfigError(file.name, [f"file larger than {CONFIG_FILE_BYTES_MAX} bytes"])
        return file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(file.name, [f"cannot read {file}: {exc.strerror or exc}"]) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(file.name, ["not UTF-8 text"]) from exc


def _read_packaged(name: str) -> str:
    return resources.files("cu_twin.config").joinpath(name).read_text(encoding="utf-8")


def _parse(source: str, text: str, model: type[ModelT]) -> ModelT:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(source, [f"invalid YAML: {exc}"]) from exc
    if not isinstance(data, dict):
        raise ConfigError(source, ["the top level must be a mapping of fields"])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(source, _describe(exc)) from exc


def _describe(error: ValidationError) -> list[str]:
    problems = []
    for item in error.errors(include_url=False):
        path = ".".join(str(part) for part in item["loc"]) or "(top level)"
        problems.append(f"{path}: {item['msg']}")
    return problems
