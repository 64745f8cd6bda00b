"""`twin demo|run --observe` and `--pushgateway`, run as a user would, against a real core."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from cu_twin.observe.metrics import TWIN_METRIC_NAMES
from cu_twin.observe.panel import TITLE, TITLES
from tests.support.api import Api
from tests.support.core_process import CoreProcess, free_port
from tests.support.twin_cli import TWIN, twin

SMALL = ("--customers", "30", "--days", "10")
REPORT_HEADING = "Invariants (checked from outside"


@dataclass
class Recorded:
    method: str
    path: str
    body: str


@dataclass
class RecordingGateway:
    """A stand-in Pushgateway: a real HTTP server that keeps every request it receives."""

    requests: list[Recorded] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> RecordingGateway:
        received = self.requests

        class Handler(BaseHTTPRequestHandler):
            def _record(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode()
                received.append(Recorded(self.command, self.path, body))
                self.send_response(200)
                self.end_headers()

            do_PUT = do_POST = _record

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def gateway() -> Iterator[RecordingGateway]:
    recording = RecordingGateway().start()
    yield recording
    recording.stop()


def _scrapes_of_metrics(core: CoreProcess) -> float:
    text = httpx.get(f"{core.url}/metrics", timeout=10).text
    return sum(
        s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == "turingcore_http_requests_total" and s.labels.get("route") == "/metrics"
    )


def _number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found is not None, f"{pattern!r} not in:\n{text}"
    return int(found.group(1).replace(",", ""))


def test_demo_with_observe_draws_the_panel_and_still_ends_green_even_if_the_push_fails(
    core: CoreProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CU_TWIN_PUSHGATEWAY", f"http://127.0.0.1:{free_port()}")
    out = tmp_path / "report.json"
    result = twin(core, "demo", "--observe", *SMALL, "--json-out", str(out))
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["passed"] is True, report["invariants"]
    assert TITLE in result.stdout and REPORT_HEADING in result.stdout
    panel = result.stdout[result.stdout.index(TITLE) : result.stdout.index(REPORT_HEADING)]
    for title in TITLES:
        assert title in panel, title
    assert "/metrics unreachable" not in panel
    assert _number(r"commands sent ([\d,]+)", panel) == report["counts"]["commandsSent"] > 0
    assert _number(r"\bcommands\s{2,}([\d,]+)\s", panel) > 0  # the core's own count
    assert "ALL INVARIANTS GREEN" in result.stdout
    assert "warning" in result.stderr and "not pushed" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_pushes_its_invariants_and_commands_and_without_observe_never_scrapes(
    core: CoreProcess, tmp_path: Path, gateway: RecordingGateway
) -> None:
    out = tmp_path / "report.json"
    scrapes_before = _scrapes_of_metrics(core)
    result = twin(
        core, "run", "steady-state", *SMALL, "--pushgateway", gateway.url, "--json-out", str(out)
    )
    scrapes_after = _scrapes_of_metrics(core)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert scrapes_after - scrapes_before == 1  # our own first read, nothing from the twin
    assert TITLE not in result.stdout

    assert [(r.method, r.path) for r in gateway.requests] == [
        ("PUT", "/metrics/job/cu_twin/tenant/CU_DIGITAL")
    ]
    samples = [
        s
        for family in text_string_to_metric_families(gateway.requests[0].body)
        for s in family.samples
    ]
    assert {s.name for s in samples} >= set(TWIN_METRIC_NAMES)
    failures = {
        s.labels["invariant"]: s.value for s in samples if s.name == "cu_twin_invariant_failures"
    }
    assert failures == {name: 0 for name in report["invariants"]}
    sent = {
        s.labels["command_type"]: s.value
        for s in samples
        if s.name == "cu_twin_commands_sent_total"
    }
    assert sent["PostEntry"] > 0
    assert sum(sent.values()) == report["counts"]["commandsSent"]
    assert next(s.value for s in samples if s.name == "cu_twin_invariants_checked") == len(
        report["invariants"]
    )


def _default_sigint() -> None:
    # A shell that starts the test run in the background leaves SIGINT ignored, and an
    # ignored signal stays ignored across exec; Ctrl-C must reach the twin as it would.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_position(core: CoreProcess, position: int, timeout_s: float = 60) -> None:
    api = Api(core.url, core.admin_key)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        head = api.get("/tenants/CU_DIGITAL/chain/head")
        if head.status_code == 200 and head.json()["position"] >= position:
            return
        time.sleep(0.05)
    raise AssertionError(f"the run never reached position {position}")


def test_ctrl_c_during_an_observed_run_stops_the_panel_and_the_twin_promptly(
    tmp_path: Path,
) -> None:
    core = CoreProcess(tmp_path / "core").start()
    args = ("run", "steady-state", "--customers", "60", "--days", "30", "--observe")
    try:
        run = subprocess.Popen(
            [str(TWIN), *args, "--core-url", core.url, "--api-key", core.admin_key],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_default_sigint,  # noqa: PLW1509
        )
        try:
            _wait_for_position(core, 800)  # past the seed: simulating
            interrupted_at = time.monotonic()
            run.send_signal(signal.SIGINT)
            stdout, stderr = run.communicate(timeout=30)
            stopped_after_s = time.monotonic() - interrupted_at
        finally:
            if run.poll() is None:
                run.kill()
    finally:
        core.stop()
    assert run.returncode == 130, stderr[-2000:]
    assert stopped_after_s < 5
    assert "Traceback" not in stderr
    assert TITLE in stdout and "phase simulate" in stdout
    assert "ALL INVARIANTS GREEN" not in stdout
