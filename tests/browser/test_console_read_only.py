"""The console cannot change state: GET routes only, no form that posts, a read-only key.

The rule is held three ways: the app factory takes a ``CoreReader`` (queries only, checked
by mypy), the app has no route but GET/HEAD, and no rendered page holds a writing form.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.routing import BaseRoute, Mount

from cu_twin.console import ConsoleSettings, CoreReader, create_app
from cu_twin.console.server import READER_KEY_LABEL, ConsoleStartError, reader_key_for
from tests.browser.conftest import TENANT, Seeded
from tests.browser.console_support import ConsoleProcess
from tests.support.core_process import free_port
from turingcore_client import ApiKey, Client

pytestmark = pytest.mark.browser
QUERY_METHODS = {
    "get_tenant",
    "list_products",
    "list_customers",
    "get_customer",
    "list_accounts",
    "get_account",
    "list_account_events",
    "list_events",
    "get_trial_balance",
    "get_chain_head",
    "verify_chain",
}
CRAWL_PAGES_MAX = 60
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
HX_WRITES = ("hx-post", "hx-put", "hx-patch", "hx-delete")


def _leaf_routes(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    """Every route, looking inside included routers (newer FastAPI keeps them nested)."""
    for route in routes:
        included = getattr(route, "original_router", None)
        if included is not None:
            yield from _leaf_routes(included.routes)
        else:
            yield route


def test_the_console_app_has_only_get_routes_and_a_static_mount() -> None:
    with Client("http://127.0.0.1:9", "unused") as client:
        app = create_app(client, ConsoleSettings())
    routes = list(_leaf_routes(app.routes))
    assert sum(isinstance(r, APIRoute) for r in routes) >= 10
    for route in routes:
        if isinstance(route, APIRoute):
            assert route.methods <= {"GET", "HEAD"}, (route.path, route.methods)
        else:
            assert isinstance(route, Mount) and isinstance(route.app, StaticFiles), route
    paths = {getattr(r, "path", "") for r in routes}
    assert not paths & {"/openapi.json", "/docs", "/redoc"}


def test_the_reader_the_app_is_built_on_names_queries_only() -> None:
    public = {name for name in vars(CoreReader) if not name.startswith("_")}
    assert public == QUERY_METHODS


class _Page(HTMLParser):
    """Links to follow, and every form or htmx attribute that could write."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.writers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and (found.get("method") or "get").lower() != "get":
            self.writers.append(f"<form method={found.get('method')}>")
        self.writers += [f"<{tag} {a}>" for a in HX_WRITES if a in found]
        href = found.get("href")
        if tag == "a" and href and href.startswith("/") and not href.startswith("/static/"):
            self.links.append(href.split("#")[0])


def _crawl(start_url: str) -> Iterator[tuple[str, _Page]]:
    seen: set[str] = set()
    queue = ["/", "/members?reveal=true", "/chain/verify"]
    with httpx.Client(base_url=start_url, timeout=30) as http:
        while queue and len(seen) < CRAWL_PAGES_MAX:
            path = queue.pop(0)
            if path in seen:
                continue
            seen.add(path)
            response = http.get(path)
            parsed = _Page()
            parsed.feed(response.text)
            yield path, parsed
            queue += [link for link in parsed.links if link not in seen]


def test_no_rendered_page_has_a_form_or_control_that_writes(console: ConsoleProcess) -> None:
    crawled = dict(_crawl(console.url))
    assert len(crawled) >= 20, "the crawl should reach members, accounts, events and commands"
    assert any(p.startswith("/commands/") for p in crawled)
    writers = {path: page.writers for path, page in crawled.items() if page.writers}
    assert writers == {}


@pytest.mark.parametrize("path", ["/", "/members", "/chain/verify", "/live", "/events/1"])
def test_every_write_method_is_refused_with_a_read_only_page(
    console: ConsoleProcess, path: str
) -> None:
    for method in WRITE_METHODS:
        response = httpx.request(method, console.url + path, timeout=30)
        assert response.status_code == 405, (method, path)
        assert "Read-only console" in response.text
        assert response.headers["allow"] == "GET, HEAD"


def _console_keys(api: Client) -> dict[str, ApiKey]:
    return {k.key_id: k for k in api.list_api_keys() if k.label == READER_KEY_LABEL}


def test_twin_console_reads_with_a_new_tenant_reader_key_and_revokes_it_on_exit(
    seeded: Seeded, api: Client, tmp_path_factory: pytest.TempPathFactory
) -> None:
    before = _console_keys(api)
    process = ConsoleProcess.twin_console(seeded.core)
    process.start(tmp_path_factory.mktemp("console-key-log"))
    try:
        created = {k: v for k, v in _console_keys(api).items() if k not in before}
        assert len(created) == 1
        key = next(iter(created.values()))
        assert (key.scope, key.tenant_id, key.revoked_at) == ("tenant:reader", TENANT, None)
        assert httpx.get(process.url + "/", timeout=30).status_code == 200
    finally:
        code = process.stop()
    assert code == 0, "SIGTERM is a clean stop"
    assert _console_keys(api)[key.key_id].revoked_at is not None


def test_a_non_admin_key_is_used_as_given_and_a_bad_key_or_core_is_refused(
    seeded: Seeded, api: Client
) -> None:
    reader = api.create_api_key("tenant:reader", tenant_id=TENANT, label="console test reader")
    try:
        chosen = reader_key_for(seeded.core.url, reader.key, TENANT)
        assert (chosen.key, chosen.created_key_id) == (reader.key, None)
        with pytest.raises(ConsoleStartError, match="cannot read tenant CU_NOPE"):
            reader_key_for(seeded.core.url, reader.key, "CU_NOPE")
    finally:
        api.revoke_api_key(reader.key_id)
    with pytest.raises(ConsoleStartError, match="refused the API key"):
        reader_key_for(seeded.core.url, reader.key, TENANT)
    with pytest.raises(ConsoleStartError, match="cannot reach the core"):
        reader_key_for(f"http://127.0.0.1:{free_port()}", reader.key, TENANT)
