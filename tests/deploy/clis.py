"""The real CLIs as click objects: ``turingcore`` (the core) and ``twin`` (twin, console)."""

from __future__ import annotations

import click
import typer.main

from cu_twin.cli import app as twin_app
from turingcore.cli import cli as turingcore_app

PROGRAMS: dict[str, click.Group] = {
    "turingcore": typer.main.get_command(turingcore_app),  # type: ignore[dict-item]
    "twin": typer.main.get_command(twin_app),  # type: ignore[dict-item]
}
