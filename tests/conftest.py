"""Shared fixtures: a real core process per test module, and unique tenants per test.

Core processes run on the embedded SQLite store unless a test or module is marked
``both_stores``: then each test runs twice, ``[sqlite]`` and ``[postgres]``, the second on a
fresh database of the session's PostgreSQL server (``tests/support/postgres.py``, started
on first use). Only tests that take ``core`` or ``core_store`` are run twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.core_process import CoreProcess, CoreStore
from tests.support.postgres import PostgresCluster, start_cluster

_tenant_numbers = itertools.count(1)
STORE_KINDS = ("sqlite", "postgres")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "both_stores: run the test's core processes on SQLite and on PostgreSQL"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if (
        "core_store" in metafunc.fixturenames
        and metafunc.definition.get_closest_marker("both_stores") is not None
    ):
        metafunc.parametrize("core_store", STORE_KINDS, indirect=True, scope="module")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """One real PostgreSQL server for the whole session, removed at its end."""
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture(scope="module")
def core_store(request: pytest.FixtureRequest) -> CoreStore:
    """SQLite, or (for ``both_stores`` tests) each store in turn."""
    kind = getattr(request, "param", "sqlite")
    if kind == "sqlite":
        return CoreStore(kind)
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    return CoreStore(kind, lambda: cluster.create_database().service_url)


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory, core_store: CoreStore) -> Iterator[CoreProcess]:
    """A running ``turingcore serve`` on a fresh store, shared by one test module."""
    data_dir: Path = tmp_path_factory.mktemp("core") / "data"
    process = core_store.process(data_dir).start()
    yield process
    process.stop()


@pytest.fixture
def tenant_code(request: pytest.FixtureRequest) -> str:
    """A tenant code no other test in this run uses."""
    return f"T_{next(_tenant_numbers):04d}_{abs(hash(request.node.nodeid)) % 10**6:06d}"
