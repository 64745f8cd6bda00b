"""The console's shell: get a tenant:reader key, build the app around a client, serve it.

Given a platform:admin key, the console creates a tenant:reader key for its tenant (and
revokes it when it stops), so the running console never holds more than read access.
Any other key is used as given, once it has proved it can read the tenant.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import uvicorn

from cu_twin.console.app import create_app
from cu_twin.console.settings import ConsoleSettings
from turingcore_client import (
    Client,
    Forbidden,
    NotFound,
    TransportError,
    TuringCoreError,
    Unauthenticated,
)

CONSOLE_TIMEOUT_S = 10.0
CONSOLE_RETRIES = 1
READER_KEY_LABEL = "twin-console (read-only, revoked on exit)"


class ConsoleStartError(RuntimeError):
    """The console cannot start: bad key, unknown tenant, port in use."""


@dataclass(frozen=True)
class ReaderKey:
    """The key the console reads with; ``created_key_id`` is set when the console made it."""

    key: str
    created_key_id: str | None


def _client(core_url: str, key: str) -> Client:
    return Client(core_url, key, timeout_s=CONSOLE_TIMEOUT_S, retries=CONSOLE_RETRIES)


def reader_key_for(core_url: str, api_key: str, tenant_id: str) -> ReaderKey:
    """A key that can read ``tenant_id``: a new tenant:reader key if ``api_key`` is an admin's."""
    with _client(core_url, api_key) as probe:
        try:
            probe.list_api_keys()
        except TransportError as exc:
            raise ConsoleStartError(f"cannot reach the core at {core_url}") from exc
        except Unauthenticated as exc:
            raise ConsoleStartError("the core refused the API key (unknown or revoked)") from exc
        except Forbidden:
            try:
                probe.get_tenant(tenant_id)
            except (Forbidden, NotFound) as exc:
                raise ConsoleStartError(
                    f"the API key cannot read tenant {tenant_id} ({exc.problem.detail})"
                ) from exc
            return ReaderKey(api_key, None)
        try:
            created = probe.create_api_key(
                "tenant:reader", tenant_id=tenant_id, label=READER_KEY_LABEL
            )
        except NotFound as exc:
            raise ConsoleStartError(f"tenant {tenant_id} does not exist on this core") from exc
        return ReaderKey(created.key, created.key_id)


@contextmanager
def reader_key(core_url: str, api_key: str, tenant_id: str) -> Iterator[ReaderKey]:
    """``reader_key_for``, revoking a key the console created when the block ends."""
    key = reader_key_for(core_url, api_key, tenant_id)
    try:
        yield key
    finally:
        if key.created_key_id is not None:
            # The core may be gone or have revoked it already; nothing else to undo.
            with _client(core_url, api_key) as admin, suppress(TuringCoreError):
                admin.revoke_api_key(key.created_key_id)


@contextmanager
def report_file(path: Path | None, body: dict[str, Any]) -> Iterator[Path]:
    """``path`` if given (already written), else ``body`` in a temporary file removed after."""
    if path is not None:
        yield path
        return
    fd, name = tempfile.mkstemp(prefix="cu-twin-run-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(body, indent=2) + "\n")
    try:
        yield Path(name)
    finally:
        Path(name).unlink(missing_ok=True)


def check_port_free(host: str, port: int) -> None:
    """Fail with a clear message (not a uvicorn traceback) when the port is taken."""
    with socket.socket() as sock:
        # As uvicorn does: a port whose last connections are in TIME_WAIT is free to reuse.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise ConsoleStartError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc


class StopRequestedError(Exception):
    """Ctrl-C or SIGTERM: stop serving, running every ``finally`` on the way out."""


@contextmanager
def stop_cleanly_on_signals() -> Iterator[None]:
    """Turn Ctrl-C and SIGTERM into ``StopRequestedError`` while the console runs.

    uvicorn shuts down on the signal, then raises it again for the previous handler; by
    default SIGTERM would then kill the process before the reader key is revoked.
    """

    def stop(signum: int, frame: FrameType | None) -> None:
        raise StopRequestedError(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _log_to_stderr() -> None:
    """The console's own log (reveals of personal data, failures) on stderr, once."""
    log = logging.getLogger("cu_twin.console")
    if not log.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)


def serve_console(
    core_url: str,
    api_key: str,
    *,
    tenant_id: str,
    host: str,
    port: int,
    report_path: Path | None,
    announce: Callable[[str], None],
) -> None:
    """Serve the console until interrupted (Ctrl-C or SIGTERM)."""
    check_port_free(host, port)
    _log_to_stderr()
    settings = ConsoleSettings(tenant_id=tenant_id, report_path=report_path)
    try:
        with (
            stop_cleanly_on_signals(),
            reader_key(core_url, api_key, tenant_id) as key,
            _client(core_url, key.key) as reader,
        ):
            app = create_app(reader, settings, core_url_hint=core_url)
            config = uvicorn.Config(
                app, host=host, port=port, log_level="warning", access_log=False
            )
            kind = "a new tenant:reader key" if key.created_key_id else "the given key"
            announce(
                f"Operator console for {tenant_id}: http://{host}:{port}/  "
                f"(read-only, using {kind}; Ctrl-C to stop)"
            )
            uvicorn.Server(config).run()
    except StopRequestedError:
        pass  # a requested stop; the reader key was revoked on the way out
