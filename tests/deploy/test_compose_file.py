"""deploy/compose.yaml: valid against the Compose Specification, and sound as a stack.

There is no Docker engine here: the schema comes from PyPI (``compose_schema.py``) and
the rest is checked structurally (what ``docker compose config`` and ``up`` would refuse
or get wrong: unknown depends_on targets, waits that can never end, undeclared volumes).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest

from tests.deploy.compose_schema import compose_schema
from tests.deploy.deploy_files import (
    DEPLOY,
    compose,
    dockerfile_of,
    env_example,
    last,
    load_yaml,
    required_variables,
    services,
)

YAML_FILES = sorted([*DEPLOY.rglob("*.yml"), *DEPLOY.rglob("*.yaml")])
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}
SECRET_NAME = re.compile(r"PASSWORD|SECRET|TOKEN|_KEY$")
LOOPBACK_PORT = re.compile(r"^127\.0\.0\.1:(?P<host>\d{1,5}):(?P<container>\d{1,5})$")


def schema_errors(document: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(compose_schema())
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(document)
    ]


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(DEPLOY)))
def test_every_yaml_file_under_deploy_parses_to_a_mapping(path: Path) -> None:
    assert isinstance(load_yaml(path), dict)


def test_compose_file_is_valid_against_the_compose_specification() -> None:
    assert schema_errors(compose()) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("healthcheck", "intervl"), "5s"),
        (("depends_on", "migrate", "condition"), "service_completed"),
        (("restrat",), "always"),
    ],
    ids=["misspelt-healthcheck-key", "unknown-condition", "misspelt-service-key"],
)
def test_the_schema_check_catches_a_broken_compose_file(path: tuple[str, ...], value: str) -> None:
    broken = copy.deepcopy(compose())
    node = broken["services"]["core"]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert schema_errors(broken) != []


def test_every_service_has_an_image_and_built_images_come_from_repo_dockerfiles() -> None:
    for name, service in services().items():
        assert "image" in service, f"{name}: no image"
        dockerfile = dockerfile_of(service)
        if dockerfile is not None:
            assert dockerfile.is_file(), f"{name}: {dockerfile} does not exist"


def _has_healthcheck(service: dict[str, Any]) -> bool:
    check = service.get("healthcheck")
    if check is not None:
        return not check.get("disable", False) and bool(check.get("test"))
    dockerfile = dockerfile_of(service)
    return dockerfile is not None and last(dockerfile, "HEALTHCHECK") is not None


def test_every_dependency_exists_and_its_condition_can_be_met() -> None:
    all_services = services()
    for name, service in all_services.items():
        for target, spec in service.get("depends_on", {}).items():
            assert target in all_services, f"{name} depends on unknown {target}"
            condition = spec["condition"]
            assert condition in CONDITIONS, f"{name} -> {target}: {condition}"
            if condition == "service_healthy":
                assert _has_healthcheck(all_services[target]), f"{target} has no healthcheck"
            if condition == "service_completed_successfully":
                assert all_services[target].get("restart") == "no", f"{target} is not one-shot"
            assert not all_services[target].get("profiles") or service.get("profiles"), (
                f"{name} waits for {target}, which `up` does not start"
            )


def test_every_long_running_service_has_a_healthcheck_with_test_and_interval() -> None:
    for name, service in services().items():
        if service.get("restart") == "no":
            continue
        check = service.get("healthcheck")
        assert check is not None, f"{name}: no healthcheck"
        assert check.get("test") and check.get("interval"), f"{name}: {check}"
        assert check["test"][0] in ("CMD", "CMD-SHELL"), f"{name}: {check['test']}"


def test_named_volumes_are_declared_and_bind_mount_sources_exist() -> None:
    declared = set(compose().get("volumes", {}))
    used: set[str] = set()
    for name, service in services().items():
        for mount in service.get("volumes", []):
            source = mount.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).exists(), f"{name}: {source} does not exist"
            else:
                assert source in declared, f"{name}: volume {source} is not declared"
                used.add(source)
        for network in service.get("networks", []):
            assert network in compose().get("networks", {}), f"{name}: network {network}"
    assert used == declared, f"declared but unused: {declared - used}"


def test_published_ports_are_well_formed_and_bound_to_loopback_only() -> None:
    published: list[str] = []
    for name, service in services().items():
        for port in service.get("ports", []):
            match = LOOPBACK_PORT.match(port)
            assert match, f"{name}: {port!r} is not 127.0.0.1:HOST:CONTAINER"
            assert 0 < int(match["host"]) < 65536 and 0 < int(match["container"]) < 65536
            published.append(match["host"])
    assert len(published) == len(set(published)), f"a host port is published twice: {published}"


def test_secrets_are_required_from_the_environment_and_never_written_in_the_file() -> None:
    for name, service in services().items():
        for key, value in service.get("environment", {}).items():
            if SECRET_NAME.search(key):
                assert str(value).startswith("${") and ":?" in str(value), f"{name}.{key}"
            if "://" in str(value) and "@" in str(value):
                userinfo = str(value).split("://", 1)[1].split("@", 1)[0]
                assert ":${" in userinfo, f"{name}.{key}: a password written in a URL"
    assert required_variables(), "compose.yaml should require its secrets"


def test_env_example_names_every_required_variable_with_a_placeholder_only() -> None:
    example = env_example()
    assert required_variables() <= set(example), required_variables() - set(example)
    for name, value in example.items():
        assert value.startswith("change-me"), f"{name} holds something other than a placeholder"
    assert ".env" in (DEPLOY / ".gitignore").read_text(encoding="utf-8").split()
