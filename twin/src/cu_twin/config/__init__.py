"""Tenant and scenario configuration: packaged YAML loaded into frozen, typed models."""

from cu_twin.config.enums import (
    AuState,
    EmploymentStatus,
    IncomeBand,
    LocationClass,
    ProductType,
    Segment,
)
from cu_twin.config.errors import ConfigError
from cu_twin.config.loader import (
    check_scenario_against_tenant,
    default_scenario,
    default_tenant_config,
    load_scenario,
    load_tenant_config,
    parse_scenario,
    parse_tenant_config,
)
from cu_twin.config.money import format_cents, parse_money_cents
from cu_twin.config.products import ProductSpec
from cu_twin.config.scenario import ScenarioConfig
from cu_twin.config.tenant import MemberMix, TenantConfig, TenantSpec

__all__ = [
    "AuState",
    "ConfigError",
    "EmploymentStatus",
    "IncomeBand",
    "LocationClass",
    "MemberMix",
    "ProductSpec",
    "ProductType",
    "ScenarioConfig",
    "Segment",
    "TenantConfig",
    "TenantSpec",
    "check_scenario_against_tenant",
    "default_scenario",
    "default_tenant_config",
    "format_cents",
    "load_scenario",
    "load_tenant_config",
    "parse_money_cents",
    "parse_scenario",
    "parse_tenant_config",
]
