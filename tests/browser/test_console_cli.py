"""``twin demo`` ends on its own unless asked for the console; with ``--console`` it serves
the console after the run (the session's console is exactly that process)."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from cu_twin.cli import app
from tests.browser.conftest import TENANT, Seeded

pytestmark = pytest.mark.browser


def _option(command: str, name: str) -> Any:
    """A command's option as the CLI parses it (Typer's own click types, read by duck typing)."""
    group: Any = typer.main.get_command(app)
    return next(p for p in group.commands[command].params if p.name == name)


def test_twin_demo_keeps_the_console_off_by_default_so_it_terminates() -> None:
    option = _option("demo", "open_console")
    assert option.default is False
    assert set(option.opts) == {"--console"} and set(option.secondary_opts) == {"--no-console"}


def test_twin_demo_with_console_reports_the_run_then_prints_the_console_url(
    seeded: Seeded,
) -> None:
    output = seeded.console.output
    assert "ALL INVARIANTS GREEN" in output
    assert f"Operator console for {TENANT}: {seeded.console.url}/" in output
    assert output.index("ALL INVARIANTS GREEN") < output.index("Operator console")
    assert seeded.report["passed"] is True
