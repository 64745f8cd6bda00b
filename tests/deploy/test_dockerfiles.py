"""deploy/docker/*.Dockerfile: what they copy exists and reaches the build context, the
final image runs as a non-root user with the pinned uv, and each server has a
HEALTHCHECK on a route it really serves. (The commands themselves: test_cli_commands.py.)"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from tests.deploy import dockerignore
from tests.deploy.deploy_files import (
    DOCKERFILES,
    REPO,
    copy_sources,
    image_argv,
    instructions,
    last,
)

IGNORED = dockerignore.load(REPO)
SERVERS = {"core.Dockerfile": "turingcore", "console.Dockerfile": "cu-twin"}
PACKAGE_DIRS = {"turingcore": "core", "cu-twin": "twin"}
by_name = pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)


def test_there_is_one_image_per_runnable_part() -> None:
    assert [p.name for p in DOCKERFILES] == [
        "console.Dockerfile",
        "core.Dockerfile",
        "twin.Dockerfile",
    ]


def _files_under(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    return [p for p in source.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


@by_name
def test_every_copied_path_exists_and_is_not_kept_out_by_dockerignore(dockerfile: Path) -> None:
    sources = copy_sources(dockerfile)
    assert sources, "nothing is copied"
    for source in sources:
        files = _files_under(REPO / source)
        assert files, f"{source} does not exist (or is empty)"
        for file in files:
            relative = file.relative_to(REPO).as_posix()
            assert not dockerignore.excluded(IGNORED, relative), f"{relative} is ignored"


@pytest.mark.parametrize(
    "path",
    [
        ".venv/bin/python",
        ".tools/bin/uv",
        ".git/HEAD",
        "data/turingcore.sqlite3",
        "deploy/.env",
        "tests/conftest.py",
        "core/src/turingcore/__pycache__/cli.cpython-311.pyc",
        "twin/src/cu_twin/console/__pycache__/app.cpython-311.pyc",
    ],
)
def test_dockerignore_keeps_local_state_and_secrets_out_of_the_context(path: str) -> None:
    assert dockerignore.excluded(IGNORED, path)


@pytest.mark.parametrize(
    ("patterns", "path", "expected"),
    [
        ("*\n!core/src\n", "core/src/a/b.py", False),
        ("*\n!core/src\n", "core/other.py", True),
        ("!core/src\n*\n", "core/src/a/b.py", True),
        ("**/__pycache__\n", "a/b/__pycache__/c.pyc", True),
        ("docs/*.md\n", "docs/sub/x.md", False),
    ],
)
def test_the_dockerignore_reader_follows_docker_rules(
    patterns: str, path: str, expected: bool
) -> None:
    assert dockerignore.excluded(dockerignore.parse(patterns), path) is expected


@by_name
def test_the_final_image_runs_as_a_non_root_user(dockerfile: Path) -> None:
    user = last(dockerfile, "USER")
    assert user is not None, "no USER: the image would run as root"
    assert user.args.split(":")[0] not in ("root", "0")


@by_name
def test_the_build_uses_the_uv_scripts_setup_pins_and_the_frozen_lock(dockerfile: Path) -> None:
    setup = (REPO / "scripts" / "setup").read_text(encoding="utf-8")
    pinned = re.search(r'^UV_VERSION="([^"]+)"', setup, re.MULTILINE)
    assert pinned is not None
    args = [i.args for i in instructions(dockerfile) if i.keyword == "ARG"]
    assert f"UV_VERSION={pinned.group(1)}" in args
    syncs = [i.args for i in instructions(dockerfile) if "uv sync" in i.args]
    assert syncs and all("--frozen" in s and "--no-dev" in s for s in syncs)


@by_name
def test_the_base_image_python_is_one_the_workspace_supports(dockerfile: Path) -> None:
    base = next(i.args for i in instructions(dockerfile) if i.keyword == "ARG")
    version = re.fullmatch(r"PYTHON_IMAGE=python:3\.(\d+)-slim-\w+", base)
    assert version is not None, base
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    low, high = re.findall(r"3\.(\d+)", project["requires-python"])
    assert int(low) <= int(version.group(1)) < int(high)
    stages = [i.args for i in instructions(dockerfile) if i.keyword == "FROM"]
    assert all(s.startswith("${PYTHON_IMAGE}") for s in stages), "one Python for every stage"


def _package(dockerfile: Path) -> str:
    sync = next(i.args for i in instructions(dockerfile) if "uv sync" in i.args)
    found = re.search(r"--package (\S+)", sync)
    assert found is not None
    return found.group(1)


@by_name
def test_the_entrypoint_is_a_console_script_of_the_package_installed(dockerfile: Path) -> None:
    package = _package(dockerfile)
    manifest = REPO / PACKAGE_DIRS[package] / "pyproject.toml"
    scripts = tomllib.loads(manifest.read_text(encoding="utf-8"))["project"]["scripts"]
    entrypoint = last(dockerfile, "ENTRYPOINT")
    assert entrypoint is not None
    assert entrypoint.exec_form()[0] in scripts


@pytest.mark.parametrize("name", sorted(SERVERS))
def test_each_server_image_checks_its_health_on_a_route_it_serves(name: str) -> None:
    dockerfile = REPO / "deploy" / "docker" / name
    check = last(dockerfile, "HEALTHCHECK")
    assert check is not None
    assert re.search(r"--interval=\d+s", check.args) and re.search(r"--timeout=\d+s", check.args)
    url = re.search(r"http://127\.0\.0\.1:(\d+)(/\S*?)'", " ".join(check.exec_form()))
    assert url is not None, check.args
    argv = image_argv(dockerfile)
    assert url.group(1) == argv[argv.index("--port") + 1], "checks a port it does not serve"
    path = url.group(2)
    if SERVERS[name] == "turingcore":
        assert path in json.loads((REPO / "openapi.json").read_text(encoding="utf-8"))["paths"]
    else:
        static = REPO / "twin" / "src" / "cu_twin" / "console" / "static"
        assert (static / path.removeprefix("/static/")).is_file()
