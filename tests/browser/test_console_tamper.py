"""The verify button on a core whose database was tampered with reports the broken position.

A snapshot of the seeded core's database has one event body edited behind the core's back
(the append-only trigger dropped first), as an attacker with file access would; a second
core serves the copy and the console reads it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from cu_twin.console import ConsoleSettings, create_app
from cu_twin.console.server import reader_key
from tests.browser.conftest import Seeded
from tests.browser.console_support import in_process_server, screenshot
from tests.support.core_process import CoreProcess
from turingcore_client import Client

pytestmark = pytest.mark.browser
TENANT = "CU_DIGITAL"
DB_FILE = "turingcore.sqlite3"


def _tamper(data_dir: Path) -> int:
    """Edit the body of the first salary entry; return its position."""
    db = sqlite3.connect(data_dir / DB_FILE)
    try:
        db.execute("DROP TRIGGER events_are_append_only_update")
        position: int = db.execute(
            "SELECT position FROM events WHERE tenant_id = ? AND event_type = 'EntryPosted' "
            "AND body LIKE '%SALARY%' ORDER BY position LIMIT 1",
            (TENANT,),
        ).fetchone()[0]
        body: str = db.execute(
            "SELECT body FROM events WHERE tenant_id = ? AND position = ?", (TENANT, position)
        ).fetchone()[0]
        tampered = body.replace('"direction":"CREDIT"', '"direction":"CREDIT","note":"x"', 1)
        assert tampered != body
        db.execute(
            "UPDATE events SET body = ? WHERE tenant_id = ? AND position = ?",
            (tampered, TENANT, position),
        )
        db.commit()
    finally:
        db.close()
    return position


@pytest.fixture(scope="module")
def tampered_core(
    seeded: Seeded, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[CoreProcess, int]]:
    """A second core on a tampered snapshot of the session's seeded core."""
    copy = tmp_path_factory.mktemp("tampered") / "data"
    copy.mkdir()
    source = sqlite3.connect(f"file:{seeded.core.data_dir / DB_FILE}?mode=ro", uri=True)
    target = sqlite3.connect(copy / DB_FILE)
    try:
        source.backup(target)  # a consistent snapshot of the live database
    finally:
        source.close()
        target.close()
    position = _tamper(copy)
    core = CoreProcess(copy, admin_key=seeded.core.admin_key).start()
    yield core, position
    core.stop()


def test_the_verify_button_reports_a_tampered_chain_at_the_edited_position(
    page: Page, tampered_core: tuple[CoreProcess, int]
) -> None:
    core, position = tampered_core
    with Client(core.url, core.admin_key) as admin:
        verdict = admin.verify_chain(TENANT)
    assert verdict.valid is False and verdict.first_bad_position == position

    with (
        reader_key(core.url, core.admin_key, TENANT) as key,
        Client(core.url, key.key) as reader,
        in_process_server(create_app(reader, ConsoleSettings(tenant_id=TENANT))) as url,
    ):
        page.goto(url + "/")
        page.get_by_role("button", name="Verify chain").click()
        result = page.get_by_test_id("verify-verdict")
        expect(result).to_contain_text(f"Chain BROKEN at position {position}")
        expect(result).to_have_class("verdict verdict-bad")
        screenshot(page, "overview-tampered-chain")
        result.get_by_role("link", name=f"Open event #{position}").click()
        expect(page.get_by_test_id("event-position")).to_have_text(str(position))
