"""Every page: axe-core finds no serious or critical violation, nothing scrolls sideways at
375 px, and a screenshot at desktop and phone width is saved for review."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import TENANT
from tests.browser.console_support import (
    PHONE,
    ConsoleProcess,
    describe,
    screenshot,
    serious_violations,
)
from turingcore_client import Client

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Paths:
    member: str
    account: str
    event: str
    command: str


@pytest.fixture(scope="module")
def paths(api: Client) -> Paths:
    account = max(
        api.iter_accounts(TENANT),
        key=lambda a: api.list_account_events(TENANT, a.account_id, limit=1).total,
    )
    event = list(api.iter_account_events(TENANT, account.account_id))[-1]
    return Paths(
        member=f"/members/{account.customer_id}",
        account=f"/accounts/{account.account_id}",
        event=f"/events/{event.position}",
        command=f"/commands/{event.causation_id}?near={event.position}",
    )


PAGES = {
    "overview": lambda p: "/",
    "members": lambda p: "/members",
    "member": lambda p: p.member,
    "account": lambda p: p.account,
    "event": lambda p: p.event,
    "command": lambda p: p.command,
    "trial-balance": lambda p: "/ledger/trial-balance",
    "products": lambda p: "/products",
    "verify": lambda p: "/chain/verify",
    "not-found": lambda p: "/members/no-such-member",
}


@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_is_accessible_and_fits_a_phone(
    name: str, page: Page, console: ConsoleProcess, paths: Paths
) -> None:
    page.goto(console.url + PAGES[name](paths))
    found = serious_violations(page)
    assert not found, f"{name}:\n{describe(found)}"
    screenshot(page, name)
    page.set_viewport_size(PHONE)  # the same page re-laid out at phone width
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {PHONE['width']} px"
    screenshot(page, name)
