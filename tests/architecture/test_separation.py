"""TC-01 — separation: twin, console and client reach the core only over its public API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.architecture.separation_scan import scan

ROOT = Path(__file__).resolve().parents[2]
OUTSIDE_THE_CORE = [ROOT / "twin/src/cu_twin", ROOT / "client/src/turingcore_client"]


def test_the_import_contracts_hold() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout
    assert "broken" in result.stdout and " 0 broken" in result.stdout


def test_twin_and_client_code_has_no_driver_producer_or_internal_endpoint() -> None:
    assert scan(OUTSIDE_THE_CORE) == []


def test_a_planted_violation_is_caught(tmp_path: Path) -> None:
    planted = tmp_path / "cu_twin_planted"
    planted.mkdir()
    (planted / "sneaky.py").write_text(
        "import sqlite3\n"
        "from turingcore.store.sqlite import SqliteStore\n"
        "from aiokafka import AIOKafkaProducer\n"
        "producer = AIOKafkaProducer()\n"
        "import importlib\n"
        "driver = importlib.import_module('psycopg')\n"
        "CORE_DB = 'postgresql://core.internal:5432/turingcore'\n"
        "ADMIN = 'http://localhost:8080/internal/reset'\n",
        encoding="utf-8",
    )
    whats = sorted(v.what.split(":")[0] for v in scan([planted]))
    assert whats == sorted(
        [
            "imports sqlite3",
            "imports turingcore.store.sqlite",
            "imports aiokafka",
            "imports psycopg",
            "uses AIOKafkaProducer",
            "hard-codes an internal endpoint",
            "hard-codes an internal endpoint",
        ]
    )


def test_a_planted_import_of_the_core_breaks_the_import_contract(tmp_path: Path) -> None:
    """The real import-linter contract, run against a copy of the twin with one bad import."""
    copy = tmp_path / "src"
    copy.mkdir()
    subprocess.run(["cp", "-r", str(ROOT / "twin/src/cu_twin"), str(copy / "cu_twin")], check=True)
    (copy / "cu_twin" / "planted.py").write_text(
        "import turingcore.store.sqlite\n", encoding="utf-8"
    )
    config = tmp_path / ".importlinter"
    config.write_text(
        "[importlinter]\nroot_packages =\n    cu_twin\n    turingcore\n\n"
        "[importlinter:contract:separation]\nname = twin never imports the core\n"
        "type = forbidden\nsource_modules =\n    cu_twin\nforbidden_modules =\n    turingcore\n",
        encoding="utf-8",
    )
    env_path = f"{copy}:{ROOT / 'core/src'}"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--config", str(config)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0, result.stdout
    assert "cu_twin.planted -> turingcore" in result.stdout
