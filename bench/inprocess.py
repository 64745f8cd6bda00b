"""In-process write path: decide + append + project, PostEntry with 2 legs, batches of 1,000.

Baselines measured in the same run on the same machine:
- plain SQLite: exactly the rows the core wrote per posting (event, remembered command,
  two account links, balance updates per batch), inserted with executemany in the same
  transaction sizes: the floor of what the store can do;
- eventsourcing: the same postings as stored events through the ``eventsourcing``
  library's SQLite recorder (what a Python team would otherwise pick).
"""

from __future__ import annotations

import json
import random
import sqlite3
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from bench.common import Figure, Results, timed
from turingcore.app.commands import CommandService
from turingcore.domain.commands import AnyCommand
from turingcore.store.base import Store
from turingcore.store.sqlite import DB_FILE_NAME, SqliteStore, migration_scripts

TENANT = "CU_BENCH"
BATCH = 1_000
ACCOUNTS = 200
COMMANDS: TypeAdapter[Any] = TypeAdapter(AnyCommand)


def _command(
    kind: str, payload: dict[str, Any], tenant: str = TENANT, ts: str = "2025-02-01T09:00:00+11:00"
) -> Any:
    body = {
        "commandId": str(uuid.uuid4()),
        "tenantId": tenant,
        "commandType": kind,
        "actor": {"actorType": "SERVICE", "actorId": "bench"},
        "timestamp": ts,
        "payload": payload,
    }
    return COMMANDS.validate_python(json.loads(json.dumps(body), parse_float=Decimal))


def _books(service: CommandService, tenant: str = TENANT) -> list[str]:
    service.handle(
        tenant,
        _command(
            "CreateTenant",
            {
                "tenantCode": tenant,
                "displayName": "Bench",
                "region": "AU",
                "baseCurrency": "AUD",
                "timeZone": "Australia/Sydney",
            },
            tenant,
        ),
    )
    service.handle(
        tenant,
        _command(
            "UpsertProduct",
            {"productCode": "TXN", "name": "Everyday", "productType": "DEPOSIT"},
            tenant,
        ),
    )
    accounts = []
    for n in range(ACCOUNTS):
        person = {
            "firstName": "M",
            "lastName": f"N{n}",
            "dateOfBirth": "1985-01-01",
            "email": f"m{n}@bench.example",
            "mobile": f"+614915{n:05d}",
        }
        address = {
            "line1": "1 A St",
            "suburb": "Sydney",
            "state": "NSW",
            "postcode": "2000",
            "country": "AU",
        }
        customer = service.handle(
            tenant, _command("CreateCustomer", {"person": person, "address": address}, tenant)
        )
        customer_id = customer.body["result"]["customerId"]  # type: ignore[union-attr]
        opened = service.handle(
            tenant,
            _command(
                "OpenAccount",
                {
                    "customerId": customer_id,
                    "productCode": "TXN",
                    "currency": "AUD",
                    "initialDeposit": "1000000.00",
                },
                tenant,
            ),
        )
        accounts.append(opened.body["result"]["accountId"])  # type: ignore[union-attr]
    return accounts


def _postings(accounts: list[str], n: int, rng: random.Random, tenant: str = TENANT) -> list[Any]:
    return [_posting(accounts, rng, tenant) for _ in range(n)]


def _posting(accounts: list[str], rng: random.Random, tenant: str = TENANT) -> Any:
    amount = f"{rng.randint(500, 20000) / 100:.2f}"
    return _command(
        "PostEntry",
        {
            "bookingDate": "2025-02-01",
            "valueDate": "2025-02-01",
            "currency": "AUD",
            "narrative": "FRESH MART NEWTOWN AU",
            "tags": {"flow": "debit_card_purchase", "mcc": "5411"},
            "legs": [
                {"accountId": rng.choice(accounts), "direction": "DEBIT", "amount": amount},
                {"accountId": "GL_CARD_CLEARING", "direction": "CREDIT", "amount": amount},
            ],
        },
        tenant,
    )


def write_batches(store: Store, postings: int) -> Callable[[], None]:
    """The in-process write path on any store: books set up and postings built here; the
    returned call sends them in batches of 1,000 (the part a benchmark times)."""
    service = CommandService(store, lambda: datetime(2026, 1, 1, tzinfo=UTC))
    accounts = _books(service)
    commands = _postings(accounts, postings, random.Random(1))

    def run() -> None:
        for start in range(0, len(commands), BATCH):
            service.handle_batch(TENANT, commands[start : start + BATCH], atomic=False)

    return run


def store_postings_per_s(store: Store, postings: int) -> float:
    elapsed = timed(write_batches(store, postings))
    store.close()
    return postings / elapsed


def core_postings_per_s(postings: int, folder: Path) -> tuple[float, Path]:
    return store_postings_per_s(SqliteStore(folder), postings), folder / DB_FILE_NAME


def _written_rows(db: Path, skip_positions: int) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT e.tenant_id, e.position, e.event_id, e.event_type, e.stream_id, e.body, e.hash, c.command_id, c.content_hash, c.response "
        "FROM events e JOIN commands c ON c.tenant_id = e.tenant_id AND json_extract(e.body, '$.causationId') = c.command_id "
        "WHERE e.position > ? ORDER BY e.position",
        (skip_positions,),
    ).fetchall()
    conn.close()
    return rows


def plain_inserts_per_s(rows: list[tuple[Any, ...]], folder: Path) -> float:
    """The same rows, the same transaction sizes, straight into the same schema."""
    conn = sqlite3.connect(folder / "plain.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")  # as the core's writer: checkpoints off the path
    for _, _, sql in migration_scripts():
        conn.executescript(sql)
    bodies = [(r, json.loads(r[5])) for r in rows]

    def run() -> None:
        for start in range(0, len(bodies), BATCH):
            chunk = bodies[start : start + BATCH]
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", [r[:7] for r, _ in chunk]
            )
            conn.executemany(
                "INSERT INTO commands VALUES (?, ?, NULL, ?, ?)",
                [(r[0], r[7], r[8], r[9]) for r, _ in chunk],
            )
            links = [
                (r[0], leg["accountId"], r[1])
                for r, body in chunk
                for leg in body["payload"]["legs"]
            ]
            conn.executemany("INSERT OR IGNORE INTO account_events VALUES (?, ?, ?)", links)
            touched = {leg[1] for leg in links}
            conn.executemany(
                "UPDATE accounts SET balance_cents = balance_cents + 1 WHERE tenant_id = ? AND account_id = ?",
                [(TENANT, a) for a in touched],
            )
            conn.execute(
                "UPDATE tenants SET head_position = ? WHERE tenant_id = ?",
                (chunk[-1][0][1], TENANT),
            )
            conn.execute("COMMIT")

    elapsed = timed(run)
    conn.close()
    return len(rows) / elapsed


def eventsourcing_per_s(rows: list[tuple[Any, ...]], folder: Path) -> float:
    from eventsourcing.persistence import StoredEvent  # noqa: PLC0415 - baseline only
    from eventsourcing.sqlite import SQLiteAggregateRecorder, SQLiteDatastore  # noqa: PLC0415

    datastore = SQLiteDatastore(str(folder / "eventsourcing.sqlite3"))
    recorder = SQLiteAggregateRecorder(datastore)
    recorder.create_table()
    events = [StoredEvent(uuid.UUID(r[4]), 1, "bench:EntryPosted", r[5].encode()) for r in rows]

    def run() -> None:
        for start in range(0, len(events), BATCH):
            recorder.insert_events(events[start : start + BATCH])

    return len(events) / timed(run)


def run(postings: int = 20_000) -> Results:
    results = Results("inprocess")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        core_rate, db = core_postings_per_s(postings, folder / "core")
        rows = _written_rows(db, skip_positions=1 + 1 + 3 * ACCOUNTS)
        plain = plain_inserts_per_s(rows, folder)
        es = eventsourcing_per_s(rows, folder)
    results.add(
        Figure(
            "core decide+append+project, PostEntry 2 legs, batches of 1,000",
            core_rate,
            "postings/s",
            "plain SQLite inserts of the same rows",
            plain,
            ">= 15,000/s and >= 0.5 x plain",
        )
    )
    results.add(
        Figure("eventsourcing SQLite recorder, same postings", es, "postings/s", "core", core_rate)
    )
    results.notes = {
        "postings": postings,
        "accounts": ACCOUNTS,
        "batch": BATCH,
        "rowsPerPosting": "1 event, 1 command, 2 account links, balance updates per batch",
    }
    return results


def run_postgres(database_url: str, sqlite_rate: float, postings: int = 20_000) -> Results:
    """The same workload on the PostgreSQL store; baseline: the SQLite rate of this run."""
    from turingcore.store.postgres import PostgresStore  # noqa: PLC0415 - only when available

    results = Results("inprocess-postgresql")
    rate = store_postings_per_s(PostgresStore(database_url), postings)
    results.add(
        Figure(
            "core decide+append+project on PostgreSQL, PostEntry 2 legs, batches of 1,000",
            rate,
            "postings/s",
            "the same on SQLite, this run",
            sqlite_rate,
        )
    )
    results.notes = {"postings": postings, "accounts": ACCOUNTS, "batch": BATCH}
    return results


if __name__ == "__main__":
    outcome = run()
    outcome.print()
    print(f"written {outcome.save()}")
