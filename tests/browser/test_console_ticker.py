"""The live ticker: an entry posted to the core while the overview is open appears on it."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from cu_twin.console.formatting import aud
from tests.browser.conftest import TENANT
from tests.browser.console_support import ConsoleProcess, screenshot
from turingcore_client import Actor, Client, credit, debit, new_command_id, post_entry

pytestmark = pytest.mark.browser
TICKER_WAIT_MS = 10_000  # the console polls every 2 s


def _post_salary(api: Client, narrative: str, amount_cents: int) -> int:
    account = next(a for a in api.iter_accounts(TENANT) if a.product_code == "TXN_ACCOUNT_BASIC")
    day = date(2025, 1, 6)
    command = post_entry(
        TENANT,
        legs=[debit("GL_SALARY_CLEARING", amount_cents), credit(account.account_id, amount_cents)],
        narrative=narrative,
        booking_date=day,
        value_date=day,
        currency="AUD",
        command_id=new_command_id(),
        actor=Actor.system("console-browser-test"),
        timestamp=datetime(2025, 1, 6, 10, 0, tzinfo=ZoneInfo("Australia/Sydney")),
    )
    return api.send(command).position


def test_an_entry_posted_while_the_overview_is_open_appears_in_the_live_ticker(
    page: Page, console: ConsoleProcess, api: Client
) -> None:
    page.goto(console.url + "/")
    ticker = page.get_by_test_id("ticker")
    narrative = f"CONSOLE LIVE TEST {uuid.uuid4().hex[:8].upper()}"
    expect(ticker).not_to_contain_text(narrative)

    position = _post_salary(api, narrative, 12_345)

    expect(ticker).to_contain_text(f"{narrative} · {aud(12_345)}", timeout=TICKER_WAIT_MS)
    new_row = ticker.locator("li.is-new", has_text=narrative)
    expect(new_row).to_contain_text(f"#{position}")
    expect(page.get_by_test_id("events-count")).to_have_text(f"{position:,}")
    expect(page.get_by_test_id("head-position")).to_have_text(f"{position:,}")
    screenshot(page, "overview-live-ticker")

    new_row.get_by_role("link").click()
    expect(page.get_by_test_id("event-position")).to_have_text(str(position))


def test_pausing_live_updates_stops_the_ticker_until_resumed(
    page: Page, console: ConsoleProcess, api: Client
) -> None:
    page.goto(console.url + "/")
    toggle = page.get_by_role("button", name="Pause updates")
    toggle.click()
    expect(page.get_by_role("button", name="Resume updates")).to_have_attribute(
        "aria-pressed", "true"
    )
    narrative = f"CONSOLE PAUSE TEST {uuid.uuid4().hex[:8].upper()}"
    _post_salary(api, narrative, 100)
    page.wait_for_timeout(2_500)  # more than one polling interval
    expect(page.get_by_test_id("ticker")).not_to_contain_text(narrative)
    page.get_by_role("button", name="Resume updates").click()
    expect(page.get_by_test_id("ticker")).to_contain_text(narrative, timeout=TICKER_WAIT_MS)
