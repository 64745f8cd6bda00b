"""An embedded core for a twin run without ``--core-url``: a ``turingcore serve`` subprocess.

The twin never imports the core; it starts the installed ``turingcore`` command on a free
loopback port with a throwaway data directory and its own admin key, and stops it after.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import httpx

READY_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0
LOOPBACK = "127.0.0.1"


class EmbeddedCoreError(RuntimeError):
    """The embedded core could not be started."""


def _turingcore_command() -> str:
    sibling = Path(sys.executable).parent / "turingcore"
    if sibling.exists():
        return str(sibling)
    found = shutil.which("turingcore")
    if found is None:
        raise EmbeddedCoreError("the turingcore command is not installed; run scripts/setup")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class EmbeddedCore:
    """Context manager: ``with EmbeddedCore() as core: core.url, core.admin_key``."""

    data_dir: Path | None = None
    keep_data: bool = False

    def __post_init__(self) -> None:
        self.admin_key = "tck_embedded_" + secrets.token_urlsafe(24)
        self.port = _free_port()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def __enter__(self) -> EmbeddedCore:
        if self.data_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="cu-twin-core-")
            self.data_dir = Path(self._tmp.name)
        log_path = self.data_dir / "embedded-core.log"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "TURINGCORE_ADMIN_KEY": self.admin_key}
        with log_path.open("ab") as log:
            self._proc = subprocess.Popen(  # noqa: S603 - the installed turingcore command
                [
                    _turingcore_command(),
                    "serve",
                    "--host",
                    LOOPBACK,
                    "--port",
                    str(self.port),
                    "--data-dir",
                    str(self.data_dir),
                ],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._wait_ready(log_path)
        return self

    def _wait_ready(self, log_path: Path) -> None:
        assert self._proc is not None
        deadline = time.monotonic() + READY_TIMEOUT_S
        # One client for every probe: building one (and its TLS context) per probe burned a
        # CPU the starting core needed.
        with httpx.Client(timeout=1.0) as http:
            while time.monotonic() < deadline:
                if self._proc.poll() is not None:
                    raise EmbeddedCoreError(
                        f"the embedded core exited early; see {log_path}:\n{log_path.read_text()[-2000:]}"
                    )
                try:
                    if http.get(f"{self.url}/health/ready").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        self.stop()
        raise EmbeddedCoreError(f"the embedded core was not ready within {READY_TIMEOUT_S:.0f} s")

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            self._proc.send_signal(signal.SIGTERM)
            try:
                self._proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
        if self._tmp is not None and not self.keep_data:
            self._tmp.cleanup()
