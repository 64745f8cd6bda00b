"""needs(command): exactly the state the shell must load before ``decide``."""

from __future__ import annotations

from tests.unit.core.builders import CUSTOMER_ID, command, leg, post_entry, transfer
from turingcore.domain.snapshot import Needs, needs


def test_create_tenant_needs_nothing_loaded() -> None:
    payload = {
        "tenantCode": "CU_NEW",
        "displayName": "New",
        "region": "AU",
        "baseCurrency": "AUD",
        "timeZone": "UTC",
    }

    assert needs(command("CreateTenant", payload, tenant_id="CU_NEW")) == Needs()


def test_upsert_product_needs_the_product_it_upserts() -> None:
    cmd = command("UpsertProduct", {"productCode": "SAVER", "name": "S", "productType": "DEPOSIT"})

    assert needs(cmd) == Needs(product_codes=("SAVER",))


def test_create_customer_needs_its_keys_with_the_email_lowercased() -> None:
    payload = {
        "externalRef": "MEM-1",
        "person": {
            "firstName": "Ada",
            "lastName": "Lovelace",
            "dateOfBirth": "1990-06-15",
            "email": "Ada@Example.COM",
            "mobile": "+61412345678",
        },
        "address": {
            "line1": "1 George St",
            "suburb": "Sydney",
            "state": "NSW",
            "postcode": "2000",
            "country": "AU",
        },
    }

    assert needs(command("CreateCustomer", payload)).customer_keys == (
        "ada@example.com",
        "+61412345678",
        "MEM-1",
    )


def test_open_account_needs_customer_product_funding_gls_and_the_disbursement_account() -> None:
    payload = {
        "customerId": CUSTOMER_ID,
        "productCode": "HOME",
        "currency": "AUD",
        "principal": "1000",
        "disbursementAccountId": "acc-everyday",
    }

    loaded = needs(command("OpenAccount", payload))

    assert loaded.product_codes == ("HOME",)
    assert loaded.customer_ids == (CUSTOMER_ID,)
    assert set(loaded.account_ids) == {"GL_OPENING_FUNDS", "GL_LOAN_FUNDING", "acc-everyday"}


def test_post_entry_needs_each_leg_account_once_in_leg_order() -> None:
    legs = [
        *transfer("acc-b", "acc-a", "1.00"),
        leg("acc-b", "DEBIT", "2"),
        leg("GL_ATM_CASH", "CREDIT", "2"),
    ]

    assert needs(post_entry(legs)).account_ids == ("acc-b", "acc-a", "GL_ATM_CASH")
