"""The committed OpenAPI document is the one the server publishes."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from tests.support.core_process import CoreProcess

pytestmark = pytest.mark.both_stores

COMMITTED = Path(__file__).resolve().parents[3] / "openapi.json"


def test_the_committed_openapi_document_equals_the_served_one(core: CoreProcess) -> None:
    served = httpx.get(f"{core.url}/openapi.json").json()
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert served == committed, "run: .venv/bin/turingcore openapi --out openapi.json"


def test_docs_are_served_without_a_key(core: CoreProcess) -> None:
    assert httpx.get(f"{core.url}/docs").status_code == 200
