"""The Compose Specification's JSON schema, fetched from PyPI at test time (not committed).

check-jsonschema ships the compose-spec schema among its vendored schemas. The wheel is
downloaded once with pip (the one scripts/setup puts in ``.tools/``), pinned by version and
SHA-256, into a cache directory; the schema is read from inside the wheel.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

from tests.deploy.deploy_files import REPO

PACKAGE = "check-jsonschema==0.39.0"
WHEEL = "check_jsonschema-0.39.0-py3-none-any.whl"
WHEEL_SHA256 = "14ce5c94871c551268ea948ffe21e9f1464dc48fb20bf9a4c13deeaaf756cf9b"
SCHEMA_MEMBER = "check_jsonschema/builtin_schemas/vendor/compose-spec.json"
DOWNLOAD_TIMEOUT_S = 180


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "turingcore-tests"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pip() -> list[str]:
    python = REPO / ".tools" / "bin" / "python"
    if not python.exists():
        raise RuntimeError(f"{python} not found: run scripts/setup (it installs pip there)")
    return [str(python), "-m", "pip"]


def _download(into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    requirements = into / "compose-schema-requirements.txt"
    requirements.write_text(f"{PACKAGE} --hash=sha256:{WHEEL_SHA256}\n", encoding="utf-8")
    subprocess.run(
        [
            *_pip(),
            "download",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--only-binary",
            ":all:",
            "--require-hashes",
            "--dest",
            str(into),
            "--requirement",
            str(requirements),
        ],
        check=True,
        timeout=DOWNLOAD_TIMEOUT_S,
    )


def compose_schema() -> dict[str, Any]:
    wheel = cache_dir() / WHEEL
    if not wheel.exists() or _sha256(wheel) != WHEEL_SHA256:
        wheel.unlink(missing_ok=True)
        _download(cache_dir())
    assert _sha256(wheel) == WHEEL_SHA256, f"{wheel} does not have the pinned hash"
    with zipfile.ZipFile(wheel) as archive:
        schema: dict[str, Any] = json.loads(archive.read(SCHEMA_MEMBER))
    return schema
