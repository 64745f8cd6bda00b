"""The SQLite WAL stays bounded under a writer that never pauses.

A passive checkpoint never reaches the end of a WAL that is appended to all the time, so
SQLite never starts it over: at 10,000 members x 30 days it reached 3 GiB, and reads
slowed with it. The checkpointer truncates it once it passes ``wal_reset_bytes``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests.integration.shell_books import ShellBooks
from turingcore.store.sqlite import DB_FILE_NAME, SqliteStore

RESET_BYTES = 512 * 1024
WRITE_FOR_S = 3.0


def _wal_peak_while_writing(data_dir: Path, wal_reset_bytes: int) -> int:
    store = SqliteStore(data_dir, checkpoint_interval_s=0.05, wal_reset_bytes=wal_reset_bytes)
    try:
        books = ShellBooks(store, "CU_WAL")
        _, account = books.ledger()
        wal = data_dir / f"{DB_FILE_NAME}-wal"
        peak, deadline = 0, time.monotonic() + WRITE_FOR_S
        while time.monotonic() < deadline:
            books.post(("GL_SALARY_CLEARING", "DEBIT", "1.00"), (account, "CREDIT", "1.00"))
            peak = max(peak, os.stat(wal).st_size)
        return peak
    finally:
        store.close()


def test_the_wal_is_truncated_once_it_passes_the_limit(tmp_path: Path) -> None:
    unbounded = _wal_peak_while_writing(tmp_path / "unbounded", wal_reset_bytes=2**62)
    bounded = _wal_peak_while_writing(tmp_path / "bounded", wal_reset_bytes=RESET_BYTES)
    # The control run shows the problem is real here: with no limit the WAL keeps growing
    # for as long as the writer writes. With one it is cut back every checkpoint interval
    # (50 ms here), so what it can reach is the limit plus one interval of writing.
    assert unbounded > 40 * RESET_BYTES
    assert bounded < unbounded / 10
