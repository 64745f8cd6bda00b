"""Every command an image or a compose service runs is one the real CLIs accept.

Each command (the image's ENTRYPOINT + CMD, or the compose service's override) is run with
``--help`` appended through the installed console script: click rejects an unknown
subcommand or option before it prints help, and every flag used must be in that help.
Its values are then parsed by the same click command in-process (types, choices), and the
environment compose gives the service is checked to be read by that command.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import click
import pytest

from tests.deploy.clis import PROGRAMS
from tests.deploy.deploy_files import DOCKERFILES, dockerfile_of, image_argv, service_argv, services
from turingcore.config import Settings

BIN = Path(sys.executable).parent
HELP_ENV = {**os.environ, "COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1"}


def _commands() -> list[Any]:
    found = [pytest.param(image_argv(p), {}, id=f"image-{p.stem}") for p in DOCKERFILES]
    for name, service in services().items():
        if dockerfile_of(service) is not None:
            env = service.get("environment", {})
            found.append(pytest.param(service_argv(service), env, id=f"compose-{name}"))
    return found


COMMANDS = _commands()
each_command = pytest.mark.parametrize(("argv", "env"), COMMANDS)


def _subcommand(argv: list[str]) -> tuple[click.Command, list[str]]:
    group = PROGRAMS[argv[0]]
    if len(argv) < 2 or argv[1].startswith("-"):
        return group, argv[1:]
    command = group.commands.get(argv[1])
    assert command is not None, f"{argv[0]} has no subcommand {argv[1]}"
    return command, argv[2:]


def test_every_image_and_every_compose_service_built_here_is_covered() -> None:
    built = [name for name, s in services().items() if dockerfile_of(s) is not None]
    assert len(COMMANDS) == len(DOCKERFILES) + len(built)
    assert {"migrate", "core", "console", "twin"} <= set(built)


@each_command
def test_the_program_is_an_installed_console_script(argv: list[str], env: dict[str, str]) -> None:
    assert argv[0] in PROGRAMS
    assert (BIN / argv[0]).is_file(), f"{argv[0]} is not installed in {BIN}"


def _help_argv(argv: list[str]) -> tuple[str, ...]:
    full = [str(BIN / argv[0]), *argv[1:]]
    return tuple(full if "--help" in full else [*full, "--help"])


def _run(argv: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, check=False, capture_output=True, text=True, env=HELP_ENV, timeout=60
    )


@pytest.fixture(scope="module")
def helps() -> dict[tuple[str, ...], subprocess.CompletedProcess[str]]:
    """Each distinct command run once with --help, concurrently (each start takes a second)."""
    distinct = sorted({_help_argv(p.values[0]) for p in COMMANDS})
    with ThreadPoolExecutor(max_workers=len(distinct)) as pool:
        return dict(zip(distinct, pool.map(_run, distinct), strict=True))


@each_command
def test_the_real_cli_accepts_the_command_and_documents_every_flag(
    argv: list[str], env: dict[str, str], helps: dict[tuple[str, ...], Any]
) -> None:
    result = helps[_help_argv(argv)]
    assert result.returncode == 0, result.stderr
    for flag in (a.split("=", 1)[0] for a in argv[1:] if a.startswith("--")):
        assert re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", result.stdout), flag


@each_command
def test_every_value_parses_as_the_cli_expects(argv: list[str], env: dict[str, str]) -> None:
    command, rest = _subcommand(argv)
    if "--help" in rest:
        return
    context = command.make_context(argv[0], list(rest))
    assert context.params, "parsed to nothing"


def _variables_read(argv: list[str]) -> set[str]:
    command, _ = _subcommand(argv)
    read = {
        name
        for param in command.params
        for name in ([param.envvar] if isinstance(param.envvar, str) else param.envvar or [])
    }
    if argv[0] == "turingcore":
        prefix = Settings.model_config.get("env_prefix", "")
        read |= {f"{prefix}{field}".upper() for field in Settings.model_fields}
    return read


@each_command
def test_every_variable_compose_sets_is_one_the_command_reads(
    argv: list[str], env: dict[str, str]
) -> None:
    unread = set(env) - _variables_read(argv)
    assert not unread, f"{argv[:2]} does not read {sorted(unread)}"
