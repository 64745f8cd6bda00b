"""An operator's walk through the console, every number checked against the public API."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from cu_twin.console.formatting import aud
from tests.browser.conftest import TENANT, Seeded
from tests.browser.console_support import ConsoleProcess, screenshot, text_of
from turingcore_client import Account, Client

pytestmark = pytest.mark.browser


def _busiest_member(api: Client) -> str:
    """The member with the most accounts (a loan or card among them, in this seed)."""
    owners = Counter(a.customer_id for a in api.iter_accounts(TENANT))
    return owners.most_common(1)[0][0] or ""


def _cents_by_type(accounts: list[Account], types: set[str]) -> int:
    return sum(a.balance_cents for a in accounts if a.type in types)


def test_the_overview_shows_the_books_exactly_as_the_api_reports_them(
    page: Page, console: ConsoleProcess, api: Client, seeded: Seeded
) -> None:
    accounts = list(api.iter_accounts(TENANT))
    head = api.get_chain_head(TENANT)
    page.goto(console.url + "/")
    expect(page).to_have_title(re.compile("Overview"))
    assert text_of(page, "members-count") == f"{api.list_customers(TENANT, limit=1).total:,}"
    assert text_of(page, "accounts-count") == f"{len(accounts):,}"
    assert text_of(page, "deposits") == aud(_cents_by_type(accounts, {"DEPOSIT", "TERM_DEPOSIT"}))
    assert text_of(page, "loans") == aud(_cents_by_type(accounts, {"LOAN"}))
    assert text_of(page, "cards") == aud(_cents_by_type(accounts, {"CREDIT_CARD"}))
    assert text_of(page, "events-count") == f"{head.position:,}"
    assert text_of(page, "head-position") == f"{head.position:,}"
    assert text_of(page, "books") == "Balanced"
    invariants = len(seeded.report["invariants"])
    assert text_of(page, "report-verdict") == f"All {invariants} invariants held"
    page.get_by_role("button", name="Verify chain").click()
    expect(page.get_by_test_id("verify-verdict")).to_contain_text(
        f"Chain intact: all {api.verify_chain(TENANT).checked:,} events"
    )
    screenshot(page, "overview-verified")


def test_overview_to_member_search_to_member_to_account_to_event_to_command(
    page: Page, console: ConsoleProcess, api: Client
) -> None:
    member = api.get_customer(TENANT, _busiest_member(api))
    accounts = {a.account_id: a for a in api.iter_accounts(TENANT, customer_id=member.customer_id)}

    page.goto(console.url + "/")
    page.get_by_role("link", name="Members", exact=True).click()
    page.get_by_label("Name, email or member number").fill(member.external_ref or "")
    expect(page.get_by_test_id("results-count")).to_have_text(
        re.compile(rf"^1 member matching “{member.external_ref}”")
    )
    page.get_by_role("link", name=member.full_name).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(member.full_name)
    expect(page.get_by_text(f"tc:au:{TENANT}:customer:{member.customer_id}")).to_be_visible()
    rows = page.get_by_test_id("member-accounts").locator("tbody tr")
    expect(rows).to_have_count(len(accounts))
    shown = {
        rows.nth(i).get_by_role("link").first.get_attribute("href"): rows.nth(i)
        .get_by_test_id("account-balance")
        .inner_text()
        for i in range(rows.count())
    }
    assert {
        href.removeprefix("/accounts/"): text.split()[0] for href, text in shown.items() if href
    } == {a.account_id: aud(a.balance_cents) for a in accounts.values()}

    account = max(
        accounts.values(),
        key=lambda a: api.list_account_events(TENANT, a.account_id, limit=1).total,
    )
    page.locator(f'a[href="/accounts/{account.account_id}"]').first.click()
    expect(page.get_by_test_id("balance")).to_have_text(aud(account.balance_cents))
    expect(page.get_by_test_id("available-balance")).to_have_text(
        aud(account.available_balance_cents)
    )
    expect(page.get_by_text(f"tc:au:{TENANT}:account:{account.account_id}")).to_be_visible()
    latest_balance = page.get_by_test_id("running-balance").first.inner_text()
    assert latest_balance == aud(account.balance_cents), "newest transaction ends on the balance"

    events = list(api.iter_account_events(TENANT, account.account_id))
    newest = events[-1]
    first_link = page.get_by_test_id("timeline-position").first
    expect(first_link).to_have_text(f"#{newest.position}")
    first_link.click()

    expect(page.get_by_test_id("event-position")).to_have_text(str(newest.position))
    expect(page.get_by_test_id("event-hash")).to_have_text(newest.hash)
    expect(page.get_by_text(f"tc:au:{TENANT}:event:{newest.event_id}")).to_be_visible()
    page.get_by_test_id("causation-link").click()

    expect(page.get_by_test_id("command-id")).to_have_text(newest.causation_id)
    expect(page.get_by_test_id("command-events")).to_contain_text(f"#{newest.position}")


def test_member_search_by_name_email_and_segment_matches_the_api(
    page: Page, console: ConsoleProcess, api: Client
) -> None:
    member = api.get_customer(TENANT, _busiest_member(api))
    last_name = str(member.person["lastName"])
    email = str(member.person["email"])
    page.goto(console.url + "/members")
    search = page.get_by_label("Name, email or member number")
    for text in (last_name, email):
        search.fill(text)
        total = api.list_customers(TENANT, q=text).total
        expect(page.get_by_test_id("results-count")).to_contain_text(f"{total:,} member")
        expect(page.get_by_role("link", name=member.full_name)).to_be_visible()
    search.fill("")
    page.get_by_label("Segment").select_option("YOUTH")
    youth = api.list_customers(TENANT, segment="YOUTH").total
    expect(page.get_by_test_id("results-count")).to_contain_text(f"{youth:,} member")
    assert "segment=YOUTH" in page.url, "the search is in the address, so it can be shared"
    search.fill("no-such-member-zzz")
    expect(page.get_by_role("heading", name="No members found")).to_be_visible()


def test_contact_details_stay_masked_until_revealed_then_the_api_values_show(
    page: Page, console: ConsoleProcess, api: Client
) -> None:
    member = api.get_customer(TENANT, _busiest_member(api))
    email, dob = str(member.person["email"]), str(member.person["dateOfBirth"])
    page.goto(f"{console.url}/members/{member.customer_id}")
    assert (
        email not in page.content() and dob[:4] not in page.get_by_test_id("contact").inner_text()
    )
    page.get_by_role("link", name="Reveal identity and contact details").click()
    expect(page.locator('[data-field="Email"]')).to_have_text(email)
    hide = page.get_by_role("link", name="Hide identity and contact details")
    expect(hide).to_be_focused()
    assert f"contact details of customer {member.customer_id} revealed" in console.output
    hide.click()
    expect(page.locator('[data-field="Email"]')).not_to_contain_text(email)


def test_trial_balance_totals_match_the_api_and_debits_equal_credits(
    page: Page, console: ConsoleProcess, api: Client
) -> None:
    tb = api.get_trial_balance(TENANT)
    page.goto(console.url + "/ledger/trial-balance")
    assert text_of(page, "total-debits") == aud(tb.totals.debits_cents)
    assert text_of(page, "total-credits") == aud(tb.totals.credits_cents)
    assert text_of(page, "total-debits") == text_of(page, "total-credits")
    expect(page.get_by_test_id("tb-verdict")).to_contain_text("Balanced")


def test_the_product_catalogue_lists_every_product(
    page: Page, console: ConsoleProcess, api: Client
) -> None:
    products = api.list_products(TENANT)
    page.goto(console.url + "/products")
    expect(page.locator("article.card")).to_have_count(len(products))
    for product in products:
        expect(page.locator(f"#product-{product.product_code} h2")).to_have_text(product.name)


def test_a_resource_name_is_copied_to_the_clipboard(
    context: BrowserContext, console: ConsoleProcess, api: Client
) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=console.url)
    page = context.new_page()
    member = api.get_customer(TENANT, _busiest_member(api))
    page.goto(f"{console.url}/members/{member.customer_id}")
    page.get_by_role("button", name="Copy resource name").click()
    name = f"tc:au:{TENANT}:customer:{member.customer_id}"
    expect(page.locator("#announcer")).to_have_text(f"Copied {name}")
    assert page.evaluate("navigator.clipboard.readText()") == name


def test_the_keyboard_reaches_the_content_first_and_focus_is_visible(
    page: Page, console: ConsoleProcess
) -> None:
    page.goto(console.url + "/members")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    outline = skip.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "focus must be visible"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Name, email or member number")).to_be_focused()


def test_unknown_pages_and_ids_get_a_friendly_not_found_page(
    page: Page, console: ConsoleProcess
) -> None:
    for path in ("/members/no-such-member", "/accounts/no-such-account", "/events/999999", "/nope"):
        response = page.goto(console.url + path)
        assert response is not None and response.status == 404, path
        expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
        expect(page.get_by_role("link", name="Go to the overview")).to_be_visible()
