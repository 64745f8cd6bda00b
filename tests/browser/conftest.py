"""Fixtures of the console's browser tests: one seeded core, one console, one Chromium.

The core is seeded once per session by ``twin demo --console`` (20 members x 5 days, a few
seconds), which then serves the console with the run's report: the real process an
operator starts. Chromium is Debian's (``scripts/system-packages``), never a downloaded one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.console_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    ConsoleProcess,
)
from tests.support.core_process import CoreProcess
from turingcore_client import Client

TENANT = "CU_DIGITAL"
RUN_ARGS = ("--customers", "20", "--days", "5", "--seed", "11")


# Package scope, not session: Playwright's sync API keeps an event loop running while it is
# open, which would break every later test that calls asyncio.run().


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives the operator console in real Chromium")


@dataclass(frozen=True)
class Seeded:
    core: CoreProcess
    report_path: Path
    report: dict[str, Any]
    console: ConsoleProcess


@pytest.fixture(scope="package")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """A core holding CU_DIGITAL after ``twin demo --console`` ran a short steady state on it;
    the demo then serves the console (with the run's report) until it is stopped."""
    base = tmp_path_factory.mktemp("console-core")
    core = CoreProcess(base / "data").start()
    report_path = base / "run.json"
    demo = ConsoleProcess.twin_demo(core, report_path, *RUN_ARGS)
    try:
        demo.start(base)
        report = json.loads(report_path.read_text(encoding="utf-8"))
        yield Seeded(core, report_path, report, demo)
        assert demo.stop() == 0, f"twin demo --console did not stop cleanly:\n{demo.output}"
    finally:
        demo.stop()
        core.stop()


@pytest.fixture(scope="package")
def api(seeded: Seeded) -> Iterator[Client]:
    """The typed client with the admin key: the truth the pages are checked against."""
    with Client(seeded.core.url, seeded.core.admin_key) as client:
        yield client


@pytest.fixture(scope="package")
def console(seeded: Seeded) -> ConsoleProcess:
    """The console ``twin demo --console`` serves: it was given the admin key (and made
    itself a tenant:reader key) and the run's report."""
    return seeded.console


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run scripts/system-packages (installs Debian's chromium)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=DESKTOP, locale="en-AU", timezone_id="Australia/Sydney")
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
