"""Reading the deploy/ files the way their tools do: YAML, Dockerfiles, compose services.

Only what the tests need: Dockerfile instructions (continuations joined, comments dropped),
the argv a compose service runs (entrypoint + command, from the service or its image), and
compose's ``${VAR}`` interpolation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy"
COMPOSE_FILE = DEPLOY / "compose.yaml"
DOCKERFILES = sorted((DEPLOY / "docker").glob("*.Dockerfile"))
OPERATIONS_DOC = REPO / "docs" / "operations.md"


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@cache
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = load_yaml(COMPOSE_FILE)
    return loaded


def services() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose()["services"]
    return found


@dataclass(frozen=True)
class Instruction:
    keyword: str
    args: str
    stage: int
    """Index of the build stage (FROM) it belongs to; -1 before the first FROM."""

    def exec_form(self) -> list[str]:
        """The JSON array of an exec-form CMD/ENTRYPOINT/HEALTHCHECK CMD."""
        text = self.args
        if self.keyword == "HEALTHCHECK":
            text = text[text.index("CMD") + len("CMD") :]
        parsed = json.loads(text)
        assert isinstance(parsed, list) and all(isinstance(a, str) for a in parsed), self.args
        return parsed


def instructions(dockerfile: Path) -> list[Instruction]:
    """Logical instructions: continuation lines joined, comment lines dropped."""
    found: list[Instruction] = []
    pending = ""
    stage = -1
    for raw in dockerfile.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        keyword, _, args = (pending + line).partition(" ")
        pending = ""
        keyword = keyword.upper()
        if keyword == "FROM":
            stage += 1
        found.append(Instruction(keyword, " ".join(args.split()), stage))
    assert not pending, f"{dockerfile.name} ends inside a continuation"
    return found


def last(dockerfile: Path, keyword: str) -> Instruction | None:
    """The instruction that takes effect in the final image (the last stage's last one)."""
    found = instructions(dockerfile)
    final = max(i.stage for i in found)
    matching = [i for i in found if i.keyword == keyword and i.stage == final]
    return matching[-1] if matching else None


def copy_sources(dockerfile: Path) -> list[str]:
    """Build-context paths of every COPY/ADD that does not copy from another stage."""
    sources: list[str] = []
    for ins in instructions(dockerfile):
        if ins.keyword not in ("COPY", "ADD"):
            continue
        words = ins.args.split()
        if any(w.startswith("--from=") for w in words):
            continue
        paths = [w for w in words if not w.startswith("--")]
        sources.extend(paths[:-1])
    return sources


def dockerfile_of(service: dict[str, Any]) -> Path | None:
    """The repo's Dockerfile a compose service is built from (None: a third-party image)."""
    build = service.get("build")
    if build is None:
        return None
    context = (DEPLOY / str(build["context"])).resolve()
    return context / str(build.get("dockerfile", "Dockerfile"))


def service_argv(service: dict[str, Any]) -> list[str]:
    """What the container runs: the service's entrypoint/command, else its image's."""
    dockerfile = dockerfile_of(service)
    assert dockerfile is not None, "only services built from this repository"
    entrypoint = service.get("entrypoint")
    if entrypoint is None:
        image_entrypoint = last(dockerfile, "ENTRYPOINT")
        entrypoint = image_entrypoint.exec_form() if image_entrypoint else []
    command = service.get("command")
    if command is None:
        image_cmd = last(dockerfile, "CMD")
        command = image_cmd.exec_form() if image_cmd else []
    assert isinstance(entrypoint, list) and isinstance(command, list), "use exec form"
    return [str(a) for a in entrypoint + command]


def image_argv(dockerfile: Path) -> list[str]:
    entrypoint, cmd = last(dockerfile, "ENTRYPOINT"), last(dockerfile, "CMD")
    return (entrypoint.exec_form() if entrypoint else []) + (cmd.exec_form() if cmd else [])


_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>:?[-?])?(?P<arg>[^}]*)\}")


def interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's ``${VAR}``, ``${VAR:-default}``, ``${VAR:?error}`` and ``$$``."""

    def one(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.group("name"), match.group("op"), match.group("arg")
        value = env.get(name)
        if op in (":?", "?") and not value:
            raise KeyError(f"{name} is required: {arg}")
        if op in (":-", "-") and not value:
            return arg
        return value or ""

    return _VARIABLE.sub(one, text)


def required_variables() -> set[str]:
    """Every variable compose.yaml refuses to start without (``${VAR:?...}``)."""
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    return {m.group("name") for m in _VARIABLE.finditer(text) if m.group("op") == ":?"}


def env_example() -> dict[str, str]:
    values: dict[str, str] = {}
    for line in (DEPLOY / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    return values


def github_anchors(markdown: str) -> set[str]:
    """The anchors GitHub gives a document's headings (lower case, punctuation dropped)."""
    anchors: set[str] = set()
    in_fence = False
    for line in markdown.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        if in_fence or not line.startswith("#"):
            continue
        title = line.lstrip("#").strip().lower()
        slug = re.sub(r"[^\w\- ]", "", title).replace(" ", "-")
        anchors.add(slug)
    return anchors


DASHBOARD_FILE = DEPLOY / "grafana" / "dashboards" / "turingcore-overview.json"
ALERTS_FILE = DEPLOY / "prometheus" / "alerts.yml"


def dashboard() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    return loaded


def dashboard_panels() -> list[dict[str, Any]]:
    """Every panel that shows data (rows left out, panels inside collapsed rows included)."""
    found: list[dict[str, Any]] = []
    for panel in dashboard()["panels"]:
        if panel["type"] == "row":
            found.extend(panel.get("panels", []))
        else:
            found.append(panel)
    return found


def dashboard_exprs() -> list[tuple[str, str]]:
    """(panel title, PromQL) of every target."""
    return [(p["title"], t["expr"]) for p in dashboard_panels() for t in p.get("targets", [])]


def alert_rules() -> list[dict[str, Any]]:
    return [rule for group in load_yaml(ALERTS_FILE)["groups"] for rule in group["rules"]]
