"""Shared fixtures: a real core process per test module, and unique tenants per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.core_process import CoreProcess

_tenant_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CoreProcess]:
    """A running ``turingcore serve`` on a fresh data dir, shared by one test module."""
    data_dir: Path = tmp_path_factory.mktemp("core") / "data"
    process = CoreProcess(data_dir).start()
    yield process
    process.stop()


@pytest.fixture
def tenant_code(request: pytest.FixtureRequest) -> str:
    """A tenant code no other test in this run uses."""
    return f"T_{next(_tenant_numbers):04d}_{abs(hash(request.node.nodeid)) % 10**6:06d}"
