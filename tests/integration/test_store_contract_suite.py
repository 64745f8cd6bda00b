"""The store contract (``turingcore.store.base``), one abstract suite run against every store.

``StoreContract`` holds the tests; each adapter's subclass only says how to open a store
(``TestSqliteStore``, ``TestPostgresStore``). Every test works in a tenant of its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.shell_books import ShellBooks, build, legs
from tests.support.postgres import PostgresCluster
from turingcore.app.outcomes import Accepted
from turingcore.app.queries import trial_balance, verify
from turingcore.domain.snapshot import Needs
from turingcore.domain.state import TenantState
from turingcore.projections.changes import TenantRow
from turingcore.store.base import Rollback, Store
from turingcore.store.chain import GENESIS_HASH
from turingcore.store.postgres import PostgresStore
from turingcore.store.records import ChainHead, SealedEvent, StoredCommand
from turingcore.store.sqlite import SqliteStore

ODD_TEXT = '{"note":"Zoë ☕ \\u0000 \\"quoted\\"","position":1,"space":"  two  "}'


def _positions(rows: list[tuple[str, str]]) -> list[int]:
    return [json.loads(body)["position"] for body, _ in rows]


def _sealed(tenant: str, position: int, body: str, digest: str) -> SealedEvent:
    return SealedEvent(tenant, position, f"e-{position}", "TenantCreated", tenant, body, digest, {})


def _tenant_row(tenant: str) -> TenantRow:
    return TenantRow(tenant, {"tenantId": tenant, "baseCurrency": "AUD", "timeZone": "UTC"})


class StoreContract:
    """Behaviour every store adapter must show; subclasses provide the ``store`` fixture."""

    @pytest.fixture
    def books(self, store: Store, tenant_code: str) -> ShellBooks:
        return ShellBooks(store, tenant_code)

    def test_an_unknown_tenant_has_no_state_and_the_genesis_head(
        self, store: Store, tenant_code: str
    ) -> None:
        with store.write(tenant_code) as tx:
            assert tx.tenant() is None
            assert tx.head() == ChainHead(0, GENESIS_HASH)
        assert store.tenant_record(tenant_code) is None
        assert store.chain_head(tenant_code) == ChainHead(0, GENESIS_HASH)
        assert store.events_after(tenant_code, 0, 10) == []
        assert store.products(tenant_code) == []

    def test_appended_events_read_back_as_the_exact_text_and_move_the_head(
        self, store: Store, tenant_code: str
    ) -> None:
        event = _sealed(tenant_code, 1, ODD_TEXT, "a" * 64)
        with store.write(tenant_code) as tx:
            command = StoredCommand("c-1", None, "h", {"position": 1, "text": "Zoë"})
            tx.append([event], [_tenant_row(tenant_code)], command)
            assert tx.head() == ChainHead(1, "a" * 64)
        assert store.events_after(tenant_code, 0, 10) == [(ODD_TEXT, "a" * 64)]
        assert list(store.iter_events(tenant_code, 1)) == [(1, ODD_TEXT, "a" * 64)]
        assert store.chain_head(tenant_code) == ChainHead(1, "a" * 64)
        with store.write(tenant_code) as tx:
            assert tx.head() == ChainHead(1, "a" * 64)
            assert tx.tenant() == TenantState(tenant_code, "AUD", "UTC")
            assert tx.find_command("c-1", None) == command

    def test_the_feed_pages_by_position_and_the_chain_verifies(self, books: ShellBooks) -> None:
        _, account = books.ledger()
        for _ in range(5):
            books.post(("GL_SALARY_CLEARING", "DEBIT", "1.00"), (account, "CREDIT", "1.00"))
        head = books.store.chain_head(books.tenant)
        assert head.position == 10
        assert _positions(books.store.events_after(books.tenant, 2, 3)) == [3, 4, 5]
        assert _positions(books.store.events_after(books.tenant, 8, 1000)) == [9, 10]
        walked = [p for p, _, _ in books.store.iter_events(books.tenant, head.position)]
        assert walked == list(range(1, 11))
        assert verify(books.store, books.tenant).valid

    def test_a_command_is_found_by_its_id_or_its_key_and_the_id_wins(
        self, store: Store, tenant_code: str
    ) -> None:
        first = StoredCommand("c-1", "key-1", "h1", {"n": 1})
        second = StoredCommand("c-2", "key-2", "h2", {"n": 2})
        with store.write(tenant_code) as tx:
            tx.append([], [_tenant_row(tenant_code)], first)
            assert tx.find_command("c-1", None) == first  # buffered, before COMMIT
        with store.write(tenant_code) as tx:
            tx.append([], [], second)
        with store.write(tenant_code) as tx:
            assert tx.find_command("c-1", None) == first
            assert tx.find_command("c-9", "key-1") == first
            assert tx.find_command("c-2", "key-1") == second
            assert tx.find_command("c-9", None) is None
            assert tx.find_command("c-9", "key-9") is None

    def test_a_prefetched_batch_answers_as_the_single_lookups_do(
        self, store: Store, tenant_code: str
    ) -> None:
        first = StoredCommand("c-1", "key-1", "h1", {"n": 1})
        second = StoredCommand("c-2", "key-2", "h2", {"n": 2})
        with store.write(tenant_code) as tx:
            tx.append([], [_tenant_row(tenant_code)], first)
            tx.append([], [], second)
        asked = [
            ("c-1", None),
            ("c-9", "key-1"),
            ("c-2", "key-1"),
            ("c-9", None),
            ("c-9", "key-9"),
        ]
        with store.write(tenant_code) as tx:
            single = [tx.find_command(command_id, key) for command_id, key in asked]
        with store.write(tenant_code) as tx:
            tx.prefetch_commands(asked)
            batched = [tx.find_command(command_id, key) for command_id, key in asked]
            assert tx.find_command("c-2", None) == second  # not prefetched: asks the store
            third = StoredCommand("c-3", "key-9", "h3", {"n": 3})
            tx.append([], [], third)
            assert tx.find_command("c-9", "key-9") == third  # written in this transaction
        assert batched == single == [first, first, second, None, None]

    @pytest.mark.parametrize("signal", [Rollback, RuntimeError])
    def test_a_transaction_left_by_an_exception_writes_nothing(
        self, store: Store, tenant_code: str, signal: type[Exception]
    ) -> None:
        with pytest.raises(signal), store.write(tenant_code) as tx:
            tx.append(
                [_sealed(tenant_code, 1, ODD_TEXT, "b" * 64)],
                [_tenant_row(tenant_code)],
                StoredCommand("c-1", "k", "h", {}),
            )
            raise signal
        assert store.tenant_record(tenant_code) is None
        assert store.events_after(tenant_code, 0, 10) == []
        with store.write(tenant_code) as tx:
            assert tx.find_command("c-1", "k") is None
            assert tx.head() == ChainHead(0, GENESIS_HASH)

    def test_an_atomic_batch_with_a_refusal_writes_nothing(self, books: ShellBooks) -> None:
        _, account = books.ledger()
        head = books.store.chain_head(books.tenant)
        good = build(
            books.tenant,
            "PostEntry",
            legs(("GL_ATM_CASH", "DEBIT", "5.00"), (account, "CREDIT", "5.00")),
        )
        overdraft = build(
            books.tenant,
            "PostEntry",
            legs((account, "DEBIT", "999.00"), ("GL_ATM_CASH", "CREDIT", "999.00")),
        )
        refused = books.service.handle_batch(books.tenant, [good, overdraft], atomic=True)
        assert not isinstance(refused, list)
        assert books.store.chain_head(books.tenant) == head
        record = books.store.account(books.tenant, account)
        assert record is not None and record.balance_cents == 10_000

    def test_projections_follow_the_events(self, books: ShellBooks) -> None:
        customer_id, account = books.ledger()
        books.product("SAVER", constraints={"maxBalance": "50.00"})
        saver = books.open_account(customer_id, "SAVER")
        books.post((account, "DEBIT", "30.00"), (saver, "CREDIT", "30.00"))
        store, t = books.store, books.tenant

        assert [p["productCode"] for p in store.products(t)] == ["SAVER", "TXN"]
        saver_product = store.product(t, "SAVER")
        assert saver_product is not None and saver_product["constraints"]["maxBalance"] == "50.00"
        customer = store.customer(t, customer_id)
        assert customer is not None and customer["externalRef"] == "CUST-000001"
        members = store.accounts(
            t, kind="MEMBER", customer_id=None, product_code=None, limit=50, offset=0
        )
        assert [a.account_id for a in members.items] == [account, saver] and members.total == 2
        assert (
            store.accounts(
                t, kind="GL", customer_id=None, product_code=None, limit=50, offset=0
            ).total
            == 11
        )
        only_saver = store.accounts(
            t, kind="MEMBER", customer_id=customer_id, product_code="SAVER", limit=50, offset=0
        )
        assert [a.account_id for a in only_saver.items] == [saver]
        txn = store.account(t, account)
        assert txn is not None and (txn.balance_cents, txn.debit_cents, txn.credit_cents) == (
            7_000,
            3_000,
            10_000,
        )
        assert txn.record["productCode"] == "TXN" and txn.kind == "MEMBER"
        history = store.account_events(t, account, limit=1, offset=1)
        assert history.total == 3 and json.loads(history.items[0][0])["eventType"] == "EntryPosted"
        every = store.all_accounts(t)
        assert [a.kind for a in every[:2]] == ["MEMBER", "MEMBER"] and len(every) == 13
        balance = trial_balance(store, t)
        assert balance["balanced"] is True and balance["totals"]["debits"] == "130.00"

    def test_an_account_stream_pages_by_offset_in_position_order(self, books: ShellBooks) -> None:
        _, account = books.ledger()
        for n in range(7):  # interleaved with another account's events
            books.post(
                (account, "DEBIT", f"0.0{n + 1}"), ("GL_CARD_CLEARING", "CREDIT", f"0.0{n + 1}")
            )
            books.post(
                ("GL_SALARY_CLEARING", "DEBIT", "1.00"), ("GL_NPP_CLEARING", "CREDIT", "1.00")
            )
        whole = books.store.account_events(books.tenant, account, limit=100, offset=0)
        positions = [json.loads(body)["position"] for body, _ in whole.items]
        assert positions == sorted(positions) and len(positions) == whole.total
        paged = []
        for offset in range(0, whole.total, 3):
            page = books.store.account_events(books.tenant, account, limit=3, offset=offset)
            assert page.total == whole.total
            paged += page.items
        assert paged == whole.items
        beyond = books.store.account_events(books.tenant, account, limit=3, offset=whole.total)
        assert beyond.items == [] and beyond.total == whole.total

    def test_balances_accumulate_across_commands_of_one_batch(self, books: ShellBooks) -> None:
        _, account = books.ledger()
        salary = legs(("GL_SALARY_CLEARING", "DEBIT", "2.50"), (account, "CREDIT", "2.50"))
        spend = legs((account, "DEBIT", "1.25"), ("GL_CARD_CLEARING", "CREDIT", "1.25"))
        batch = [build(books.tenant, "PostEntry", p) for p in (salary, spend, salary)]
        outcomes = books.service.handle_batch(books.tenant, batch, atomic=False)
        assert isinstance(outcomes, list) and all(isinstance(o, Accepted) for o in outcomes)
        record = books.store.account(books.tenant, account)
        assert record is not None
        assert (record.balance_cents, record.debit_cents, record.credit_cents) == (
            10_375,
            125,
            10_500,
        )

    def test_customer_search_filters_and_treats_wildcards_literally(
        self, books: ShellBooks
    ) -> None:
        books.create_tenant()
        for n in (1, 2, 3):
            books.customer(n)
        page = books.store.customers(
            books.tenant, limit=2, offset=0, q=None, segment=None, status=None
        )
        assert page.total == 3 and [c["externalRef"] for c in page.items] == [
            "CUST-000001",
            "CUST-000002",
        ]
        found = books.store.customers(
            books.tenant, limit=50, offset=0, q="MEMBER2", segment=None, status=None
        )
        assert [c["externalRef"] for c in found.items] == ["CUST-000002"]
        for wildcard in ("%", "_", "\\"):
            assert (
                books.store.customers(
                    books.tenant, limit=50, offset=0, q=wildcard, segment=None, status=None
                ).total
                == 0
            )
        active = books.store.customers(
            books.tenant, limit=50, offset=0, q=None, segment=None, status="ACTIVE"
        )
        assert active.total == 3

    def test_load_returns_what_exists_and_which_customer_keys_are_taken(
        self, books: ShellBooks
    ) -> None:
        customer_id, account = books.ledger()
        with books.store.write(books.tenant) as tx:
            snapshot = tx.load(
                Needs(
                    product_codes=("TXN", "NOPE"),
                    customer_ids=(customer_id, "missing"),
                    account_ids=(account, "GL_ATM_CASH", "missing"),
                    customer_keys=("alex.member1@gmail.example", "+61400000000", "CUST-000001"),
                )
            )
        assert set(snapshot.products) == {"TXN"}
        assert set(snapshot.customers) == {customer_id}
        assert set(snapshot.accounts) == {account, "GL_ATM_CASH"}
        assert snapshot.accounts[account].balance_cents == 10_000
        assert snapshot.taken_customer_keys == {"email", "externalRef"}

    def test_api_keys_are_stored_listed_replaced_and_revoked(
        self, store: Store, tenant_code: str
    ) -> None:
        key_id = f"key-{tenant_code}"
        store.put_api_key(
            key_id, f"hash-{tenant_code}", "tenant:reader", tenant_code, "r", "2026-01-01T00:00:00Z"
        )
        record = store.api_key_by_hash(f"hash-{tenant_code}")
        assert record is not None and (record.key_id, record.tenant_id, record.revoked_at) == (
            key_id,
            tenant_code,
            None,
        )
        assert key_id in [k.key_id for k in store.api_keys()]
        assert store.revoke_api_key(key_id, "2026-01-02T00:00:00Z") is True
        assert store.revoke_api_key(key_id, "2026-01-03T00:00:00Z") is False
        revoked = store.api_key_by_hash(f"hash-{tenant_code}")
        assert revoked is not None and revoked.revoked_at == "2026-01-02T00:00:00Z"
        store.put_api_key(
            key_id,
            f"new-{tenant_code}",
            "tenant:operator",
            tenant_code,
            None,
            "2026-01-04T00:00:00Z",
        )
        assert store.api_key_by_hash(f"hash-{tenant_code}") is None
        replaced = store.api_key_by_hash(f"new-{tenant_code}")
        assert replaced is not None and (replaced.scope, replaced.revoked_at) == (
            "tenant:operator",
            None,
        )
        assert store.revoke_api_key("no-such-key", "2026-01-05T00:00:00Z") is False

    def test_one_tenant_never_reads_another_through_the_queries(self, books: ShellBooks) -> None:
        customer_id, account = books.ledger()
        other = books.tenant + "_B"
        ShellBooks(books.store, other).create_tenant()
        store = books.store
        assert store.account(other, account) is None
        assert store.customer(other, customer_id) is None
        assert store.product(other, "TXN") is None
        assert store.account_events(other, account, limit=10, offset=0).total == 0
        assert store.events_after(other, 1, 10) == []
        assert store.chain_head(other).position == 1

    def test_a_key_holding_a_nul_character_matches_nothing(self, books: ShellBooks) -> None:
        customer_id, account = books.ledger()
        store, t, nul = books.store, books.tenant, "\x00"
        assert store.tenant_record(t + nul) is None
        assert store.chain_head(t + nul) == ChainHead(0, GENESIS_HASH)
        assert store.events_after(t + nul, 0, 10) == []
        assert store.account(t, account + nul) is None
        assert store.customer(t, customer_id + nul) is None
        assert store.product(t, "TXN" + nul) is None
        assert store.account_events(t, nul, limit=10, offset=0).total == 0
        assert store.api_key_by_hash(nul) is None
        with store.write(t + nul) as tx:
            assert tx.tenant() is None

    def test_a_fresh_store_is_ready(self, store: Store) -> None:
        store.ping()
        assert store.pending_migrations() == []


class TestSqliteStore(StoreContract):
    @pytest.fixture(scope="class")
    @classmethod
    def store(cls, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
        sqlite = SqliteStore(tmp_path_factory.mktemp("sqlite-contract"))
        yield sqlite
        sqlite.close()


class TestPostgresStore(StoreContract):
    @pytest.fixture(scope="class")
    @classmethod
    def store(cls, pg_cluster: PostgresCluster) -> Iterator[Store]:
        postgres = PostgresStore(pg_cluster.create_database().service_url)
        yield postgres
        postgres.close()


def test_both_stores_give_the_same_events_and_read_models_byte_for_byte(
    tmp_path: Path, pg_cluster: PostgresCluster
) -> None:
    sqlite = SqliteStore(tmp_path)
    postgres = PostgresStore(pg_cluster.create_database().service_url)
    try:
        seen = []
        for store in (sqlite, postgres):
            books = ShellBooks(store, "CU_PARITY")
            books.create_tenant()
            books.product("TXN")
            for n in (1, 2):
                customer_id = books.customer(n)
                account = books.open_account(customer_id, "TXN", "10.00")
                books.post((account, "DEBIT", "2.00"), ("GL_CARD_CLEARING", "CREDIT", "2.00"))
            seen.append(
                (
                    store.events_after("CU_PARITY", 0, 1000),
                    store.chain_head("CU_PARITY"),
                    [
                        (a.account_id, a.balance_cents, a.record)
                        for a in store.all_accounts("CU_PARITY")
                    ],
                    store.customers(
                        "CU_PARITY", limit=10, offset=0, q=None, segment=None, status=None
                    ),
                    store.products("CU_PARITY"),
                    store.tenant_record("CU_PARITY"),
                )
            )
        assert seen[0] == seen[1]
        assert len(seen[0][0]) == 10
    finally:
        sqlite.close()
        postgres.close()
