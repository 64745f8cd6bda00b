"""Customer aggregate: CreateCustomer -> CustomerCreated."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from turingcore.domain.commands import CreateCustomerCommand
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.ids import derived_id
from turingcore.domain.state import Decision, NewEvent, TenantState
from turingcore.domain.types import CustomerStatus, EventType

ADULT_AGE_YEARS = 18


def local_date(timestamp: datetime, time_zone: str) -> date:
    """The calendar date of ``timestamp`` in the tenant's time zone (ages, booking dates)."""
    return timestamp.astimezone(ZoneInfo(time_zone)).date()


def age_on(date_of_birth: date, on: date) -> int:
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


_UNIQUE_RULES = (
    ("email", Rule.EMAIL_NOT_UNIQUE),
    ("mobile", Rule.MOBILE_NOT_UNIQUE),
    ("externalRef", Rule.EXTERNAL_REF_NOT_UNIQUE),
)


def decide_create_customer(
    tenant: TenantState, taken: frozenset[str], cmd: CreateCustomerCommand
) -> Decision | Rejection:
    p = cmd.payload
    age = age_on(p.person.dateOfBirth, local_date(cmd.timestamp, tenant.time_zone))
    if age < ADULT_AGE_YEARS:
        return Rejection(
            Rule.CUSTOMER_TOO_YOUNG,
            f"a customer must be at least {ADULT_AGE_YEARS} years old",
            {"ageYears": age},
        )
    for key, rule in _UNIQUE_RULES:
        if key in taken:
            return Rejection(rule, f"another customer of this tenant has this {key}")
    customer_id = derived_id(tenant.tenant_id, cmd.commandId, "customer")
    payload = p.model_dump(mode="json", exclude_none=True)
    payload["customerId"] = customer_id
    payload["fullName"] = f"{p.person.firstName} {p.person.lastName}"
    payload["status"] = CustomerStatus.ACTIVE.value
    event = NewEvent(EventType.CUSTOMER_CREATED, customer_id, payload)
    return Decision([event], {"customerId": customer_id})
