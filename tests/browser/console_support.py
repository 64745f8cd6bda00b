"""Helpers for the console's browser tests: the console process, Chromium, axe, screenshots."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from axe_playwright_python.sync_playwright import Axe
from fastapi import FastAPI
from playwright.sync_api import Page

from tests.support.core_process import CoreProcess, free_port
from tests.support.twin_cli import TWIN

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "console"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
READY_TIMEOUT_S = 30.0
DEMO_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 15.0
SERIOUS = ("serious", "critical")
SCREENSHOT_HEIGHT_MAX = 2_600


@dataclass
class ConsoleProcess:
    """A console served by the ``twin`` command, on a free loopback port.

    ``twin_console`` starts ``twin console``; ``twin_demo`` runs ``twin demo --console``,
    which runs a scenario against the core first and then serves the console.
    """

    args: list[str]
    port: int
    ready_timeout_s: float = READY_TIMEOUT_S
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path | None = None

    @classmethod
    def twin_console(
        cls, core: CoreProcess, *, report: Path | None = None, api_key: str | None = None
    ) -> ConsoleProcess:
        port = free_port()
        args = ["console", "--core-url", core.url, "--api-key", api_key or core.admin_key]
        args += ["--port", str(port), *(["--report", str(report)] if report else [])]
        return cls(args, port)

    @classmethod
    def twin_demo(cls, core: CoreProcess, report: Path, *run_args: str) -> ConsoleProcess:
        port = free_port()
        args = ["demo", "--core-url", core.url, "--api-key", core.admin_key, *run_args]
        args += ["--json-out", str(report), "--console", "--console-port", str(port)]
        return cls(args, port, ready_timeout_s=DEMO_TIMEOUT_S)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8") if self.log_path else ""

    def start(self, log_dir: Path) -> ConsoleProcess:
        self.log_path = log_dir / f"twin-{self.args[0]}-{self.port}.log"
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(TWIN), *self.args],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "COLUMNS": "200"},
            )
        wait_until_serving(self.url, self.proc, self.log_path, self.ready_timeout_s)
        return self

    def stop(self) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def wait_until_serving(
    url: str,
    proc: subprocess.Popen[bytes] | None = None,
    log: Path | None = None,
    timeout_s: float = READY_TIMEOUT_S,
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            text = log.read_text() if log else ""
            raise RuntimeError(f"the console exited with {proc.returncode}:\n{text[-3000:]}")
        try:
            if httpx.get(f"{url}/static/console.css", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"the console at {url} did not start")


@contextmanager
def in_process_server(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a free port in a thread; yields its URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url)
        yield url
    finally:
        server.should_exit = True
        thread.join(STOP_TIMEOUT_S)


def screenshot(page: Page, name: str) -> Path:
    """Save the page (its first ``SCREENSHOT_HEIGHT_MAX`` px) under test-artifacts/console/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"] if page.viewport_size else DESKTOP["width"]
    path = ARTIFACTS / f"{name}-{'phone' if width < 600 else 'desktop'}.png"
    height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_HEIGHT_MAX)
    clip = {"x": 0, "y": 0, "width": width, "height": height}
    page.screenshot(path=str(path), full_page=True, clip=clip)
    return path


def serious_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations of the page as it is now."""
    results = Axe().run(page)
    violations: list[dict[str, Any]] = results.response["violations"]
    return [v for v in violations if v.get("impact") in SERIOUS]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + ", ".join(str(n.get("target")) for n in v.get("nodes", [])[:3])
        for v in violations
    )


def text_of(page: Page, test_id: str) -> str:
    return page.get_by_test_id(test_id).first.inner_text().strip()
