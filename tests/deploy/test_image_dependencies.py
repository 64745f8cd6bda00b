"""An image installs one package with ``uv sync --package X``: only X's locked dependency
closure, not the whole workspace. Every third-party module X's code imports must be in that
closure, or the image fails at start while the workspace's tests (which see every
package's dependencies) pass.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Any

import pytest

from tests.deploy.deploy_files import DOCKERFILES, REPO, instructions

SOURCES = {
    "turingcore": ("turingcore", REPO / "core" / "src" / "turingcore"),
    "turingcore-client": ("turingcore_client", REPO / "client" / "src" / "turingcore_client"),
    "cu-twin": ("cu_twin", REPO / "twin" / "src" / "cu_twin"),
}
"""Workspace package -> (its import name, its source folder)."""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def locked() -> dict[str, dict[str, Any]]:
    lock = tomllib.loads((REPO / "uv.lock").read_text(encoding="utf-8"))
    return {normalise(p["name"]): p for p in lock["package"]}


def closure(package: str) -> set[str]:
    """Every distribution ``uv sync --package`` installs for ``package`` (markers ignored)."""
    seen: set[str] = set()
    pending: list[tuple[str, tuple[str, ...]]] = [(normalise(package), ())]
    while pending:
        name, extras = pending.pop()
        if name in seen and not extras:
            continue
        seen.add(name)
        entry = locked()[name]
        requirements = list(entry.get("dependencies", []))
        optional = entry.get("optional-dependencies", {})
        for extra in extras:
            requirements.extend(optional.get(extra, []))
        for requirement in requirements:
            pending.append((normalise(requirement["name"]), tuple(requirement.get("extra", ()))))
    return seen


def _runtime_imports(tree: ast.AST) -> set[str]:
    """Top-level modules imported, leaving out ``if TYPE_CHECKING:`` blocks."""
    found: set[str] = set()
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def third_party_imports(folder: Path) -> set[str]:
    modules: set[str] = set()
    for source in folder.rglob("*.py"):
        modules |= _runtime_imports(ast.parse(source.read_text(encoding="utf-8")))
    return modules - set(sys.stdlib_module_names) - {"__future__"}


@cache
def _installed_modules() -> Mapping[str, list[str]]:
    return packages_distributions()


def providers(module: str) -> set[str]:
    own = {import_name: package for package, (import_name, _) in SOURCES.items()}
    if module in own:
        return {own[module]}
    return {normalise(d) for d in _installed_modules().get(module, [])}


def missing_from(modules: set[str], installed: set[str]) -> dict[str, set[str]]:
    """The modules no installed distribution provides -> the distributions that would."""
    return {m: providers(m) for m in sorted(modules) if not providers(m) & installed}


def unavailable(package: str) -> dict[str, set[str]]:
    """What ``package``, or a workspace package it pulls in, imports without having it."""
    installed = closure(package)
    missing: dict[str, set[str]] = {}
    for member in sorted(installed & set(SOURCES)):
        missing |= missing_from(third_party_imports(SOURCES[member][1]), installed)
    return missing


def image_package(dockerfile: Path) -> str:
    sync = next(i.args for i in instructions(dockerfile) if "uv sync" in i.args)
    found = re.search(r"--package (\S+)", sync)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_every_module_the_image_imports_is_installed_in_it(dockerfile: Path) -> None:
    assert unavailable(image_package(dockerfile)) == {}


@pytest.mark.parametrize("module", ["psycopg", "sqlalchemy", "turingcore"])
def test_the_twin_image_has_no_database_driver_and_no_core(module: str) -> None:
    installed = closure("cu-twin")
    assert providers(module), f"{module} is not installed in the workspace at all"
    assert not providers(module) & installed


def test_the_check_reports_an_import_the_installed_closure_lacks() -> None:
    twin_imports = third_party_imports(SOURCES["cu-twin"][1])
    assert missing_from(twin_imports, closure("cu-twin")) == {}
    # The twin once imported prometheus_client while only the core declared it.
    undeclared = closure("cu-twin") - {"prometheus-client"}
    assert missing_from(twin_imports, undeclared) == {"prometheus_client": {"prometheus-client"}}
    assert "jinja2" in missing_from(twin_imports, closure("turingcore-client"))
