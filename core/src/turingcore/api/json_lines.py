"""Structured logs: one JSON object per line, appended to a file.

Two logs use it: ``access.log`` (one line per HTTP request; TC-02 reads it) and
``commands.log`` (one line per command, batched or not). What goes in is chosen by the
callers and never includes a key, a request body or a personal field: ids, types,
outcomes, positions, timings.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import orjson


class JsonLines:
    """Appends JSON lines to a file; a ``None`` path turns the log off at no cost."""

    def __init__(self, path: Path | None) -> None:
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("ab")

    @property
    def enabled(self) -> bool:
        return self._file is not None

    def write(self, record: dict[str, Any]) -> None:
        self.write_many((record,))

    def write_many(self, records: Iterable[dict[str, Any]]) -> None:
        """Write the records and flush once: a batch of 1,000 commands is one write."""
        if self._file is None:
            return
        data = b"".join(orjson.dumps(r, option=orjson.OPT_APPEND_NEWLINE) for r in records)
        with self._lock:
            if self._file is not None:
                self._file.write(data)
                self._file.flush()

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None
