"""Start and stop a real ``turingcore serve`` process on loopback for end-to-end tests."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

READY_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0
TURINGCORE = Path(sys.executable).parent / "turingcore"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class CoreProcess:
    data_dir: Path
    admin_key: str = field(default_factory=lambda: "tck_test_" + secrets.token_hex(16))
    port: int = field(default_factory=free_port)
    extra_env: dict[str, str] = field(default_factory=dict)
    database_url: str | None = None
    """Serve from this PostgreSQL database (the service role's URL) instead of SQLite."""
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> CoreProcess:
        env = {**os.environ, "TURINGCORE_ADMIN_KEY": self.admin_key, **self.extra_env}
        log = (self.data_dir.parent / f"{self.data_dir.name}.server.log").open("ab")
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [
                str(TURINGCORE),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--data-dir",
                str(self.data_dir),
                *(["--database-url", self.database_url] if self.database_url else []),
            ],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + READY_TIMEOUT_S
        with httpx.Client(timeout=1.0) as http:  # one client (and TLS context) for all probes
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"turingcore exited with {self.proc.returncode}")
                try:
                    if http.get(f"{self.url}/health/ready").status_code == 200:
                        return self
                except httpx.TransportError:
                    pass
                time.sleep(0.05)
        raise RuntimeError("turingcore did not become ready")

    def stop(self, sig: int = signal.SIGTERM) -> int:
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode

    def restart(self) -> CoreProcess:
        self.stop()
        return self.start()


@dataclass(frozen=True)
class CoreStore:
    """The store a test's core processes run on: SQLite, or a fresh PostgreSQL database each."""

    kind: str
    new_database_url: Callable[[], str] | None = None

    def process(self, data_dir: Path, extra_env: dict[str, str] | None = None) -> CoreProcess:
        """A core process (not yet started) on this store."""
        url = None if self.new_database_url is None else self.new_database_url()
        return CoreProcess(data_dir, extra_env=extra_env or {}, database_url=url)
