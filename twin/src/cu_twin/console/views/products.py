"""The product catalogue: each product's headline rate and its terms in words."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cu_twin.console.formatting import (
    ResourceKind,
    aud_text,
    humanise_code,
    humanise_key,
    percent_text,
)
from cu_twin.console.views.common import TenantView
from turingcore_client import Product

SECTIONS = ("interest", "fees", "constraints", "creditCriteria", "eligibility", "rewards")
HEADLINE_RATE_KEYS = (("rate", ""), ("purchaseRate", " on purchases"), ("baseRate", " base"))
TYPE_ORDER = ("DEPOSIT", "TERM_DEPOSIT", "LOAN", "CREDIT_CARD")
RATIO_KEYS = frozenset({"rate", "maxLvr", "maxDebtToIncome"})
MONEY_WORDS = ("Fee", "Balance", "Amount", "Limit", "Income", "Deposit")
_DECIMAL = re.compile(r"^-?\d+(\.\d{1,2})?$")
_RATE = re.compile(r"^\d+(\.\d+)?$")
_CODE = re.compile(r"^[A-Z][A-Z0-9_]*$")


def term_text(key: str, value: Any) -> str:
    """One product term as an operator reads it (rates as %, money as AUD, codes in words)."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        if (key in RATIO_KEYS or key.endswith("Rate")) and _RATE.match(value):
            return percent_text(value)
        if any(word in key[:1].upper() + key[1:] for word in MONEY_WORDS) and _DECIMAL.match(value):
            return aud_text(value)
        return humanise_code(value) if _CODE.match(value) else value
    if isinstance(value, list):
        return ", ".join(term_text(key, v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{humanise_key(k)} {term_text(k, v)}" for k, v in value.items())
    return str(value)


@dataclass(frozen=True)
class Term:
    label: str
    value: str


@dataclass(frozen=True)
class TermSection:
    title: str
    terms: list[Term]


@dataclass(frozen=True)
class ProductView:
    code: str
    name: str
    resource_name: str
    type_label: str
    category: str
    description: str
    headline_rate: str
    features: str
    sections: list[TermSection]


def _headline(interest: Any) -> str:
    if isinstance(interest, dict):
        for key, qualifier in HEADLINE_RATE_KEYS:
            if isinstance(interest.get(key), str):
                return percent_text(interest[key]) + " p.a." + qualifier
    return "—"


def product_views(products: Sequence[Product], tenant: TenantView) -> list[ProductView]:
    """The catalogue, grouped by type then code, every optional section spelled out."""
    views = []

    def order(p: Product) -> tuple[int, str]:
        kinds = (*TYPE_ORDER, p.product_type)
        return kinds.index(p.product_type), p.product_code

    for product in sorted(products, key=order):
        extra = product.model_extra or {}
        sections = [
            TermSection(
                humanise_key(name),
                [Term(humanise_key(k), term_text(k, v)) for k, v in extra[name].items()],
            )
            for name in SECTIONS
            if isinstance(extra.get(name), dict) and extra[name]
        ]
        features = extra.get("features")
        views.append(
            ProductView(
                code=product.product_code,
                name=product.name,
                resource_name=tenant.name_of(ResourceKind.PRODUCT, product.product_code),
                type_label=humanise_code(product.product_type),
                category=humanise_code(str(extra["category"])) if extra.get("category") else "—",
                description=str(extra.get("description", "")),
                headline_rate=_headline(extra.get("interest")),
                features=", ".join(str(f).replace("_", " ") for f in features)
                if isinstance(features, list)
                else "",
                sections=sections,
            )
        )
    return views
