"""Error and empty states: core down, a key for another tenant, bad addresses, no members."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from playwright.sync_api import Page, expect

from cu_twin.console import ConsoleSettings, create_app
from cu_twin.console.server import reader_key
from tests.browser.conftest import TENANT, Seeded
from tests.browser.console_support import ConsoleProcess, in_process_server, screenshot
from tests.support.core_process import free_port
from turingcore_client import Actor, Client, create_tenant, new_command_id

pytestmark = pytest.mark.browser
EMPTY_TENANT = "CU_EMPTY"


def _dead_core_url() -> str:
    return f"http://127.0.0.1:{free_port()}"  # nothing listens there


def test_a_core_that_is_down_gives_a_friendly_503_page_and_a_calm_ticker(page: Page) -> None:
    with Client(_dead_core_url(), "unused", retries=0) as dead:
        app = create_app(dead, ConsoleSettings(), core_url_hint="the core's URL")
        with in_process_server(app) as url:
            response = httpx.get(url + "/")
            assert response.status_code == 503
            assert "The core is not reachable" in response.text
            assert "Traceback" not in response.text
            live = httpx.get(url + "/live?after=5", headers={"HX-Request": "true"})
            assert live.status_code == 200 and "retrying" in live.text
            assert 'hx-get="/live?after=5"' in live.text, "the ticker keeps polling"
            page.goto(url + "/members")
            expect(page.get_by_role("heading", level=1)).to_have_text("The core is not reachable")
            screenshot(page, "error-core-down")


def test_a_key_of_another_tenant_gives_a_friendly_403_page(seeded: Seeded) -> None:
    with (
        reader_key(seeded.core.url, seeded.core.admin_key, TENANT) as key,
        Client(seeded.core.url, key.key) as reader,
    ):
        app = create_app(reader, ConsoleSettings(tenant_id="CU_SOMEONE_ELSE"))
        with in_process_server(app) as url:
            response = httpx.get(url + "/members", timeout=30)
    assert response.status_code == 403
    assert "Not allowed" in response.text and "tenant:reader key" in response.text


INVALID_PATHS = (
    "/members?page=0",
    "/members?segment=NOBODY",
    "/events/0",
    "/commands/x",
    "/members?q=" + "x" * 101,
    "/accounts/" + "x" * 65,
)


def test_an_invalid_address_gives_a_friendly_400_page(console: ConsoleProcess) -> None:
    for path in INVALID_PATHS:
        response = httpx.get(console.url + path, timeout=30)
        assert response.status_code == 400, path
        assert "Invalid address" in response.text


@pytest.fixture(scope="module")
def empty_tenant(api: Client) -> Iterator[str]:
    api.send(
        create_tenant(
            EMPTY_TENANT,
            display_name="An empty credit union",
            region="AU",
            base_currency="AUD",
            time_zone="Australia/Perth",
            command_id=new_command_id(),
            actor=Actor.system("console-browser-test"),
            timestamp=datetime(2025, 1, 1, tzinfo=UTC),
        )
    )
    yield EMPTY_TENANT


def test_a_tenant_without_members_shows_empty_states(
    page: Page, seeded: Seeded, empty_tenant: str
) -> None:
    with (
        reader_key(seeded.core.url, seeded.core.admin_key, empty_tenant) as key,
        Client(seeded.core.url, key.key) as reader,
        in_process_server(create_app(reader, ConsoleSettings(tenant_id=empty_tenant))) as url,
    ):
        page.goto(url + "/")
        expect(page.get_by_test_id("members-count")).to_have_text("0")
        expect(page.get_by_text("No run report given")).to_be_visible()
        expect(page.get_by_text("Times in Australia/Perth")).to_be_visible()
        page.goto(url + "/members")
        expect(page.get_by_role("heading", name="No members found")).to_be_visible()
        expect(page.get_by_text("This tenant has no members yet.")).to_be_visible()
        screenshot(page, "members-empty")
        page.goto(url + "/products")
        expect(page.get_by_role("heading", name="No products")).to_be_visible()
