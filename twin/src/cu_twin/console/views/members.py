"""Members: search results, and one member's profile with contact details masked by default."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cu_twin.console.formatting import (
    MASK,
    ResourceKind,
    aud_text,
    calendar_date,
    humanise_code,
    local_date,
    mask_date_of_birth,
    mask_email,
    mask_mobile,
    pretty_mobile,
)
from cu_twin.console.views.common import TenantView
from turingcore_client import Customer


@dataclass(frozen=True)
class MemberRow:
    customer_id: str
    name: str
    external_ref: str
    segment: str
    status: str
    locality: str
    joined: str


def _locality(address: dict[str, Any]) -> str:
    parts = [address.get("suburb"), address.get("state"), address.get("postcode")]
    return " ".join(str(p) for p in parts if p)


def _segment(customer: Customer) -> str:
    segment = (customer.risk_profile or {}).get("segment")
    return humanise_code(segment) if isinstance(segment, str) else "—"


def member_rows(customers: Sequence[Customer], tenant: TenantView) -> list[MemberRow]:
    """Search results: no contact details, only what identifies the member."""
    return [
        MemberRow(
            customer_id=c.customer_id,
            name=c.full_name,
            external_ref=c.external_ref or "—",
            segment=_segment(c),
            status=humanise_code(c.status),
            locality=_locality(c.address),
            joined=local_date(c.created_at, tenant.zone),
        )
        for c in customers
    ]


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    masked: bool = False


@dataclass(frozen=True)
class ContactView:
    """Date of birth and contact details, masked unless revealed."""

    customer_id: str
    revealed: bool
    fields: list[Field]


def contact_view(customer: Customer, *, reveal: bool) -> ContactView:
    """The member's sensitive fields; masked values keep only enough to tell members apart."""
    person, address = customer.person, customer.address
    dob = str(person.get("dateOfBirth", ""))
    email = str(person.get("email", ""))
    mobile = str(person.get("mobile", ""))
    street = ", ".join(str(address[k]) for k in ("line1", "line2") if address.get(k))
    if reveal:
        values = [calendar_date(dob) if dob else "—", email or "—", pretty_mobile(mobile), street]
    else:
        values = [mask_date_of_birth(dob), mask_email(email), mask_mobile(mobile), MASK]
    labels = ["Date of birth", "Email", "Mobile", "Street address"]
    fields = [Field(label, value, not reveal) for label, value in zip(labels, values, strict=True)]
    fields.append(Field("Locality", _locality(address) + f" {address.get('country', '')}".rstrip()))
    return ContactView(customer_id=customer.customer_id, revealed=reveal, fields=fields)


@dataclass(frozen=True)
class MemberView:
    customer_id: str
    name: str
    resource_name: str
    external_ref: str
    status: str
    joined: str
    profile: list[Field]


def _profile(customer: Customer) -> list[Field]:
    risk = customer.risk_profile or {}
    work = customer.employment or {}
    fields = [
        Field("Segment", _segment(customer)),
        Field("KYC", humanise_code(str(risk["kycStatus"])) if "kycStatus" in risk else "—"),
        Field("Credit score", str(risk.get("creditScore", "—"))),
        Field("Employment", humanise_code(str(work["status"])) if "status" in work else "—"),
    ]
    if work.get("occupation") or work.get("employer"):
        job = " at ".join(str(work[k]) for k in ("occupation", "employer") if work.get(k))
        fields.append(Field("Occupation", job))
    if isinstance(work.get("annualIncome"), str):
        fields.append(Field("Annual income", aud_text(work["annualIncome"])))
    return fields


def member_view(customer: Customer, tenant: TenantView) -> MemberView:
    """The member page's profile (nothing sensitive: that is the contact view's job)."""
    return MemberView(
        customer_id=customer.customer_id,
        name=customer.full_name,
        resource_name=tenant.name_of(ResourceKind.CUSTOMER, customer.customer_id),
        external_ref=customer.external_ref or "—",
        status=humanise_code(customer.status),
        joined=local_date(customer.created_at, tenant.zone),
        profile=_profile(customer),
    )
